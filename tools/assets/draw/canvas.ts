// An indexed-colour drawing surface: pixels are palette indices (0 = transparent), so every pixel the
// art writes is a palette colour by construction. Shapes shade along a ramp with light from the upper
// left and an ordered dither between steps, which is what makes the art read as pixel art.
import type { Ramp } from './palette.js';

const BAYER4 = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];

/** Picks a ramp entry for a light value in [0, 1], dithering between neighbouring steps. */
export function shade(ramp: Ramp, light: number, x: number, y: number): number {
  const t = Math.max(0, Math.min(0.999, light)) * (ramp.length - 1);
  const lo = Math.floor(t);
  const frac = t - lo;
  const threshold = ((BAYER4[(y & 3) * 4 + (x & 3)] ?? 0) + 0.5) / 16;
  const i = frac > threshold ? lo + 1 : lo;
  return ramp[Math.min(ramp.length - 1, i)] ?? 0;
}

export class Canvas {
  readonly px: Uint8Array;

  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Uint8Array(w * h);
  }

  get(x: number, y: number): number {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return 0;
    return this.px[y * this.w + x] ?? 0;
  }

  set(x: number, y: number, c: number): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    this.px[y * this.w + x] = c;
  }

  rect(x: number, y: number, w: number, h: number, c: number): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j, c);
  }

  /** Fills a rectangle along a ramp: light falls from `top` to `bottom` (0..1) down the rectangle. */
  vgrad(x: number, y: number, w: number, h: number, ramp: Ramp, top: number, bottom: number): void {
    for (let j = 0; j < h; j++) {
      const l = top + ((bottom - top) * j) / Math.max(1, h - 1);
      for (let i = 0; i < w; i++) this.set(x + i, y + j, shade(ramp, l, x + i, y + j));
    }
  }

  /** A filled ellipse shaded as a lit sphere; `bias` brightens (+) or darkens (-) it. */
  ball(cx: number, cy: number, rx: number, ry: number, ramp: Ramp, bias = 0): void {
    for (let y = Math.floor(cy - ry); y <= Math.ceil(cy + ry); y++) {
      for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
        const nx = (x + 0.5 - cx) / rx;
        const ny = (y + 0.5 - cy) / ry;
        const d = nx * nx + ny * ny;
        if (d > 1) continue;
        const nz = Math.sqrt(1 - d);
        const light = 0.5 * (nz + (-nx * 0.5 - ny * 0.7)) + 0.35 + bias;
        this.set(x, y, shade(ramp, light, x, y));
      }
    }
  }

  /** A flat filled ellipse in one colour. */
  disc(cx: number, cy: number, rx: number, ry: number, c: number): void {
    for (let y = Math.floor(cy - ry); y <= Math.ceil(cy + ry); y++) {
      for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
        const nx = (x + 0.5 - cx) / rx;
        const ny = (y + 0.5 - cy) / ry;
        if (nx * nx + ny * ny <= 1) this.set(x, y, c);
      }
    }
  }

  /** A thick limb from (x0,y0) to (x1,y1), shaded across its width like a cylinder. */
  limb(x0: number, y0: number, x1: number, y1: number, r: number, ramp: Ramp, bias = 0): void {
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const px = -(y1 - y0) / len;
    const py = (x1 - x0) / len;
    const minX = Math.floor(Math.min(x0, x1) - r - 1);
    const maxX = Math.ceil(Math.max(x0, x1) + r + 1);
    const minY = Math.floor(Math.min(y0, y1) - r - 1);
    const maxY = Math.ceil(Math.max(y0, y1) + r + 1);
    for (let y = minY; y <= maxY; y++) {
      for (let x = minX; x <= maxX; x++) {
        const qx = x + 0.5 - x0;
        const qy = y + 0.5 - y0;
        const t = Math.max(0, Math.min(1, (qx * (x1 - x0) + qy * (y1 - y0)) / (len * len)));
        const dx = qx - t * (x1 - x0);
        const dy = qy - t * (y1 - y0);
        if (dx * dx + dy * dy > r * r) continue;
        const across = (dx * px + dy * py) / r;
        const facing = px * -0.5 + py * -0.7 > 0 ? across : -across;
        this.set(x, y, shade(ramp, 0.55 + 0.4 * facing + bias, x, y));
      }
    }
  }

  /** A one-colour line (Bresenham-like sampling), for details such as seams and whiskers. */
  line(x0: number, y0: number, x1: number, y1: number, c: number): void {
    const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= n; i++) this.set(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n, c);
  }

  /** Rings every opaque shape with `c`: transparent pixels that touch an opaque one become outline. */
  outline(c: number): void {
    const src = this.px.slice();
    for (let y = 0; y < this.h; y++) {
      for (let x = 0; x < this.w; x++) {
        if (src[y * this.w + x] !== 0) continue;
        const near = (dx: number, dy: number): boolean => {
          const nx = x + dx;
          const ny = y + dy;
          return nx >= 0 && ny >= 0 && nx < this.w && ny < this.h && src[ny * this.w + nx] !== 0;
        };
        if (near(1, 0) || near(-1, 0) || near(0, 1) || near(0, -1)) this.px[y * this.w + x] = c;
      }
    }
  }

  /** Copies another canvas in, skipping its transparent pixels; `flip` mirrors it horizontally. */
  blit(src: Canvas, dx: number, dy: number, flip = false): void {
    for (let y = 0; y < src.h; y++) {
      for (let x = 0; x < src.w; x++) {
        const c = src.px[y * src.w + x] ?? 0;
        if (c !== 0) this.set(dx + (flip ? src.w - 1 - x : x), dy + y, c);
      }
    }
  }
}

/** A deterministic pseudo-random source (xorshift32), so every run draws the same pixels. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    let s = this.s;
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    this.s = s >>> 0;
    return this.s / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
