// Helpers shared by the slab and TLSF tests: byte-pattern checks, stats comparison, a region with a slab.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "memory/region.h"
#include "memory/slab_allocator.h"

namespace oc::test_support {

inline bool all_bytes(const u8* p, u32 n, u8 v) {
  for (u32 i = 0; i < n; ++i) {
    if (p[i] != v) return false;
  }
  return true;
}

// Everything a refused call must leave unchanged.
inline bool same_stats(const SlabStats& a, const SlabStats& b) {
  return a.reserved_bytes == b.reserved_bytes && a.live_bytes == b.live_bytes && a.live_blocks == b.live_blocks &&
         a.pages_in_use == b.pages_in_use && a.failures == b.failures && a.total_allocs == b.total_allocs &&
         a.total_frees == b.total_frees;
}

struct SlabFixture {
  Region region;
  SlabAllocator slab;
  SlabFixture(u32 region_bytes, u32 arena_bytes, SlabOptions options = {}) {
    EXPECT_EQ(region.init(region_bytes), Status::Ok);
    Result<SlabAllocator> r = SlabAllocator::create(region, arena_bytes, options);
    EXPECT_EQ(r.status, Status::Ok);
    slab = r.value;
  }
  u8* at(Offset off) const { return region.base() + off; }
};

// Allocates a mix of class blocks (700 B) and fallback blocks (6000 B) through alloc (raw = false)
// or alloc_raw (raw = true) until the slab refuses; returns the blocks, and the refusal in *last.
inline std::vector<Offset> fill_until_refused(SlabAllocator& s, bool raw, Status* last) {
  std::vector<Offset> live;
  Status st = Status::Ok;
  for (u32 i = 0; st == Status::Ok; ++i) {
    const u32 size = i % 3 == 0 ? 6000 : 700;
    const Offset off = raw ? s.alloc_raw(size, 16, &st) : s.alloc(size, 16, &st);
    if (st == Status::Ok) live.push_back(off);
  }
  *last = st;
  return live;
}

// Arguments every slab allocation call (alloc and alloc_raw) must refuse, for a slab whose span is
// under 5 MiB, with the status each must give.
struct BadAllocCase {
  const char* what;
  u32 size, align;
  Status want;
};
inline constexpr BadAllocCase kBadAllocCases[] = {
    {"size 0", 0, 16, Status::InvalidArgument},
    {"size larger than the span", 5u << 20, 16, Status::SizeTooLarge},
    {"size 4 GiB - 1", 0xFFFFFFFFu, 16, Status::SizeTooLarge},
    {"alignment 0", 16, 0, Status::BadAlignment},
    {"alignment 3", 16, 3, Status::BadAlignment},
    {"alignment not a power of two", 16, 48, Status::BadAlignment},
    {"alignment not a power of two, fallback size", 5000, 48, Status::BadAlignment},
    {"alignment above the maximum", 16, 2 * kSlabMaxAlign, Status::BadAlignment},
};

}  // namespace oc::test_support
