// Every rejection class, each with a crafted input: the specific Status, and the live region byte
// for byte as it was (and still passing check()). Edits that must reach a check past the checksums
// re-seal the whole-file checksum (reseal_whole) or the edited chunk (reseal_chunk) first.
#include <gtest/gtest.h>

#include "snapshot_test_support.h"

namespace oc {
namespace {

using snaptest::expect_rejected;
using snaptest::Rng;
using snaptest::World;

class SnapshotReject : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(w.init(256 * 1024, 400, 128 * 1024));
    Rng rng(21);
    w.churn(rng, 1500);
    good = snaptest::take(w.region);
    w.churn(rng, 500);  // the live state differs from the snapshot, so "untouched" means something
    ASSERT_EQ(verify(good.data(), len()), Status::Ok);
  }
  u32 len() const { return static_cast<u32>(good.size()); }
  std::vector<u8> edited(void (*edit)(SnapshotHeader&)) const {
    std::vector<u8> s = good;
    SnapshotHeader h = snaptest::header_of(s);
    edit(h);
    snaptest::put_header(s, h);
    snaptest::reseal_whole(s);
    return s;
  }
  // verify() agrees with restore() on every fault it can see without a region.
  void expect_both(const std::vector<u8>& s, Status want) {
    EXPECT_EQ(verify(s.data(), static_cast<u32>(s.size())), want);
    expect_rejected(w.region, s, want);
  }

  World w;
  std::vector<u8> good;
};

TEST_F(SnapshotReject, BadMagic) {
  std::vector<u8> s = good;
  s[0] ^= 1;
  expect_both(s, Status::BadMagic);
  const std::vector<u8> text = {'h', 'e', 'l', 'l', 'o'};
  expect_both(text, Status::BadMagic);
}

TEST_F(SnapshotReject, VersionTooNewAndTooOld) {
  expect_both(edited([](SnapshotHeader& h) { h.version = kSnapshotVersion + 1; h.min_version = kSnapshotVersion + 1; }),
              Status::VersionTooNew);
  expect_both(edited([](SnapshotHeader& h) { h.min_version = 0xFFFF; }), Status::VersionTooNew);
  expect_both(edited([](SnapshotHeader& h) { h.version = 0; }), Status::VersionTooOld);
  // A newer writer that says this reader may still load it is loaded.
  const std::vector<u8> newer = edited([](SnapshotHeader& h) { h.version = 7; });
  EXPECT_EQ(verify(newer.data(), static_cast<u32>(newer.size())), Status::Ok);
  // Nonsense combinations are out of range: no reader version is 0, min_version cannot pass version.
  expect_both(edited([](SnapshotHeader& h) { h.min_version = 0; }), Status::OutOfRange);
  expect_both(edited([](SnapshotHeader& h) { h.version = 1; h.min_version = 1; h.header_size = 64; }),
              Status::OutOfRange);
}

TEST_F(SnapshotReject, LayoutMismatch) {
  expect_both(edited([](SnapshotHeader& h) { h.layout_id ^= 1; }), Status::LayoutMismatch);
}

TEST_F(SnapshotReject, TruncatedAtEveryBoundary) {
  std::vector<u32> cuts = {0, 1, 3, 4, 64, 127, 128, 128 + 31, 128 + 32};
  const u32 n = snaptest::header_of(good).chunk_count;
  cuts.push_back(128 + 32 * n - 1);
  for (u32 i = 0; i < n; ++i) {
    const ChunkEntry e = snaptest::entry_of(good, i);
    for (u32 c : {e.offset - 1, e.offset, e.offset + 1, e.offset + e.size / 2, e.offset + e.size - 1}) cuts.push_back(c);
  }
  for (u32 cut : cuts) {
    ASSERT_LT(cut, good.size());
    const std::vector<u8> s(good.begin(), good.begin() + cut);
    // A file too short to hold the magic cannot be told from another file: still Truncated.
    expect_both(s, Status::Truncated);
  }
}

TEST_F(SnapshotReject, LongerThanItSaysIsOutOfRange) {
  std::vector<u8> s = good;
  s.push_back(0);
  expect_both(s, Status::OutOfRange);
  s.resize(good.size() + 4096, 0);
  expect_both(s, Status::OutOfRange);
}

