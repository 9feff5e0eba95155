// Who owns which bytes of one allocator, read from a decoded region image: the per-kind parts of the
// ownership model (model.ts). Every range is an Interval whose describe(offset) names the owner of
// that byte and where the owner ends. Geometry comes from the allocator's header through the core's
// layout table; a slab's live blocks from the core's own walk.
import type { Engine } from '@openclaw/memory-sdk';

import type { Layout, StructReader } from './layout.js';
import { withMalloc } from './staged.js';
import { offsetHex } from './text.js';

export type AllocatorKind = 'pool' | 'slab' | 'arena' | 'unknown';

export const HEADER_TYPES: Record<AllocatorKind, string> = {
  pool: 'FixedPoolHeader', slab: 'SlabHeader', arena: 'FrameArenaHeader', unknown: 'AllocatorHeader',
};

/** One owner of a byte: `key` is equal for bytes of the same thing, `until` is where that thing ends. */
export interface Owner {
  key: string;
  text: string;
  detail: Record<string, string | number | null>;
  until: number;
}

export interface Interval {
  start: number;
  end: number;
  describe: (offset: number) => Owner;
}

interface Table {
  name: string;
  start: number;
  stride: number;
  count: number;
}

/** What one allocator contributes to the model. */
export interface Parts {
  geometry: Record<string, number>;
  live: number;
  /** Its metadata tables beside the header (generations, frames ...). */
  tables: Table[];
  /** Its storage: slots, a slab's span, an arena's bytes. */
  storage: Interval[];
  /** Pools: each slot's live handle, or 0. */
  handles?: Uint32Array;
}

export interface Source {
  engine: Engine;
  image: Uint8Array;
  layout: Layout;
  read: StructReader;
}

/** Index of the last element whose start is <= value (-1 if none); `sorted` ascending by start. */
export function lastAtOrBefore<T>(sorted: readonly T[], value: number, start: (x: T) => number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start(sorted[mid]!) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function fields(src: Source, type: string, header: number, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of names) out[f] = src.read.u32(type, header, f);
  return out;
}

export function poolParts(src: Source, tag: number, header: number): Parts {
  const g = fields(src, 'FixedPoolHeader', header, ['slot_size', 'slot_align', 'capacity', 'index_bits', 'slots_offset', 'gens_offset', 'links_offset', 'live']);
  const slotSize = g.slot_size!;
  const capacity = g.capacity!;
  const indexBits = g.index_bits!;
  const slots = g.slots_offset!;
  const gens = g.gens_offset!;
  // A slot's handle: [tag:8][generation:24-I][index:I] (fixed_pool.h), live while the generation is odd.
  const handles = new Uint32Array(capacity);
  const dv = new DataView(src.image.buffer, src.image.byteOffset, src.image.byteLength);
  const genMask = (1 << (24 - indexBits)) - 1;
  for (let i = 0; i < capacity; i++) {
    const gen = dv.getUint32(gens + 4 * i, true);
    if (gen & 1) handles[i] = ((tag << 24) | ((gen & genMask) << indexBits) | i) >>> 0;
  }
  return {
    geometry: g,
    live: g.live!,
    tables: [
      { name: 'generation', start: gens, stride: 4, count: capacity },
      { name: 'link', start: g.links_offset!, stride: 4, count: capacity },
    ],
    storage: [{
      start: slots,
      end: slots + capacity * slotSize,
      describe: (o) => {
        const slot = Math.floor((o - slots) / slotSize);
        return { key: `pool:${tag}:slot:${slot}`, text: `pool ${tag} slot ${slot}`, detail: { kind: 'pool-slot', pool: tag, slot }, until: slots + (slot + 1) * slotSize };
      },
    }],
    handles,
  };
}

function slabBlocks(engine: Engine, slabId: number): Array<[number, number]> {
  const live = engine.abi.oc_slab_walk(slabId, 0, 0) >>> 0;
  if (live === 0) return [];
  return withMalloc(engine, live * 8, (ptr) => {
    const n = Math.min(engine.abi.oc_slab_walk(slabId, ptr, live) >>> 0, live);
    const words = engine.abi.heap.u32;
    const out: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) out.push([words[(ptr >> 2) + 2 * i]!, words[(ptr >> 2) + 2 * i + 1]!]);
    return out.sort((a, b) => a[0] - b[0]);
  });
}

