// The demo game's 256-colour palette, built from named shade ramps (dark to light). Index 0 is the
// transparent key and is never drawn; the packer maps every opaque pixel to its exact index, so each
// colour must be unique.
export const TRANSPARENT_HEX = '#ff00ff';

const RAMPS = {
  ink: ['#120c1c', '#241a30', '#3a2c44'],
  fox: ['#6e2a12', '#a4441a', '#d8682a', '#f09448', '#ffc07a'],
  cream: ['#a88e74', '#d8c4a4', '#f6ecd8'],
  shirt: ['#1c2c5c', '#2e4c8c', '#4c74bc', '#7ea4e0'],
  pants: ['#2c2420', '#4a3a30', '#6a5444'],
  steel: ['#3c4450', '#6a7686', '#a4b0be', '#e4ecf4'],
  gold: ['#6a4410', '#a8701c', '#e0a82c', '#ffd860', '#fff4b4'],
  crab: ['#5c1414', '#96241c', '#cc4430', '#f07c5c', '#ffb494'],
  rat: ['#2e2834', '#4c4456', '#6e667a', '#9a92a4', '#c8c2cc'],
  ratPink: ['#a45c6c', '#dc8c98'],
  bandana: ['#4c0c1c', '#8c1c2c', '#c8343c'],
  wood: ['#3a1e10', '#5e341c', '#86522c', '#b07a44', '#d6a66c'],
  gem: ['#0c3c34', '#14705a', '#24a880', '#5cdcae', '#b4fce0'],
  flag: ['#600c10', '#a41c20', '#e03a34', '#ff7a64'],
  sky: ['#1c2a5c', '#24397a', '#2e4c96', '#3c62ae', '#5078c4', '#6a92d6', '#8aaee4', '#b0cef0'],
  cloud: ['#8ca4cc', '#b8cce8', '#e0ecf8', '#ffffff'],
  hillFar: ['#3c5c84', '#4c7094', '#6084a4'],
  hillNear: ['#2c4c44', '#3c6450', '#4e7c5c'],
  town: ['#34406c', '#44527c', '#f0d070'],
  grass: ['#1c4a1c', '#2c6c24', '#44902c', '#6cb83c', '#a4e060'],
  dirt: ['#2e1a14', '#4a2c1e', '#6a4228', '#8c5c36', '#ac7a4c'],
  stone: ['#2a2a34', '#42424e', '#5c5c6a', '#7c7c8a', '#a0a0ac', '#c4c4cc'],
  brick: ['#3c1810', '#62281a', '#8a3c26', '#b05a3a', '#d4825a'],
  leaf: ['#0c2a14', '#14401c', '#1e5a26', '#2e7a30', '#4c9c3c'],
  spike: ['#44485a', '#8890a4', '#d0d8e8'],
} as const satisfies Record<string, readonly string[]>;

export type RampName = keyof typeof RAMPS;
export type Ramp = readonly number[];

export interface Palette {
  readonly hex: readonly string[];
  readonly ramps: Readonly<Record<RampName, Ramp>>;
  readonly rgb: Uint8Array;
}

export function buildPalette(): Palette {
  const hex: string[] = [TRANSPARENT_HEX];
  const ramps = {} as Record<RampName, number[]>;
  for (const name of Object.keys(RAMPS) as RampName[]) {
    ramps[name] = RAMPS[name].map((c) => {
      if (hex.includes(c)) throw new Error(`palette colour ${c} (${name}) repeats`);
      hex.push(c);
      return hex.length - 1;
    });
  }
  // Fill to 256 with a grey ramp and a coarse colour cube so later art has spare colours.
  for (let g = 0; hex.length < 256 && g < 256; g += 8) addIfNew(hex, rgbHex(g, g + 4, g + 8));
  for (let i = 0; hex.length < 256; i++) {
    const r = (i % 6) * 51;
    const gg = (Math.floor(i / 6) % 6) * 51;
    const b = (Math.floor(i / 36) % 6) * 51;
    addIfNew(hex, rgbHex(r, gg, b));
    if (i > 10000) throw new Error('palette cannot reach 256 colours');
  }
  const rgb = new Uint8Array(768);
  hex.forEach((h, i) => {
    rgb[i * 3] = parseInt(h.slice(1, 3), 16);
    rgb[i * 3 + 1] = parseInt(h.slice(3, 5), 16);
    rgb[i * 3 + 2] = parseInt(h.slice(5, 7), 16);
  });
  return { hex, ramps, rgb };
}

function addIfNew(hex: string[], c: string): void {
  if (!hex.includes(c)) hex.push(c);
}

function rgbHex(r: number, g: number, b: number): string {
  const c = (v: number): string => Math.min(255, v).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}
