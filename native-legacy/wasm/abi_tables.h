// The ABI's id tables: regions and allocators handed to the TypeScript layer as small integers.
// Internal to native-legacy/wasm/. Separate arrays per allocator kind keep the hot pool calls to one
// bounds check and one load: oc_pool_alloc(id) reads g_pools[id] and nothing else.
#pragma once

#include <stdint.h>
#include <string.h>

#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/region.h"
#include "memory/slab_allocator.h"
#include "memory/types.h"

namespace oc::abi {

constexpr u32 kMaxRegions = 64;        // ids 1..63
constexpr u32 kMaxAllocators = 1024;   // ids 1..1023, shared by every kind

enum class Kind : u32 { None = 0, Pool, Slab, Arena };

struct AllocatorSlot {
  Kind kind;
  u32 region;  // ABI region id
};

extern Region* g_regions[kMaxRegions];
extern AllocatorSlot g_slots[kMaxAllocators];
extern FixedPool g_pools[kMaxAllocators];     // valid() only where g_slots[id].kind == Pool
extern SlabAllocator g_slabs[kMaxAllocators];
extern FrameArena g_arenas[kMaxAllocators];
extern Status g_last_status;  // a Status, so hot calls can pass &g_last_status to the allocators

inline i32 set_status(Status s) noexcept {
  g_last_status = s;
  return static_cast<i32>(s);
}
inline i32 last_status() noexcept { return static_cast<i32>(g_last_status); }

inline Region* region_of(u32 id) noexcept { return id < kMaxRegions ? g_regions[id] : nullptr; }

// The ABI kind of an allocator kind found in a region's bytes (AllocatorHeader::kind).
inline Kind kind_of(u32 allocator_kind) noexcept {
  switch (allocator_kind) {
    case kKindPool: return Kind::Pool;
    case kKindSlab: return Kind::Slab;
    case kKindArena: return Kind::Arena;
    default: return Kind::None;
  }
}

// The slot of an allocator of this kind, or nullptr (and InvalidArgument as the last status).
inline bool is_kind(u32 id, Kind k) noexcept { return id < kMaxAllocators && g_slots[id].kind == k; }

// Reserves an allocator id for `region` (TooManyAllocators when the table is full). Ids are handed
// out round-robin so that an id freed by oc_region_destroy is not reused at once: a stale id held by
// a caller then fails with InvalidArgument instead of reaching another allocator.
u32 reserve_allocator(u32 region, Kind kind) noexcept;
void release_allocator(u32 id) noexcept;

// Writes u32 words to linear memory (natively: a pointer).
inline void put_words(uintptr_t ptr, const u32* words, u32 n) noexcept {
  // memcpy: the caller's buffer need not be 4-byte aligned natively.
  memcpy(reinterpret_cast<void*>(ptr), words, n * sizeof(u32));
}
// Replacing a region's bytes (a restore, a rewind) invalidates the cached views behind its ABI
// allocator ids. Before: save_region_tags() records each id's in-region id (read through the old
// views). After: reattach_region_allocators() points each id at the allocator with that tag in the
// new bytes, or releases it when there is none of the same kind (abi_reattach.cpp).
void save_region_tags(u32 region, u32* tags /* [kMaxAllocators] */) noexcept;
void reattach_region_allocators(u32 region, const u32* tags) noexcept;

// An ABI allocator id's allocator id inside its region (its handle tag), 0 for an unknown id.
inline u32 in_region_id(u32 id) noexcept {
  if (id == 0 || id >= kMaxAllocators) return 0;
  switch (g_slots[id].kind) {
    case Kind::Pool: return g_pools[id].id();
    case Kind::Slab: return g_slabs[id].id();
    case Kind::Arena: return g_arenas[id].id();
    case Kind::None: break;
  }
  return 0;
}

// Before a region goes: detaches it from the trackers it was attached to through this layer, and
// destroys the trackers whose debug region it is (abi_tracking.cpp).
void trackers_forget_region(u32 region) noexcept;
// True when `region` is the debug region of a live tracker (abi_tracking.cpp). Such a region belongs
// to its tracker, which trusts its ring indices and tables there: snapshots, restores and rewind
// rings of it are refused (InvalidArgument).
bool region_hosts_tracker(u32 region) noexcept;

// Before a region goes: forgets the resource caches carved in it (abi_cache.cpp).
void caches_forget_region(u32 region) noexcept;

inline u32 lo32(u64 v) noexcept { return static_cast<u32>(v); }
inline u32 hi32(u64 v) noexcept { return static_cast<u32>(v >> 32); }

}  // namespace oc::abi
