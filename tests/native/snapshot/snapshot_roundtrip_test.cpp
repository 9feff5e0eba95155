// Capture and restore: byte-identical round trips, zero pages skipped, the image hash, sealing later,
// the frame counter and root, and continuing after a restore as if nothing happened.
#include <gtest/gtest.h>

#include "snapshot_test_support.h"

namespace oc {
namespace {

using snaptest::Rng;
using snaptest::World;

TEST(SnapshotRoundTrip, RestoreGivesTheCapturedBytesAndHandlesBack) {
  World w;
  ASSERT_TRUE(w.init(512 * 1024, 1000, 256 * 1024));
  Rng rng(1);
  w.churn(rng, 3000);
  w.region.set_frame(0x123456789ull);
  ASSERT_EQ(w.region.set_root(w.pool.header().slots_offset), Status::Ok);
  const std::vector<u8> saved = snaptest::bytes_of(w.region);
  const std::vector<Handle> live_then = w.handles;
  const std::vector<u8> snap = snaptest::take(w.region);
  ASSERT_EQ(verify(snap.data(), static_cast<u32>(snap.size())), Status::Ok);

  // Mutate through every allocator, past the captured carve top too.
  w.churn(rng, 3000);
  for (Handle h : live_then) {
    if (w.pool.validate(h) == Status::Ok) {
      ASSERT_EQ(w.pool.free(h), Status::Ok);
    }
  }
  ASSERT_TRUE(FixedPool::create(w.region, 16, 16, 10).ok());
  w.region.set_frame(7);
  ASSERT_NE(snaptest::bytes_of(w.region), saved);

  ASSERT_EQ(snaptest::restore_from(w.region, snap), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == saved);
  EXPECT_EQ(check_region_and_allocators(w.region), Status::Ok);
  EXPECT_EQ(w.region.frame(), 0x123456789ull);
  EXPECT_EQ(w.region.root(), w.pool.header().slots_offset);
  // The views are still good (same geometry at the same offsets) and the old handles are live again.
  for (Handle h : live_then) EXPECT_EQ(w.pool.validate(h), Status::Ok);
  EXPECT_EQ(w.pool.check(), Status::Ok);
  EXPECT_EQ(w.slab.check(), Status::Ok);
}

TEST(SnapshotRoundTrip, ImageHashIsTheRegionChecksumAndDecodeGivesTheBytes) {
  World w;
  ASSERT_TRUE(w.init(256 * 1024, 500, 128 * 1024));
  Rng rng(2);
  w.churn(rng, 2000);
  const std::vector<u8> snap = snaptest::take(w.region);
  const Result<SnapshotInfo> info = inspect(snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info.value.header.image_hash, region_checksum(w.region));
  EXPECT_EQ(info.value.header.image_hash, checksum64(testsupport::region_bytes(w.region, w.region.used()).data(), w.region.used()));
  EXPECT_EQ(info.value.header.region_used, w.region.used());
  EXPECT_EQ(info.value.header.region_size, w.region.size());

  std::vector<u8> image(w.region.size(), 0xEE);
  ASSERT_EQ(decode(snap.data(), static_cast<u32>(snap.size()), image.data(), static_cast<u32>(image.size())),
            Status::Ok);
  EXPECT_TRUE(image == snaptest::bytes_of(w.region));
  EXPECT_EQ(decode(snap.data(), static_cast<u32>(snap.size()), image.data(), static_cast<u32>(image.size()) - 4096),
            Status::SizeMismatch);
}

TEST(SnapshotRoundTrip, ChunkTableDescribesTheRegionAndTheAllocators) {
  World w;
  ASSERT_TRUE(w.init(256 * 1024, 100, 64 * 1024));
  const std::vector<u8> snap = snaptest::take(w.region);
  const u32 len = static_cast<u32>(snap.size());
  const Result<SnapshotInfo> info = inspect(snap.data(), len);
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info.value.header.chunk_count, 5u);  // REGN, pool, slab, arena, PAGE
  const u32 kinds[] = {kChunkRegion, kChunkAllocator, kChunkAllocator, kChunkAllocator, kChunkPages};
  const u32 headers[] = {0, w.pool.header_offset(), w.slab.header_offset(), w.arena.header_offset(), 0};
  const u32 ids[] = {0, w.pool.id(), w.slab.id(), w.arena.id(), 0};
  for (u32 i = 0; i < 5; ++i) {
    const Result<ChunkEntry> e = chunk_at(snap.data(), len, i);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e.value.kind, kinds[i]) << i;
    EXPECT_EQ(e.value.region_offset, headers[i]) << i;
    EXPECT_EQ(e.value.id, ids[i]) << i;
    EXPECT_EQ(e.value.offset % 8, 0u);
    EXPECT_EQ(e.value.checksum, checksum64(snap.data() + e.value.offset, e.value.size)) << i;
  }
  // The extents: a pool's header, generations and links; a slab's header up to its span; an arena header.
  EXPECT_EQ(chunk_at(snap.data(), len, 1).value.size, w.pool.header().links_offset + 4 * 100 - w.pool.header_offset());
  EXPECT_EQ(chunk_at(snap.data(), len, 2).value.size, w.slab.header().span_begin - w.slab.header_offset());
  EXPECT_EQ(chunk_at(snap.data(), len, 3).value.size, sizeof(FrameArenaHeader));
  EXPECT_EQ(chunk_at(snap.data(), len, 0).value.size, sizeof(RegionHeader));
  EXPECT_EQ(chunk_at(snap.data(), len, 5).status, Status::OutOfRange);
}

