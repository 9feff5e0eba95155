// The acceptance test of the resource cache: 100,000 seeded random operations against a simple oracle
// (std::map of entries + std::list of unpinned ids in LRU order). After every operation the two must
// agree on the held ids, their sizes, GPU bytes and pins, the LRU order, the ids the eviction callback
// reported, and every statistic exactly; budgets are never exceeded and check() passes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <list>
#include <map>
#include <vector>

#include "memory/region.h"
#include "resources/resource_cache.h"
#include "support/splitmix.h"

namespace oc {
namespace {

constexpr u32 kIds = 160;          // the id space: large enough to miss, small enough to hit
constexpr u32 kMaxEntries = 48;
constexpr u32 kRamBudget = 256 * 1024;
constexpr u32 kVramBudget = 512 * 1024;
constexpr u32 kSteps = 100000;

struct ModelEntry {
  u32 size = 0, gpu = 0, pins = 0;
};

struct Model {
  std::map<u64, ModelEntry> entries;
  std::list<u64> lru;  // unpinned ids, most recent first
  CacheStats s{};
  std::vector<u64> evicted;  // ids, in callback order

  u32 pinned_ram() const {
    u32 n = 0;
    for (const auto& [id, e] : entries) n += e.pins != 0 ? e.size : 0;
    return n;
  }
  void drop(u64 id, bool eviction) {
    const ModelEntry e = entries.at(id);
    lru.remove(id);
    entries.erase(id);
    s.entries--;
    s.ram_bytes -= e.size;
    s.vram_bytes -= e.gpu;
    if (eviction) {
      s.evictions++;
      s.evicted_bytes += e.size;
      s.evicted_gpu_bytes += e.gpu;
    } else {
      s.removals++;
    }
    evicted.push_back(id);
  }
  void pin(u64 id) {
    ModelEntry& e = entries.at(id);
    if (e.pins++ == 0) {
      lru.remove(id);
      s.pinned++;
    }
  }
  void unpin(u64 id) {
    ModelEntry& e = entries.at(id);
    if (--e.pins == 0) {
      lru.push_front(id);
      s.pinned--;
    }
  }
  Status insert(u64 id, u32 size) {
    if (entries.count(id) != 0) return Status::InvalidArgument;
    if (size > s.ram_budget) return Status::SizeTooLarge;
    if (pinned_ram() + size > s.ram_budget || (s.entries == kMaxEntries && lru.empty())) {
      s.budget_failures++;
      return Status::BudgetExceeded;
    }
    while (s.ram_bytes + size > s.ram_budget || s.entries == kMaxEntries) drop(lru.back(), true);
    entries[id] = ModelEntry{size, 0, 1};
    s.entries++;
    s.pinned++;
    s.inserts++;
    s.ram_bytes += size;
    s.ram_peak = std::max(s.ram_peak, s.ram_bytes);
    return Status::Ok;
  }
  Status set_gpu(u64 id, u32 bytes) {
    if (bytes > s.vram_budget) return Status::SizeTooLarge;
    ModelEntry& e = entries.at(id);
    u32 unpinned_gpu = 0;
    for (u64 other : lru) unpinned_gpu += entries.at(other).gpu;
    const u32 others = s.vram_bytes - e.gpu;
    if (others - unpinned_gpu + bytes > s.vram_budget) {
      s.budget_failures++;
      return Status::BudgetExceeded;
    }
    while (s.vram_bytes - e.gpu + bytes > s.vram_budget) {
      auto victim = std::find_if(lru.rbegin(), lru.rend(), [&](u64 v) { return entries.at(v).gpu != 0; });
      drop(*victim, true);
    }
    s.vram_bytes = s.vram_bytes - e.gpu + bytes;
    e.gpu = bytes;
    s.vram_peak = std::max(s.vram_peak, s.vram_bytes);
    return Status::Ok;
  }
};

struct Held {
  CacheHandle h;
  u64 id;
};

u8 fill_of(u64 id) { return static_cast<u8>(id * 37 + 11); }

void expect_same(const ResourceCache& cache, const Model& m, const std::vector<u64>& evicted, u32 step) {
  const CacheStats a = cache.stats(), &b = m.s;
  ASSERT_EQ(a.entries, b.entries) << "step " << step;
  ASSERT_EQ(a.pinned, b.pinned) << "step " << step;
  ASSERT_EQ(a.ram_bytes, b.ram_bytes) << "step " << step;
  ASSERT_EQ(a.vram_bytes, b.vram_bytes) << "step " << step;
  ASSERT_EQ(a.ram_peak, b.ram_peak) << "step " << step;
  ASSERT_EQ(a.vram_peak, b.vram_peak) << "step " << step;
  ASSERT_EQ(a.hits, b.hits) << "step " << step;
  ASSERT_EQ(a.misses, b.misses) << "step " << step;
  ASSERT_EQ(a.inserts, b.inserts) << "step " << step;
  ASSERT_EQ(a.evictions, b.evictions) << "step " << step;
  ASSERT_EQ(a.removals, b.removals) << "step " << step;
  ASSERT_EQ(a.evicted_bytes, b.evicted_bytes) << "step " << step;
  ASSERT_EQ(a.evicted_gpu_bytes, b.evicted_gpu_bytes) << "step " << step;
  ASSERT_EQ(a.budget_failures, b.budget_failures) << "step " << step;
  ASSERT_LE(a.ram_bytes, a.ram_budget) << "step " << step;
  ASSERT_LE(a.vram_bytes, a.vram_budget) << "step " << step;
  ASSERT_EQ(a.entries, a.inserts - a.evictions - a.removals);
  ASSERT_EQ(evicted, m.evicted) << "step " << step;
  for (u64 id = 0; id < kIds; ++id) {
    const Result<CacheEntryInfo> info = cache.info(id);
    const auto it = m.entries.find(id);
    ASSERT_EQ(info.ok(), it != m.entries.end()) << "id " << id << " step " << step;
    if (!info.ok()) continue;
    ASSERT_EQ(info.value.size, it->second.size) << "id " << id << " step " << step;
    ASSERT_EQ(info.value.gpu_bytes, it->second.gpu) << "id " << id << " step " << step;
    ASSERT_EQ(info.value.pins, it->second.pins) << "id " << id << " step " << step;
  }
  std::vector<u64> order;
  cache.for_each_unpinned([&](u64 id) { order.push_back(id); });
  ASSERT_EQ(order, std::vector<u64>(m.lru.begin(), m.lru.end())) << "step " << step;
}

void run_model(u64 seed) {
  Region region;
  ASSERT_EQ(region.init(4u << 20), Status::Ok);
  CacheConfig cfg;
  cfg.max_entries = kMaxEntries;
  cfg.data_bytes = 3u << 20;  // ample beside the budget, so that slab fragmentation never decides
  cfg.ram_budget = kRamBudget;
  cfg.vram_budget = kVramBudget;
  Result<ResourceCache> created = ResourceCache::create(region, cfg);
  ASSERT_EQ(created.status, Status::Ok);
  ResourceCache cache = created.value;
  std::vector<u64> evicted;
  cache.set_evict_callback([](void* user, u64 id, u32) { static_cast<std::vector<u64>*>(user)->push_back(id); },
                           &evicted);

  Model m;
  m.s.ram_budget = kRamBudget;
  m.s.vram_budget = kVramBudget;
  std::vector<Held> held;          // one element per pin this test holds
  std::vector<CacheHandle> stale;  // handles of entries that left
  std::map<u64, CacheHandle> handle_of;
  test::SplitMix64 rng(seed);
  u64 acquires = 0;
  u32 seen[3] = {};  // RAM refusals, VRAM refusals, stale handles tried

  for (u32 step = 0; step < kSteps; ++step) {
    const u32 op = rng.below(100);
    const u64 id = rng.below(kIds);
    if (op < 30) {  // insert: mostly small, sometimes large, rarely over the budget
      const u32 size = rng.chance(2) ? kRamBudget + 1 + rng.below(100)
                       : rng.chance(20) ? 4096 + rng.below(60000) : 1 + rng.below(4096);
      const Result<CacheHandle> r = cache.insert(id, size);
      ASSERT_EQ(r.status, m.insert(id, size)) << "insert step " << step;
      seen[0] += r.status == Status::BudgetExceeded;
      if (r.ok()) {
        held.push_back({r.value, id});
        handle_of[id] = r.value;
        const Result<u32> off = cache.offset(r.value);
        ASSERT_TRUE(off.ok());
        std::memset(region.base() + off.value, fill_of(id), size);
      }
    } else if (op < 55) {  // acquire
      const Result<CacheHandle> r = cache.acquire(id);
      acquires++;
      if (m.entries.count(id) != 0) {
        ASSERT_EQ(r.status, Status::Ok) << "acquire step " << step;
        m.s.hits++;
        m.pin(id);
        held.push_back({r.value, id});
      } else {
        ASSERT_EQ(r.status, Status::Missing) << "acquire step " << step;
        m.s.misses++;
      }
    } else if (op < 83 && !held.empty()) {  // release a pin, checking its bytes first
      const u32 k = rng.below(static_cast<u32>(held.size()));
      const Held x = held[k];
      held.erase(held.begin() + k);
      const Result<u32> off = cache.offset(x.h);
      const Result<u32> size = cache.size(x.h);
      ASSERT_TRUE(off.ok() && size.ok()) << "step " << step;
      const u8* bytes = region.base() + off.value;
      ASSERT_EQ(bytes[0], fill_of(x.id)) << "step " << step;
      ASSERT_EQ(bytes[size.value - 1], fill_of(x.id)) << "step " << step;
      ASSERT_EQ(bytes[size.value / 2], fill_of(x.id)) << "step " << step;
      ASSERT_EQ(cache.release(x.h), Status::Ok) << "step " << step;
      m.unpin(x.id);
    } else if (op < 93 && !held.empty()) {  // a texture upload (or its destruction) for a held entry
      const Held x = held[rng.below(static_cast<u32>(held.size()))];
      const u32 bytes = rng.chance(10) ? 0 : rng.chance(3) ? kVramBudget + 1 : 1 + rng.below(128 * 1024);
      const Status s = cache.set_gpu_bytes(x.h, bytes);
      ASSERT_EQ(s, m.set_gpu(x.id, bytes)) << "set_gpu_bytes step " << step;
      seen[1] += s == Status::BudgetExceeded;
    } else if (op < 97) {  // remove
      const Status s = cache.remove(id);
      const auto it = m.entries.find(id);
      const Status want = it == m.entries.end() ? Status::Missing
                          : it->second.pins != 0 ? Status::InvalidArgument : Status::Ok;
      ASSERT_EQ(s, want) << "remove step " << step;
      if (s == Status::Ok) m.drop(id, false);
    } else if (!stale.empty()) {  // a handle of an entry that left
      const CacheHandle h = stale[rng.below(static_cast<u32>(stale.size()))];
      ASSERT_EQ(cache.release(h), Status::StaleHandle) << "step " << step;
      ASSERT_EQ(cache.offset(h).status, Status::StaleHandle) << "step " << step;
      seen[2]++;
    }
    expect_same(cache, m, evicted, step);
    if (::testing::Test::HasFatalFailure()) return;
    ASSERT_EQ(cache.stats().hits + cache.stats().misses, acquires) << "step " << step;
    // Handles of entries that left the cache become the stale ones; none of them may be pinned.
    for (u64 gone : evicted) {
      for (const Held& x : held) ASSERT_NE(x.id, gone) << "a pinned entry left, step " << step;
      stale.push_back(handle_of.at(gone));
      handle_of.erase(gone);
    }
    if (stale.size() > 256) stale.erase(stale.begin(), stale.begin() + 128);
    evicted.clear();
    m.evicted.clear();
    if (step % 8 == 0) {
      ASSERT_EQ(cache.check(), Status::Ok) << "step " << step;
    }
  }
  EXPECT_GT(seen[0], 100u) << "RAM back-pressure never exercised";
  EXPECT_GT(seen[1], 100u) << "VRAM back-pressure never exercised";
  EXPECT_GT(seen[2], 100u) << "stale handles never tried";
  EXPECT_GT(m.s.evictions, 1000u);
  EXPECT_GT(m.s.hits, 1000u);
  EXPECT_GT(m.s.misses, 1000u);
  EXPECT_EQ(cache.check(), Status::Ok);
}

TEST(ResourceCacheModel, HundredThousandStepsAgreeWithTheOracle) { run_model(0x5EED0006u); }

}  // namespace
}  // namespace oc
