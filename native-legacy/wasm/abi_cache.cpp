// Resource cache entry points. The cache's state is in its region; this layer keeps, per cache id,
// the ResourceCache view and a process-side queue of evictions that the host drains (the host must
// destroy the texture of an evicted id, and a wasm callback into JavaScript per eviction would tie
// the core to one host).
#include <new>
#include <stdint.h>
#include <string.h>
#include <string_view>

#include "resources/resource_cache.h"
#include "resources/resource_id.h"
#include "wasm/abi.h"
#include "wasm/abi_cache_guard.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

namespace {

constexpr u32 kMaxCaches = 16;  // ids 1..15

struct Eviction {
  u64 id;
  u32 gpu_bytes;
  u32 reserved;
};
static_assert(sizeof(Eviction) == OC_CACHE_EVICTION_BYTES, "eviction records are ABI");

// One cache id. The queue is a ring of max_entries + 1 records: between two drains the core can
// evict at most every entry, so a host that drains after each evicting call never loses one.
struct CacheSlot {
  ResourceCache cache;
  u32 region = 0;
  Eviction* queue = nullptr;
  u32 capacity = 0;
  u32 head = 0;   // oldest record
  u32 count = 0;
  u32 lost = 0;   // records dropped on a full queue
};

CacheSlot g_caches[kMaxCaches];

void on_evict(void* user, u64 id, u32 gpu_bytes) {
  CacheSlot& s = *static_cast<CacheSlot*>(user);
  if (s.count == s.capacity) {
    s.lost++;
    return;
  }
  s.queue[(s.head + s.count) % s.capacity] = Eviction{id, gpu_bytes, 0};
  s.count++;
}

void clear_slot(CacheSlot& s) noexcept {
  delete[] s.queue;
  s = CacheSlot{};
}

// The cache behind an id, or nullptr with InvalidArgument as the last status.
CacheSlot* slot_or_fail(u32 id) noexcept {
  if (id != 0 && id < kMaxCaches && g_caches[id].cache.valid()) return &g_caches[id];
  set_status(Status::InvalidArgument);
  return nullptr;
}

u64 join(u32 lo, u32 hi) noexcept { return static_cast<u64>(hi) << 32 | lo; }

// A u32 result, or 0 with the status.
u32 value_or_zero(const Result<u32>& r) noexcept {
  set_status(r.status);
  return r.ok() ? r.value : 0;
}

}  // namespace

namespace oc::abi {

bool region_hosts_cache(u32 region) noexcept {
  for (u32 id = 1; id < kMaxCaches; ++id) {
    if (g_caches[id].cache.valid() && g_caches[id].region == region) return true;
  }
  return false;
}

void caches_forget_region(u32 region) noexcept {
  for (u32 id = 1; id < kMaxCaches; ++id) {
    if (g_caches[id].cache.valid() && g_caches[id].region == region) clear_slot(g_caches[id]);
  }
}

}  // namespace oc::abi

