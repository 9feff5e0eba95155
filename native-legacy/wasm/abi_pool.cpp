// FixedPool entry points. oc_pool_alloc/oc_pool_free are the hot path: an id check, the inline pool
// call (detail/fixed_pool_inl.h) and a store of the status; nothing else. The plain calls pass
// Site::none() (the tracker's context site); the *_at calls with a site id are in abi_tracking.cpp.
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

namespace {

// The pool behind an id, or nullptr with InvalidArgument as the last status.
FixedPool* pool_or_fail(u32 id) noexcept {
  if (id < kMaxAllocators && g_pools[id].valid()) return &g_pools[id];
  set_status(Status::InvalidArgument);
  return nullptr;
}

}  // namespace

extern "C" {

uint32_t oc_pool_create(uint32_t region, uint32_t slot_size, uint32_t align, uint32_t capacity) {
  Region* r = region_of(region);
  if (r == nullptr) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 id = reserve_allocator(region, Kind::Pool);
  if (id == 0) {
    set_status(Status::TooManyAllocators);
    return 0;
  }
  Result<FixedPool> p = FixedPool::create(*r, slot_size, align, capacity);
  if (!p.ok()) {
    release_allocator(id);
    set_status(p.status);
    return 0;
  }
  g_pools[id] = p.value;
  set_status(Status::Ok);
  return id;
}

uint32_t oc_pool_alloc(uint32_t pool) {
  if (pool >= kMaxAllocators || !g_pools[pool].valid()) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  // The pool writes the status straight into the global: no stack slot for it.
  // Site::none(): the tracker's context site (a TypeScript caller has no file and line).
  return g_pools[pool].alloc(&g_last_status, Site::none());
}

int32_t oc_pool_free(uint32_t pool, uint32_t handle) {
  if (pool >= kMaxAllocators || !g_pools[pool].valid()) return set_status(Status::InvalidArgument);
  return set_status(g_pools[pool].free(handle, Site::none()));
}

int32_t oc_pool_alloc_many(uint32_t pool, uintptr_t out_handles_ptr, uint32_t count) {
  FixedPool* p = pool_or_fail(pool);
  if (p == nullptr) return last_status();
  if (out_handles_ptr == 0 && count != 0) return set_status(Status::InvalidArgument);
  return set_status(p->alloc_many(reinterpret_cast<Handle*>(out_handles_ptr), count, Site::none()));
}

int32_t oc_pool_free_many(uint32_t pool, uintptr_t handles_ptr, uint32_t count) {
  FixedPool* p = pool_or_fail(pool);
  if (p == nullptr) return last_status();
  if (handles_ptr == 0 && count != 0) return set_status(Status::InvalidArgument);
  return set_status(p->free_many(reinterpret_cast<const Handle*>(handles_ptr), count, Site::none()));
}

uint32_t oc_pool_offset(uint32_t pool, uint32_t handle) {
  FixedPool* p = pool_or_fail(pool);
  if (p == nullptr) return 0;
  Offset off = kNullOffset;
  Status s = p->resolve(handle, &off);
  set_status(s);
  return s == Status::Ok ? off : 0;
}

int32_t oc_pool_validate(uint32_t pool, uint32_t handle) {
  FixedPool* p = pool_or_fail(pool);
  if (p == nullptr) return last_status();
  return set_status(p->validate(handle));
}

int32_t oc_pool_stats(uint32_t pool, uintptr_t out_words_ptr) {
  FixedPool* p = pool_or_fail(pool);
  if (p == nullptr) return last_status();
  if (out_words_ptr == 0) return set_status(Status::InvalidArgument);
  PoolStats st = p->stats();
  const FixedPoolHeader& h = p->header();
  const u32 words[OC_POOL_STATS_WORDS] = {
      st.capacity,   st.live,     st.peak, st.failures, st.slot_size, st.slot_align,
      lo32(st.total_allocs), hi32(st.total_allocs), lo32(st.total_frees), hi32(st.total_frees),
      h.slots_offset, h.index_bits};
  put_words(out_words_ptr, words, OC_POOL_STATS_WORDS);
  return set_status(Status::Ok);
}

uint32_t oc_pool_walk(uint32_t pool, uintptr_t out_handles_ptr, uint32_t max) {
  FixedPool* p = pool_or_fail(pool);
  if (p == nullptr) return 0;
  if (out_handles_ptr == 0 && max != 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 n = 0;
  p->walk([&](Handle h, Offset) {
    if (n < max) put_words(out_handles_ptr + n * sizeof(u32), &h, 1);
    ++n;
  });
  set_status(Status::Ok);
  return n;
}

uint32_t oc_pool_generation(uint32_t pool, uint32_t index) {
  FixedPool* p = pool_or_fail(pool);
  if (p == nullptr) return 0;
  const FixedPoolHeader& h = p->header();
  if (index >= h.capacity) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  // The counter lives in the region (generation array); read it from there, not from a cache.
  Region* r = region_of(g_slots[pool].region);
  u32 gen;
  memcpy(&gen, r->base() + h.gens_offset + index * sizeof(u32), sizeof gen);
  set_status(Status::Ok);
  return gen;
}

}  // extern "C"
