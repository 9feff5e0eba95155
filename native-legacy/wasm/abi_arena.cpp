// FrameArena entry points. oc_arena_alloc passes Site::none() (the tracker's context site);
// oc_arena_alloc_at is in abi_tracking.cpp.
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

namespace {

FrameArena* arena_or_fail(u32 id) noexcept {
  if (is_kind(id, Kind::Arena)) return &g_arenas[id];
  set_status(Status::InvalidArgument);
  return nullptr;
}

}  // namespace

extern "C" {

uint32_t oc_arena_create(uint32_t region, uint32_t bytes) {
  Region* r = region_of(region);
  if (r == nullptr) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 id = reserve_allocator(region, Kind::Arena);
  if (id == 0) {
    set_status(Status::TooManyAllocators);
    return 0;
  }
  Result<FrameArena> a = FrameArena::create(*r, bytes);
  if (!a.ok()) {
    release_allocator(id);
    set_status(a.status);
    return 0;
  }
  g_arenas[id] = a.value;
  set_status(Status::Ok);
  return id;
}

uint32_t oc_arena_alloc(uint32_t arena, uint32_t size, uint32_t align) {
  FrameArena* a = arena_or_fail(arena);
  if (a == nullptr) return 0;
  return a->alloc(size, align, &g_last_status, Site::none());
}

uint32_t oc_arena_marker(uint32_t arena) {
  FrameArena* a = arena_or_fail(arena);
  if (a == nullptr) return 0;
  set_status(Status::Ok);
  return a->marker();
}

int32_t oc_arena_unwind(uint32_t arena, uint32_t marker) {
  FrameArena* a = arena_or_fail(arena);
  if (a == nullptr) return last_status();
  return set_status(a->unwind(marker));
}

int32_t oc_arena_reset(uint32_t arena) {
  FrameArena* a = arena_or_fail(arena);
  if (a == nullptr) return last_status();
  a->reset();
  return set_status(Status::Ok);
}

int32_t oc_arena_stats(uint32_t arena, uintptr_t out_words_ptr) {
  FrameArena* a = arena_or_fail(arena);
  if (a == nullptr) return last_status();
  if (out_words_ptr == 0) return set_status(Status::InvalidArgument);
  ArenaStats st = a->stats();
  const u32 words[OC_ARENA_STATS_WORDS] = {st.capacity, st.used, st.peak, st.failures,
                                           lo32(st.total_allocs), hi32(st.total_allocs),
                                           lo32(st.resets), hi32(st.resets)};
  put_words(out_words_ptr, words, OC_ARENA_STATS_WORDS);
  return set_status(Status::Ok);
}

}  // extern "C"
