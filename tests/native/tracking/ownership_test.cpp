// Who owns a region: one tracker at a time whatever its mode (an Off-mode tracker owns its regions
// too), natively and through the ABI; the owner follows a moved Region and lets go of a destroyed one.
#include <gtest/gtest.h>

#include <utility>

#include "tracking/tracking_support.h"
#include "wasm/abi.h"

namespace oc {
namespace {

using testing_support::small_options;

// Attached regions, as the header's region table shows them (size 0 = slot unused).
u32 attached_regions(const Tracker& t) {
  const TrackRegion* r = t.debug_region().at<TrackRegion>(t.header().regions_offset);
  u32 n = 0;
  for (u32 i = 0; i < kTrackMaxRegions; ++i) n += r[i].size != 0 ? 1 : 0;
  return n;
}

struct TwoTrackers {
  Region state, debug_a, debug_b;
  SlabAllocator slab;
  Tracker* a = nullptr;
  Tracker* b = nullptr;

  void init(TrackMode mode_a) {
    ASSERT_EQ(state.init(1u << 20), Status::Ok);
    slab = SlabAllocator::create(state, 1u << 18).value;
    const u32 need = Tracker::bytes_needed(small_options(TrackMode::Counters));
    ASSERT_EQ(debug_a.init(need + 4096), Status::Ok);
    ASSERT_EQ(debug_b.init(need + 4096), Status::Ok);
    a = Tracker::create(debug_a, small_options(mode_a)).value;
    b = Tracker::create(debug_b, small_options(TrackMode::Counters)).value;
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
  }
  ~TwoTrackers() {
    delete a;
    delete b;
  }
};

TEST(TrackerOwnership, AnOffTrackerOwnsItsRegion) {
  TwoTrackers w;
  w.init(TrackMode::Off);
  ASSERT_EQ(w.a->attach(w.state), Status::Ok);
  EXPECT_EQ(w.state.tracker(), w.a);
  EXPECT_EQ(w.state.counter_sink(), nullptr);  // Off: fed by nothing
  EXPECT_EQ(w.b->attach(w.state), Status::InvalidArgument);
  EXPECT_EQ(w.state.tracker(), w.a);

  // A counts once switched on; B saw nothing.
  w.a->set_mode(TrackMode::Counters);
  EXPECT_EQ(w.state.counter_sink(), w.a);
  ASSERT_NE(w.slab.alloc(64), kNullOffset);
  w.a->publish();
  w.b->publish();
  EXPECT_EQ(w.a->header().allocs, 1u);
  EXPECT_EQ(w.b->header().allocs, 0u);

  delete w.a;
  w.a = nullptr;
  EXPECT_EQ(w.state.tracker(), nullptr);
  EXPECT_EQ(w.state.counter_sink(), nullptr);
  ASSERT_EQ(w.b->attach(w.state), Status::Ok);
  EXPECT_EQ(w.state.tracker(), w.b);
}

TEST(TrackerOwnership, DestroyingAnAttachedRegionDetachesIt) {
  TwoTrackers w;
  w.init(TrackMode::Full);
  {
    Region other;
    ASSERT_EQ(other.init(1u << 16), Status::Ok);
    ASSERT_EQ(w.a->attach(other, "other", 5), Status::Ok);
    EXPECT_EQ(attached_regions(*w.a), 1u);
  }
  // The slot is free again: the tracker holds no pointer to the dead object.
  EXPECT_EQ(attached_regions(*w.a), 0u);
  ASSERT_EQ(w.a->attach(w.state), Status::Ok);
  EXPECT_EQ(attached_regions(*w.a), 1u);
}

TEST(TrackerOwnership, TheTrackerFollowsAMovedRegion) {
  TwoTrackers w;
  w.init(TrackMode::Full);
  const Offset slab_header = w.slab.header_offset();
  Region moved(std::move(w.state));
  ASSERT_EQ(w.a->attach(moved), Status::Ok);
  Region second(std::move(moved));
  EXPECT_EQ(moved.tracker(), nullptr);
  EXPECT_EQ(second.tracker(), w.a);
  EXPECT_EQ(second.record_sink(), w.a);
  // The tracker answers for `second`: its calls name it, and a resync walks its bytes.
  const u32 t = w.a->tag("moved", 5);
  EXPECT_EQ(w.a->set_allocator_tag(second, w.slab.id(), t), Status::Ok);
  EXPECT_EQ(w.a->set_allocator_tag(moved, w.slab.id(), t), Status::InvalidArgument);

  Region third;
  third = std::move(second);
  EXPECT_EQ(third.tracker(), w.a);
  EXPECT_EQ(second.tracker(), nullptr);
  // An allocator over the moved object: its allocations reach the tracker.
  SlabAllocator slab = SlabAllocator::attach(third, slab_header).value;
  ASSERT_NE(slab.alloc(100), kNullOffset);
  w.a->resync(third);
  w.a->publish();
  u32 live = 0;
  for (u32 id = 1; id <= w.a->header().tag_count; ++id) {
    live += w.a->debug_region().at<TrackTag>(w.a->header().tags_offset)[id - 1].live_count;
  }
  EXPECT_EQ(live, 1u);

  // Assigning over an attached region detaches the old one first.
  Region fresh;
  ASSERT_EQ(fresh.init(1u << 16), Status::Ok);
  third = std::move(fresh);
  EXPECT_EQ(third.tracker(), nullptr);
  EXPECT_EQ(attached_regions(*w.a), 0u);
}

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }

TEST(TrackerOwnership, ThroughTheAbiAnOffTrackerOwnsItsRegion) {
  const u32 state = oc_region_create(1u << 20, 0);
  const u32 slab = oc_slab_create(state, 1u << 16, 0, 0);
  u32 counter_words[OC_TRACKER_OPTION_WORDS] = {256, 64, 16, 64, 16, 16, 4096, 1u << 14, OC_TRACK_COUNTERS};
  const u32 need = oc_tracker_bytes_needed(addr(counter_words));
  const u32 debug_a = oc_region_create(need + 4096, 0);
  const u32 debug_b = oc_region_create(need + 4096, 0);
  const u32 a = oc_tracker_create(debug_a, addr(counter_words));
  const u32 b = oc_tracker_create(debug_b, addr(counter_words));
  ASSERT_NE(a, 0u);
  ASSERT_NE(b, 0u);
  ASSERT_EQ(oc_tracker_set_mode(a, OC_TRACK_OFF), 0);  // (an option word of 0 means the default mode)
  ASSERT_EQ(oc_tracker_attach(a, state, 0, 0), 0);
  EXPECT_EQ(oc_tracker_attach(b, state, 0, 0), static_cast<int32_t>(Status::InvalidArgument));

  ASSERT_EQ(oc_tracker_set_mode(a, OC_TRACK_COUNTERS), 0);
  ASSERT_NE(oc_slab_alloc(slab, 32, 8), 0u);
  ASSERT_EQ(oc_tracker_publish(a), 0);
  ASSERT_EQ(oc_tracker_publish(b), 0);
  const auto* ha = reinterpret_cast<const TrackerHeader*>(oc_region_base(debug_a) + oc_tracker_header(a));
  const auto* hb = reinterpret_cast<const TrackerHeader*>(oc_region_base(debug_b) + oc_tracker_header(b));
  EXPECT_EQ(ha->allocs, 1u);
  EXPECT_EQ(hb->allocs, 0u);

  ASSERT_EQ(oc_tracker_destroy(a), 0);
  ASSERT_EQ(oc_tracker_attach(b, state, 0, 0), 0);
  ASSERT_NE(oc_slab_alloc(slab, 32, 8), 0u);
  ASSERT_EQ(oc_tracker_publish(b), 0);
  EXPECT_EQ(hb->allocs, 2u);  // the attach registered the live block, then one allocation

  oc_region_destroy(state);
  oc_region_destroy(debug_a);
  oc_region_destroy(debug_b);
}

}  // namespace
}  // namespace oc
