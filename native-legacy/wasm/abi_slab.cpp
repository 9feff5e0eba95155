// SlabAllocator entry points. The plain calls pass Site::none() (the tracker's context site); the
// *_at calls with a tag and a site id are in abi_tracking.cpp.
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

namespace {

SlabAllocator* slab_or_fail(u32 id) noexcept {
  if (is_kind(id, Kind::Slab)) return &g_slabs[id];
  set_status(Status::InvalidArgument);
  return nullptr;
}

}  // namespace

extern "C" {

uint32_t oc_slab_create(uint32_t region, uint32_t arena_bytes, uint32_t page_size, uint32_t class_steps) {
  Region* r = region_of(region);
  if (r == nullptr) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  SlabOptions options;
#ifdef __EMSCRIPTEN__
  // No process environment in the browser: the TypeScript options are the only override.
  if (page_size != 0) options.page_size = page_size;
#else
  options.page_size = page_size != 0 ? page_size : slab_page_size_from_env(kSlabDefaultPageSize);
#endif
  if (class_steps != 0) options.class_steps = class_steps;
  u32 id = reserve_allocator(region, Kind::Slab);
  if (id == 0) {
    set_status(Status::TooManyAllocators);
    return 0;
  }
  Result<SlabAllocator> s = SlabAllocator::create(*r, arena_bytes, options);
  if (!s.ok()) {
    release_allocator(id);
    set_status(s.status);
    return 0;
  }
  g_slabs[id] = s.value;
  set_status(Status::Ok);
  return id;
}

uint32_t oc_slab_alloc(uint32_t slab, uint32_t size, uint32_t align) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return 0;
  return s->alloc(size, align, &g_last_status, Site::none());
}

uint32_t oc_slab_alloc_raw(uint32_t slab, uint32_t size, uint32_t align) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return 0;
  return s->alloc_raw(size, align, &g_last_status, Site::none());
}

int32_t oc_slab_free(uint32_t slab, uint32_t offset, uint32_t size) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return last_status();
  return set_status(s->free(offset, size, Site::none()));
}

uint32_t oc_slab_usable_size(uint32_t slab, uint32_t offset) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return 0;
  Result<u32> r = s->usable_size(offset);
  set_status(r.status);
  return r.ok() ? r.value : 0;
}

int32_t oc_slab_stats(uint32_t slab, uintptr_t out_words_ptr) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return last_status();
  if (out_words_ptr == 0) return set_status(Status::InvalidArgument);
  SlabStats st = s->stats();
  const u32 words[OC_SLAB_STATS_WORDS] = {
      st.arena_bytes, st.reserved_bytes, st.live_bytes,  st.live_blocks,
      st.pages_in_use, st.page_size,     st.class_count, st.failures,
      lo32(st.total_allocs), hi32(st.total_allocs), lo32(st.total_frees), hi32(st.total_frees)};
  put_words(out_words_ptr, words, OC_SLAB_STATS_WORDS);
  return set_status(Status::Ok);
}

uint32_t oc_slab_class_count(uint32_t slab) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return 0;
  set_status(Status::Ok);
  return s->class_count();
}

uint32_t oc_slab_class_size(uint32_t slab, uint32_t class_index) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return 0;
  if (class_index >= s->class_count()) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  set_status(Status::Ok);
  return s->class_size(class_index);
}

int32_t oc_slab_class_stats(uint32_t slab, uint32_t class_index, uintptr_t out_words_ptr) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return last_status();
  if (class_index >= s->class_count() || out_words_ptr == 0) return set_status(Status::InvalidArgument);
  SlabClassStats st = s->class_stats(class_index);
  const u32 words[4] = {st.block_size, st.pages, st.live_blocks, st.capacity_blocks};
  put_words(out_words_ptr, words, 4);
  return set_status(Status::Ok);
}

uint32_t oc_slab_walk(uint32_t slab, uintptr_t out_pairs_ptr, uint32_t max_pairs) {
  SlabAllocator* s = slab_or_fail(slab);
  if (s == nullptr) return 0;
  if (out_pairs_ptr == 0 && max_pairs != 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 n = 0;
  s->walk([&](Offset off, u32 size) {
    if (n < max_pairs) {
      const u32 pair[2] = {off, size};
      put_words(out_pairs_ptr + n * 2 * sizeof(u32), pair, 2);
    }
    ++n;
  });
  set_status(Status::Ok);
  return n;
}

}  // extern "C"
