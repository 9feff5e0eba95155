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
