// Field offsets of region-resident structs, from the core's layout table (engine.layoutTable():
// "Type.field offset size" and "Type sizeof N" lines, native-legacy/memory/layout.cpp). The tracker's
// view readers and pool.occupancy() read headers through these offsets instead of hard-coding them,
// so a change of a struct in the core cannot silently shift what TypeScript reads.
import { WasmLoadError } from '../memory/errors.js';

export class LayoutTable {
  private readonly fields = new Map<string, { offset: number; size: number }>();
  private readonly sizes = new Map<string, number>();

  constructor(text: string) {
    for (const line of text.split('\n')) {
      const parts = line.trim().split(/\s+/);
      if (parts.length !== 3) continue;
      const [name, a, b] = parts as [string, string, string];
      if (a === 'sizeof') this.sizes.set(name, Number(b));
      else this.fields.set(name, { offset: Number(a), size: Number(b) });
    }
  }

  has(type: string, field: string): boolean {
    return this.fields.has(`${type}.${field}`);
  }

  /** The byte offset of `type.field`; WasmLoadError when the core's table does not list it. */
  offset(type: string, field: string): number {
    return this.field(type, field).offset;
  }

  /** The byte offset of `type.field`, checking that the field has the size the reader expects. */
  offsetSized(type: string, field: string, size: number): number {
    const f = this.field(type, field);
    if (f.size !== size) {
      throw new WasmLoadError(`the core's ${type}.${field} has ${f.size} bytes, this engine reads ${size}`);
    }
    return f.offset;
  }

  /** The byte size of `type.field` (an array field: all its elements). */
  fieldSize(type: string, field: string): number {
    return this.field(type, field).size;
  }

  sizeOf(type: string): number {
    const size = this.sizes.get(type);
    if (size === undefined) throw new WasmLoadError(`the core's layout table has no type ${type}`);
    return size;
  }

  private field(type: string, field: string): { offset: number; size: number } {
    const f = this.fields.get(`${type}.${field}`);
    if (f === undefined) throw new WasmLoadError(`the core's layout table has no field ${type}.${field}`);
    return f;
  }
}
