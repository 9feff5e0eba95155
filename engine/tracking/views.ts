// Readers of the tracker's tables in the debug region (native-legacy/tracking/tracker_layout.h) that
// make no wasm call: they read linear memory at offsets from the core's layout table, so a debug
// overlay can poll them every frame for the price of a few loads. The figures are those of the last
// publish: every frameEnd(), and every report or leak query.
import type { EngineContext } from '../memory/context.js';
import type { Region } from '../memory/region.js';
import type { FrameReport, TagReport, TrackingMode } from './report.js';
import type { LayoutTable } from './layout.js';

/** Per-tag figures: the report's, read from the tag table. */
export type TagStats = TagReport;

export interface FrameStats extends FrameReport {
  /** Live bytes by attached-region slot (regionNames() names them). */
  regionLiveBytes: number[];
}

export interface TrackerCounters {
  /** frameEnd() calls so far. */
  frame: number;
  recordsUsed: number;
  recordCapacity: number;
  /** Allocations not recorded because the records were full (full mode). */
  overflow: number;
  /** Frees of blocks that had no record (allocated before full mode, or in overflow). */
  unrecordedFrees: number;
  /** Every misuse seen (the report keeps the newest ones). */
  misuseTotal: number;
  mode: TrackingMode;
}

const MODES: readonly TrackingMode[] = ['off', 'counters', 'full'];

/** Maps a core mode word to its name (unknown values read as 'off'). */
export function modeName(word: number): TrackingMode {
  return MODES[word] ?? 'off';
}

