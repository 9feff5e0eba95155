// Deltas: only the pages that changed since a full base, applied on top of the base (given, or the
// live region itself), refused against any other base.
#include <gtest/gtest.h>

#include "snapshot_test_support.h"

namespace oc {
namespace {

using snaptest::Rng;
using snaptest::World;

// A region whose slab span is filled with noise, so that the full snapshot is dense.
void fill_dense(World& w, Rng& rng, std::vector<Offset>* blocks) {
  for (;;) {
    const Offset off = w.slab.alloc(4000);
    if (off == kNullOffset) break;
    for (u32 b = 0; b < 4000; ++b) w.region.base()[off + b] = static_cast<u8>(rng.next() | 1);
    blocks->push_back(off);
  }
}

TEST(SnapshotDelta, OnePercentOfPagesChangedGivesASmallDeltaThatReproducesTheImage) {
  World w;
  ASSERT_TRUE(w.init(4u << 20, 256, (4u << 20) - (256u << 10)));
  Rng rng(10);
  std::vector<Offset> blocks;
  fill_dense(w, rng, &blocks);
  const std::vector<u8> base = snaptest::take(w.region);
  const std::vector<u8> base_bytes = snaptest::bytes_of(w.region);

  // Touch 1% of the pages: one byte in every 100th block (blocks are ~1 page each).
  const u32 pages = w.region.used() / kSnapshotPageSize;
  for (u32 i = 0; i < pages / 100; ++i) w.region.base()[blocks[i * 100] + 17] ^= 0x40;
  w.region.set_frame(w.region.frame() + 1);
  const std::vector<u8> now = snaptest::bytes_of(w.region);
  const std::vector<u8> delta = snaptest::take(w.region, true, &base);

  const Result<SnapshotInfo> info = inspect(delta.data(), static_cast<u32>(delta.size()));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info.value.header.flags & kSnapshotDelta, static_cast<u32>(kSnapshotDelta));
  EXPECT_EQ(info.value.header.base_hash, snaptest::header_of(base).image_hash);
  EXPECT_EQ(info.value.header.chunk_count, 2u);
  EXPECT_LE(info.value.pages_present, pages / 100 + 1);
  EXPECT_GE(info.value.pages_present, pages / 100);
  EXPECT_LE(delta.size() * 20, base.size()) << "delta " << delta.size() << " vs full " << base.size();
  EXPECT_EQ(verify(delta.data(), static_cast<u32>(delta.size())), Status::Ok);

  // decode(base + delta) is the image now.
  std::vector<u8> image(w.region.size());
  ASSERT_EQ(decode(delta.data(), static_cast<u32>(delta.size()), image.data(), w.region.size(), base.data(),
                   static_cast<u32>(base.size())),
            Status::Ok);
  EXPECT_TRUE(image == now);

  // Back to the base, then forward with the delta on top of the live region (no base given).
  ASSERT_EQ(snaptest::restore_from(w.region, base), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == base_bytes);
  ASSERT_EQ(snaptest::restore_from(w.region, delta), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == now);
  EXPECT_EQ(check_region_and_allocators(w.region), Status::Ok);

