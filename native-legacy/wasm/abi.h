/* The C ABI of the OpenClaw memory core: what engine/ (TypeScript) calls in the wasm build, and what
 * native programs may call too. Plain extern "C" functions over numbers and offsets; no exceptions
 * cross it. Conventions:
 *   - A function returning int32_t returns a status (0 = ok, otherwise an oc::Status value).
 *   - A function returning an id, a handle or an offset returns 0 on failure; oc_last_status() then
 *     tells why (it is set by every call, Ok on success).
 *   - *_ptr arguments are addresses in linear memory (natively: pointers cast to uintptr_t).
 *   - Stats are written as arrays of uint32_t; 64-bit totals as (lo, hi) pairs. Field order below is
 *     part of the ABI: append only, bump OC_ABI_VERSION.
 * Ids: regions and allocators are small integers >= 1 handed out by this layer; an allocator id is
 * not the allocator's id inside its region (that one is the pool's handle tag, oc_allocator_tag).
 */
#ifndef OPENCLAW_WASM_ABI_H
#define OPENCLAW_WASM_ABI_H

#include <stdint.h>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define OC_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define OC_EXPORT
#endif

#define OC_ABI_VERSION 6u

#ifdef __cplusplus
extern "C" {
#endif

OC_EXPORT uint32_t oc_abi_version(void);
OC_EXPORT int32_t oc_last_status(void);
OC_EXPORT const char* oc_status_name(int32_t status); /* a NUL-terminated name, "Ok", "StaleHandle", ... */

/* ---- regions -------------------------------------------------------------------------------- */
OC_EXPORT uint32_t oc_region_create(uint32_t size, uint32_t flags); /* region id, 0 on failure */
OC_EXPORT int32_t oc_region_destroy(uint32_t region);               /* and every allocator in it */
OC_EXPORT uintptr_t oc_region_base(uint32_t region);                /* address of offset 0 */
OC_EXPORT uint32_t oc_region_size(uint32_t region);
OC_EXPORT uint32_t oc_region_used(uint32_t region);                 /* bytes carved so far */
OC_EXPORT int32_t oc_region_check(uint32_t region);                 /* the region and all its allocators */
OC_EXPORT int32_t oc_region_hash(uint32_t region, uintptr_t out_u64_ptr); /* FNV-1a 64 of all bytes */

/* ---- any allocator -------------------------------------------------------------------------- */
OC_EXPORT uint32_t oc_allocator_kind(uint32_t allocator);   /* 'POOL' 'SLAB' 'AREN' as u32, 0 if unknown */
OC_EXPORT uint32_t oc_allocator_region(uint32_t allocator); /* region id */
OC_EXPORT uint32_t oc_allocator_header(uint32_t allocator); /* offset of its header in the region */
OC_EXPORT uint32_t oc_allocator_tag(uint32_t allocator);    /* its id inside the region (1..255) */
OC_EXPORT int32_t oc_allocator_check(uint32_t allocator);

/* ---- FixedPool ------------------------------------------------------------------------------ */
/* stats: capacity, live, peak, failures, slot_size, slot_align, allocs_lo, allocs_hi, frees_lo,
 *        frees_hi, slots_offset, index_bits                                   (OC_POOL_STATS_WORDS) */
#define OC_POOL_STATS_WORDS 12u
OC_EXPORT uint32_t oc_pool_create(uint32_t region, uint32_t slot_size, uint32_t align, uint32_t capacity);
OC_EXPORT uint32_t oc_pool_alloc(uint32_t pool);                 /* handle, 0 on failure */
OC_EXPORT int32_t oc_pool_free(uint32_t pool, uint32_t handle);
OC_EXPORT int32_t oc_pool_alloc_many(uint32_t pool, uintptr_t out_handles_ptr, uint32_t count); /* all or nothing */
OC_EXPORT int32_t oc_pool_free_many(uint32_t pool, uintptr_t handles_ptr, uint32_t count);     /* all or nothing */
OC_EXPORT uint32_t oc_pool_offset(uint32_t pool, uint32_t handle); /* slot offset in the region, 0 if invalid */
OC_EXPORT int32_t oc_pool_validate(uint32_t pool, uint32_t handle);
OC_EXPORT int32_t oc_pool_stats(uint32_t pool, uintptr_t out_words_ptr);
OC_EXPORT uint32_t oc_pool_walk(uint32_t pool, uintptr_t out_handles_ptr, uint32_t max); /* live count; writes min(live,max) */
OC_EXPORT uint32_t oc_pool_generation(uint32_t pool, uint32_t index); /* the slot's 32-bit counter (odd = live) */

/* ---- SlabAllocator -------------------------------------------------------------------------- */
/* stats: arena_bytes, reserved_bytes, live_bytes, live_blocks, pages_in_use, page_size, class_count,
 *        failures, allocs_lo, allocs_hi, frees_lo, frees_hi                  (OC_SLAB_STATS_WORDS) */
#define OC_SLAB_STATS_WORDS 12u
/* page_size 0 = default (OPENCLAW_SLAB_SIZE natively), class_steps 0 = default */
OC_EXPORT uint32_t oc_slab_create(uint32_t region, uint32_t arena_bytes, uint32_t page_size, uint32_t class_steps);
OC_EXPORT uint32_t oc_slab_alloc(uint32_t slab, uint32_t size, uint32_t align); /* offset, 0 on failure */
OC_EXPORT int32_t oc_slab_free(uint32_t slab, uint32_t offset, uint32_t size);  /* size 0 = unknown */
OC_EXPORT uint32_t oc_slab_usable_size(uint32_t slab, uint32_t offset);         /* 0 if not a live block */
OC_EXPORT int32_t oc_slab_stats(uint32_t slab, uintptr_t out_words_ptr);
OC_EXPORT uint32_t oc_slab_class_count(uint32_t slab);
OC_EXPORT uint32_t oc_slab_class_size(uint32_t slab, uint32_t class_index);
/* class stats: block_size, pages, live_blocks, capacity_blocks */
OC_EXPORT int32_t oc_slab_class_stats(uint32_t slab, uint32_t class_index, uintptr_t out_words_ptr);
OC_EXPORT uint32_t oc_slab_walk(uint32_t slab, uintptr_t out_pairs_ptr, uint32_t max_pairs); /* (offset,size) pairs */
/* oc_slab_alloc without the zeroing (malloc semantics): the block's bytes are as its previous owner
 * left them, deterministic but unspecified (SlabAllocator::alloc_raw). Same statuses as oc_slab_alloc. */
OC_EXPORT uint32_t oc_slab_alloc_raw(uint32_t slab, uint32_t size, uint32_t align); /* offset, 0 on failure */

/* ---- FrameArena ----------------------------------------------------------------------------- */
/* stats: capacity, used, peak, failures, allocs_lo, allocs_hi, resets_lo, resets_hi (OC_ARENA_STATS_WORDS) */
#define OC_ARENA_STATS_WORDS 8u
OC_EXPORT uint32_t oc_arena_create(uint32_t region, uint32_t bytes);
OC_EXPORT uint32_t oc_arena_alloc(uint32_t arena, uint32_t size, uint32_t align); /* offset, 0 on failure */
OC_EXPORT uint32_t oc_arena_marker(uint32_t arena);
OC_EXPORT int32_t oc_arena_unwind(uint32_t arena, uint32_t marker);
OC_EXPORT int32_t oc_arena_reset(uint32_t arena);
OC_EXPORT int32_t oc_arena_stats(uint32_t arena, uintptr_t out_words_ptr);

/* ---- frame counter and sync checksum (state region) ---------------------------------------- */
/* The region's u64 frame counter lives in its header (RegionHeader.frame_lo/hi), so it is part of
 * every snapshot. */
OC_EXPORT int32_t oc_region_frame(uint32_t region, uintptr_t out_u64_ptr);
OC_EXPORT int32_t oc_region_set_frame(uint32_t region, uint32_t frame_lo, uint32_t frame_hi);
/* The region's root: the offset of the one object from which a program finds its state after a
 * restore (a game's world struct); 0 = none. Stored in RegionHeader.root. */
OC_EXPORT uint32_t oc_region_root(uint32_t region);
OC_EXPORT int32_t oc_region_set_root(uint32_t region, uint32_t offset); /* OutOfRange unless inside the carved bytes */
/* XXH3-64 of the region's bytes [0, used): the per-frame sync checksum. */
OC_EXPORT int32_t oc_region_checksum(uint32_t region, uintptr_t out_u64_ptr);
/* XXH3-64 (seed 0) of any bytes. */
OC_EXPORT int32_t oc_checksum64(uintptr_t ptr, uint32_t len, uintptr_t out_u64_ptr);

/* ---- snapshots (native-legacy/snapshot/, format: docs/snapshot.md) -------------------------- */
#define OC_SNAPSHOT_UNSEALED 1u /* capture flag: leave checksums for oc_snapshot_seal (a worker) */
/* info: version, min_version, flags, header_size, layout_lo, layout_hi, frame_lo, frame_hi,
 *       region_size, region_used, page_size, chunk_count, total_size, page_count, pages_present,
 *       image_hash_lo, image_hash_hi, base_hash_lo, base_hash_hi, whole_lo, whole_hi
 *                                                                         (OC_SNAPSHOT_INFO_WORDS) */
#define OC_SNAPSHOT_INFO_WORDS 21u
/* chunk: kind, id, offset, size, region_offset, region_length, checksum_lo, checksum_hi
 *                                                                        (OC_SNAPSHOT_CHUNK_WORDS) */
#define OC_SNAPSHOT_CHUNK_WORDS 8u
OC_EXPORT uint32_t oc_snapshot_max_size(uint32_t region);
/* A full snapshot of the region into [out_ptr, out_ptr + out_cap): bytes written, 0 on failure.
 * The capture, delta, report and restore calls, and oc_rewind_create, refuse (InvalidArgument) a
 * region that holds a live tracker's tables or a live resource cache: that region belongs to the
 * tracker or the cache (oc_rewind_rewind refuses too once a cache was created in the ring's region). */
OC_EXPORT uint32_t oc_snapshot_capture(uint32_t region, uintptr_t out_ptr, uint32_t out_cap, uint32_t flags);
/* A delta of the region against a full sealed snapshot (base): bytes written, 0 on failure. */
OC_EXPORT uint32_t oc_snapshot_capture_delta(uint32_t region, uintptr_t base_ptr, uint32_t base_len,
                                            uintptr_t out_ptr, uint32_t out_cap, uint32_t flags);
/* The same from a region image instead of a live region: image_size bytes holding a copy of a region's
 * [0, used) followed by zeros (image_size = the region's size). A persist worker builds the snapshot
 * from the plain copy the main thread made. The image's region header is checked first (CorruptState). */
OC_EXPORT uint32_t oc_snapshot_image_max_size(uintptr_t image_ptr, uint32_t image_size);
OC_EXPORT uint32_t oc_snapshot_capture_image(uintptr_t image_ptr, uint32_t image_size, uintptr_t out_ptr,
                                            uint32_t out_cap, uint32_t flags);
OC_EXPORT int32_t oc_snapshot_seal(uintptr_t bytes_ptr, uint32_t len);
OC_EXPORT int32_t oc_snapshot_verify(uintptr_t bytes_ptr, uint32_t len);
OC_EXPORT int32_t oc_snapshot_info(uintptr_t bytes_ptr, uint32_t len, uintptr_t out_words_ptr);
OC_EXPORT int32_t oc_snapshot_chunk(uintptr_t bytes_ptr, uint32_t len, uint32_t index, uintptr_t out_words_ptr);
/* Validates everything, then replaces the region's bytes. base_ptr/base_len: for a delta, the full
 * snapshot it was made against, or 0/0 to apply it to the running state. After success every ABI
 * allocator id of the region is re-attached to the allocator with the same tag in the restored bytes;
 * an id whose allocator is absent from them is released (later calls fail with InvalidArgument). */
OC_EXPORT int32_t oc_snapshot_restore(uint32_t region, uintptr_t bytes_ptr, uint32_t len,
                                      uintptr_t base_ptr, uint32_t base_len);
/* The ABI id of the allocator with this tag (its id inside the region), attaching one if the region
 * holds such an allocator that has no id yet (after a restore); 0 if none. */
OC_EXPORT uint32_t oc_allocator_find(uint32_t region, uint32_t tag);
/* A full snapshot carrying a tracker report (its UTF-8 JSON, report_len >= 1) in a last 'TRAK' chunk:
 * bytes written, 0 on failure. oc_snapshot_max_size_report bounds it (0 on failure). */
OC_EXPORT uint32_t oc_snapshot_max_size_report(uint32_t region, uint32_t report_len);
OC_EXPORT uint32_t oc_snapshot_capture_report(uint32_t region, uintptr_t out_ptr, uint32_t out_cap,
                                             uint32_t flags, uintptr_t report_ptr, uint32_t report_len);

/* ---- rewind ring (native-legacy/snapshot/rewind_ring.h) -------------------------------------- */
/* An undo log of page pre-images: push() once per frame records the pages that changed since the
 * last push; rewind(n) goes back n pushes. Its bytes (shadow copy of the region excluded) stay within
 * budget_bytes by dropping the oldest frames.
 * stats: frames_held, bytes_used, budget, frames_dropped, oldest_frame_lo, oldest_frame_hi,
 *        newest_frame_lo, newest_frame_hi, shadow_bytes, last_push_pages     (OC_REWIND_STATS_WORDS) */
#define OC_REWIND_STATS_WORDS 10u
OC_EXPORT uint32_t oc_rewind_create(uint32_t region, uint32_t budget_bytes); /* ring id, 0 on failure */
OC_EXPORT int32_t oc_rewind_push(uint32_t ring);
OC_EXPORT int32_t oc_rewind_rewind(uint32_t ring, uint32_t frames); /* OutOfRange if frames > frames_held */
OC_EXPORT int32_t oc_rewind_stats(uint32_t ring, uintptr_t out_words_ptr);
OC_EXPORT int32_t oc_rewind_destroy(uint32_t ring);

/* ---- deterministic workload (native-legacy/memory/workload.h) -------------------------------- */
/* Random allocator traffic whose whole state (RNG, live handles and offsets) lives in the region:
 * a stand-in simulation for snapshot, rewind and sync tests and benchmarks. create() makes a pool and
 * uses the region's slab (the first one in the region; InvalidArgument if none) and a state block,
 * which becomes the region's root. */
OC_EXPORT uint32_t oc_workload_create(uint32_t region, uint32_t seed, uint32_t pool_capacity, uint32_t slot_size);
OC_EXPORT uint32_t oc_workload_find(uint32_t region); /* the workload at the region's root (after a restore), 0 if none */
OC_EXPORT int32_t oc_workload_step(uint32_t workload, uint32_t input); /* one frame of traffic */

/* ---- allocation tracker (native-legacy/tracking/tracker.h, docs/tracking.md) ------------------ */
/* A tracker lives in a `debug` region and is fed by every allocator of the regions attached to it.
 * Its tables are read through views: oc_tracker_header gives the TrackerHeader's offset in the debug
 * region, and the layout table (oc_layout_table) gives every field's offset.
 * options words (OC_TRACKER_OPTION_WORDS, 0 = the TrackerOptions default): records, graveyard, frames,
 *   sites, tags, misuse, string_bytes, tagmap_bytes, mode
 * leak group rows (OC_TRACK_GROUP_WORDS): tag, site, count, oldest_frame, bytes_lo, bytes_hi */
#define OC_TRACK_OFF 0u
#define OC_TRACK_COUNTERS 1u
#define OC_TRACK_FULL 2u
#define OC_TRACKER_OPTION_WORDS 9u
#define OC_TRACK_GROUP_WORDS 6u
OC_EXPORT uint32_t oc_tracker_compiled_mode(void);
OC_EXPORT uint32_t oc_tracker_bytes_needed(uintptr_t options_words_ptr);
OC_EXPORT uint32_t oc_tracker_create(uint32_t debug_region, uintptr_t options_words_ptr); /* tracker id, 0 on failure */
OC_EXPORT int32_t oc_tracker_destroy(uint32_t tracker);                 /* detaches it; the debug region stays */
OC_EXPORT int32_t oc_tracker_attach(uint32_t tracker, uint32_t region, uintptr_t name_ptr, uint32_t name_len);
OC_EXPORT int32_t oc_tracker_set_mode(uint32_t tracker, uint32_t mode); /* InvalidArgument above the compiled mode */
OC_EXPORT uint32_t oc_tracker_mode(uint32_t tracker);
OC_EXPORT uint32_t oc_tracker_header(uint32_t tracker);                 /* offset of TrackerHeader in the debug region */
OC_EXPORT uint32_t oc_tracker_tag(uint32_t tracker, uintptr_t name_ptr, uint32_t len);    /* tag id >= 1, 0 on failure */
OC_EXPORT uint32_t oc_tracker_site(uint32_t tracker, uintptr_t label_ptr, uint32_t len);  /* site id >= 1, 0 on failure */
OC_EXPORT int32_t oc_tracker_set_allocator_tag(uint32_t tracker, uint32_t allocator, uint32_t tag);     /* ABI allocator id */
OC_EXPORT int32_t oc_tracker_set_allocator_name(uint32_t tracker, uint32_t allocator, uintptr_t name_ptr, uint32_t len);
OC_EXPORT int32_t oc_tracker_set_context(uint32_t tracker, uint32_t tag, uint32_t site);  /* 0 = none */
OC_EXPORT int32_t oc_tracker_frame_end(uint32_t tracker);
OC_EXPORT int32_t oc_tracker_publish(uint32_t tracker);
OC_EXPORT uint32_t oc_tracker_mark(uint32_t tracker);                   /* mark id >= 1; 0 (NotTracking) outside full mode */
/* Group rows of the allocations made after `mark` and still alive; returns the number of groups and
 * writes min(groups, max_groups) rows (0 with a status on failure: UnknownMark, NotTracking). */
OC_EXPORT uint32_t oc_tracker_leaks(uint32_t tracker, uint32_t mark, uintptr_t out_rows_ptr, uint32_t max_groups);
/* The same for live allocations at least `frames` frames old, of tag `tag` (0 = any). */
OC_EXPORT uint32_t oc_tracker_older_than(uint32_t tracker, uint32_t frames, uint32_t tag, uintptr_t out_rows_ptr,
                                         uint32_t max_groups);
OC_EXPORT int32_t oc_tracker_resync(uint32_t tracker, uint32_t region);  /* restore and rewind do it themselves */
/* Text of a site or a tag name (UTF-8, no NUL): its length, writing at most max bytes. */
OC_EXPORT uint32_t oc_tracker_site_text(uint32_t tracker, uint32_t site, uintptr_t out_ptr, uint32_t max);
OC_EXPORT uint32_t oc_tracker_tag_name(uint32_t tracker, uint32_t tag, uintptr_t out_ptr, uint32_t max);
/* The report as one line of JSON (docs/claw-stats.md): its length, writing at most max bytes.
 * mark 0 = leaks since the newest mark (or every record when there is none); in full mode another
 * mark that oc_tracker_leaks would refuse gives 0 with UnknownMark. */
OC_EXPORT uint32_t oc_tracker_report_json(uint32_t tracker, uint32_t mark, uintptr_t out_ptr, uint32_t max);
/* One byte per pixel of `region` (see Tracker::heat_map): 0 free, 255 metadata, else a tag id. */
OC_EXPORT int32_t oc_tracker_heat_map(uint32_t tracker, uint32_t region, uintptr_t out_ptr, uint32_t pixels);
/* Allocator calls with a site (an id from oc_tracker_site; 0 = the context site) and, for the slab, a
 * tag (0 = the context tag or the slab's default tag). Same results and statuses as the plain calls. */
OC_EXPORT uint32_t oc_pool_alloc_at(uint32_t pool, uint32_t site);
OC_EXPORT int32_t oc_pool_free_at(uint32_t pool, uint32_t handle, uint32_t site);
OC_EXPORT uint32_t oc_slab_alloc_at(uint32_t slab, uint32_t size, uint32_t align, uint32_t tag, uint32_t site);
OC_EXPORT int32_t oc_slab_free_at(uint32_t slab, uint32_t offset, uint32_t size, uint32_t site);
OC_EXPORT uint32_t oc_arena_alloc_at(uint32_t arena, uint32_t size, uint32_t align, uint32_t tag, uint32_t site);

/* ---- legacy formats (native-legacy/resources/formats, docs/formats.md) ------------------------ */
/* Readers of untrusted bytes in linear memory: each checks every field and returns a specific status
 * (Truncated, Oversized, OutOfRange, BadMagic, Malformed, SelfReference, Overlap, InvalidArgument),
 * never reading outside [in_ptr, in_ptr + in_len). Record fields are written as uint32 words in the
 * order below (signed fields as their two's complement bits); a string inside the input is two
 * words (offset, length) relative to in_ptr, NUL excluded. Counts that a reader returns go with
 * oc_last_status(): 0 is a valid count, so callers check the status. */
#define OC_PAL_SIZE 768u
#define OC_PAL_RGBA_SIZE 1024u
/* The 1,024-byte RGBA table of a 768-byte PAL file (index 0 transparent, every other alpha 255). */
OC_EXPORT int32_t oc_pal_read(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_rgba_ptr);

/* pid info: file_desc, flags, width, height, offset_x, offset_y, unk0, unk1, pixel_count,
 *           pixels_offset, pixels_size, palette_offset (0: no embedded palette)  (OC_PID_INFO_WORDS)
 * pid params (encode): width, height, flags, offset_x, offset_y, file_desc, unk0, unk1 (OC_PID_PARAM_WORDS) */
#define OC_PID_INFO_WORDS 12u
#define OC_PID_PARAM_WORDS 8u
OC_EXPORT int32_t oc_pid_info(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_words_ptr);
/* RGBA (width*height*4 bytes) with the 768-byte palette at palette_ptr, or the file's embedded one
 * when palette_ptr is 0 (InvalidArgument if it has none). out_cap below the RGBA size: InvalidArgument. */
OC_EXPORT int32_t oc_pid_decode_rgba(uintptr_t in_ptr, uint32_t in_len, uintptr_t palette_ptr, uintptr_t out_ptr,
                                     uint32_t out_cap);
OC_EXPORT int32_t oc_pid_decode_indices(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_ptr, uint32_t out_cap);
/* The file's embedded palette as 768 bytes (InvalidArgument when it has none). */
OC_EXPORT int32_t oc_pid_palette(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_rgb_ptr);
/* Encoding width*height indices; palette_ptr (768 bytes) iff flags has 0x80. Size or bytes written,
 * 0 on failure. */
OC_EXPORT uint32_t oc_pid_encoded_size(uintptr_t indices_ptr, uintptr_t params_words_ptr, uintptr_t palette_ptr);
OC_EXPORT uint32_t oc_pid_encode(uintptr_t indices_ptr, uintptr_t params_words_ptr, uintptr_t palette_ptr,
                                 uintptr_t out_ptr, uint32_t out_cap);

/* ani info: signature, frames_count, image_set_offset, image_set_length, frames_offset (OC_ANI_INFO_WORDS)
 * ani frame rows: event_flag, image_id, duration_ms, event_offset (0xFFFFFFFF: none), event_length
 *                                                                              (OC_ANI_FRAME_WORDS) */
#define OC_ANI_INFO_WORDS 5u
#define OC_ANI_FRAME_WORDS 5u
OC_EXPORT int32_t oc_ani_info(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_words_ptr);
/* Writes frames_count rows; InvalidArgument when max_frames is smaller. */
OC_EXPORT int32_t oc_ani_frames(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_rows_ptr, uint32_t max_frames);

/* wwd header: signature, flags, level_name(2), author(2), birth(2), rez_file(2), image_directory(2),
 *   palette_path(2), launch_app(2), image_sets[4](8), prefixes[4](8), start_x, start_y, num_planes,
 *   planes_offset, tile_descriptions_offset, main_block_length, checksum        (OC_WWD_HEADER_WORDS)
 * wwd plane: offset, signature, flags, name(2), pixel_width, pixel_height, tile_width, tile_height,
 *   tiles_x, tiles_y, movement_percent_x, movement_percent_y, fill_color, image_sets_count,
 *   objects_count, tiles_offset, image_sets_offset, objects_offset, z, tiles_count, reserved (0)
 *                                                                                (OC_WWD_PLANE_WORDS)
 * wwd object rows: offset, id, x, y, z, i, add_flags, dynamic_flags, draw_flags, user_flags, score,
 *   points, powerup, damage, smarts, health, move_rect(4), hit_rect(4), attack_rect(4), clip_rect(4),
 *   user_rect1(4), user_rect2(4), user_values(8), min_x, min_y, max_x, max_y, speed_x, speed_y,
 *   tweak_x, tweak_y, counter, speed, width, height, direction, face_dir, time_delay, frame_delay,
 *   object_type, hit_type_flags, move_res_x, move_res_y, name(2), logic(2), image_set(2), sound(2)
 *   (a rect is left, top, right, bottom)                                        (OC_WWD_OBJECT_WORDS)
 * wwd tile description rows: type, unknown, width, height, inside_attrib, outside_attrib,
 *   rect(4)                                                                      (OC_WWD_TILE_DESC_WORDS) */
#define OC_WWD_HEADER_WORDS 39u
#define OC_WWD_PLANE_WORDS 22u
#define OC_WWD_OBJECT_WORDS 76u
#define OC_WWD_TILE_DESC_WORDS 10u
/* The header of a raw .WWD file (its first 1,524 bytes suffice): says how to rebuild the image (the
 * host inflates the body at planes_offset into main_block_length bytes). */
OC_EXPORT int32_t oc_wwd_header(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_words_ptr);
/* The rest takes the rebuilt image (header + inflated body). */
OC_EXPORT int32_t oc_wwd_image(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_words_ptr);
OC_EXPORT int32_t oc_wwd_plane(uintptr_t in_ptr, uint32_t in_len, uint32_t index, uintptr_t out_words_ptr);
/* Image-set names of a plane as (offset, length) pairs; InvalidArgument when max_sets is short. */
OC_EXPORT int32_t oc_wwd_image_sets(uintptr_t in_ptr, uint32_t in_len, uint32_t plane, uintptr_t out_pairs_ptr,
                                    uint32_t max_sets);
/* Every object of a plane; InvalidArgument when max_objects is below its objects_count. */
OC_EXPORT int32_t oc_wwd_objects(uintptr_t in_ptr, uint32_t in_len, uint32_t plane, uintptr_t out_rows_ptr,
                                 uint32_t max_objects);
/* The tile descriptions: their count (0 with a status on failure); rows written only when max_rows
 * suffices (call with max_rows 0 to learn the count). */
OC_EXPORT uint32_t oc_wwd_tile_descriptions(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_rows_ptr,
                                            uint32_t max_rows);

/* ---- REZ archives: a lazy opener (RezTreeBuilder + RezIndex) ---------------------------------- */
/* open(first >= 139 bytes, archive length) parses the header and returns an archive id; then, while
 * next_block() returns 1, the caller fetches the named byte range and gives it to add_block(); then
 * finish() builds the index. Entry ids are 0..count-1; OC_REZ_ROOT names the root directory and
 * OC_REZ_NONE no entry. A directory's children are the entry ids [first_child, first_child + child_count).
 * header words: version, dir_offset, dir_size                                     (OC_REZ_HEADER_WORDS)
 * stat words: entry, is_directory, offset, size, date_time, file_id, first_child, child_count, parent
 *                                                                                 (OC_REZ_STAT_WORDS)
 * The root's stat is (OC_REZ_ROOT, 1, dir_offset, dir_size, 0, 0, first, count, OC_REZ_NONE), its path
 * "/" and its name ""; an entry of the root block has parent OC_REZ_ROOT. Ids close to reuse (1..63). */
#define OC_REZ_ROOT 0xFFFFFFFEu
#define OC_REZ_NONE 0xFFFFFFFFu
#define OC_REZ_HEADER_WORDS 3u
#define OC_REZ_STAT_WORDS 9u
OC_EXPORT uint32_t oc_rez_open(uintptr_t head_ptr, uint32_t head_len, uint32_t archive_len_lo,
                               uint32_t archive_len_hi); /* archive id, 0 on failure */
OC_EXPORT int32_t oc_rez_header(uint32_t archive, uintptr_t out_words_ptr);
OC_EXPORT int32_t oc_rez_next_block(uint32_t archive, uintptr_t out_pair_ptr); /* 1: (offset, size) written; 0: none */
OC_EXPORT int32_t oc_rez_add_block(uint32_t archive, uintptr_t bytes_ptr, uint32_t len);
OC_EXPORT int32_t oc_rez_finish(uint32_t archive);
OC_EXPORT uint32_t oc_rez_count(uint32_t archive);
OC_EXPORT uint32_t oc_rez_find(uint32_t archive, uintptr_t path_ptr, uint32_t len); /* entry, OC_REZ_ROOT or OC_REZ_NONE */
OC_EXPORT int32_t oc_rez_stat(uint32_t archive, uint32_t entry, uintptr_t out_words_ptr);
/* The full path ("/LEVEL1/TILES/001.PID") or the bare name without its extension ("001") of an entry:
 * its length, writing at most max bytes. */
OC_EXPORT uint32_t oc_rez_path(uint32_t archive, uint32_t entry, uintptr_t out_ptr, uint32_t max);
OC_EXPORT uint32_t oc_rez_name(uint32_t archive, uint32_t entry, uintptr_t out_ptr, uint32_t max);
OC_EXPORT int32_t oc_rez_close(uint32_t archive);

/* ---- REZ packing: the layout of an archive without holding its files' data ------------------- */
/* add() each file (path, size, date_time, file_id), then layout() plans the archive: the caller writes
 * head (139 bytes) at 0, each file's data at its data offset, and the directory blocks at
 * blocks_offset; the archive ends there. layout words: total_lo, total_hi, blocks_offset, blocks_size
 *                                                                                 (OC_REZ_LAYOUT_WORDS)
 * Paths are checked by layout() (InvalidArgument, as write_rez); an add() after layout() drops the plan
 * until the next layout(). Writer ids 1..7, reused after destroy. */
#define OC_REZ_LAYOUT_WORDS 4u
OC_EXPORT uint32_t oc_rez_writer_create(void);
OC_EXPORT int32_t oc_rez_writer_add(uint32_t writer, uintptr_t path_ptr, uint32_t path_len, uint32_t size,
                                    uint32_t date_time, uint32_t file_id);
OC_EXPORT int32_t oc_rez_writer_layout(uint32_t writer, uintptr_t out_words_ptr);
OC_EXPORT uint32_t oc_rez_writer_data_offset(uint32_t writer, uint32_t file_index); /* after layout() */
OC_EXPORT int32_t oc_rez_writer_head(uint32_t writer, uintptr_t out_ptr);            /* 139 bytes */
OC_EXPORT int32_t oc_rez_writer_blocks(uint32_t writer, uintptr_t out_ptr, uint32_t max); /* blocks_size bytes */
OC_EXPORT int32_t oc_rez_writer_destroy(uint32_t writer);

/* ---- resource cache (native-legacy/resources/resource_cache.h, docs/streaming.md) ------------ */
/* A cache lives in one region (the host's assets region), which it carves at create. Cache ids are
 * 1..15 (0 = failure, oc_last_status() says why); a cache id dies with oc_cache_destroy or with its
 * region. Resource ids (u64) cross as (lo, hi). Handles are the cache's pins (never 0); offsets are
 * offsets in the cache's region (add oc_region_base for an address).
 * Evictions (and removals) are queued per cache as the core makes them; the host drains the queue
 * after every call that can evict (insert, set_gpu_bytes, remove) with oc_cache_take_evictions:
 * records of OC_CACHE_EVICTION_BYTES: u64 id, u32 gpu_bytes, u32 0 (reserved), oldest first.
 * stats: entries, pinned, ram_bytes, vram_bytes, ram_peak, vram_peak, ram_budget, vram_budget,
 *        hits_lo, hits_hi, misses_lo, misses_hi, inserts_lo, inserts_hi, evictions_lo, evictions_hi,
 *        removals_lo, removals_hi, evicted_bytes_lo, evicted_bytes_hi, evicted_gpu_bytes_lo,
 *        evicted_gpu_bytes_hi, budget_failures_lo, budget_failures_hi, lost_evictions
 *        (lost_evictions: records dropped because the queue was full, 0 when the host drains) (OC_CACHE_STATS_WORDS)
 * info: handle, size, gpu_bytes, pins                                             (OC_CACHE_INFO_WORDS) */
#define OC_CACHE_STATS_WORDS 25u
#define OC_CACHE_INFO_WORDS 4u
#define OC_CACHE_EVICTION_BYTES 16u
/* create: carves the cache from the region (header, entry pool, index, a slab of data_bytes); the index
 * has the power of two >= 2 * max_entries slots (not a parameter). The region then belongs to the cache:
 * snapshots, restores and rewind rings of it are refused (InvalidArgument). */
OC_EXPORT uint32_t oc_cache_create(uint32_t region, uint32_t max_entries, uint32_t data_bytes, uint32_t ram_budget,
                                   uint32_t vram_budget);
OC_EXPORT int32_t oc_cache_destroy(uint32_t cache); /* forgets the id; the region's bytes stay carved */
OC_EXPORT uint32_t oc_cache_region(uint32_t cache); /* region id */
OC_EXPORT uint32_t oc_cache_header(uint32_t cache); /* offset of its CacheHeader in the region */
OC_EXPORT uint32_t oc_cache_acquire(uint32_t cache, uint32_t id_lo, uint32_t id_hi);            /* handle; Missing */
OC_EXPORT uint32_t oc_cache_insert(uint32_t cache, uint32_t id_lo, uint32_t id_hi, uint32_t size); /* handle */
OC_EXPORT int32_t oc_cache_release(uint32_t cache, uint32_t handle);
OC_EXPORT uint32_t oc_cache_offset(uint32_t cache, uint32_t handle); /* region offset of the bytes, 0 on failure */
OC_EXPORT uint32_t oc_cache_size(uint32_t cache, uint32_t handle);
OC_EXPORT int32_t oc_cache_set_gpu_bytes(uint32_t cache, uint32_t handle, uint32_t bytes);
OC_EXPORT int32_t oc_cache_remove(uint32_t cache, uint32_t id_lo, uint32_t id_hi);
OC_EXPORT int32_t oc_cache_contains(uint32_t cache, uint32_t id_lo, uint32_t id_hi); /* 1 or 0 */
OC_EXPORT int32_t oc_cache_info(uint32_t cache, uint32_t id_lo, uint32_t id_hi, uintptr_t out_words_ptr); /* Missing */
OC_EXPORT int32_t oc_cache_stats(uint32_t cache, uintptr_t out_words_ptr);
OC_EXPORT int32_t oc_cache_check(uint32_t cache);
/* Moves up to max queued eviction records to out_ptr: the number written (more may remain). */
OC_EXPORT uint32_t oc_cache_take_evictions(uint32_t cache, uintptr_t out_ptr, uint32_t max);
/* The stable resource id of a path (resource_id.h), as a u64 LE at out_u64_ptr. */
OC_EXPORT int32_t oc_resource_id(uintptr_t path_ptr, uint32_t len, uintptr_t out_u64_ptr);

/* ---- the game (native-legacy/game/game.h) ---------------------------------------------------- */
/* The simulation lives in a state region, rooted at its World (RegionHeader.root): every call finds
 * it again from the root, so snapshots restores and rewinds need nothing. Layouts of World, Entity and
 * TileAttr are in the layout table. Statuses as game.h says (CorruptState: no sound World at the root). */
/* Carves the World and the entity pool (entity_capacity 0 = 4096); slab: an ABI slab id of the same
 * region, level data is allocated from it. World offset, 0 on failure (InvalidArgument if the region
 * already has a root). */
OC_EXPORT uint32_t oc_game_create(uint32_t region, uint32_t slab, uint32_t entity_capacity);
OC_EXPORT uint32_t oc_game_world(uint32_t region);       /* the World's offset (root, checked), 0 if none */
OC_EXPORT uint32_t oc_game_entity_pool(uint32_t region); /* ABI allocator id of the entity pool, 0 if none */
/* A rebuilt (inflated) WWD image; all or nothing. InvalidArgument while a level is loaded. */
OC_EXPORT int32_t oc_game_load_level(uint32_t region, uintptr_t image_ptr, uint32_t image_len);
OC_EXPORT int32_t oc_game_unload_level(uint32_t region);
OC_EXPORT int32_t oc_game_tick(uint32_t region, uint32_t input_bits);
/* count ticks, inputs u32[count]; stops at the first failure (its status). */
OC_EXPORT int32_t oc_game_tick_many(uint32_t region, uintptr_t inputs_ptr, uint32_t count);
OC_EXPORT int32_t oc_game_check(uint32_t region);

/* ---- cross-build checks --------------------------------------------------------------------- */
/* Runs a recorded operation sequence (format: native-legacy/memory/replay.h) in a fresh region and
 * writes the FNV-1a 64 hash of the region's bytes. */
OC_EXPORT int32_t oc_replay(uintptr_t ops_ptr, uint32_t ops_len, uintptr_t out_u64_ptr);
/* The layout table of every type stored in a region, as text ("Type.field offset size\n" lines);
 * returns its length, writes at most max bytes. */
OC_EXPORT uint32_t oc_layout_table(uintptr_t out_ptr, uint32_t max);

#ifdef __cplusplus
}
#endif

#endif /* OPENCLAW_WASM_ABI_H */
