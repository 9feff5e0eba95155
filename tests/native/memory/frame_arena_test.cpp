// FrameArena: bump allocation, markers, reset, the zero-above-top invariant and a model-based test.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "memory/frame_arena.h"

namespace oc {
namespace {

bool all_equal(const u8* p, u32 n, u8 v) {
  for (u32 i = 0; i < n; ++i) {
    if (p[i] != v) return false;
  }
  return true;
}

bool same_stats(const ArenaStats& a, const ArenaStats& b) {
  return a.capacity == b.capacity && a.used == b.used && a.peak == b.peak && a.failures == b.failures &&
         a.total_allocs == b.total_allocs && a.resets == b.resets;
}

TEST(FrameArena, CreateCarvesItsSpanAndLinksItself) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  Result<FrameArena> a = FrameArena::create(r, 1000);
  ASSERT_TRUE(a.ok());
  const FrameArenaHeader& h = a.value.header();
  EXPECT_EQ(h.common.kind, static_cast<u32>(kKindArena));
  EXPECT_EQ(h.begin % 64, 0u);
  EXPECT_EQ(h.end - h.begin, 1000u);
  EXPECT_EQ(a.value.marker(), h.begin);
  EXPECT_EQ(r.find_allocator(a.value.id()), &h.common);
  const ArenaStats s = a.value.stats();
  EXPECT_EQ(s.capacity, 1000u);
  EXPECT_EQ(s.used, 0u);
  EXPECT_EQ(a.value.check(), Status::Ok);
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(FrameArena, CreateRefusalsLeaveTheRegionUntouched) {
  Region r;
  ASSERT_EQ(r.init(8192), Status::Ok);
  const u64 hash = r.hash();
  EXPECT_EQ(FrameArena::create(r, 0).status, Status::InvalidArgument);
  EXPECT_EQ(FrameArena::create(r, 8192).status, Status::Exhausted);
  EXPECT_EQ(FrameArena::create(r, 0xFFFFFFF0u).status, Status::Exhausted);
  EXPECT_EQ(r.hash(), hash);
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(FrameArena, AllocationsAreAlignedZeroedAndConsecutive) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FrameArena a = FrameArena::create(r, 16384).value;
  Offset prev_end = a.header().begin;
  for (u32 align = 1; align <= kArenaMaxAlign; align *= 2) {
    Status s = Status::CorruptState;
    const Offset off = a.alloc(24, align, &s);
    ASSERT_EQ(s, Status::Ok) << align;
    EXPECT_EQ(off % align, 0u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(r.base() + off) % align, 0u);
    EXPECT_GE(off, prev_end);
    EXPECT_LT(off - prev_end, align);  // no more padding than the alignment needs
    EXPECT_TRUE(all_equal(r.at<u8>(off), 24, 0));
    std::memset(r.at<u8>(off), 0xEE, 24);
    prev_end = off + 24;
  }
  EXPECT_EQ(a.marker(), prev_end);
  EXPECT_EQ(a.stats().total_allocs, 13u);
  EXPECT_EQ(a.check(), Status::Ok);
}

TEST(FrameArena, BadRequestsGetTheirStatusAndChangeNothing) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FrameArena a = FrameArena::create(r, 256).value;
  ASSERT_NE(a.alloc(100), kNullOffset);
  const ArenaStats before = a.stats();
  const u64 hash = r.hash();
  Status s = Status::Ok;
  EXPECT_EQ(a.alloc(0, 16, &s), kNullOffset);
  EXPECT_EQ(s, Status::InvalidArgument);
  EXPECT_EQ(a.alloc(8, 3, &s), kNullOffset);
  EXPECT_EQ(s, Status::BadAlignment);
  EXPECT_EQ(a.alloc(8, 0, &s), kNullOffset);
  EXPECT_EQ(s, Status::BadAlignment);
  EXPECT_EQ(a.alloc(8, 8192, &s), kNullOffset);
  EXPECT_EQ(s, Status::BadAlignment);
  EXPECT_TRUE(same_stats(before, a.stats()));
  EXPECT_EQ(r.hash(), hash);
  EXPECT_EQ(a.unwind(a.header().begin - 1), Status::BadMarker);
  EXPECT_EQ(a.unwind(a.marker() + 1), Status::BadMarker);
  EXPECT_EQ(a.unwind(0), Status::BadMarker);
  EXPECT_TRUE(same_stats(before, a.stats()));
  EXPECT_EQ(r.hash(), hash);
  EXPECT_EQ(a.check(), Status::Ok);
}

TEST(FrameArena, ExhaustionIsCountedAndLeavesTheTop) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FrameArena a = FrameArena::create(r, 256).value;
  ASSERT_NE(a.alloc(200, 8), kNullOffset);
  const u32 top = a.marker();
  Status s = Status::Ok;
  EXPECT_EQ(a.alloc(57, 1, &s), kNullOffset);
  EXPECT_EQ(s, Status::Exhausted);
  EXPECT_EQ(a.alloc(0xFFFFFFFFu, 1, &s), kNullOffset);  // must not wrap around
  EXPECT_EQ(s, Status::Exhausted);
  EXPECT_EQ(a.marker(), top);
  EXPECT_EQ(a.stats().failures, 2u);
  EXPECT_NE(a.alloc(56, 1), kNullOffset);  // exactly the rest
  EXPECT_EQ(a.stats().used, 256u);
  EXPECT_EQ(a.check(), Status::Ok);
}

