// Setting up an engine's tracker: the options, the size of the `debug` region that holds the
// tracker's tables, and the tracker itself, attached to the regions it watches.
import { isU32, type EngineContext } from '../memory/context.js';
import { InvalidArgumentError } from '../memory/errors.js';
import type { Region } from '../memory/region.js';
import { TRACKER_OPTION_WORDS } from '../wasm/exports.js';
import type { LayoutTable } from './layout.js';
import type { TrackingMode } from './report.js';
import { modeWord, Tracker } from './tracker.js';

export interface TrackingOptions {
  /** Run-time mode (switchable later through engine.tracker.mode); default 'counters'. */
  mode?: TrackingMode;
  /** Live allocations recorded in full mode (default 65,536); beyond it they are counted, not recorded. */
  records?: number;
  /** Freed records kept to name a misuse's original allocation and free (default 4,096). */
  graveyard?: number;
  /** Frames in the frame ring (default 600: 10 s at 60 Hz). */
  frames?: number;
  /** Interned sites (default 4,096). */
  sites?: number;
  /** Tags, at most 254 (default 64). Pools beyond it fall back to "untagged". */
  tags?: number;
  /** Misuse reports kept (default 256); the total counts them all. */
  misuse?: number;
  /** Bytes for tag names, site texts and allocator names (default 64 KiB). */
  stringBytes?: number;
  /** Bytes for slab tag maps: one per 16 B of slab span (default: enough for the whole state region). */
  tagmapBytes?: number;
  /** Bytes of the debug region (default: what the options need, plus a margin). */
  debugBytes?: number;
  /**
   * At engine.destroy(), in full mode: print the live allocations (tag, site, count, bytes) with
   * console.warn when there are any (true, the default), hand the text to a function, or stay quiet (false).
   */
  leakReport?: boolean | ((text: string) => void);
}

// Word order of abi.h's options words (OC_TRACKER_OPTION_WORDS); 0 asks for the core's default.
const WORD_KEYS = ['records', 'graveyard', 'frames', 'sites', 'tags', 'misuse', 'stringBytes', 'tagmapBytes'] as const;

/** The options words for oc_tracker_bytes_needed/oc_tracker_create (mode word last). */
export function trackerOptionWords(options: TrackingOptions, defaultTagmapBytes: number): number[] {
  const words: number[] = [];
  for (const key of WORD_KEYS) {
    const value = options[key] ?? (key === 'tagmapBytes' ? defaultTagmapBytes : 0);
    if (!isU32(value) || (options[key] !== undefined && value === 0)) {
      throw new InvalidArgumentError(`tracking: ${key} must be a whole number > 0, got ${String(options[key])}`);
    }
    words.push(value);
  }
  if (options.tags !== undefined && options.tags > 254) throw new InvalidArgumentError(`tracking: tags must be at most 254, got ${options.tags}`);
  // The tracker is created in counters or full mode ('off' is set right after: 0 is "default" here).
  words.push(options.mode === 'full' ? 2 : 1);
  if (words.length !== TRACKER_OPTION_WORDS) throw new Error('tracker option words out of step with abi.h');
  return words;
}

/** Bytes the debug region needs for these options: the tables, plus a margin for the region header and alignment. */
export function debugRegionBytes(ctx: EngineContext, options: TrackingOptions, words: readonly number[]): number {
  if (options.debugBytes !== undefined) {
    if (!isU32(options.debugBytes) || options.debugBytes === 0) {
      throw new InvalidArgumentError(`tracking: debugBytes must be a whole number > 0, got ${options.debugBytes}`);
    }
    return options.debugBytes;
  }
  const w = ctx.scratch.words(TRACKER_OPTION_WORDS);
  w.set(words);
  const needed = ctx.abi.oc_tracker_bytes_needed(w.byteOffset);
  if (needed === 0) throw ctx.error(ctx.lastStatus() || 1, 'tracking: options');
  return needed + 8192;
}

/**
 * The tracker in `debug`, attached to `watch` (in order: their attached-region slots), in the asked
 * mode. InvalidArgumentError for a mode above the core's compiled mode.
 */
export function createTracker(
  ctx: EngineContext,
  debug: Region,
  words: readonly number[],
  options: TrackingOptions,
  layout: LayoutTable,
  watch: readonly Region[],
): Tracker {
  const mode = options.mode ?? 'counters';
  const wanted = modeWord(mode);
  const compiled = ctx.abi.oc_tracker_compiled_mode();
  if (wanted > compiled) {
    throw new InvalidArgumentError(`tracking mode '${mode}' is above what this build of the core supports (${compiled})`);
  }
  const w = ctx.scratch.words(TRACKER_OPTION_WORDS);
  w.set(words);
  if (compiled === 0) w[TRACKER_OPTION_WORDS - 1] = 0;
  const id = ctx.abi.oc_tracker_create(debug.id, w.byteOffset);
  if (id === 0) throw ctx.error(ctx.lastStatus(), `tracking: create the tracker in a debug region of ${debug.size} bytes`);
  try {
    const encoder = new TextEncoder();
    for (const region of watch) {
      const name = encoder.encode(region.name);
      const ptr = ctx.scratch.reserve(name.length);
      new Uint8Array(ctx.heap.current, ptr, name.length).set(name);
      ctx.check(ctx.abi.oc_tracker_attach(id, region.id, ptr, name.length), `tracking: attach region ${region.name}`);
    }
    if (wanted === 0 && compiled !== 0) ctx.check(ctx.abi.oc_tracker_set_mode(id, 0), 'tracking: mode off');
    return new Tracker(ctx, id, debug, layout);
  } catch (err) {
    ctx.abi.oc_tracker_destroy(id);
    throw err;
  }
}
