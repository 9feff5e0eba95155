// A region that hosts a resource cache belongs to the cache (wasm/abi_cache_guard.h): the snapshot
// and rewind entry points refuse it, so that old bytes never come back under the cache's eviction
// queue, and they accept the region again once the cache is gone.
#include <gtest/gtest.h>

#include <vector>

#include "memory/types.h"
#include "wasm/abi.h"

namespace {

using u8 = std::uint8_t;
using u32 = std::uint32_t;

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }
constexpr int32_t kInvalidArgument = static_cast<int32_t>(oc::Status::InvalidArgument);

struct CacheRegion {
  u32 region = oc_region_create(1u << 20, 0);
  u32 cache = 0;
  CacheRegion() {
    EXPECT_NE(region, 0u);
    cache = oc_cache_create(region, 8, 256 * 1024, 4000, 1000);
    EXPECT_NE(cache, 0u) << oc_status_name(oc_last_status());
  }
  ~CacheRegion() { oc_region_destroy(region); }
};

TEST(AbiCacheRegion, SnapshotsOfACacheRegionAreRefused) {
  CacheRegion c;
  std::vector<u8> out(oc_snapshot_max_size(c.region) + 4096);
  const u32 cap = static_cast<u32>(out.size());
  EXPECT_EQ(oc_snapshot_capture(c.region, addr(out.data()), cap, 0), 0u);
  EXPECT_EQ(oc_last_status(), kInvalidArgument);
  const char report[] = "{}";
  EXPECT_EQ(oc_snapshot_capture_report(c.region, addr(out.data()), cap, 0, addr(report), 2), 0u);
  EXPECT_EQ(oc_last_status(), kInvalidArgument);

  // A snapshot of another region must not land on the cache's region either.
  const u32 other = oc_region_create(1u << 20, 0);
  ASSERT_NE(other, 0u);
  const u32 n = oc_snapshot_capture(other, addr(out.data()), cap, 0);
  ASSERT_NE(n, 0u) << oc_status_name(oc_last_status());
  EXPECT_EQ(oc_snapshot_capture_delta(c.region, addr(out.data()), n, addr(out.data()) + n, cap - n, 0), 0u);
  EXPECT_EQ(oc_last_status(), kInvalidArgument);
  EXPECT_EQ(oc_snapshot_restore(c.region, addr(out.data()), n, 0, 0), kInvalidArgument);
  EXPECT_EQ(oc_cache_check(c.cache), 0);  // the cache is untouched

  // Once the cache is destroyed the region is an ordinary region again.
  EXPECT_EQ(oc_cache_destroy(c.cache), 0);
  EXPECT_NE(oc_snapshot_capture(c.region, addr(out.data()), cap, 0), 0u) << oc_status_name(oc_last_status());
  oc_region_destroy(other);
}

TEST(AbiCacheRegion, RewindRingsOfACacheRegionAreRefused) {
  CacheRegion c;
  EXPECT_EQ(oc_rewind_create(c.region, 1u << 20), 0u);
  EXPECT_EQ(oc_last_status(), kInvalidArgument);

  // A ring made before the cache: rewinding it would bring back bytes from under the cache.
  const u32 region = oc_region_create(1u << 20, 0);
  ASSERT_NE(region, 0u);
  const u32 ring = oc_rewind_create(region, 1u << 20);
  ASSERT_NE(ring, 0u) << oc_status_name(oc_last_status());
  ASSERT_EQ(oc_rewind_push(ring), 0);
  const u32 cache = oc_cache_create(region, 8, 256 * 1024, 4000, 1000);
  ASSERT_NE(cache, 0u) << oc_status_name(oc_last_status());
  ASSERT_EQ(oc_rewind_push(ring), 0);
  EXPECT_EQ(oc_rewind_rewind(ring, 1), kInvalidArgument);
  EXPECT_EQ(oc_cache_check(cache), 0);
  EXPECT_EQ(oc_rewind_destroy(ring), 0);
  oc_region_destroy(region);
}

}  // namespace
