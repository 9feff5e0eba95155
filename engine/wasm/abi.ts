// The typed binding of every ABI export (native-legacy/wasm/abi.h). Functions keep their C names so
// that the header documents them; results declared uint32_t/uintptr_t in C are made unsigned here.
// The hot wrappers in engine/memory call the raw exports directly and normalise themselves.
import { ABI_VERSION, type CoreExports } from './exports.js';
import { Heap } from './heap.js';
import { WasmLoadError } from '../memory/errors.js';

type Fn<A extends number[]> = (...args: A) => number;

export interface CoreAbi {
  /** The instance's raw exports: i32 results (apply `>>> 0` to u32 ones). For benchmarks and tools. */
  readonly raw: CoreExports;
  readonly memory: WebAssembly.Memory;
  /** Views over linear memory that follow its growth. */
  readonly heap: Heap;

  malloc: Fn<[size: number]>;
  free: (ptr: number) => void;

  oc_abi_version: Fn<[]>;
  oc_last_status: Fn<[]>;
  /** The status's name ("Ok", "StaleHandle", ...), read from the module's string table. */
  statusName: (status: number) => string;

  oc_region_create: Fn<[size: number, flags: number]>;
  oc_region_destroy: Fn<[region: number]>;
  oc_region_base: Fn<[region: number]>;
  oc_region_size: Fn<[region: number]>;
  oc_region_used: Fn<[region: number]>;
  oc_region_check: Fn<[region: number]>;
  oc_region_hash: Fn<[region: number, outU64Ptr: number]>;

  oc_allocator_kind: Fn<[allocator: number]>;
  oc_allocator_region: Fn<[allocator: number]>;
  oc_allocator_header: Fn<[allocator: number]>;
  oc_allocator_tag: Fn<[allocator: number]>;
  oc_allocator_check: Fn<[allocator: number]>;

  oc_pool_create: Fn<[region: number, slotSize: number, align: number, capacity: number]>;
  oc_pool_alloc: Fn<[pool: number]>;
  oc_pool_free: Fn<[pool: number, handle: number]>;
  oc_pool_alloc_many: Fn<[pool: number, outHandlesPtr: number, count: number]>;
  oc_pool_free_many: Fn<[pool: number, handlesPtr: number, count: number]>;
  oc_pool_offset: Fn<[pool: number, handle: number]>;
  oc_pool_validate: Fn<[pool: number, handle: number]>;
  oc_pool_stats: Fn<[pool: number, outWordsPtr: number]>;
  oc_pool_walk: Fn<[pool: number, outHandlesPtr: number, max: number]>;
  oc_pool_generation: Fn<[pool: number, index: number]>;

  oc_slab_create: Fn<[region: number, arenaBytes: number, pageSize: number, classSteps: number]>;
  oc_slab_alloc: Fn<[slab: number, size: number, align: number]>;
  oc_slab_free: Fn<[slab: number, offset: number, size: number]>;
  oc_slab_usable_size: Fn<[slab: number, offset: number]>;
  oc_slab_stats: Fn<[slab: number, outWordsPtr: number]>;
  oc_slab_class_count: Fn<[slab: number]>;
  oc_slab_class_size: Fn<[slab: number, classIndex: number]>;
  oc_slab_class_stats: Fn<[slab: number, classIndex: number, outWordsPtr: number]>;
  oc_slab_walk: Fn<[slab: number, outPairsPtr: number, maxPairs: number]>;
  oc_slab_alloc_raw: Fn<[slab: number, size: number, align: number]>;

  oc_arena_create: Fn<[region: number, bytes: number]>;
  oc_arena_alloc: Fn<[arena: number, size: number, align: number]>;
  oc_arena_marker: Fn<[arena: number]>;
  oc_arena_unwind: Fn<[arena: number, marker: number]>;
  oc_arena_reset: Fn<[arena: number]>;
  oc_arena_stats: Fn<[arena: number, outWordsPtr: number]>;