export class TrackerViews {
  private readonly header: number; // address of the TrackerHeader
  private readonly h: Record<string, number>;
  private readonly tag: Record<string, number>;
  private readonly frame: Record<string, number>;
  private readonly region: Record<string, number>;
  private readonly tagSize: number;
  private readonly frameSize: number;
  private readonly regionSize: number;
  private readonly regionSlots: number;
  private readonly tagNames = new Map<number, string>();
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly ctx: EngineContext,
    private readonly debug: Region,
    headerOffset: number,
    layout: LayoutTable,
  ) {
    this.header = debug.base + headerOffset;
    const pick = (type: string, names: readonly string[]): Record<string, number> =>
      Object.fromEntries(names.map((n) => [n, layout.offset(type, n)]));
    this.h = pick('TrackerHeader', [
      'mode', 'tag_count', 'tags_offset', 'frame_capacity', 'frame_count', 'frame_head', 'frames_offset',
      'regions_offset', 'record_capacity', 'records_used', 'frame', 'overflow', 'unrecorded_frees', 'misuse_total',
      'context_tag', 'context_site', 'site_count',
    ]);
    this.tag = pick('TrackTag', [
      'name_offset', 'name_length', 'live_count', 'live_bytes', 'peak_bytes', 'allocs', 'frees', 'bytes_allocated',
    ]);
    this.frame = pick('TrackFrame', [
      'frame', 'allocs', 'frees', 'bytes_allocated', 'bytes_freed', 'live_count', 'live_bytes', 'region_live_bytes',
    ]);
    this.region = pick('TrackRegion', ['size', 'name_offset', 'name_length']);
    this.tagSize = layout.sizeOf('TrackTag');
    this.frameSize = layout.sizeOf('TrackFrame');
    this.regionSize = layout.sizeOf('TrackRegion');
    this.regionSlots = layout.fieldSize('TrackFrame', 'region_live_bytes') / 4; // kTrackMaxRegions
  }

  /** Per-tag figures, by tag id (1 = "untagged"). */
  tags(): TagStats[] {
    const v = this.ctx.heap.view;
    const count = this.u32(v, 'tag_count');
    const base = this.debug.base + this.u32(v, 'tags_offset');
    const out: TagStats[] = new Array<TagStats>(count);
    const t = this.tag;
    for (let i = 0; i < count; i++) {
      const at = base + i * this.tagSize;
      const id = i + 1;
      let name = this.tagNames.get(id);
      if (name === undefined) {
        name = this.text(v, v.getUint32(at + t['name_offset']!, true), v.getUint32(at + t['name_length']!, true));
        this.tagNames.set(id, name);
      }
      out[i] = {
        id, name,
        liveCount: v.getUint32(at + t['live_count']!, true),
        liveBytes: v.getUint32(at + t['live_bytes']!, true),
        peakBytes: v.getUint32(at + t['peak_bytes']!, true),
        allocs: u64(v, at + t['allocs']!),
        frees: u64(v, at + t['frees']!),
        bytesAllocated: u64(v, at + t['bytes_allocated']!),
      };
    }
    return out;
  }

  /** The frame ring, oldest first. */
  frames(): FrameStats[] {
    const v = this.ctx.heap.view;
    const capacity = this.u32(v, 'frame_capacity');
    const count = Math.min(this.u32(v, 'frame_count'), capacity);
    const head = this.u32(v, 'frame_head');
    const out: FrameStats[] = new Array<FrameStats>(count);
    for (let i = 0; i < count; i++) out[i] = this.frameAt(v, (head - count + i + capacity) % capacity);
    return out;
  }

  /** The newest frame of the ring, or null before the first frameEnd(). */
  lastFrame(): FrameStats | null {
    const v = this.ctx.heap.view;
    const capacity = this.u32(v, 'frame_capacity');
    if (this.u32(v, 'frame_count') === 0 || capacity === 0) return null;
    return this.frameAt(v, (this.u32(v, 'frame_head') - 1 + capacity) % capacity);
  }

  counters(): TrackerCounters {
    const v = this.ctx.heap.view;
    return {
      frame: this.u64(v, 'frame'),
      recordsUsed: this.u32(v, 'records_used'),
      recordCapacity: this.u32(v, 'record_capacity'),
      overflow: this.u64(v, 'overflow'),
      unrecordedFrees: this.u64(v, 'unrecorded_frees'),
      misuseTotal: this.u64(v, 'misuse_total'),
      mode: modeName(this.u32(v, 'mode')),
    };
  }

  /** The mode word in the header. */
  modeWord(): number {
    return this.u32(this.ctx.heap.view, 'mode');
  }

  /** The context tag and site (Tracker::set_context) in the header. */
  context(): [tag: number, site: number] {
    const v = this.ctx.heap.view;
    return [this.u32(v, 'context_tag'), this.u32(v, 'context_site')];
  }

  /** The names of the attached regions, indexed by slot ('' for an unused slot before a used one). */
  regionNames(): string[] {
    const v = this.ctx.heap.view;
    const base = this.debug.base + this.u32(v, 'regions_offset');
    const names: string[] = [];
    let last = -1;
    for (let slot = 0; slot < this.regionSlots; slot++) {
      const at = base + slot * this.regionSize;
      if (v.getUint32(at + this.region['size']!, true) === 0) {
        names.push('');
        continue;
      }
      names.push(this.text(v, v.getUint32(at + this.region['name_offset']!, true), v.getUint32(at + this.region['name_length']!, true)));
      last = slot;
    }
    return names.slice(0, last + 1);
  }

  private frameAt(v: DataView, slot: number): FrameStats {
    const at = this.debug.base + this.u32(v, 'frames_offset') + slot * this.frameSize;
    const f = this.frame;
    const regionLiveBytes = new Array<number>(this.regionSlots);
    for (let r = 0; r < this.regionSlots; r++) regionLiveBytes[r] = v.getUint32(at + f['region_live_bytes']! + 4 * r, true);
    return {
      frame: u64(v, at + f['frame']!),
      allocs: v.getUint32(at + f['allocs']!, true),
      frees: v.getUint32(at + f['frees']!, true),
      bytesAllocated: v.getUint32(at + f['bytes_allocated']!, true),
      bytesFreed: v.getUint32(at + f['bytes_freed']!, true),
      liveCount: v.getUint32(at + f['live_count']!, true),
      liveBytes: v.getUint32(at + f['live_bytes']!, true),
      regionLiveBytes,
    };
  }

  private u32(v: DataView, field: string): number {
    return v.getUint32(this.header + this.h[field]!, true);
  }

  private u64(v: DataView, field: string): number {
    return u64(v, this.header + this.h[field]!);
  }

  // A copy first: TextDecoder refuses views of shared memory (a pthread build's heap).
  private text(v: DataView, offset: number, length: number): string {
    if (length === 0) return '';
    const at = this.debug.base + offset;
    return this.decoder.decode(new Uint8Array(v.buffer, at, length).slice());
  }
}

function u64(v: DataView, at: number): number {
  return v.getUint32(at + 4, true) * 0x1_0000_0000 + v.getUint32(at, true);
}
