// Resync after a snapshot restore (oc::restore calls Tracker::resync): records, tag maps and the
// event-fed counters of the region are rebuilt from the allocators' walks, marks made before fail
// with UnknownMark, totals stay balanced (allocs - frees = live), and tracking carries on exactly.
#include "snapshot/snapshot.h"
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

std::vector<u8> snapshot_of(const Region& r) {
  std::vector<u8> bytes(snapshot_max_size(r));
  const Result<u32> n = capture(r, bytes.data(), static_cast<u32>(bytes.size()));
  EXPECT_TRUE(n.ok()) << status_name(n.status);
  bytes.resize(n.value);
  return bytes;
}

TEST(TrackerResync, RestoreRebuildsRecordsAndCounters) {
  World w;
  w.init(small_options(TrackMode::Full));
  Tracker& t = *w.tracker;
  const u32 tiles = w.new_tag("tiles");
  ASSERT_EQ(t.set_allocator_tag(w.state, w.slab.id(), tiles), Status::Ok);
  std::vector<Handle> hs(10);
  ASSERT_EQ(w.pool.alloc_many(hs.data(), 10), Status::Ok);
  std::vector<Offset> saved_blocks;
  for (int i = 0; i < 6; ++i) saved_blocks.push_back(w.slab.alloc(100 + 200 * i));
  ASSERT_NE(w.arena.alloc(500), kNullOffset);
  t.frame_end();
  const std::vector<u8> snap = snapshot_of(w.state);
  const u64 saved_slab_live = w.slab.stats().live_bytes;
  const u32 saved_arena_used = w.arena.stats().used;

  // Diverge: more pool and slab traffic, a reset, then a mark.
  for (int i = 0; i < 4; ++i) ASSERT_EQ(w.pool.free(hs[i]), Status::Ok);
  for (int i = 0; i < 20; ++i) ASSERT_NE(w.slab.alloc(64), kNullOffset);
  ASSERT_EQ(w.slab.free(saved_blocks[0]), Status::Ok);
  w.arena.reset();
  const u32 mark = t.mark();

  ASSERT_EQ(restore(w.state, snap.data(), static_cast<u32>(snap.size())), Status::Ok);
  u32 count = 0;
  EXPECT_EQ(t.leaks_since(mark, nullptr, 0, &count), Status::UnknownMark);
  // One record per live block of the restored bytes: 10 slots, 6 slab blocks, the arena's span.
  EXPECT_EQ(w.h().records_used, 10u + 6u + 1u);
  t.publish();
  EXPECT_EQ(w.tag(tiles).live_count, 6u);
  EXPECT_EQ(w.tag(tiles).live_bytes, saved_slab_live);
  EXPECT_EQ(w.tag(kTrackUntagged).live_count, 10u + 1u);
  EXPECT_EQ(w.tag(kTrackUntagged).live_bytes, 10u * w.pool.header().slot_size + saved_arena_used);
  w.expect_balanced();

  // Everything restored can be freed through the tracker without unrecorded frees or misuse, and a
  // new mark works.
  const u32 after = t.mark();
  const Offset fresh = w.slab.alloc(32);
  ASSERT_EQ(w.leaks(after).size(), 1u);
  for (Handle h : hs) ASSERT_EQ(w.pool.free(h), Status::Ok);
  for (Offset o : saved_blocks) ASSERT_EQ(w.slab.free(o), Status::Ok);
  ASSERT_EQ(w.slab.free(fresh), Status::Ok);
  w.arena.reset();
  EXPECT_EQ(w.h().records_used, 0u);
  EXPECT_EQ(w.h().unrecorded_frees, 0u);
  EXPECT_EQ(w.h().misuse_total, 0u);
  t.publish();
  w.expect_all_freed();
}

TEST(TrackerResync, CountersModeRestoreKeepsSlabTagsOfTheDefaultAndBalances) {
  World w;
  w.init(small_options(TrackMode::Counters));
  Tracker& t = *w.tracker;
  const u32 audio = w.new_tag("audio");
  t.set_context(audio, 0);
  const Offset a = w.slab.alloc(200);
  t.set_context(0, 0);
  const std::vector<u8> snap = snapshot_of(w.state);
  const Offset b = w.slab.alloc(300);
  ASSERT_NE(b, kNullOffset);
  ASSERT_EQ(restore(w.state, snap.data(), static_cast<u32>(snap.size())), Status::Ok);
  t.publish();
  // After a restore the block's tag is its slab's default: the tracker cannot know better.
  EXPECT_EQ(w.tag(audio).live_count, 0u);
  EXPECT_EQ(w.tag(kTrackUntagged).live_count, 1u);
  EXPECT_EQ(w.tag(kTrackUntagged).live_bytes, w.slab.usable_size(a).value);
  ASSERT_EQ(w.slab.free(a), Status::Ok);
  t.publish();
  w.expect_all_freed();
}

}  // namespace
}  // namespace oc
