// StructPool<Name, Fields>: a pool whose slots hold a struct of fixed-width fields, laid out in
// declaration order with natural alignment (as a C compiler would), with accessors typed from the
// schema. Reads and writes validate the handle first (one wasm call), then touch linear memory directly.
import type { Tracker } from '../tracking/tracker.js';
import type { EngineContext } from './context.js';
import { InvalidArgumentError } from './errors.js';
import type { Handle } from './handle.js';
import { Pool } from './pool.js';
import type { Region } from './region.js';

export type FieldType = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64' | 'u64' | 'i64';
export type StructSchema = Readonly<Record<string, FieldType>>;
/** 64-bit fields are bigints; every other field is a number. */
export type FieldValue<T extends FieldType> = T extends 'u64' | 'i64' ? bigint : number;
export type StructValue<F extends StructSchema> = { [K in keyof F]: FieldValue<F[K]> };
export type StructLayout<F extends StructSchema> = { readonly [K in keyof F]: { readonly offset: number; readonly type: F[K] } };

export interface StructPoolOptions<Name extends string, F extends StructSchema> {
  name: Name;
  capacity: number;
  fields: F;
  /** Slot alignment, a power of two <= 64; default: the largest field's alignment (at least 4). */
  align?: number;
  /** The tracker tag of the pool's allocations; default: the pool's name. */
  tag?: string;
}

export const FIELD_SIZES: Readonly<Record<FieldType, number>> = {
  u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, f64: 8, u64: 8, i64: 8,
};

/** Offsets of each field, the struct's size (padded to its alignment) and its alignment. */
export function layoutOf<F extends StructSchema>(fields: F): { layout: StructLayout<F>; size: number; align: number } {
  const layout: Record<string, { offset: number; type: FieldType }> = {};
  let offset = 0;
  let align = 4;
  const names = Object.keys(fields);
  if (names.length === 0) throw new InvalidArgumentError('a struct pool needs at least one field');
  for (const name of names) {
    const type = fields[name]!;
    const size = FIELD_SIZES[type];
    if (size === undefined) throw new InvalidArgumentError(`field ${name}: unknown type '${String(type)}'`);
    offset = Math.ceil(offset / size) * size;
    layout[name] = { offset, type };
    offset += size;
    align = Math.max(align, size);
  }
  return { layout: layout as StructLayout<F>, size: Math.ceil(offset / align) * align, align };
}

type Accessor = {
  get(view: DataView, at: number): number | bigint;
  set(view: DataView, at: number, value: number | bigint): void;
};

// Little-endian on both targets (DESIGN.md): DataView with littleEndian = true matches the core's bytes.
const ACCESSORS: Readonly<Record<FieldType, Accessor>> = {
  u8: { get: (v, a) => v.getUint8(a), set: (v, a, x) => v.setUint8(a, Number(x)) },
  i8: { get: (v, a) => v.getInt8(a), set: (v, a, x) => v.setInt8(a, Number(x)) },
  u16: { get: (v, a) => v.getUint16(a, true), set: (v, a, x) => v.setUint16(a, Number(x), true) },
  i16: { get: (v, a) => v.getInt16(a, true), set: (v, a, x) => v.setInt16(a, Number(x), true) },
  u32: { get: (v, a) => v.getUint32(a, true), set: (v, a, x) => v.setUint32(a, Number(x), true) },
  i32: { get: (v, a) => v.getInt32(a, true), set: (v, a, x) => v.setInt32(a, Number(x), true) },
  f32: { get: (v, a) => v.getFloat32(a, true), set: (v, a, x) => v.setFloat32(a, Number(x), true) },
  f64: { get: (v, a) => v.getFloat64(a, true), set: (v, a, x) => v.setFloat64(a, Number(x), true) },
  u64: { get: (v, a) => v.getBigUint64(a, true), set: (v, a, x) => v.setBigUint64(a, BigInt(x), true) },
  i64: { get: (v, a) => v.getBigInt64(a, true), set: (v, a, x) => v.setBigInt64(a, BigInt(x), true) },
};

export class StructPool<Name extends string, F extends StructSchema> extends Pool<Name> {
  readonly fields: F;
  readonly layout: StructLayout<F>;

  /** @internal Use engine.createStructPool(). */
  constructor(
    ctx: EngineContext, name: Name, region: Region, id: number, fields: F, layout: StructLayout<F>, tracker: Tracker,
    trackingTag: string = name,
  ) {
    super(ctx, name, region, id, tracker, trackingTag);
    this.fields = fields;
    this.layout = layout;
  }

  get<K extends keyof F & string>(handle: Handle<Name>, field: K): FieldValue<F[K]> {
    const f = this.field(field);
    const at = this.region.base + this.offsetOf(handle) + f.offset;
    return ACCESSORS[f.type].get(this.ctx.heap.view, at) as FieldValue<F[K]>;
  }

  set<K extends keyof F & string>(handle: Handle<Name>, field: K, value: FieldValue<F[K]>): void {
    const f = this.field(field);
    const at = this.region.base + this.offsetOf(handle) + f.offset;
    ACCESSORS[f.type].set(this.ctx.heap.view, at, value);
  }

  /** Every field of a slot as a plain object (a copy). */
  read(handle: Handle<Name>): StructValue<F> {
    const base = this.region.base + this.offsetOf(handle);
    const view = this.ctx.heap.view;
    const out: Record<string, number | bigint> = {};
    for (const name of Object.keys(this.layout)) {
      const f = this.layout[name]!;
      out[name] = ACCESSORS[f.type].get(view, base + f.offset);
    }
    return out as StructValue<F>;
  }

  /** Writes the given fields of a slot. */
  write(handle: Handle<Name>, values: Partial<StructValue<F>>): void {
    const base = this.region.base + this.offsetOf(handle);
    const view = this.ctx.heap.view;
    for (const name of Object.keys(values)) {
      const value = values[name];
      if (value === undefined) continue;
      const f = this.field(name);
      ACCESSORS[f.type].set(view, base + f.offset, value);
    }
  }

  private field(name: string): { offset: number; type: FieldType } {
    const f = (this.layout as Record<string, { offset: number; type: FieldType } | undefined>)[name];
    if (f === undefined) throw new InvalidArgumentError(`struct pool ${this.name}: no field '${name}'`);
    return f;
  }
}
