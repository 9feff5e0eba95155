// Re-attaching a region's ABI allocator ids after its bytes were replaced (see abi_tables.h): the
// views in g_pools/g_slabs/g_arenas cache pointers and geometry read from the old bytes.
#include "wasm/abi_tables.h"

namespace oc::abi {

namespace {

Status attach_id(u32 id, Region& r, const AllocatorHeader& h) noexcept {
  const Offset off = r.offset_of(&h);
  switch (g_slots[id].kind) {
    case Kind::Pool: {
      const Result<FixedPool> p = FixedPool::attach(r, off);
      if (p.ok()) g_pools[id] = p.value;
      return p.status;
    }
    case Kind::Slab: {
      const Result<SlabAllocator> s = SlabAllocator::attach(r, off);
      if (s.ok()) g_slabs[id] = s.value;
      return s.status;
    }
    case Kind::Arena: {
      const Result<FrameArena> a = FrameArena::attach(r, off);
      if (a.ok()) g_arenas[id] = a.value;
      return a.status;
    }
    case Kind::None: break;
  }
  return Status::InvalidArgument;
}

}  // namespace

void save_region_tags(u32 region, u32* tags) noexcept {
  tags[0] = 0;
  for (u32 id = 1; id < kMaxAllocators; ++id) {
    tags[id] = g_slots[id].kind != Kind::None && g_slots[id].region == region ? in_region_id(id) : 0;
  }
}

void reattach_region_allocators(u32 region, const u32* tags) noexcept {
  Region* r = region_of(region);
  if (r == nullptr) return;
  for (u32 id = 1; id < kMaxAllocators; ++id) {
    if (tags[id] == 0) continue;
    const AllocatorHeader* h = r->find_allocator(tags[id]);
    // An allocator of another kind under the same tag is a different allocator: the id goes.
    if (h == nullptr || kind_of(h->kind) != g_slots[id].kind || attach_id(id, *r, *h) != Status::Ok) {
      release_allocator(id);
    }
  }
}

}  // namespace oc::abi
