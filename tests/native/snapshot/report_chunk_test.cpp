// The optional 'TRAK' chunk (format.h): a tracker report carried after PAGE in a full snapshot.
// Round trip, what a reader accepts and refuses around it, and that files without it are still the
// version-1 files issue-3 readers load.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "snapshot_test_support.h"
#include "wasm/abi.h"

namespace oc {
namespace {

using snaptest::expect_rejected;
using snaptest::Rng;
using snaptest::World;

u64 align8(u64 x) { return (x + 7) & ~u64{7}; }

const std::string kReport =
    R"({"format":"claw-stats","version":1,"mode":"full","frame":7,"note":"not checked by the core"})";

class ReportChunk : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(w.init(256 * 1024, 300, 128 * 1024));
    Rng rng(5);
    w.churn(rng, 1200);
  }

  std::vector<u8> take_with(const std::string& report, bool seal = true) {
    std::vector<u8> out(snapshot_max_size(w.region, static_cast<u32>(report.size())));
    CaptureOptions o;
    o.seal = seal;
    o.report = reinterpret_cast<const u8*>(report.data());
    o.report_len = static_cast<u32>(report.size());
    const Result<u32> n = capture(w.region, out.data(), static_cast<u32>(out.size()), o);
    EXPECT_EQ(n.status, Status::Ok);
    out.resize(n.value);
    return out;
  }

  static u32 size_of(const std::vector<u8>& s) { return static_cast<u32>(s.size()); }
  static u32 last(const std::vector<u8>& s) { return snaptest::header_of(s).chunk_count - 1; }
  static std::string payload(const std::vector<u8>& s, const ChunkEntry& e) {
    return std::string(reinterpret_cast<const char*>(s.data() + e.offset), e.size);
  }

  World w;
};

TEST_F(ReportChunk, RoundTripCarriesTheReportAfterPageAndRestoresTheSameImage) {
  const std::vector<u8> plain = snaptest::take(w.region);
  const std::vector<u8> with = take_with(kReport);
  const std::vector<u8> image = snaptest::bytes_of(w.region);
  const SnapshotHeader h = snaptest::header_of(with);
  EXPECT_EQ(h.version, kSnapshotVersion);
  EXPECT_EQ(h.min_version, kSnapshotReportMinVersion);
  EXPECT_EQ(h.chunk_count, snaptest::header_of(plain).chunk_count + 1);
  EXPECT_LE(with.size(), snapshot_max_size(w.region, static_cast<u32>(kReport.size())));

  // The chunk table lists it last, after PAGE, with the fields format.h fixes.
  const Result<ChunkEntry> page = chunk_at(with.data(), size_of(with), last(with) - 1);
  const Result<ChunkEntry> trak = chunk_at(with.data(), size_of(with), last(with));
  ASSERT_TRUE(page.ok() && trak.ok());
  EXPECT_EQ(page.value.kind, kChunkPages);
  EXPECT_EQ(trak.value.kind, kChunkReport);
  EXPECT_EQ(trak.value.id, 0u);
  EXPECT_EQ(trak.value.region_offset, 0u);
  EXPECT_EQ(trak.value.region_length, 0u);
  EXPECT_EQ(trak.value.offset % 8, 0u);
  EXPECT_EQ(trak.value.offset + trak.value.size, h.total_size);
  EXPECT_EQ(payload(with, trak.value), kReport);
  EXPECT_EQ(trak.value.checksum, checksum64(with.data() + trak.value.offset, trak.value.size));
  // Everything before TRAK is what a plain capture writes, PAGE included.
  const ChunkEntry plain_page = snaptest::entry_of(plain, last(plain));
  EXPECT_EQ(page.value.checksum, plain_page.checksum);
  EXPECT_EQ(page.value.size, plain_page.size);
  EXPECT_EQ(h.image_hash, snaptest::header_of(plain).image_hash);

  const Result<SnapshotInfo> info = inspect(with.data(), size_of(with));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info.value.pages_present, inspect(plain.data(), size_of(plain)).value.pages_present);
  EXPECT_EQ(verify(with.data(), size_of(with)), Status::Ok);

  // Restore ignores the report: the image comes back byte for byte.
  Rng rng(6);
  w.churn(rng, 400);
  ASSERT_NE(snaptest::bytes_of(w.region), image);
  ASSERT_EQ(snaptest::restore_from(w.region, with), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == image);

  // decode() too.
  std::vector<u8> decoded(w.region.size());
  EXPECT_EQ(decode(with.data(), size_of(with), decoded.data(), size_of(decoded)), Status::Ok);
  EXPECT_TRUE(decoded == image);
}

