// The resource cache through the C ABI (wasm/abi_cache.cpp), natively: ids as (lo, hi), the eviction
// queue the host drains, the stats words, the ABI's own failures (unknown ids, null pointers), and
// that a cache id dies with its region.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "resources/asset_header.h"
#include "resources/cache_layout.h"
#include "resources/resource_id.h"
#include "wasm/abi.h"

namespace oc {
namespace {

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }
int32_t st(Status s) { return static_cast<int32_t>(s); }
u32 lo(u64 v) { return static_cast<u32>(v); }
u32 hi(u64 v) { return static_cast<u32>(v >> 32); }

struct Evicted {
  u64 id;
  u32 gpu;
  u32 reserved;
};

// A region with one cache: budgets small enough that a test reaches them in a few inserts.
struct AbiCache {
  u32 region = 0;
  u32 cache = 0;
  explicit AbiCache(u32 max_entries = 8, u32 ram = 4000, u32 vram = 1000) {
    region = oc_region_create(1u << 20, 0);
    EXPECT_NE(region, 0u);
    cache = oc_cache_create(region, max_entries, 256 * 1024, ram, vram);
    EXPECT_NE(cache, 0u) << oc_last_status();
  }
  ~AbiCache() { oc_region_destroy(region); }
  u32 insert(u64 id, u32 size) { return oc_cache_insert(cache, lo(id), hi(id), size); }
  u32 acquire(u64 id) { return oc_cache_acquire(cache, lo(id), hi(id)); }
  std::vector<Evicted> take() {
    std::vector<Evicted> out(64);
    const u32 n = oc_cache_take_evictions(cache, addr(out.data()), 64);
    out.resize(n);
    return out;
  }
  std::vector<u32> stats() {
    std::vector<u32> w(OC_CACHE_STATS_WORDS);
    EXPECT_EQ(oc_cache_stats(cache, addr(w.data())), 0);
    return w;
  }
};

TEST(AbiCache, InsertAcquireReleaseWithSixtyFourBitIds) {
  AbiCache c;
  const u64 id = 0x0123456789abcdefull;
  const u32 h = c.insert(id, 100);
  ASSERT_NE(h, 0u);
  EXPECT_EQ(oc_cache_size(c.cache, h), 100u);
  const u32 off = oc_cache_offset(c.cache, h);
  ASSERT_NE(off, 0u);
  u8* bytes = reinterpret_cast<u8*>(oc_region_base(c.region)) + off;
  memset(bytes, 0x5a, 100);
  EXPECT_EQ(oc_cache_contains(c.cache, lo(id), hi(id)), 1);
  // Only the full 64-bit id names the entry.
  EXPECT_EQ(oc_cache_contains(c.cache, lo(id), 0), 0);
  EXPECT_EQ(c.acquire(lo(id)), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::Missing));

  u32 info[OC_CACHE_INFO_WORDS];
  EXPECT_EQ(oc_cache_info(c.cache, lo(id), hi(id), addr(info)), 0);
  EXPECT_EQ(info[0], h);
  EXPECT_EQ(info[1], 100u);
  EXPECT_EQ(info[2], 0u);
  EXPECT_EQ(info[3], 1u);
  EXPECT_EQ(oc_cache_info(c.cache, 1, 2, addr(info)), st(Status::Missing));

  EXPECT_EQ(oc_cache_release(c.cache, h), 0);
  const u32 again = c.acquire(id);
  EXPECT_EQ(again, h);
  EXPECT_EQ(oc_cache_offset(c.cache, again), off);
  EXPECT_EQ(bytes[99], 0x5a);
  EXPECT_EQ(oc_cache_release(c.cache, again), 0);
  EXPECT_EQ(oc_cache_release(c.cache, again), st(Status::InvalidArgument));  // no pins left

  const std::vector<u32> w = c.stats();
  EXPECT_EQ(w[0], 1u);    // entries
  EXPECT_EQ(w[1], 0u);    // pinned
  EXPECT_EQ(w[2], 100u);  // ram_bytes
  EXPECT_EQ(w[6], 4000u);
  EXPECT_EQ(w[7], 1000u);
  EXPECT_EQ(w[8], 1u);    // hits_lo
  EXPECT_EQ(w[10], 1u);   // misses_lo: the acquire with the high half missing
  EXPECT_EQ(w[12], 1u);   // inserts_lo
  EXPECT_EQ(w[24], 0u);   // lost evictions
  EXPECT_EQ(oc_cache_check(c.cache), 0);
}

