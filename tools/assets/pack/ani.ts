// anis/<NAME>.json -> ANI (LEGACY-FORMATS.md "ANI animation"): a 32-byte header, the image-set path
// without a NUL, then 20-byte frames; a frame with an event has eventFlag 2 and its name after it.
import { ByteBuffer, latin1 } from './bytes.js';
import { AssetError } from './errors.js';
import type { Fields } from './json.js';

const HEADER = 32;
const FRAME = 20;
const EVENT_FLAG = 2;
const U16_MAX = 0xffff;

export interface AniFrameSpec {
  image: number;
  ms: number;
  event?: string;
}

export interface AniSpec {
  /** The image-set path as stored, e.g. LEVEL_PLAYER. */
  imageSet: string;
  frames: AniFrameSpec[];
}

/** The animation of a source file; `setName` turns its SET into the stored path. */
export function aniSpec(json: Fields, setName: (set: string) => string): { set: string; spec: AniSpec } {
  const set = json.str('imageSet');
  const frames = json.objects('frames').map((f): AniFrameSpec => {
    const image = f.int('image');
    const ms = f.int('ms');
    if (image < 1 || image > U16_MAX) throw new AssetError(f.file, `${f.where}image ${image} is not 1..65535`);
    if (ms < 0 || ms > U16_MAX) throw new AssetError(f.file, `${f.where}ms ${ms} is not 0..65535`);
    const event = f.optStr('event');
    return event === undefined ? { image, ms } : { image, ms, event };
  });
  if (frames.length === 0) throw new AssetError(json.file, 'an animation needs at least one frame');
  return { set, spec: { imageSet: setName(set), frames } };
}

export function writeAni(spec: AniSpec): Uint8Array {
  const out = new ByteBuffer();
  const path = latin1(spec.imageSet);
  out.alloc(HEADER);
  out.u32(12, spec.frames.length);
  out.u32(16, path.length);
  out.append(spec.imageSet, false);
  for (const frame of spec.frames) {
    const at = out.alloc(FRAME);
    out.u16(at, frame.event === undefined ? 0 : EVENT_FLAG);
    out.u16(at + 8, frame.image);
    out.u16(at + 10, frame.ms);
    if (frame.event !== undefined) out.append(frame.event);
  }
  return out.result();
}
