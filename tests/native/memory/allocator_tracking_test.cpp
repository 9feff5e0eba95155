// The allocator side of tracking (tracking/hooks.h): what each allocator reports to a real Tracker, in
// which mode, with which size and which site (the caller's file and line through the defaulted
// `Site site = OC_HERE`), misuse from every cold path, the Region's sinks, and the resync that a
// restore and a rewind trigger. The tracker's own behaviour is tested in tests/native/tracking/.
#include <string>
#include <vector>

#include "snapshot/rewind_ring.h"
#include "snapshot/snapshot.h"
#include "tracking/tracking_support.h"

namespace oc {
namespace {

using testing_support::site_here;
using testing_support::small_options;

// The tracker's World, with the figures published before every read: these tests look at what the
// allocators reported, not at when the tracker publishes it.
struct Tracked : testing_support::World {
  explicit Tracked(TrackMode mode) { init(small_options(mode), 48, 256); }

  const TrackerHeader& h() const {
    tracker->publish();
    return World::h();
  }
  const TrackTag& tag(u32 id) const {
    tracker->publish();
    return World::tag(id);
  }
  const TrackMisuse& last_misuse() const {
    return misuse_slot(h().misuse_head == 0 ? h().misuse_capacity - 1 : h().misuse_head - 1);
  }
};

// The site text of a line of this file.
std::string here(u32 line) { return site_here(__FILE__, line); }

TEST(AllocatorTracking, FullModePoolCallsCarryTheCallersFileAndLine) {
  Tracked w(TrackMode::Full);
  const u32 mark = w.tracker->mark();
  ASSERT_NE(mark, 0u);
  std::vector<Handle> hs;
  const u32 line = __LINE__ + 1;
  for (int i = 0; i < 3; ++i) hs.push_back(w.pool.alloc());
  Handle batch[4];
  const u32 batch_line = __LINE__ + 1;
  ASSERT_EQ(w.pool.alloc_many(batch, 4), Status::Ok);

  std::vector<LeakGroup> rows = w.leaks(mark);
  ASSERT_EQ(rows.size(), 2u);
  // Largest bytes first: the batch of 4, then the 3 single calls.
  EXPECT_EQ(w.site(rows[0].site), here(batch_line));
  EXPECT_EQ(rows[0].count, 4u);
  EXPECT_EQ(rows[0].bytes, 4u * 48);
  EXPECT_EQ(w.site(rows[1].site), here(line));
  EXPECT_EQ(rows[1].count, 3u);
  EXPECT_EQ(rows[1].bytes, 3u * 48);
  EXPECT_EQ(w.h().records_used, 7u);

  ASSERT_EQ(w.pool.free(hs[0]), Status::Ok);
  ASSERT_EQ(w.pool.free_many(batch, 4), Status::Ok);
  rows = w.leaks(mark);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].count, 2u);
  EXPECT_EQ(w.h().records_used, 2u);
}

TEST(AllocatorTracking, CountersModePoolsReportNothingSlabsReportUsableSizes) {
  Tracked w(TrackMode::Counters);
  // Pools call nothing in counters mode: they report only to the record sink, which is not set (their
  // figures are derived from their headers at publish()). No record is made.
  EXPECT_EQ(w.state.record_sink(), nullptr);
  EXPECT_EQ(w.state.counter_sink(), w.tracker);
  std::vector<Handle> hs;
  for (int i = 0; i < 5; ++i) hs.push_back(w.pool.alloc());
  for (Handle hd : hs) ASSERT_EQ(w.pool.free(hd), Status::Ok);
  EXPECT_EQ(w.h().records_used, 0u);
  const TrackTag before = w.tag(kTrackUntagged);
  const TrackFrame frame_before = w.h().current;

  const Offset small = w.slab.alloc(100);
  const Offset big = w.slab.alloc(10000);  // the TLSF fallback
  ASSERT_NE(small, kNullOffset);
  ASSERT_NE(big, kNullOffset);
  const u32 small_size = w.slab.usable_size(small).value;
  const u32 big_size = w.slab.usable_size(big).value;
  EXPECT_GT(small_size, 100u);  // a class size, not the request
  EXPECT_GE(big_size, 10000u);
  EXPECT_EQ(w.tag(kTrackUntagged).allocs, before.allocs + 2);
  EXPECT_EQ(w.tag(kTrackUntagged).bytes_allocated, before.bytes_allocated + small_size + big_size);
  EXPECT_EQ(w.h().current.bytes_allocated, frame_before.bytes_allocated + small_size + big_size);
  ASSERT_EQ(w.slab.free(small, 100), Status::Ok);
  ASSERT_EQ(w.slab.free(big), Status::Ok);
  EXPECT_EQ(w.h().current.frees, frame_before.frees + 2);
  EXPECT_EQ(w.h().current.bytes_freed, frame_before.bytes_freed + small_size + big_size);
  EXPECT_EQ(w.h().records_used, 0u);  // counters mode records nothing
}

