// ResourceCache: decoded resources held in ONE region (the host's `assets` region), keyed by a stable
// resource id (resource_id.h), within two budgets: RAM (the bytes of every entry) and VRAM (the GPU
// bytes the host reports for an entry's texture).
//
// Everything the cache keeps is in the region (cache_layout.h): a CacheHeader with the budgets and
// statistics; the entries in a FixedPool (handles are that pool's generation-checked handles); an
// open-addressing index id -> entry (cache_index.h) sized at creation; two intrusive LRU lists of
// entry indices; the bytes in a SlabAllocator carved from the same region. No pointers, so the
// region's bytes are the cache's whole state; the ResourceCache object is a view plus the
// process-side eviction callback.
//
// Pins: a handle pins its entry. acquire() and insert() pin (pins + 1), release() unpins. Handles of
// one entry are the same number, so offset() through a handle that its holder released still works
// while another holder pins the entry: the refcount is per entry, not per holder. An entry with no
// pins is evictable. The LRU lists hold only evictable entries, most recently released first: an
// entry's recency is when it stopped being used, so the tail is always the victim, found in O(1).
// Entries with GPU bytes are on a second list too, so that a VRAM shortage evicts the least recently
// used entry that holds VRAM without walking past those that hold none.
//
// Budgets are hard limits: no call ever leaves ram_bytes > ram_budget or vram_bytes > vram_budget.
// When pinned entries hold so much that a request cannot fit even after evicting every evictable
// entry, the call fails with BudgetExceeded and changes nothing (the streamer waits for releases, or
// fails when its caller asked not to wait). A request larger than the whole budget is SizeTooLarge:
// waiting would never help.
//
// The eviction callback runs for every entry that leaves the cache (an eviction or a remove()), after
// the entry is gone, so that the host can destroy the texture of that id. It must not call the cache.
//
// Not thread-safe, like every allocator of the core.
#pragma once

#include "cache_index.h"
#include "cache_layout.h"
#include "memory/fixed_pool.h"
#include "memory/region.h"
#include "memory/slab_allocator.h"
#include "memory/types.h"

namespace oc {

// A pinned entry: a FixedPool handle of the cache's entry pool (never 0).
using CacheHandle = Handle;

struct CacheConfig {
  u32 max_entries = 1024;  // entry records, 1 .. kPoolMaxCapacity
  u32 index_slots = 0;     // a power of two > max_entries; 0 = the power of two >= 2 * max_entries
  u32 data_bytes = 0;      // the slab span for the decoded bytes (> 0)
  u32 ram_budget = 0;      // > 0; counts the sizes given to insert()
  u32 vram_budget = 0;     // 0 refuses every texture
  SlabOptions slab = {};
};

struct CacheStats {
  u32 entries, pinned;
  u32 ram_bytes, vram_bytes, ram_peak, vram_peak, ram_budget, vram_budget;
  u64 hits, misses;          // hits + misses == acquire() calls
  u64 inserts, evictions, removals;  // entries == inserts - evictions - removals
  u64 evicted_bytes, evicted_gpu_bytes;  // RAM and GPU bytes of evicted entries
  u64 budget_failures;       // calls refused with BudgetExceeded
};

// What the cache holds for an id, read without touching it (no hit, no LRU move).
struct CacheEntryInfo {
  CacheHandle handle;
  u32 size, gpu_bytes, pins;
};

using CacheEvictFn = void (*)(void* user, u64 id, u32 gpu_bytes);

class ResourceCache {
 public:
  ResourceCache() = default;

  // Carves the header, the entry pool, the index and the slab (data_bytes of span) from the region.
  // InvalidArgument for a bad config; Exhausted (or the pool's and slab's own errors) when the region
  // is too small: then some of the region may already be carved (the assets region is the cache's).
  static Result<ResourceCache> create(Region& region, const CacheConfig& config) noexcept;

