// engine.tracker.report(): the core's JSON matches the contract (engine/tracking/report.ts: every key,
// every type, nothing more) and its numbers match the allocators' own stats; leakReport()'s text.
import { describe, expect, it } from 'vitest';
import { REPORT_FORMAT, REPORT_VERSION, formatLeakTable, type TrackerReport } from '../../../engine/index.js';
import { freshEngine } from '../support/engine.js';

// 'int': a whole number >= 0; 'num': any finite number; a trailing '?' allows null; [shape]: an array.
type Shape = 'string' | 'int' | 'num' | 'boolean' | 'string?' | 'int?' | readonly [Shape] | { readonly [key: string]: Shape };

const TAG = { id: 'int', name: 'string', liveCount: 'int', liveBytes: 'int', peakBytes: 'int', allocs: 'int', frees: 'int', bytesAllocated: 'int' } as const;
const POOL = {
  id: 'int', name: 'string?', region: 'string', tag: 'string', capacity: 'int', live: 'int', peak: 'int', slotSize: 'int',
  liveBytes: 'int', failures: 'int', allocs: 'int', frees: 'int',
} as const;
const SLAB = {
  id: 'int', name: 'string?', region: 'string', tag: 'string', arenaBytes: 'int', reservedBytes: 'int', liveBytes: 'int',
  liveBlocks: 'int', failures: 'int', allocs: 'int', frees: 'int',
} as const;
const ARENA = { id: 'int', name: 'string?', region: 'string', tag: 'string', capacity: 'int', used: 'int', peak: 'int', failures: 'int', allocs: 'int', resets: 'int' } as const;
const REGION = { name: 'string', size: 'int', used: 'int', liveBytes: 'int' } as const;
const FRAME = { frame: 'int', allocs: 'int', frees: 'int', bytesAllocated: 'int', bytesFreed: 'int', liveCount: 'int', liveBytes: 'int' } as const;
const LEAK = { tag: 'string', site: 'string', count: 'int', bytes: 'int', oldestFrame: 'int' } as const;
const MISUSE = {
  kind: 'string', site: 'string', allocSite: 'string?', freeSite: 'string?', region: 'string', allocator: 'int', tag: 'string?',
  offset: 'int', handle: 'int', frame: 'int',
} as const;
const REPORT: Shape = {
  format: 'string', version: 'int', mode: 'string', frame: 'int',
  records: { capacity: 'int', used: 'int', overflow: 'int', unrecordedFrees: 'int', bytes: 'int' },
  totals: { allocs: 'int', frees: 'int', bytesAllocated: 'int', bytesFreed: 'int', liveCount: 'int', liveBytes: 'int' },
  rate: { frames: 'int', allocsPerFrame: 'num', freesPerFrame: 'num', bytesPerFrame: 'num' },
  tags: [TAG], pools: [POOL], slabs: [SLAB], arenas: [ARENA], regions: [REGION], frames: [FRAME],
  leaks: { available: 'boolean', mark: 'int?', groups: [LEAK] },
  misuse: { total: 'int', reports: [MISUSE] },
};

/** Every mismatch between a value and a shape, as "path: problem" lines. */
function shapeErrors(value: unknown, shape: Shape, path = 'report'): string[] {
  if (typeof shape === 'string') {
    if (shape.endsWith('?') && value === null) return [];
    const base = shape.replace('?', '');
    const ok = base === 'int' ? Number.isInteger(value) && (value as number) >= 0
      : base === 'num' ? typeof value === 'number' && Number.isFinite(value)
        : typeof value === base;
    return ok ? [] : [`${path}: expected ${shape}, got ${JSON.stringify(value)}`];
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${path}: expected an array`];
    return value.flatMap((v, i) => shapeErrors(v, shape[0] as Shape, `${path}[${i}]`));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object`];
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(shape);
  const errors = Object.keys(obj).filter((k) => !keys.includes(k)).map((k) => `${path}.${k}: not in the contract`);
  for (const k of keys) {
    if (!(k in obj)) errors.push(`${path}.${k}: missing`);
    else errors.push(...shapeErrors(obj[k], (shape as Record<string, Shape>)[k]!, `${path}.${k}`));
  }
  return errors;
}

