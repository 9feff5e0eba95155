// The tracker report: one JSON object, written by the core (Tracker::report_json, native and wasm
// alike) and read by engine.tracker.report(), the debug overlay and claw-stats. Stats files and pipes
// carry one report per line (JSON Lines); a .clawsnap may embed one (chunk 'TRAK').
// tools/stats/schema.json is the JSON Schema of this shape: keep the two in step.

export type TrackingMode = 'off' | 'counters' | 'full';

export const REPORT_FORMAT = 'claw-stats';
export const REPORT_VERSION = 1;

/** A tag's figures (also what engine.tracker.tags() reads through views). */
export interface TagReport {
  id: number;
  name: string;
  liveCount: number;
  liveBytes: number;
  /** The highest liveBytes at any publish. */
  peakBytes: number;
  allocs: number;
  frees: number;
  bytesAllocated: number;
}

export interface PoolReport {
  /** The pool's id inside its region (its handles' tag). */
  id: number;
  /** The name given to the tracker (engine: the pool's name), or null. */
  name: string | null;
  region: string;
  tag: string;
  capacity: number;
  live: number;
  peak: number;
  slotSize: number;
  liveBytes: number;
  failures: number;
  allocs: number;
  frees: number;
}

export interface SlabReport {
  id: number;
  name: string | null;
  region: string;
  tag: string;
  arenaBytes: number;
  reservedBytes: number;
  liveBytes: number;
  liveBlocks: number;
  failures: number;
  allocs: number;
  frees: number;
}

export interface ArenaReport {
  id: number;
  name: string | null;
  region: string;
  tag: string;
  capacity: number;
  used: number;
  peak: number;
  failures: number;
  allocs: number;
  resets: number;
}

export interface RegionReport {
  name: string;
  size: number;
  used: number;
  liveBytes: number;
}

/** One frame of the ring (the views add the live bytes per region). */
export interface FrameReport {
  /** The tracker's frame number (frameEnd() calls before this frame). */
  frame: number;
  allocs: number;
  frees: number;
  bytesAllocated: number;
  bytesFreed: number;
  /** Live allocations at the frame's end, every attached region. */
  liveCount: number;
  liveBytes: number;
}

export interface LeakGroupReport {
  tag: string;
  /** "memory/workload.cpp:42" for C++ sites, the label for TypeScript ones, "(unknown)" for none. */
  site: string;
  count: number;
  bytes: number;
  /** Tracker frame of the group's oldest allocation. */
  oldestFrame: number;
}

export interface MisuseReport {
  /** DoubleFree, StaleHandle, ForeignHandle, InvalidOffset or WrongSizeClass. */
  kind: string;
  site: string;
  /** Where the block was allocated, when the records know it. */
  allocSite: string | null;
  /** Where it was freed (double free, stale handle), when the graveyard still holds it. */
  freeSite: string | null;
  region: string;
  allocator: number;
  tag: string | null;
  offset: number;
  handle: number;
  frame: number;
}

export interface TrackerReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  mode: TrackingMode;
  /** Frames ended (the tracker's frame counter). */
  frame: number;
  /** bytes: what the record capacity takes in the debug region (the table, its free list, its index). */
  records: { capacity: number; used: number; overflow: number; unrecordedFrees: number; bytes: number };
  totals: { allocs: number; frees: number; bytesAllocated: number; bytesFreed: number; liveCount: number; liveBytes: number };
  /** Averages over the frames in the ring. */
  rate: { frames: number; allocsPerFrame: number; freesPerFrame: number; bytesPerFrame: number };
  tags: TagReport[];
  pools: PoolReport[];
  slabs: SlabReport[];
  arenas: ArenaReport[];
  regions: RegionReport[];
  /** The ring's frames, oldest first. */
  frames: FrameReport[];
  /** Leaks since `mark` (null: no mark, every live record). available is false outside full mode. */
  leaks: { available: boolean; mark: number | null; groups: LeakGroupReport[] };
  misuse: { total: number; reports: MisuseReport[] };
}