TEST(SnapshotRoundTrip, ZeroPagesAreSkipped) {
  World w;
  ASSERT_TRUE(w.init(4u << 20, 200, 3u << 20));
  Rng rng(3);
  w.churn(rng, 100, 200);  // a few small blocks: most of the 4 MiB stay zero
  const std::vector<u8> snap = snaptest::take(w.region);
  const Result<SnapshotInfo> info = inspect(snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(info.ok());

  // Count, independently of capture, the pages that hold a non-zero byte outside the REGN/ALOC chunks.
  std::vector<u8> masked = snaptest::bytes_of(w.region);
  for (u32 i = 0; i + 1 < info.value.header.chunk_count; ++i) {
    const ChunkEntry e = snaptest::entry_of(snap, i);
    std::memset(masked.data() + e.region_offset, 0, e.region_length);
  }
  u32 nonzero = 0;
  for (u32 p = 0; p < info.value.page_count; ++p) {
    bool any = false;
    for (u32 b = 0; b < kSnapshotPageSize && !any; ++b) any = masked[p * kSnapshotPageSize + b] != 0;
    nonzero += any ? 1 : 0;
  }
  EXPECT_EQ(info.value.pages_present, nonzero);
  EXPECT_EQ(info.value.page_count, (w.region.used() + kSnapshotPageSize - 1) / kSnapshotPageSize);
  EXPECT_LT(info.value.pages_present, 40u);
  // The slab's metadata for a 3 MiB span is ~110 KiB; the pages add only what is non-zero.
  EXPECT_LT(snap.size(), 300u * 1024) << "a mostly empty 4 MiB region";
  std::vector<u8> image(w.region.size());
  ASSERT_EQ(decode(snap.data(), static_cast<u32>(snap.size()), image.data(), w.region.size()), Status::Ok);
  EXPECT_TRUE(image == snaptest::bytes_of(w.region));
}

TEST(SnapshotRoundTrip, UnsealedCaptureSealsToTheSealedBytes) {
  World w;
  ASSERT_TRUE(w.init(256 * 1024, 300, 128 * 1024));
  Rng rng(4);
  w.churn(rng, 1500);
  const std::vector<u8> sealed = snaptest::take(w.region, true);
  std::vector<u8> open = snaptest::take(w.region, false);
  ASSERT_EQ(open.size(), sealed.size());
  EXPECT_EQ(snaptest::header_of(open).flags & kSnapshotUnsealed, static_cast<u32>(kSnapshotUnsealed));
  EXPECT_EQ(snaptest::header_of(open).image_hash, 0u);
  EXPECT_EQ(verify(open.data(), static_cast<u32>(open.size())), Status::Unsealed);
  snaptest::expect_rejected(w.region, open, Status::Unsealed);
  EXPECT_TRUE(inspect(open.data(), static_cast<u32>(open.size())).ok());
  ASSERT_EQ(seal(open.data(), static_cast<u32>(open.size())), Status::Ok);
  EXPECT_TRUE(open == sealed);
  // Sealing is idempotent.
  ASSERT_EQ(seal(open.data(), static_cast<u32>(open.size())), Status::Ok);
  EXPECT_TRUE(open == sealed);
}

TEST(SnapshotRoundTrip, ContinuingAfterARestoreGivesTheSameChecksums) {
  World w;
  ASSERT_TRUE(w.init(512 * 1024, 800, 256 * 1024));
  Rng warm(5);
  w.churn(warm, 2000);
  const std::vector<u8> snap = snaptest::take(w.region);
  const std::vector<Handle> handles = w.handles;
  const std::vector<snaptest::Block> blocks = w.blocks;

  // The traffic depends on the allocators' state (which slot, which block comes back), so equal
  // checksums after the restore mean the whole state came back, not only the bytes we look at.
  auto run = [&](std::vector<u64>* sums) {
    Rng rng(99);
    for (u32 frame = 0; frame < 1000; ++frame) {
      w.churn(rng, 8);
      sums->push_back(region_checksum(w.region));
    }
  };
  std::vector<u64> first, second;
  run(&first);
  ASSERT_EQ(snaptest::restore_from(w.region, snap), Status::Ok);
  w.handles = handles;
  w.blocks = blocks;
  run(&second);
  EXPECT_TRUE(first == second);
  EXPECT_NE(first.front(), first.back());
}

TEST(SnapshotRoundTrip, RestoreZeroesWhatTheNewerStateCarvedBeyondTheSnapshot) {
  World w;
  ASSERT_TRUE(w.init(256 * 1024, 100, 64 * 1024));
  const std::vector<u8> saved = snaptest::bytes_of(w.region);
  const std::vector<u8> snap = snaptest::take(w.region);
  const u32 used_then = w.region.used();
  Result<FixedPool> later = FixedPool::create(w.region, 64, 16, 200);
  ASSERT_TRUE(later.ok());
  ASSERT_NE(later.value.alloc(), kNullHandle);
  std::memset(w.region.base() + later.value.header().slots_offset, 0x5A, 64);
  ASSERT_EQ(snaptest::restore_from(w.region, snap), Status::Ok);
  EXPECT_EQ(w.region.used(), used_then);
  EXPECT_EQ(w.region.header().allocator_count, 3u);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == saved);
}

