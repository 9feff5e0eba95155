// The player: Rusty, a fox deckhand in a striped shirt with a cutlass (our own character). Every frame
// is one pose of the same rig, so the animations stay consistent; frames are 64x72, facing right, feet
// on the bottom row.
import { Canvas } from './canvas.js';
import type { Palette } from './palette.js';

export const PLAYER_W = 64;
export const PLAYER_H = 72;

type Pt = readonly [number, number];

interface Pose {
  bob: number;
  backFoot: Pt;
  frontFoot: Pt;
  backHand: Pt;
  frontHand: Pt;
  /** Blade direction in degrees, screen space (0 right, 90 down). */
  sword: number;
  tail: number;
  /** Knee bend: how far knees push forward (+) of the hip-to-foot line. */
  knee?: number;
}

const HIP: Pt = [27, 50];
const SHOULDER: Pt = [29, 34];

function drawFox(p: Palette, pose: Pose): Canvas {
  const c = new Canvas(PLAYER_W, PLAYER_H);
  const r = p.ramps;
  const b = pose.bob;
  const hip: Pt = [HIP[0], HIP[1] + b];
  const sh: Pt = [SHOULDER[0], SHOULDER[1] + b];
  const leg = (foot: Pt, bias: number): void => {
    const kneeX = (hip[0] + foot[0]) / 2 + (pose.knee ?? 2);
    const kneeY = (hip[1] + foot[1]) / 2;
    c.limb(hip[0], hip[1], kneeX, kneeY, 3.5, r.pants, bias);
    c.limb(kneeX, kneeY, foot[0], foot[1] - 2, 3, r.pants, bias);
    c.ball(foot[0] + 2, foot[1] - 2, 5, 3, r.ink, bias + 0.6);
  };
  const arm = (hand: Pt, bias: number): void => {
    const elbowX = (sh[0] + hand[0]) / 2 - 1;
    const elbowY = (sh[1] + hand[1]) / 2 + 2;
    c.limb(sh[0], sh[1], elbowX, elbowY, 3, r.shirt, bias);
    c.limb(elbowX, elbowY, hand[0], hand[1], 2.5, r.fox, bias);
    c.ball(hand[0], hand[1], 3, 3, r.cream, bias);
  };
  // Back limbs first, darker, so the silhouette reads as depth.
  arm(pose.backHand, -0.25);
  leg(pose.backFoot, -0.25);
  const ta = (pose.tail * Math.PI) / 180;
  const tx = hip[0] - 4 - Math.cos(ta) * 14;
  const ty = hip[1] - 4 - Math.sin(ta) * 14;
  c.limb(hip[0] - 4, hip[1] - 3, tx, ty, 5, r.fox);
  c.ball(tx - Math.cos(ta) * 3, ty - Math.sin(ta) * 3, 5, 5, r.cream);
  // Torso with sailor stripes.
  c.ball(28, 41 + b, 9, 11, r.shirt);
  for (let y = 32 + b; y < 53 + b; y += 4) {
    for (let x = 18; x < 38; x++) if (r.shirt.includes(c.get(x, y))) c.set(x, y, r.cream[1] ?? 0);
  }
  c.ball(28, 49 + b, 9, 3, r.pants);
  leg(pose.frontFoot, 0);
  // Head: fox face with ears, muzzle, neckerchief.
  c.limb(25, 15 + b, 22, 4 + b, 3.5, r.fox);
  c.limb(33, 14 + b, 35, 3 + b, 3.5, r.fox);
  c.set(22, 7 + b, r.ink[1] ?? 0);
  c.set(34, 6 + b, r.ink[1] ?? 0);
  c.ball(30, 21 + b, 10, 9, r.fox);
  c.ball(40, 25 + b, 7, 4, r.cream);
  c.ball(29, 26 + b, 5, 3, r.cream, -0.1);
  c.disc(46, 23 + b, 2, 2, r.ink[0] ?? 0);
  c.rect(35, 18 + b, 2, 3, r.ink[0] ?? 0);
  c.set(35, 18 + b, r.cloud[3] ?? 0);
  c.ball(29, 31 + b, 7, 3, r.bandana);
  arm(pose.frontHand, 0.05);
  // Cutlass: gold guard at the hand, steel blade along `sword`.
  const a = (pose.sword * Math.PI) / 180;
  const [hx, hy] = pose.frontHand;
  c.limb(hx + Math.cos(a) * 3, hy + Math.sin(a) * 3, hx + Math.cos(a) * 22, hy + Math.sin(a) * 22, 1.6, r.steel, 0.2);
  c.line(hx + Math.cos(a) * 4, hy + Math.sin(a) * 4, hx + Math.cos(a) * 20, hy + Math.sin(a) * 20, r.steel[3] ?? 0);
  c.limb(hx - Math.sin(a) * 4, hy + Math.cos(a) * 4, hx + Math.sin(a) * 4, hy - Math.cos(a) * 4, 1.5, r.gold);
  c.outline(r.ink[0] ?? 0);
  return c;
}

