// The debug region belongs to its tracker: through the ABI it cannot be captured, restored or given a
// rewind ring while the tracker lives (the tracker trusts its tables there); afterwards it can.
#include <gtest/gtest.h>

#include <vector>

#include "memory/types.h"
#include "wasm/abi.h"

namespace {

using oc::u32;
using oc::u8;

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }
constexpr int32_t kInvalid = static_cast<int32_t>(oc::Status::InvalidArgument);

TEST(AbiDebugRegion, SnapshotsRestoresAndRewindsOfATrackersRegionAreRefused) {
  const u32 state = oc_region_create(1u << 16, 0);
  u32 words[OC_TRACKER_OPTION_WORDS] = {256, 64, 16, 64, 16, 16, 4096, 1u << 14, OC_TRACK_FULL};
  const u32 debug = oc_region_create(oc_tracker_bytes_needed(addr(words)) + 4096, 0);
  ASSERT_NE(state, 0u);
  ASSERT_NE(debug, 0u);

  // Before there is a tracker, the debug region is a region like any other: a snapshot to restore later.
  std::vector<u8> snap(oc_snapshot_max_size(debug));
  const u32 n = oc_snapshot_capture(debug, addr(snap.data()), static_cast<u32>(snap.size()), 0);
  ASSERT_GT(n, 0u);

  const u32 t = oc_tracker_create(debug, addr(words));
  ASSERT_NE(t, 0u);
  ASSERT_EQ(oc_tracker_attach(t, state, 0, 0), 0);
  const u32 before = oc_tracker_header(t);

  std::vector<u8> out(oc_snapshot_max_size(debug) + 4096);
  const u32 cap = static_cast<u32>(out.size());
  EXPECT_EQ(oc_snapshot_capture(debug, addr(out.data()), cap, 0), 0u);
  EXPECT_EQ(oc_last_status(), kInvalid);
  EXPECT_EQ(oc_snapshot_capture_delta(debug, addr(snap.data()), n, addr(out.data()), cap, 0), 0u);
  EXPECT_EQ(oc_last_status(), kInvalid);
  EXPECT_EQ(oc_snapshot_capture_report(debug, addr(out.data()), cap, 0, addr("{}"), 2), 0u);
  EXPECT_EQ(oc_last_status(), kInvalid);
  EXPECT_EQ(oc_snapshot_restore(debug, addr(snap.data()), n, 0, 0), kInvalid);
  EXPECT_EQ(oc_rewind_create(debug, 1u << 20), 0u);
  EXPECT_EQ(oc_last_status(), kInvalid);
  // The tracker's tables are untouched and it still works.
  EXPECT_EQ(oc_tracker_header(t), before);
  EXPECT_EQ(oc_tracker_mark(t), 1u);

  // The state region is not the tracker's: its snapshots work as before.
  std::vector<u8> state_snap(oc_snapshot_max_size(state));
  EXPECT_GT(oc_snapshot_capture(state, addr(state_snap.data()), static_cast<u32>(state_snap.size()), 0), 0u);

  // With the tracker gone the region is the program's again.
  ASSERT_EQ(oc_tracker_destroy(t), 0);
  EXPECT_GT(oc_snapshot_capture(debug, addr(out.data()), cap, 0), 0u);
  EXPECT_EQ(oc_snapshot_restore(debug, addr(snap.data()), n, 0, 0), 0);
  const u32 ring = oc_rewind_create(debug, 1u << 20);
  EXPECT_NE(ring, 0u);
  oc_rewind_destroy(ring);
  oc_region_destroy(state);
  oc_region_destroy(debug);
}

}  // namespace
