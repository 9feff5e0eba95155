// What the archive browser shows for a file: a PID drawn at 2x with its size and offsets, an ANI's
// frames played from its image set, a WWD's header and planes (archive-wwd-view.ts). Each view is
// built once per click; an animation advances in update(), called by the lab's frame loop.
import type { DecodedImage, Formats, RezArchive } from '../../engine/index.js';
import { ArchiveImages, drawImage } from './archive-images.js';
import { el, fmtInt } from './dom.js';
import type { Live } from './frame-loop.js';

/** A built view: its element, and update() for views that animate. */
export interface FileView extends Live {
  readonly node: HTMLElement;
}

function fact(label: string, testid: string, value: string): HTMLElement {
  return el('span', {}, `${label} `, el('code', { testid, text: value }));
}

function still(node: HTMLElement): FileView {
  return { node, update: () => {} };
}

export async function pidView(images: ArchiveImages, path: string): Promise<FileView> {
  const { image, palette } = await images.decode(path);
  const canvas = el('canvas', { class: 'rez-canvas', testid: 'rez-canvas' });
  drawImage(canvas, image);
  return still(el(
    'div',
    { class: 'rez-view', testid: 'rez-pid' },
    el(
      'div',
      { class: 'rez-facts' },
      fact('Size', 'rez-image-size', `${image.width} × ${image.height}`),
      fact('Offset', 'rez-image-offset', `${image.offsetX}, ${image.offsetY}`),
      fact('Flags', 'rez-image-flags', `0x${image.flags.toString(16).padStart(2, '0')}`),
      fact('Palette', 'rez-image-palette', palette),
    ),
    canvas,
  ));
}

/**
 * Where an ANI's image set lives: "LEVEL_<SET>" is /LEVELn/IMAGES/<SET>/ of the ANI's own level (the
 * demo's imageSetPrefixes, assets/demo.json), and the frame of image id i is FRAMEiii.PID.
 */
export function imageSetFrame(aniPath: string, imageSet: string, imageId: number): string | null {
  const level = /^[\\/]?(LEVEL\d+)[\\/]/i.exec(aniPath)?.[1]?.toUpperCase();
  const set = /^LEVEL_(.+)$/i.exec(imageSet)?.[1]?.toUpperCase();
  if (level === undefined || set === undefined) return null;
  return `/${level}/IMAGES/${set}/FRAME${String(imageId).padStart(3, '0')}.PID`;
}

class AniPlayer implements FileView {
  private frame = 0;
  private frameStart = performance.now();

  constructor(
    readonly node: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
    private readonly frames: readonly { image: DecodedImage; durationMs: number }[],
    private readonly rows: readonly HTMLElement[],
  ) {
    this.show(0);
  }

  update(): void {
    const current = this.frames[this.frame];
    if (!current || this.frames.length < 2) return;
    const now = performance.now();
    // A zero duration still shows the frame for one animation frame rather than spinning.
    if (now - this.frameStart < Math.max(current.durationMs, 1)) return;
    this.frameStart = now;
    this.show((this.frame + 1) % this.frames.length);
  }

  private show(i: number): void {
    this.rows[this.frame]?.classList.remove('playing');
    this.frame = i;
    const frame = this.frames[i];
    if (!frame) return;
    drawImage(this.canvas, frame.image);
    this.canvas.dataset.frame = String(i);
    this.rows[i]?.classList.add('playing');
  }
}

export async function aniView(formats: Formats, archive: RezArchive, images: ArchiveImages, path: string): Promise<FileView> {
  const ani = formats.readAni(await archive.read(path));
  const rows = ani.frames.map((f, i) => el(
    'tr',
    { testid: 'rez-ani-frame' },
    el('td', { text: String(i) }),
    el('td', { text: String(f.imageId) }),
    el('td', { text: `${fmtInt(f.durationMs)} ms` }),
    el('td', { text: f.event ?? '–' }),
  ));
  const table = el(
    'table',
    { class: 'stats rez-frames' },
    el('thead', {}, el('tr', {}, ...['#', 'image', 'duration', 'event'].map((h) => el('th', { text: h })))),
    el('tbody', {}, ...rows),
  );
  const paths: string[] = [];
  for (const f of ani.frames) {
    const frame = imageSetFrame(path, ani.imageSet, f.imageId);
    if (frame === null || !archive.has(frame)) break;
    paths.push(frame);
  }
  const resolved = paths.length > 0 && paths.length === ani.frames.length;
  const status = el('span', { class: 'muted', testid: 'rez-ani-status' });
  const node = el(
    'div',
    { class: 'rez-view', testid: 'rez-ani' },
    el(
      'div',
      { class: 'rez-facts' },
      fact('Image set', 'rez-ani-set', ani.imageSet),
      fact('Frames', 'rez-ani-count', String(ani.frames.length)),
      status,
    ),
  );
  if (!resolved) {
    status.textContent = 'image set not in the archive: not played';
    node.dataset.playing = 'false';
    node.append(table);
    return still(node);
  }
  const frames = [];
  for (const [i, p] of paths.entries()) frames.push({ image: (await images.decode(p)).image, durationMs: ani.frames[i]!.durationMs });
  const canvas = el('canvas', { class: 'rez-canvas', testid: 'rez-canvas' });
  status.textContent = 'playing';
  node.dataset.playing = 'true';
  node.append(el('div', { class: 'rez-ani-body' }, canvas, table));
  return new AniPlayer(node, canvas, frames, rows);
}
