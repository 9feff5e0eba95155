// Shared set-up of the engine tests: engines are created per test and destroyed afterwards.
import { afterEach } from 'vitest';
import { createEngine, type Engine, type EngineOptions } from '../../../engine/index.js';

const live: Engine[] = [];

afterEach(() => {
  for (const e of live.splice(0)) e.destroy();
});

/** A fresh engine, destroyed after the current test. */
export async function freshEngine(options: EngineOptions = {}): Promise<Engine> {
  const engine = await createEngine(options);
  live.push(engine);
  return engine;
}

/** Runs `fn`, expects it to throw an instance of `type`, and returns the error. */
export function expectThrows<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (err) {
    if (err instanceof type) return err;
    throw new Error(`expected ${type.name}, got ${err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err)}`);
  }
  throw new Error(`expected ${type.name}, but nothing was thrown`);
}

/**
 * A cheap assertion for the hot loops of the model tests (vitest's expect costs microseconds per call,
 * which adds up over 200,000 operations). The message is only built on failure.
 */
export function ensure(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new Error(`model mismatch: ${message()}`);
}

/**
 * Byte equality for large buffers: vitest's toEqual walks a typed array element by element (seconds
 * for a few MiB); this compares natively and reports the first differing offset.
 */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array, what = 'bytes'): void {
  if (actual.length === expected.length && Buffer.compare(actual, expected) === 0) return;
  let at = 0;
  while (at < Math.min(actual.length, expected.length) && actual[at] === expected[at]) at++;
  throw new Error(`${what} differ: lengths ${actual.length} and ${expected.length}, first difference at offset ${at}`);
}
