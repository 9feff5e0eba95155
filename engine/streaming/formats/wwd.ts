// WWD levels over the core's readers: the header of the raw file, the host's half of the format
// (inflating the zlib body with DecompressionStream into the rebuilt image), and the planes, objects
// and tile descriptions of the image as records.
import {
  WWD_HEADER_WORDS as HEADER_WORDS, WWD_OBJECT_WORDS as OBJECT_WORDS, WWD_PLANE_WORDS as PLANE_WORDS,
  WWD_TILE_DESC_WORDS as TILE_DESC_WORDS,
} from '../../wasm/exports.js';
import { FormatCore, latin1 } from './core.js';
import { MalformedFormatError, TruncatedFormatError } from './errors.js';
import type { WwdHeader, WwdLevel, WwdObject, WwdPlane, WwdRect, WwdTileDescription } from './types.js';

const FLAG_COMPRESSED = 2;

/** Reads fields in order from a row of u32 words (signed ones through `i`). */
class Words {
  private at = 0;
  constructor(private readonly w: Uint32Array, private readonly bytes: Uint8Array, start = 0) { this.at = start; }
  u(): number { return this.w[this.at++]!; }
  i(): number { return this.w[this.at++]! | 0; }
  text(): string {
    const offset = this.u();
    const length = this.u();
    return latin1(this.bytes, offset, length);
  }
  rect(): WwdRect { return { left: this.i(), top: this.i(), right: this.i(), bottom: this.i() }; }
}

function header(words: Uint32Array, bytes: Uint8Array): WwdHeader {
  const r = new Words(words, bytes);
  return {
    signature: r.u(), flags: r.u(),
    levelName: r.text(), author: r.text(), birth: r.text(), rezFile: r.text(), imageDirectory: r.text(),
    palettePath: r.text(), launchApp: r.text(),
    imageSets: [r.text(), r.text(), r.text(), r.text()],
    prefixes: [r.text(), r.text(), r.text(), r.text()],
    startX: r.i(), startY: r.i(), numPlanes: r.u(), planesOffset: r.u(), tileDescriptionsOffset: r.u(),
    mainBlockLength: r.u(), checksum: r.u(),
  };
}

export function wwdHeader(core: FormatCore, raw: Uint8Array): WwdHeader {
  const inPtr = core.copyIn(raw);
  const out = core.aux.reserve(HEADER_WORDS * 4);
  core.ok(core.abi.oc_wwd_header(inPtr, raw.length, out), 'wwd', 'reading the WWD header');
  return header(core.words(out, HEADER_WORDS), raw);
}

/** The size the rebuilt image of a raw file has. */
function imageSize(h: WwdHeader): number {
  return h.planesOffset + h.mainBlockLength;
}

/** True when `bytes` is a raw file whose body still needs inflating. */
export function needsInflating(h: WwdHeader, bytes: Uint8Array): boolean {
  return (h.flags & FLAG_COMPRESSED) !== 0 && bytes.length !== imageSize(h);
}

export async function inflateWwd(core: FormatCore, raw: Uint8Array): Promise<Uint8Array> {
  const h = wwdHeader(core, raw);
  if ((h.flags & FLAG_COMPRESSED) === 0) return raw.slice();
  // Chunks are kept as they come and joined at the end: the header's mainBlockLength (up to 256 MiB)
  // is a claim of a 1.5 KB header, so nothing that large is allocated before the body proves it.
  const chunks: Uint8Array[] = [];
  let inflated = 0;
  const stream = new Blob([raw.subarray(h.planesOffset) as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (inflated + value.length > h.mainBlockLength) {
        await reader.cancel();
        throw new MalformedFormatError(`the WWD body inflates past its mainBlockLength ${h.mainBlockLength}`, 'wwd');
      }
      chunks.push(value);
      inflated += value.length;
    }
  } catch (err) {
    if (err instanceof MalformedFormatError) throw err;
    const error = new MalformedFormatError(`the WWD body is not a valid zlib stream: ${(err as Error).message ?? String(err)}`, 'wwd');
    (error as { cause?: unknown }).cause = err;
    throw error;
  }
  if (inflated !== h.mainBlockLength) {
    throw new TruncatedFormatError(`the WWD body inflates to ${inflated} of ${h.mainBlockLength} bytes`, 'wwd');
  }
  const image = new Uint8Array(imageSize(h));
  image.set(raw.subarray(0, h.planesOffset));
  let at = h.planesOffset;
  for (const chunk of chunks) {
    image.set(chunk, at);
    at += chunk.length;
  }
  return image;
}

function plane(w: Uint32Array, image: Uint8Array): Omit<WwdPlane, 'tiles' | 'imageSets' | 'objects'> {
  const r = new Words(w, image);
  return {
    offset: r.u(), signature: r.u(), flags: r.u(), name: r.text(),
    pixelWidth: r.u(), pixelHeight: r.u(), tileWidth: r.u(), tileHeight: r.u(), tilesX: r.u(), tilesY: r.u(),
    movementPercentX: r.i(), movementPercentY: r.i(), fillColor: r.u(), imageSetsCount: r.u(), objectsCount: r.u(),
    tilesOffset: r.u(), imageSetsOffset: r.u(), objectsOffset: r.u(), z: r.i(), tilesCount: r.u(),
  };
}

