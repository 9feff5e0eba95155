// A picture of the state region: one pixel per block of bytes, coloured by the tag of the live
// allocation there (the palette every panel shares), free space dark, allocator metadata grey. The
// core paints it (tracker.heatMap: one wasm call) into a byte buffer that is reused, and the bytes
// become pixels through a 256-entry palette into one reused ImageData. The legend lists the tags on
// the picture with their share of it.
import { Cell, el, fmtBytes, panelBox, type Panel } from './dom.js';
import type { OverlayRegion, OverlayTracker } from './engine-types.js';
import { HEAT_FREE, HEAT_METADATA, PALETTE_ABGR, tagColor } from './palette.js';

const WIDTH = 256;
const HEIGHT = 96;
const PIXELS = WIDTH * HEIGHT;

export class HeatMapPanel implements Panel {
  readonly node: HTMLElement;
  private readonly canvas = el('canvas', { class: 'oc-ov-heat', testid: 'overlay-heatmap' });
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly image: ImageData | null;
  private readonly pixels: Uint32Array | null;
  private readonly legend = el('div', { class: 'oc-ov-legend', testid: 'overlay-heatmap-legend' });
  private readonly caption: Cell;
  private readonly counts = new Uint32Array(256);
  private readonly lastCounts = new Uint32Array(256);
  private readonly keys = new Map<number, { node: HTMLElement; share: Cell }>();
  private bytes = new Uint8Array(PIXELS);

  constructor(
    private readonly tracker: OverlayTracker,
    private readonly region: OverlayRegion,
    regionKey: string,
  ) {
    this.canvas.width = WIDTH;
    this.canvas.height = HEIGHT;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', `Heat map of the ${regionKey} region by tag`);
    this.ctx = this.canvas.getContext('2d');
    this.image = this.ctx?.createImageData(WIDTH, HEIGHT) ?? null;
    this.pixels = this.image ? new Uint32Array(this.image.data.buffer) : null;
    const perPixel = Math.ceil(region.size / PIXELS);
    this.caption = new Cell(el('p', { class: 'oc-ov-muted', testid: 'overlay-heatmap-caption' }));
    this.caption.text(`${regionKey}: ${fmtBytes(region.size)}, ${fmtBytes(perPixel)} per pixel, left to right, top to bottom`);
    this.node = panelBox(`Heat map: ${regionKey}`, 'overlay-heatmap-panel', this.canvas, this.caption.node, this.legend);
  }

  refresh(): void {
    this.bytes = this.tracker.heatMap(this.region, PIXELS, this.bytes);
    const counts = this.counts;
    counts.fill(0);
    const bytes = this.bytes;
    const pixels = this.pixels;
    if (pixels !== null) {
      for (let i = 0; i < PIXELS; i++) {
        const v = bytes[i]!;
        counts[v]!++;
        pixels[i] = PALETTE_ABGR[v]!;
      }
      this.ctx!.putImageData(this.image!, 0, 0);
    } else {
      for (let i = 0; i < PIXELS; i++) counts[bytes[i]!]!++;
    }
    this.updateLegend();
  }

  private updateLegend(): void {
    let changed = false;
    for (let v = 0; v < 256; v++) {
      if (this.counts[v] !== this.lastCounts[v]) {
        changed = true;
        break;
      }
    }
    if (!changed) return;
    this.lastCounts.set(this.counts);
    let names: Map<number, string> | undefined;
    for (let v = 0; v < 256; v++) {
      const n = this.counts[v]!;
      let key = this.keys.get(v);
      if (n === 0) {
        if (key !== undefined) {
          key.node.remove();
          this.keys.delete(v);
        }
        continue;
      }
      if (key === undefined) {
        names ??= new Map(this.tracker.tags().map((t) => [t.id, t.name]));
        key = this.makeKey(v, names.get(v) ?? `tag ${v}`);
        this.keys.set(v, key);
        this.insertInOrder(v, key.node);
      }
      const percent = (n / PIXELS) * 100;
      key.share.text(percent < 0.1 ? '<0.1%' : `${percent.toFixed(1)}%`);
    }
  }

  private makeKey(v: number, tagName: string): { node: HTMLElement; share: Cell } {
    const label = v === HEAT_FREE ? 'free' : v === HEAT_METADATA ? 'metadata' : tagName;
    const swatch = el('span', { class: 'oc-ov-swatch' });
    swatch.style.background = tagColor(v);
    const share = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-heatmap-share' }));
    const node = el('span', { class: 'oc-ov-key', testid: 'overlay-heatmap-key' }, swatch, `${label} `, share.node);
    node.dataset.tag = label;
    node.dataset.value = String(v);
    return { node, share };
  }

  private insertInOrder(v: number, node: HTMLElement): void {
    for (const child of this.legend.children) {
      if (Number((child as HTMLElement).dataset.value) > v) {
        this.legend.insertBefore(node, child);
        return;
      }
    }
    this.legend.append(node);
  }
}
