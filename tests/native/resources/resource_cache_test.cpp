// ResourceCache: each operation and each status, LRU order, pins, stale handles, the callback.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "memory/region.h"
#include "resources/resource_cache.h"
#include "resources/resource_id.h"

namespace oc {
namespace {

struct Evicted {
  std::vector<std::pair<u64, u32>> calls;
  static void record(void* user, u64 id, u32 gpu) { static_cast<Evicted*>(user)->calls.emplace_back(id, gpu); }
};

class ResourceCacheTest : public ::testing::Test {
 protected:
  void make(u32 max_entries, u32 ram_budget, u32 vram_budget, u32 data_bytes = 256 * 1024) {
    ASSERT_EQ(region.init(1u << 20), Status::Ok);
    CacheConfig cfg;
    cfg.max_entries = max_entries;
    cfg.data_bytes = data_bytes;
    cfg.ram_budget = ram_budget;
    cfg.vram_budget = vram_budget;
    Result<ResourceCache> r = ResourceCache::create(region, cfg);
    ASSERT_EQ(r.status, Status::Ok);
    cache = r.value;
    cache.set_evict_callback(&Evicted::record, &evicted);
  }
  CacheHandle put(u64 id, u32 size) {
    Result<CacheHandle> r = cache.insert(id, size);
    EXPECT_EQ(r.status, Status::Ok) << status_name(r.status);
    return r.value;
  }
  std::vector<u64> lru() const {
    std::vector<u64> ids;
    cache.for_each_unpinned([&](u64 id) { ids.push_back(id); });
    return ids;
  }
  void TearDown() override {
    if (cache.valid()) {
      EXPECT_EQ(cache.check(), Status::Ok);
    }
  }

  Region region;
  ResourceCache cache;
  Evicted evicted;
};

TEST(ResourceId, NormalisesAndIsPinned) {
  // FNV-1a 64 of "/level1/tiles/action/000.pid": hosts store ids, so the value must never change.
  EXPECT_EQ(resource_id("/level1/tiles/action/000.pid"), 0x3ab807cefb3a4ed0ull);
  EXPECT_EQ(resource_id("LEVEL1\\TILES\\ACTION\\000.PID"), 0x3ab807cefb3a4ed0ull);
  EXPECT_EQ(resource_id("level1/tiles/action/000.pid"), 0x3ab807cefb3a4ed0ull);
  EXPECT_EQ(resource_id("//level1/tiles/action/000.pid"), 0x3ab807cefb3a4ed0ull);
  EXPECT_NE(resource_id("/level1/tiles/action/001.pid"), 0x3ab807cefb3a4ed0ull);
  EXPECT_EQ(resource_id(""), resource_id("/"));
}

TEST(ResourceCacheCreate, RejectsBadConfigs) {
  Region region;
  ASSERT_EQ(region.init(1u << 20), Status::Ok);
  CacheConfig ok;
  ok.max_entries = 8;
  ok.data_bytes = 64 * 1024;
  ok.ram_budget = 64 * 1024;
  CacheConfig c = ok;
  c.max_entries = 0;
  EXPECT_EQ(ResourceCache::create(region, c).status, Status::InvalidArgument);
  c = ok;
  c.index_slots = 8;  // must exceed max_entries
  EXPECT_EQ(ResourceCache::create(region, c).status, Status::InvalidArgument);
  c.index_slots = 12;  // not a power of two
  EXPECT_EQ(ResourceCache::create(region, c).status, Status::InvalidArgument);
  c = ok;
  c.data_bytes = 0;
  EXPECT_EQ(ResourceCache::create(region, c).status, Status::InvalidArgument);
  c = ok;
  c.ram_budget = 0;
  EXPECT_EQ(ResourceCache::create(region, c).status, Status::InvalidArgument);
  c = ok;
  c.data_bytes = 4u << 20;  // more than the region
  EXPECT_EQ(ResourceCache::create(region, c).status, Status::Exhausted);
}

TEST_F(ResourceCacheTest, InsertGivesPinnedBytesInTheRegion) {
  make(8, 10000, 0);
  const CacheHandle h = put(1, 1000);
  const Result<u32> off = cache.offset(h);
  ASSERT_EQ(off.status, Status::Ok);
  EXPECT_TRUE(region.contains(off.value, 1000));
  EXPECT_EQ(off.value % 16, 0u);
  EXPECT_EQ(cache.size(h).value, 1000u);
  const CacheStats s = cache.stats();
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.pinned, 1u);
  EXPECT_EQ(s.ram_bytes, 1000u);
  EXPECT_EQ(s.ram_peak, 1000u);
  EXPECT_EQ(s.inserts, 1u);
}

TEST_F(ResourceCacheTest, InsertErrors) {
  make(8, 10000, 0);
  put(1, 100);
  EXPECT_EQ(cache.insert(2, 0).status, Status::InvalidArgument);
  EXPECT_EQ(cache.insert(1, 100).status, Status::InvalidArgument);  // duplicates are the streamer's to merge
  EXPECT_EQ(cache.insert(3, 10001).status, Status::SizeTooLarge);
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.stats().budget_failures, 0u);
}

