// Marks and leak deltas through real allocators (full mode): seeded leaks are found exactly (tags,
// sites as file:line of the calls below, counts, bytes), a thousand clean load/unload cycles report
// nothing, and the mark rules (expiry, restore, mode) hold.
#include <algorithm>

#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::site_here;
using testing_support::small_options;
using testing_support::World;

struct Expected {
  std::string tag, site;
  u32 count;
  u64 bytes;
};

TEST(TrackerLeaks, SeededLeaksAreFoundExactlyWithTheirSites) {
  World w;
  w.init(small_options(TrackMode::Full));
  Tracker& t = *w.tracker;
  const u32 audio = w.tag_subsystems().audio;  // the allocators' defaults: actors, tiles, scratch

  // Live before the mark: never a leak of it.
  const Handle before = w.pool.alloc();
  const Offset before_slab = w.slab.alloc(200);
  ASSERT_NE(before, kNullHandle);
  ASSERT_NE(before_slab, kNullOffset);

  const u32 mark = t.mark();
  ASSERT_GE(mark, 1u);

  std::vector<Handle> pool_leaks;
  const u32 pool_line = __LINE__ + 1;
  for (int i = 0; i < 3; ++i) pool_leaks.push_back(w.pool.alloc());
  std::vector<Offset> slab_leaks;
  const u32 slab_line = __LINE__ + 1;
  for (int i = 0; i < 2; ++i) slab_leaks.push_back(w.slab.alloc(100));
  t.set_context(audio, 0);
  const u32 audio_line = __LINE__ + 1;
  const Offset big = w.slab.alloc(5000);  // a fallback block
  t.set_context(0, 0);
  const u32 top_before = w.arena.marker();
  const u32 arena_line = __LINE__ + 1;
  const Offset scratch_block = w.arena.alloc(40, 64);
  const u32 arena_bytes = w.arena.marker() - top_before;
  ASSERT_NE(scratch_block, kNullOffset);

  // Made and freed after the mark: not leaks.
  for (int i = 0; i < 5; ++i) {
    const Handle h = w.pool.alloc();
    const Offset o = w.slab.alloc(48);
    ASSERT_EQ(w.pool.free(h), Status::Ok);
    ASSERT_EQ(w.slab.free(o), Status::Ok);
  }
  const u32 m = w.arena.marker();
  ASSERT_NE(w.arena.alloc(300), kNullOffset);
  ASSERT_EQ(w.arena.unwind(m), Status::Ok);

  const u64 slab_usable = w.slab.usable_size(slab_leaks[0]).value;
  const u64 big_usable = w.slab.usable_size(big).value;
  std::vector<Expected> expected = {
      {"actors", site_here(__FILE__, pool_line), 3, 3ull * w.pool.header().slot_size},
      {"tiles", site_here(__FILE__, slab_line), 2, 2 * slab_usable},
      {"audio", site_here(__FILE__, audio_line), 1, big_usable},
      {"scratch", site_here(__FILE__, arena_line), 1, arena_bytes},
  };
  std::sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) { return a.bytes > b.bytes; });

  const std::vector<LeakGroup> groups = w.leaks(mark);
  ASSERT_EQ(groups.size(), expected.size());
  for (size_t i = 0; i < groups.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(w.tag_name(groups[i].tag), expected[i].tag);
    EXPECT_EQ(w.site(groups[i].site), expected[i].site);
    EXPECT_EQ(groups[i].count, expected[i].count);
    EXPECT_EQ(groups[i].bytes, expected[i].bytes);
    EXPECT_EQ(groups[i].oldest_frame, 0u);
  }

  // Freeing the seeded leaks (and resetting the arena) empties the list.
  for (Handle h : pool_leaks) ASSERT_EQ(w.pool.free(h), Status::Ok);
  for (Offset o : slab_leaks) ASSERT_EQ(w.slab.free(o), Status::Ok);
  ASSERT_EQ(w.slab.free(big), Status::Ok);
  w.arena.reset();
  EXPECT_TRUE(w.leaks(mark).empty());
  // Only the two blocks from before the mark are still recorded.
  EXPECT_EQ(w.h().records_used, 2u);

  // A truncated read reports every group but writes only `max`.
  const Handle extra1 = w.pool.alloc();
  const Offset extra2 = w.slab.alloc(64);
  u32 count = 0;
  LeakGroup one{};
  ASSERT_EQ(t.leaks_since(mark, &one, 1, &count), Status::Ok);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(one.bytes, std::max<u64>(w.pool.header().slot_size, w.slab.usable_size(extra2).value));
  (void)extra1;
}