TEST(SnapshotRoundTrip, MaxSizeBoundsADenseRegionAndASmallBufferIsExhausted) {
  World w;
  ASSERT_TRUE(w.init(256 * 1024, 64, 160 * 1024));
  // Every page non-zero: fill the slab with blocks of noise.
  Rng rng(6);
  for (;;) {
    const Offset off = w.slab.alloc(3000);
    if (off == kNullOffset) break;
    for (u32 b = 0; b < 3000; ++b) w.region.base()[off + b] = static_cast<u8>(rng.next() | 1);
  }
  const u32 max = snapshot_max_size(w.region);
  std::vector<u8> out(max);
  const Result<u32> n = capture(w.region, out.data(), max);
  ASSERT_TRUE(n.ok());
  EXPECT_LE(n.value, max);
  EXPECT_GT(n.value, 150u * 1024);
  for (u32 cap : {0u, 100u, 128u + 5 * 32, n.value / 2, n.value - 1}) {
    EXPECT_EQ(capture(w.region, out.data(), cap).status, Status::Exhausted) << cap;
  }
  EXPECT_EQ(capture(w.region, out.data(), n.value).status, Status::Ok);
}

TEST(SnapshotRoundTrip, RegionFrameAndRootAreHeaderFieldsThatCheckValidates) {
  Region r;
  ASSERT_EQ(r.init(16384), Status::Ok);
  EXPECT_EQ(r.frame(), 0u);
  r.set_frame(0xFFFFFFFF00000001ull);
  EXPECT_EQ(r.header().frame_lo, 1u);
  EXPECT_EQ(r.header().frame_hi, 0xFFFFFFFFu);
  EXPECT_EQ(r.frame(), 0xFFFFFFFF00000001ull);
  EXPECT_EQ(r.set_root(100), Status::OutOfRange);  // nothing carved yet
  ASSERT_TRUE(r.carve(256, 16).ok());
  EXPECT_EQ(r.set_root(63), Status::OutOfRange);
  EXPECT_EQ(r.set_root(r.used()), Status::OutOfRange);
  EXPECT_EQ(r.set_root(64), Status::Ok);
  EXPECT_EQ(r.root(), 64u);
  EXPECT_EQ(r.check(), Status::Ok);
  EXPECT_EQ(r.set_root(0), Status::Ok);
  r.header().root = r.used() + 16;  // written behind the API's back
  EXPECT_EQ(r.check(), Status::CorruptState);
  r.header().root = 0;
  r.header().reserved[3] = 1;
  EXPECT_EQ(r.check(), Status::CorruptState);
  r.header().reserved[3] = 0;
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(SnapshotRoundTrip, RegionViewDoesNotOwnItsBytes) {
  std::vector<u8> bytes(8192);
  {
    Region src;
    ASSERT_EQ(src.init(8192), Status::Ok);
    std::memcpy(bytes.data(), src.base(), 8192);
  }
  {
    Region v = Region::view(bytes.data(), 8192);
    ASSERT_TRUE(v.valid());
    EXPECT_EQ(v.check(), Status::Ok);
    Region moved(std::move(v));
    EXPECT_EQ(moved.base(), bytes.data());
  }  // destroying views must not unmap or free the vector's bytes (ASan would say so)
  bytes[0] ^= 1;
  EXPECT_FALSE(Region::view(nullptr, 8192).valid());
  EXPECT_FALSE(Region::view(bytes.data(), 10).valid());
}

TEST(SnapshotChecksum, MatchesTheReferenceXxh3AndStreamsTheSame) {
  // XXH3-64, seed 0, of bytes (i * 131 + 7) mod 256, computed with Debian's libxxhash0 0.8.1 (the
  // shared library, compiled separately from the header this build inlines).
  struct Vector {
    u32 len;
    u64 hash;
  };
  const Vector vectors[] = {{0, 0x2d06800538d394c2ull},   {1, 0x4c5cca45d0f4811full},
                            {3, 0x6e3e2670e61106acull},   {16, 0x86abf6baccea0858ull},
                            {17, 0xb58bf5dc5022d071ull},  {128, 0x10d17f72c0ccba41ull},
                            {129, 0x1648bdc3db49d1a2ull}, {240, 0xb6cfaf343fab81e6ull},
                            {241, 0x956cae592c67279eull}, {1000, 0x571d5cbfef44331bull},
                            {4096, 0x9ddd66c14af0daffull}, {5000, 0xe4007929540f095cull}};
  std::vector<u8> b(5000);
  for (u32 i = 0; i < b.size(); ++i) b[i] = static_cast<u8>(i * 131 + 7);
  for (const Vector& v : vectors) {
    EXPECT_EQ(checksum64(b.data(), v.len), v.hash) << v.len;
    Checksum64 s;
    u32 at = 0, step = 1;
    while (at < v.len) {
      const u32 n = step < v.len - at ? step : v.len - at;
      s.update(b.data() + at, n);
      at += n;
      step = step * 3 + 1;
    }
    EXPECT_EQ(s.digest(), v.hash) << v.len;
    s.reset();
    EXPECT_EQ(s.digest(), vectors[0].hash);
  }
}

}  // namespace
}  // namespace oc
