// A level (.WWD) in the archive browser: its header, a row per plane (name, size in tiles, tile size,
// parallax, objects) and a minimap of the main plane's tile grid, one block of MINIMAP_PX per tile.
// The body is inflated by the browser's DecompressionStream (Formats.readWwd): the core links no zlib.
import type { Formats, RezArchive, WwdPlane } from '../../engine/index.js';
import type { FileView } from './archive-views.js';
import { el, fmtInt } from './dom.js';

const MINIMAP_PX = 2;
const MAIN_PLANE = 1;

/** A tile id's colour on the minimap: ids spread over the hue circle, empty tiles left clear. */
function tileColour(id: number): [number, number, number] {
  const hue = ((id * 47) % 360) / 60;
  const x = 1 - Math.abs((hue % 2) - 1);
  const [r, g, b] = hue < 1 ? [1, x, 0] : hue < 2 ? [x, 1, 0] : hue < 3 ? [0, 1, x] : hue < 4 ? [0, x, 1] : hue < 5 ? [x, 0, 1] : [1, 0, x];
  return [60 + r * 160, 60 + g * 160, 60 + b * 160];
}

function minimap(plane: WwdPlane): HTMLCanvasElement {
  const canvas = el('canvas', { class: 'rez-minimap', testid: 'rez-minimap' });
  canvas.width = plane.tilesX * MINIMAP_PX;
  canvas.height = plane.tilesY * MINIMAP_PX;
  canvas.dataset.plane = plane.name;
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0 || canvas.height === 0) return canvas;
  const image = ctx.createImageData(canvas.width, canvas.height);
  for (let ty = 0; ty < plane.tilesY; ty++) {
    for (let tx = 0; tx < plane.tilesX; tx++) {
      const id = plane.tiles[ty * plane.tilesX + tx] ?? -1;
      if (id < 0) continue;
      const [r, g, b] = tileColour(id);
      for (let py = 0; py < MINIMAP_PX; py++) {
        for (let px = 0; px < MINIMAP_PX; px++) {
          const o = ((ty * MINIMAP_PX + py) * canvas.width + tx * MINIMAP_PX + px) * 4;
          image.data[o] = r;
          image.data[o + 1] = g;
          image.data[o + 2] = b;
          image.data[o + 3] = 255;
        }
      }
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

export async function wwdView(formats: Formats, archive: RezArchive, path: string): Promise<FileView> {
  const level = await formats.readWwd(await archive.read(path));
  const h = level.header;
  const rows = level.planes.map((p) => el(
    'tr',
    { testid: 'rez-plane' },
    el('td', { testid: 'rez-plane-name', text: p.name }),
    el('td', { text: `${fmtInt(p.tilesX)} × ${fmtInt(p.tilesY)}` }),
    el('td', { text: `${p.tileWidth} × ${p.tileHeight}` }),
    el('td', { text: `${p.movementPercentX}%, ${p.movementPercentY}%` }),
    el('td', { testid: 'rez-plane-objects', text: fmtInt(p.objects.length) }),
    el('td', { text: (p.flags & MAIN_PLANE) !== 0 ? 'main' : '' }),
  ));
  const main = level.planes.find((p) => (p.flags & MAIN_PLANE) !== 0) ?? level.planes[0];
  const node = el(
    'div',
    { class: 'rez-view', testid: 'rez-wwd' },
    el(
      'div',
      { class: 'rez-facts' },
      el('span', {}, 'Level ', el('code', { testid: 'rez-wwd-name', text: h.levelName })),
      el('span', {}, 'Author ', el('code', { text: h.author })),
      el('span', {}, 'Start ', el('code', { text: `${h.startX}, ${h.startY}` })),
      el('span', {}, 'Palette ', el('code', { text: h.palettePath })),
      el('span', {}, 'Image sets ', el('code', { text: h.imageSets.filter((s) => s !== '').join(', ') || '–' })),
      el('span', {}, 'Tile descriptions ', el('code', { text: fmtInt(level.tileDescriptions.length) })),
    ),
    el(
      'table',
      { class: 'stats rez-planes' },
      el('thead', {}, el('tr', {}, ...['plane', 'tiles', 'tile size', 'parallax', 'objects', ''].map((t) => el('th', { text: t })))),
      el('tbody', {}, ...rows),
    ),
  );
  if (main) node.append(el('div', { class: 'caption', text: `${main.name}: tile grid` }), minimap(main));
  return { node, update: () => {} };
}
