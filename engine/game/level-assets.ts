// What a level needs streamed, in the order the player needs it: the first playable frame (the palette,
// every tile a 640x480 screen around the start shows on each drawn plane with its parallax, the
// player's frames and animations, and the images of the objects on that screen), then everything else
// of the level by distance from the start. Each item is an AssetRequest for the AssetStreamer, with a
// priority: 'frame' for the first screen, 'area' within two screens, 'background' beyond.
import type { AssetRequest, Priority } from '../streaming/asset-streamer.js';
import type { RezEntry } from '../streaming/formats/rez-archive.js';
import type { WwdLevel, WwdObject, WwdPlane } from '../streaming/formats/types.js';
import type { LevelSource } from './level-source.js';

const PLANE_NO_DRAW = 2;
const PLANE_WRAP_X = 4;
const PLANE_WRAP_Y = 8;

export type LevelAssetKind = 'palette' | 'tile' | 'image' | 'ani';

export interface LevelAsset {
  path: string;
  kind: LevelAssetKind;
  /** Bytes in the archive. */
  size: number;
  /** Pixels from the start (main-plane coordinates) to the nearest place that shows it. */
  distance: number;
  request: AssetRequest;
}

export interface LevelAssets {
  /** What the first playable frame needs (priority 'frame'). */
  firstFrame: LevelAsset[];
  /** Everything else of the level, nearest first ('area', then 'background'). */
  rest: LevelAsset[];
  firstFrameBytes: number;
  totalBytes: number;
}

export interface LevelAssetsOptions {
  /** The archive's name for the streamer: AssetSource { archive, path } (its URL). */
  archive: string;
  /** The screen, in pixels (default 640 x 480). */
  screenWidth?: number;
  screenHeight?: number;
  /** Distance (px) up to which the rest is 'area' rather than 'background' (default two screen widths). */
  areaDistance?: number;
}

/** The camera's top-left for a screen centred on (x, y), kept inside the plane (main-plane pixels). */
export function cameraAt(plane: WwdPlane, x: number, y: number, width: number, height: number): { x: number; y: number } {
  const cx = Math.min(Math.max(0, Math.round(x - width / 2)), Math.max(0, plane.pixelWidth - width));
  const cy = Math.min(Math.max(0, Math.round(y - height / 2)), Math.max(0, plane.pixelHeight - height));
  return { x: cx, y: cy };
}

/**
 * Calls `visit` for every non-empty cell of `plane` that a width x height camera at (cx, cy) (main-plane
 * pixels) sees: the plane scrolls by movementPercent and repeats when it wraps.
 */
export function forEachScreenTile(
  plane: WwdPlane, cx: number, cy: number, width: number, height: number, visit: (tile: number, col: number, row: number) => void,
): void {
  if (plane.tileWidth <= 0 || plane.tileHeight <= 0 || plane.tilesX <= 0 || plane.tilesY <= 0) return;
  const ox = Math.floor((cx * plane.movementPercentX) / 100);
  const oy = Math.floor((cy * plane.movementPercentY) / 100);
  const wrapX = (plane.flags & PLANE_WRAP_X) !== 0;
  const wrapY = (plane.flags & PLANE_WRAP_Y) !== 0;
  for (let ty = Math.floor(oy / plane.tileHeight); ty <= Math.floor((oy + height - 1) / plane.tileHeight); ty++) {
    const row = wrapY ? mod(ty, plane.tilesY) : ty;
    if (row < 0 || row >= plane.tilesY) continue;
    for (let tx = Math.floor(ox / plane.tileWidth); tx <= Math.floor((ox + width - 1) / plane.tileWidth); tx++) {
      const col = wrapX ? mod(tx, plane.tilesX) : tx;
      if (col < 0 || col >= plane.tilesX) continue;
      const tile = plane.tiles[row * plane.tilesX + col]!;
      if (tile >= 0) visit(tile, col, row);
    }
  }
}

/** The drawn planes of a level (not flagged "no draw"), as indices of wwd.planes. */
export function drawnPlaneIndices(wwd: WwdLevel): number[] {
  const out: number[] = [];
  wwd.planes.forEach((p, i) => {
    if ((p.flags & PLANE_NO_DRAW) === 0 && p.tilesX > 0 && p.tilesY > 0) out.push(i);
  });
  return out;
}

