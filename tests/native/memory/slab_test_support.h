// Helpers shared by the slab and TLSF tests: byte-pattern checks, stats comparison, a region with a slab.
#pragma once

#include <gtest/gtest.h>

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

}  // namespace oc::test_support