export function slabParts(src: Source, tag: number, header: number, abiId: number): Parts {
  const g = fields(src, 'SlabHeader', header, [
    'page_size', 'span_begin', 'span_end', 'class_count', 'frame_count', 'classes_offset', 'class_map_offset', 'tlsf_offset', 'frames_offset', 'links_offset',
  ]);
  const blocks = slabBlocks(src.engine, abiId);
  const end = g.span_end!;
  const { layout } = src;
  return {
    geometry: g,
    live: blocks.length,
    tables: [
      { name: 'SlabClass', start: g.classes_offset!, stride: layout.sizeOf('SlabClass'), count: g.class_count! },
      { name: 'class_map', start: g.class_map_offset!, stride: 256, count: 1 },
      { name: 'SlabFrame', start: g.frames_offset!, stride: layout.sizeOf('SlabFrame'), count: g.frame_count! },
      { name: 'SlabLink', start: g.links_offset!, stride: layout.sizeOf('SlabLink'), count: g.frame_count! },
      // The TLSF header and its live map: one entry, up to the next table (its size is the TLSF's business).
      { name: 'TLSF', start: g.tlsf_offset!, stride: 2 ** 32, count: 1 },
    ],
    storage: [{
      start: g.span_begin!,
      end,
      describe: (o): Owner => {
        const at = lastAtOrBefore(blocks, o, (b) => b[0]);
        const b = blocks[at];
        if (b !== undefined && o < b[0] + b[1]) {
          return {
            key: `slab:${tag}:block:${b[0]}`, text: `slab ${tag} block @${offsetHex(b[0])} (${b[1]} B)`,
            detail: { kind: 'slab-block', slab: tag, offset: b[0], size: b[1] }, until: b[0] + b[1],
          };
        }
        const page = Math.floor(o / 4096);
        return {
          key: `slab:${tag}:span:${page}`,
          text: `slab ${tag} span outside live blocks, page ${page} (page bitmaps, TLSF block headers or freed bytes)`,
          detail: { kind: 'slab-span', slab: tag, page },
          until: Math.min(blocks[at + 1]?.[0] ?? end, (page + 1) * 4096),
        };
      },
    }],
  };
}

export function arenaParts(src: Source, tag: number, header: number): Parts {
  const g = fields(src, 'FrameArenaHeader', header, ['begin', 'end', 'top']);
  const { begin, end, top } = g as { begin: number; end: number; top: number };
  return {
    geometry: g,
    live: top - begin,
    tables: [],
    storage: [{
      start: begin,
      end,
      describe: (o) => ({
        key: `arena:${tag}:${o < top ? 'used' : 'free'}`,
        text: `arena ${tag} ${o < top ? 'allocated' : 'unallocated'} bytes`,
        detail: { kind: 'arena-bytes', arena: tag, allocated: o < top ? 1 : 0 },
        until: o < top ? top : end,
      }),
    }],
  };
}

/** A byte inside a struct: the field it belongs to. */
export function fieldOwner(layout: Layout, type: string, at: number, offset: number, keyPrefix: string, textPrefix: string): Owner {
  const f = layout.fieldAt(type, offset - at);
  const name = f === null ? `(padding at +${offset - at})` : f.name;
  return {
    key: `${keyPrefix}:${name}`,
    text: `${textPrefix}: ${type}.${name}`,
    detail: { kind: 'field', struct: type, field: name },
    until: f === null ? offset + 1 : at + f.offset + f.size,
  };
}

/** The allocator's metadata extent [start, end): its header's fields, then its tables' entries. */
export function metadataInterval(
  layout: Layout, kind: AllocatorKind, tag: number, header: number, start: number, end: number, unsorted: readonly Table[],
): Interval {
  const type = HEADER_TYPES[kind];
  const headerSize = layout.sizeOf(type);
  const tables = [...unsorted].sort((a, b) => a.start - b.start);
  const key = `${kind}:${tag}:meta`;
  const prefix = `${kind} ${tag} metadata`;
  return {
    start,
    end,
    describe: (o) => {
      if (o >= header && o < header + headerSize) return fieldOwner(layout, type, header, o, key, prefix);
      const i = lastAtOrBefore(tables, o, (t) => t.start);
      const t = tables[i];
      if (t !== undefined && o < t.start + t.stride * t.count) {
        const index = Math.floor((o - t.start) / t.stride);
        const until = Math.min(t.start + (index + 1) * t.stride, tables[i + 1]?.start ?? end);
        const entry = t.count === 1 ? t.name : `${t.name}[${index}]`;
        return { key: `${key}:${entry}`, text: `${prefix}: ${entry}`, detail: { kind: 'table', table: t.name, index }, until };
      }
      return { key: `${key}:other`, text: `${prefix}: other bytes`, detail: { kind: 'metadata' }, until: end };
    },
  };
}