TEST_F(ResourceCacheTest, AcquireHitsPinsAndMissesCount) {
  make(8, 10000, 0);
  const CacheHandle h = put(7, 100);
  EXPECT_EQ(cache.acquire(8).status, Status::Missing);
  const Result<CacheHandle> again = cache.acquire(7);
  ASSERT_EQ(again.status, Status::Ok);
  EXPECT_EQ(again.value, h);
  EXPECT_EQ(cache.info(7).value.pins, 2u);
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 1u);
  EXPECT_EQ(cache.info(8).status, Status::Missing);
}

TEST_F(ResourceCacheTest, ReleaseUnpinsAndRefusesUnpinned) {
  make(8, 10000, 0);
  const CacheHandle h = put(7, 100);
  ASSERT_EQ(cache.acquire(7).status, Status::Ok);
  EXPECT_EQ(cache.release(h), Status::Ok);
  EXPECT_EQ(cache.stats().pinned, 1u);
  EXPECT_EQ(cache.release(h), Status::Ok);
  EXPECT_EQ(cache.stats().pinned, 0u);
  EXPECT_EQ(cache.release(h), Status::InvalidArgument);
  EXPECT_EQ(cache.offset(h).status, Status::InvalidArgument);  // bytes are reachable only while pinned
  EXPECT_EQ(cache.size(h).status, Status::InvalidArgument);
  EXPECT_EQ(cache.release(kNullHandle), Status::InvalidArgument);
  EXPECT_EQ(cache.release(0x7F000001u), Status::ForeignHandle);
}

TEST_F(ResourceCacheTest, EvictsLeastRecentlyReleasedFirst) {
  make(8, 400, 0);
  const CacheHandle a = put(1, 100), b = put(2, 100), c = put(3, 100);
  ASSERT_EQ(cache.release(b), Status::Ok);
  ASSERT_EQ(cache.release(a), Status::Ok);
  ASSERT_EQ(cache.release(c), Status::Ok);
  EXPECT_EQ(lru(), (std::vector<u64>{3, 1, 2}));
  // Touching 2 makes it the most recent once released again.
  const CacheHandle b2 = cache.acquire(2).value;
  ASSERT_EQ(cache.release(b2), Status::Ok);
  EXPECT_EQ(lru(), (std::vector<u64>{2, 3, 1}));
  put(4, 200);  // needs 100 more than free: evicts 1 only
  EXPECT_EQ(evicted.calls, (std::vector<std::pair<u64, u32>>{{1, 0}}));
  EXPECT_FALSE(cache.contains(1));
  put(5, 200);  // needs 200: evicts 3, then 2
  EXPECT_EQ(evicted.calls, (std::vector<std::pair<u64, u32>>{{1, 0}, {3, 0}, {2, 0}}));
  const CacheStats s = cache.stats();
  EXPECT_EQ(s.evictions, 3u);
  EXPECT_EQ(s.evicted_bytes, 300u);
  EXPECT_EQ(s.ram_bytes, 400u);
}

TEST_F(ResourceCacheTest, PinnedEntriesAreNeverEvictedAndRefusalsChangeNothing) {
  make(8, 400, 0);
  put(1, 150);
  const CacheHandle b = put(2, 150);
  put(3, 100);
  ASSERT_EQ(cache.release(b), Status::Ok);
  // 250 pinned; 200 more can never fit, even evicting 2.
  EXPECT_EQ(cache.insert(4, 200).status, Status::BudgetExceeded);
  EXPECT_TRUE(cache.contains(2));
  EXPECT_TRUE(evicted.calls.empty());
  EXPECT_EQ(cache.stats().budget_failures, 1u);
  put(4, 150);  // fits by evicting 2
  EXPECT_FALSE(cache.contains(2));
  EXPECT_TRUE(cache.contains(1));
  EXPECT_TRUE(cache.contains(3));
}

TEST_F(ResourceCacheTest, EntryRecordsAreABudgetToo) {
  make(2, 10000, 0);
  const CacheHandle a = put(1, 10);
  put(2, 10);
  EXPECT_EQ(cache.insert(3, 10).status, Status::BudgetExceeded);
  ASSERT_EQ(cache.release(a), Status::Ok);
  put(3, 10);  // the record of 1 is taken back
  EXPECT_FALSE(cache.contains(1));
}

TEST_F(ResourceCacheTest, StaleHandlesFailAfterEvictionAndReuse) {
  make(1, 1000, 0);
  const CacheHandle a = put(1, 100);
  ASSERT_EQ(cache.release(a), Status::Ok);
  const CacheHandle b = put(2, 100);  // evicts 1 and reuses its record
  EXPECT_NE(a, b);
  EXPECT_EQ(cache.release(a), Status::StaleHandle);
  EXPECT_EQ(cache.offset(a).status, Status::StaleHandle);
  EXPECT_EQ(cache.set_gpu_bytes(a, 1), Status::StaleHandle);
  ASSERT_EQ(cache.release(b), Status::Ok);
  ASSERT_EQ(cache.remove(2), Status::Ok);
  EXPECT_EQ(cache.release(b), Status::StaleHandle);  // freed, not yet reused
  const CacheHandle c = put(1, 100);  // the first id back in the same record
  EXPECT_EQ(cache.release(a), Status::StaleHandle);
  EXPECT_EQ(cache.release(b), Status::StaleHandle);
  EXPECT_EQ(cache.offset(c).status, Status::Ok);
}

