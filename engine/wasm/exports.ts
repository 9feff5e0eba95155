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

  oc_region_frame(region: number, outU64Ptr: number): number;
  oc_region_set_frame(region: number, frameLo: number, frameHi: number): number;
  oc_region_root(region: number): number;
  oc_region_set_root(region: number, offset: number): number;
  oc_region_checksum(region: number, outU64Ptr: number): number;
  oc_checksum64(ptr: number, len: number, outU64Ptr: number): number;

  oc_snapshot_max_size(region: number): number;
  oc_snapshot_capture(region: number, outPtr: number, outCap: number, flags: number): number;
  oc_snapshot_capture_delta(region: number, basePtr: number, baseLen: number, outPtr: number, outCap: number, flags: number): number;
  oc_snapshot_image_max_size(imagePtr: number, imageSize: number): number;
  oc_snapshot_capture_image(imagePtr: number, imageSize: number, outPtr: number, outCap: number, flags: number): number;
  oc_snapshot_seal(bytesPtr: number, len: number): number;
  oc_snapshot_verify(bytesPtr: number, len: number): number;
  oc_snapshot_info(bytesPtr: number, len: number, outWordsPtr: number): number;
  oc_snapshot_chunk(bytesPtr: number, len: number, index: number, outWordsPtr: number): number;
  oc_snapshot_restore(region: number, bytesPtr: number, len: number, basePtr: number, baseLen: number): number;
  oc_allocator_find(region: number, tag: number): number;
  oc_snapshot_max_size_report(region: number, reportLen: number): number;
  oc_snapshot_capture_report(region: number, outPtr: number, outCap: number, flags: number, reportPtr: number, reportLen: number): number;

  oc_rewind_create(region: number, budgetBytes: number): number;
  oc_rewind_push(ring: number): number;
  oc_rewind_rewind(ring: number, frames: number): number;
  oc_rewind_stats(ring: number, outWordsPtr: number): number;
  oc_rewind_destroy(ring: number): number;

  oc_workload_create(region: number, seed: number, poolCapacity: number, slotSize: number): number;
  oc_workload_find(region: number): number;
  oc_workload_step(workload: number, input: number): number;

  oc_tracker_compiled_mode(): number;
  oc_tracker_bytes_needed(optionsWordsPtr: number): number;
  oc_tracker_create(debugRegion: number, optionsWordsPtr: number): number;
  oc_tracker_destroy(tracker: number): number;
  oc_tracker_attach(tracker: number, region: number, namePtr: number, nameLen: number): number;
  oc_tracker_set_mode(tracker: number, mode: number): number;
  oc_tracker_mode(tracker: number): number;
  oc_tracker_header(tracker: number): number;
  oc_tracker_tag(tracker: number, namePtr: number, len: number): number;
  oc_tracker_site(tracker: number, labelPtr: number, len: number): number;
  oc_tracker_set_allocator_tag(tracker: number, allocator: number, tag: number): number;
  oc_tracker_set_allocator_name(tracker: number, allocator: number, namePtr: number, len: number): number;
  oc_tracker_set_context(tracker: number, tag: number, site: number): number;
  oc_tracker_frame_end(tracker: number): number;
  oc_tracker_publish(tracker: number): number;
  oc_tracker_mark(tracker: number): number;
  oc_tracker_leaks(tracker: number, mark: number, outRowsPtr: number, maxGroups: number): number;
  oc_tracker_older_than(tracker: number, frames: number, tag: number, outRowsPtr: number, maxGroups: number): number;
  oc_tracker_resync(tracker: number, region: number): number;
  oc_tracker_site_text(tracker: number, site: number, outPtr: number, max: number): number;
  oc_tracker_tag_name(tracker: number, tag: number, outPtr: number, max: number): number;
  oc_tracker_report_json(tracker: number, mark: number, outPtr: number, max: number): number;
  oc_tracker_heat_map(tracker: number, region: number, outPtr: number, pixels: number): number;
  oc_pool_alloc_at(pool: number, site: number): number;
  oc_pool_free_at(pool: number, handle: number, site: number): number;
  oc_slab_alloc_at(slab: number, size: number, align: number, tag: number, site: number): number;
  oc_slab_free_at(slab: number, offset: number, size: number, site: number): number;
  oc_arena_alloc_at(arena: number, size: number, align: number, tag: number, site: number): number;

  oc_pal_read(inPtr: number, inLen: number, outRgbaPtr: number): number;
  oc_pid_info(inPtr: number, inLen: number, outWordsPtr: number): number;
  oc_pid_decode_rgba(inPtr: number, inLen: number, palettePtr: number, outPtr: number, outCap: number): number;
  oc_pid_decode_indices(inPtr: number, inLen: number, outPtr: number, outCap: number): number;
  oc_pid_palette(inPtr: number, inLen: number, outRgbPtr: number): number;
  oc_pid_encoded_size(indicesPtr: number, paramsWordsPtr: number, palettePtr: number): number;
  oc_pid_encode(indicesPtr: number, paramsWordsPtr: number, palettePtr: number, outPtr: number, outCap: number): number;
  oc_ani_info(inPtr: number, inLen: number, outWordsPtr: number): number;
  oc_ani_frames(inPtr: number, inLen: number, outRowsPtr: number, maxFrames: number): number;
  oc_wwd_header(inPtr: number, inLen: number, outWordsPtr: number): number;
  oc_wwd_image(inPtr: number, inLen: number, outWordsPtr: number): number;
  oc_wwd_plane(inPtr: number, inLen: number, index: number, outWordsPtr: number): number;
  oc_wwd_image_sets(inPtr: number, inLen: number, plane: number, outPairsPtr: number, maxSets: number): number;
  oc_wwd_objects(inPtr: number, inLen: number, plane: number, outRowsPtr: number, maxObjects: number): number;
  oc_wwd_tile_descriptions(inPtr: number, inLen: number, outRowsPtr: number, maxRows: number): number;

  oc_rez_open(headPtr: number, headLen: number, archiveLenLo: number, archiveLenHi: number): number;
  oc_rez_header(archive: number, outWordsPtr: number): number;
  oc_rez_next_block(archive: number, outPairPtr: number): number;
  oc_rez_add_block(archive: number, bytesPtr: number, len: number): number;
  oc_rez_finish(archive: number): number;
  oc_rez_count(archive: number): number;
  oc_rez_find(archive: number, pathPtr: number, len: number): number;
  oc_rez_stat(archive: number, entry: number, outWordsPtr: number): number;
  oc_rez_path(archive: number, entry: number, outPtr: number, max: number): number;
  oc_rez_name(archive: number, entry: number, outPtr: number, max: number): number;
  oc_rez_close(archive: number): number;

  oc_rez_writer_create(): number;
  oc_rez_writer_add(writer: number, pathPtr: number, pathLen: number, size: number, dateTime: number, fileId: number): number;
  oc_rez_writer_layout(writer: number, outWordsPtr: number): number;
  oc_rez_writer_data_offset(writer: number, fileIndex: number): number;
  oc_rez_writer_head(writer: number, outPtr: number): number;
  oc_rez_writer_blocks(writer: number, outPtr: number, max: number): number;
  oc_rez_writer_destroy(writer: number): number;

  oc_cache_create(region: number, maxEntries: number, dataBytes: number, ramBudget: number, vramBudget: number): number;
  oc_cache_destroy(cache: number): number;
  oc_cache_region(cache: number): number;
  oc_cache_header(cache: number): number;
  oc_cache_acquire(cache: number, idLo: number, idHi: number): number;
  oc_cache_insert(cache: number, idLo: number, idHi: number, size: number): number;
  oc_cache_release(cache: number, handle: number): number;
  oc_cache_offset(cache: number, handle: number): number;
  oc_cache_size(cache: number, handle: number): number;
  oc_cache_set_gpu_bytes(cache: number, handle: number, bytes: number): number;
  oc_cache_remove(cache: number, idLo: number, idHi: number): number;
  oc_cache_contains(cache: number, idLo: number, idHi: number): number;
  oc_cache_info(cache: number, idLo: number, idHi: number, outWordsPtr: number): number;
  oc_cache_stats(cache: number, outWordsPtr: number): number;
  oc_cache_check(cache: number): number;
  oc_cache_take_evictions(cache: number, outPtr: number, max: number): number;
  oc_resource_id(pathPtr: number, len: number, outU64Ptr: number): number;

  oc_game_create(region: number, slab: number, entityCapacity: number): number;
  oc_game_world(region: number): number;
  oc_game_entity_pool(region: number): number;
  oc_game_load_level(region: number, imagePtr: number, imageLen: number): number;
  oc_game_unload_level(region: number): number;
  oc_game_tick(region: number, inputBits: number): number;
  oc_game_tick_many(region: number, inputsPtr: number, count: number): number;
  oc_game_check(region: number): number;

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
  'oc_region_frame', 'oc_region_set_frame', 'oc_region_root', 'oc_region_set_root', 'oc_region_checksum', 'oc_checksum64',
  'oc_snapshot_max_size', 'oc_snapshot_capture', 'oc_snapshot_capture_delta',
  'oc_snapshot_image_max_size', 'oc_snapshot_capture_image', 'oc_snapshot_seal', 'oc_snapshot_verify',
  'oc_snapshot_info', 'oc_snapshot_chunk', 'oc_snapshot_restore', 'oc_allocator_find',
  'oc_snapshot_max_size_report', 'oc_snapshot_capture_report',
  'oc_rewind_create', 'oc_rewind_push', 'oc_rewind_rewind', 'oc_rewind_stats', 'oc_rewind_destroy',
  'oc_workload_create', 'oc_workload_find', 'oc_workload_step',
  'oc_tracker_compiled_mode', 'oc_tracker_bytes_needed', 'oc_tracker_create', 'oc_tracker_destroy', 'oc_tracker_attach',
  'oc_tracker_set_mode', 'oc_tracker_mode', 'oc_tracker_header', 'oc_tracker_tag', 'oc_tracker_site',
  'oc_tracker_set_allocator_tag', 'oc_tracker_set_allocator_name', 'oc_tracker_set_context', 'oc_tracker_frame_end',
  'oc_tracker_publish', 'oc_tracker_mark', 'oc_tracker_leaks', 'oc_tracker_older_than', 'oc_tracker_resync',
  'oc_tracker_site_text', 'oc_tracker_tag_name', 'oc_tracker_report_json', 'oc_tracker_heat_map',
  'oc_pool_alloc_at', 'oc_pool_free_at', 'oc_slab_alloc_at', 'oc_slab_free_at', 'oc_arena_alloc_at',
  'oc_pal_read', 'oc_pid_info', 'oc_pid_decode_rgba', 'oc_pid_decode_indices', 'oc_pid_palette',
  'oc_pid_encoded_size', 'oc_pid_encode', 'oc_ani_info', 'oc_ani_frames',
  'oc_wwd_header', 'oc_wwd_image', 'oc_wwd_plane', 'oc_wwd_image_sets', 'oc_wwd_objects', 'oc_wwd_tile_descriptions',
  'oc_rez_open', 'oc_rez_header', 'oc_rez_next_block', 'oc_rez_add_block', 'oc_rez_finish', 'oc_rez_count',
  'oc_rez_find', 'oc_rez_stat', 'oc_rez_path', 'oc_rez_name', 'oc_rez_close',
  'oc_rez_writer_create', 'oc_rez_writer_add', 'oc_rez_writer_layout', 'oc_rez_writer_data_offset',
  'oc_rez_writer_head', 'oc_rez_writer_blocks', 'oc_rez_writer_destroy',
  'oc_cache_create', 'oc_cache_destroy', 'oc_cache_region', 'oc_cache_header', 'oc_cache_acquire', 'oc_cache_insert',
  'oc_cache_release', 'oc_cache_offset', 'oc_cache_size', 'oc_cache_set_gpu_bytes', 'oc_cache_remove',
  'oc_cache_contains', 'oc_cache_info', 'oc_cache_stats', 'oc_cache_check', 'oc_cache_take_evictions',
  'oc_resource_id',
  'oc_game_create', 'oc_game_world', 'oc_game_entity_pool', 'oc_game_load_level', 'oc_game_unload_level',
  'oc_game_tick', 'oc_game_tick_many', 'oc_game_check',
  'oc_replay', 'oc_layout_table',
] as const satisfies readonly (keyof CoreExports)[];

