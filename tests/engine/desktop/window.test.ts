// The desktop build's window under Xvfb (issue 8): openclaw-desktop opens its SDL window, plays a
// recorded input that runs right (and jumps) for 120 frames, and saves the window's pixels
// (--screenshot, SDL_RenderReadPixels -> BMP). The test reads the BMP: the window's size (640x480 times
// the scale), many distinct colours, and the sky (top) and the ground (bottom) rows look different —
// that is, the level is drawn, not a blank or one-colour window. The screenshot is kept as
// build/screenshots/desktop.bmp and desktop.png (docs/images/desktop.png only with OC_UPDATE_SCREENSHOTS=1).
//
// With --record and --stats (the same run): the recording written at exit holds the input of the 120
// steps played (the first 120 of a longer recording given), bound to the same level and start frame,
// and stdout has one claw-stats line whose leak list, read by claw-stats, is empty. After --load, the
// recording starts at the snapshot's frame counter and the headless mode accepts it over that snapshot.
//
// Needs xvfb-run and build/native/openclaw-desktop (OC_NATIVE_BUILD_DIR for another build) and
// build/assets/demo.rez: skipped, with the reason in its title, when one is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

import { Input } from '../../../engine/game/constants.js';
import { encodeInputRecording, readInputRecording } from '../../../engine/game/input-recording.js';
import { DEMO_REZ } from '../game/support/demo-rez.js';
import { demoGame, useDemoLevel } from '../game/support/game.js';
import { nativeDir, repoRoot } from '../support/native.js';
import { ToolCli } from '../../tools/support/cli.js';
import { heldKeyInputs } from './support/session.js';

const FRAMES = 120;
const desktop = join(nativeDir, 'openclaw-desktop');
const dir = join(repoRoot, 'build/test-fixtures/desktop-window');
const shots = join(repoRoot, 'build/screenshots');
const claw = new ToolCli('claw-stats', 'stats');
const demo = useDemoLevel();

function which(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;
}

const missing = [
  which('xvfb-run') ? '' : 'xvfb-run (Debian: xvfb)',
  existsSync(desktop) ? '' : desktop,
  existsSync(DEMO_REZ) ? '' : DEMO_REZ,
].filter((m) => m !== '');

interface Bitmap {
  width: number;
  height: number;
  /** RGB per pixel, top row first. */
  rgb: Uint8Array;
}

/** A 24- or 32-bit uncompressed (or BI_BITFIELDS with the usual masks) BMP, as SDL_SaveBMP writes it. */
function readBmp(bytes: Buffer): Bitmap {
  expect(bytes.toString('latin1', 0, 2)).toBe('BM');
  const dataAt = bytes.readUInt32LE(10);
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bpp = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  expect([24, 32]).toContain(bpp);
  expect([0, 3]).toContain(compression);
  if (compression === 3) expect(bytes.readUInt32LE(54)).toBe(0x00ff0000); // red mask: B, G, R, A in memory
  const height = Math.abs(rawHeight);
  const step = bpp / 8;
  const stride = Math.ceil((width * step) / 4) * 4;
  expect(bytes.length).toBeGreaterThanOrEqual(dataAt + stride * height);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataAt + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const p = row + x * step;
      const o = (y * width + x) * 3;
      rgb[o] = bytes[p + 2]!;
      rgb[o + 1] = bytes[p + 1]!;
      rgb[o + 2] = bytes[p]!;
    }
  }
  return { width, height, rgb };
}

function rowMean(b: Bitmap, y: number): [number, number, number] {
  const sum = [0, 0, 0];
  for (let x = 0; x < b.width; x++) for (let c = 0; c < 3; c++) sum[c]! += b.rgb[(y * b.width + x) * 3 + c]!;
  return [sum[0]! / b.width, sum[1]! / b.width, sum[2]! / b.width];
}

function keep(name: string, bytes: Buffer): void {
  const dirs = [shots, ...(process.env['OC_UPDATE_SCREENSHOTS'] === '1' ? [join(repoRoot, 'docs/images')] : [])];
  for (const d of dirs) {
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, name), bytes);
  }
}

