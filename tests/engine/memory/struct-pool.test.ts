import { describe, expect, expectTypeOf, it } from 'vitest';
import { InvalidArgumentError, StaleHandleError, layoutOf, type Handle } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

describe('StructPool', () => {
  it('lays fields out in declaration order with natural alignment', () => {
    const { layout, size, align } = layoutOf({ a: 'u8', b: 'f64', c: 'u16', d: 'i32' });
    expect(layout).toEqual({
      a: { offset: 0, type: 'u8' },
      b: { offset: 8, type: 'f64' },
      c: { offset: 16, type: 'u16' },
      d: { offset: 20, type: 'i32' },
    });
    expect(size).toBe(24);
    expect(align).toBe(8);
    expect(layoutOf({ x: 'u8' })).toMatchObject({ size: 4, align: 4 });
    expectThrows(() => layoutOf({}), InvalidArgumentError);
  });

  it('reads and writes typed fields in the slot bytes, little-endian', async () => {
    const engine = await freshEngine();
    const actors = engine.createStructPool({
      name: 'actors', capacity: 1000, fields: { x: 'f32', y: 'f32', hp: 'i32', flags: 'u8', id: 'u64' },
    });
    expect(actors.slotSize).toBe(24);
    const a = actors.alloc();
    expect(actors.read(a)).toEqual({ x: 0, y: 0, hp: 0, flags: 0, id: 0n });
    actors.set(a, 'hp', 100);
    actors.set(a, 'x', 1.5);
    actors.set(a, 'id', 0x1122334455667788n);
    actors.write(a, { y: -2.25, flags: 7 });
    expect(actors.get(a, 'hp')).toBe(100);
    expect(actors.get(a, 'x')).toBe(1.5);
    expect(actors.read(a)).toEqual({ x: 1.5, y: -2.25, hp: 100, flags: 7, id: 0x1122334455667788n });

    // The same bytes seen through the pool's views and the region.
    const word = (actors.indexOf(a) * actors.views.stride) >> 2;
    expect(actors.views.f32[word]).toBe(1.5);
    expect(actors.views.i32[word + 2]).toBe(100);
    const bytes = engine.regions.state.slice(actors.offsetOf(a) + actors.layout.id.offset, 8);
    expect([...bytes]).toEqual([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);

    expectTypeOf(actors.get(a, 'hp')).toEqualTypeOf<number>();
    expectTypeOf(actors.get(a, 'id')).toEqualTypeOf<bigint>();
    expectTypeOf(a).toEqualTypeOf<Handle<'actors'>>();

    const b = actors.alloc();
    expect(actors.get(b, 'hp')).toBe(0);
    actors.free(a);
    expectThrows(() => actors.get(a, 'hp'), Error);
    const c = actors.alloc(); // reuses a's slot, zeroed
    expect(actors.read(c)).toEqual({ x: 0, y: 0, hp: 0, flags: 0, id: 0n });
    expectThrows(() => actors.set(a, 'hp', 1), StaleHandleError);
    expect(actors.get(c, 'hp')).toBe(0);
    expectThrows(() => actors.get(c, 'nope' as 'hp'), InvalidArgumentError);
    actors.check();
  });
});
