// The TypeScript enumerations against the core's headers (entity.h, world.h): a value changed on one
// side only fails here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  EntityFlag, EntityKind, EntityState, GameEvent, Input, INPUT_MASK, nameOf, SUBPIXEL, WorldStatus,
} from '../../../engine/game/constants.js';

const GAME = resolve(import.meta.dirname, '../../../native-legacy/game');
const headers = readFileSync(resolve(GAME, 'entity.h'), 'utf8') + readFileSync(resolve(GAME, 'world.h'), 'utf8');

/** `kPrefixName = value` constants of the headers (value: a number, or 1u << n). */
function cppConstants(prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of headers.matchAll(new RegExp(`\\b${prefix}(\\w+)\\s*=\\s*([0-9xA-Fa-f]+)u?(?:\\s*<<\\s*(\\d+))?`, 'g'))) {
    out.set(m[1]!, Number(m[2]) * 2 ** Number(m[3] ?? 0));
  }
  return out;
}

function expectSame(ts: Readonly<Record<string, number>>, cpp: Map<string, number>, rename: (k: string) => string = (k) => k): void {
  for (const [name, value] of Object.entries(ts)) expect(cpp.get(rename(name)), name).toBe(value);
}

describe('game constants match the core', () => {
  it('entity kinds, flags and states', () => {
    expectSame(EntityKind, cppConstants('kKind'));
    expectSame(EntityFlag, cppConstants('kFlag'));
    expectSame(EntityState, cppConstants('kState'));
    expect(Object.keys(EntityKind).length).toBe(cppConstants('kKind').get('Count'));
  });

  it('input bits, world statuses and events', () => {
    expectSame(Input, cppConstants('kInput'));
    expect(cppConstants('kInput').get('Mask')).toBe(INPUT_MASK);
    expect(Object.values(Input).reduce((a, b) => a | b, 0)).toBe(INPUT_MASK);
    expectSame(WorldStatus, cppConstants('kWorld'));
    expectSame(GameEvent, cppConstants('kEvent'));
    expect(headers).toMatch(new RegExp(`kSubpixel = ${SUBPIXEL};`));
  });

  it('nameOf names a value of a table', () => {
    expect(nameOf(EntityState, 9)).toBe('Breaking');
    expect(nameOf(WorldStatus, 42)).toBe('#42');
  });
});
