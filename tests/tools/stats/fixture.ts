// A hand-written report, typed by the contract (engine/tracking/report.ts): every key of every part is
// there because the types demand it, so the schema tests compare the schema with the types through
// this value. The numbers hang together (a pool of 100 64-byte slots with 3 live, two tags, a slab,
// an arena, three frames, a leak group and a double free) so the table tests can look for them.
import type { TrackerReport } from '../../../engine/index.js';

export function handReport(): TrackerReport {
  return {
    format: 'claw-stats',
    version: 1,
    mode: 'full',
    frame: 3,
    records: { capacity: 1024, used: 5, overflow: 0, unrecordedFrees: 1, bytes: 40960 },
    totals: { allocs: 9, frees: 4, bytesAllocated: 1216, bytesFreed: 448, liveCount: 5, liveBytes: 768 },
    rate: { frames: 3, allocsPerFrame: 3, freesPerFrame: 1.3333333333333333, bytesPerFrame: 405.3333333333333 },
    tags: [
      { id: 1, name: 'untagged', liveCount: 0, liveBytes: 0, peakBytes: 0, allocs: 0, frees: 0, bytesAllocated: 0 },
      { id: 2, name: 'actors', liveCount: 3, liveBytes: 192, peakBytes: 256, allocs: 5, frees: 2, bytesAllocated: 320 },
      { id: 3, name: 'tiles', liveCount: 2, liveBytes: 576, peakBytes: 896, allocs: 4, frees: 2, bytesAllocated: 896 },
    ],
    pools: [{
      id: 1, name: 'actors', region: 'state', tag: 'actors', capacity: 100, live: 3, peak: 4, slotSize: 64,
      liveBytes: 192, failures: 0, allocs: 5, frees: 2,
    }],
    slabs: [{
      id: 2, name: null, region: 'state', tag: 'tiles', arenaBytes: 65536, reservedBytes: 8192, liveBytes: 576,
      liveBlocks: 2, failures: 1, allocs: 4, frees: 2,
    }],
    arenas: [{ id: 3, name: 'scratch', region: 'frame', tag: 'frame', capacity: 4096, used: 128, peak: 1024, failures: 0, allocs: 7, resets: 3 }],
    regions: [
      { name: 'state', size: 1048576, used: 90112, liveBytes: 768 },
      { name: 'frame', size: 65536, used: 4160, liveBytes: 0 },
    ],
    frames: [
      { frame: 0, allocs: 4, frees: 0, bytesAllocated: 512, bytesFreed: 0, liveCount: 4, liveBytes: 512 },
      { frame: 1, allocs: 3, frees: 2, bytesAllocated: 448, bytesFreed: 192, liveCount: 5, liveBytes: 768 },
      { frame: 2, allocs: 2, frees: 2, bytesAllocated: 256, bytesFreed: 256, liveCount: 5, liveBytes: 768 },
    ],
    leaks: {
      available: true,
      mark: 2,
      groups: [
        { tag: 'tiles', site: 'level/tiles.cpp:88', count: 2, bytes: 576, oldestFrame: 1 },
        { tag: 'actors', site: 'spawn actor', count: 1, bytes: 64, oldestFrame: 2 },
      ],
    },
    misuse: {
      total: 1,
      reports: [{
        kind: 'DoubleFree', site: 'game/actors.cpp:120', allocSite: 'game/actors.cpp:40', freeSite: 'game/actors.cpp:97',
        region: 'state', allocator: 1, tag: 'actors', offset: 8256, handle: 16842755, frame: 2,
      }],
    },
  };
}
