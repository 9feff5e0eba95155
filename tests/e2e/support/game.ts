// What the game specs share: the page opened with its level loaded, and its window.__game hooks
// (web/game/hooks.ts) wrapped as typed calls. Every step goes through __game.step while the loop is
// paused, so a spec's frames are exactly the inputs it gives (no real-time steps in between).
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { EntityInfo, GameHooks } from '../../../web/game/hooks.js';

export type { EntityInfo, GameHooks };

/** Input bits (engine/game Input). */
export const Input = { Left: 1, Right: 2, Up: 4, Down: 8, Jump: 16, Attack: 32 } as const;

/** The World figures the specs read (WorldFigures of engine/game/views.ts). */
export type WorldFigures = GameHooks['world'];

export interface OpenGameOptions {
  /** Pause the loop (reason 'test') once ready; default true. */
  pause?: boolean;
  /** Leave the loading screen ("Press any key") at once; default true. */
  start?: boolean;
  /** Milliseconds to wait for the level; default 30,000. */
  timeout?: number;
}

/** Opens the game at `/` and waits until level 1 is loaded (__game.ready), failing fast on a boot error. */
export async function openGame(page: Page, options: OpenGameOptions = {}): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(() => {
    const g = (window as unknown as { __game?: GameHooks }).__game;
    return g !== undefined && (g.ready || g.error !== null);
  }, undefined, { timeout: options.timeout ?? 30_000 });
  const error = await page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.error);
  expect(error, 'the game page failed to start').toBeNull();
  if (options.pause ?? true) await page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.pause());
  if (options.start ?? true) await page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.start());
}

/** `n` steps with these input bits; resolves with the frame number after them. */
export function step(page: Page, n: number, input = 0): Promise<number> {
  return page.evaluate(([n, input]) => (window as unknown as { __game: GameHooks }).__game.step(n!, input!), [n, input]);
}

/** Steps one input per frame (a recorded sequence). */
export function stepInputs(page: Page, inputs: readonly number[]): Promise<number> {
  return page.evaluate((inputs) => {
    const g = (window as unknown as { __game: GameHooks }).__game;
    let frame = g.frame;
    for (const bits of inputs) frame = g.step(1, bits);
    return frame;
  }, [...inputs]);
}

/** The checksum of the state after each of these inputs, one per frame. */
export function checksumsOf(page: Page, inputs: readonly number[]): Promise<string[]> {
  return page.evaluate((inputs) => {
    const g = (window as unknown as { __game: GameHooks }).__game;
    return inputs.map((bits) => {
      g.step(1, bits);
      return g.checksum();
    });
  }, [...inputs]);
}

export function world(page: Page): Promise<WorldFigures> {
  return page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.world);
}

export function checksum(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.checksum());
}

export function frame(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.frame);
}

export function entities(page: Page): Promise<EntityInfo[]> {
  return page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.entities());
}

export function pause(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.pause());
}

export function resume(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.resume());
}

/**
 * The { step, read } target of the scripted demo route (tests/engine/game/support/demo-route.ts) on the
 * page: steps through __game.step, reads the world and the entities in one round trip.
 */
export function pageTarget(page: Page): {
  step(frames: number, input: number): Promise<void>;
  read(): Promise<{ world: WorldFigures; entities: EntityInfo[] }>;
} {
  return {
    async step(frames, input) {
      await step(page, frames, input);
    },
    read: () => page.evaluate(() => {
      const g = (window as unknown as { __game: GameHooks }).__game;
      return { world: g.world, entities: g.entities() };
    }),
  };
}

// ---- REZ surgery for the archive specs (Node side): LEGACY-FORMATS.md's layout ----------------------

interface RezEntry {
  /** Position of the file entry's dataOffset field in the archive. */
  field: number;
  offset: number;
  size: number;
}

interface RezTree {
  files: Map<string, RezEntry>;
  /** Positions of every directory entry's childOffset field, and the blocks' offsets. */
  dirFields: number[];
  blocks: number[];
}

function readRezTree(rez: Buffer): RezTree {
  const tree: RezTree = { files: new Map(), dirFields: [], blocks: [] };
  const walk = (offset: number, size: number, prefix: string): void => {
    tree.blocks.push(offset);
    let p = offset;
    while (p < offset + size) {
      const isDir = rez.readUInt32LE(p);
      if (isDir === 1) {
        const nameEnd = rez.indexOf(0, p + 16);
        const name = rez.toString('latin1', p + 16, nameEnd);
        tree.dirFields.push(p + 4);
        walk(rez.readUInt32LE(p + 4), rez.readUInt32LE(p + 8), `${prefix}/${name}`);
        p = nameEnd + 1;
      } else {
        const extBytes = rez.subarray(p + 20, p + 24);
        const ext = [...extBytes].filter((b) => b !== 0).reverse().map((b) => String.fromCharCode(b)).join('');
        const nameEnd = rez.indexOf(0, p + 28);
        const name = rez.toString('latin1', p + 28, nameEnd);
        tree.files.set(`${prefix}/${name}.${ext}`.toUpperCase(), { field: p + 4, offset: rez.readUInt32LE(p + 4), size: rez.readUInt32LE(p + 8) });
        p = nameEnd + 2; // the NUL and one extra byte
      }
    }
  };
  walk(rez.readUInt32LE(131), rez.readUInt32LE(135), '');
  return tree;
}

/** Where a file's bytes are in a REZ archive (path like /LEVEL1/WORLDS/WORLD.WWD, any case). */
export function rezFile(rez: Buffer, path: string): { offset: number; size: number } {
  const entry = readRezTree(rez).files.get(path.toUpperCase());
  if (entry === undefined) throw new Error(`the archive has no ${path}`);
  return { offset: entry.offset, size: entry.size };
}

/**
 * A copy of the archive with one file's bytes replaced (any length): the new bytes go just before the
 * directory blocks (which stay at the end), whose offsets move by their length.
 */
export function replaceRezFile(rez: Buffer, path: string, bytes: Buffer): Buffer {
  const tree = readRezTree(rez);
  const entry = tree.files.get(path.toUpperCase());
  if (entry === undefined) throw new Error(`the archive has no ${path}`);
  const at = Math.min(...tree.blocks);
  for (const f of tree.files.values()) if (f.offset + f.size > at) throw new Error('replaceRezFile: file data after a directory block');
  const out = Buffer.concat([rez.subarray(0, at), bytes, rez.subarray(at)]);
  const shift = bytes.length;
  for (const field of tree.dirFields) out.writeUInt32LE(out.readUInt32LE(field + shift) + shift, field + shift);
  out.writeUInt32LE(rez.readUInt32LE(131) + shift, 131);
  out.writeUInt32LE(at, entry.field + shift);
  out.writeUInt32LE(bytes.length, entry.field + 4 + shift);
  return out;
}

/**
 * Keeps a screenshot the README shows: attached to the test, written to build/screenshots/, and copied
 * over docs/images/ only when OC_UPDATE_SCREENSHOTS=1 (so that `npm test` never rewrites tracked files).
 */
export async function keepScreenshot(testInfo: TestInfo, name: string, bytes: Buffer): Promise<void> {
  await testInfo.attach(name, { body: bytes, contentType: 'image/png' });
  const root = path.resolve(import.meta.dirname, '../../..');
  const dirs = ['build/screenshots', ...(process.env['OC_UPDATE_SCREENSHOTS'] === '1' ? ['docs/images'] : [])];
  for (const dir of dirs) {
    await mkdir(path.join(root, dir), { recursive: true });
    await writeFile(path.join(root, dir, name), bytes);
  }
}
