// Reading the JSON sources with checks: each accessor names the file and the field that is wrong,
// since these files are edited by hand.
import { readFileSync } from 'node:fs';

import { AssetError } from './errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A JSON object field reader bound to its file and a path prefix for messages. */
export class Fields {
  constructor(readonly file: string, readonly obj: JsonObject, readonly where = '') {}

  static read(file: string, displayName = file): Fields {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new AssetError(displayName, `not readable JSON: ${(err as Error).message}`);
    }
    if (!isObject(value as Json)) throw new AssetError(displayName, 'the top level is not an object');
    return new Fields(displayName, value as JsonObject);
  }

  private fail(key: string, what: string): never {
    throw new AssetError(this.file, `${this.where}${key} ${what}`);
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  str(key: string): string {
    const v = this.obj[key];
    if (typeof v !== 'string') this.fail(key, 'must be a string');
    return v;
  }

  optStr(key: string): string | undefined {
    return this.has(key) ? this.str(key) : undefined;
  }

  int(key: string): number {
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) {
      this.fail(key, 'must be a 32-bit integer');
    }
    return v;
  }

  optInt(key: string): number | undefined {
    return this.has(key) ? this.int(key) : undefined;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(key, 'must be true or false');
    return v;
  }

  object(key: string): Fields {
    const v = this.obj[key];
    if (v === undefined || !isObject(v)) this.fail(key, 'must be an object');
    return new Fields(this.file, v, `${this.where}${key}.`);
  }

  array(key: string): Json[] {
    const v = this.obj[key];
    if (!Array.isArray(v)) this.fail(key, 'must be an array');
    return v;
  }

  /** The elements of array `key`, each an object. */
  objects(key: string): Fields[] {
    return this.array(key).map((v, i) => {
      if (!isObject(v)) this.fail(`${key}[${i}]`, 'must be an object');
      return new Fields(this.file, v, `${this.where}${key}[${i}].`);
    });
  }

  strings(key: string): string[] {
    return this.array(key).map((v, i) => {
      if (typeof v !== 'string') this.fail(`${key}[${i}]`, 'must be a string');
      return v;
    });
  }

  keys(): string[] {
    return Object.keys(this.obj);
  }
}

function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
