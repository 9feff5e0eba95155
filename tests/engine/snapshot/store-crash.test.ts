// The directory backend when its process is killed (SIGKILL) in the middle of saving: afterwards the
// slot holds the last save that was reported done, or the one after it, and it loads and restores.
// A real crash of a real process; nothing is simulated.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { createEngine } from '../../../engine/index.js';
import { Prng } from '../support/prng.js';
import { store, tempDir } from './store-support.js';

const CHILD = fileURLToPath(new URL('./store-crash-child.ts', import.meta.url));
const STATE = 4 * 1024 * 1024;

/** Starts the child, kills it `delayMs` after it is ready; resolves with the last version it reported saved. */
function saveUntilKilled(directory: string, seed: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, directory, String(seed), String(STATE)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the child ended by itself (code ${code}): ${err}`));
      const saved = [...out.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]));
      resolve(saved.at(-1) ?? 0);
    });
  });
}

test('killed mid-save, again and again: the slot always holds a complete save, never older than the last reported one', async () => {
  const directory = await tempDir();
  const rng = new Prng(7);
  const target = await createEngine({ regions: { state: STATE, frame: 64 * 1024 } });
  try {
    let floor = 0;
    for (let round = 0; round < 5; round++) {
      const reported = await saveUntilKilled(directory, round + 1, rng.between(150, 900));
      const s = await store({ directory });
      const history = await s.history('crash');
      if (reported === 0 && history.length === 0) continue; // killed before its first save
      const { bytes, info } = await s.load('crash'); // verified on the way out
      expect(info.version).toBeGreaterThanOrEqual(Math.max(reported, floor));
      expect(info.version).toBeLessThanOrEqual(Math.max(reported, floor) + 1);
      target.restore(bytes); // and the engine's full validation accepts it
      target.check();
      floor = info.version;
      await s.close();
    }
    expect(floor).toBeGreaterThan(0);
  } finally {
    target.destroy();
  }
}, 120_000);
