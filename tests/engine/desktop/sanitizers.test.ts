// The 10,000-frame recorded session (support/session.ts, the cross-build stream) run natively under
// AddressSanitizer and UBSan (openclaw-desktop-asan: the program over the debug libraries) with
// --stats: exit 0, nothing on stderr (a sanitizer report goes there), and the leak list of the report
// (leaks since the level load, after its unload) empty, as claw-stats reads it. The tracker --stats
// attaches changes no byte of the state region: the release program's checksums with --stats equal
// the wasm run's, and the sanitizer program's equal its own without --stats. (Not the wasm run's: the
// debug libraries scrub freed blocks with a pattern, OPENCLAW_DEBUG, so their bytes differ by design.)
//
// Needs build/native/openclaw-desktop-asan (OC_NATIVE_BUILD_DIR for another build): skipped, with the
// reason in its title, when missing. The release program's --stats run is checked too when it exists.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { encodeInputRecording } from '../../../engine/game/input-recording.js';
import { DEMO_REZ } from '../game/support/demo-rez.js';
import { useDemoLevel } from '../game/support/game.js';
import { nativeDir, repoRoot } from '../support/native.js';
import { ToolCli } from '../../tools/support/cli.js';
import { recordSession, type Session } from './support/session.js';

const FRAMES = 10_000;
const asan = join(nativeDir, 'openclaw-desktop-asan');
const release = join(nativeDir, 'openclaw-desktop');
const dir = join(repoRoot, 'build/test-fixtures/desktop-sanitizers');
const claw = new ToolCli('claw-stats', 'stats');
const demo = useDemoLevel();

let session: Session | null = null;

interface Leaks {
  frame: number;
  leaks: { available: boolean; mark: number; groups: unknown[] };
}

function runDesktop(program: string, stats: boolean): { status: number | null; stdout: string; stderr: string; lines: string[] } {
  const sums = join(dir, `${program.endsWith('-asan') ? 'asan' : 'release'}${stats ? '-stats' : ''}-checksums.txt`);
  const result = spawnSync(program, [
    '--headless', '--rez', DEMO_REZ, '--frames', String(FRAMES), '--input', join(dir, 'session.clawinput'),
    '--checksums', sums, ...(stats ? ['--stats'] : []),
  ], {
    cwd: repoRoot, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20,
    // Leak detection on (the default on x86-64 Linux, stated so), UBSan reports fatal and with a stack.
    env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1', UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1' },
  });
  if (result.error !== undefined) throw result.error;
  const lines = result.status === 0 ? readFileSync(sums, 'utf8').split('\n').slice(0, -1) : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines };
}

/** The claw-stats view of a run's stdout: its leak list (--leaks-only --format json), after schema checks. */
async function leaksOf(stdout: string): Promise<Leaks> {
  const run = await claw.run(['--leaks-only', '--format', 'json', '-'], dir, { stdin: stdout });
  expect(run.code, run.stderr).toBe(0);
  return claw.json<Leaks>(run);
}

function firstDifference(expected: readonly string[], actual: readonly string[]): string | null {
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i]) return `line ${i + 1}: wasm "${expected[i]}", native "${actual[i]}"`;
  }
  return expected.length === actual.length ? null : `${actual.length} lines, expected ${expected.length}`;
}

const title = existsSync(asan)
  ? `the sanitizer run (${asan})`
  : `the sanitizer run — SKIPPED: ${asan} is missing (build the target openclaw-desktop-asan, or set OC_NATIVE_BUILD_DIR)`;

describe.skipIf(!existsSync(asan))(title, () => {
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    session = await recordSession(demo().image, FRAMES);
    writeFileSync(join(dir, 'session.clawinput'), encodeInputRecording(session.inputs, { levelHash: session.levelHash }));
  }, 120_000);

  const s = (): Session => {
    if (session === null) throw new Error('the session is recorded in beforeAll');
    return session;
  };

  it('10,000 frames under ASan + UBSan with --stats: exit 0, no sanitizer output, no leaks, the checksums of the run without it', async () => {
    const run = runDesktop(asan, true);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.lines).toHaveLength(FRAMES);
    const untracked = runDesktop(asan, false);
    expect(untracked.stderr).toBe('');
    expect(untracked.stdout).toBe('');
    expect(firstDifference(untracked.lines, run.lines)).toBeNull();
    const report = await leaksOf(run.stdout);
    expect(report.frame).toBe(FRAMES);
    expect(report.leaks.available).toBe(true);
    expect(report.leaks.mark).toBeGreaterThan(0);
    expect(report.leaks.groups).toEqual([]);
  }, 300_000);

  it.skipIf(!existsSync(release))('the release program with --stats: every checksum equals the wasm run\'s, no leaks', async () => {
    const run = runDesktop(release, true);
    expect(run.status, run.stderr).toBe(0);
    expect(firstDifference(s().lines, run.lines)).toBeNull();
    expect((await leaksOf(run.stdout)).leaks.groups).toEqual([]);
  }, 120_000);
});
