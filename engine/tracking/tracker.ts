// engine.tracker: the allocation tracker of the wasm core (native-legacy/tracking/tracker.h), living in
// the engine's `debug` region and fed by every allocator of the state and frame regions. Queries that
// group or format (leaks, reports, heat map) are wasm calls; the per-frame figures (tags(), frames(),
// counters(), regionNames()) are read straight from the debug region through views (views.ts), so an
// overlay can poll them every frame without a call into wasm.
import { isU32, type EngineContext } from '../memory/context.js';
import { InvalidArgumentError, NotTrackingError, OutOfSpaceError } from '../memory/errors.js';
import type { Region } from '../memory/region.js';
import { TRACK_GROUP_WORDS } from '../wasm/exports.js';
import { formatLeakReport, formatLeakTable } from './format.js';
import type { LayoutTable } from './layout.js';
import type { LeakGroupReport, MisuseReport, TrackerReport, TrackingMode } from './report.js';
import { modeName, TrackerViews, type FrameStats, type TagStats, type TrackerCounters } from './views.js';

/** A (tag, site) group of live allocations: leaksSince() and olderThan() rows. */
export type LeakGroup = LeakGroupReport;

/** Called after each frameEnd(), with the tracker. */
export type FrameEndHook = (tracker: Tracker) => void;

/** Where a slab or arena allocation comes from: a tag name and a site label (both optional). */
export interface AllocWhere {
  tag?: string;
  site?: string;
}

const MODE_WORDS: Readonly<Record<TrackingMode, number>> = { off: 0, counters: 1, full: 2 };
const UNKNOWN_SITE = '(unknown)';

/** The core's word for a mode name; InvalidArgumentError for anything else. */
export function modeWord(mode: TrackingMode): number {
  const word = MODE_WORDS[mode];
  if (word === undefined) throw new InvalidArgumentError(`tracking mode must be 'off', 'counters' or 'full', got ${String(mode)}`);
  return word;
}

export class Tracker {
  /** The highest mode this build of the core supports (OPENCLAW_TRACKING). */
  readonly compiledMode: TrackingMode;

  private readonly views: TrackerViews;
  private readonly tagIds = new Map<string, number>();
  private readonly siteIds = new Map<string, number>();
  private readonly tagNames = new Map<number, string>();
  private readonly siteTexts = new Map<number, string>();
  private readonly hooks = new Set<FrameEndHook>();
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  private reportBytes = 64 * 1024;

  /** @internal Use createEngine({ tracking }): the engine creates its tracker. */
  constructor(
    private readonly ctx: EngineContext,
    /** The ABI's tracker id. */
    readonly id: number,
    /** The `debug` region holding the tracker's tables. */
    readonly region: Region,
    /** @internal The core's layout table. */
    readonly layout: LayoutTable,
  ) {
    this.compiledMode = modeName(ctx.abi.oc_tracker_compiled_mode());
    this.views = new TrackerViews(ctx, region, ctx.abi.oc_tracker_header(id), layout);
  }

  /** The run-time mode (read from the debug region). */
  get mode(): TrackingMode {
    this.ctx.ensureAlive();
    return modeName(this.views.modeWord());
  }

  /**
   * Switches mode. Above compiledMode: InvalidArgumentError. Switching to 'full' records from now on
   * (blocks already live are not recorded); switching down drops the records and the marks' meaning.
   */
  set mode(mode: TrackingMode) {
    this.ctx.ensureAlive();
    const word = modeWord(mode);
    if (word > MODE_WORDS[this.compiledMode]) {
      throw new InvalidArgumentError(`tracking mode '${mode}' is above what this build of the core supports ('${this.compiledMode}')`);
    }
    this.ctx.check(this.ctx.abi.oc_tracker_set_mode(this.id, word), `tracker: mode = ${mode}`);
  }

  // ---- names ----------------------------------------------------------------------------------------

  /** The id of a tag (interned on first use; cached). Throws when the tag table or its strings are full. */
  tag(name: string): number {
    const cached = this.tagIds.get(name);
    if (cached !== undefined) return cached;
    const id = this.intern(name, 'tag', (ptr, len) => this.ctx.abi.oc_tracker_tag(this.id, ptr, len));
    this.tagIds.set(name, id);
    this.tagNames.set(id, name);
    return id;
  }

