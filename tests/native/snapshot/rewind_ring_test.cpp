// RewindRing: rewinding k frames gives back the bytes of k frames ago, continuing from there gives the
// original run's frames again, the budget holds, and every refusal leaves region and ring unchanged.
#include "snapshot/rewind_ring.h"

#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <random>
#include <vector>

#include "memory/fixed_pool.h"
#include "snapshot/snapshot.h"
#include "workload_fixture.h"

namespace oc {
namespace {

using testing::bytes_of;
using testing::make_world;
using testing::same_bytes;
using testing::step_frame;

constexpr u32 kBigBudget = 8 * 1024 * 1024;

bool same_stats(const RewindStats& a, const RewindStats& b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(RewindRing, InitRefusesABudgetBelowOnePage) {
  Region r;
  ASSERT_TRUE(make_world(r, 1));
  RewindRing ring;
  EXPECT_EQ(ring.init(r, 0), Status::InvalidArgument);
  EXPECT_EQ(ring.init(r, static_cast<u32>(RewindRing::record_bytes(1)) - 1), Status::InvalidArgument);
  EXPECT_FALSE(ring.valid());
  EXPECT_EQ(ring.push(), Status::InvalidArgument);
  EXPECT_EQ(ring.rewind(0), Status::InvalidArgument);
  ASSERT_EQ(ring.init(r, static_cast<u32>(RewindRing::record_bytes(1))), Status::Ok);
  EXPECT_TRUE(ring.valid());
}

TEST(RewindRing, RewindKFramesGivesTheBytesOfKFramesAgo) {
  for (u32 k : {1u, 2u, 7u, 30u, 60u}) {
    Region r;
    ASSERT_TRUE(make_world(r, 100 + k));
    RewindRing ring;
    ASSERT_EQ(ring.init(r, kBigBudget), Status::Ok);
    std::vector<std::vector<u8>> history{bytes_of(r)};
    for (u32 i = 0; i < 60; ++i) {
      ASSERT_EQ(step_frame(r), Status::Ok);
      ASSERT_EQ(ring.push(), Status::Ok);
      history.push_back(bytes_of(r));
    }
    ASSERT_EQ(ring.stats().frames_held, 60u);
    ASSERT_EQ(ring.rewind(k), Status::Ok) << k;
    EXPECT_TRUE(same_bytes(r, history[60 - k])) << k;
    EXPECT_EQ(r.frame(), 60u - k);
    EXPECT_EQ(ring.stats().frames_held, 60u - k);
    EXPECT_EQ(ring.stats().newest_frame, 60u - k);
    EXPECT_EQ(check_region_and_allocators(r), Status::Ok);

    // Continuing from there replays the original frames exactly (the workload's state is all bytes).
    for (u32 f = 60 - k; f < 60; ++f) {
      ASSERT_EQ(step_frame(r), Status::Ok);
      ASSERT_TRUE(same_bytes(r, history[f + 1])) << "k " << k << " frame " << f + 1;
      ASSERT_EQ(ring.push(), Status::Ok);
    }
    // The ring continues: what it held below the rewind point is still reachable.
    ASSERT_EQ(ring.stats().frames_held, 60u);
    ASSERT_EQ(ring.rewind(60), Status::Ok);
    EXPECT_TRUE(same_bytes(r, history[0]));
    EXPECT_EQ(ring.stats().frames_held, 0u);
  }
}

TEST(RewindRing, RewindThenContinueGivesTheOriginalChecksums) {
  Region a, b;
  ASSERT_TRUE(make_world(a, 9));
  ASSERT_TRUE(make_world(b, 9));
  RewindRing ring;
  ASSERT_EQ(ring.init(b, kBigBudget), Status::Ok);
  std::vector<u64> original;
  for (u32 i = 0; i < 400; ++i) {
    ASSERT_EQ(step_frame(a), Status::Ok);
    original.push_back(region_checksum(a));
  }
  // b runs ahead, rewinds 25 frames, and does so again and again: its frames must keep matching a's.
  u32 frame = 0;
  while (frame < 400) {
    const u32 ahead = frame + 40 < 400 ? 40u : 400 - frame;
    for (u32 i = 0; i < ahead; ++i) {
      ASSERT_EQ(step_frame(b), Status::Ok);
      ASSERT_EQ(ring.push(), Status::Ok);
      ASSERT_EQ(region_checksum(b), original[frame + i]) << "frame " << frame + i + 1;
    }
    frame += ahead;
    if (frame == 400) break;
    ASSERT_EQ(ring.rewind(25), Status::Ok);
    frame -= 25;
    ASSERT_EQ(b.frame(), frame);
    if (frame > 0) {
      ASSERT_EQ(region_checksum(b), original[frame - 1]);
    }
  }
  EXPECT_EQ(a.hash(), b.hash());
}

TEST(RewindRing, BudgetIsNeverExceededAndDroppedFramesAreCounted) {
  Region r;
  ASSERT_TRUE(make_world(r, 12));
  const u32 budget = 200 * 1024;  // a few frames of this workload
  RewindRing ring;
  ASSERT_EQ(ring.init(r, budget), Status::Ok);
  std::deque<std::vector<u8>> history{bytes_of(r)};
  u32 max_held = 0;
  for (u32 i = 0; i < 300; ++i) {
    ASSERT_EQ(step_frame(r), Status::Ok);
    ASSERT_EQ(ring.push(), Status::Ok);
    history.push_back(bytes_of(r));
    const RewindStats st = ring.stats();
    ASSERT_LE(st.bytes_used, budget) << i;
    ASSERT_EQ(st.budget, budget);
    ASSERT_EQ(st.frames_held + st.frames_dropped, i + 1) << "every push is either held or dropped";
    ASSERT_EQ(st.newest_frame, i + 1u);
    ASSERT_EQ(st.oldest_frame, st.newest_frame - st.frames_held);
    ASSERT_EQ(st.shadow_bytes, r.size());
    if (st.frames_held > max_held) max_held = st.frames_held;
  }
  const RewindStats st = ring.stats();
  EXPECT_GT(st.frames_dropped, 0u);
  EXPECT_GT(max_held, 2u);
  EXPECT_EQ(st.oversize_pushes, 0u);
  // The oldest frame still held is exactly reachable, even after the buffer wrapped many times.
  ASSERT_EQ(ring.rewind(st.frames_held), Status::Ok);
  EXPECT_TRUE(same_bytes(r, history[history.size() - 1 - st.frames_held]));
}

// Random pushes and rewinds against a model (copies of every frame's bytes), with a budget that
// forces the buffer to wrap and drop, and traffic that sometimes grows the region's carved part.
TEST(RewindRing, RandomPushesAndRewindsMatchAModel) {
  Region r;
  ASSERT_TRUE(make_world(r, 77));
  RewindRing ring;
  ASSERT_EQ(ring.init(r, 300 * 1024), Status::Ok);
  std::vector<std::vector<u8>> model{bytes_of(r)};  // model.back() = the last pushed state
  std::mt19937 rng(1234);
  u32 rewinds = 0, pools = 0;
  for (u32 i = 0; i < 1500; ++i) {
    const u32 roll = rng() % 100;
    if (roll < 8) {
      const u32 held = ring.stats().frames_held;
      const u32 k = rng() % (held + 1);
      ASSERT_EQ(ring.rewind(k), Status::Ok);
      model.resize(model.size() - k);
      ASSERT_TRUE(same_bytes(r, model.back())) << "step " << i << " k " << k;
      ++rewinds;
      continue;
    }
    if (roll < 10 && pools < 6) {
      // A new allocator: used() grows, and a rewind past it must give those bytes back as zeroes.
      ASSERT_TRUE(FixedPool::create(r, 32, 8, 64).ok());
      ++pools;
    }
    ASSERT_EQ(step_frame(r), Status::Ok);
    ASSERT_EQ(ring.push(), Status::Ok);
    model.push_back(bytes_of(r));
    const RewindStats st = ring.stats();
    ASSERT_LE(st.bytes_used, st.budget);
    // Frames the ring dropped can no longer be reached; keep the model as long as the ring.
    while (model.size() > st.frames_held + 1) model.erase(model.begin());
  }
  EXPECT_GT(rewinds, 50u);
  EXPECT_GT(ring.stats().frames_dropped, 0u);
}

TEST(RewindRing, RewindBeyondHeldIsOutOfRangeAndChangesNothing) {
  Region r;
  ASSERT_TRUE(make_world(r, 3));
  RewindRing ring;
  ASSERT_EQ(ring.init(r, kBigBudget), Status::Ok);
  EXPECT_EQ(ring.rewind(1), Status::OutOfRange);
  for (u32 i = 0; i < 10; ++i) {
    ASSERT_EQ(step_frame(r), Status::Ok);
    ASSERT_EQ(ring.push(), Status::Ok);
  }
  const std::vector<u8> before = bytes_of(r);
  const RewindStats stats_before = ring.stats();
  EXPECT_EQ(ring.rewind(11), Status::OutOfRange);
  EXPECT_EQ(ring.rewind(0xFFFFFFFFu), Status::OutOfRange);
  EXPECT_TRUE(same_bytes(r, before));
  EXPECT_TRUE(same_stats(ring.stats(), stats_before));
  ASSERT_EQ(ring.rewind(10), Status::Ok);
  EXPECT_EQ(r.frame(), 0u);
}

TEST(RewindRing, RewindZeroDropsChangesMadeSinceTheLastPush) {
  Region r;
  ASSERT_TRUE(make_world(r, 5));
  RewindRing ring;
  ASSERT_EQ(ring.init(r, kBigBudget), Status::Ok);
  ASSERT_EQ(step_frame(r), Status::Ok);
  ASSERT_EQ(ring.push(), Status::Ok);
  const std::vector<u8> pushed = bytes_of(r);
  ASSERT_EQ(step_frame(r), Status::Ok);
  ASSERT_TRUE(FixedPool::create(r, 16, 8, 32).ok());  // grows used() too
  ASSERT_FALSE(same_bytes(r, pushed));
  ASSERT_EQ(ring.rewind(0), Status::Ok);
  EXPECT_TRUE(same_bytes(r, pushed));
  EXPECT_EQ(ring.stats().frames_held, 1u);
}

TEST(RewindRing, ARecordLargerThanTheBudgetEmptiesTheRing) {
  Region r;
  ASSERT_TRUE(make_world(r, 6));
  RewindRing ring;
  const u32 budget = static_cast<u32>(RewindRing::record_bytes(2));
  ASSERT_EQ(ring.init(r, budget), Status::Ok);
  // A frame of the workload touches more than two pages; so does filling a fresh pool.
  ASSERT_EQ(step_frame(r), Status::Ok);
  ASSERT_EQ(ring.push(), Status::Ok);
  RewindStats st = ring.stats();
  ASSERT_GT(st.last_push_pages, 2u);
  EXPECT_EQ(st.frames_held, 0u);
  EXPECT_EQ(st.oversize_pushes, 1u);
  EXPECT_EQ(st.bytes_used, 0u);
  EXPECT_EQ(st.oldest_frame, 1u);
  EXPECT_EQ(st.newest_frame, 1u);
  EXPECT_EQ(ring.rewind(1), Status::OutOfRange);

  // A small change fits again; then the oversize push drops it and is counted as dropped.
  const std::vector<u8> one = bytes_of(r);
  r.set_frame(r.frame() + 1);
  ASSERT_EQ(ring.push(), Status::Ok);
  st = ring.stats();
  EXPECT_EQ(st.last_push_pages, 1u);
  EXPECT_EQ(st.frames_held, 1u);
  ASSERT_EQ(step_frame(r), Status::Ok);
  ASSERT_EQ(ring.push(), Status::Ok);
  st = ring.stats();
  EXPECT_EQ(st.frames_held, 0u);
  EXPECT_EQ(st.frames_dropped, 1u);
  EXPECT_EQ(st.oversize_pushes, 2u);

  // The state of the oversize push is the new starting point.
  const std::vector<u8> now = bytes_of(r);
  ASSERT_EQ(step_frame(r), Status::Ok);
  ASSERT_EQ(ring.rewind(0), Status::Ok);
  EXPECT_TRUE(same_bytes(r, now));
  EXPECT_FALSE(same_bytes(r, one));
}

TEST(RewindRing, ATargetThatFailsItsCheckIsRefusedAndTheRingStaysUsable) {
  Region r;
  ASSERT_TRUE(make_world(r, 8));
  RewindRing ring;
  ASSERT_EQ(ring.init(r, kBigBudget), Status::Ok);
  ASSERT_EQ(step_frame(r), Status::Ok);
  ASSERT_EQ(ring.push(), Status::Ok);
  const std::vector<u8> good = bytes_of(r);
  // A frame whose bytes break the region's invariants gets recorded like any other...
  r.header().reserved[0] = 0xBAD;
  ASSERT_EQ(ring.push(), Status::Ok);
  r.header().reserved[0] = 0;
  ASSERT_EQ(step_frame(r), Status::Ok);
  ASSERT_EQ(ring.push(), Status::Ok);
  const std::vector<u8> latest = bytes_of(r);
  const RewindStats before = ring.stats();

  // ...but going back to it is refused, with the live bytes and the ring as they were.
  EXPECT_EQ(ring.rewind(1), Status::CorruptState);
  EXPECT_TRUE(same_bytes(r, latest));
  EXPECT_TRUE(same_stats(ring.stats(), before));
  // The swap-back restored the records: the frames on either side are still exactly reachable.
  ASSERT_EQ(ring.rewind(0), Status::Ok);
  EXPECT_TRUE(same_bytes(r, latest));
  ASSERT_EQ(ring.rewind(2), Status::Ok);
  EXPECT_TRUE(same_bytes(r, good));
}

}  // namespace
}  // namespace oc