async function busyEngine() {
  const engine = await freshEngine({ tracking: { mode: 'full', leakReport: false } });
  const { tracker, slab, frame } = engine;
  const actors = engine.createPool({ name: 'actors', slotSize: 48, capacity: 64 });
  const bullets = engine.createStructPool({ name: 'bullets', capacity: 8, fields: { x: 'f32', y: 'f32' }, tag: 'weapons' });
  for (let i = 0; i < 10; i++) actors.alloc('spawn');
  for (let i = 0; i < 8; i++) bullets.alloc();
  try { bullets.alloc(); } catch { /* PoolExhaustedError: a failure the report counts */ }
  engine.endFrame();
  const mark = tracker.mark();
  const blocks = [slab.alloc(100, 16, { tag: 'audio', site: 'sfx' }), slab.alloc(6000), slab.alloc(30)];
  frame.alloc(64, 16, { site: 'scratch' });
  actors.free(actors.liveHandles()[0]!);
  slab.free(blocks[2]!);
  try { slab.free(blocks[2]!, 0, 'twice'); } catch { /* DoubleFreeError: a misuse report */ }
  engine.endFrame();
  frame.alloc(32);
  return { engine, tracker, actors, bullets, mark };
}

describe('tracker report', () => {
  it('matches the TrackerReport contract key by key and type by type', async () => {
    const { tracker, mark } = await busyEngine();
    const report: unknown = tracker.report({ mark });
    expect(shapeErrors(report, REPORT)).toEqual([]);
    const r = report as TrackerReport;
    expect(r.format).toBe(REPORT_FORMAT);
    expect(r.version).toBe(REPORT_VERSION);
    expect(r.mode).toBe('full');
    expect(r.misuse.reports.length).toBeGreaterThan(0);
    expect(r.leaks.groups.length).toBeGreaterThan(0);
  });

  it('its numbers are the allocators\' stats and the tracker\'s own figures', async () => {
    const { engine, tracker, actors, bullets, mark } = await busyEngine();
    const r = tracker.report({ mark });
    const c = tracker.counters();
    expect(r.frame).toBe(2);
    expect(r.records).toMatchObject({ capacity: c.recordCapacity, used: c.recordsUsed, overflow: 0, unrecordedFrees: 0 });
    expect(r.records.used).toBe(9 + 8 + 2 + 2);

    for (const pool of [actors, bullets]) {
      const s = pool.stats();
      expect(r.pools.find((p) => p.name === pool.name)).toEqual({
        id: pool.tag, name: pool.name, region: 'state', tag: pool.trackingTag, capacity: s.capacity, live: s.live, peak: s.peak,
        slotSize: s.slotSize, liveBytes: s.live * s.slotSize, failures: s.failures, allocs: s.totalAllocs, frees: s.totalFrees,
      });
    }
    expect(r.pools.find((p) => p.name === 'bullets')?.failures).toBe(1);
    const slab = engine.slab.stats();
    expect(r.slabs).toEqual([{
      id: engine.abi.oc_allocator_tag(engine.slab.id), name: 'slab', region: 'state', tag: 'untagged', arenaBytes: slab.arenaBytes,
      reservedBytes: slab.reservedBytes, liveBytes: slab.liveBytes, liveBlocks: slab.liveBlocks, failures: slab.failures,
      allocs: slab.totalAllocs, frees: slab.totalFrees,
    }]);
    const arena = engine.frame.stats();
    expect(r.arenas).toEqual([{
      id: engine.abi.oc_allocator_tag(engine.frame.id), name: 'frame', region: 'frame', tag: 'frame', capacity: arena.capacity,
      used: arena.used, peak: arena.peak, failures: arena.failures, allocs: arena.totalAllocs, resets: arena.resets,
    }]);
    expect(r.regions.map((g) => [g.name, g.size, g.used])).toEqual([
      ['state', engine.regions.state.size, engine.regions.state.used],
      ['frame', engine.regions.frame.size, engine.regions.frame.used],
    ]);
    const liveCount = actors.stats().live + bullets.stats().live + slab.liveBlocks + 2;
    expect(r.totals.liveCount).toBe(liveCount);
    expect(r.totals.allocs - r.totals.frees).toBe(liveCount);
    expect(r.regions[0]!.liveBytes).toBe(actors.stats().live * 48 + bullets.stats().live * 8 + slab.liveBytes);

    // The report published: the views now show the same tags and frames.
    expect(r.tags).toEqual(tracker.tags());
    expect(r.frames).toEqual(tracker.frames().map(({ regionLiveBytes: _, ...f }) => f));
    expect(r.leaks.available).toBe(true);
    expect(r.leaks.mark).toBe(mark);
    expect(r.leaks.groups).toEqual(tracker.leaksSince(mark));
    expect(r.misuse.total).toBe(1);
    expect(r.misuse.reports).toEqual(tracker.misuse());
    expect(r.misuse.reports[0]).toMatchObject({ kind: 'DoubleFree', site: 'twice', region: 'state' });
  });

  it('reportJson() is one line of JSON, the same report; leaks outside full mode are unavailable', async () => {
    const { tracker, mark } = await busyEngine();
    const json = tracker.reportJson({ mark });
    expect(json).not.toContain('\n');
    expect(json.startsWith('{"format":"claw-stats"')).toBe(true);
    expect(JSON.parse(json)).toEqual(tracker.report({ mark }));
    tracker.mode = 'counters';
    const r = tracker.report();
    expect(r.mode).toBe('counters');
    expect(r.leaks).toEqual({ available: false, mark: null, groups: [] });
  });

  it('leakReport(): the console table of the leaks since a mark, or of everything live', async () => {
    const { engine, tracker, mark } = await busyEngine();
    const sfx = engine.slab.classSizes[engine.slab.classOf(100)]!;
    expect(tracker.leakReport(mark)).toBe(formatLeakTable(tracker.leaksSince(mark)));
    expect(tracker.leakReport()).toBe(formatLeakTable(tracker.olderThan(0)));
    const lines = tracker.leakReport(mark).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^tag +site +count +bytes$/);
    expect(lines.at(-1)).toMatch(/^total +\d+ +\d+$/);
    expect(lines.some((l) => new RegExp(`^audio +sfx +1 +${sfx}$`).test(l))).toBe(true);
  });

  it('heatMap(): tags of live blocks, metadata 255, free space 0, into a reused buffer', async () => {
    const engine = await freshEngine();
    const { tracker } = engine;
    const big = engine.createPool({ name: 'big', slotSize: 4096, capacity: 64 });
    const pixels = engine.regions.state.size / 4096;
    const before = tracker.heatMap(engine.regions.state, pixels);
    expect(before).toHaveLength(pixels);
    expect(before.includes(255)).toBe(true); // region header and allocator metadata
    expect(before.includes(0)).toBe(true);
    const id = tracker.tag('big');
    expect(before.includes(id)).toBe(false);
    const handles = big.allocMany(64);
    const buffer = new Uint8Array(pixels + 10);
    const after = tracker.heatMap(engine.regions.state, pixels, buffer);
    expect(after).toBe(buffer);
    // 64 slots of 4096 bytes cover 64 pixels of 4096 bytes, or 65 when the slots do not start on a pixel.
    const tagged = after.subarray(0, pixels).filter((v) => v === id).length;
    expect(tagged).toBeGreaterThanOrEqual(64);
    expect(tagged).toBeLessThanOrEqual(65);
    big.freeMany(handles);
    expect(tracker.heatMap(engine.regions.state, pixels).includes(id)).toBe(false);
  });
});
