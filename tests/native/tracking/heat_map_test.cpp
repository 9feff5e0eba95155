// Tracker::heat_map: one byte per pixel of a region: 255 for the region header and allocator
// metadata, a tag for live blocks (the slab's per-block tag from its tag map), 0 for free space and
// everything past the carve top.
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

TEST(TrackerHeatMap, PaintsMetadataLiveBlocksByTagAndFreeSpace) {
  World w;
  w.init(small_options(TrackMode::Counters));
  Tracker& t = *w.tracker;
  const auto [actors, tiles, audio, scratch] = w.tag_subsystems();
  const Handle h = w.pool.alloc();
  Offset slot = 0;
  ASSERT_EQ(w.pool.resolve(h, &slot), Status::Ok);
  t.set_context(audio, 0);
  const Offset block = w.slab.alloc(4000);
  t.set_context(0, 0);
  const Offset plain = w.slab.alloc(2000);
  const Offset transient = w.arena.alloc(256);

  // One pixel per 16 bytes: every block above covers whole pixels.
  const u32 pixels = w.state.size() / 16;
  std::vector<u8> px(pixels, 77);
  ASSERT_EQ(t.heat_map(w.state, px.data(), pixels), Status::Ok);
  EXPECT_EQ(px[0], 255);                                   // region header
  EXPECT_EQ(px[w.pool.header_offset() / 16], 255);         // pool header
  EXPECT_EQ(px[slot / 16], actors);
  EXPECT_EQ(px[(slot + w.pool.header().slot_size) / 16], 0);  // the next, free slot
  EXPECT_EQ(px[block / 16], audio);
  EXPECT_EQ(px[(block + 3999) / 16], audio);
  EXPECT_EQ(px[plain / 16], tiles);                        // the slab's default tag
  EXPECT_EQ(px[transient / 16], scratch);
  EXPECT_EQ(px[(transient + 256) / 16], 0);                // arena space above the top
  EXPECT_EQ(px[pixels - 1], 0);                            // past the carve top
  for (u8 v : px) EXPECT_NE(v, 77);

  // Coarser pixels: a pixel holding a live block shows it even if the rest is free.
  std::vector<u8> coarse(64);
  ASSERT_EQ(t.heat_map(w.state, coarse.data(), 64), Status::Ok);
  const u32 bpp = (w.state.size() + 63) / 64;
  EXPECT_NE(coarse[0], 0);  // the header, and live blocks that win over it
  EXPECT_EQ(coarse[block / bpp] == audio || coarse[block / bpp] == tiles, true);
  EXPECT_EQ(coarse[63], 0);

  // After the free the block's pixels are free again.
  ASSERT_EQ(w.slab.free(block), Status::Ok);
  ASSERT_EQ(t.heat_map(w.state, px.data(), pixels), Status::Ok);
  EXPECT_EQ(px[(block + 2000) / 16], 0);
  EXPECT_EQ(t.heat_map(w.debug, px.data(), pixels), Status::InvalidArgument);  // not attached
  EXPECT_EQ(t.heat_map(w.state, nullptr, pixels), Status::InvalidArgument);
}

}  // namespace
}  // namespace oc