TEST(TrackerLeaks, ThousandCleanLoadUnloadCyclesReportNothing) {
  World w;
  w.init(small_options(TrackMode::Full, 4096));
  Tracker& t = *w.tracker;
  const u32 level = w.new_tag("level");
  const u32 records_at_start = w.h().records_used;
  std::vector<Handle> handles;
  std::vector<Offset> blocks;
  for (int cycle = 0; cycle < 1000; ++cycle) {
    const u32 mark = t.mark();
    ASSERT_NE(mark, 0u);
    t.set_context(cycle % 2 == 0 ? level : 0, 0);
    for (int i = 0; i < 12; ++i) handles.push_back(w.pool.alloc());
    for (int i = 0; i < 12; ++i) blocks.push_back(w.slab.alloc(16 + 40 * ((cycle + i) % 50)));
    blocks.push_back(w.slab.alloc(6000 + cycle));  // fallback
    for (int i = 0; i < 4; ++i) ASSERT_NE(w.arena.alloc(24 + i * 8), kNullOffset);
    t.set_context(0, 0);
    ASSERT_FALSE(w.leaks(mark).empty());
    // Unload in another order than the load.
    std::reverse(handles.begin(), handles.end());
    for (Handle h : handles) ASSERT_EQ(w.pool.free(h), Status::Ok);
    for (size_t i = 0; i < blocks.size(); i += 2) ASSERT_EQ(w.slab.free(blocks[i]), Status::Ok);
    for (size_t i = 1; i < blocks.size(); i += 2) ASSERT_EQ(w.slab.free(blocks[i]), Status::Ok);
    w.arena.reset();
    handles.clear();
    blocks.clear();
    ASSERT_TRUE(w.leaks(mark).empty()) << "cycle " << cycle;
    t.frame_end();
  }
  EXPECT_EQ(w.h().records_used, records_at_start);
  EXPECT_EQ(w.h().overflow, 0u);
  EXPECT_EQ(w.h().unrecorded_frees, 0u);
  EXPECT_EQ(w.h().misuse_total, 0u);
  w.expect_all_freed();
  EXPECT_EQ(w.tag(level).allocs, 500u * 17u);  // slab and arena follow the context; pools keep their tag
}

TEST(TrackerLeaks, OlderThanGroupsByAgeAndTag) {
  World w;
  w.init(small_options(TrackMode::Full));
  Tracker& t = *w.tracker;
  const u32 old_tag = w.new_tag("old");
  t.set_context(old_tag, 0);
  const u32 line_old = __LINE__ + 1;
  const Offset old_block = w.slab.alloc(64);
  t.set_context(0, 0);
  for (int i = 0; i < 10; ++i) t.frame_end();
  const Offset young = w.slab.alloc(64);
  t.frame_end();
  ASSERT_NE(old_block, kNullOffset);
  ASSERT_NE(young, kNullOffset);

  std::vector<LeakGroup> out(8);
  u32 count = 0;
  ASSERT_EQ(t.older_than(5, 0, out.data(), 8, &count), Status::Ok);
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(out[0].tag, old_tag);
  EXPECT_EQ(w.site(out[0].site), site_here(__FILE__, line_old));
  EXPECT_EQ(out[0].oldest_frame, 0u);
  ASSERT_EQ(t.older_than(1, 0, out.data(), 8, &count), Status::Ok);
  EXPECT_EQ(count, 2u);
  ASSERT_EQ(t.older_than(1, kTrackUntagged, out.data(), 8, &count), Status::Ok);
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(out[0].tag, kTrackUntagged);
  EXPECT_EQ(out[0].oldest_frame, 10u);
  EXPECT_EQ(t.older_than(1, 999, out.data(), 8, &count), Status::InvalidArgument);
}

TEST(TrackerLeaks, MarkRules) {
  World w;
  w.init(small_options(TrackMode::Full));
  Tracker& t = *w.tracker;
  u32 count = 0;
  EXPECT_EQ(t.leaks_since(0, nullptr, 0, &count), Status::UnknownMark);
  EXPECT_EQ(t.leaks_since(1, nullptr, 0, &count), Status::UnknownMark);  // never made
  const u32 first = t.mark();
  EXPECT_EQ(t.leaks_since(first, nullptr, 0, &count), Status::Ok);
  for (u32 i = 0; i < kTrackMarks; ++i) t.mark();
  EXPECT_EQ(t.leaks_since(first, nullptr, 0, &count), Status::UnknownMark);  // expired
  EXPECT_EQ(t.leaks_since(first + 1, nullptr, 0, &count), Status::Ok);       // the oldest kept
  EXPECT_EQ(t.leaks_since(first, nullptr, 0, nullptr), Status::InvalidArgument);

  const u32 m = t.mark();
  t.set_mode(TrackMode::Counters);
  EXPECT_EQ(t.mark(), 0u);
  EXPECT_EQ(t.leaks_since(m, nullptr, 0, &count), Status::NotTracking);
  EXPECT_EQ(t.older_than(0, 0, nullptr, 0, &count), Status::NotTracking);
  const Offset early = w.slab.alloc(32);
  t.set_mode(TrackMode::Full);
  // Records were dropped while not recording: the old mark cannot be answered any more.
  EXPECT_EQ(t.leaks_since(m, nullptr, 0, &count), Status::UnknownMark);
  // Blocks live before Full was switched on are not recorded; their frees are counted.
  EXPECT_EQ(w.h().records_used, 0u);
  const Offset fresh = w.slab.alloc(32);
  EXPECT_EQ(w.h().records_used, 1u);
  ASSERT_EQ(w.slab.free(fresh), Status::Ok);
  EXPECT_EQ(w.h().records_used, 0u);
  EXPECT_EQ(w.h().unrecorded_frees, 0u);
  ASSERT_EQ(w.slab.free(early), Status::Ok);
  EXPECT_EQ(w.h().unrecorded_frees, 1u);
}

}  // namespace
}  // namespace oc