TEST_F(SnapshotReject, ChecksumFlipsInEveryChunkTheHeaderAndTheTable) {
  const u32 n = snaptest::header_of(good).chunk_count;
  for (u32 i = 0; i < n; ++i) {
    const ChunkEntry e = snaptest::entry_of(good, i);
    for (u32 at : {e.offset, e.offset + e.size / 2, e.offset + e.size - 1}) {
      std::vector<u8> s = good;
      s[at] ^= 0x10;
      expect_both(s, Status::ChecksumMismatch);
    }
  }
  std::vector<u8> s = good;
  s[offsetof(SnapshotHeader, frame)] ^= 1;  // a header field no other check looks at
  expect_both(s, Status::ChecksumMismatch);
  s = good;
  s[128 + 24] ^= 1;  // chunk 0's checksum field in the table
  expect_both(s, Status::ChecksumMismatch);
  // The image hash is checked after decoding.
  const std::vector<u8> wrong_image = edited([](SnapshotHeader& h) { h.image_hash ^= 1; });
  EXPECT_EQ(verify(wrong_image.data(), len()), Status::Ok);
  expect_rejected(w.region, wrong_image, Status::ChecksumMismatch);
}

TEST_F(SnapshotReject, OverlappingOrMisplacedChunks) {
  const u32 n = snaptest::header_of(good).chunk_count;
  for (u32 i = 1; i < n; ++i) {
    std::vector<u8> s = good;
    ChunkEntry e = snaptest::entry_of(s, i);
    e.offset = snaptest::entry_of(s, i - 1).offset;  // on top of the previous payload
    snaptest::put_entry(s, i, e);
    snaptest::reseal_whole(s);
    expect_both(s, Status::OutOfRange);
  }
  std::vector<u8> s = good;
  ChunkEntry e = snaptest::entry_of(s, 0);
  e.offset = 128;  // over the table
  snaptest::put_entry(s, 0, e);
  snaptest::reseal_whole(s);
  expect_both(s, Status::OutOfRange);
  // Two chunks swapped in the table: kinds out of order.
  s = good;
  const ChunkEntry a = snaptest::entry_of(s, 0), b = snaptest::entry_of(s, 1);
  snaptest::put_entry(s, 0, b);
  snaptest::put_entry(s, 1, a);
  snaptest::reseal_whole(s);
  expect_both(s, Status::OutOfRange);
  // Two ALOC chunks swapped (payload positions and all): ids and region offsets no longer rise.
  s = good;
  const ChunkEntry c1 = snaptest::entry_of(s, 1), c2 = snaptest::entry_of(s, 2);
  ChunkEntry x = c2, y = c1;
  x.offset = c1.offset;
  snaptest::put_entry(s, 1, x);
  snaptest::put_entry(s, 2, y);
  snaptest::reseal_whole(s);
  expect_both(s, Status::OutOfRange);
}

TEST_F(SnapshotReject, HugeSizesAndCounts) {
  expect_both(edited([](SnapshotHeader& h) { h.chunk_count = 0xFFFFFFFFu; }), Status::OutOfRange);
  expect_both(edited([](SnapshotHeader& h) { h.chunk_count = 1; }), Status::OutOfRange);
  expect_both(edited([](SnapshotHeader& h) { h.total_size = 0xFFFFFFFFu; }), Status::Truncated);
  expect_both(edited([](SnapshotHeader& h) { h.region_used = h.region_size + 4096; }), Status::OutOfRange);
  expect_both(edited([](SnapshotHeader& h) { h.region_size = 0xFFFFF123u; }), Status::OutOfRange);
  expect_both(edited([](SnapshotHeader& h) { h.region_size = 0; }), Status::OutOfRange);
  // The largest region there can be is a well-formed snapshot, just not of this region.
  const std::vector<u8> huge_region = edited([](SnapshotHeader& h) { h.region_size = 0xFFFFF000u; });
  EXPECT_EQ(verify(huge_region.data(), len()), Status::Ok);
  expect_rejected(w.region, huge_region, Status::SizeMismatch);
  expect_both(edited([](SnapshotHeader& h) { h.page_size = 65536; }), Status::OutOfRange);
  const u32 n = snaptest::header_of(good).chunk_count;
  for (u32 i = 0; i < n; ++i) {
    std::vector<u8> s = good;
    ChunkEntry e = snaptest::entry_of(s, i);
    e.size = 0xFFFFFFF0u;
    snaptest::put_entry(s, i, e);
    snaptest::reseal_whole(s);
    expect_both(s, Status::Truncated);
  }
}

TEST_F(SnapshotReject, OffsetsOutOfRange) {
  const u32 n = snaptest::header_of(good).chunk_count;
  for (u32 i = 0; i < n; ++i) {
    for (u32 off : {0u, 8u, 0xFFFFFFF8u, len(), len() + 8}) {
      std::vector<u8> s = good;
      ChunkEntry e = snaptest::entry_of(s, i);
      e.offset = off;
      snaptest::put_entry(s, i, e);
      snaptest::reseal_whole(s);
      expect_both(s, Status::OutOfRange);
    }
  }
  // An allocator chunk placed past the carve top, or over the region header.
  for (u32 region_offset : {0u, 8u, snaptest::header_of(good).region_used, 0xFFFFFFF8u}) {
    std::vector<u8> s = good;
    ChunkEntry e = snaptest::entry_of(s, 1);
    e.region_offset = region_offset;
    snaptest::put_entry(s, 1, e);
    snaptest::reseal_whole(s);
    expect_both(s, Status::OutOfRange);
  }
  // A PAGE chunk that claims to cover more of the region than the used bytes.
  std::vector<u8> s = good;
  ChunkEntry p = snaptest::entry_of(s, n - 1);
  p.region_length += kSnapshotPageSize;
  snaptest::put_entry(s, n - 1, p);
  snaptest::reseal_whole(s);
  expect_both(s, Status::OutOfRange);
}

