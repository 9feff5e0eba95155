// The game page's input recording (web/game/recording.ts) in Chromium: 300 frames played through the
// page's hooks, "Download recording" gives a .clawinput of exactly those frames' input bits, bound to
// the level and to frame 0 of the fresh load; the desktop build (if build/native/openclaw-desktop exists,
// OC_NATIVE_BUILD_DIR for another build) replays it headless to the page's final checksum. Reloading the
// level starts a new recording from the frame of the reload.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

import { readInputRecording } from '../../engine/game/input-recording.js';
import { checksum, frame, Input, openGame, stepInputs, type GameHooks } from './support/game.js';

type RecordingWindow = { __game: GameHooks & { recording(): Uint8Array } };

const repoRoot = resolve(import.meta.dirname, '../..');
const desktop = join(resolve(repoRoot, process.env['OC_NATIVE_BUILD_DIR'] ?? 'build/native'), 'openclaw-desktop');
// The archive the page serves (build/web/demo.rez is a copy of it).
const rez = join(repoRoot, 'build/assets/web/demo.rez');
const dir = join(repoRoot, 'build/test-fixtures/game-record');
const FRAMES = 300;

/** Runs of 17 frames of each move: walking, jumps, swings, a climb attempt, standing. */
function script(length: number): number[] {
  const { Left, Right, Up, Jump, Attack } = Input;
  const moves = [Right, Right | Jump, 0, Attack, Right | Attack, Left, Left | Jump, Up, Right];
  return Array.from({ length }, (_, i) => moves[Math.floor(i / 17) % moves.length]!);
}

function hex(decimal: string): string {
  return BigInt(decimal).toString(16).padStart(16, '0');
}

test.beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
});

test('300 frames: the downloaded .clawinput holds their input bits, and the desktop replay ends on the page\'s checksum', async ({ page }) => {
  await openGame(page);
  const start = await frame(page);
  expect(start).toBe(0); // the page steps nothing before the game starts: the recording replays from the archive
  const inputs = script(FRAMES);
  expect(await stepInputs(page, inputs)).toBe(start + FRAMES);
  const last = await checksum(page);
  const levelHash = await page.evaluate(() => String((window as unknown as RecordingWindow).__game.shell!.game.world.levelHash));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recording-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^openclaw-[0-9a-f]{16}-f0-300\.clawinput$/);
  const file = join(dir, 'page.clawinput');
  await download.saveAs(file);
  const bytes = new Uint8Array(readFileSync(file));
  const recording = readInputRecording(bytes);
  expect(recording.inputs.length).toBe(FRAMES);
  expect([...recording.inputs]).toEqual(inputs);
  expect(recording.startFrame).toBe(0n);
  expect(recording.levelHash.toString()).toBe(levelHash);
  expect(recording.levelHash).not.toBe(0n);
  // The hook gives the same bytes as the button.
  const hooked = await page.evaluate(() => [...(window as unknown as RecordingWindow).__game.recording()]);
  expect(hooked).toEqual([...bytes]);

  test.skip(!existsSync(desktop), `the desktop replay — SKIPPED: ${desktop} is missing (build the target openclaw-desktop)`);
  const sums = join(dir, 'desktop-checksums.txt');
  const run = spawnSync(desktop, ['--headless', '--rez', rez, '--frames', String(FRAMES), '--input', file, '--checksums', sums], {
    cwd: repoRoot, encoding: 'utf8', timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const lines = readFileSync(sums, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(FRAMES);
  expect(lines.at(-1)).toBe(`${FRAMES} ${hex(last)}`);
});

test('a level reload starts a new recording from the frame of the reload', async ({ page }) => {
  await openGame(page);
  await stepInputs(page, script(120));
  await page.evaluate(() => (window as unknown as RecordingWindow).__game.reloadLevel());
  const at = await frame(page);
  expect(at).toBe(120);
  let recording = readInputRecording(new Uint8Array(await page.evaluate(() => [...(window as unknown as RecordingWindow).__game.recording()])));
  expect(recording.inputs.length).toBe(0);
  expect(recording.startFrame).toBe(BigInt(at));
  await page.evaluate(() => (window as unknown as RecordingWindow).__game.pause());
  await stepInputs(page, [Input.Right, Input.Right | Input.Jump, 0]);
  recording = readInputRecording(new Uint8Array(await page.evaluate(() => [...(window as unknown as RecordingWindow).__game.recording()])));
  expect([...recording.inputs]).toEqual([Input.Right, Input.Right | Input.Jump, 0]);
  expect(recording.startFrame).toBe(BigInt(at));
});