TEST_F(ReportChunk, PlainSnapshotsStayVersionOneFilesThatIssueThreeReadersLoad) {
  const std::vector<u8> plain = snaptest::take(w.region);
  const SnapshotHeader h = snaptest::header_of(plain);
  EXPECT_EQ(h.min_version, 1u);  // a version-1 reader accepts min_version <= 1
  EXPECT_EQ(snaptest::entry_of(plain, last(plain)).kind, kChunkPages);

  // A file written by a version-1 writer (the same bytes with version 1) still loads here.
  std::vector<u8> old = plain;
  SnapshotHeader oh = h;
  oh.version = 1;
  snaptest::put_header(old, oh);
  snaptest::reseal_whole(old);
  const std::vector<u8> image = snaptest::bytes_of(w.region);
  Rng rng(8);
  w.churn(rng, 300);
  ASSERT_EQ(verify(old.data(), size_of(old)), Status::Ok);
  ASSERT_EQ(snaptest::restore_from(w.region, old), Status::Ok);
  EXPECT_TRUE(snaptest::bytes_of(w.region) == image);
}

TEST_F(ReportChunk, DamagedReportIsAChecksumMismatchAndLeavesTheRegionUntouched) {
  std::vector<u8> s = take_with(kReport);
  const ChunkEntry trak = snaptest::entry_of(s, last(s));
  for (u32 at : {trak.offset, trak.offset + trak.size / 2, trak.offset + trak.size - 1}) {
    std::vector<u8> bad = s;
    bad[at] ^= 0x20;
    EXPECT_EQ(verify(bad.data(), size_of(bad)), Status::ChecksumMismatch);
    expect_rejected(w.region, bad, Status::ChecksumMismatch);
  }
  // The entry itself is covered by the whole-file checksum.
  std::vector<u8> bad = s;
  ChunkEntry e = trak;
  e.checksum ^= 1;
  snaptest::put_entry(bad, last(bad), e);
  expect_rejected(w.region, bad, Status::ChecksumMismatch);
}

TEST_F(ReportChunk, TruncatedInsideOrBeforeTheReportIsTruncated) {
  const std::vector<u8> s = take_with(kReport);
  const ChunkEntry trak = snaptest::entry_of(s, last(s));
  for (u32 keep : {size_of(s) - 1, trak.offset + 1, trak.offset, trak.offset - 8}) {
    const std::vector<u8> cut(s.begin(), s.begin() + keep);
    EXPECT_EQ(verify(cut.data(), keep), Status::Truncated) << keep;
    expect_rejected(w.region, cut, Status::Truncated);
  }
  // A forger who shortens the header's total_size to match still fails: TRAK's payload goes past it.
  std::vector<u8> shorter(s.begin(), s.begin() + trak.offset + trak.size - 1);
  SnapshotHeader h = snaptest::header_of(shorter);
  h.total_size = size_of(shorter);
  snaptest::put_header(shorter, h);
  snaptest::reseal_whole(shorter);
  expect_rejected(w.region, shorter, Status::Truncated);
}

