// tools/stats/schema.json against the contract's types, against ajv (a complete JSON Schema
// implementation), and the tool's own validator against ajv: both accept and reject the same reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

import { SchemaValidator } from '../../../tools/stats/schema.js';
import { root } from './cli.js';
import { handReport } from './fixture.js';

type Json = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(root, 'tools/stats/schema.json'), 'utf8')) as Json;
const ajv = new Ajv2020({ strict: true, allErrors: false });
const ajvValidate = ajv.compile(schema);
const ours = new SchemaValidator(schema);

const defs = schema.$defs as Record<string, Json>;
const required = (s: Json): string[] => [...(s.required as string[])].sort();
const keys = (o: object): string[] => Object.keys(o).sort();

describe('the report schema', () => {
  it('compiles in ajv strict mode and accepts a report built from the TypeScript types', () => {
    const r = handReport();
    expect(ajvValidate(r), JSON.stringify(ajvValidate.errors)).toBe(true);
    expect(ours.validate(r)).toBeNull();
  });

  it('requires exactly the keys of each contract type (engine/tracking/report.ts)', () => {
    const r = handReport();
    const props = schema.properties as Record<string, Json>;
    expect(required(schema)).toEqual(keys(r));
    expect(required(props.records!)).toEqual(keys(r.records));
    expect(required(props.totals!)).toEqual(keys(r.totals));
    expect(required(props.rate!)).toEqual(keys(r.rate));
    expect(required(defs.tag!)).toEqual(keys(r.tags[0]!));
    expect(required(defs.pool!)).toEqual(keys(r.pools[0]!));
    expect(required(defs.slab!)).toEqual(keys(r.slabs[0]!));
    expect(required(defs.arena!)).toEqual(keys(r.arenas[0]!));
    expect(required(defs.region!)).toEqual(keys(r.regions[0]!));
    expect(required(defs.frame!)).toEqual(keys(r.frames[0]!));
    expect(required(defs.leaks!)).toEqual(keys(r.leaks));
    expect(required(defs.leakGroup!)).toEqual(keys(r.leaks.groups[0]!));
    expect(required(defs.misuse!)).toEqual(keys(r.misuse));
    expect(required(defs.misuseReport!)).toEqual(keys(r.misuse.reports[0]!));
    // Strict: every object of the schema refuses keys it does not list.
    const objects: Json[] = [schema, props.records!, props.totals!, props.rate!, ...Object.values(defs).filter((d) => d.type === 'object')];
    for (const o of objects) expect(o.additionalProperties, JSON.stringify(o.required)).toBe(false);
  });

  // Each edit breaks one rule; both validators must refuse it, ours naming the path.
  const DELETE = Symbol('delete');
  const broken: Array<[string, Array<string | number>, unknown, string]> = [
    ['another format', ['format'], 'claw-snap', '/format'],
    ['a later version', ['version'], 2, '/version'],
    ['an unknown mode', ['mode'], 'verbose', '/mode'],
    ['a negative frame', ['frame'], -1, '/frame'],
    ['a fractional count', ['tags', 1, 'liveBytes'], 1.5, '/tags/1/liveBytes'],
    ['a count as a string', ['pools', 0, 'live'], '3', '/pools/0/live'],
    ['an extra key at the top', ['extra'], 1, '/extra'],
    ['an extra key in a pool', ['pools', 0, 'colour'], 'red', '/pools/0/colour'],
    ['a missing key', ['leaks', 'mark'], DELETE, '/leaks'],
    ['a missing section', ['frames'], DELETE, ''],
    ['mark 0 (marks start at 1)', ['leaks', 'mark'], 0, '/leaks/mark'],
    ['an unknown misuse kind', ['misuse', 'reports', 0, 'kind'], 'Oops', '/misuse/reports/0/kind'],
    ['a pool name that is a number', ['pools', 0, 'name'], 5, '/pools/0/name'],
    ['a negative rate', ['rate', 'allocsPerFrame'], -0.5, '/rate/allocsPerFrame'],
    ['frames that are not a list', ['frames'], {}, '/frames'],
    ['a null slab', ['slabs', 0], null, '/slabs/0'],
    ['available as a string', ['leaks', 'available'], 'yes', '/leaks/available'],
  ];
  it.each(broken)('refuses %s (ajv and claw-stats alike)', (_what, path, value, where) => {
    const r = JSON.parse(JSON.stringify(handReport())) as Json;
    let parent: Record<string | number, unknown> = r;
    for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (value === DELETE) delete parent[last];
    else parent[last] = value;
    expect(ajvValidate(r)).toBe(false);
    const v = ours.validate(r);
    expect(v).not.toBeNull();
    expect(`/${v!.path.join('/')}`.replace(/^\/$/, '')).toBe(where);
  });

  it('accepts what the contract allows: nulls, empty lists, fractional rates', () => {
    const r = handReport();
    r.pools[0]!.name = null;
    r.leaks = { available: false, mark: null, groups: [] };
    r.misuse = { total: 300, reports: [] };
    r.misuse.reports.push({ ...handReport().misuse.reports[0]!, allocSite: null, freeSite: null, tag: null });
    r.arenas = [];
    r.frames = [];
    r.rate = { frames: 0, allocsPerFrame: 0, freesPerFrame: 0, bytesPerFrame: 0.25 };
    r.mode = 'counters';
    expect(ajvValidate(r), JSON.stringify(ajvValidate.errors)).toBe(true);
    expect(ours.validate(r)).toBeNull();
  });

  it("refuses a schema keyword that claw-stats' validator does not implement", () => {
    expect(() => new SchemaValidator({ ...schema, properties: { ...(schema.properties as Json), frame: { type: 'integer', multipleOf: 2 } } }))
      .toThrow(/multipleOf/);
    expect(() => new SchemaValidator({ type: 'object', properties: { a: { $ref: '#/$defs/missing' } } })).toThrow(/missing/);
  });
});