/** Words written by the *_stats exports (abi.h: OC_*_STATS_WORDS). */
export const POOL_STATS_WORDS = 12;
export const SLAB_STATS_WORDS = 12;
export const SLAB_CLASS_STATS_WORDS = 4;
export const ARENA_STATS_WORDS = 8;
export const SNAPSHOT_INFO_WORDS = 21;
export const SNAPSHOT_CHUNK_WORDS = 8;
export const REWIND_STATS_WORDS = 10;
/** abi.h: OC_SNAPSHOT_UNSEALED, the capture flag that leaves the checksums to oc_snapshot_seal. */
export const SNAPSHOT_UNSEALED = 1;
/** abi.h: OC_TRACKER_OPTION_WORDS (records, graveyard, frames, sites, tags, misuse, string_bytes, tagmap_bytes, mode). */
export const TRACKER_OPTION_WORDS = 9;
/** abi.h: OC_TRACK_GROUP_WORDS (tag, site, count, oldest_frame, bytes_lo, bytes_hi). */
export const TRACK_GROUP_WORDS = 6;
/** abi.h: OC_TRACK_OFF / OC_TRACK_COUNTERS / OC_TRACK_FULL. */
export const TRACK_OFF = 0;
export const TRACK_COUNTERS = 1;
export const TRACK_FULL = 2;
/** abi.h: OC_PAL_SIZE (a PAL file) and OC_PAL_RGBA_SIZE (its RGBA table). */
export const PAL_SIZE = 768;
export const PAL_RGBA_SIZE = 1024;
/** abi.h: OC_PID_INFO_WORDS (file_desc, flags, width, height, offset_x, offset_y, unk0, unk1, pixel_count,
 *  pixels_offset, pixels_size, palette_offset) and OC_PID_PARAM_WORDS (width, height, flags, offset_x,
 *  offset_y, file_desc, unk0, unk1). */