TEST_F(ResourceCacheTest, RemoveDropsUnpinnedOnly) {
  make(8, 1000, 1000);
  const CacheHandle h = put(1, 100);
  ASSERT_EQ(cache.set_gpu_bytes(h, 64), Status::Ok);
  EXPECT_EQ(cache.remove(1), Status::InvalidArgument);
  EXPECT_EQ(cache.remove(9), Status::Missing);
  ASSERT_EQ(cache.release(h), Status::Ok);
  EXPECT_EQ(cache.remove(1), Status::Ok);
  EXPECT_EQ(evicted.calls, (std::vector<std::pair<u64, u32>>{{1, 64}}));
  const CacheStats s = cache.stats();
  EXPECT_EQ(s.removals, 1u);
  EXPECT_EQ(s.evictions, 0u);
  EXPECT_EQ(s.ram_bytes, 0u);
  EXPECT_EQ(s.vram_bytes, 0u);
  EXPECT_EQ(s.vram_peak, 64u);
}

TEST_F(ResourceCacheTest, VramEvictsLeastRecentEntriesHoldingVram) {
  make(8, 10000, 1000);
  const CacheHandle a = put(1, 10), b = put(2, 10), c = put(3, 10), d = put(4, 10);
  ASSERT_EQ(cache.set_gpu_bytes(a, 400), Status::Ok);
  ASSERT_EQ(cache.set_gpu_bytes(c, 400), Status::Ok);
  for (CacheHandle h : {a, b, c}) ASSERT_EQ(cache.release(h), Status::Ok);
  // 1 is the least recent overall, 2 holds no VRAM: 600 more needs 1 gone, and only 1.
  ASSERT_EQ(cache.set_gpu_bytes(d, 600), Status::Ok);
  EXPECT_EQ(evicted.calls, (std::vector<std::pair<u64, u32>>{{1, 400}}));
  EXPECT_TRUE(cache.contains(2));
  EXPECT_EQ(cache.stats().vram_bytes, 1000u);
  EXPECT_EQ(cache.stats().evicted_gpu_bytes, 400u);
  // Shrinking never evicts; growing past what pinned entries leave is refused with no change.
  ASSERT_EQ(cache.set_gpu_bytes(d, 500), Status::Ok);
  const CacheHandle c2 = cache.acquire(3).value;
  EXPECT_EQ(cache.set_gpu_bytes(d, 700), Status::BudgetExceeded);
  EXPECT_EQ(cache.info(4).value.gpu_bytes, 500u);
  EXPECT_EQ(cache.stats().budget_failures, 1u);
  EXPECT_EQ(cache.set_gpu_bytes(d, 1001), Status::SizeTooLarge);
  ASSERT_EQ(cache.release(c2), Status::Ok);
  ASSERT_EQ(cache.set_gpu_bytes(d, 1000), Status::Ok);
  EXPECT_FALSE(cache.contains(3));
  EXPECT_EQ(cache.stats().vram_peak, 1000u);
}

TEST_F(ResourceCacheTest, SlabShortageEvictsThenFailsWithExhausted) {
  // The budget is larger than the slab span: the span is what runs out.
  make(8, 1u << 20, 0, 64 * 1024);
  const CacheHandle a = put(1, 30000);
  ASSERT_EQ(cache.release(a), Status::Ok);
  const CacheHandle b = put(2, 30000);
  put(3, 30000);  // does not fit beside both: 1 goes
  EXPECT_FALSE(cache.contains(1));
  ASSERT_EQ(cache.release(b), Status::Ok);
  EXPECT_EQ(cache.insert(4, 60000).status, Status::Exhausted);
  EXPECT_FALSE(cache.contains(2));  // evicted on the way, as the header says
  EXPECT_TRUE(cache.contains(3));
}

TEST_F(ResourceCacheTest, CheckFindsABrokenList) {
  make(8, 1000, 0);
  const CacheHandle a = put(1, 10);
  ASSERT_EQ(cache.release(a), Status::Ok);
  ASSERT_EQ(cache.check(), Status::Ok);
  CacheHeader* h = region.at<CacheHeader>(cache.header_offset());
  h->ram_lru.count = 2;
  EXPECT_EQ(cache.check(), Status::CorruptState);
  h->ram_lru.count = 1;
}

TEST(ResourceCacheLayout, StatusNames) {
  EXPECT_STREQ(status_name(Status::BudgetExceeded), "BudgetExceeded");
  EXPECT_STREQ(status_name(Status::Missing), "Missing");
  EXPECT_EQ(static_cast<i32>(Status::BudgetExceeded), 30);
  EXPECT_EQ(static_cast<i32>(Status::Missing), 31);
}

}  // namespace
}  // namespace oc