TEST_F(ReportChunk, DeltasCarryNoReport) {
  const std::vector<u8> base = snaptest::take(w.region);
  Rng rng(9);
  w.churn(rng, 200);
  // capture refuses to write one.
  std::vector<u8> out(snapshot_max_size(w.region, static_cast<u32>(kReport.size())));
  CaptureOptions o;
  o.base = base.data();
  o.base_len = size_of(base);
  o.report = reinterpret_cast<const u8*>(kReport.data());
  o.report_len = static_cast<u32>(kReport.size());
  EXPECT_EQ(capture(w.region, out.data(), size_of(out), o).status, Status::InvalidArgument);

  // A delta with a TRAK chunk appended by hand (and every checksum made right) is refused.
  const std::vector<u8> delta = snaptest::take(w.region, true, &base);
  ASSERT_EQ(snaptest::header_of(delta).chunk_count, 2u);
  const u32 shift = sizeof(ChunkEntry);
  const u32 body = sizeof(SnapshotHeader) + 2 * sizeof(ChunkEntry);
  SnapshotHeader h = snaptest::header_of(delta);
  // Header, three entries, the delta's payloads moved down by one entry, then the report.
  std::vector<u8> forged(delta.size() + shift);
  ASSERT_GT(delta.size(), body);
  std::copy(delta.begin() + body, delta.end(), forged.begin() + body + shift);
  const u32 report_at = static_cast<u32>(align8(forged.size()));
  forged.resize(report_at + kReport.size());
  std::memcpy(forged.data() + report_at, kReport.data(), kReport.size());
  h.chunk_count = 3;
  h.min_version = kSnapshotReportMinVersion;
  h.total_size = size_of(forged);
  snaptest::put_header(forged, h);
  for (u32 i = 0; i < 2; ++i) {
    ChunkEntry e = snaptest::entry_of(delta, i);
    e.offset += shift;
    snaptest::put_entry(forged, i, e);
  }
  snaptest::put_entry(forged, 2, ChunkEntry{kChunkReport, 0, report_at, static_cast<u32>(kReport.size()), 0, 0, 0});
  snaptest::reseal_chunk(forged, 2);
  EXPECT_EQ(verify(forged.data(), size_of(forged)), Status::OutOfRange);
  expect_rejected(w.region, forged, Status::OutOfRange, &base);
}

TEST_F(ReportChunk, ReaderRefusesAReportThatBreaksTheRules) {
  const std::vector<u8> s = take_with(kReport);
  const u32 t = last(s);
  const auto with_entry = [&](void (*edit)(ChunkEntry&)) {
    std::vector<u8> out = s;
    ChunkEntry e = snaptest::entry_of(out, t);
    edit(e);
    snaptest::put_entry(out, t, e);
    snaptest::reseal_whole(out);
    return out;
  };
  expect_rejected(w.region, with_entry([](ChunkEntry& e) { e.id = 1; }), Status::OutOfRange);
  expect_rejected(w.region, with_entry([](ChunkEntry& e) { e.region_offset = 64; }), Status::OutOfRange);
  expect_rejected(w.region, with_entry([](ChunkEntry& e) { e.region_length = e.size; }), Status::OutOfRange);

  // A file that carries TRAK but tells version-1 readers they may load it.
  std::vector<u8> lying = s;
  SnapshotHeader h = snaptest::header_of(lying);
  h.min_version = 1;
  snaptest::put_header(lying, h);
  snaptest::reseal_whole(lying);
  EXPECT_EQ(verify(lying.data(), size_of(lying)), Status::OutOfRange);
  expect_rejected(w.region, lying, Status::OutOfRange);

  // TRAK anywhere but last: swap it with PAGE (entries and offsets as they are).
  std::vector<u8> swapped = s;
  const ChunkEntry page = snaptest::entry_of(s, t - 1), trak = snaptest::entry_of(s, t);
  snaptest::put_entry(swapped, t - 1, trak);
  snaptest::put_entry(swapped, t, page);
  snaptest::reseal_whole(swapped);
  expect_rejected(w.region, swapped, Status::OutOfRange);

  // An unknown chunk kind in TRAK's place.
  expect_rejected(w.region, with_entry([](ChunkEntry& e) { e.kind = 0x4B415253u; }), Status::OutOfRange);
}

