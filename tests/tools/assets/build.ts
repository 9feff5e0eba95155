// Shared set-up of the packer tests: runs the packer's real entry (main() of tools/assets/pack, on the
// built package in build/dist) into temporary directories, quietly, and reads the source JSON.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

import { main } from '../../../tools/assets/pack/main.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const assets = join(root, 'assets');

if (!existsSync(join(root, 'build/dist/index.js'))) {
  throw new Error('build/dist/index.js missing: run `npm run build` (the packer uses the built package)');
}

/** A fresh temporary directory, removed when the file's tests end. */
export function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oc-pack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface PackRun {
  code: number;
  stderr: string;
}

/** Runs the packer with `args` (plus --quiet), capturing what it writes to stderr. */
export async function pack(args: string[]): Promise<PackRun> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await main([...args, '--quiet']), stderr };
  } finally {
    process.stderr.write = write;
  }
}

/** A source JSON file of assets/, typed as the test expects it (the packer validates it for real). */
export function sourceJson<T>(path: string): T {
  return JSON.parse(readFileSync(join(assets, path), 'utf8')) as T;
}

export interface LevelJson {
  name: string;
  author: string;
  birth: string;
  start: { x: number; y: number };
  planes: Array<{
    name: string; main?: boolean; tileSize: number; movementPercent: { x: number; y: number };
    wrapX?: boolean; wrapY?: boolean; legend: Record<string, number>; rows: string[];
  }>;
  objects: Array<{
    id: number; logic: string; imageSet: string; x: number; y: number; score?: number; health?: number;
    damage?: number; minX?: number; maxX?: number; drops?: string;
  }>;
}

export interface AniJson {
  imageSet: string;
  frames: Array<{ image: number; ms: number; event?: string }>;
}

export interface TileDescriptionJson {
  type: number;
  attribute?: string;
  rect?: [number, number, number, number];
  inside?: string;
  outside?: string;
}