  // Hit: pins the entry (taking it off the LRU lists), counted as a hit. Otherwise Missing, counted
  // as a miss. Exhausted (not counted) when the entry already has 2^32 - 1 pins: a leak of pins.
  Result<CacheHandle> acquire(u64 id) noexcept;
  // Reserves size bytes (contents unspecified: the host writes them all) for a new entry, pinned once.
  // Evicts least recently used unpinned entries until the RAM budget, the entry records and the slab
  // have room. Errors: InvalidArgument (size 0, or id already present: the streamer dedupes requests,
  // so a duplicate is a bug of the caller), SizeTooLarge (size > ram_budget), BudgetExceeded (pinned
  // entries hold too much of the RAM budget, or every entry record; nothing changed), Exhausted (the
  // slab span is too small or too fragmented even with every unpinned entry evicted; those evictions
  // have happened).
  Result<CacheHandle> insert(u64 id, u32 size) noexcept;
  // Unpins. StaleHandle (the entry left the cache), ForeignHandle, InvalidArgument (0, a handle never
  // issued, or an entry with no pins).
  Status release(CacheHandle h) noexcept;
  // The bytes of a pinned entry: offset in the region and size. The same errors as release().
  Result<u32> offset(CacheHandle h) const noexcept;
  Result<u32> size(CacheHandle h) const noexcept;
  // Sets the GPU bytes of a pinned entry's texture (0 when the host destroyed it). Evicts least
  // recently used unpinned entries holding VRAM until the VRAM budget fits. Errors as release(),
  // plus SizeTooLarge (bytes > vram_budget) and BudgetExceeded (nothing changed).
  Status set_gpu_bytes(CacheHandle h, u32 bytes) noexcept;
  // Drops an unpinned entry (the callback runs). Missing, or InvalidArgument when pinned.
  Status remove(u64 id) noexcept;

  void set_evict_callback(CacheEvictFn fn, void* user) noexcept {
    evict_fn_ = fn;
    evict_user_ = user;
  }

  Result<CacheEntryInfo> info(u64 id) const noexcept;  // Missing when absent; no hit, no LRU move
  bool contains(u64 id) const noexcept { return index_.find(id) != 0; }
  CacheStats stats() const noexcept;
  // f(u64 id) for each unpinned entry, most recently used first (the order evictions take reversed).
  template <typename F>
  void for_each_unpinned(F&& f) const noexcept {
    for (u32 e = hdr_->ram_lru.head; e != 0; e = entry(e - 1).ram_next) f(entry(e - 1).id);
  }
  // Every invariant: lists, index, counters, budgets, pool and slab (CorruptState when broken).
  Status check() const noexcept;

  Offset header_offset() const noexcept { return region_->offset_of(hdr_); }
  bool valid() const noexcept { return hdr_ != nullptr; }

 private:
  CacheEntry& entry(u32 index) const noexcept {
    return *region_->at<CacheEntry>(entries_offset_ + index * entry_stride_);
  }
  // A pinned entry's index, or why not.
  Status pinned_entry(CacheHandle h, u32* index) const noexcept;
  void link(CacheList& list, u32 index, bool gpu) noexcept;    // at the head
  void unlink(CacheList& list, u32 index, bool gpu) noexcept;
  void pin(u32 index) noexcept;    // 0 -> 1: off the lists
  void unpin(u32 index) noexcept;  // 1 -> 0: onto the lists, most recent
  void drop(u32 index, bool eviction) noexcept;  // an unpinned entry leaves; the callback runs
  Status check_lists() const noexcept;

  Region* region_ = nullptr;
  CacheHeader* hdr_ = nullptr;
  FixedPool pool_;
  SlabAllocator slab_;
  CacheIndex index_;
  u32 entries_offset_ = 0;  // the pool's slot 0
  u32 entry_stride_ = 0;    // the pool's slot size
  CacheEvictFn evict_fn_ = nullptr;
  void* evict_user_ = nullptr;
};

}  // namespace oc
