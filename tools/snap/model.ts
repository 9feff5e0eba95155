// What owns each byte of a decoded region image: the region header, an allocator's metadata (its
// header fields and tables), a pool slot, a slab block, an arena's bytes, or other carved bytes.
// Built while a scratch engine holds the image (owners.ts has the per-kind parts).
import type { Engine, SnapshotChunk } from '@openclaw/memory-sdk';

import { Layout, StructReader } from './layout.js';
import {
  arenaParts, fieldOwner, HEADER_TYPES, lastAtOrBefore, metadataInterval, poolParts, slabParts,
  type AllocatorKind, type Interval, type Owner, type Parts, type Source,
} from './owners.js';

export type { AllocatorKind, Owner } from './owners.js';

const KIND_CODES: Record<number, AllocatorKind> = { 0x4c4f4f50: 'pool', 0x42414c53: 'slab', 0x4e455241: 'arena' };

export interface AllocatorInfo {
  tag: number;
  kind: AllocatorKind;
  /** Offset of its header in the region. */
  header: number;
  /** Its metadata extent (the ALOC chunk's bytes), when known. */
  metadata: { offset: number; length: number } | null;
  /** Kind-specific geometry, as read from its header. */
  geometry: Record<string, number>;
  /** Live slots (pool), blocks (slab) or allocated bytes (arena). */
  live: number;
}

export class RegionModel {
  constructor(
    readonly size: number,
    readonly used: number,
    readonly allocators: AllocatorInfo[],
    /** Sorted by start, not overlapping. */
    private readonly intervals: Interval[],
    /** By pool tag: each slot's live handle, or 0. */
    private readonly handles: Map<number, Uint32Array>,
  ) {}

  /** The live handle of a pool's slot in this image, or null. */
  handleOf(poolTag: number, slot: number): number | null {
    const h = this.handles.get(poolTag)?.[slot] ?? 0;
    return h === 0 ? null : h;
  }

  owner(offset: number): Owner {
    const found = lastAtOrBefore(this.intervals, offset, (iv) => iv.start);
    const iv = this.intervals[found];
    if (iv !== undefined && offset < iv.end) {
      const o = iv.describe(offset);
      return { ...o, until: Math.max(offset + 1, Math.min(o.until, iv.end)) };
    }
    const next = this.intervals[found + 1]?.start ?? this.size;
    if (offset < this.used) {
      return { key: 'carved', text: 'carved bytes no allocator owns (e.g. the root object)', detail: { kind: 'carved' }, until: Math.min(next, this.used) };
    }
    return { key: 'beyond-used', text: 'bytes past the carved top (zero in every valid image)', detail: { kind: 'beyond-used' }, until: Math.min(next, this.size) };
  }
}

/**
 * The model of the image the engine's state region holds now. `chunks`: the chunk table of a full
 * snapshot of that image (each ALOC chunk's extent is its allocator's metadata).
 */
export function buildModel(engine: Engine, image: Uint8Array, chunks: readonly SnapshotChunk[]): RegionModel {
  const layout = new Layout(engine.layoutTable());
  const src: Source = { engine, image, layout, read: new StructReader(image, layout) };
  const region = engine.regions.state;
  const intervals: Interval[] = [{
    start: 0, end: layout.sizeOf('RegionHeader'),
    describe: (o) => fieldOwner(layout, 'RegionHeader', 0, o, 'region', 'region header'),
  }];
  const allocators: AllocatorInfo[] = [];
  const handles = new Map<number, Uint32Array>();

  const nextId = src.read.u32('RegionHeader', 0, 'next_allocator_id');
  for (let tag = 1; tag < Math.min(nextId, 256); tag++) {
    const id = engine.abi.oc_allocator_find(region.id, tag) >>> 0;
    if (id === 0) continue;
    const kind = KIND_CODES[engine.abi.oc_allocator_kind(id) >>> 0] ?? 'unknown';
    const header = engine.abi.oc_allocator_header(id) >>> 0;
    const parts: Parts = kind === 'pool' ? poolParts(src, tag, header)
      : kind === 'slab' ? slabParts(src, tag, header, id)
        : kind === 'arena' ? arenaParts(src, tag, header)
          : { geometry: {}, live: 0, tables: [], storage: [] };
    const chunk = chunks.find((c) => c.kind === 'ALOC' && c.id === tag);
    const metadata = chunk ? { offset: chunk.regionOffset, length: chunk.regionLength } : null;
    // Without an ALOC chunk (never, for a full capture) the header alone is known to be metadata.
    const metaEnd = metadata ? metadata.offset + metadata.length : header + layout.sizeOf(HEADER_TYPES[kind]);
    intervals.push(metadataInterval(layout, kind, tag, header, metadata?.offset ?? header, metaEnd, parts.tables), ...parts.storage);
    if (parts.handles) handles.set(tag, parts.handles);
    allocators.push({ tag, kind, header, metadata, geometry: parts.geometry, live: parts.live });
  }
  intervals.sort((a, b) => a.start - b.start);
  const used = src.read.u32('RegionHeader', 0, 'carve_top');
  return new RegionModel(image.length, used, allocators, intervals, handles);
}