function swordHand(x: number, y: number): Pt {
  return [x, y];
}

export function playerFrames(p: Palette): { anims: Record<string, number[]>; frames: Canvas[] } {
  const frames: Canvas[] = [];
  const anims: Record<string, number[]> = {};
  const add = (anim: string, pose: Pose): void => {
    frames.push(drawFox(p, pose));
    (anims[anim] ??= []).push(frames.length);
  };
  for (let i = 0; i < 4; i++) {
    const bob = i === 1 || i === 2 ? 1 : 0;
    add('IDLE', {
      bob,
      backFoot: [22, 71],
      frontFoot: [33, 71],
      backHand: [22, 46 + bob],
      frontHand: swordHand(38, 46 + bob),
      sword: -40 + bob * 4,
      tail: 20 + i * 6,
    });
  }
  for (let i = 0; i < 8; i++) {
    const t = (i / 8) * Math.PI * 2;
    const s = Math.sin(t);
    const lift = (k: number): number => Math.max(0, k) * 6;
    add('RUN', {
      bob: Math.round(Math.abs(Math.cos(t)) * -2) + 1,
      backFoot: [27 - s * 11, 71 - lift(s)],
      frontFoot: [27 + s * 11, 71 - lift(-s)],
      backHand: [29 + s * 8, 45],
      frontHand: [32 - s * 7, 44],
      sword: -20 - s * 20,
      tail: 0 + s * 10,
      knee: 4,
    });
  }
  add('JUMP', { bob: -2, backFoot: [21, 66], frontFoot: [36, 62], backHand: [20, 32], frontHand: [40, 30], sword: -70, tail: -10, knee: 5 });
  add('JUMP', { bob: -3, backFoot: [23, 62], frontFoot: [34, 60], backHand: [19, 38], frontHand: [41, 36], sword: -30, tail: 10, knee: 6 });
  add('JUMP', { bob: 0, backFoot: [22, 70], frontFoot: [35, 69], backHand: [17, 30], frontHand: [42, 28], sword: -80, tail: 40, knee: 1 });
  for (let i = 0; i < 4; i++) {
    const up = i % 2 === 0 ? 1 : -1;
    add('CLIMB', {
      bob: i % 2,
      backFoot: [25, 71 - (up > 0 ? 8 : 0)],
      frontFoot: [31, 71 - (up > 0 ? 0 : 8)],
      backHand: [26, up > 0 ? 18 : 26],
      frontHand: [33, up > 0 ? 26 : 18],
      sword: 110,
      tail: 60,
      knee: 5,
    });
  }
  add('ATTACK', { bob: 1, backFoot: [19, 71], frontFoot: [37, 71], backHand: [20, 46], frontHand: [26, 22], sword: -110, tail: 30, knee: 3 });
  add('ATTACK', { bob: 1, backFoot: [18, 71], frontFoot: [39, 71], backHand: [18, 46], frontHand: [40, 30], sword: -20, tail: 15, knee: 4 });
  add('ATTACK', { bob: 2, backFoot: [18, 71], frontFoot: [40, 71], backHand: [17, 48], frontHand: [42, 38], sword: 5, tail: 0, knee: 5 });
  add('ATTACK', { bob: 1, backFoot: [20, 71], frontFoot: [37, 71], backHand: [20, 47], frontHand: [39, 44], sword: 35, tail: 15, knee: 3 });
  return { anims, frames };
}