  oc_region_frame: Fn<[region: number, outU64Ptr: number]>;
  oc_region_set_frame: Fn<[region: number, frameLo: number, frameHi: number]>;
  oc_region_root: Fn<[region: number]>;
  oc_region_set_root: Fn<[region: number, offset: number]>;
  oc_region_checksum: Fn<[region: number, outU64Ptr: number]>;
  oc_checksum64: Fn<[ptr: number, len: number, outU64Ptr: number]>;

  oc_snapshot_max_size: Fn<[region: number]>;
  oc_snapshot_capture: Fn<[region: number, outPtr: number, outCap: number, flags: number]>;
  oc_snapshot_capture_delta: Fn<[region: number, basePtr: number, baseLen: number, outPtr: number, outCap: number, flags: number]>;
  oc_snapshot_image_max_size: Fn<[imagePtr: number, imageSize: number]>;
  oc_snapshot_capture_image: Fn<[imagePtr: number, imageSize: number, outPtr: number, outCap: number, flags: number]>;
  oc_snapshot_seal: Fn<[bytesPtr: number, len: number]>;
  oc_snapshot_verify: Fn<[bytesPtr: number, len: number]>;
  oc_snapshot_info: Fn<[bytesPtr: number, len: number, outWordsPtr: number]>;
  oc_snapshot_chunk: Fn<[bytesPtr: number, len: number, index: number, outWordsPtr: number]>;
  oc_snapshot_restore: Fn<[region: number, bytesPtr: number, len: number, basePtr: number, baseLen: number]>;
  oc_allocator_find: Fn<[region: number, tag: number]>;
  oc_snapshot_max_size_report: Fn<[region: number, reportLen: number]>;
  oc_snapshot_capture_report: Fn<[region: number, outPtr: number, outCap: number, flags: number, reportPtr: number, reportLen: number]>;

  oc_rewind_create: Fn<[region: number, budgetBytes: number]>;
  oc_rewind_push: Fn<[ring: number]>;
  oc_rewind_rewind: Fn<[ring: number, frames: number]>;
  oc_rewind_stats: Fn<[ring: number, outWordsPtr: number]>;
  oc_rewind_destroy: Fn<[ring: number]>;

  oc_workload_create: Fn<[region: number, seed: number, poolCapacity: number, slotSize: number]>;
  oc_workload_find: Fn<[region: number]>;
  oc_workload_step: Fn<[workload: number, input: number]>;

  oc_tracker_compiled_mode: Fn<[]>;
  oc_tracker_bytes_needed: Fn<[optionsWordsPtr: number]>;
  oc_tracker_create: Fn<[debugRegion: number, optionsWordsPtr: number]>;
  oc_tracker_destroy: Fn<[tracker: number]>;
  oc_tracker_attach: Fn<[tracker: number, region: number, namePtr: number, nameLen: number]>;
  oc_tracker_set_mode: Fn<[tracker: number, mode: number]>;
  oc_tracker_mode: Fn<[tracker: number]>;
  oc_tracker_header: Fn<[tracker: number]>;
  oc_tracker_tag: Fn<[tracker: number, namePtr: number, len: number]>;
  oc_tracker_site: Fn<[tracker: number, labelPtr: number, len: number]>;
  oc_tracker_set_allocator_tag: Fn<[tracker: number, allocator: number, tag: number]>;
  oc_tracker_set_allocator_name: Fn<[tracker: number, allocator: number, namePtr: number, len: number]>;
  oc_tracker_set_context: Fn<[tracker: number, tag: number, site: number]>;
  oc_tracker_frame_end: Fn<[tracker: number]>;
  oc_tracker_publish: Fn<[tracker: number]>;
  oc_tracker_mark: Fn<[tracker: number]>;
  oc_tracker_leaks: Fn<[tracker: number, mark: number, outRowsPtr: number, maxGroups: number]>;
  oc_tracker_older_than: Fn<[tracker: number, frames: number, tag: number, outRowsPtr: number, maxGroups: number]>;
  oc_tracker_resync: Fn<[tracker: number, region: number]>;
  oc_tracker_site_text: Fn<[tracker: number, site: number, outPtr: number, max: number]>;
  oc_tracker_tag_name: Fn<[tracker: number, tag: number, outPtr: number, max: number]>;
  oc_tracker_report_json: Fn<[tracker: number, mark: number, outPtr: number, max: number]>;
  oc_tracker_heat_map: Fn<[tracker: number, region: number, outPtr: number, pixels: number]>;
  oc_pool_alloc_at: Fn<[pool: number, site: number]>;
  oc_pool_free_at: Fn<[pool: number, handle: number, site: number]>;
  oc_slab_alloc_at: Fn<[slab: number, size: number, align: number, tag: number, site: number]>;
  oc_slab_free_at: Fn<[slab: number, offset: number, size: number, site: number]>;
  oc_arena_alloc_at: Fn<[arena: number, size: number, align: number, tag: number, site: number]>;

