// The report's JSON Schema (schema.json, next to this file in the source tree and in the package) and
// a validator for the part of JSON Schema it uses. The schema file is the one definition: the tool
// checks every report against it, and the tests check with ajv (a complete implementation) that the
// two agree. A keyword this validator does not implement makes loading the schema fail, so the
// schema cannot grow a rule that the tool would silently skip.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { JsonPath } from './json-position.js';

type Schema = { readonly [keyword: string]: unknown };

export interface SchemaViolation {
  path: JsonPath;
  message: string;
}

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$comment']);
const KEYWORDS = new Set(['type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'minimum', '$ref']);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);

function isObject(x: unknown): x is Schema {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** "a string \"abc\"", "the number 1.5", "an array", "null" ... for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string': return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
    case 'number': return `the number ${v}`;
    case 'boolean': return `${v}`;
    case 'object': return 'an object';
    default: return typeof v;
  }
}

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object': return isObject(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return typeof v === 'boolean';
    default: return v === null;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class SchemaValidator {
  private readonly defs: Record<string, Schema>;

  constructor(private readonly root: Schema) {
    const defs = root.$defs ?? {};
    if (!isObject(defs)) throw new Error('schema: $defs must be an object');
    this.defs = defs as Record<string, Schema>;
    this.checkSchema(root, '#', true);
    for (const [name, def] of Object.entries(this.defs)) this.checkSchema(def, `#/$defs/${name}`, false);
  }

  /** The first violation in document order (missing keys first, then unknown ones, then values), or null. */
  validate(value: unknown, schema: Schema = this.root, path: JsonPath = []): SchemaViolation | null {
    if (typeof schema.$ref === 'string') return this.validate(value, this.resolve(schema.$ref), path);
    const fail = (message: string, at: JsonPath = path): SchemaViolation => ({ path: at, message });
    if ('const' in schema && !sameJson(schema.const, value)) {
      return fail(`expected ${JSON.stringify(schema.const)}, got ${describeValue(value)}`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameJson(e, value))) {
      return fail(`expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${describeValue(value)}`);
    }
    if (schema.type !== undefined) {
      const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
      if (!types.some((t) => typeOk(t, value))) {
        const names = types.map((t) => (t === 'integer' || t === 'array' || t === 'object' ? `an ${t}` : t === 'null' ? 'null' : `a ${t}`));
        return fail(`expected ${names.join(' or ')}, got ${describeValue(value)}`);
      }
    }
    if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) {
      return fail(`expected at least ${schema.minimum}, got ${value}`);
    }
    if (isObject(value) && !Array.isArray(value)) {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required ?? []) as string[]) {
        if (!Object.hasOwn(value, key)) return fail(`missing key ${JSON.stringify(key)}`);
      }
      for (const [key, v] of Object.entries(value)) {
        const sub = Object.hasOwn(properties, key) ? properties[key] : undefined;
        if (sub === undefined) {
          if (schema.additionalProperties === false) return fail(`unexpected key ${JSON.stringify(key)}`, [...path, key]);
          continue;
        }
        const bad = this.validate(v, sub, [...path, key]);
        if (bad !== null) return bad;
      }
    }
    if (Array.isArray(value) && isObject(schema.items)) {
      for (let i = 0; i < value.length; i++) {
        const bad = this.validate(value[i], schema.items, [...path, i]);
        if (bad !== null) return bad;
      }
    }
    return null;
  }

  private resolve(ref: string): Schema {
    const name = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : null;
    const def = name === null ? undefined : this.defs[name];
    if (def === undefined) throw new Error(`schema: unresolvable $ref ${ref}`);
    return def;
  }

  private checkSchema(s: Schema, where: string, isRoot: boolean): void {
    for (const [k, v] of Object.entries(s)) {
      if (ANNOTATIONS.has(k) || (isRoot && k === '$defs')) continue;
      if (!KEYWORDS.has(k)) throw new Error(`schema: ${where} uses "${k}", which claw-stats' validator does not implement`);
      if (k === '$ref') this.resolve(String(v));
      if (k === 'type') {
        for (const t of Array.isArray(v) ? v : [v]) if (!TYPES.has(String(t))) throw new Error(`schema: ${where}: unknown type ${String(t)}`);
      }
      if (k === 'properties') {
        if (!isObject(v)) throw new Error(`schema: ${where}.properties must be an object`);
        for (const [p, sub] of Object.entries(v)) this.checkSub(sub, `${where}/properties/${p}`);
      }
      if (k === 'items') this.checkSub(v, `${where}/items`);
      if (k === 'additionalProperties' && typeof v !== 'boolean') throw new Error(`schema: ${where}: additionalProperties must be true or false here`);
      if ((k === 'required' || k === 'enum') && !Array.isArray(v)) throw new Error(`schema: ${where}.${k} must be an array`);
    }
  }

  private checkSub(v: unknown, where: string): void {
    if (!isObject(v)) throw new Error(`schema: ${where} must be a schema object`);
    this.checkSchema(v, where, false);
  }
}

/**
 * schema.json's path: beside this module when it runs from the source tree (tsx, tests), or in the
 * source tree beside the compiled build/tools/stats (tsc copies no JSON it does not import, and
 * importing JSON as a module warns on stderr in Node 20).
 */
export function schemaPath(): string {
  const candidates = [new URL('./schema.json', import.meta.url), new URL('../../../tools/stats/schema.json', import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new Error(`schema.json not found beside ${fileURLToPath(import.meta.url)} nor in tools/stats/`);
}

let loaded: SchemaValidator | null = null;

/** The validator of schema.json (loaded once). */
export function reportValidator(): SchemaValidator {
  loaded ??= new SchemaValidator(JSON.parse(readFileSync(schemaPath(), 'utf8')) as Schema);
  return loaded;
}
