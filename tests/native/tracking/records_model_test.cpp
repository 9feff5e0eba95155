// The record table and its index against a std::map oracle: random allocations and frees with the
// table nearly full (small index, long probe runs, backward-shift deletions everywhere) never lose a
// record, never find a wrong one, and the leak queries see exactly the live blocks.
#include <algorithm>
#include <iterator>
#include <map>

#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::random_u32;
using testing_support::small_options;
using testing_support::World;

TEST(TrackerRecords, RandomTrafficMatchesAnOracle) {
  World w;
  w.init(small_options(TrackMode::Full, 64));  // index of 128 buckets
  Tracker& t = *w.tracker;
  const u32 a = t.site_label("a", 1);
  const u32 b = t.site_label("b", 1);
  std::map<Offset, u32> live;  // slab offset -> site
  std::vector<Handle> handles;
  u64 rng = 12345;
  for (u32 step = 0; step < 20000; ++step) {
    const u32 r = random_u32(rng) % 100;
    const u32 total = static_cast<u32>(live.size() + handles.size());
    if (r < 50 && total < 62) {
      const u32 site = random_u32(rng) % 2 == 0 ? a : b;
      if (r < 35) {
        const Offset off = w.slab.alloc(1 + random_u32(rng) % 600, 16, nullptr, Site::id(site));
        ASSERT_NE(off, kNullOffset);
        ASSERT_EQ(live.count(off), 0u);
        live[off] = site;
      } else {
        const Handle h = w.pool.alloc(nullptr, Site::id(site));
        ASSERT_NE(h, kNullHandle);
        handles.push_back(h);
      }
    } else if (r < 80 && !live.empty()) {
      auto it = live.begin();
      std::advance(it, random_u32(rng) % live.size());
      ASSERT_EQ(w.slab.free(it->first), Status::Ok);
      live.erase(it);
    } else if (!handles.empty()) {
      const size_t i = random_u32(rng) % handles.size();
      ASSERT_EQ(w.pool.free(handles[i]), Status::Ok);
      handles[i] = handles.back();
      handles.pop_back();
    }
    ASSERT_EQ(w.h().records_used, live.size() + handles.size()) << step;
  }
  EXPECT_EQ(w.h().overflow, 0u);
  EXPECT_EQ(w.h().unrecorded_frees, 0u);
  EXPECT_EQ(w.h().misuse_total, 0u);
  // Every live block is found under its own site.
  std::vector<LeakGroup> groups(8);
  u32 n = 0;
  ASSERT_EQ(t.older_than(0, 0, groups.data(), 8, &n), Status::Ok);
  u32 seen = 0;
  for (u32 i = 0; i < n; ++i) seen += groups[i].count;
  EXPECT_EQ(seen, live.size() + handles.size());
  for (const auto& kv : live) ASSERT_EQ(w.slab.free(kv.first), Status::Ok);
  for (Handle h : handles) ASSERT_EQ(w.pool.free(h), Status::Ok);
  EXPECT_EQ(w.h().records_used, 0u);
  EXPECT_EQ(w.h().unrecorded_frees, 0u);
  // The index is empty again: no stale entry survived a deletion.
  const auto* index = reinterpret_cast<const TrackIndexEntry*>(w.dbg() + w.h().index_offset);
  for (u32 i = 0; i < w.h().index_capacity; ++i) EXPECT_EQ(index[i].offset, 0u) << i;
}

TEST(TrackerRecords, SitesFromIdsContextAndFileLines) {
  World w;
  w.init(small_options(TrackMode::Full));
  Tracker& t = *w.tracker;
  const u32 label = t.site_label("spawner", 7);
  const u32 ctx = t.site_label("context", 7);
  t.set_context(0, ctx);
  const Offset by_id = w.slab.alloc(16, 16, nullptr, Site::id(label));
  const Offset by_ctx = w.slab.alloc(16, 16, nullptr, Site::none());
  const Offset by_bad_id = w.slab.alloc(16, 16, nullptr, Site::id(9999));
  t.set_context(0, 0);
  const Offset by_line = w.slab.alloc(16);
  const u32 line = __LINE__ - 1;
  std::vector<LeakGroup> groups(8);
  u32 n = 0;
  ASSERT_EQ(t.older_than(0, 0, groups.data(), 8, &n), Status::Ok);
  ASSERT_EQ(n, 4u);
  std::vector<std::string> sites;
  for (u32 i = 0; i < n; ++i) sites.push_back(w.site(groups[i].site));
  std::sort(sites.begin(), sites.end());
  std::vector<std::string> want = {"(unknown)", "context", "spawner", testing_support::site_here(__FILE__, line)};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(sites, want);
  (void)by_id;
  (void)by_ctx;
  (void)by_bad_id;
  (void)by_line;
}

TEST(TrackerRecords, DetachDropsTheRegionAndReattachRegistersAgain) {
  World w;
  w.init(small_options(TrackMode::Full));
  Tracker& t = *w.tracker;
  const Offset a = w.slab.alloc(100);
  const Handle h = w.pool.alloc();
  ASSERT_NE(h, kNullHandle);
  EXPECT_EQ(w.h().records_used, 2u);
  t.detach(w.state);
  EXPECT_EQ(w.h().records_used, 0u);
  EXPECT_EQ(w.state.counter_sink(), nullptr);
  ASSERT_EQ(w.slab.free(a), Status::Ok);  // unseen
  ASSERT_EQ(t.attach(w.state, "again", 5), Status::Ok);
  EXPECT_EQ(w.h().records_used, 1u);  // the pool slot, registered
  ASSERT_EQ(w.pool.free(h), Status::Ok);
  EXPECT_EQ(w.h().records_used, 0u);
  EXPECT_EQ(w.h().unrecorded_frees, 0u);
  EXPECT_NE(w.report().find("\"regions\":[{\"name\":\"again\""), std::string::npos);
}

}  // namespace
}  // namespace oc