export const PID_INFO_WORDS = 12;
export const PID_PARAM_WORDS = 8;
/** abi.h: OC_ANI_INFO_WORDS (signature, frames_count, image_set_offset, image_set_length, frames_offset) and
 *  OC_ANI_FRAME_WORDS (event_flag, image_id, duration_ms, event_offset (0xFFFFFFFF: none), event_length). */
export const ANI_INFO_WORDS = 5;
export const ANI_FRAME_WORDS = 5;
/** abi.h: the WWD record sizes in words (header, plane (its last word reserved), object, tile description). */
export const WWD_HEADER_WORDS = 39;
export const WWD_PLANE_WORDS = 22;
export const WWD_OBJECT_WORDS = 76;
export const WWD_TILE_DESC_WORDS = 10;
/** abi.h: OC_REZ_ROOT (the root directory's entry id) and OC_REZ_NONE (no entry), as unsigned numbers. */
export const REZ_ROOT = 0xfffffffe;
export const REZ_NONE = 0xffffffff;
/** abi.h: OC_REZ_HEADER_WORDS (version, dir_offset, dir_size), OC_REZ_STAT_WORDS (entry, is_directory,
 *  offset, size, date_time, file_id, first_child, child_count, parent), OC_REZ_LAYOUT_WORDS (total_lo,
 *  total_hi, blocks_offset, blocks_size). */
export const REZ_HEADER_WORDS = 3;
export const REZ_STAT_WORDS = 9;
export const REZ_LAYOUT_WORDS = 4;
/** abi.h: OC_CACHE_STATS_WORDS (entries, pinned, ram_bytes, vram_bytes, ram_peak, vram_peak, ram_budget,
 *  vram_budget, then (lo, hi) pairs: hits, misses, inserts, evictions, removals, evicted_bytes,
 *  evicted_gpu_bytes, budget_failures; then lost_evictions), OC_CACHE_INFO_WORDS (handle, size, gpu_bytes,
 *  pins) and OC_CACHE_EVICTION_BYTES (u64 id, u32 gpu_bytes, u32 0). */
export const CACHE_STATS_WORDS = 25;
export const CACHE_INFO_WORDS = 4;
export const CACHE_EVICTION_BYTES = 16;
/** abi.h: OC_ABI_VERSION. */
export const ABI_VERSION = 6;