TEST_F(SnapshotReject, ReservedFieldsFlagsAndBitmapTail) {
  expect_both(edited([](SnapshotHeader& h) { h.reserved[5] = 1; }), Status::OutOfRange);
  expect_both(edited([](SnapshotHeader& h) { h.reserved0 = 1; }), Status::OutOfRange);
  expect_both(edited([](SnapshotHeader& h) { h.flags |= 1u << 7; }), Status::OutOfRange);
  expect_both(edited([](SnapshotHeader& h) { h.base_hash = 5; }), Status::OutOfRange);
  // A bit for a page past page_count.
  std::vector<u8> s = good;
  const u32 n = snaptest::header_of(s).chunk_count;
  const ChunkEntry p = snaptest::entry_of(s, n - 1);
  const Result<SnapshotInfo> info = inspect(s.data(), len());
  ASSERT_TRUE(info.ok());
  const u32 pages = info.value.page_count;
  ASSERT_NE(pages % 8, 0u) << "the test needs a partly used last bitmap byte";
  s[p.offset + pages / 8] |= static_cast<u8>(0x80);
  snaptest::reseal_chunk(s, n - 1);
  expect_both(s, Status::OutOfRange);
}

TEST_F(SnapshotReject, SizeMismatch) {
  Region other;
  ASSERT_EQ(other.init(512 * 1024), Status::Ok);
  expect_rejected(other, good, Status::SizeMismatch);
  std::vector<u8> image(128 * 1024);
  EXPECT_EQ(decode(good.data(), len(), image.data(), static_cast<u32>(image.size())), Status::SizeMismatch);
}

TEST_F(SnapshotReject, Unsealed) {
  std::vector<u8> s = snaptest::take(w.region, false);
  const std::vector<u8> copy = s;
  expect_both(s, Status::Unsealed);
  EXPECT_TRUE(s == copy);
}

TEST_F(SnapshotReject, SealedButInconsistentStateFailsCheck) {
  // A forger who re-seals everything after editing the pool's live count: structure and checksums
  // are fine, the allocator's own check() is not.
  std::vector<u8> s = good;
  const ChunkEntry pool = snaptest::entry_of(s, 1);
  u32 live;
  std::memcpy(&live, s.data() + pool.offset + offsetof(FixedPoolHeader, live), 4);
  live += 1;
  std::memcpy(s.data() + pool.offset + offsetof(FixedPoolHeader, live), &live, 4);
  ASSERT_EQ(seal(s.data(), len()), Status::Ok);
  EXPECT_EQ(verify(s.data(), len()), Status::Ok);
  expect_rejected(w.region, s, Status::CorruptState);

  // The region header's allocator count no longer matches its list.
  s = good;
  u32 count;
  std::memcpy(&count, s.data() + snaptest::entry_of(s, 0).offset + offsetof(RegionHeader, allocator_count), 4);
  count += 1;
  std::memcpy(s.data() + snaptest::entry_of(s, 0).offset + offsetof(RegionHeader, allocator_count), &count, 4);
  ASSERT_EQ(seal(s.data(), len()), Status::Ok);
  expect_rejected(w.region, s, Status::CorruptState);

  // The table's ALOC chunks do not describe the region's allocators (a wrong id).
  s = good;
  const u32 n = snaptest::header_of(s).chunk_count;
  ChunkEntry last_aloc = snaptest::entry_of(s, n - 2);
  last_aloc.id += 10;
  snaptest::put_entry(s, n - 2, last_aloc);
  ASSERT_EQ(seal(s.data(), len()), Status::Ok);
  EXPECT_EQ(verify(s.data(), len()), Status::Ok);
  expect_rejected(w.region, s, Status::CorruptState);
}

TEST_F(SnapshotReject, TheGoodSnapshotStillLoadsAfterAllThat) {
  ASSERT_EQ(snaptest::restore_from(w.region, good), Status::Ok);
  std::vector<u8> image(w.region.size());
  ASSERT_EQ(decode(good.data(), len(), image.data(), w.region.size()), Status::Ok);
  EXPECT_TRUE(image == snaptest::bytes_of(w.region));
}

}  // namespace
}  // namespace oc
