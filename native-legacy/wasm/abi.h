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

#define OC_ABI_VERSION 1u

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