  /** The id of a site label (interned on first use; cached). Throws when the site table or its strings are full. */
  site(label: string): number {
    const cached = this.siteIds.get(label);
    if (cached !== undefined) return cached;
    const id = this.intern(label, 'site', (ptr, len) => this.ctx.abi.oc_tracker_site(this.id, ptr, len));
    this.siteIds.set(label, id);
    this.siteTexts.set(id, label);
    return id;
  }

  /** The name of a tag id ('' for an id the tracker does not know). */
  tagName(id: number): string {
    const cached = this.tagNames.get(id);
    if (cached !== undefined) return cached;
    const name = this.text(id, (ptr, max) => this.ctx.abi.oc_tracker_tag_name(this.id, id, ptr, max));
    if (name !== '') this.tagNames.set(id, name);
    return name;
  }

  /** "memory/workload.cpp:42" for a C++ site, the label for a TypeScript one, "(unknown)" for 0 or an unknown id. */
  siteText(id: number): string {
    if (id === 0) return UNKNOWN_SITE;
    const cached = this.siteTexts.get(id);
    if (cached !== undefined) return cached;
    const text = this.text(id, (ptr, max) => this.ctx.abi.oc_tracker_site_text(this.id, id, ptr, max));
    if (text === '') return UNKNOWN_SITE;
    this.siteTexts.set(id, text);
    return text;
  }

  /** @internal A site id for an allocation call, 0 (unknown) when the site table is full: tracking never fails an allocation. */
  siteId(label: string): number {
    const cached = this.siteIds.get(label);
    if (cached !== undefined) return cached;
    try {
      return this.site(label);
    } catch (err) {
      if (!(err instanceof OutOfSpaceError)) throw err;
      this.siteIds.set(label, 0);
      return 0;
    }
  }

  /** @internal A tag id for an allocation call, 0 (the default tag) when the tag table is full. */
  tagId(name: string): number {
    const cached = this.tagIds.get(name);
    if (cached !== undefined) return cached;
    try {
      return this.tag(name);
    } catch (err) {
      if (!(err instanceof OutOfSpaceError)) throw err;
      this.tagIds.set(name, 0);
      return 0;
    }
  }

  // ---- context --------------------------------------------------------------------------------------

  /**
   * Runs fn with `tag` as the tag of slab and arena allocations that do not name theirs (pools keep
   * their own tag); the previous context comes back afterwards, even if fn throws.
   */
  withTag<T>(tag: string, fn: () => T): T {
    const id = this.tagId(tag);
    return this.withIds(id, null, fn);
  }

  /** Runs fn with `label` as the site of every allocation and free that does not name its own. */
  withSite<T>(label: string, fn: () => T): T {
    const id = this.siteId(label);
    return this.withIds(null, id, fn);
  }

  /** @internal Runs fn with a context tag and/or site id (null: keep the current one). */
  withIds<T>(tag: number | null, site: number | null, fn: () => T): T {
    this.ctx.ensureAlive();
    const [oldTag, oldSite] = this.views.context();
    this.ctx.check(this.ctx.abi.oc_tracker_set_context(this.id, tag ?? oldTag, site ?? oldSite), 'tracker: set context');
    try {
      return fn();
    } finally {
      if (this.ctx.alive) this.ctx.abi.oc_tracker_set_context(this.id, oldTag, oldSite);
    }
  }

  // ---- marks and leaks (full mode) ------------------------------------------------------------------

  /** A mark (id >= 1) to ask leaksSince() about later. NotTrackingError outside full mode. */
  mark(): number {
    this.ctx.ensureAlive();
    const mark = this.ctx.abi.oc_tracker_mark(this.id);
    if (mark === 0) {
      const status = this.ctx.lastStatus();
      throw status === 0 ? new NotTrackingError('tracker: mark needs full mode') : this.ctx.error(status, 'tracker: mark');
    }
    return mark;
  }

  /**
   * The allocations made after `mark` and still alive, grouped by (tag, site), largest bytes first.
   * UnknownMarkError for a mark never made, more than 64 marks old, or made before a restore/rewind;
   * NotTrackingError outside full mode.
   */
  leaksSince(mark: number): LeakGroup[] {
    if (!isU32(mark)) throw new InvalidArgumentError(`tracker: leaksSince(${mark}): a mark is a whole number`);
    return this.groups(`tracker: leaksSince(${mark})`, (ptr, max) => this.ctx.abi.oc_tracker_leaks(this.id, mark, ptr, max));
  }