TEST(AllocatorTracking, ArenaBytesIncludePaddingAndResetReleasesThemAll) {
  Tracked w(TrackMode::Counters);
  const u32 begin = w.arena.marker();
  ASSERT_NE(w.arena.alloc(1, 1), kNullOffset);
  ASSERT_NE(w.arena.alloc(10, 64), kNullOffset);  // 63 bytes of padding before it
  const u32 marker = w.arena.marker();
  ASSERT_NE(w.arena.alloc(5, 16), kNullOffset);
  const u32 taken = w.arena.marker() - begin;
  EXPECT_EQ(w.h().current.allocs, 3u);
  EXPECT_EQ(w.h().current.bytes_allocated, taken);

  const u32 unwound = w.arena.marker() - marker;
  ASSERT_EQ(w.arena.unwind(marker), Status::Ok);
  EXPECT_EQ(w.h().current.bytes_freed, unwound);  // bytes back at once
  w.arena.reset();
  EXPECT_EQ(w.h().current.bytes_freed, taken);    // the sum of releases is the sum of allocations
  EXPECT_EQ(w.h().current.frees, 3u);             // a reset frees every allocation since the last one
}

TEST(AllocatorTracking, EveryMisuseIsReportedWithTheSiteOfTheBadCall) {
  Tracked w(TrackMode::Full);
  struct Case {
    Status status;
    u32 line;
  };
  std::vector<Case> cases;

  const u32 alloc_line = __LINE__ + 1;
  const Handle a = w.pool.alloc();
  const u32 free_line = __LINE__ + 1;
  ASSERT_EQ(w.pool.free(a), Status::Ok);
  cases.push_back({w.pool.free(a), __LINE__});  // double free
  const TrackMisuse df = w.last_misuse();
  EXPECT_EQ(w.site(df.alloc_site), here(alloc_line));
  EXPECT_EQ(w.site(df.free_site), here(free_line));
  const Handle b = w.pool.alloc();  // a's slot again: a is stale now
  cases.push_back({w.pool.free(a), __LINE__});
  FixedPool other = FixedPool::create(w.state, 16, 16, 4).value;
  const Handle foreign = other.alloc();
  cases.push_back({w.pool.free(foreign), __LINE__});
  Handle pair[2] = {b, b};
  cases.push_back({w.pool.free_many(pair, 2), __LINE__});  // a duplicate in a batch

  const Offset s = w.slab.alloc(64);
  cases.push_back({w.slab.free(s + 16), __LINE__});    // interior offset
  cases.push_back({w.slab.free(s, 2000), __LINE__});   // another class
  ASSERT_EQ(w.slab.free(s), Status::Ok);
  cases.push_back({w.slab.free(s), __LINE__});          // double free
  const Offset big = w.slab.alloc(20000);
  cases.push_back({w.slab.free(big, 100), __LINE__});   // fallback block, wrong size
  cases.push_back({w.slab.free(big + 32), __LINE__});   // inside a fallback block
  cases.push_back({w.slab.free(3), __LINE__});          // not even in the span

  const Status expected[] = {Status::DoubleFree,    Status::StaleHandle,    Status::ForeignHandle,
                             Status::DoubleFree,    Status::InvalidOffset,  Status::WrongSizeClass,
                             Status::DoubleFree,    Status::WrongSizeClass, Status::InvalidOffset,
                             Status::InvalidOffset};
  ASSERT_EQ(cases.size(), sizeof expected / sizeof expected[0]);
  ASSERT_EQ(w.h().misuse_total, cases.size());
  const TrackMisuse* ring = w.debug.at<TrackMisuse>(w.h().misuse_offset);
  for (u32 i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(cases[i].status, expected[i]) << i;
    EXPECT_EQ(ring[i].status, static_cast<u32>(expected[i])) << i;
    EXPECT_EQ(w.site(ring[i].site), here(cases[i].line)) << i;
  }
}

TEST(AllocatorTracking, NothingIsReportedWithTrackingOff) {
  Tracked w(TrackMode::Full);
  w.tracker->set_mode(TrackMode::Off);
  EXPECT_EQ(w.state.counter_sink(), nullptr);
  EXPECT_EQ(w.state.record_sink(), nullptr);
  const TrackerHeader before = w.h();
  const Handle a = w.pool.alloc();
  ASSERT_EQ(w.pool.free(a), Status::Ok);
  EXPECT_EQ(w.pool.free(a), Status::DoubleFree);
  ASSERT_NE(w.slab.alloc(32), kNullOffset);
  ASSERT_NE(w.arena.alloc(32), kNullOffset);
  w.arena.reset();
  EXPECT_EQ(w.h().misuse_total, before.misuse_total);
  EXPECT_EQ(w.h().current.allocs, before.current.allocs);
  EXPECT_EQ(w.h().current.frees, before.current.frees);
  EXPECT_EQ(w.h().seq, before.seq);
  EXPECT_EQ(w.h().records_used, 0u);
}

