// The core's layout table (engine.layoutTable(): "Type.field offset size" and "Type sizeof N"
// lines): where each field of a region-resident struct sits. The tool reads allocator headers out of
// a decoded image through it instead of hard-coding offsets, and names the field a changed byte is in.

export interface Field {
  name: string;
  offset: number;
  size: number;
}

export class Layout {
  private readonly fields = new Map<string, Field[]>();
  private readonly sizes = new Map<string, number>();

  constructor(table: string) {
    for (const line of table.split('\n')) {
      const parts = line.trim().split(/\s+/);
      if (parts.length !== 3) continue;
      const [name, a, b] = parts as [string, string, string];
      if (a === 'sizeof') {
        this.sizes.set(name, Number(b));
        continue;
      }
      const dot = name.indexOf('.');
      if (dot < 0) continue;
      const type = name.slice(0, dot);
      const list = this.fields.get(type) ?? [];
      list.push({ name: name.slice(dot + 1), offset: Number(a), size: Number(b) });
      this.fields.set(type, list);
    }
  }

  sizeOf(type: string): number {
    const size = this.sizes.get(type);
    if (size === undefined) throw new Error(`the core's layout table has no type ${type}`);
    return size;
  }

  offsetOf(type: string, field: string): number {
    const f = this.fields.get(type)?.find((x) => x.name === field);
    if (f === undefined) throw new Error(`the core's layout table has no field ${type}.${field}`);
    return f.offset;
  }

  /** "FixedPoolHeader.live", "SlabHeader.common.id" ... for a byte `rel` bytes into a `type`. */
  fieldAt(type: string, rel: number): Field | null {
    for (const f of this.fields.get(type) ?? []) {
      if (rel < f.offset || rel >= f.offset + f.size) continue;
      // Every allocator header starts with an AllocatorHeader named `common`: name its field too.
      if (f.name === 'common') {
        const inner = this.fieldAt('AllocatorHeader', rel - f.offset);
        if (inner !== null) return { name: `common.${inner.name}`, offset: f.offset + inner.offset, size: inner.size };
      }
      return f;
    }
    return null;
  }
}

/** Reads u32 fields of a struct at `at` in a little-endian image. */
export class StructReader {
  private readonly view: DataView;

  constructor(image: Uint8Array, private readonly layout: Layout) {
    this.view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  }

  u32(type: string, at: number, field: string): number {
    return this.view.getUint32(at + this.layout.offsetOf(type, field), true);
  }
}
