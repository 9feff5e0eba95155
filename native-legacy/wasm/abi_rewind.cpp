// Rewind ring entry points (abi.h, "rewind ring"). Rings are heap objects behind small ids, like
// regions; a rewind replaces the region's bytes, so the region's allocator ids are re-attached after.
#include <new>

#include "snapshot/rewind_ring.h"
#include "wasm/abi.h"
#include "wasm/abi_cache_guard.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

namespace {

constexpr u32 kMaxRings = 16;  // ids 1..15

struct RingSlot {
  RewindRing* ring;
  u32 region;      // ABI region id
  Region* object;  // the region the ring was made for: a destroyed region's id may be reused
};

RingSlot g_rings[kMaxRings];

// The ring behind an id whose region still exists, or nullptr (InvalidArgument as the last status).
RingSlot* ring_or_fail(u32 id) noexcept {
  if (id != 0 && id < kMaxRings && g_rings[id].ring != nullptr) {
    RingSlot& slot = g_rings[id];
    // The ring holds a pointer to its region: use it only while that very region is registered (a
    // new region at the same address is refused by the ring itself unless it has the same size).
    Region* r = region_of(slot.region);
    if (r != nullptr && r == slot.object) return &slot;
  }
  set_status(Status::InvalidArgument);
  return nullptr;
}

}  // namespace

extern "C" {

uint32_t oc_rewind_create(uint32_t region, uint32_t budget_bytes) {
  Region* r = region_of(region);
  // A tracker's debug region is the tracker's, a cache's region the cache's (abi_cache_guard.h).
  if (r == nullptr || region_hosts_tracker(region) || region_hosts_cache(region)) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 id = 1;
  while (id < kMaxRings && g_rings[id].ring != nullptr) ++id;
  if (id == kMaxRings) {
    set_status(Status::Exhausted);
    return 0;
  }
  auto* ring = new (std::nothrow) RewindRing();
  if (ring == nullptr) {
    set_status(Status::OutOfMemory);
    return 0;
  }
  const Status s = ring->init(*r, budget_bytes);
  if (s != Status::Ok) {
    delete ring;
    set_status(s);
    return 0;
  }
  g_rings[id] = RingSlot{ring, region, r};
  set_status(Status::Ok);
  return id;
}

int32_t oc_rewind_push(uint32_t ring) {
  RingSlot* slot = ring_or_fail(ring);
  if (slot == nullptr) return last_status();
  return set_status(slot->ring->push());
}

int32_t oc_rewind_rewind(uint32_t ring, uint32_t frames) {
  RingSlot* slot = ring_or_fail(ring);
  if (slot == nullptr) return last_status();
  // A cache created in the region after the ring: old bytes would desynchronise it (abi_cache_guard.h).
  if (region_hosts_cache(slot->region)) return set_status(Status::InvalidArgument);
  static u32 tags[kMaxAllocators];  // 4 KiB: kept off the stack
  save_region_tags(slot->region, tags);
  const Status s = slot->ring->rewind(frames);
  if (s == Status::Ok) reattach_region_allocators(slot->region, tags);
  return set_status(s);
}

int32_t oc_rewind_stats(uint32_t ring, uintptr_t out_words_ptr) {
  if (out_words_ptr == 0) return set_status(Status::InvalidArgument);
  RingSlot* slot = ring_or_fail(ring);
  if (slot == nullptr) return last_status();
  const RewindStats st = slot->ring->stats();
  const u32 words[OC_REWIND_STATS_WORDS] = {
      st.frames_held,        st.bytes_used,         st.budget,         st.frames_dropped,
      lo32(st.oldest_frame), hi32(st.oldest_frame), lo32(st.newest_frame), hi32(st.newest_frame),
      st.shadow_bytes,       st.last_push_pages};
  put_words(out_words_ptr, words, OC_REWIND_STATS_WORDS);
  return set_status(Status::Ok);
}

// Works even when the region is gone: that is when freeing the ring's buffers matters most.
int32_t oc_rewind_destroy(uint32_t ring) {
  if (ring == 0 || ring >= kMaxRings || g_rings[ring].ring == nullptr) {
    return set_status(Status::InvalidArgument);
  }
  delete g_rings[ring].ring;
  g_rings[ring] = RingSlot{nullptr, 0, nullptr};
  return set_status(Status::Ok);
}

}  // extern "C"
