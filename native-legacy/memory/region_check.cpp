// The whole-region check (see region_check.h).
#include "region_check.h"

#include "fixed_pool.h"
#include "frame_arena.h"
#include "slab_allocator.h"

namespace oc {

Status check_allocator(Region& region, const AllocatorHeader& h) noexcept {
  const Offset off = region.offset_of(&h);
  switch (h.kind) {
    case kKindPool: {
      const Result<FixedPool> p = FixedPool::attach(region, off);
      return p.ok() ? p.value.check() : p.status;
    }
    case kKindSlab: {
      const Result<SlabAllocator> s = SlabAllocator::attach(region, off);
      return s.ok() ? s.value.check() : s.status;
    }
    case kKindArena: {
      const Result<FrameArena> a = FrameArena::attach(region, off);
      return a.ok() ? a.value.check() : a.status;
    }
    default: return Status::CorruptState;
  }
}

Status check_region_and_allocators(Region& region) noexcept {
  Status s = region.check();
  if (s != Status::Ok) return s;
  region.for_each_allocator([&](const AllocatorHeader& h) {
    if (s == Status::Ok) s = check_allocator(region, h);
  });
  return s;
}

}  // namespace oc
