// Sync test: the workload is deterministic (no mismatch), and a step that reads state from outside the
// region is caught at exactly the first frame whose bytes that state changed.
#include "snapshot/sync_test.h"

#include <gtest/gtest.h>

#include <vector>

#include "snapshot/snapshot.h"
#include "workload_fixture.h"

namespace oc {
namespace {

using testing::bytes_of;
using testing::make_world;
using testing::same_bytes;

std::vector<u32> frame_inputs(u32 frames) {
  std::vector<u32> inputs(frames);
  for (u32 i = 0; i < frames; ++i) inputs[i] = i * 2654435761u;  // distinct, non-trivial bits
  return inputs;
}

Status workload_step(void*, Region& region, u32 input) {
  Result<Workload> w = Workload::attach(region);
  return w.ok() ? w.value.step(input) : w.status;
}

// A simulation bug: it counts its own calls in a static and, past some call, lets the count change the
// frame. The count is not in the region, so the re-run (whose calls are numbered on) diverges.
struct LeakyClock {
  u32 calls = 0;
  u32 diverge_at_call = 0;
};

Status leaky_step(void* user, Region& region, u32 input) {
  auto* clock = static_cast<LeakyClock*>(user);
  const u32 leak = clock->calls++ >= clock->diverge_at_call ? 1u : 0u;
  return workload_step(nullptr, region, input ^ leak);
}

// The common form of that bug: an RNG kept outside the state.
u32 g_outside_rng = 12345;

Status outside_rng_step(void*, Region& region, u32 input) {
  g_outside_rng = g_outside_rng * 1103515245u + 12345u;
  return workload_step(nullptr, region, input + (g_outside_rng >> 16));
}

TEST(SyncTest, TheWorkloadIsDeterministicOver600Frames) {
  Region r, single;
  ASSERT_TRUE(make_world(r, 31));
  ASSERT_TRUE(make_world(single, 31));
  for (u32 i = 0; i < 40; ++i) ASSERT_EQ(workload_step(nullptr, r, i), Status::Ok);
  for (u32 i = 0; i < 40; ++i) ASSERT_EQ(workload_step(nullptr, single, i), Status::Ok);
  const std::vector<u32> inputs = frame_inputs(600);
  SyncTestReport report{};
  ASSERT_EQ(sync_test(r, inputs.data(), 600, workload_step, nullptr, &report), Status::Ok);
  EXPECT_EQ(report.first_mismatch, kSyncNoMismatch);
  EXPECT_EQ(report.frames_run, 600u);
  // The region ends where one run of the same inputs ends.
  for (u32 input : inputs) ASSERT_EQ(workload_step(nullptr, single, input), Status::Ok);
  EXPECT_TRUE(same_bytes(r, bytes_of(single)));
  EXPECT_EQ(r.frame(), 640u);
}

TEST(SyncTest, AStepThatReadsAStaticCounterIsReportedAtTheExactFrame) {
  Region r;
  ASSERT_TRUE(make_world(r, 32));
  const u32 frames = 120;
  const std::vector<u32> inputs = frame_inputs(frames);
  // Calls 0..119 are the first run, 120.. the re-run: from call 157 on (the re-run's frame 37) the
  // leak flips an input bit.
  LeakyClock clock{0, frames + 37};
  SyncTestReport report{};
  ASSERT_EQ(sync_test(r, inputs.data(), frames, leaky_step, &clock, &report), Status::Ok);
  EXPECT_EQ(report.first_mismatch, 37u);
  EXPECT_EQ(report.frames_run, 38u) << "the test stops at the first mismatch";
  EXPECT_NE(report.expected, report.actual);
  EXPECT_EQ(report.actual, region_checksum(r)) << "the region holds the re-run's frame 37";
}

TEST(SyncTest, AnRngOutsideTheRegionIsReportedAtFrameZero) {
  Region r;
  ASSERT_TRUE(make_world(r, 33));
  const std::vector<u32> inputs = frame_inputs(50);
  SyncTestReport report{};
  ASSERT_EQ(sync_test(r, inputs.data(), 50, outside_rng_step, nullptr, &report), Status::Ok);
  EXPECT_EQ(report.first_mismatch, 0u);
  EXPECT_EQ(report.frames_run, 1u);
}

TEST(SyncTest, AFailingStepStopsTheTestWithItsStatus) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);  // no workload: attach fails
  const std::vector<u32> inputs = frame_inputs(5);
  SyncTestReport report{};
  EXPECT_EQ(sync_test(r, inputs.data(), 5, workload_step, nullptr, &report), Status::InvalidArgument);
  EXPECT_EQ(report.first_mismatch, kSyncNoMismatch);
}

TEST(SyncTest, BadArgumentsAreRefused) {
  Region r;
  ASSERT_TRUE(make_world(r, 34));
  const std::vector<u8> before = bytes_of(r);
  const u32 input = 0;
  SyncTestReport report{};
  EXPECT_EQ(sync_test(r, &input, 1, nullptr, nullptr, &report), Status::InvalidArgument);
  EXPECT_EQ(sync_test(r, &input, 1, workload_step, nullptr, nullptr), Status::InvalidArgument);
  EXPECT_EQ(sync_test(r, nullptr, 1, workload_step, nullptr, &report), Status::InvalidArgument);
  Region empty;
  EXPECT_EQ(sync_test(empty, &input, 1, workload_step, nullptr, &report), Status::InvalidArgument);
  EXPECT_TRUE(same_bytes(r, before));
  // Zero frames: nothing to compare, nothing changed.
  EXPECT_EQ(sync_test(r, nullptr, 0, workload_step, nullptr, &report), Status::Ok);
  EXPECT_EQ(report.first_mismatch, kSyncNoMismatch);
  EXPECT_TRUE(same_bytes(r, before));
}

}  // namespace
}  // namespace oc