  oc_pal_read: Fn<[inPtr: number, inLen: number, outRgbaPtr: number]>;
  oc_pid_info: Fn<[inPtr: number, inLen: number, outWordsPtr: number]>;
  oc_pid_decode_rgba: Fn<[inPtr: number, inLen: number, palettePtr: number, outPtr: number, outCap: number]>;
  oc_pid_decode_indices: Fn<[inPtr: number, inLen: number, outPtr: number, outCap: number]>;
  oc_pid_palette: Fn<[inPtr: number, inLen: number, outRgbPtr: number]>;
  oc_pid_encoded_size: Fn<[indicesPtr: number, paramsWordsPtr: number, palettePtr: number]>;
  oc_pid_encode: Fn<[indicesPtr: number, paramsWordsPtr: number, palettePtr: number, outPtr: number, outCap: number]>;
  oc_ani_info: Fn<[inPtr: number, inLen: number, outWordsPtr: number]>;
  oc_ani_frames: Fn<[inPtr: number, inLen: number, outRowsPtr: number, maxFrames: number]>;
  oc_wwd_header: Fn<[inPtr: number, inLen: number, outWordsPtr: number]>;
  oc_wwd_image: Fn<[inPtr: number, inLen: number, outWordsPtr: number]>;
  oc_wwd_plane: Fn<[inPtr: number, inLen: number, index: number, outWordsPtr: number]>;
  oc_wwd_image_sets: Fn<[inPtr: number, inLen: number, plane: number, outPairsPtr: number, maxSets: number]>;
  oc_wwd_objects: Fn<[inPtr: number, inLen: number, plane: number, outRowsPtr: number, maxObjects: number]>;
  oc_wwd_tile_descriptions: Fn<[inPtr: number, inLen: number, outRowsPtr: number, maxRows: number]>;

  oc_rez_open: Fn<[headPtr: number, headLen: number, archiveLenLo: number, archiveLenHi: number]>;
  oc_rez_header: Fn<[archive: number, outWordsPtr: number]>;
  oc_rez_next_block: Fn<[archive: number, outPairPtr: number]>;
  oc_rez_add_block: Fn<[archive: number, bytesPtr: number, len: number]>;
  oc_rez_finish: Fn<[archive: number]>;
  oc_rez_count: Fn<[archive: number]>;
  /** An entry id, REZ_ROOT or REZ_NONE (unsigned). */
  oc_rez_find: Fn<[archive: number, pathPtr: number, len: number]>;
  oc_rez_stat: Fn<[archive: number, entry: number, outWordsPtr: number]>;
  oc_rez_path: Fn<[archive: number, entry: number, outPtr: number, max: number]>;
  oc_rez_name: Fn<[archive: number, entry: number, outPtr: number, max: number]>;
  oc_rez_close: Fn<[archive: number]>;

