// The generated stress set of issue 6's streaming tests: STRESS_COUNT PIDs of 256x256 pixels, each with
// its palette embedded (so a URL alone decodes it), 256 KiB of RGBA once decoded: 64 MiB in all.
// Everything is a pure function of the PID's number (a small xorshift generator, no Math.random, no
// time), so every build writes the same bytes and a test can recompute any file.
// Even numbers use the compressed encoding (flag 0x20, transparent runs as skips), odd ones the plain
// one, so both decoder paths are streamed.
import type { Formats } from '@openclaw/memory-sdk';

export const STRESS_COUNT = 256;
export const STRESS_SIDE = 256;
/** Decoded RGBA bytes of one PID. */
export const STRESS_DECODED_BYTES = STRESS_SIDE * STRESS_SIDE * 4;
export const STRESS_MANIFEST = 'manifest.json';
export const STRESS_FORMAT = 'openclaw-stress-set';
export const STRESS_VERSION = 1;

export interface StressFile {
  /** File name inside the set's folder, e.g. "007.PID". */
  name: string;
  bytes: number;
}

/** What the pages read (manifest.json next to the PIDs). */
export interface StressManifest {
  format: typeof STRESS_FORMAT;
  version: typeof STRESS_VERSION;
  width: number;
  height: number;
  /** Sum of the decoded RGBA bytes of every file. */
  decodedBytes: number;
  files: StressFile[];
}

export function stressName(n: number): string {
  return `${String(n).padStart(3, '0')}.PID`;
}

/** xorshift32 seeded from n (never 0): deterministic, fast, good enough for texture noise. */
function generator(n: number): () => number {
  let x = (Math.imul(n + 1, 0x9e3779b1) ^ 0x5bd1e995) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** Index 0 transparent; 1..255 a hue ramp rotated per file, so that files differ in colour too. */
export function stressPalette(n: number): Uint8Array {
  const rgb = new Uint8Array(768);
  for (let i = 1; i < 256; i++) {
    const t = (i + n * 37) & 255;
    rgb[i * 3] = t;
    rgb[i * 3 + 1] = (t * 3 + 64) & 255;
    rgb[i * 3 + 2] = 255 - t;
  }
  return rgb;
}

/**
 * Palette indices of PID n: diagonal bands (long runs) with noisy 8x8 blocks (short runs) and a
 * transparent disc whose radius depends on n (runs of index 0).
 */
export function stressIndices(n: number): Uint8Array {
  const side = STRESS_SIDE;
  const next = generator(n);
  const indices = new Uint8Array(side * side);
  const radius = 24 + (n % 80);
  const cx = side / 2;
  for (let by = 0; by < side; by += 8) {
    for (let bx = 0; bx < side; bx += 8) {
      const noisy = (next() & 3) === 0;
      for (let y = by; y < by + 8; y++) {
        for (let x = bx; x < bx + 8; x++) {
          const dx = x - cx;
          const dy = y - cx;
          let v: number;
          if (dx * dx + dy * dy < radius * radius) v = 0;
          else if (noisy) v = 1 + (next() % 255);
          else v = 1 + (((x + y + n) >> 4) % 255);
          indices[y * side + x] = v;
        }
      }
    }
  }
  return indices;
}

/** The bytes of PID n, encoded by the core's own PID writer (Formats.encodePid). */
export function stressPid(formats: Pick<Formats, 'encodePid'>, n: number): Uint8Array {
  return formats.encodePid({
    width: STRESS_SIDE,
    height: STRESS_SIDE,
    indices: stressIndices(n),
    compressed: n % 2 === 0,
    flags: 0x01,
    palette: stressPalette(n),
  });
}

export function stressManifest(files: StressFile[]): StressManifest {
  return {
    format: STRESS_FORMAT,
    version: STRESS_VERSION,
    width: STRESS_SIDE,
    height: STRESS_SIDE,
    decodedBytes: files.length * STRESS_DECODED_BYTES,
    files,
  };
}