TEST(AllocatorTracking, AllocatorsCreatedAfterAttachAreKnownToTheTracker) {
  Tracked w(TrackMode::Counters);
  SlabAllocator late = SlabAllocator::create(w.state, 1u << 16).value;
  const u32 audio = w.tracker->tag("audio", 5);
  ASSERT_NE(audio, 0u);
  ASSERT_EQ(w.tracker->set_allocator_tag(w.state, late.id(), audio), Status::Ok);
  const Offset off = late.alloc(200);
  ASSERT_NE(off, kNullOffset);
  EXPECT_EQ(w.tag(audio).allocs, 1u);
  EXPECT_EQ(w.tag(audio).bytes_allocated, late.usable_size(off).value);
}

// With tracking off the region has no sink, so link_allocator() tells nobody: switching back on must
// still know the allocator.
TEST(AllocatorTracking, AllocatorsCreatedWhileOffAreKnownAfterwards) {
  Tracked w(TrackMode::Off);
  SlabAllocator late = SlabAllocator::create(w.state, 1u << 16).value;
  w.tracker->set_mode(TrackMode::Counters);
  const u32 audio = w.tracker->tag("audio", 5);
  ASSERT_EQ(w.tracker->set_allocator_tag(w.state, late.id(), audio), Status::Ok);
  ASSERT_NE(late.alloc(64), kNullOffset);
  EXPECT_EQ(w.tag(audio).allocs, 1u);
}

TEST(AllocatorTracking, RegionMovesCarryTheSinks) {
  Tracked w(TrackMode::Counters);
  Tracker* const t = w.tracker;
  const Offset slab_header = w.slab.header_offset();
  Region b(std::move(w.state));
  EXPECT_EQ(b.tracker(), t);
  EXPECT_EQ(b.counter_sink(), t);
  EXPECT_EQ(b.record_sink(), nullptr);
  EXPECT_EQ(w.state.tracker(), nullptr);
  EXPECT_EQ(w.state.counter_sink(), nullptr);
  Region c;
  c = std::move(b);
  EXPECT_EQ(c.counter_sink(), t);
  EXPECT_EQ(b.counter_sink(), nullptr);
  // The allocators' calls through the moved object reach the tracker, which follows it.
  SlabAllocator slab = SlabAllocator::attach(c, slab_header).value;
  ASSERT_NE(slab.alloc(64), kNullOffset);
  EXPECT_EQ(t->set_allocator_tag(c, w.slab.id(), kTrackUntagged), Status::Ok);
  EXPECT_EQ(w.h().allocs, 1u);
  w.state = std::move(c);  // back home before the World's tracker goes
  EXPECT_EQ(w.state.tracker(), t);
}

TEST(AllocatorTracking, RestoreResyncsTheTracker) {
  Tracked w(TrackMode::Full);
  ASSERT_NE(w.pool.alloc(), kNullHandle);
  std::vector<u8> snap(snapshot_max_size(w.state));
  const Result<u32> n = capture(w.state, snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(n.ok());
  const u32 mark = w.tracker->mark();
  ASSERT_NE(w.slab.alloc(50), kNullOffset);
  ASSERT_NE(w.pool.alloc(), kNullHandle);
  ASSERT_EQ(w.leaks(mark).size(), 2u);
  const u32 epoch = w.debug.at<TrackRegion>(w.h().regions_offset)[w.state.track_slot()].epoch;

  ASSERT_EQ(restore(w.state, snap.data(), n.value), Status::Ok);
  EXPECT_EQ(w.debug.at<TrackRegion>(w.h().regions_offset)[w.state.track_slot()].epoch, epoch + 1);
  u32 count = 0;
  LeakGroup row;
  EXPECT_EQ(w.tracker->leaks_since(mark, &row, 1, &count), Status::UnknownMark);
  EXPECT_EQ(w.h().records_used, 1u);  // the one live pool slot of the snapshot, re-registered
}

TEST(AllocatorTracking, RewindResyncsTheTracker) {
  Tracked w(TrackMode::Full);
  RewindRing ring;
  ASSERT_EQ(ring.init(w.state, 1u << 20), Status::Ok);
  ASSERT_EQ(ring.push(), Status::Ok);
  ASSERT_NE(w.pool.alloc(), kNullHandle);
  ASSERT_NE(w.slab.alloc(300), kNullOffset);
  ASSERT_EQ(ring.push(), Status::Ok);
  EXPECT_EQ(w.h().records_used, 2u);
  const u32 mark = w.tracker->mark();
  ASSERT_EQ(ring.rewind(1), Status::Ok);
  EXPECT_EQ(w.h().records_used, 0u);  // nothing was live a frame ago
  u32 count = 0;
  LeakGroup row;
  EXPECT_EQ(w.tracker->leaks_since(mark, &row, 1, &count), Status::UnknownMark);
}

}  // namespace
}  // namespace oc
