// The resource cache's records in the region (fixed-width fields, no pointers: see DESIGN.md).
// Links are entry indices + 1 (0 = none): the FixedPool's slot indices, so a link survives any
// change of base address.
#pragma once

#include <cstddef>

#include "memory/types.h"

namespace oc {

constexpr u32 kCacheMagic = 0x4843434Fu;  // "OCCH" little-endian
constexpr u32 kCacheVersion = 1;

// One intrusive doubly linked LRU list: head is the most recently used.
struct CacheList {
  u32 head;   // entry index + 1
  u32 tail;
  u32 count;
  u32 bytes;  // RAM bytes (the RAM list) or GPU bytes (the VRAM list) of the entries on it
};
static_assert(sizeof(CacheList) == 16, "CacheList is a region record");

// An entry: a FixedPool slot. An unpinned entry is on the RAM list; an unpinned entry with GPU bytes
// is on the VRAM list too (so that a VRAM eviction finds its victim in O(1)). Pinned entries are on
// neither: they cannot be evicted, and the lists only ever hold candidates.
struct CacheEntry {
  u64 id;
  u32 handle;     // the pool handle that names this entry (an eviction frees it)
  u32 data;       // offset of the bytes (a slab block)
  u32 size;       // bytes asked for at insert (what the RAM budget counts)
  u32 gpu_bytes;  // reported by the host (what the VRAM budget counts)
  u32 pins;
  u32 ram_prev, ram_next;
  u32 gpu_prev, gpu_next;
  u32 reserved;
};
static_assert(sizeof(CacheEntry) == 48, "CacheEntry is a region record");
static_assert(offsetof(CacheEntry, handle) == 8 && offsetof(CacheEntry, pins) == 24 &&
                  offsetof(CacheEntry, gpu_next) == 40,
              "CacheEntry field offsets are fixed: the ABI step exposes them to TypeScript views");

// One slot of the id -> entry index (open addressing, linear probing, backward-shift deletion: no
// tombstones, so probe lengths do not degrade with churn).
struct CacheIndexSlot {
  u64 id;
  u32 entry;  // entry index + 1, 0 = empty
  u32 reserved;
};
static_assert(sizeof(CacheIndexSlot) == 16, "CacheIndexSlot is a region record");

// The cache's root record; everything else is found from its offsets.
struct CacheHeader {
  u32 magic;
  u32 version;
  u32 pool_offset;   // FixedPool header of the entries
  u32 slab_offset;   // SlabAllocator header of the decoded bytes
  u32 index_offset;  // CacheIndexSlot[index_slots]
  u32 index_slots;   // a power of two, > max_entries
  u32 max_entries;
  u32 ram_budget;
  u32 vram_budget;
  u32 ram_bytes;     // bytes of every entry, pinned or not
  u32 vram_bytes;
  u32 ram_peak;
  u32 vram_peak;
  u32 entries;
  u32 pinned;        // entries with pins > 0
  u32 reserved0;
  CacheList ram_lru;
  CacheList gpu_lru;
  u64 hits;
  u64 misses;
  u64 inserts;
  u64 evictions;
  u64 removals;
  u64 evicted_bytes;     // RAM bytes of evicted entries (removals not included)
  u64 evicted_gpu_bytes;
  u64 budget_failures;   // inserts and set_gpu_bytes refused with BudgetExceeded
};
static_assert(sizeof(CacheHeader) == 160, "CacheHeader is a region record");
static_assert(offsetof(CacheHeader, ram_lru) == 64 && offsetof(CacheHeader, hits) == 96,
              "CacheHeader field offsets are fixed: the ABI step exposes them to TypeScript views");

}  // namespace oc