TEST(AbiCache, EvictionsAreQueuedOldestFirstWithTheirGpuBytes) {
  AbiCache c;
  for (u64 id = 1; id <= 4; ++id) {
    const u32 h = c.insert(id, 1000);
    ASSERT_NE(h, 0u);
    if (id == 2) {
      EXPECT_EQ(oc_cache_set_gpu_bytes(c.cache, h, 300), 0);
    }
    EXPECT_EQ(oc_cache_release(c.cache, h), 0);
  }
  EXPECT_TRUE(c.take().empty());
  // 4000 of 4000 bytes used: 2500 more evict the three least recently released (1, 2, 3).
  const u32 h = c.insert(5, 2500);
  ASSERT_NE(h, 0u);
  const std::vector<Evicted> ev = c.take();
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_EQ(ev[0].id, 1u);
  EXPECT_EQ(ev[0].gpu, 0u);
  EXPECT_EQ(ev[1].id, 2u);
  EXPECT_EQ(ev[1].gpu, 300u);
  EXPECT_EQ(ev[2].id, 3u);
  EXPECT_EQ(ev[2].reserved, 0u);
  EXPECT_TRUE(c.take().empty());  // drained

  // A removal is queued too.
  EXPECT_EQ(oc_cache_remove(c.cache, 4, 0), 0);
  const std::vector<Evicted> removed = c.take();
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].id, 4u);
  EXPECT_EQ(oc_cache_remove(c.cache, 4, 0), st(Status::Missing));
  EXPECT_EQ(oc_cache_remove(c.cache, 5, 0), st(Status::InvalidArgument));  // pinned

  const std::vector<u32> w = c.stats();
  EXPECT_EQ(w[14], 3u);     // evictions
  EXPECT_EQ(w[16], 1u);     // removals
  EXPECT_EQ(w[18], 3000u);  // evicted bytes
  EXPECT_EQ(w[20], 300u);   // evicted gpu bytes
}