  // With the base given, the live region's contents do not matter.
  w.churn(rng, 200, 100);
  ASSERT_EQ(snaptest::restore_from(w.region, delta, &base), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == now);
}

TEST(SnapshotDelta, MetadataAndNewAllocatorsSinceTheBaseComeAcross) {
  World w;
  ASSERT_TRUE(w.init(512 * 1024, 400, 200 * 1024));
  Rng rng(11);
  w.churn(rng, 1500);
  const std::vector<u8> base = snaptest::take(w.region);
  // Allocator metadata changes, the carve top moves, a new pool appears over formerly empty pages.
  w.churn(rng, 1500);
  Result<FixedPool> extra = FixedPool::create(w.region, 32, 16, 100);
  ASSERT_TRUE(extra.ok());
  for (int i = 0; i < 30; ++i) ASSERT_NE(extra.value.alloc(), kNullHandle);
  ASSERT_EQ(w.region.set_root(extra.value.header().slots_offset), Status::Ok);
  const std::vector<u8> now = snaptest::bytes_of(w.region);
  const std::vector<u8> delta = snaptest::take(w.region, true, &base);

  ASSERT_EQ(snaptest::restore_from(w.region, base), Status::Ok);
  EXPECT_EQ(w.region.header().allocator_count, 3u);
  ASSERT_EQ(snaptest::restore_from(w.region, delta), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == now);
  EXPECT_EQ(w.region.header().allocator_count, 4u);
  EXPECT_EQ(check_region_and_allocators(w.region), Status::Ok);
}

TEST(SnapshotDelta, AgainstALargerBaseTheSurplusIsZeroed) {
  World w;
  ASSERT_TRUE(w.init(512 * 1024, 100, 100 * 1024));
  Rng rng(12);
  w.churn(rng, 500);
  const std::vector<u8> small = snaptest::take(w.region);
  const std::vector<u8> small_bytes = snaptest::bytes_of(w.region);
  Result<FixedPool> extra = FixedPool::create(w.region, 256, 16, 300);
  ASSERT_TRUE(extra.ok());
  for (int i = 0; i < 300; ++i) {
    Offset off = 0;
    ASSERT_EQ(extra.value.resolve(extra.value.alloc(), &off), Status::Ok);
    std::memset(w.region.base() + off, 9, 16);
  }
  const std::vector<u8> large = snaptest::take(w.region);
  // The state goes back to the smaller one; a delta of it against the larger base must shrink.
  ASSERT_EQ(snaptest::restore_from(w.region, small), Status::Ok);
  const std::vector<u8> delta = snaptest::take(w.region, true, &large);
  ASSERT_EQ(snaptest::restore_from(w.region, large), Status::Ok);
  ASSERT_EQ(snaptest::restore_from(w.region, delta), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == small_bytes);
}

TEST(SnapshotDelta, AWrongBaseIsRefusedAndNothingChanges) {
  World w;
  ASSERT_TRUE(w.init(256 * 1024, 300, 100 * 1024));
  Rng rng(13);
  w.churn(rng, 800);
  const std::vector<u8> base1 = snaptest::take(w.region);
  w.churn(rng, 800);
  const std::vector<u8> base2 = snaptest::take(w.region);
  w.churn(rng, 800);
  const std::vector<u8> delta = snaptest::take(w.region, true, &base2);

  // Explicit wrong base.
  snaptest::expect_rejected(w.region, delta, Status::BaseMismatch, &base1);
  // Implicit base: the live region is neither base2 nor anything the delta was made against.
  snaptest::expect_rejected(w.region, delta, Status::BaseMismatch);
  ASSERT_EQ(snaptest::restore_from(w.region, base1), Status::Ok);
  snaptest::expect_rejected(w.region, delta, Status::BaseMismatch);
  std::vector<u8> image(w.region.size());
  EXPECT_EQ(decode(delta.data(), static_cast<u32>(delta.size()), image.data(), w.region.size(), base1.data(),
                   static_cast<u32>(base1.size())),
            Status::BaseMismatch);

  // A delta is not a base; a base of another region size is not one either.
  CaptureOptions o;
  o.base = delta.data();
  o.base_len = static_cast<u32>(delta.size());
  std::vector<u8> out(snapshot_max_size(w.region));
  EXPECT_EQ(capture(w.region, out.data(), static_cast<u32>(out.size()), o).status, Status::BaseMismatch);
  snaptest::expect_rejected(w.region, delta, Status::BaseMismatch, &delta);
  World other;
  ASSERT_TRUE(other.init(512 * 1024, 300, 100 * 1024));
  const std::vector<u8> other_full = snaptest::take(other.region);
  o.base = other_full.data();
  o.base_len = static_cast<u32>(other_full.size());
  EXPECT_EQ(capture(w.region, out.data(), static_cast<u32>(out.size()), o).status, Status::BaseMismatch);
  // A damaged base reports its own fault.
  std::vector<u8> bad = base2;
  bad[bad.size() - 1] ^= 1;
  o.base = bad.data();
  o.base_len = static_cast<u32>(bad.size());
  EXPECT_EQ(capture(w.region, out.data(), static_cast<u32>(out.size()), o).status, Status::ChecksumMismatch);
  snaptest::expect_rejected(w.region, delta, Status::ChecksumMismatch, &bad);
}

TEST(SnapshotDelta, UnsealedDeltaCarriesItsImageHashAndSealsLater) {
  World w;
  ASSERT_TRUE(w.init(256 * 1024, 300, 100 * 1024));
  Rng rng(14);
  w.churn(rng, 800);
  const std::vector<u8> base = snaptest::take(w.region);
  w.churn(rng, 100);
  const std::vector<u8> now = snaptest::bytes_of(w.region);
  const std::vector<u8> sealed = snaptest::take(w.region, true, &base);
  std::vector<u8> open = snaptest::take(w.region, false, &base);
  EXPECT_EQ(snaptest::header_of(open).image_hash, region_checksum(w.region));
  EXPECT_EQ(verify(open.data(), static_cast<u32>(open.size())), Status::Unsealed);
  ASSERT_EQ(seal(open.data(), static_cast<u32>(open.size())), Status::Ok);
  EXPECT_TRUE(open == sealed);
  ASSERT_EQ(snaptest::restore_from(w.region, base), Status::Ok);
  ASSERT_EQ(snaptest::restore_from(w.region, open), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == now);
}

TEST(SnapshotDelta, NoChangeGivesAnEmptyPageSet) {
  World w;
  ASSERT_TRUE(w.init(256 * 1024, 300, 100 * 1024));
  Rng rng(15);
  w.churn(rng, 800);
  const std::vector<u8> base = snaptest::take(w.region);
  w.region.set_frame(w.region.frame() + 1);  // the header lives in REGN, not in the pages
  const std::vector<u8> delta = snaptest::take(w.region, true, &base);
  const Result<SnapshotInfo> info = inspect(delta.data(), static_cast<u32>(delta.size()));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info.value.pages_present, 0u);
  EXPECT_LT(delta.size(), 512u);
  // The live region moved on (its frame), so it is no longer the base: the base must be named.
  snaptest::expect_rejected(w.region, delta, Status::BaseMismatch);
  w.region.set_frame(w.region.frame() + 5);
  ASSERT_EQ(snaptest::restore_from(w.region, delta, &base), Status::Ok);
  EXPECT_EQ(w.region.frame(), snaptest::header_of(delta).frame);
}

}  // namespace
}  // namespace oc
