// The tracker's process-side bookkeeping: what the hooks need on every call (an allocator's kind,
// default tag and tag map, found by (slot, id) with one indexed load), the event-fed live figures of
// slabs and arenas, arena books (what a reset or an unwind gives back), and the site-pointer cache.
// It holds pointers, so it lives beside the debug region rather than in it; everything TypeScript
// reads is published into the region's tables.
#pragma once

#include <new>

#include "tracking/tracker.h"

namespace oc {
namespace detail {

// Records carry a stamp, not the raw seq: an allocation's stamp is its seq + 1 and a mark keeps
// seq + 1 at the time it was made, so "allocated after the mark" is stamp > mark's stamp. Blocks that
// were live before the tracker saw them (attach, resync) get stamp 1, below every mark: they are
// never reported as leaks of a mark. A free record has stamp 0 (TrackRecord.seq == 0).
constexpr u64 kStampRegistered = 1;
constexpr u32 kRefSlotShift = 30;                 // TrackIndexEntry.ref: slot in the top 2 bits
constexpr u32 kRefIndexMask = (1u << kRefSlotShift) - 1;

// A run of consecutive arena allocations with one tag: an unwind gives bytes back from the top, so
// the arena's bytes are kept as a stack of runs (an arena alternates between a few tags at most).
struct ArenaRun {
  u32 tag;
  u32 bytes;
};

// An arena's allocations since its last reset, as the tracker saw them. The counts per tag stay until
// the reset (an unwind returns bytes only); the runs give the bytes' tags in allocation order.
struct ArenaBook {
  u32* counts = nullptr;  // [kTrackMaxTags + 1]
  ArenaRun* runs = nullptr;
  u32 run_count = 0, run_capacity = 0;
  u32* recs = nullptr;    // record indices (full mode), in allocation order: offsets increase
  u32 rec_count = 0, rec_capacity = 0;
  ~ArenaBook() {
    delete[] counts;
    delete[] runs;
    delete[] recs;
  }
};

// Per (slot, allocator id): the hot path's view of an allocator. One cache line, also on wasm32
// (where the fields take 52 bytes): the hooks find an entry with a shift, not a multiply.
struct alignas(64) AllocFast {
  u32 kind = 0;        // AllocatorKind, 0 = not registered
  u32 tag = 0;         // default tag (mirrors TrackAllocator.tag)
  // Slabs: u8 per granule of the span (nullptr when there was no room). A byte is non-zero only where
  // a live block with another tag than the slab's default starts, so that a slab whose blocks all
  // carry its default tag never touches its map (map_used stays 0): allocations and frees then cost
  // no cache miss on the map. A slab without a map counts every block under its default tag.
  u8* tagmap = nullptr;
  u32 span_begin = 0;
  u32 granules = 0;
  u32 map_used = 0;
  u32 pool_live = 0;   // pools: live slots at the last publish (or registration)
  // Pools in full mode: record ref (index + 1) per slot index, so that a pool's alloc and free reach
  // their record by the handle's index, with no hashing and no probe (pools are the fastest calls:
  // an index lookup would cost more than the pool itself). nullptr when the heap refused: the pool's
  // records then go through the index like any other block.
  u32* pool_refs = nullptr;
  u32 pool_capacity = 0;
  u32 pool_index_mask = 0;
  ArenaBook* arena = nullptr;
  // Pools: the geometry that turns a handle into its slot's offset and size, so that a pool's hook
  // needs nothing but the handle.
  u32 pool_slots_offset = 0;
  u32 pool_slot_size = 0;
};
static_assert(sizeof(AllocFast) == 64, "AllocFast is one cache line");

// A slab block's tag when it is not the slab's default (tracker_hooks.cpp; the inline hooks call
// them only then): an allocation under a context tag marks its granule in the map (the context's tag
// when the slab has a map and the block is in it, else the default), and a free reads and clears it.
u32 slab_context_tag(AllocFast& f, Offset off, u32 context) noexcept;
u32 slab_mapped_tag(AllocFast& f, Offset off) noexcept;

struct Totals {
  u64 allocs, frees, bytes_allocated, bytes_freed;
  u64 live_count() const noexcept { return allocs > frees ? allocs - frees : 0; }
  u64 live_bytes() const noexcept { return bytes_allocated > bytes_freed ? bytes_allocated - bytes_freed : 0; }
  void add(const Totals& o) noexcept {
    allocs += o.allocs;
    frees += o.frees;
    bytes_allocated += o.bytes_allocated;
    bytes_freed += o.bytes_freed;
  }
  // Books a change of the live figures as allocations (growth) or frees (shrinkage).
  void shift(u64 from_count, u64 to_count, u64 from_bytes, u64 to_bytes) noexcept {
    if (to_count >= from_count) {
      allocs += to_count - from_count;
    } else {
      frees += from_count - to_count;
    }
    if (to_bytes >= from_bytes) {
      bytes_allocated += to_bytes - from_bytes;
    } else {
      bytes_freed += from_bytes - to_bytes;
    }
  }
};

struct SiteCacheEntry {
  const char* file;  // nullptr = empty
  u32 line;
  u32 id;
};

// The one-entry site cache's "nothing yet": an address no Site carries (a Site without a file is
// resolved before the cache is asked), so the hot paths compare without testing for empty first.
inline constexpr char kNoSiteFile[1] = {};

// Grows a heap array to hold at least `need` elements (doubling). False when the heap refuses: the
// caller then degrades (documented where it is called), it never fails an allocation.
template <typename T>
bool grow(T*& array, u32& capacity, u32 need) noexcept {
  if (need <= capacity) return true;
  u32 cap = capacity == 0 ? 16 : capacity;
  while (cap < need) cap *= 2;
  T* next = new (std::nothrow) T[cap];
  if (next == nullptr) return false;
  for (u32 i = 0; i < capacity; ++i) next[i] = array[i];
  delete[] array;
  array = next;
  capacity = cap;
  return true;
}

}  // namespace detail

namespace detail {
inline void release(AllocFast& f) noexcept {
  delete f.arena;
  delete[] f.pool_refs;
  f = AllocFast{};
}
}  // namespace detail

struct Tracker::Books {
  detail::AllocFast fast[kTrackMaxRegions][256];
  // Event-fed totals (slab and arena blocks) by slot and tag: an allocation or a free is two
  // increments in one line, and the live figures are allocs - frees. 256 per slot (tags go to
  // kTrackMaxTags): a row is found with a shift.
  detail::Totals events[kTrackMaxRegions][256] = {};
  // Everything else by tag: pool deltas (at publish), and the slots detached since (their live
  // blocks booked as freed), so that a tag's totals never go backwards.
  detail::Totals others[kTrackMaxTags + 1] = {};
  // All tags' totals when the frame was last credited: the frame counters are their growth since
  // then (so the hooks need not count frames on every event).
  detail::Totals credited = {};
  detail::SiteCacheEntry* site_cache = nullptr;
  u32 site_cache_mask = 0;
  detail::SiteCacheEntry last_site = {detail::kNoSiteFile, 0, 0};  // loops allocate from one line: skip the hash

  ~Books() {
    for (auto& slot : fast) {
      for (auto& f : slot) detail::release(f);
    }
    delete[] site_cache;
  }
};

}  // namespace oc