TEST_F(ReportChunk, CaptureChecksItsArgumentsAndItsRoom) {
  const u32 max = snapshot_max_size(w.region, static_cast<u32>(kReport.size()));
  EXPECT_EQ(max, snapshot_max_size(w.region) + sizeof(ChunkEntry) + align8(kReport.size()));
  const std::vector<u8> good = take_with(kReport);
  std::vector<u8> out(good.size());
  CaptureOptions o;
  o.report = reinterpret_cast<const u8*>(kReport.data());
  o.report_len = static_cast<u32>(kReport.size());
  // One byte short of the report's end.
  EXPECT_EQ(capture(w.region, out.data(), size_of(good) - 1, o).status, Status::Exhausted);
  const Result<u32> n = capture(w.region, out.data(), size_of(good), o);
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(out == good);
  o.report = nullptr;
  EXPECT_EQ(capture(w.region, out.data(), size_of(out), o).status, Status::InvalidArgument);
  o.report_len = 0;  // no report: a plain snapshot
  const Result<u32> plain = capture(w.region, out.data(), size_of(out), o);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(snaptest::header_of(out).min_version, 1u);
}

TEST_F(ReportChunk, UnsealedCaptureWithAReportSealsLikeAnyOther) {
  const std::vector<u8> sealed = take_with(kReport);
  std::vector<u8> unsealed = take_with(kReport, false);
  ASSERT_EQ(unsealed.size(), sealed.size());
  EXPECT_EQ(snaptest::entry_of(unsealed, last(unsealed)).checksum, 0u);
  EXPECT_EQ(verify(unsealed.data(), size_of(unsealed)), Status::Unsealed);
  ASSERT_EQ(seal(unsealed.data(), size_of(unsealed)), Status::Ok);
  EXPECT_TRUE(unsealed == sealed);
}

TEST(ReportChunkAbi, CaptureReportThroughTheAbi) {
  const uint32_t region = oc_region_create(128 * 1024, 0);
  ASSERT_NE(region, 0u);
  const uint32_t pool = oc_pool_create(region, 32, 16, 40);
  ASSERT_NE(pool, 0u);
  for (int i = 0; i < 5; ++i) ASSERT_NE(oc_pool_alloc(pool), 0u);
  const auto addr = [](const void* p) { return reinterpret_cast<uintptr_t>(p); };
  const uint32_t cap = oc_snapshot_max_size_report(region, static_cast<uint32_t>(kReport.size()));
  ASSERT_NE(cap, 0u);
  std::vector<u8> out(cap);
  const uint32_t n = oc_snapshot_capture_report(region, addr(out.data()), cap, 0, addr(kReport.data()),
                                                static_cast<uint32_t>(kReport.size()));
  ASSERT_NE(n, 0u) << oc_status_name(oc_last_status());
  out.resize(n);
  uint32_t info[OC_SNAPSHOT_INFO_WORDS];
  ASSERT_EQ(oc_snapshot_info(addr(out.data()), n, addr(info)), 0);
  EXPECT_EQ(info[1], kSnapshotReportMinVersion);
  uint32_t chunk[OC_SNAPSHOT_CHUNK_WORDS];
  ASSERT_EQ(oc_snapshot_chunk(addr(out.data()), n, info[11] - 1, addr(chunk)), 0);
  EXPECT_EQ(chunk[0], kChunkReport);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(out.data() + chunk[2]), chunk[3]), kReport);
  EXPECT_EQ(oc_snapshot_verify(addr(out.data()), n), 0);
  EXPECT_EQ(oc_snapshot_restore(region, addr(out.data()), n, 0, 0), 0);

  // An empty or missing report is an error, not a plain snapshot; so are unknown flags.
  EXPECT_EQ(oc_snapshot_capture_report(region, addr(out.data()), cap, 0, addr(kReport.data()), 0), 0u);
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(Status::InvalidArgument));
  EXPECT_EQ(oc_snapshot_capture_report(region, addr(out.data()), cap, 0, 0, 5), 0u);
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(Status::InvalidArgument));
  EXPECT_EQ(oc_snapshot_capture_report(region, addr(out.data()), cap, 4, addr(kReport.data()), 3), 0u);
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(Status::InvalidArgument));
  EXPECT_EQ(oc_snapshot_max_size_report(0, 10), 0u);
  EXPECT_EQ(oc_region_destroy(region), 0);
}

}  // namespace
}  // namespace oc
