// The post-restore exercise (see exercise.h).
#include "fuzz/exercise.h"

#include <vector>

#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/region_check.h"
#include "memory/slab_allocator.h"
#include "memory/workload.h"

namespace oc::fuzz {

namespace {

const char* use_pool(Region& r, Offset at) {
  const Result<FixedPool> attached = FixedPool::attach(r, at);
  if (!attached.ok()) return "a pool of an accepted state does not attach";
  FixedPool p = attached.value;
  std::vector<Handle> live;
  p.walk([&](Handle h, Offset) { live.push_back(h); });
  for (const Handle h : live) {
    if (p.free(h) != Status::Ok) return "freeing a walked pool handle failed";
  }
  u32 got = 0;
  Status s = Status::Ok;
  while (s == Status::Ok) got += p.alloc(&s) != kNullHandle ? 1 : 0;
  if (got != p.header().capacity || s != Status::Exhausted) return "an emptied pool did not refill to capacity";
  return nullptr;
}

const char* use_slab(Region& r, Offset at) {
  const Result<SlabAllocator> attached = SlabAllocator::attach(r, at);
  if (!attached.ok()) return "a slab of an accepted state does not attach";
  SlabAllocator s = attached.value;
  std::vector<Offset> live;
  s.walk([&](Offset off, u32) { live.push_back(off); });
  for (const Offset off : live) {
    if (s.free(off) != Status::Ok) return "freeing a walked slab block failed";
  }
  u32 size = 1;
  for (u32 i = 0; i < 200; ++i) {
    size = (size * 1103515245u + 12345u) % 9000 + 1;
    Status st;
    const Offset off = s.alloc(size, i % 7 == 0 ? 64 : 16, &st);
    if (st != Status::Ok && st != Status::Exhausted) return "a slab allocation failed with neither Ok nor Exhausted";
    if (st == Status::Ok && i % 3 == 0 && s.free(off) != Status::Ok) return "freeing a fresh slab block failed";
  }
  return nullptr;
}

const char* use_arena(Region& r, Offset at) {
  const Result<FrameArena> attached = FrameArena::attach(r, at);
  if (!attached.ok()) return "an arena of an accepted state does not attach";
  FrameArena a = attached.value;
  a.reset();
  a.alloc(64);
  a.alloc(100, 64);
  return nullptr;
}

}  // namespace

const char* exercise(Region& region) noexcept {
  std::vector<Offset> headers;
  std::vector<u32> kinds;
  region.for_each_allocator([&](AllocatorHeader& h) {
    headers.push_back(region.offset_of(&h));
    kinds.push_back(h.kind);
  });
  // The workload first, while its tables still name the live blocks.
  if (region.root() != 0) {
    Result<Workload> w = Workload::attach(region);
    if (w.ok()) {
      for (u32 i = 0; i < 4; ++i) w.value.step(i);
      const Status s = check_region_and_allocators(region);
      if (s != Status::Ok) return "the workload of an accepted state broke its allocators";
    }
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    const char* why = kinds[i] == kKindPool   ? use_pool(region, headers[i])
                      : kinds[i] == kKindSlab ? use_slab(region, headers[i])
                                              : use_arena(region, headers[i]);
    if (why != nullptr) return why;
  }
  if (check_region_and_allocators(region) != Status::Ok) return "an accepted state failed its check after use";
  return nullptr;
}

}  // namespace oc::fuzz