function object(w: Uint32Array, image: Uint8Array, row: number): WwdObject {
  const r = new Words(w, image, row * OBJECT_WORDS);
  return {
    offset: r.u(), id: r.i(), x: r.i(), y: r.i(), z: r.i(), i: r.i(),
    addFlags: r.u(), dynamicFlags: r.u(), drawFlags: r.u(), userFlags: r.u(),
    score: r.i(), points: r.i(), powerup: r.i(), damage: r.i(), smarts: r.i(), health: r.i(),
    moveRect: r.rect(), hitRect: r.rect(), attackRect: r.rect(), clipRect: r.rect(), userRect1: r.rect(), userRect2: r.rect(),
    userValues: [r.i(), r.i(), r.i(), r.i(), r.i(), r.i(), r.i(), r.i()],
    minX: r.i(), minY: r.i(), maxX: r.i(), maxY: r.i(), speedX: r.i(), speedY: r.i(), tweakX: r.i(), tweakY: r.i(),
    counter: r.i(), speed: r.i(), width: r.i(), height: r.i(),
    direction: r.i(), faceDir: r.i(), timeDelay: r.i(), frameDelay: r.i(),
    objectType: r.u(), hitTypeFlags: r.u(), moveResX: r.i(), moveResY: r.i(),
    name: r.text(), logic: r.text(), imageSet: r.text(), sound: r.text(),
  };
}

function tileDescription(w: Uint32Array, row: number): WwdTileDescription {
  const r = new Words(w, new Uint8Array(0), row * TILE_DESC_WORDS);
  return {
    type: r.u(), unknown: r.u(), width: r.u(), height: r.u(), insideAttrib: r.u(), outsideAttrib: r.u(), rect: r.rect(),
  };
}

export async function readWwd(core: FormatCore, rawOrImage: Uint8Array): Promise<WwdLevel> {
  const first = wwdHeader(core, rawOrImage);
  const image = needsInflating(first, rawOrImage) ? await inflateWwd(core, rawOrImage) : rawOrImage;
  const abi = core.abi;
  const inPtr = core.copyIn(image);
  const len = image.length;
  let out = core.aux.reserve(HEADER_WORDS * 4);
  core.ok(abi.oc_wwd_image(inPtr, len, out), 'wwd', 'reading the WWD image');
  const h = header(core.words(out, HEADER_WORDS), image);

  const planes: WwdPlane[] = [];
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  for (let index = 0; index < h.numPlanes; index++) {
    out = core.aux.reserve(PLANE_WORDS * 4);
    core.ok(abi.oc_wwd_plane(inPtr, len, index, out), 'wwd', `reading plane ${index}`);
    const p = plane(core.words(out, PLANE_WORDS), image);
    // The core checked that tilesCount words at tilesOffset lie inside the image.
    const tiles = new Int32Array(p.tilesCount);
    for (let t = 0; t < p.tilesCount; t++) tiles[t] = view.getInt32(p.tilesOffset + t * 4, true);

    out = core.output.reserve(Math.max(p.imageSetsCount, 1) * 8);
    core.ok(abi.oc_wwd_image_sets(inPtr, len, index, out, p.imageSetsCount), 'wwd', `reading the image sets of plane ${index}`);
    const pairs = core.words(out, p.imageSetsCount * 2);
    const imageSets: string[] = [];
    for (let s = 0; s < p.imageSetsCount; s++) imageSets.push(latin1(image, pairs[2 * s]!, pairs[2 * s + 1]!));

    out = core.output.reserve(Math.max(p.objectsCount, 1) * OBJECT_WORDS * 4);
    core.ok(abi.oc_wwd_objects(inPtr, len, index, out, p.objectsCount), 'wwd', `reading the objects of plane ${index}`);
    const rows = core.words(out, p.objectsCount * OBJECT_WORDS);
    const objects: WwdObject[] = [];
    for (let o = 0; o < p.objectsCount; o++) objects.push(object(rows, image, o));
    planes.push({ ...p, tiles, imageSets, objects });
  }

  const count = abi.oc_wwd_tile_descriptions(inPtr, len, 0, 0) >>> 0;
  core.ok(core.lastStatus(), 'wwd', 'reading the tile descriptions');
  out = core.output.reserve(Math.max(count, 1) * TILE_DESC_WORDS * 4);
  abi.oc_wwd_tile_descriptions(inPtr, len, out, count);
  core.ok(core.lastStatus(), 'wwd', 'reading the tile descriptions');
  const rows = core.words(out, count * TILE_DESC_WORDS);
  const tileDescriptions: WwdTileDescription[] = [];
  for (let d = 0; d < count; d++) tileDescriptions.push(tileDescription(rows, d));
  return { header: h, planes, tileDescriptions };
}
