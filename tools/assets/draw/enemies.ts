// The two enemy kinds: a patrolling shore crab (56x40) and a rat guard with a cutlass (56x68). Both
// face right like the player; the game mirrors them.
import { Canvas } from './canvas.js';
import type { Palette } from './palette.js';

export function crabFrames(p: Palette): { anims: Record<string, number[]>; frames: Canvas[] } {
  const r = p.ramps;
  const frames: Canvas[] = [];
  const anims: Record<string, number[]> = {};
  const draw = (anim: string, step: number, claw: number): void => {
    const c = new Canvas(56, 40);
    const bob = step % 2;
    // Legs: three per side, alternating lift while walking.
    for (let i = 0; i < 3; i++) {
      const lift = (i + step) % 2 === 0 ? 3 : 0;
      c.limb(22 - i * 4, 28 + bob, 10 - i * 4, 39 - lift, 1.6, r.crab, -0.2);
      c.limb(34 + i * 4, 28 + bob, 46 + i * 4, 39 - ((i + step + 1) % 2 === 0 ? 3 : 0), 1.6, r.crab, -0.2);
    }
    // Claws: `claw` raises (0 rest .. 2 snapping high).
    for (const side of [-1, 1]) {
      const bx = 28 + side * 13;
      const cx = 28 + side * 20;
      const cy = 18 - claw * 6 + bob;
      c.limb(bx, 24 + bob, cx, cy + 4, 2, r.crab);
      c.ball(cx, cy, 5, 4.5, r.crab, 0.1);
      c.rect(cx - 1 + side * 2, cy - 1 - (claw === 2 ? 2 : 0), 4, 2, 0);
    }
    c.ball(28, 25 + bob, 14, 9, r.crab);
    c.line(18, 29 + bob, 38, 29 + bob, r.crab[1] ?? 0);
    for (const ex of [23, 33]) {
      c.limb(ex, 18 + bob, ex, 12 + bob, 1.2, r.crab);
      c.disc(ex, 11 + bob, 2.5, 2.5, r.cloud[3] ?? 0);
      c.set(ex + 1, 11 + bob, r.ink[0] ?? 0);
    }
    c.line(25, 24 + bob, 31, 24 + bob, r.ink[1] ?? 0);
    c.outline(r.ink[0] ?? 0);
    frames.push(c);
    (anims[anim] ??= []).push(frames.length);
  };
  for (let i = 0; i < 4; i++) draw('WALK', i, 0);
  draw('ATTACK', 0, 1);
  draw('ATTACK', 1, 2);
  draw('ATTACK', 0, 1);
  return { anims, frames };
}

export function ratFrames(p: Palette): { anims: Record<string, number[]>; frames: Canvas[] } {
  const r = p.ramps;
  const frames: Canvas[] = [];
  const anims: Record<string, number[]> = {};
  const draw = (anim: string, step: number, swing: number): void => {
    const c = new Canvas(56, 68);
    const s = Math.sin((step / 4) * Math.PI * 2);
    const bob = step % 2;
    // Tail, legs, body, head.
    c.limb(18, 50, 6, 56, 1.6, r.ratPink);
    c.limb(6, 56, 3, 64, 1.4, r.ratPink);
    for (const [k, bias] of [[-1, -0.25], [1, 0]] as const) {
      const fx = 24 + k * s * 8;
      c.limb(24, 50 + bob, fx + 2, 58, 3, r.rat, bias);
      c.limb(fx + 2, 58, fx, 65, 2.5, r.rat, bias);
      c.ball(fx + 3, 65, 4, 2.5, r.ratPink, bias);
    }
    c.ball(25, 40 + bob, 10, 12, r.rat);
    c.ball(27, 44 + bob, 6, 7, r.rat, 0.35);
    c.rect(15, 48 + bob, 20, 3, r.wood[1] ?? 0);
    c.set(25, 49 + bob, r.gold[3] ?? 0);
    // Head: long snout to the right, pink ear, red bandana.
    c.ball(30, 22 + bob, 9, 8, r.rat);
    c.ball(41, 25 + bob, 7, 4, r.rat, 0.1);
    c.disc(48, 24 + bob, 2, 2, r.ratPink[0] ?? 0);
    c.ball(24, 13 + bob, 5, 6, r.rat);
    c.ball(24, 14 + bob, 3, 4, r.ratPink, 0.2);
    c.ball(30, 15 + bob, 10, 4, r.bandana);
    c.limb(21, 16 + bob, 15, 20 + bob, 1.8, r.bandana);
    c.rect(34, 20 + bob, 2, 2, r.ink[0] ?? 0);
    c.line(40, 28 + bob, 46, 30 + bob, r.rat[4] ?? 0);
    // Sword arm: `swing` 0 ready (blade up), 1 raised back, 2 slashing forward-down.
    const hand: readonly [number, number] = swing === 1 ? [24, 24] : swing === 2 ? [40, 40] : [34, 42];
    const ang = swing === 1 ? -120 : swing === 2 ? 20 : -60;
    c.limb(27, 34 + bob, hand[0], hand[1] + bob, 2.5, r.rat, 0.1);
    const a = (ang * Math.PI) / 180;
    const hx = hand[0];
    const hy = hand[1] + bob;
    c.limb(hx + Math.cos(a) * 3, hy + Math.sin(a) * 3, hx + Math.cos(a) * 20, hy + Math.sin(a) * 20, 1.6, r.steel, 0.2);
    c.limb(hx - Math.sin(a) * 3, hy + Math.cos(a) * 3, hx + Math.sin(a) * 3, hy - Math.cos(a) * 3, 1.4, r.gold);
    c.ball(hx, hy, 2.5, 2.5, r.ratPink);
    c.outline(r.ink[0] ?? 0);
    frames.push(c);
    (anims[anim] ??= []).push(frames.length);
  };
  for (let i = 0; i < 4; i++) draw('WALK', i, 0);
  draw('ATTACK', 0, 1);
  draw('ATTACK', 0, 2);
  draw('ATTACK', 0, 0);
  return { anims, frames };
}