  oc_rez_writer_create: Fn<[]>;
  oc_rez_writer_add: Fn<[writer: number, pathPtr: number, pathLen: number, size: number, dateTime: number, fileId: number]>;
  oc_rez_writer_layout: Fn<[writer: number, outWordsPtr: number]>;
  oc_rez_writer_data_offset: Fn<[writer: number, fileIndex: number]>;
  oc_rez_writer_head: Fn<[writer: number, outPtr: number]>;
  oc_rez_writer_blocks: Fn<[writer: number, outPtr: number, max: number]>;
  oc_rez_writer_destroy: Fn<[writer: number]>;

  oc_cache_create: Fn<[region: number, maxEntries: number, dataBytes: number, ramBudget: number, vramBudget: number]>;
  oc_cache_destroy: Fn<[cache: number]>;
  oc_cache_region: Fn<[cache: number]>;
  oc_cache_header: Fn<[cache: number]>;
  oc_cache_acquire: Fn<[cache: number, idLo: number, idHi: number]>;
  oc_cache_insert: Fn<[cache: number, idLo: number, idHi: number, size: number]>;
  oc_cache_release: Fn<[cache: number, handle: number]>;
  oc_cache_offset: Fn<[cache: number, handle: number]>;
  oc_cache_size: Fn<[cache: number, handle: number]>;
  oc_cache_set_gpu_bytes: Fn<[cache: number, handle: number, bytes: number]>;
  oc_cache_remove: Fn<[cache: number, idLo: number, idHi: number]>;
  /** 1 or 0. */
  oc_cache_contains: Fn<[cache: number, idLo: number, idHi: number]>;
  oc_cache_info: Fn<[cache: number, idLo: number, idHi: number, outWordsPtr: number]>;
  oc_cache_stats: Fn<[cache: number, outWordsPtr: number]>;
  oc_cache_check: Fn<[cache: number]>;
  oc_cache_take_evictions: Fn<[cache: number, outPtr: number, max: number]>;
  oc_resource_id: Fn<[pathPtr: number, len: number, outU64Ptr: number]>;

  /** The game at the region's root (native-legacy/game/game.h): World offset, 0 on failure. */
  oc_game_create: Fn<[region: number, slab: number, entityCapacity: number]>;
  oc_game_world: Fn<[region: number]>;
  /** The entity pool's ABI allocator id, 0 if none. */
  oc_game_entity_pool: Fn<[region: number]>;
  oc_game_load_level: Fn<[region: number, imagePtr: number, imageLen: number]>;
  oc_game_unload_level: Fn<[region: number]>;
  oc_game_tick: Fn<[region: number, inputBits: number]>;
  /** inputs: u32[count]; stops at the first failure. */
  oc_game_tick_many: Fn<[region: number, inputsPtr: number, count: number]>;
  oc_game_check: Fn<[region: number]>;

  oc_replay: Fn<[opsPtr: number, opsLen: number, outU64Ptr: number]>;
  oc_layout_table: Fn<[outPtr: number, max: number]>;
}