/** The asset lists of a level for the streamer (see the file's comment). */
export function levelAssets(source: LevelSource, options: LevelAssetsOptions): LevelAssets {
  const width = options.screenWidth ?? 640;
  const height = options.screenHeight ?? 480;
  const area = options.areaDistance ?? 2 * width;
  const { wwd } = source;
  const main = wwd.planes[source.mainPlane];
  const startX = wwd.header.startX;
  const startY = wwd.header.startY;
  const cam = main === undefined ? { x: 0, y: 0 } : cameraAt(main, startX, startY, width, height);
  const palette = { archive: options.archive, path: source.palettePath };

  const first = new Map<string, LevelAsset>();
  const rest = new Map<string, LevelAsset>();
  const put = (into: Map<string, LevelAsset>, entry: RezEntry | string, kind: LevelAssetKind, distance: number): void => {
    const path = typeof entry === 'string' ? entry : entry.path;
    if (first.has(path)) return;
    const known = into.get(path);
    if (known !== undefined) {
      known.distance = Math.min(known.distance, distance);
      return;
    }
    let size = typeof entry === 'string' ? -1 : entry.size;
    if (size < 0) {
      if (!source.archive.has(path)) return; // the level names a file the archive lacks: nothing to stream
      size = source.archive.stat(path).size;
    }
    const request: AssetRequest = kind === 'image' || kind === 'tile'
      ? { source: { archive: options.archive, path }, decode: 'image', palette }
      : { source: { archive: options.archive, path }, decode: 'raw' };
    into.set(path, { path, kind, size, distance, request });
    if (into === first) rest.delete(path);
  };
  const putSet = (into: Map<string, LevelAsset>, setName: string, distance: number): void => {
    for (const frame of source.imageSetFrames(setName)) put(into, frame, 'image', distance);
    for (const ani of source.setAnis(setName)) put(into, ani, 'ani', distance);
  };

  // The first screen.
  put(first, source.palettePath, 'palette', 0);
  for (const p of drawnPlaneIndices(wwd)) {
    forEachScreenTile(wwd.planes[p]!, cam.x, cam.y, width, height, (tile) => put(first, source.tilePath(p, tile), 'tile', 0));
  }
  putSet(first, source.playerSet, 0);
  const objects = main?.objects ?? [];
  const drops = dropSets(objects);
  for (const o of objects) {
    const onScreen = o.x >= cam.x && o.x < cam.x + width && o.y >= cam.y && o.y < cam.y + height;
    if (!onScreen) continue;
    if (o.imageSet !== '') putSet(first, o.imageSet, 0);
    const drop = drops.get(o.powerup); // a crate's treasure shows the moment the crate breaks
    if (isCrate(o.logic) && drop !== undefined) putSet(first, drop, 0);
  }

  // The rest, by distance from the start: tiles at the main-plane position of their cell.
  wwd.planes.forEach((plane, p) => {
    if (!drawnPlaneIndices(wwd).includes(p)) return;
    const fx = plane.movementPercentX > 0 ? 100 / plane.movementPercentX : 1;
    const fy = plane.movementPercentY > 0 ? 100 / plane.movementPercentY : 1;
    for (let row = 0; row < plane.tilesY; row++) {
      for (let col = 0; col < plane.tilesX; col++) {
        const tile = plane.tiles[row * plane.tilesX + col]!;
        if (tile < 0) continue;
        const x = ((col + 0.5) * plane.tileWidth) * fx;
        const y = ((row + 0.5) * plane.tileHeight) * fy;
        put(rest, source.tilePath(p, tile), 'tile', Math.round(Math.hypot(x - startX, y - startY)));
      }
    }
  });
  for (const o of objects) {
    if (o.imageSet !== '') putSet(rest, o.imageSet, Math.round(Math.hypot(o.x - startX, o.y - startY)));
  }

  const restList = [...rest.values()].sort((a, b) => a.distance - b.distance || (a.path < b.path ? -1 : 1));
  const firstList = [...first.values()];
  for (const a of firstList) a.request.priority = 'frame';
  for (const a of restList) a.request.priority = (a.distance <= area ? 'area' : 'background') satisfies Priority;
  const firstFrameBytes = firstList.reduce((s, a) => s + a.size, 0);
  return { firstFrame: firstList, rest: restList, firstFrameBytes, totalBytes: firstFrameBytes + restList.reduce((s, a) => s + a.size, 0) };
}

// The image set each treasure variant uses in this level (the first treasure of that variant): the set
// names differ between the demo (LEVEL_COIN) and the original (GAME_TREASURE_COINS), the core's rule for
// the variant does not (the set's name contains COIN, GEM or CHALICE).
function dropSets(objects: readonly WwdObject[]): Map<number, string> {
  const sets = new Map<number, string>();
  for (const o of objects) {
    if (!/treasure|powerup/i.test(o.logic) || o.imageSet === '') continue;
    const name = o.imageSet.toUpperCase();
    const variant = name.includes('CHALICE') ? 3 : name.includes('GEM') ? 2 : name.includes('COIN') ? 1 : 0;
    if (variant !== 0 && !sets.has(variant)) sets.set(variant, o.imageSet);
  }
  return sets;
}

function isCrate(logic: string): boolean {
  return /crate/i.test(logic);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