describe.skipIf(missing.length > 0)(`openclaw-desktop's window under Xvfb${missing.length > 0 ? ` (skipped: missing ${missing.join(', ')})` : ''}`, () => {
  it('plays a recording that runs right and saves a screenshot that shows the level', () => {
    mkdirSync(dir, { recursive: true });
    mkdirSync(shots, { recursive: true });
    const inputs = new Uint8Array(FRAMES).fill(Input.Right);
    for (let f = 40; f < 52; f++) inputs[f] = Input.Right | Input.Jump;
    const recording = join(dir, 'run-right.clawinput');
    writeFileSync(recording, encodeInputRecording(inputs));
    const bmpPath = join(shots, 'desktop.bmp');
    const result = spawnSync('xvfb-run', [
      '-a', '-s', '-screen 0 1280x1024x24',
      desktop, '--rez', DEMO_REZ, '--frames', String(FRAMES), '--input', recording, '--screenshot', bmpPath,
    ], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr, result.stderr).not.toMatch(/openclaw-desktop:/);
    expect(result.status).toBe(0);

    const bytes = readFileSync(bmpPath);
    const bmp = readBmp(bytes);
    const scale = bmp.width / 640;
    expect(Number.isInteger(scale) && scale >= 1).toBe(true);
    expect(bmp.height).toBe(480 * scale);

    const colours = new Set<number>();
    for (let i = 0; i < bmp.rgb.length; i += 3) colours.add((bmp.rgb[i]! << 16) | (bmp.rgb[i + 1]! << 8) | bmp.rgb[i + 2]!);
    expect(colours.size).toBeGreaterThan(50);
    // Below the HUD band the sky; near the bottom the ground: their mean colours are far apart.
    const sky = rowMean(bmp, 60 * scale);
    const ground = rowMean(bmp, 440 * scale);
    const distance = Math.hypot(sky[0] - ground[0], sky[1] - ground[1], sky[2] - ground[2]);
    expect(distance, `sky ${sky.join(',')} vs ground ${ground.join(',')}`).toBeGreaterThan(40);

    const png = new PNG({ width: bmp.width, height: bmp.height });
    for (let i = 0, j = 0; i < bmp.rgb.length; i += 3, j += 4) {
      png.data[j] = bmp.rgb[i]!;
      png.data[j + 1] = bmp.rgb[i + 1]!;
      png.data[j + 2] = bmp.rgb[i + 2]!;
      png.data[j + 3] = 255;
    }
    keep('desktop.png', PNG.sync.write(png));
  }, 90_000);

  it('--record writes the input of the steps played, bound to the level; --stats prints an empty leak list', async () => {
    mkdirSync(dir, { recursive: true });
    const game = await demoGame(demo());
    const levelHash = game.world.levelHash;
    expect(levelHash).not.toBe(0n);
    // Longer than the run: only the steps played are recorded.
    const inputs = heldKeyInputs(FRAMES + 80, 42);
    const given = join(dir, 'record-in.clawinput');
    writeFileSync(given, encodeInputRecording(inputs, { levelHash }));
    const out = join(dir, 'record-out.clawinput');
    rmSync(out, { force: true });
    const result = spawnSync('xvfb-run', [
      '-a', '-s', '-screen 0 1280x1024x24',
      desktop, '--rez', DEMO_REZ, '--frames', String(FRAMES), '--input', given, '--record', out, '--stats',
      '--screenshot', join(dir, 'record.bmp'),
    ], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr, result.stderr).not.toMatch(/openclaw-desktop:/);
    expect(result.status).toBe(0);

    const recorded = readInputRecording(new Uint8Array(readFileSync(out)));
    expect(recorded.inputs.length).toBe(FRAMES);
    expect(Array.from(recorded.inputs)).toEqual(Array.from(inputs.subarray(0, FRAMES)));
    expect(recorded.levelHash).toBe(levelHash);
    expect(recorded.startFrame).toBe(0n);

    const lines = result.stdout.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length, result.stdout).toBe(1);
    const report = await claw.run(['--leaks-only', '--format', 'json', '-'], dir, { stdin: lines[0]! });
    expect(report.code, report.stderr).toBe(0);
    const leaks = claw.json<{ leaks: { available: boolean; groups: unknown[] } }>(report).leaks;
    expect(leaks.available).toBe(true);
    expect(leaks.groups).toEqual([]);
  }, 90_000);

  it('--record after --load starts at the snapshot\'s frame, and the headless mode replays it from there', async () => {
    mkdirSync(dir, { recursive: true });
    const levelHash = (await demoGame(demo())).world.levelHash;
    const given = join(dir, 'record-base.clawinput');
    writeFileSync(given, encodeInputRecording(heldKeyInputs(30, 5), { levelHash }));
    const snap = join(dir, 'record-base.clawsnap');
    const saved = spawnSync(desktop, ['--headless', '--rez', DEMO_REZ, '--frames', '30', '--input', given, '--save', snap], { encoding: 'utf8' });
    expect(saved.status, saved.stderr).toBe(0);
    const out = join(dir, 'record-after-load.clawinput');
    rmSync(out, { force: true });
    const result = spawnSync('xvfb-run', [
      '-a', '-s', '-screen 0 1280x1024x24',
      desktop, '--rez', DEMO_REZ, '--load', snap, '--frames', '20', '--record', out, '--screenshot', join(dir, 'record-after-load.bmp'),
    ], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr, result.stderr).not.toMatch(/openclaw-desktop:/);
    expect(result.status).toBe(0);
    const recorded = readInputRecording(new Uint8Array(readFileSync(out)));
    expect(recorded.startFrame).toBe(30n);
    expect(recorded.levelHash).toBe(levelHash);
    expect(recorded.inputs.length).toBe(20);
    const replay = spawnSync(desktop, ['--headless', '--load', snap, '--frames', '20', '--input', out], { encoding: 'utf8' });
    expect(replay.stderr).toBe('');
    expect(replay.status).toBe(0);
  }, 90_000);

  it('refuses a recording of another level before it opens a window', () => {
    mkdirSync(dir, { recursive: true });
    const recording = join(dir, 'other-level.clawinput');
    writeFileSync(recording, encodeInputRecording(new Uint8Array(10), { levelHash: 0x1234n }));
    const result = spawnSync(desktop, ['--rez', DEMO_REZ, '--frames', '10', '--input', recording, '--screenshot', join(dir, 'no.bmp')], {
      encoding: 'utf8',
      env: { ...process.env, DISPLAY: '' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/other-level\.clawinput: BaseMismatch \(recorded on level 0000000000001234/);
    expect(existsSync(join(dir, 'no.bmp'))).toBe(false);
  });
});