  /** Live allocations made at least `frames` frames ago (of `tag` if given), grouped like leaksSince(). */
  olderThan(frames: number, options: { tag?: string } = {}): LeakGroup[] {
    if (!isU32(frames)) throw new InvalidArgumentError(`tracker: olderThan(${frames}): frames must be a whole number`);
    const tag = options.tag === undefined ? 0 : this.tag(options.tag);
    return this.groups(`tracker: olderThan(${frames})`, (ptr, max) => this.ctx.abi.oc_tracker_older_than(this.id, frames, tag, ptr, max));
  }

  private groups(what: string, call: (ptr: number, max: number) => number): LeakGroup[] {
    this.ctx.ensureAlive();
    let max = 64;
    for (;;) {
      const ptr = this.ctx.scratch.reserve(max * TRACK_GROUP_WORDS * 4);
      const n = call(ptr, max);
      if (n === 0) {
        this.ctx.check(this.ctx.lastStatus(), what);
        return [];
      }
      if (n > max) {
        max = n;
        continue;
      }
      // Copied out first: naming tags and sites below reuses the scratch buffer.
      const rows = new Uint32Array(this.ctx.heap.current, ptr, n * TRACK_GROUP_WORDS).slice();
      const out: LeakGroup[] = new Array<LeakGroup>(n);
      for (let i = 0; i < n; i++) {
        const r = i * TRACK_GROUP_WORDS;
        out[i] = {
          tag: this.tagName(rows[r]!), site: this.siteText(rows[r + 1]!), count: rows[r + 2]!,
          bytes: rows[r + 5]! * 0x1_0000_0000 + rows[r + 4]!, oldestFrame: rows[r + 3]!,
        };
      }
      return out;
    }
  }

  // ---- reports --------------------------------------------------------------------------------------

  /**
   * The report (engine/tracking/report.ts), leaks since `mark` (default: the newest mark, or every record).
   * In full mode, UnknownMarkError for a mark leaksSince() would refuse (never made, expired, or made
   * before a restore/rewind) rather than a leak list of every live allocation.
   */
  report(options: { mark?: number } = {}): TrackerReport {
    return JSON.parse(this.reportJson(options)) as TrackerReport;
  }

  /** The report as the core writes it: one line of JSON (a claw-stats line). Errors as report(). */
  reportJson(options: { mark?: number } = {}): string {
    this.ctx.ensureAlive();
    const mark = options.mark ?? 0;
    if (!isU32(mark)) throw new InvalidArgumentError(`tracker: report mark must be a whole number, got ${mark}`);
    for (;;) {
      const cap = this.reportBytes;
      const ptr = this.ctx.scratch.reserve(cap);
      const n = this.ctx.abi.oc_tracker_report_json(this.id, mark, ptr, cap);
      if (n === 0) throw this.ctx.error(this.ctx.lastStatus() || 1, 'tracker: report');
      if (n <= cap) return this.decoder.decode(new Uint8Array(this.ctx.heap.current, ptr, n).slice());
      this.reportBytes = n + 4096; // the next publish may add a few digits
    }
  }

  /**
   * The leak table (tag, site, count, bytes, a total line): allocations since `mark`, or without a
   * mark every live allocation. Needs full mode (NotTrackingError otherwise).
   */
  leakReport(mark?: number): string {
    return formatLeakTable(mark === undefined ? this.olderThan(0) : this.leaksSince(mark));
  }

  /** The misuse reports the tracker still holds (the newest ones; counters().misuseTotal counts all). */
  misuse(): MisuseReport[] {
    return this.report().misuse.reports;
  }