TEST(AbiCache, TakeEvictionsInSmallBatches) {
  AbiCache c(8, 8000);
  for (u64 id = 1; id <= 8; ++id) EXPECT_EQ(oc_cache_release(c.cache, c.insert(id, 1000)), 0);
  ASSERT_NE(c.insert(100, 7500), 0u);  // evicts 1..8 (the record of 8 is needed too)
  Evicted two[2];
  std::vector<u64> ids;
  for (;;) {
    const u32 n = oc_cache_take_evictions(c.cache, addr(two), 2);
    for (u32 i = 0; i < n; ++i) ids.push_back(two[i].id);
    if (n < 2) break;
  }
  EXPECT_EQ(ids, (std::vector<u64>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(AbiCache, TakeEvictionsRefusesARangeThatWraps) {
  AbiCache c(8, 8000);
  for (u64 id = 1; id <= 2; ++id) EXPECT_EQ(oc_cache_release(c.cache, c.insert(id, 1000)), 0);
  ASSERT_NE(c.insert(100, 7500), 0u);  // evicts 1 and 2
  // out_ptr + max * 16 past the end of the address space: refused before anything is written.
  const uintptr_t near_end = UINTPTR_MAX - 31;
  EXPECT_EQ(oc_cache_take_evictions(c.cache, near_end, 4), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_take_evictions(c.cache, 0, 0), 0u);  // nothing asked, nothing wrong
  EXPECT_EQ(oc_last_status(), st(Status::Ok));
  EXPECT_EQ(c.take().size(), 2u);  // the refusals took nothing
}

TEST(AbiCache, BudgetFailuresChangeNothing) {
  AbiCache c;
  const u32 pinned = c.insert(1, 3000);
  ASSERT_NE(pinned, 0u);
  EXPECT_EQ(c.insert(2, 1500), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::BudgetExceeded));
  EXPECT_EQ(c.insert(3, 4001), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::SizeTooLarge));
  EXPECT_EQ(c.insert(1, 10), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  EXPECT_EQ(c.insert(4, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_set_gpu_bytes(c.cache, pinned, 1001), st(Status::SizeTooLarge));
  const std::vector<u32> w = c.stats();
  EXPECT_EQ(w[0], 1u);
  EXPECT_EQ(w[2], 3000u);
  EXPECT_EQ(w[22], 1u);  // budget failures
  EXPECT_TRUE(c.take().empty());
}

TEST(AbiCache, UnknownIdsAndNullPointers) {
  EXPECT_EQ(oc_cache_create(0, 8, 4096, 100, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_acquire(0, 1, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_release(15, 1), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_release(99, 1), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_stats(3, 0), st(Status::InvalidArgument));
  AbiCache c;
  EXPECT_EQ(oc_cache_stats(c.cache, 0), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_info(c.cache, 0, 0, 0), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_take_evictions(c.cache, 0, 4), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_take_evictions(c.cache, 0, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::Ok));
  EXPECT_EQ(oc_cache_region(c.cache), c.region);
  // The header offset leads to the cache's header in the region.
  const u32 header = oc_cache_header(c.cache);
  ASSERT_NE(header, 0u);
  CacheHeader h;
  memcpy(&h, reinterpret_cast<const u8*>(oc_region_base(c.region)) + header, sizeof h);
  EXPECT_EQ(h.magic, kCacheMagic);
  EXPECT_EQ(h.ram_budget, 4000u);
  // A bad config is the core's InvalidArgument.
  EXPECT_EQ(oc_cache_create(c.region, 0, 4096, 100, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
}

TEST(AbiCache, IdsDieWithTheirRegionOrDestroy) {
  const u32 region = oc_region_create(1u << 20, 0);
  const u32 cache = oc_cache_create(region, 4, 64 * 1024, 1000, 0);
  ASSERT_NE(cache, 0u);
  ASSERT_NE(oc_cache_insert(cache, 1, 0, 10), 0u);
  EXPECT_EQ(oc_region_destroy(region), 0);
  EXPECT_EQ(oc_cache_contains(cache, 1, 0), 0);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_check(cache), st(Status::InvalidArgument));

  const u32 r2 = oc_region_create(1u << 20, 0);
  const u32 c2 = oc_cache_create(r2, 4, 64 * 1024, 1000, 0);
  ASSERT_NE(c2, 0u);
  EXPECT_EQ(oc_cache_destroy(c2), 0);
  EXPECT_EQ(oc_cache_destroy(c2), st(Status::InvalidArgument));
  EXPECT_EQ(oc_cache_check(c2), st(Status::InvalidArgument));
  oc_region_destroy(r2);
}

TEST(AbiCache, ResourceIdMatchesTheCore) {
  const char* paths[] = {"LEVEL1\\TILES\\A.PID", "/level1/tiles/a.pid", "", "//x", "\xc3\xa9t\xc3\x89"};
  for (const char* p : paths) {
    u64 out = 0;
    EXPECT_EQ(oc_resource_id(addr(p), static_cast<u32>(strlen(p)), addr(&out)), 0);
    EXPECT_EQ(out, resource_id(p)) << p;
  }
  u64 a = 0, b = 0;
  oc_resource_id(addr(paths[0]), static_cast<u32>(strlen(paths[0])), addr(&a));
  oc_resource_id(addr(paths[1]), static_cast<u32>(strlen(paths[1])), addr(&b));
  EXPECT_EQ(a, b);
  EXPECT_EQ(oc_resource_id(0, 3, addr(&a)), st(Status::InvalidArgument));
  EXPECT_EQ(oc_resource_id(addr(paths[0]), 1, 0), st(Status::InvalidArgument));
  EXPECT_EQ(oc_resource_id(0, 0, addr(&a)), 0);  // the empty path is "/"
}

TEST(AbiCache, LayoutTableListsTheCacheRecordsAndAssetHeader) {
  const u32 len = oc_layout_table(0, 0);
  std::string text(len, '\0');
  ASSERT_EQ(oc_layout_table(addr(text.data()), len), len);
  for (const char* line : {"CacheHeader sizeof 160\n", "CacheHeader.hits 96 8\n", "CacheEntry sizeof 48\n",
                           "CacheEntry.pins 24 4\n", "CacheIndexSlot sizeof 16\n", "CacheList.bytes 12 4\n",
                           "AssetHeader sizeof 16\n", "AssetHeader.offset_y 14 2\n", "AssetHeader.width 8 2\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line;
  }
  // After the tracker's tables: the snapshot layout id does not include them.
  EXPECT_GT(text.find("CacheHeader"), text.find("TrackerHeader"));
}

}  // namespace
}  // namespace oc
