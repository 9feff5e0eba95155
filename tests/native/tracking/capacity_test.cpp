// The tracker at capacity: with 16 records, 100 allocations all succeed, exactly 84 go unrecorded
// (overflow), the tag totals stay exact, and the frees of the unrecorded blocks are counted exactly.
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

TEST(TrackerCapacity, SlabAllocationsBeyondTheRecordsSucceedAndAreCountedExactly) {
  World w;
  w.init(small_options(TrackMode::Full, 16));
  const u32 tag = w.new_tag("bulk");
  w.tracker->set_context(tag, 0);
  std::vector<Offset> blocks;
  u64 bytes = 0;
  for (u32 i = 0; i < 100; ++i) {
    Status s = Status::Ok;
    const Offset off = w.slab.alloc(16 + (i % 7) * 30, 16, &s);
    ASSERT_EQ(s, Status::Ok) << i;
    ASSERT_NE(off, kNullOffset);
    blocks.push_back(off);
    bytes += w.slab.usable_size(off).value;
  }
  EXPECT_EQ(w.h().records_used, 16u);
  EXPECT_EQ(w.h().overflow, 84u);
  w.tracker->publish();
  EXPECT_EQ(w.tag(tag).allocs, 100u);
  EXPECT_EQ(w.tag(tag).live_count, 100u);
  EXPECT_EQ(w.tag(tag).live_bytes, bytes);
  EXPECT_EQ(w.tag(tag).bytes_allocated, bytes);
  for (Offset off : blocks) ASSERT_EQ(w.slab.free(off), Status::Ok);
  EXPECT_EQ(w.h().unrecorded_frees, 84u);
  EXPECT_EQ(w.h().records_used, 0u);
  w.tracker->publish();
  EXPECT_EQ(w.tag(tag).frees, 100u);
  EXPECT_EQ(w.tag(tag).live_count, 0u);
  EXPECT_EQ(w.tag(tag).live_bytes, 0u);
  EXPECT_EQ(w.h().overflow, 84u);
}

TEST(TrackerCapacity, PoolsAndArenasOverflowTooAndRecordsAreReusedAfterFrees) {
  World w;
  w.init(small_options(TrackMode::Full, 16));
  std::vector<Handle> handles(100);
  ASSERT_EQ(w.pool.alloc_many(handles.data(), 60), Status::Ok);
  for (u32 i = 60; i < 100; ++i) handles[i] = w.pool.alloc();
  for (Handle h : handles) ASSERT_NE(h, kNullHandle);
  EXPECT_EQ(w.h().overflow, 84u);
  // Free 10 recorded and 10 unrecorded ones: exactly 10 unrecorded frees, 10 records free again.
  for (u32 i = 0; i < 10; ++i) ASSERT_EQ(w.pool.free(handles[i]), Status::Ok);
  for (u32 i = 90; i < 100; ++i) ASSERT_EQ(w.pool.free(handles[i]), Status::Ok);
  EXPECT_EQ(w.h().unrecorded_frees, 10u);
  EXPECT_EQ(w.h().records_used, 6u);
  for (u32 i = 0; i < 20; ++i) ASSERT_NE(w.arena.alloc(32), kNullOffset);
  EXPECT_EQ(w.h().records_used, 16u);
  EXPECT_EQ(w.h().overflow, 84u + 10u);
  w.arena.reset();  // releases the arena's 10 records
  EXPECT_EQ(w.h().records_used, 6u);
  w.tracker->publish();
  const TrackTag& untagged = w.tag(kTrackUntagged);
  EXPECT_EQ(untagged.allocs, 120u);
  EXPECT_EQ(untagged.frees, 40u);  // 20 pool frees, 20 arena allocations released by the reset
  EXPECT_EQ(untagged.live_count, 80u);
  EXPECT_EQ(untagged.live_bytes, 80u * w.pool.header().slot_size);
  ASSERT_EQ(w.pool.free_many(handles.data() + 10, 80), Status::Ok);
  EXPECT_EQ(w.h().records_used, 0u);
  EXPECT_EQ(w.h().unrecorded_frees, 10u + 74u);
}

TEST(TrackerCapacity, FullSiteTableGivesUnknownSitesNotFailures) {
  World w;
  TrackerOptions o = small_options(TrackMode::Full);
  o.sites = 2;
  w.init(o);
  const Offset a = w.slab.alloc(16);
  const Offset b = w.slab.alloc(16);
  const Offset c = w.slab.alloc(16);  // third line: no room for its site
  ASSERT_NE(c, kNullOffset);
  EXPECT_EQ(w.h().site_count, 2u);
  EXPECT_EQ(w.h().records_used, 3u);
  const std::vector<LeakGroup> all = [&] {
    std::vector<LeakGroup> g(8);
    u32 n = 0;
    EXPECT_EQ(w.tracker->older_than(0, 0, g.data(), 8, &n), Status::Ok);
    g.resize(n);
    return g;
  }();
  ASSERT_EQ(all.size(), 3u);
  u32 unknown = 0;
  for (const LeakGroup& g : all) unknown += g.site == 0 ? 1 : 0;
  EXPECT_EQ(unknown, 1u);
  EXPECT_EQ(w.site(0), "(unknown)");
  (void)a;
  (void)b;
}

}  // namespace
}  // namespace oc
