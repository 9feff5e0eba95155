// A live graph of the last frames (600: 10 s at 60 Hz): live bytes per attached region as lines, and
// allocations per frame as an area below them. The samples are the tracker's frame ring: read whole
// (tracker.frames()) when the overlay opens or frames were missed, then one tracker.lastFrame() per
// new frame into a ring of typed arrays that is reused, so a steady frame allocates almost nothing.
import { Cell, el, fmtBytes, panelBox, type Panel } from './dom.js';
import type { FrameRow, OverlayTracker } from './engine-types.js';

const FRAMES = 600;
const MAX_REGIONS = 4;
const WIDTH = 360;
const HEIGHT = 120;
const BYTES_BOTTOM = 0.64; // the region lines use the top 64%, allocations the rest
const REGION_COLORS = ['#5aa9ff', '#ffb35a', '#c39bff', '#6fdc8c'] as const;
const ALLOC_COLOR = 'rgba(229, 231, 235, 0.55)';

export class GraphPanel implements Panel {
  readonly node: HTMLElement;
  private readonly canvas = el('canvas', { class: 'oc-ov-graph', testid: 'overlay-graph' });
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly legend = el('div', { class: 'oc-ov-legend', testid: 'overlay-graph-legend' });
  private readonly regionCells: Cell[] = [];
  private readonly allocCell = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-graph-allocs' }));
  private readonly scaleCell = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-graph-scale' }), fmtBytes);
  private readonly bytes = Array.from({ length: MAX_REGIONS }, () => new Float64Array(FRAMES));
  private readonly allocs = new Float64Array(FRAMES);
  private regionCount = 0;
  private count = 0;
  private head = 0; // the next slot to write
  private lastFrame = -1;
  private dirty = true;

  constructor(private readonly tracker: OverlayTracker) {
    const ratio = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
    this.canvas.width = Math.round(WIDTH * ratio);
    this.canvas.height = Math.round(HEIGHT * ratio);
    this.canvas.style.width = `${WIDTH}px`;
    this.canvas.style.height = `${HEIGHT}px`;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Live bytes per region and allocations per frame, last 600 frames');
    this.ctx = this.canvas.getContext('2d');
    this.ctx?.scale(ratio, ratio);
    const scale = el('span', { class: 'oc-ov-muted' }, 'top: ', this.scaleCell.node);
    const allocKey = el('span', { class: 'oc-ov-key' }, el('span', { class: 'oc-ov-swatch oc-ov-swatch-allocs' }), 'allocs/frame ', this.allocCell.node);
    this.node = panelBox('Last 600 frames', 'overlay-graph-panel', this.canvas, this.legend, el('div', { class: 'oc-ov-legend' }, allocKey, scale));
  }

  reset(): void {
    this.lastFrame = -1;
  }

  refresh(): void {
    const last = this.tracker.lastFrame();
    if (last == null) return;
    const frame = Number(last.frame);
    if (frame !== this.lastFrame) {
      if (this.lastFrame >= 0 && frame === this.lastFrame + 1) this.push(last);
      else this.reseed();
      this.lastFrame = frame;
      this.dirty = true;
    }
    if (!this.dirty) return;
    this.dirty = false;
    this.draw();
  }

  private reseed(): void {
    const names = this.tracker.regionNames();
    this.setRegions(names);
    this.count = 0;
    this.head = 0;
    const frames = this.tracker.frames();
    for (let i = Math.max(0, frames.length - FRAMES); i < frames.length; i++) this.push(frames[i]!);
  }

  private setRegions(names: readonly string[]): void {
    const n = Math.min(MAX_REGIONS, names.length);
    if (n === this.regionCount && this.legend.childElementCount === n) return;
    this.regionCount = n;
    this.regionCells.length = 0;
    this.legend.replaceChildren();
    for (let r = 0; r < n; r++) {
      const swatch = el('span', { class: 'oc-ov-swatch' });
      swatch.style.background = REGION_COLORS[r]!;
      const cell = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-graph-region-bytes' }), fmtBytes);
      const key = el('span', { class: 'oc-ov-key', testid: 'overlay-graph-region' }, swatch, `${names[r]} `, cell.node);
      key.dataset.region = names[r];
      this.legend.append(key);
      this.regionCells.push(cell);
    }
  }

  private push(f: FrameRow): void {
    for (let r = 0; r < this.regionCount; r++) this.bytes[r]![this.head] = f.regionLiveBytes[r] ?? 0;
    this.allocs[this.head] = f.allocs;
    this.head = (this.head + 1) % FRAMES;
    if (this.count < FRAMES) this.count++;
  }

  private at(series: Float64Array, i: number): number {
    // i = 0 is the oldest sample held
    return series[(this.head - this.count + i + FRAMES) % FRAMES]!;
  }

  private draw(): void {
    const n = this.count;
    if (n > 0) {
      for (let r = 0; r < this.regionCount; r++) this.regionCells[r]!.set(this.at(this.bytes[r]!, n - 1));
      this.allocCell.set(this.at(this.allocs, n - 1));
    }
    const g = this.ctx;
    if (g === null) return;
    g.clearRect(0, 0, WIDTH, HEIGHT);
    if (n === 0) return;
    let maxBytes = 1;
    let maxAllocs = 1;
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < this.regionCount; r++) maxBytes = Math.max(maxBytes, this.at(this.bytes[r]!, i));
      maxAllocs = Math.max(maxAllocs, this.at(this.allocs, i));
    }
    maxBytes = niceCeil(maxBytes);
    this.scaleCell.set(maxBytes);
    const dx = WIDTH / (FRAMES - 1);
    const x0 = WIDTH - (n - 1) * dx;
    const bytesH = HEIGHT * BYTES_BOTTOM - 4;
    const allocTop = HEIGHT * BYTES_BOTTOM + 4;
    const allocH = HEIGHT - allocTop;

    g.fillStyle = ALLOC_COLOR;
    g.beginPath();
    g.moveTo(x0, HEIGHT);
    for (let i = 0; i < n; i++) g.lineTo(x0 + i * dx, HEIGHT - (this.at(this.allocs, i) / maxAllocs) * allocH);
    g.lineTo(x0 + (n - 1) * dx, HEIGHT);
    g.closePath();
    g.fill();

    g.lineWidth = 1.5;
    for (let r = 0; r < this.regionCount; r++) {
      const series = this.bytes[r]!;
      g.strokeStyle = REGION_COLORS[r]!;
      g.beginPath();
      for (let i = 0; i < n; i++) {
        const y = 2 + bytesH - (this.at(series, i) / maxBytes) * bytesH;
        if (i === 0) g.moveTo(x0, y);
        else g.lineTo(x0 + i * dx, y);
      }
      g.stroke();
    }
  }
}

/** The scale's top: the next power of two, so the label reads "4.0 MiB" rather than "3.7 MiB". */
function niceCeil(v: number): number {
  return 2 ** Math.ceil(Math.log2(v));
}