export function bindAbi(raw: CoreExports): CoreAbi {
  const version = raw.oc_abi_version() >>> 0;
  if (version !== ABI_VERSION) {
    throw new WasmLoadError(`the wasm core speaks ABI ${version}, this engine expects ${ABI_VERSION}`);
  }
  const heap = new Heap(raw.memory);
  const names = new Map<number, string>();
  return {
    raw,
    memory: raw.memory,
    heap,
    malloc: (size) => raw.malloc(size) >>> 0,
    free: (ptr) => raw.free(ptr),

    oc_abi_version: () => raw.oc_abi_version() >>> 0,
    oc_last_status: () => raw.oc_last_status(),
    statusName: (status) => {
      let name = names.get(status);
      if (name === undefined) {
        name = heap.cString(raw.oc_status_name(status) >>> 0, 64);
        names.set(status, name);
      }
      return name;
    },

    oc_region_create: (size, flags) => raw.oc_region_create(size, flags) >>> 0,
    oc_region_destroy: (region) => raw.oc_region_destroy(region),
    oc_region_base: (region) => raw.oc_region_base(region) >>> 0,
    oc_region_size: (region) => raw.oc_region_size(region) >>> 0,
    oc_region_used: (region) => raw.oc_region_used(region) >>> 0,
    oc_region_check: (region) => raw.oc_region_check(region),
    oc_region_hash: (region, out) => raw.oc_region_hash(region, out),

    oc_allocator_kind: (a) => raw.oc_allocator_kind(a) >>> 0,
    oc_allocator_region: (a) => raw.oc_allocator_region(a) >>> 0,
    oc_allocator_header: (a) => raw.oc_allocator_header(a) >>> 0,
    oc_allocator_tag: (a) => raw.oc_allocator_tag(a) >>> 0,
    oc_allocator_check: (a) => raw.oc_allocator_check(a),

    oc_pool_create: (region, slotSize, align, capacity) => raw.oc_pool_create(region, slotSize, align, capacity) >>> 0,
    oc_pool_alloc: (pool) => raw.oc_pool_alloc(pool) >>> 0,
    oc_pool_free: (pool, handle) => raw.oc_pool_free(pool, handle),
    oc_pool_alloc_many: (pool, out, count) => raw.oc_pool_alloc_many(pool, out, count),
    oc_pool_free_many: (pool, handles, count) => raw.oc_pool_free_many(pool, handles, count),
    oc_pool_offset: (pool, handle) => raw.oc_pool_offset(pool, handle) >>> 0,
    oc_pool_validate: (pool, handle) => raw.oc_pool_validate(pool, handle),
    oc_pool_stats: (pool, out) => raw.oc_pool_stats(pool, out),
    oc_pool_walk: (pool, out, max) => raw.oc_pool_walk(pool, out, max) >>> 0,
    oc_pool_generation: (pool, index) => raw.oc_pool_generation(pool, index) >>> 0,

    oc_slab_create: (region, bytes, page, steps) => raw.oc_slab_create(region, bytes, page, steps) >>> 0,
    oc_slab_alloc: (slab, size, align) => raw.oc_slab_alloc(slab, size, align) >>> 0,
    oc_slab_free: (slab, offset, size) => raw.oc_slab_free(slab, offset, size),
    oc_slab_usable_size: (slab, offset) => raw.oc_slab_usable_size(slab, offset) >>> 0,
    oc_slab_stats: (slab, out) => raw.oc_slab_stats(slab, out),
    oc_slab_class_count: (slab) => raw.oc_slab_class_count(slab) >>> 0,
    oc_slab_class_size: (slab, index) => raw.oc_slab_class_size(slab, index) >>> 0,
    oc_slab_class_stats: (slab, index, out) => raw.oc_slab_class_stats(slab, index, out),
    oc_slab_walk: (slab, out, max) => raw.oc_slab_walk(slab, out, max) >>> 0,
    oc_slab_alloc_raw: (slab, size, align) => raw.oc_slab_alloc_raw(slab, size, align) >>> 0,

    oc_arena_create: (region, bytes) => raw.oc_arena_create(region, bytes) >>> 0,
    oc_arena_alloc: (arena, size, align) => raw.oc_arena_alloc(arena, size, align) >>> 0,
    oc_arena_marker: (arena) => raw.oc_arena_marker(arena) >>> 0,
    oc_arena_unwind: (arena, marker) => raw.oc_arena_unwind(arena, marker),
    oc_arena_reset: (arena) => raw.oc_arena_reset(arena),
    oc_arena_stats: (arena, out) => raw.oc_arena_stats(arena, out),

    oc_region_frame: (region, out) => raw.oc_region_frame(region, out),
    oc_region_set_frame: (region, lo, hi) => raw.oc_region_set_frame(region, lo, hi),
    oc_region_root: (region) => raw.oc_region_root(region) >>> 0,
    oc_region_set_root: (region, offset) => raw.oc_region_set_root(region, offset),
    oc_region_checksum: (region, out) => raw.oc_region_checksum(region, out),
    oc_checksum64: (ptr, len, out) => raw.oc_checksum64(ptr, len, out),

    oc_snapshot_max_size: (region) => raw.oc_snapshot_max_size(region) >>> 0,
    oc_snapshot_capture: (region, out, cap, flags) => raw.oc_snapshot_capture(region, out, cap, flags) >>> 0,
    oc_snapshot_capture_delta: (region, base, baseLen, out, cap, flags) =>
      raw.oc_snapshot_capture_delta(region, base, baseLen, out, cap, flags) >>> 0,
    oc_snapshot_image_max_size: (ptr, size) => raw.oc_snapshot_image_max_size(ptr, size) >>> 0,
    oc_snapshot_capture_image: (ptr, size, out, cap, flags) => raw.oc_snapshot_capture_image(ptr, size, out, cap, flags) >>> 0,
    oc_snapshot_seal: (ptr, len) => raw.oc_snapshot_seal(ptr, len),
    oc_snapshot_verify: (ptr, len) => raw.oc_snapshot_verify(ptr, len),
    oc_snapshot_info: (ptr, len, out) => raw.oc_snapshot_info(ptr, len, out),
    oc_snapshot_chunk: (ptr, len, index, out) => raw.oc_snapshot_chunk(ptr, len, index, out),
    oc_snapshot_restore: (region, ptr, len, base, baseLen) => raw.oc_snapshot_restore(region, ptr, len, base, baseLen),
    oc_allocator_find: (region, tag) => raw.oc_allocator_find(region, tag) >>> 0,
    oc_snapshot_max_size_report: (region, len) => raw.oc_snapshot_max_size_report(region, len) >>> 0,
    oc_snapshot_capture_report: (region, out, cap, flags, report, len) =>
      raw.oc_snapshot_capture_report(region, out, cap, flags, report, len) >>> 0,

    oc_rewind_create: (region, budget) => raw.oc_rewind_create(region, budget) >>> 0,
    oc_rewind_push: (ring) => raw.oc_rewind_push(ring),
    oc_rewind_rewind: (ring, frames) => raw.oc_rewind_rewind(ring, frames),
    oc_rewind_stats: (ring, out) => raw.oc_rewind_stats(ring, out),
    oc_rewind_destroy: (ring) => raw.oc_rewind_destroy(ring),

    oc_workload_create: (region, seed, capacity, slotSize) => raw.oc_workload_create(region, seed, capacity, slotSize) >>> 0,
    oc_workload_find: (region) => raw.oc_workload_find(region) >>> 0,
    oc_workload_step: (workload, input) => raw.oc_workload_step(workload, input),

    oc_tracker_compiled_mode: () => raw.oc_tracker_compiled_mode() >>> 0,
    oc_tracker_bytes_needed: (options) => raw.oc_tracker_bytes_needed(options) >>> 0,
    oc_tracker_create: (region, options) => raw.oc_tracker_create(region, options) >>> 0,
    oc_tracker_destroy: (t) => raw.oc_tracker_destroy(t),
    oc_tracker_attach: (t, region, name, len) => raw.oc_tracker_attach(t, region, name, len),
    oc_tracker_set_mode: (t, mode) => raw.oc_tracker_set_mode(t, mode),
    oc_tracker_mode: (t) => raw.oc_tracker_mode(t) >>> 0,
    oc_tracker_header: (t) => raw.oc_tracker_header(t) >>> 0,
    oc_tracker_tag: (t, name, len) => raw.oc_tracker_tag(t, name, len) >>> 0,
    oc_tracker_site: (t, label, len) => raw.oc_tracker_site(t, label, len) >>> 0,
    oc_tracker_set_allocator_tag: (t, a, tag) => raw.oc_tracker_set_allocator_tag(t, a, tag),
    oc_tracker_set_allocator_name: (t, a, name, len) => raw.oc_tracker_set_allocator_name(t, a, name, len),
    oc_tracker_set_context: (t, tag, site) => raw.oc_tracker_set_context(t, tag, site),
    oc_tracker_frame_end: (t) => raw.oc_tracker_frame_end(t),
    oc_tracker_publish: (t) => raw.oc_tracker_publish(t),
    oc_tracker_mark: (t) => raw.oc_tracker_mark(t) >>> 0,
    oc_tracker_leaks: (t, mark, out, max) => raw.oc_tracker_leaks(t, mark, out, max) >>> 0,
    oc_tracker_older_than: (t, frames, tag, out, max) => raw.oc_tracker_older_than(t, frames, tag, out, max) >>> 0,
    oc_tracker_resync: (t, region) => raw.oc_tracker_resync(t, region),
    oc_tracker_site_text: (t, site, out, max) => raw.oc_tracker_site_text(t, site, out, max) >>> 0,
    oc_tracker_tag_name: (t, tag, out, max) => raw.oc_tracker_tag_name(t, tag, out, max) >>> 0,
    oc_tracker_report_json: (t, mark, out, max) => raw.oc_tracker_report_json(t, mark, out, max) >>> 0,
    oc_tracker_heat_map: (t, region, out, pixels) => raw.oc_tracker_heat_map(t, region, out, pixels),
    oc_pool_alloc_at: (pool, site) => raw.oc_pool_alloc_at(pool, site) >>> 0,
    oc_pool_free_at: (pool, handle, site) => raw.oc_pool_free_at(pool, handle, site),
    oc_slab_alloc_at: (slab, size, align, tag, site) => raw.oc_slab_alloc_at(slab, size, align, tag, site) >>> 0,
    oc_slab_free_at: (slab, offset, size, site) => raw.oc_slab_free_at(slab, offset, size, site),
    oc_arena_alloc_at: (arena, size, align, tag, site) => raw.oc_arena_alloc_at(arena, size, align, tag, site) >>> 0,

    oc_pal_read: (p, len, out) => raw.oc_pal_read(p, len, out),
    oc_pid_info: (p, len, out) => raw.oc_pid_info(p, len, out),
    oc_pid_decode_rgba: (p, len, pal, out, cap) => raw.oc_pid_decode_rgba(p, len, pal, out, cap),
    oc_pid_decode_indices: (p, len, out, cap) => raw.oc_pid_decode_indices(p, len, out, cap),
    oc_pid_palette: (p, len, out) => raw.oc_pid_palette(p, len, out),
    oc_pid_encoded_size: (indices, params, pal) => raw.oc_pid_encoded_size(indices, params, pal) >>> 0,
    oc_pid_encode: (indices, params, pal, out, cap) => raw.oc_pid_encode(indices, params, pal, out, cap) >>> 0,
    oc_ani_info: (p, len, out) => raw.oc_ani_info(p, len, out),
    oc_ani_frames: (p, len, out, max) => raw.oc_ani_frames(p, len, out, max),
    oc_wwd_header: (p, len, out) => raw.oc_wwd_header(p, len, out),
    oc_wwd_image: (p, len, out) => raw.oc_wwd_image(p, len, out),
    oc_wwd_plane: (p, len, index, out) => raw.oc_wwd_plane(p, len, index, out),
    oc_wwd_image_sets: (p, len, plane, out, max) => raw.oc_wwd_image_sets(p, len, plane, out, max),
    oc_wwd_objects: (p, len, plane, out, max) => raw.oc_wwd_objects(p, len, plane, out, max),
    oc_wwd_tile_descriptions: (p, len, out, max) => raw.oc_wwd_tile_descriptions(p, len, out, max) >>> 0,

    oc_rez_open: (head, len, lo, hi) => raw.oc_rez_open(head, len, lo, hi) >>> 0,
    oc_rez_header: (archive, out) => raw.oc_rez_header(archive, out),
    oc_rez_next_block: (archive, out) => raw.oc_rez_next_block(archive, out),
    oc_rez_add_block: (archive, bytes, len) => raw.oc_rez_add_block(archive, bytes, len),
    oc_rez_finish: (archive) => raw.oc_rez_finish(archive),
    oc_rez_count: (archive) => raw.oc_rez_count(archive) >>> 0,
    oc_rez_find: (archive, path, len) => raw.oc_rez_find(archive, path, len) >>> 0,
    oc_rez_stat: (archive, entry, out) => raw.oc_rez_stat(archive, entry, out),
    oc_rez_path: (archive, entry, out, max) => raw.oc_rez_path(archive, entry, out, max) >>> 0,
    oc_rez_name: (archive, entry, out, max) => raw.oc_rez_name(archive, entry, out, max) >>> 0,
    oc_rez_close: (archive) => raw.oc_rez_close(archive),

    oc_rez_writer_create: () => raw.oc_rez_writer_create() >>> 0,
    oc_rez_writer_add: (w, path, len, size, dateTime, fileId) => raw.oc_rez_writer_add(w, path, len, size, dateTime, fileId),
    oc_rez_writer_layout: (w, out) => raw.oc_rez_writer_layout(w, out),
    oc_rez_writer_data_offset: (w, index) => raw.oc_rez_writer_data_offset(w, index) >>> 0,
    oc_rez_writer_head: (w, out) => raw.oc_rez_writer_head(w, out),
    oc_rez_writer_blocks: (w, out, max) => raw.oc_rez_writer_blocks(w, out, max),
    oc_rez_writer_destroy: (w) => raw.oc_rez_writer_destroy(w),

    oc_cache_create: (region, maxEntries, dataBytes, ram, vram) =>
      raw.oc_cache_create(region, maxEntries, dataBytes, ram, vram) >>> 0,
    oc_cache_destroy: (c) => raw.oc_cache_destroy(c),
    oc_cache_region: (c) => raw.oc_cache_region(c) >>> 0,
    oc_cache_header: (c) => raw.oc_cache_header(c) >>> 0,
    oc_cache_acquire: (c, lo, hi) => raw.oc_cache_acquire(c, lo, hi) >>> 0,
    oc_cache_insert: (c, lo, hi, size) => raw.oc_cache_insert(c, lo, hi, size) >>> 0,
    oc_cache_release: (c, handle) => raw.oc_cache_release(c, handle),
    oc_cache_offset: (c, handle) => raw.oc_cache_offset(c, handle) >>> 0,
    oc_cache_size: (c, handle) => raw.oc_cache_size(c, handle) >>> 0,
    oc_cache_set_gpu_bytes: (c, handle, bytes) => raw.oc_cache_set_gpu_bytes(c, handle, bytes),
    oc_cache_remove: (c, lo, hi) => raw.oc_cache_remove(c, lo, hi),
    oc_cache_contains: (c, lo, hi) => raw.oc_cache_contains(c, lo, hi),
    oc_cache_info: (c, lo, hi, out) => raw.oc_cache_info(c, lo, hi, out),
    oc_cache_stats: (c, out) => raw.oc_cache_stats(c, out),
    oc_cache_check: (c) => raw.oc_cache_check(c),
    oc_cache_take_evictions: (c, out, max) => raw.oc_cache_take_evictions(c, out, max) >>> 0,
    oc_resource_id: (path, len, out) => raw.oc_resource_id(path, len, out),

    oc_game_create: (region, slab, capacity) => raw.oc_game_create(region, slab, capacity) >>> 0,
    oc_game_world: (region) => raw.oc_game_world(region) >>> 0,
    oc_game_entity_pool: (region) => raw.oc_game_entity_pool(region) >>> 0,
    oc_game_load_level: (region, ptr, len) => raw.oc_game_load_level(region, ptr, len),
    oc_game_unload_level: (region) => raw.oc_game_unload_level(region),
    oc_game_tick: (region, input) => raw.oc_game_tick(region, input),
    oc_game_tick_many: (region, ptr, count) => raw.oc_game_tick_many(region, ptr, count),
    oc_game_check: (region) => raw.oc_game_check(region),

    oc_replay: (ops, len, out) => raw.oc_replay(ops, len, out),
    oc_layout_table: (out, max) => raw.oc_layout_table(out, max) >>> 0,
  };
}