TEST(FrameArena, UnwindAndResetGiveBackZeroedBytes) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FrameArena a = FrameArena::create(r, 4096).value;
  const Offset first = a.alloc(64);
  std::memset(r.at<u8>(first), 1, 64);
  const u32 mark = a.marker();
  const Offset scratch = a.alloc(500, 32);
  std::memset(r.at<u8>(scratch), 2, 500);
  ASSERT_EQ(a.unwind(mark), Status::Ok);
  EXPECT_EQ(a.marker(), mark);
  EXPECT_TRUE(all_equal(r.at<u8>(first), 64, 1));  // below the marker: kept
  const Offset again = a.alloc(500, 32);
  EXPECT_EQ(again, scratch);  // same offsets for the same calls
  EXPECT_TRUE(all_equal(r.at<u8>(again), 500, 0));
  EXPECT_EQ(a.unwind(a.marker()), Status::Ok);  // unwinding to the top is a no-op
  std::memset(r.at<u8>(again), 3, 500);
  const u32 peak = a.stats().peak;
  a.reset();
  const ArenaStats s = a.stats();
  EXPECT_EQ(s.used, 0u);
  EXPECT_EQ(s.resets, 1u);
  EXPECT_EQ(s.peak, peak);
  EXPECT_TRUE(all_equal(r.at<u8>(a.header().begin), 4096, 0));
  EXPECT_EQ(a.check(), Status::Ok);
}

TEST(FrameArena, WalkSeesTheOneLiveSpan) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FrameArena a = FrameArena::create(r, 4096).value;
  int calls = 0;
  a.walk([&](Offset, u32) { ++calls; });
  EXPECT_EQ(calls, 0);
  a.alloc(10, 1);
  a.alloc(10, 64);
  a.walk([&](Offset begin, u32 used) {
    ++calls;
    EXPECT_EQ(begin, a.header().begin);
    EXPECT_EQ(used, 74u);
  });
  EXPECT_EQ(calls, 1);
}

TEST(FrameArena, CheckCatchesStrayWritesAndBrokenFields) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FrameArena a = FrameArena::create(r, 1024).value;
  const Offset off = a.alloc(100);
  ASSERT_EQ(a.check(), Status::Ok);
  std::vector<u8> saved(r.base(), r.base() + r.size());
  auto& h = const_cast<FrameArenaHeader&>(a.header());
  auto expect_detected = [&](const char* what) {
    EXPECT_EQ(a.check(), Status::CorruptState) << what;
    std::memcpy(r.base(), saved.data(), saved.size());
    EXPECT_EQ(a.check(), Status::Ok) << what;
  };
  r.at<u8>(off)[100 + 5] = 9;  // above the top: a write through an offset the arena took back
  expect_detected("stray write");
  h.top = h.end + 1;
  expect_detected("top past end");
  h.top = h.begin - 1;
  expect_detected("top below begin");
  h.peak = h.begin;
  expect_detected("peak below top");
  h.end = r.size() + 64;
  expect_detected("end outside the region");
  h.common.kind = kKindPool;
  expect_detected("kind");
}

TEST(FrameArena, AttachContinuesFromCopiedBytesAndRejectsOthers) {
  Region a, b;
  ASSERT_EQ(a.init(1 << 16), Status::Ok);
  ASSERT_EQ(b.init(1 << 16), Status::Ok);
  FrameArena fa = FrameArena::create(a, 2048).value;
  fa.alloc(100);
  std::memcpy(b.base(), a.base(), a.size());
  Result<FrameArena> fb = FrameArena::attach(b, fa.header_offset());
  ASSERT_TRUE(fb.ok());
  EXPECT_EQ(fa.alloc(33, 8), fb.value.alloc(33, 8));
  EXPECT_EQ(a.hash(), b.hash());
  EXPECT_EQ(FrameArena::attach(b, fa.header_offset() + 8).status, Status::InvalidOffset);
  EXPECT_EQ(FrameArena::attach(b, 3).status, Status::InvalidOffset);
  EXPECT_EQ(FrameArena::attach(b, b.size()).status, Status::InvalidOffset);
  b.at<u8>(fb.value.marker())[0] = 1;
  EXPECT_EQ(FrameArena::attach(b, fa.header_offset()).status, Status::CorruptState);
}

// ---- model-based random test --------------------------------------------------------------------

struct Block {
  Offset off;
  u32 size;
  u8 fill;
};

