// Compile-time and run-time separation of handles of different pools. The @ts-expect-error lines are
// checked by `npx tsc -p tsconfig.json --noEmit`: if a Handle<'bullets'> ever became assignable to a
// Handle<'actors'>, the directive would be unused and type checking would fail.
import { describe, expect, it } from 'vitest';
import { ForeignHandleError, handleTag, type Handle } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

describe('Handle', () => {
  it('handles of different pools are different types', async () => {
    const engine = await freshEngine();
    const bullets = engine.createPool({ name: 'bullets', slotSize: 16, capacity: 8 });
    const actors = engine.createPool({ name: 'actors', slotSize: 16, capacity: 8 });
    const b: Handle<'bullets'> = bullets.alloc();
    const a: Handle<'actors'> = actors.alloc();

    // @ts-expect-error a bullets handle is not an actors handle
    const wrong: Handle<'actors'> = b;
    // @ts-expect-error an actors pool does not take a bullets handle
    expectThrows(() => actors.free(b), ForeignHandleError);
    // @ts-expect-error a plain number is not a handle
    const forged: Handle<'bullets'> = 42;

    // Handles are still numbers for arithmetic and storage.
    const n: number = a;
    expect(typeof n).toBe('number');
    expect(wrong).toBe(b);
    expect(forged).toBe(42);
    expect(handleTag(b)).toBe(bullets.tag);
    expect(handleTag(a)).toBe(actors.tag);
    expect(bullets.tag).not.toBe(actors.tag);
    actors.check();
    bullets.check();
  });
});
