// The short form of the snapshot fuzz test (the long one is libFuzzer, `npm run fuzz`): 100,000
// mutated snapshots against a live region. Every case ends one of two ways:
//   - rejected with one of the specific statuses, the live region byte for byte as it was;
//   - accepted, and then verify() passes and the restored region is the decoded image and passes
//     check() (of the region and every allocator in it).
// Half of the mutants are re-sealed after mutation, so that they get past the checksums and the
// structural validation and check() of the decoded state are what must catch them.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <algorithm>
#include <map>

#include "snapshot_test_support.h"

namespace oc {
namespace {

using snaptest::Rng;
using snaptest::World;

constexpr u32 kCases = 100000;

// OC_SNAPSHOT_FUZZ_CASES / OC_SNAPSHOT_FUZZ_SEED run a longer or different campaign by hand; the
// suite uses the defaults.
u64 env_or(const char* name, u64 fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtoull(v, nullptr, 0) : fallback;
}

bool is_specific_rejection(Status s) {
  switch (s) {
    case Status::BadMagic:
    case Status::VersionTooNew:
    case Status::VersionTooOld:
    case Status::LayoutMismatch:
    case Status::Truncated:
    case Status::ChecksumMismatch:
    case Status::OutOfRange:
    case Status::SizeMismatch:
    case Status::Unsealed:
    case Status::BaseMismatch:
    case Status::CorruptState:
      return true;
    default:
      return false;
  }
}

u32 edge_value(Rng& rng, u32 len) {
  const u32 choices[] = {0, 1, 7, 8, 64, 4096, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu, 0xFFFFFFF8u, len, len + 8};
  switch (rng.below(3)) {
    case 0: return choices[rng.below(sizeof choices / sizeof choices[0])];
    case 1: return rng.below(len + 64);
    default: return static_cast<u32>(rng.next());
  }
}

void put_u32(std::vector<u8>& s, u64 at, u32 v) {
  if (at + 4 <= s.size()) std::memcpy(s.data() + at, &v, 4);
}

// Where things are in the snapshot before any mutation: later mutations of the same case use this,
// not the (possibly already mangled) header of the mutant.
struct Geometry {
  u32 table_end;
  std::vector<ChunkEntry> chunks;
  explicit Geometry(const std::vector<u8>& s) {
    const SnapshotHeader h = snaptest::header_of(s);
    table_end = 128 + 32 * h.chunk_count;
    for (u32 i = 0; i < h.chunk_count; ++i) chunks.push_back(snaptest::entry_of(s, i));
  }
  u32 count() const { return static_cast<u32>(chunks.size()); }
};

void flip(std::vector<u8>& s, u64 at, u8 mask) {
  if (at < s.size()) s[at] ^= mask;
}

// One mutation of a snapshot laid out as `g` says.
void mutate(std::vector<u8>& s, const Geometry& g, Rng& rng) {
  const u32 len = static_cast<u32>(s.size());
  if (len == 0) return;
  const ChunkEntry& e = g.chunks[rng.below(g.count())];
  switch (rng.below(10)) {
    case 0: {  // bit flips anywhere
      for (u32 n = 1 + rng.below(8); n > 0; --n) flip(s, rng.below(len), static_cast<u8>(1u << rng.below(8)));
      break;
    }
    case 1: {  // bit flips in the header and table
      for (u32 n = 1 + rng.below(3); n > 0; --n) flip(s, rng.below(g.table_end), static_cast<u8>(1u << rng.below(8)));
      break;
    }
    case 2: {  // truncation
      s.resize(rng.below(len));
      break;
    }
    case 3: {  // extension, with or without a matching total_size
      const u32 extra = 1 + rng.below(5000);
      for (u32 i = 0; i < extra; ++i) s.push_back(rng.below(4) == 0 ? static_cast<u8>(rng.next()) : 0);
      if (rng.below(2) == 0) put_u32(s, offsetof(SnapshotHeader, total_size), static_cast<u32>(s.size()));
      break;
    }
    case 4: {  // swapped chunks: table entries, and sometimes their payload positions too
      const u32 i = rng.below(g.count()), j = rng.below(g.count());
      ChunkEntry a = g.chunks[i], b = g.chunks[j];
      if (rng.below(2) == 0) std::swap(a.offset, b.offset);
      if (128 + 32 * (std::max(i, j) + 1) <= s.size()) {
        snaptest::put_entry(s, i, b);
        snaptest::put_entry(s, j, a);
      }
      break;
    }
    case 5: {  // huge or edge sizes and offsets in any u32 field of the header or table
      put_u32(s, 4 * rng.below(g.table_end / 4), edge_value(rng, len));
      break;
    }
    case 6: {  // wrong versions
      const u16 v = static_cast<u16>(rng.below(4) == 0 ? rng.next() : rng.below(4));
      const u64 at = rng.below(2) == 0 ? offsetof(SnapshotHeader, version) : offsetof(SnapshotHeader, min_version);
      if (at + 2 <= s.size()) std::memcpy(s.data() + at, &v, 2);
      break;
    }
    case 7: {  // allocator metadata and the region header: what check() must judge
      const ChunkEntry& m = g.chunks[rng.below(g.count() - 1)];
      for (u32 n = 1 + rng.below(3); n > 0; --n) put_u32(s, m.offset + 4 * rng.below(m.size / 4), edge_value(rng, len));
      break;
    }
    case 8: {  // page contents and the bitmap
      const ChunkEntry& p = g.chunks[g.count() - 1];
      for (u32 n = 1 + rng.below(4); n > 0; --n) flip(s, p.offset + rng.below(p.size), static_cast<u8>(1u << rng.below(8)));
      break;
    }
    default: {  // a random byte inside a random chunk's payload
      if (e.size > 0) flip(s, e.offset + rng.below(e.size), static_cast<u8>(rng.next() | 1));
      break;
    }
  }
}

TEST(SnapshotFuzz, MutatedSnapshotsAreRejectedSpecificallyOrAcceptedOnlyWhenSound) {
  World w;
  ASSERT_TRUE(w.init(128 * 1024, 200, 48 * 1024));
  Rng setup(31);
  w.churn(setup, 600, 2500);
  const std::vector<u8> full = snaptest::take(w.region);
  w.churn(setup, 200, 2500);
  const std::vector<u8> delta = snaptest::take(w.region, true, &full);
  w.churn(setup, 200, 2500);  // the live state is a third one
  const std::vector<u8> live_snap = snaptest::take(w.region);
  const Geometry full_geometry(full), delta_geometry(delta);
  const std::vector<u8> live_before = snaptest::bytes_of(w.region);

  const u32 cases = static_cast<u32>(env_or("OC_SNAPSHOT_FUZZ_CASES", kCases));
  Rng rng(env_or("OC_SNAPSHOT_FUZZ_SEED", 0xF022));
  std::map<Status, u32> outcomes;
  u32 accepted = 0, resealed_accepted = 0;
  std::vector<u8> image(w.region.size());
  const auto start = std::chrono::steady_clock::now();
  for (u32 i = 0; i < cases; ++i) {
    const bool use_delta = rng.below(8) == 0;
    std::vector<u8> s = use_delta ? delta : full;
    for (u32 n = 1 + (rng.below(4) == 0 ? rng.below(3) : 0); n > 0; --n) {
      mutate(s, use_delta ? delta_geometry : full_geometry, rng);
    }
    const bool resealed = rng.below(2) == 0;
    if (resealed) (void)seal(s.data(), static_cast<u32>(s.size()));
    const std::vector<u8>* base = use_delta ? &full : nullptr;

    const Status st = snaptest::restore_from(w.region, s, base);
    outcomes[st]++;
    if (st == Status::Ok) {
      ++accepted;
      resealed_accepted += resealed ? 1 : 0;
      ASSERT_EQ(verify(s.data(), static_cast<u32>(s.size())), Status::Ok) << "case " << i;
      ASSERT_EQ(check_region_and_allocators(w.region), Status::Ok) << "case " << i;
      ASSERT_EQ(decode(s.data(), static_cast<u32>(s.size()), image.data(), w.region.size(),
                       base ? base->data() : nullptr, base ? static_cast<u32>(base->size()) : 0),
                Status::Ok)
          << "case " << i;
      // The live region is the decoded image as the staged check() left it: under OPENCLAW_SCRUB a
      // pool's attach() rewrites free slots to the scrub pattern (restore.cpp, docs/snapshot.md).
      Region view = Region::view(image.data(), w.region.size());
      ASSERT_EQ(check_region_and_allocators(view), Status::Ok) << "case " << i;
      ASSERT_TRUE(testsupport::region_equals(w.region, image)) << "case " << i;
      ASSERT_EQ(snaptest::restore_from(w.region, live_snap), Status::Ok);
      ASSERT_TRUE(testsupport::region_equals(w.region, live_before));
    } else {
      ASSERT_TRUE(is_specific_rejection(st)) << "case " << i << ": " << status_name(st);
      ASSERT_TRUE(testsupport::region_equals(w.region, live_before))
          << "case " << i << ": a refused restore (" << status_name(st) << ") changed the live region";
    }
    if (i % 4096 == 0) {
      ASSERT_EQ(check_region_and_allocators(w.region), Status::Ok);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::string summary;
  for (const auto& [status, count] : outcomes) summary += std::string(status_name(status)) + "=" + std::to_string(count) + " ";
  std::printf("snapshot fuzz: %u cases in %.1f s; %s(re-sealed accepted %u)\n", cases, seconds, summary.c_str(),
              resealed_accepted);
  // The mutants reached every layer: checksums, structure, and check() of the decoded state.
  EXPECT_GT(outcomes[Status::ChecksumMismatch], cases / 20);
  EXPECT_GT(outcomes[Status::OutOfRange], cases / 50);
  EXPECT_GT(outcomes[Status::Truncated], cases / 50);
  EXPECT_GT(outcomes[Status::CorruptState], cases / 100);
  EXPECT_GT(accepted, 0u);
}

}  // namespace
}  // namespace oc