extern "C" {

uint32_t oc_cache_create(uint32_t region, uint32_t max_entries, uint32_t data_bytes, uint32_t ram_budget,
                         uint32_t vram_budget) {
  Region* r = region_of(region);
  if (r == nullptr) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 id = 1;
  while (id < kMaxCaches && g_caches[id].cache.valid()) ++id;
  if (id == kMaxCaches) {
    set_status(Status::TooManyAllocators);
    return 0;
  }
  CacheConfig config;
  config.max_entries = max_entries;
  config.data_bytes = data_bytes;
  config.ram_budget = ram_budget;
  config.vram_budget = vram_budget;
  Result<ResourceCache> c = ResourceCache::create(*r, config);
  if (!c.ok()) {
    set_status(c.status);
    return 0;
  }
  CacheSlot& s = g_caches[id];
  s.capacity = max_entries + 1;
  s.queue = new (std::nothrow) Eviction[s.capacity];
  if (s.queue == nullptr) {
    s = CacheSlot{};
    set_status(Status::Exhausted);
    return 0;
  }
  s.cache = c.value;
  s.region = region;
  s.cache.set_evict_callback(on_evict, &s);
  set_status(Status::Ok);
  return id;
}

int32_t oc_cache_destroy(uint32_t cache) {
  CacheSlot* s = slot_or_fail(cache);
  if (s == nullptr) return last_status();
  clear_slot(*s);
  return set_status(Status::Ok);
}

uint32_t oc_cache_region(uint32_t cache) {
  CacheSlot* s = slot_or_fail(cache);
  if (s == nullptr) return 0;
  set_status(Status::Ok);
  return s->region;
}

uint32_t oc_cache_header(uint32_t cache) {
  CacheSlot* s = slot_or_fail(cache);
  if (s == nullptr) return 0;
  set_status(Status::Ok);
  return s->cache.header_offset();
}

uint32_t oc_cache_acquire(uint32_t cache, uint32_t id_lo, uint32_t id_hi) {
  CacheSlot* s = slot_or_fail(cache);
  return s == nullptr ? 0 : value_or_zero(s->cache.acquire(join(id_lo, id_hi)));
}

uint32_t oc_cache_insert(uint32_t cache, uint32_t id_lo, uint32_t id_hi, uint32_t size) {
  CacheSlot* s = slot_or_fail(cache);
  return s == nullptr ? 0 : value_or_zero(s->cache.insert(join(id_lo, id_hi), size));
}

int32_t oc_cache_release(uint32_t cache, uint32_t handle) {
  CacheSlot* s = slot_or_fail(cache);
  return s == nullptr ? last_status() : set_status(s->cache.release(handle));
}

uint32_t oc_cache_offset(uint32_t cache, uint32_t handle) {
  CacheSlot* s = slot_or_fail(cache);
  return s == nullptr ? 0 : value_or_zero(s->cache.offset(handle));
}

uint32_t oc_cache_size(uint32_t cache, uint32_t handle) {
  CacheSlot* s = slot_or_fail(cache);
  return s == nullptr ? 0 : value_or_zero(s->cache.size(handle));
}

int32_t oc_cache_set_gpu_bytes(uint32_t cache, uint32_t handle, uint32_t bytes) {
  CacheSlot* s = slot_or_fail(cache);
  return s == nullptr ? last_status() : set_status(s->cache.set_gpu_bytes(handle, bytes));
}

int32_t oc_cache_remove(uint32_t cache, uint32_t id_lo, uint32_t id_hi) {
  CacheSlot* s = slot_or_fail(cache);
  return s == nullptr ? last_status() : set_status(s->cache.remove(join(id_lo, id_hi)));
}

int32_t oc_cache_contains(uint32_t cache, uint32_t id_lo, uint32_t id_hi) {
  CacheSlot* s = slot_or_fail(cache);
  if (s == nullptr) return 0;
  set_status(Status::Ok);
  return s->cache.contains(join(id_lo, id_hi)) ? 1 : 0;
}

int32_t oc_cache_info(uint32_t cache, uint32_t id_lo, uint32_t id_hi, uintptr_t out_words_ptr) {
  CacheSlot* s = slot_or_fail(cache);
  if (s == nullptr) return last_status();
  if (out_words_ptr == 0) return set_status(Status::InvalidArgument);
  const Result<CacheEntryInfo> r = s->cache.info(join(id_lo, id_hi));
  if (!r.ok()) return set_status(r.status);
  const u32 words[OC_CACHE_INFO_WORDS] = {r.value.handle, r.value.size, r.value.gpu_bytes, r.value.pins};
  put_words(out_words_ptr, words, OC_CACHE_INFO_WORDS);
  return set_status(Status::Ok);
}

int32_t oc_cache_stats(uint32_t cache, uintptr_t out_words_ptr) {
  CacheSlot* s = slot_or_fail(cache);
  if (s == nullptr) return last_status();
  if (out_words_ptr == 0) return set_status(Status::InvalidArgument);
  const CacheStats st = s->cache.stats();
  const u32 words[OC_CACHE_STATS_WORDS] = {
      st.entries, st.pinned, st.ram_bytes, st.vram_bytes, st.ram_peak, st.vram_peak, st.ram_budget,
      st.vram_budget, lo32(st.hits), hi32(st.hits), lo32(st.misses), hi32(st.misses), lo32(st.inserts),
      hi32(st.inserts), lo32(st.evictions), hi32(st.evictions), lo32(st.removals), hi32(st.removals),
      lo32(st.evicted_bytes), hi32(st.evicted_bytes), lo32(st.evicted_gpu_bytes), hi32(st.evicted_gpu_bytes),
      lo32(st.budget_failures), hi32(st.budget_failures), s->lost};
  put_words(out_words_ptr, words, OC_CACHE_STATS_WORDS);
  return set_status(Status::Ok);
}

int32_t oc_cache_check(uint32_t cache) {
  CacheSlot* s = slot_or_fail(cache);
  return s == nullptr ? last_status() : set_status(s->cache.check());
}

uint32_t oc_cache_take_evictions(uint32_t cache, uintptr_t out_ptr, uint32_t max) {
  CacheSlot* s = slot_or_fail(cache);
  if (s == nullptr) return 0;
  // The records must fit in the address space: out_ptr + max * 16 may not wrap (natively a wrap
  // would write from address 0 on; in wasm the host passes a bad max).
  const u64 end = static_cast<u64>(out_ptr) + static_cast<u64>(max) * sizeof(Eviction);
  if (max != 0 && (out_ptr == 0 || end < out_ptr || end - 1 > static_cast<u64>(UINTPTR_MAX))) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  const u32 n = s->count < max ? s->count : max;
  for (u32 i = 0; i < n; ++i) {
    // memcpy: natively the caller's buffer need not be 8-byte aligned.
    memcpy(reinterpret_cast<void*>(out_ptr + i * sizeof(Eviction)), &s->queue[s->head], sizeof(Eviction));
    s->head = (s->head + 1) % s->capacity;
  }
  s->count -= n;
  set_status(Status::Ok);
  return n;
}

int32_t oc_resource_id(uintptr_t path_ptr, uint32_t len, uintptr_t out_u64_ptr) {
  if ((path_ptr == 0 && len != 0) || out_u64_ptr == 0) return set_status(Status::InvalidArgument);
  const u64 id = resource_id(std::string_view(reinterpret_cast<const char*>(path_ptr), len));
  memcpy(reinterpret_cast<void*>(out_u64_ptr), &id, sizeof id);
  return set_status(Status::Ok);
}

}  // extern "C"
