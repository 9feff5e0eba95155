// Pick-ups and props: the breakable crate (whole + 4 breaking frames), treasure (spinning coin, gem,
// chalice) and the checkpoint flag (down, rising, up).
import { Canvas, Rng } from './canvas.js';
import type { Palette } from './palette.js';

function plank(c: Canvas, p: Palette, x: number, y: number, w: number, h: number): void {
  c.vgrad(x, y, w, h, p.ramps.wood, 0.8, 0.35);
  c.line(x, y, x + w - 1, y, p.ramps.wood[4] ?? 0);
  c.line(x, y + h - 1, x + w - 1, y + h - 1, p.ramps.wood[0] ?? 0);
}

function crateWhole(p: Palette): Canvas {
  const c = new Canvas(48, 48);
  for (let i = 0; i < 4; i++) plank(c, p, 2, 2 + i * 11, 44, 11);
  plank(c, p, 2, 2, 6, 44);
  plank(c, p, 40, 2, 6, 44);
  c.limb(8, 40, 40, 8, 2.5, p.ramps.wood, 0.1);
  for (const [x, y] of [[5, 5], [42, 5], [5, 42], [42, 42]] as const) c.disc(x, y, 1, 1, p.ramps.steel[2] ?? 0);
  c.outline(p.ramps.ink[0] ?? 0);
  return c;
}

export function crateFrames(p: Palette): Canvas[] {
  const whole = crateWhole(p);
  const frames = [whole];
  const rng = new Rng(77);
  const pieces = Array.from({ length: 9 }, (_, i) => ({
    sx: (i % 3) * 16,
    sy: Math.floor(i / 3) * 16,
    vx: (i % 3) - 1 + (rng.next() - 0.5),
    vy: -1.5 + Math.floor(i / 3) * 0.6 - rng.next(),
  }));
  for (let f = 1; f <= 4; f++) {
    const c = new Canvas(48, 48);
    for (const pc of pieces) {
      const dx = Math.round(pc.vx * f * 4);
      const dy = Math.round(pc.vy * f * 3 + f * f * 1.2);
      const size = f >= 3 ? 10 : 16;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const col = whole.get(pc.sx + x, pc.sy + y);
          if (col !== 0) c.set(pc.sx + x + dx + (16 - size) / 2, pc.sy + y + dy, col);
        }
      }
    }
    frames.push(c);
  }
  return frames;
}

export function coinFrames(p: Palette): Canvas[] {
  const widths = [10, 8, 4, 1.5, 4, 8];
  return widths.map((rx) => {
    const c = new Canvas(24, 24);
    c.ball(12, 12, rx, 10, p.ramps.gold, 0.05);
    if (rx > 5) {
      c.ball(12, 12, rx - 3, 7, p.ramps.gold, -0.2);
      c.rect(11, 8, 2, 8, p.ramps.gold[4] ?? 0);
    }
    c.outline(p.ramps.gold[0] ?? 0);
    return c;
  });
}

export function gemFrames(p: Palette): Canvas[] {
  return [0, 1].map((sparkle) => {
    const c = new Canvas(24, 24);
    for (let y = 0; y < 20; y++) {
      const half = y < 6 ? 4 + y * 1.3 : 11 * (1 - (y - 6) / 14);
      for (let x = Math.round(12 - half); x <= Math.round(12 + half); x++) {
        const facet = y < 6 ? 0.85 : x < 12 ? 0.55 : 0.3;
        c.set(x, y + 2, p.ramps.gem[Math.floor(facet * 4)] ?? 0);
      }
    }
    c.line(7, 8, 17, 8, p.ramps.gem[4] ?? 0);
    if (sparkle === 1) {
      c.line(8, 3, 8, 7, p.ramps.cloud[3] ?? 0);
      c.line(6, 5, 10, 5, p.ramps.cloud[3] ?? 0);
    }
    c.outline(p.ramps.gem[0] ?? 0);
    return c;
  });
}

export function chaliceFrames(p: Palette): Canvas[] {
  const c = new Canvas(28, 32);
  c.ball(14, 9, 10, 7, p.ramps.gold);
  c.rect(4, 2, 21, 5, 0);
  c.ball(14, 3, 10, 2, p.ramps.gold, -0.3);
  c.limb(14, 14, 14, 24, 2, p.ramps.gold);
  c.ball(14, 27, 8, 3, p.ramps.gold);
  c.disc(14, 9, 2, 2, p.ramps.bandana[2] ?? 0);
  c.outline(p.ramps.gold[0] ?? 0);
  return [c];
}

export function checkpointFrames(p: Palette): Canvas[] {
  // The flag's top edge at y = 62 (down), 36 (rising), 6 (up) on a 32x80 pole.
  return [62, 36, 6].map((top) => {
    const c = new Canvas(32, 80);
    c.limb(5, 4, 5, 76, 1.8, p.ramps.wood);
    c.ball(5, 3, 3, 3, p.ramps.gold);
    c.ball(6, 77, 6, 3, p.ramps.stone);
    for (let y = 0; y < 14; y++) {
      const len = 22 - Math.abs(y - 7) * 0.6;
      for (let x = 0; x < len; x++) {
        const wave = Math.round(Math.sin(x / 4) * 1.5);
        c.set(7 + x, top + y + wave, p.ramps.flag[y < 3 ? 3 : y > 10 ? 1 : 2] ?? 0);
      }
    }
    c.disc(17, top + 7, 3, 3, p.ramps.gold[3] ?? 0);
    c.outline(p.ramps.ink[0] ?? 0);
    return c;
  });
}