TEST(FrameArenaRandom, TwoHundredThousandOpsAgainstAnOracle) {
  Region r;
  ASSERT_EQ(r.init(1 << 20), Status::Ok);
  FrameArena a = FrameArena::create(r, 64 * 1024).value;
  const u32 begin = a.header().begin, end = a.header().end;
  std::mt19937 rng(0xA7E4u);
  auto pick = [&](u32 n) { return static_cast<u32>(rng() % n); };
  std::vector<Block> live;                         // in allocation order = address order
  std::vector<std::pair<u32, size_t>> markers;     // (marker, live.size() when taken)
  u64 allocs = 0, failures = 0, resets = 0;
  u32 top = begin, peak = begin;
  u32 seen_exhausted = 0, seen_bad_marker = 0;

  auto expect_intact = [&](const Block& b) {
    ASSERT_TRUE(all_equal(r.at<u8>(b.off), b.size, b.fill)) << "block overwritten";
  };

  for (u32 op = 1; op <= 200000; ++op) {
    const u32 dice = pick(1000);
    if (dice < 700) {
      const u32 size = 1 + pick(pick(8) == 0 ? 4096 : 200);
      const u32 align = 1u << pick(9);
      const u64 expect_off = (static_cast<u64>(top) + align - 1) & ~static_cast<u64>(align - 1);
      Status s = Status::CorruptState;
      const Offset off = a.alloc(size, align, &s);
      if (expect_off + size > end) {
        ASSERT_EQ(off, kNullOffset);
        ASSERT_EQ(s, Status::Exhausted);
        ++failures;
        ++seen_exhausted;
      } else {
        ASSERT_EQ(s, Status::Ok);
        ASSERT_EQ(off, expect_off);
        ASSERT_EQ(off % align, 0u);
        ASSERT_TRUE(all_equal(r.at<u8>(off), size, 0)) << "allocation not zeroed";
        if (!live.empty()) {
          ASSERT_GE(off, live.back().off + live.back().size);  // no overlap with the previous block
        }
        const u8 fill = static_cast<u8>(1 + pick(255));
        std::memset(r.at<u8>(off), fill, size);
        live.push_back({off, size, fill});
        top = off + size;
        if (top > peak) peak = top;
        ++allocs;
      }
    } else if (dice < 850) {
      markers.emplace_back(a.marker(), live.size());
      ASSERT_EQ(markers.back().first, top);
    } else if (dice < 990) {
      if (markers.empty()) continue;
      const size_t k = pick(static_cast<u32>(markers.size()));
      const auto m = markers[k];
      for (const Block& b : live) expect_intact(b);
      ASSERT_EQ(a.unwind(m.first), Status::Ok);
      live.resize(m.second);
      markers.resize(k);
      top = m.first;
      for (const Block& b : live) expect_intact(b);
    } else if (dice < 995) {
      // A marker above the top (taken before an unwind) or below the span is refused.
      const u32 bad = pick(2) == 0 ? top + 1 + pick(100) : begin - 1 - pick(begin - 1);
      ASSERT_EQ(a.unwind(bad), Status::BadMarker);
      ++seen_bad_marker;
    } else {
      a.reset();
      live.clear();
      markers.clear();
      top = begin;
      ++resets;
    }
    if (op % 1000 == 0) {
      ASSERT_EQ(a.check(), Status::Ok) << "op " << op;
      ASSERT_EQ(r.check(), Status::Ok);
      const ArenaStats s = a.stats();
      ASSERT_EQ(s.used, top - begin);
      ASSERT_EQ(s.peak, peak - begin);
      ASSERT_EQ(s.total_allocs, allocs);
      ASSERT_EQ(s.failures, failures);
      ASSERT_EQ(s.resets, resets);
      ASSERT_EQ(a.marker(), top);
    }
  }
  EXPECT_GT(seen_exhausted, 0u);
  EXPECT_GT(seen_bad_marker, 0u);
  EXPECT_GT(resets, 0u);
}

TEST(FrameArena, SameSequenceGivesByteIdenticalRegions) {
  auto run = [](u32 seed) {
    Region r;
    if (r.init(1 << 16) != Status::Ok) return u64{0};
    FrameArena a = FrameArena::create(r, 16384).value;
    std::mt19937 rng(seed);
    for (int i = 0; i < 5000; ++i) {
      const u32 d = rng() % 10;
      if (d < 7) {
        const Offset off = a.alloc(1 + rng() % 300, 1u << (rng() % 7));
        if (off != kNullOffset) r.at<u8>(off)[0] = static_cast<u8>(i);
      } else if (d < 9) {
        a.unwind(a.header().begin + (a.marker() - a.header().begin) / 2);
      } else {
        a.reset();
      }
    }
    return r.hash();
  };
  const u64 h = run(3);
  EXPECT_NE(h, 0u);
  EXPECT_EQ(run(3), h);
  EXPECT_NE(run(4), h);
}

}  // namespace
}  // namespace oc
