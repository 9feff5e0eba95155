// Sync testing for deterministic multiplayer, after GGPO's SyncTestBackend: run frames, go back to a
// snapshot, run the same inputs again, and compare the per-frame checksums of the state region. The
// first frame whose checksum differs is where the simulation read something outside the region
// (time, an address, a JavaScript variable, uninitialised bytes).
import { isU32 } from '../memory/context.js';
import { InvalidArgumentError, OpenClawError } from '../memory/errors.js';

/** What the tester needs of an engine (Engine implements it). */
export interface SyncTarget {
  snapshot(): Uint8Array;
  restore(bytes: Uint8Array): void;
  checksum(): bigint;
}

/** One frame of the simulation: advance the state region by one step with this input. */
export type SyncStep = (input: number, frameInWindow: number) => void;

export interface SyncMismatch {
  /** Index of the frame within the checked window (0 = the first frame after the snapshot). */
  frame: number;
  /** Absolute frame number (the tester's count of advance() calls, from 0). */
  absoluteFrame: number;
  expected: bigint;
  actual: bigint;
  input: number;
}

export interface SyncReport {
  /** Frames re-simulated and compared. */
  frames: number;
  firstMismatch: SyncMismatch | null;
}

/** Thrown by SyncTester.advance() with `throwOnDesync` when a re-simulation disagrees. */
export class DesyncError extends OpenClawError {
  constructor(readonly mismatch: SyncMismatch) {
    super(`desync at frame ${mismatch.absoluteFrame} (window frame ${mismatch.frame}): checksum ` +
      `${hex(mismatch.expected)} the first time, ${hex(mismatch.actual)} when re-simulated`, -1, 'Desync');
  }
}

function hex(v: bigint): string {
  return `0x${v.toString(16).padStart(16, '0')}`;
}

export interface SyncTesterOptions {
  /** Frames between checks: every `window` frames the tester goes back and re-simulates them. */
  window: number;
  step: SyncStep;
  /** Throw DesyncError from advance() instead of returning the report (default false). */
  throwOnDesync?: boolean;
}

/**
 * Runs the simulation frame by frame; every `window` frames it restores the snapshot taken at the
 * window's start, replays the recorded inputs, and compares checksums. The state after a check is the
 * re-simulated one, so a passing check leaves the run exactly where it was.
 */
export class SyncTester {
  private start: Uint8Array | null = null;
  private inputs: number[] = [];
  private sums: bigint[] = [];
  private frame = 0;
  readonly window: number;

  constructor(private readonly target: SyncTarget, private readonly options: SyncTesterOptions) {
    if (!isU32(options.window) || options.window === 0) throw new InvalidArgumentError(`sync test: window must be a whole number > 0, got ${options.window}`);
    this.window = options.window;
  }

  /** Advances one frame; returns a report when this frame completed a window, else null. */
  advance(input = 0): SyncReport | null {
    if (this.start === null) this.start = this.target.snapshot();
    this.options.step(input, this.inputs.length);
    this.inputs.push(input);
    this.sums.push(this.target.checksum());
    this.frame += 1;
    if (this.inputs.length < this.window) return null;
    const report = this.check();
    if (report.firstMismatch !== null && this.options.throwOnDesync === true) throw new DesyncError(report.firstMismatch);
    return report;
  }

  private check(): SyncReport {
    const start = this.start;
    if (start === null) throw new InvalidArgumentError('sync test: nothing to check');
    const inputs = this.inputs;
    const sums = this.sums;
    const firstFrame = this.frame - inputs.length;
    this.start = null;
    this.inputs = [];
    this.sums = [];
    this.target.restore(start);
    let firstMismatch: SyncMismatch | null = null;
    for (let i = 0; i < inputs.length; i++) {
      this.options.step(inputs[i]!, i);
      const actual = this.target.checksum();
      if (firstMismatch === null && actual !== sums[i]) {
        firstMismatch = { frame: i, absoluteFrame: firstFrame + i, expected: sums[i]!, actual, input: inputs[i]! };
      }
    }
    return { frames: inputs.length, firstMismatch };
  }
}

/** One-shot sync test: `frames` frames from now, inputs from `input(i)` (default 0). */
export function syncTest(target: SyncTarget, options: { frames: number; step: SyncStep; input?: (frame: number) => number }): SyncReport {
  const tester = new SyncTester(target, { window: options.frames, step: options.step });
  let report: SyncReport | null = null;
  for (let i = 0; i < options.frames; i++) report = tester.advance(options.input?.(i) ?? 0);
  if (report === null) throw new InvalidArgumentError('sync test: no frames run');
  return report;
}