  /**
   * One byte per pixel of `region` (0 free, 255 allocator metadata, else the tag id of a live block);
   * into `into` when given (it must hold `pixels` bytes), else a new array.
   */
  heatMap(region: Region, pixels: number, into?: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    this.ctx.ensureAlive();
    if (!isU32(pixels) || pixels === 0) throw new InvalidArgumentError(`tracker: heatMap: pixels must be a whole number > 0, got ${pixels}`);
    const out = into ?? new Uint8Array(pixels);
    if (out.length < pixels) throw new InvalidArgumentError(`tracker: heatMap: the output holds ${out.length} bytes, ${pixels} needed`);
    const ptr = this.ctx.scratch.reserve(pixels);
    this.ctx.check(this.ctx.abi.oc_tracker_heat_map(this.id, region.id, ptr, pixels), `tracker: heatMap(${region.name}, ${pixels})`);
    out.set(new Uint8Array(this.ctx.heap.current, ptr, pixels));
    return out;
  }

  // ---- frames ---------------------------------------------------------------------------------------

  /** Ends the tracker's frame (publishes, closes the frame into the ring), then runs the onFrameEnd hooks. */
  frameEnd(): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_tracker_frame_end(this.id), 'tracker: frame end');
    for (const hook of [...this.hooks]) hook(this);
  }

  /** Calls `hook` after every frameEnd(); returns the function that unsubscribes it. */
  onFrameEnd(hook: FrameEndHook): () => void {
    this.hooks.add(hook);
    return () => {
      this.hooks.delete(hook);
    };
  }

  /** Refreshes the published figures (tags, regions) without ending the frame. */
  publish(): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_tracker_publish(this.id), 'tracker: publish');
  }

  // ---- views (no wasm call) -------------------------------------------------------------------------

  tags(): TagStats[] {
    this.ctx.ensureAlive();
    return this.views.tags();
  }

  frames(): FrameStats[] {
    this.ctx.ensureAlive();
    return this.views.frames();
  }

  lastFrame(): FrameStats | null {
    this.ctx.ensureAlive();
    return this.views.lastFrame();
  }

  counters(): TrackerCounters {
    this.ctx.ensureAlive();
    return this.views.counters();
  }

  regionNames(): string[] {
    this.ctx.ensureAlive();
    return this.views.regionNames();
  }

  // ---- engine side ----------------------------------------------------------------------------------

  /** @internal Names an allocator in reports and sets the default tag of its allocations. */
  describeAllocator(allocator: number, name: string, tag: string): void {
    const tagId = this.tagId(tag) || 1; // the tag table is full: "untagged"
    this.ctx.check(this.ctx.abi.oc_tracker_set_allocator_tag(this.id, allocator, tagId), `tracker: tag of ${name}`);
    const bytes = this.encoder.encode(name);
    const ptr = this.ctx.scratch.reserve(Math.max(1, bytes.length));
    new Uint8Array(this.ctx.heap.current, ptr, bytes.length).set(bytes);
    const status = this.ctx.abi.oc_tracker_set_allocator_name(this.id, allocator, ptr, bytes.length);
    // A full string table only costs the report its name: tracking never fails the program's set-up.
    if (status !== 0 && status !== 4 /* Exhausted */) this.ctx.check(status, `tracker: name of ${name}`);
  }

  /** @internal The shutdown leak report's text ('' when nothing is live or records are off). */
  shutdownReport(): string {
    if (this.views.modeWord() !== MODE_WORDS.full) return '';
    return formatLeakReport(this.olderThan(0), 'at shutdown');
  }

  /** @internal Detaches the tracker from every region (engine.destroy()). */
  destroy(): void {
    this.hooks.clear();
    this.ctx.abi.oc_tracker_destroy(this.id);
  }

  private intern(name: string, what: string, call: (ptr: number, len: number) => number): number {
    this.ctx.ensureAlive();
    if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError(`tracker: a ${what} needs a non-empty name`);
    const bytes = this.encoder.encode(name);
    const ptr = this.ctx.scratch.reserve(bytes.length);
    new Uint8Array(this.ctx.heap.current, ptr, bytes.length).set(bytes);
    const id = call(ptr, bytes.length);
    if (id === 0) throw this.ctx.error(this.ctx.lastStatus() || 4, `tracker: ${what} '${name}'`);
    return id;
  }

  private text(id: number, call: (ptr: number, max: number) => number): string {
    this.ctx.ensureAlive();
    if (!isU32(id)) return '';
    let max = 256;
    for (;;) {
      const ptr = this.ctx.scratch.reserve(max);
      const n = call(ptr, max);
      if (n <= max) return this.decoder.decode(new Uint8Array(this.ctx.heap.current, ptr, n).slice());
      max = n;
    }
  }
}
