// SlabAllocator::alloc_raw: alloc() without the zeroing. Same classes, alignment, statuses and
// bookkeeping as alloc(); the block keeps the bytes its previous owner left (the scrub pattern in
// the debug core these tests link), and those bytes are still a deterministic function of the calls.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <random>
#include <vector>

#include "memory/region.h"
#include "memory/slab_allocator.h"
#include "memory/slab_test_support.h"

namespace oc {
namespace {

using test_support::all_bytes;


using Fixture = test_support::SlabFixture;

TEST(SlabAllocRaw, BlocksAreAlignedAndOfTheirClass) {
  Fixture f(8u << 20, 4u << 20);
  SlabAllocator& s = f.slab;
  const SlabHeader& h = s.header();
  u32 n = 0;
  for (u32 size = 1; size <= kSlabMaxClass; size += 37, ++n) {
    Status st = Status::CorruptState;
    const Offset off = s.alloc_raw(size, 16, &st);
    ASSERT_EQ(st, Status::Ok) << size;
    EXPECT_EQ(off % 16, 0u);
    EXPECT_GE(off, h.span_begin);
    EXPECT_LE(off + size, h.span_end);
    EXPECT_EQ(s.usable_size(off).value, s.class_size(s.class_of(size))) << size;
  }
  // Each of them is a block of its class's pages, none went to the fallback.
  auto class_blocks = [&] {
    u32 total = 0;
    for (u32 c = 0; c < s.class_count(); ++c) total += s.class_stats(c).live_blocks;
    return total;
  };
  EXPECT_EQ(class_blocks(), n);
  struct Req {
    u32 size, align;
  } fallback[] = {{4097, 16}, {100000, 16}, {8000, 4096}, {100, 64}, {1, 4096}};
  for (const Req& r : fallback) {
    Status st = Status::CorruptState;
    const Offset off = s.alloc_raw(r.size, r.align, &st);
    ASSERT_EQ(st, Status::Ok) << r.size;
    EXPECT_EQ(off % r.align, 0u);
    EXPECT_TRUE(s.fallback().is_live(off));
    EXPECT_GE(s.usable_size(off).value, r.size);
    ++n;
  }
  EXPECT_EQ(s.header().fallback_blocks, std::size(fallback));
  const SlabStats st = s.stats();
  EXPECT_EQ(st.live_blocks, n);
  EXPECT_EQ(st.total_allocs, n);
  EXPECT_EQ(s.check(), Status::Ok);
}

TEST(SlabAllocRaw, ARecycledBlockKeepsWhatItsPreviousOwnerLeft) {
  Fixture f(8u << 20, 2u << 20);
  SlabAllocator& s = f.slab;
  // A class block: most recently freed first, so the raw alloc gets the block just freed.
  const Offset a = s.alloc(500);
  const u32 block = s.usable_size(a).value;
  std::memset(f.at(a), 0x42, block);
  ASSERT_EQ(s.free(a, 500), Status::Ok);
  ASSERT_EQ(s.alloc_raw(490), a);
  // The first 4 bytes held the free list's link; what follows is the previous owner's.
#if defined(OPENCLAW_DEBUG) && OPENCLAW_DEBUG
  EXPECT_TRUE(all_bytes(f.at(a) + 4, block - 4, kScrubByte));
#else
  EXPECT_TRUE(all_bytes(f.at(a) + 4, block - 4, 0x42));
#endif
  // alloc() of the same block, after the same free, does zero it: the difference is the contract.
  std::memset(f.at(a), 0x42, block);
  ASSERT_EQ(s.free(a), Status::Ok);
  ASSERT_EQ(s.alloc(490), a);
  EXPECT_TRUE(all_bytes(f.at(a), 490, 0));

  // A fallback block: its first 8 and last 4 bytes were the TLSF's links and footer while free.
  const Offset big = s.alloc(9000);
  std::memset(f.at(big), 0x42, 9000);
  ASSERT_EQ(s.free(big, 9000), Status::Ok);
  ASSERT_EQ(s.alloc_raw(9000), big);
#if defined(OPENCLAW_DEBUG) && OPENCLAW_DEBUG
  EXPECT_TRUE(all_bytes(f.at(big) + 16, 9000 - 32, kScrubByte));
#else
  EXPECT_TRUE(all_bytes(f.at(big) + 16, 9000 - 32, 0x42));
#endif
  EXPECT_EQ(s.check(), Status::Ok);
  EXPECT_EQ(s.free(a, 490), Status::Ok);
  EXPECT_EQ(s.free(big, 9000), Status::Ok);
  EXPECT_EQ(s.check(), Status::Ok);
}

TEST(SlabAllocRaw, MisuseGetsTheStatusesOfAllocAndChangesNothing) {
  Fixture f(8u << 20, 4u << 20);
  SlabAllocator& s = f.slab;
  ASSERT_NE(s.alloc_raw(100), kNullOffset);
  ASSERT_NE(s.alloc_raw(10000), kNullOffset);
  const SlabStats before = s.stats();
  const u64 bytes = f.region.hash();
  for (const test_support::BadAllocCase& c : test_support::kBadAllocCases) {
    Status raw = Status::Ok;
    Status zeroed = Status::Ok;
    EXPECT_EQ(s.alloc_raw(c.size, c.align, &raw), kNullOffset) << c.what;
    EXPECT_EQ(raw, c.want) << c.what;
    EXPECT_EQ(s.alloc(c.size, c.align, &zeroed), kNullOffset) << c.what;
    EXPECT_EQ(zeroed, raw) << c.what;
    EXPECT_EQ(s.check(), Status::Ok) << c.what;
    const SlabStats now = s.stats();
    EXPECT_EQ(now.live_blocks, before.live_blocks) << c.what;
    EXPECT_EQ(now.total_allocs, before.total_allocs) << c.what;
    EXPECT_EQ(now.failures, before.failures) << c.what;
    EXPECT_EQ(f.region.hash(), bytes) << c.what;
  }
}

TEST(SlabAllocRaw, ExhaustionIsCountedAndRecoverable) {
  Fixture f(4u << 20, 256u * 1024);
  SlabAllocator& s = f.slab;
  Status st = Status::Ok;
  const std::vector<Offset> live = test_support::fill_until_refused(s, true, &st);
  EXPECT_EQ(st, Status::Exhausted);
  EXPECT_EQ(s.stats().failures, 1u);
  EXPECT_GT(live.size(), 30u);
  EXPECT_EQ(s.check(), Status::Ok);
  for (Offset off : live) ASSERT_EQ(s.free(off), Status::Ok);
  EXPECT_EQ(s.check(), Status::Ok);
  EXPECT_NE(s.alloc_raw(100u * 1024, 16, &st), kNullOffset);
  EXPECT_EQ(st, Status::Ok);
}

struct Outcome {
  u64 hash;            // of the whole region
  SlabStats stats;
  std::vector<Offset> offsets;  // of every allocation, in order
};

// One seeded sequence of raw (or zeroed) allocations, partial writes and frees.
Outcome run_sequence(u32 seed, bool raw) {
  Outcome out{};
  Fixture f(6u << 20, 4u << 20);
  SlabAllocator& s = f.slab;
  std::mt19937 rng(seed);
  struct Live {
    Offset off;
    u32 size;
  };
  std::vector<Live> live;
  u32 used = 0;
  for (u32 step = 0; step < 20000; ++step) {
    const u32 k = rng() % 100;
    const u32 size = k < 90 ? 1 + rng() % 2048 : 4097 + rng() % 20000;
    if (!live.empty() && (used + size > (2u << 20) || rng() % 100 < 45)) {
      const u32 n = rng() % live.size();
      EXPECT_EQ(s.free(live[n].off, live[n].size), Status::Ok);
      used -= live[n].size;
      live[n] = live.back();
      live.pop_back();
      continue;
    }
    const u32 align = rng() % 8 == 0 ? 64u : 16u;
    Status st = Status::CorruptState;
    const Offset off = raw ? s.alloc_raw(size, align, &st) : s.alloc(size, align, &st);
    EXPECT_EQ(st, Status::Ok);
    if (st != Status::Ok) break;
    out.offsets.push_back(off);
    // Only part of each block is written, so the rest of it is whatever was there before.
    const u32 at = rng() % size;
    const u32 len = std::min<u32>(size - at, 1 + rng() % 64);
    std::memset(f.at(off) + at, static_cast<int>(rng() & 0xFF), len);
    live.push_back(Live{off, size});
    used += size;
  }
  EXPECT_EQ(s.check(), Status::Ok);
  EXPECT_EQ(f.region.check(), Status::Ok);
  out.hash = f.region.hash();
  out.stats = s.stats();
  return out;
}

TEST(SlabAllocRaw, TheSameCallsLeaveTheSameBytes) {
  const Outcome first = run_sequence(2026, true);
  EXPECT_GT(first.stats.total_frees, 5000u);
  EXPECT_EQ(run_sequence(2026, true).hash, first.hash);  // another region at another address, same bytes
  EXPECT_NE(run_sequence(2027, true).hash, first.hash);  // the hash does depend on the calls
  // Raw blocks keep old bytes that zeroed ones clear, so the two contracts leave different regions,
  // but they place every block at the same offset and hold the same bytes for it.
  const Outcome zeroed = run_sequence(2026, false);
  EXPECT_NE(zeroed.hash, first.hash);
  EXPECT_EQ(zeroed.offsets, first.offsets);
  EXPECT_EQ(zeroed.stats.reserved_bytes, first.stats.reserved_bytes);
  EXPECT_EQ(zeroed.stats.pages_in_use, first.stats.pages_in_use);
  EXPECT_EQ(zeroed.stats.live_bytes, first.stats.live_bytes);
}

}  // namespace
}  // namespace oc
