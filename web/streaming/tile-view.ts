// Which tiles of a WWD level a camera sees: for each drawn tile plane, the tile images under a
// viewport (with the plane's parallax, movementPercent, and its x-wrap), as archive paths
// ("<imageDirectory>/<ACTION|BACK|FRONT>/NNN.PID", LEGACY-FORMATS.md) and screen positions.
import type { WwdLevel, WwdPlane } from '../../engine/streaming/formats/types.js';

const PLANE_FLAG_NO_DRAW = 2;
const PLANE_FLAG_WRAP_X = 4;
const FOLDERS: Record<string, string> = { background: 'BACK', action: 'ACTION', front: 'FRONT' };

export interface TileCell {
  /** The plane's index among the drawn planes. */
  plane: number;
  /** Archive path of the tile image. */
  path: string;
  /** Screen position of the tile's top-left corner. */
  x: number;
  y: number;
}

export interface DrawnPlane {
  plane: WwdPlane;
  folder: string;
}

export function drawnPlanes(level: WwdLevel): DrawnPlane[] {
  return level.planes
    .filter((p) => (p.flags & PLANE_FLAG_NO_DRAW) === 0 && p.tilesX > 0 && p.tilesY > 0)
    .map((plane) => ({ plane, folder: FOLDERS[plane.name.toLowerCase()] ?? plane.name.toUpperCase() }));
}

export function tilePath(level: WwdLevel, folder: string, tile: number): string {
  const dir = level.header.imageDirectory.replace(/\\/g, '/').replace(/\/+$/, '');
  return `${dir.startsWith('/') ? dir : `/${dir}`}/${folder}/${String(tile).padStart(3, '0')}.PID`;
}

/** The tiles a width x height viewport at camera (cx, cy) (in main-plane pixels) sees, back to front. */
export function visibleTiles(level: WwdLevel, planes: DrawnPlane[], cx: number, cy: number, width: number, height: number): TileCell[] {
  const cells: TileCell[] = [];
  planes.forEach(({ plane, folder }, index) => {
    const ox = Math.floor((cx * plane.movementPercentX) / 100);
    const oy = Math.floor((cy * plane.movementPercentY) / 100);
    const tw = plane.tileWidth;
    const th = plane.tileHeight;
    const wrap = (plane.flags & PLANE_FLAG_WRAP_X) !== 0;
    for (let ty = Math.floor(oy / th); ty <= Math.floor((oy + height - 1) / th); ty++) {
      if (ty < 0 || ty >= plane.tilesY) continue;
      for (let tx = Math.floor(ox / tw); tx <= Math.floor((ox + width - 1) / tw); tx++) {
        const col = wrap ? ((tx % plane.tilesX) + plane.tilesX) % plane.tilesX : tx;
        if (col < 0 || col >= plane.tilesX) continue;
        const tile = plane.tiles[ty * plane.tilesX + col]!;
        if (tile < 0) continue;
        cells.push({ plane: index, path: tilePath(level, folder, tile), x: tx * tw - ox, y: ty * th - oy });
      }
    }
  });
  return cells;
}
