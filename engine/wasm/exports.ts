// The raw exports of the wasm core, exactly as native-legacy/wasm/abi.h declares them. Every value is
// an i32 at the boundary: functions declared uint32_t in C come back as negative numbers when their
// top bit is set (handles of pools with tag >= 128), so callers apply `>>> 0` (abi.ts does).

export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;

  oc_abi_version(): number;
  oc_last_status(): number;
  oc_status_name(status: number): number;

  oc_region_create(size: number, flags: number): number;
  oc_region_destroy(region: number): number;
  oc_region_base(region: number): number;
  oc_region_size(region: number): number;
  oc_region_used(region: number): number;
  oc_region_check(region: number): number;
  oc_region_hash(region: number, outU64Ptr: number): number;

  oc_allocator_kind(allocator: number): number;
  oc_allocator_region(allocator: number): number;
  oc_allocator_header(allocator: number): number;
  oc_allocator_tag(allocator: number): number;
  oc_allocator_check(allocator: number): number;

  oc_pool_create(region: number, slotSize: number, align: number, capacity: number): number;
  oc_pool_alloc(pool: number): number;
  oc_pool_free(pool: number, handle: number): number;
  oc_pool_alloc_many(pool: number, outHandlesPtr: number, count: number): number;
  oc_pool_free_many(pool: number, handlesPtr: number, count: number): number;
  oc_pool_offset(pool: number, handle: number): number;
  oc_pool_validate(pool: number, handle: number): number;
  oc_pool_stats(pool: number, outWordsPtr: number): number;
  oc_pool_walk(pool: number, outHandlesPtr: number, max: number): number;
  oc_pool_generation(pool: number, index: number): number;

  oc_slab_create(region: number, arenaBytes: number, pageSize: number, classSteps: number): number;
  oc_slab_alloc(slab: number, size: number, align: number): number;
  oc_slab_free(slab: number, offset: number, size: number): number;
  oc_slab_usable_size(slab: number, offset: number): number;
  oc_slab_stats(slab: number, outWordsPtr: number): number;
  oc_slab_class_count(slab: number): number;
  oc_slab_class_size(slab: number, classIndex: number): number;
  oc_slab_class_stats(slab: number, classIndex: number, outWordsPtr: number): number;
  oc_slab_walk(slab: number, outPairsPtr: number, maxPairs: number): number;
  oc_slab_alloc_raw(slab: number, size: number, align: number): number;

  oc_arena_create(region: number, bytes: number): number;
  oc_arena_alloc(arena: number, size: number, align: number): number;
  oc_arena_marker(arena: number): number;
  oc_arena_unwind(arena: number, marker: number): number;
  oc_arena_reset(arena: number): number;
  oc_arena_stats(arena: number, outWordsPtr: number): number;

  oc_replay(opsPtr: number, opsLen: number, outU64Ptr: number): number;
  oc_layout_table(outPtr: number, max: number): number;
}

/** Names of the functions above, for the loader to verify that a module really is this core. */
export const CORE_FUNCTIONS = [
  'malloc', 'free',
  'oc_abi_version', 'oc_last_status', 'oc_status_name',
  'oc_region_create', 'oc_region_destroy', 'oc_region_base', 'oc_region_size', 'oc_region_used',
  'oc_region_check', 'oc_region_hash',
  'oc_allocator_kind', 'oc_allocator_region', 'oc_allocator_header', 'oc_allocator_tag', 'oc_allocator_check',
  'oc_pool_create', 'oc_pool_alloc', 'oc_pool_free', 'oc_pool_alloc_many', 'oc_pool_free_many',
  'oc_pool_offset', 'oc_pool_validate', 'oc_pool_stats', 'oc_pool_walk', 'oc_pool_generation',
  'oc_slab_create', 'oc_slab_alloc', 'oc_slab_free', 'oc_slab_usable_size', 'oc_slab_stats',
  'oc_slab_class_count', 'oc_slab_class_size', 'oc_slab_class_stats', 'oc_slab_walk', 'oc_slab_alloc_raw',
  'oc_arena_create', 'oc_arena_alloc', 'oc_arena_marker', 'oc_arena_unwind', 'oc_arena_reset', 'oc_arena_stats',
  'oc_replay', 'oc_layout_table',
] as const satisfies readonly (keyof CoreExports)[];

/** Words written by the *_stats exports (abi.h: OC_*_STATS_WORDS). */
export const POOL_STATS_WORDS = 12;
export const SLAB_STATS_WORDS = 12;
export const SLAB_CLASS_STATS_WORDS = 4;
export const ARENA_STATS_WORDS = 8;
/** abi.h: OC_ABI_VERSION. */
export const ABI_VERSION = 1;
