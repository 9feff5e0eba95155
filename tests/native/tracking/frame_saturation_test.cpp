// A frame's u32 byte figures saturate instead of wrapping when more than 4 GiB go through one frame;
// the u64 totals stay exact. Slab traffic (event-fed) and pool traffic (derived at publish) alike.
#include "tracking/tracking_support.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

TEST(FrameSaturation, MoreThan4GiBInOneFrameSaturatesTheFrameButNotTheTotals) {
  World w;
  w.init(small_options(TrackMode::Counters));
  const Offset probe = w.slab.alloc(512u << 10);
  ASSERT_NE(probe, kNullOffset);
  const u64 block = w.slab.usable_size(probe).value;
  ASSERT_EQ(w.slab.free(probe, 512u << 10), Status::Ok);
  const u32 rounds = static_cast<u32>((5ull << 30) / block) + 1;  // past 4 GiB, below 2^32 calls
  for (u32 i = 0; i < rounds; ++i) {
    const Offset off = w.slab.alloc_raw(512u << 10);  // no zeroing: 5 GiB of memset would be slow
    ASSERT_NE(off, kNullOffset);
    ASSERT_EQ(w.slab.free(off, 512u << 10), Status::Ok);
  }
  w.tracker->publish();
  const TrackFrame& cur = w.h().current;
  EXPECT_EQ(cur.allocs, rounds + 1);
  EXPECT_EQ(cur.bytes_allocated, 0xFFFFFFFFu);
  EXPECT_EQ(cur.bytes_freed, 0xFFFFFFFFu);
  EXPECT_EQ(w.h().bytes_allocated, (rounds + 1) * block);
  EXPECT_EQ(w.h().bytes_freed, (rounds + 1) * block);
  // Further traffic keeps it saturated (a wrap would bring it back down).
  ASSERT_NE(w.pool.alloc(), kNullHandle);
  w.tracker->frame_end();
  const TrackFrame& closed = w.frame_slot(0);
  EXPECT_EQ(closed.bytes_allocated, 0xFFFFFFFFu);
  EXPECT_EQ(closed.allocs, rounds + 2);
  EXPECT_EQ(w.h().bytes_allocated, (rounds + 1) * block + 48);
  // The next frame starts from zero.
  ASSERT_NE(w.pool.alloc(), kNullHandle);
  w.tracker->publish();
  EXPECT_EQ(w.h().current.bytes_allocated, 48u);
}

}  // namespace
}  // namespace oc
