// oc_tracker_leaks and oc_tracker_older_than into an unaligned buffer go through an aligned copy:
// its size is bounded by the live records, not by `max`, so a huge max neither wraps a 32-bit size
// nor asks the heap for gigabytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "tracking/tracker_layout.h"
#include "wasm/abi.h"

namespace {

using oc::u32;
using oc::u64;

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }

TEST(AbiLeakRows, AnUnalignedBufferWithAHugeMaxGetsEveryRow) {
  const u32 state = oc_region_create(1u << 20, 0);
  const u32 slab = oc_slab_create(state, 1u << 16, 0, 0);
  u32 words[OC_TRACKER_OPTION_WORDS] = {256, 64, 16, 64, 16, 16, 4096, 1u << 14, OC_TRACK_FULL};
  const u32 debug = oc_region_create(oc_tracker_bytes_needed(addr(words)) + 4096, 0);
  const u32 t = oc_tracker_create(debug, addr(words));
  ASSERT_NE(t, 0u);
  ASSERT_EQ(oc_tracker_attach(t, state, 0, 0), 0);
  const u32 mark = oc_tracker_mark(t);
  const u32 sites[3] = {oc_tracker_site(t, addr("one"), 3), oc_tracker_site(t, addr("two"), 3),
                        oc_tracker_site(t, addr("three"), 5)};
  for (u32 i = 0; i < 3; ++i) {
    for (u32 k = 0; k <= i; ++k) ASSERT_NE(oc_slab_alloc_at(slab, 64, 16, 0, sites[i]), 0u);
  }

  // Room for the three rows, one byte off alignment.
  std::vector<unsigned char> bytes(8 * OC_TRACK_GROUP_WORDS * 4 + 8, 0xEE);
  unsigned char* out = bytes.data() + 1;
  EXPECT_EQ(oc_tracker_leaks(t, mark, addr(out), 0xFFFFFFFFu), 3u);
  EXPECT_EQ(oc_last_status(), 0) << oc_status_name(oc_last_status());
  u32 counts[3];
  for (u32 i = 0; i < 3; ++i) std::memcpy(&counts[i], out + (i * OC_TRACK_GROUP_WORDS + 2) * 4, 4);
  EXPECT_EQ(counts[0], 3u);  // largest bytes first
  EXPECT_EQ(counts[1], 2u);
  EXPECT_EQ(counts[2], 1u);
  EXPECT_EQ(bytes[1 + 3 * OC_TRACK_GROUP_WORDS * 4], 0xEE);  // nothing written past the rows

  EXPECT_EQ(oc_tracker_older_than(t, 0, 0, addr(out), 0xFFFFFFFFu), 3u);
  EXPECT_EQ(oc_last_status(), 0);
  // Fewer rows than groups: only those are written, the count is still every group.
  std::fill(bytes.begin(), bytes.end(), 0xEE);
  EXPECT_EQ(oc_tracker_leaks(t, mark, addr(out), 1), 3u);
  EXPECT_EQ(bytes[1 + OC_TRACK_GROUP_WORDS * 4], 0xEE);
  // Nothing live after a fresh mark: no copy at all, zero groups.
  EXPECT_EQ(oc_tracker_leaks(t, oc_tracker_mark(t), addr(out), 0xFFFFFFFFu), 0u);
  EXPECT_EQ(oc_last_status(), 0);
  oc_region_destroy(state);
  oc_region_destroy(debug);
}

}  // namespace
