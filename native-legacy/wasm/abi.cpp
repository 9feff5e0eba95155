// The C ABI: id tables, status, regions and allocator introspection. Pool, slab and arena entry
// points live in abi_pool.cpp, abi_slab.cpp and abi_arena.cpp; cross-build checks in abi_checks.cpp.
#include "wasm/abi.h"

#include "memory/region_check.h"
#include "wasm/abi_tables.h"

namespace oc::abi {

Region* g_regions[kMaxRegions];
AllocatorSlot g_slots[kMaxAllocators];
FixedPool g_pools[kMaxAllocators];
SlabAllocator g_slabs[kMaxAllocators];
FrameArena g_arenas[kMaxAllocators];
Status g_last_status = Status::Ok;

namespace {
u32 g_next_allocator = 1;
u32 g_next_region = 1;

// Round-robin over [1, limit): the next free id after the last one handed out, 0 when all are taken.
template <typename Free>
u32 next_free_id(u32& cursor, u32 limit, Free&& is_free) noexcept {
  for (u32 n = 0; n < limit - 1; ++n) {
    u32 id = cursor;
    cursor = cursor + 1 < limit ? cursor + 1 : 1;
    if (is_free(id)) return id;
  }
  return 0;
}

void clear_allocator(u32 id) noexcept {
  g_slots[id] = AllocatorSlot{Kind::None, 0};
  g_pools[id] = FixedPool{};
  g_slabs[id] = SlabAllocator{};
  g_arenas[id] = FrameArena{};
}

// The allocator's header inside its region, or nullptr for an unknown id.
const AllocatorHeader* header_of(u32 id) noexcept {
  if (id == 0 || id >= kMaxAllocators) return nullptr;
  Region* r = region_of(g_slots[id].region);
  switch (g_slots[id].kind) {
    case Kind::Pool: return r->at<AllocatorHeader>(g_pools[id].header_offset());
    case Kind::Slab: return r->at<AllocatorHeader>(g_slabs[id].header_offset());
    case Kind::Arena: return r->at<AllocatorHeader>(g_arenas[id].header_offset());
    case Kind::None: break;
  }
  return nullptr;
}

}  // namespace

u32 reserve_allocator(u32 region, Kind kind) noexcept {
  u32 id = next_free_id(g_next_allocator, kMaxAllocators,
                        [](u32 i) { return g_slots[i].kind == Kind::None; });
  if (id != 0) g_slots[id] = AllocatorSlot{kind, region};
  return id;
}

void release_allocator(u32 id) noexcept { clear_allocator(id); }

}  // namespace oc::abi

using namespace oc;
using namespace oc::abi;

extern "C" {

uint32_t oc_abi_version(void) {
  set_status(Status::Ok);
  return OC_ABI_VERSION;
}

int32_t oc_last_status(void) { return last_status(); }

const char* oc_status_name(int32_t status) {
  set_status(Status::Ok);
  return status_name(static_cast<Status>(status));
}

/* ---- regions ---------------------------------------------------------------------------------- */

uint32_t oc_region_create(uint32_t size, uint32_t flags) {
  if (size == 0 || (flags & ~static_cast<u32>(kRegionHugePages)) != 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 id = next_free_id(g_next_region, kMaxRegions, [](u32 i) { return g_regions[i] == nullptr; });
  if (id == 0) {
    set_status(Status::TooManyAllocators);
    return 0;
  }
  RegionOptions options;
  options.flags = flags;
  Result<Region*> r = Region::create(size, options);
  if (!r.ok()) {
    set_status(r.status);
    return 0;
  }
  g_regions[id] = r.value;
  set_status(Status::Ok);
  return id;
}

int32_t oc_region_destroy(uint32_t region) {
  Region* r = region_of(region);
  if (r == nullptr) return set_status(Status::InvalidArgument);
  trackers_forget_region(region);  // trackers keep pointers to the Region object
  caches_forget_region(region);    // and so do caches
  for (u32 id = 1; id < kMaxAllocators; ++id) {
    if (g_slots[id].kind != Kind::None && g_slots[id].region == region) release_allocator(id);
  }
  delete r;
  g_regions[region] = nullptr;
  return set_status(Status::Ok);
}

uintptr_t oc_region_base(uint32_t region) {
  Region* r = region_of(region);
  set_status(r ? Status::Ok : Status::InvalidArgument);
  return r ? reinterpret_cast<uintptr_t>(r->base()) : 0;
}

uint32_t oc_region_size(uint32_t region) {
  Region* r = region_of(region);
  set_status(r ? Status::Ok : Status::InvalidArgument);
  return r ? r->size() : 0;
}

uint32_t oc_region_used(uint32_t region) {
  Region* r = region_of(region);
  set_status(r ? Status::Ok : Status::InvalidArgument);
  return r ? r->used() : 0;
}

int32_t oc_region_check(uint32_t region) {
  Region* r = region_of(region);
  if (r == nullptr) return set_status(Status::InvalidArgument);
  // Every allocator found in the region's bytes, not only those this layer created (a restore may
  // have brought others).
  return set_status(check_region_and_allocators(*r));
}

int32_t oc_region_hash(uint32_t region, uintptr_t out_u64_ptr) {
  Region* r = region_of(region);
  if (r == nullptr || out_u64_ptr == 0) return set_status(Status::InvalidArgument);
  u64 h = r->hash();
  memcpy(reinterpret_cast<void*>(out_u64_ptr), &h, sizeof h);
  return set_status(Status::Ok);
}

/* ---- any allocator ---------------------------------------------------------------------------- */

uint32_t oc_allocator_kind(uint32_t allocator) {
  const AllocatorHeader* h = header_of(allocator);
  set_status(h ? Status::Ok : Status::InvalidArgument);
  return h ? h->kind : 0;
}

uint32_t oc_allocator_region(uint32_t allocator) {
  const AllocatorHeader* h = header_of(allocator);
  set_status(h ? Status::Ok : Status::InvalidArgument);
  return h ? g_slots[allocator].region : 0;
}

uint32_t oc_allocator_header(uint32_t allocator) {
  const AllocatorHeader* h = header_of(allocator);
  set_status(h ? Status::Ok : Status::InvalidArgument);
  return h ? region_of(g_slots[allocator].region)->offset_of(h) : 0;
}

uint32_t oc_allocator_tag(uint32_t allocator) {
  const AllocatorHeader* h = header_of(allocator);
  set_status(h ? Status::Ok : Status::InvalidArgument);
  return h ? h->id : 0;
}

int32_t oc_allocator_check(uint32_t allocator) {
  if (allocator == 0 || allocator >= kMaxAllocators) return set_status(Status::InvalidArgument);
  switch (g_slots[allocator].kind) {
    case Kind::Pool: return set_status(g_pools[allocator].check());
    case Kind::Slab: return set_status(g_slabs[allocator].check());
    case Kind::Arena: return set_status(g_arenas[allocator].check());
    case Kind::None: break;
  }
  return set_status(Status::InvalidArgument);
}

}  // extern "C"
