// Replay: recorded sequences run in a fresh region give the same bytes as the same calls made directly,
// and malformed sequences (untrusted input) fail with a status and never read out of bounds.
#include "memory/replay.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/region.h"
#include "memory/slab_allocator.h"

namespace oc {
namespace {

// A minimal encoder of the format in replay.h (the TypeScript ReplayRecorder is the full one).
class Ops {
 public:
  explicit Ops(u32 region_size) {
    w32(kReplayMagic);
    w16(kReplayVersion);
    w16(kReplayHeaderSize);
    w32(region_size);
    w32(0);  // record count, patched by bytes()
  }
  Ops& op(u8 code) {
    ++records_;
    return w8(code);
  }
  Ops& w8(u8 v) {
    b_.push_back(v);
    return *this;
  }
  Ops& w16(u16 v) {
    for (int i = 0; i < 2; ++i) b_.push_back(static_cast<u8>(v >> (8 * i)));
    return *this;
  }
  Ops& w32(u32 v) {
    for (int i = 0; i < 4; ++i) b_.push_back(static_cast<u8>(v >> (8 * i)));
    return *this;
  }
  Ops& data(const char* s) {
    w16(static_cast<u16>(std::strlen(s)));
    for (const char* p = s; *p; ++p) b_.push_back(static_cast<u8>(*p));
    return *this;
  }
  std::vector<u8> bytes() const {
    std::vector<u8> out = b_;
    for (int i = 0; i < 4; ++i) out[12 + i] = static_cast<u8>(records_ >> (8 * i));
    return out;
  }

 private:
  std::vector<u8> b_;
  u32 records_ = 0;
};

Status run(const std::vector<u8>& ops, u64* hash, ReplayReport* report = nullptr) {
  return replay(ops.data(), static_cast<u32>(ops.size()), hash, report);
}

// Pool, slab and arena operations with writes: the sequence used by several tests below.
Ops mixed_sequence() {
  Ops o(1u << 20);
  o.op(kOpCreatePool).w32(48).w32(16).w32(8);
  o.op(kOpCreateSlab).w32(256 * 1024).w32(0).w32(0);
  o.op(kOpCreateArena).w32(8192);
  o.op(kOpPoolAlloc).w8(0);
  o.op(kOpPoolAlloc).w8(0);
  o.op(kOpWrite).w8(0).w32(1).w32(40).data("pool!!!!");
  o.op(kOpPoolFree).w8(0).w32(0);  // the first block; the second moves to index 0
  o.op(kOpPoolRefree).w8(0);
  o.op(kOpSlabAlloc).w8(1).w32(100).w32(16);
  o.op(kOpSlabAlloc).w8(1).w32(9000).w32(64);  // the fallback
  o.op(kOpWrite).w8(1).w32(1).w32(8990).data("slabtail!!");
  o.op(kOpSlabFree).w8(1).w32(0).w8(1);
  o.op(kOpArenaAlloc).w8(2).w32(24).w32(8);
  o.op(kOpArenaMark).w8(2);
  o.op(kOpArenaAlloc).w8(2).w32(100).w32(32);
  o.op(kOpWrite).w8(2).w32(1).w32(0).data("scratch");
  o.op(kOpArenaUnwind).w8(2).w32(0);
  o.op(kOpWrite).w8(2).w32(0).w32(20).data("keep");
  return o;
}

TEST(Replay, EmptySequenceHashesAFreshRegion) {
  u64 h = 0;
  ASSERT_EQ(run(Ops(64 * 1024).bytes(), &h), Status::Ok);
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  EXPECT_EQ(h, r.hash());
}

TEST(Replay, MatchesTheSameCallsMadeDirectly) {
  u64 replayed = 0;
  ReplayReport report;
  ASSERT_EQ(run(mixed_sequence().bytes(), &replayed, &report), Status::Ok);
  EXPECT_EQ(report.records_done, 18u);
  EXPECT_EQ(report.live_blocks, 1u + 1u + 1u);

  Region r;
  ASSERT_EQ(r.init(1u << 20), Status::Ok);
  Result<FixedPool> pool = FixedPool::create(r, 48, 16, 8);
  Result<SlabAllocator> slab = SlabAllocator::create(r, 256 * 1024, SlabOptions{});
  Result<FrameArena> arena = FrameArena::create(r, 8192);
  ASSERT_TRUE(pool.ok() && slab.ok() && arena.ok());
  Handle a = pool.value.alloc();
  Handle b = pool.value.alloc();
  Offset off = 0;
  ASSERT_EQ(pool.value.resolve(b, &off), Status::Ok);
  std::memcpy(r.base() + off + 40, "pool!!!!", 8);
  ASSERT_EQ(pool.value.free(a), Status::Ok);
  EXPECT_EQ(pool.value.free(a), Status::DoubleFree);
  Offset s0 = slab.value.alloc(100, 16);
  Offset s1 = slab.value.alloc(9000, 64);
  ASSERT_NE(s0, kNullOffset);
  ASSERT_NE(s1, kNullOffset);
  std::memcpy(r.base() + s1 + 8990, "slabtail!!", 10);
  ASSERT_EQ(slab.value.free(s0, 100), Status::Ok);
  Offset a0 = arena.value.alloc(24, 8);
  u32 mark = arena.value.marker();
  Offset a1 = arena.value.alloc(100, 32);
  std::memcpy(r.base() + a1, "scratch", 7);
  ASSERT_EQ(arena.value.unwind(mark), Status::Ok);
  std::memcpy(r.base() + a0 + 20, "keep", 4);

  EXPECT_EQ(replayed, r.hash());
}

TEST(Replay, IntoLeavesTheBytesItHashes) {
  std::vector<u8> ops = mixed_sequence().bytes();
  u64 h = 0;
  ASSERT_EQ(run(ops, &h), Status::Ok);
  Region r;
  ReplayReport report;
  ASSERT_EQ(replay_into(r, ops.data(), static_cast<u32>(ops.size()), &report), Status::Ok);
  EXPECT_EQ(r.size(), 1u << 20);
  EXPECT_EQ(r.hash(), h);
  EXPECT_EQ(r.check(), Status::Ok);
  EXPECT_EQ(r.header().allocator_count, 3u);
  // The arena block written last holds "keep" at byte 20 of the first arena block.
  AllocatorHeader* arena = r.find_allocator(3);
  ASSERT_NE(arena, nullptr);
  Result<FrameArena> a = FrameArena::attach(r, r.offset_of(arena));
  ASSERT_TRUE(a.ok());
  const u8* first = r.base() + a.value.header().begin;
  EXPECT_EQ(std::memcmp(first + 20, "keep", 4), 0);
}

TEST(Replay, ContentsChangeTheHash) {
  Ops a(1u << 16), b(1u << 16);
  for (Ops* o : {&a, &b}) {
    o->op(kOpCreatePool).w32(16).w32(8).w32(4);
    o->op(kOpPoolAlloc).w8(0);
  }
  a.op(kOpWrite).w8(0).w32(0).w32(0).data("x");
  b.op(kOpWrite).w8(0).w32(0).w32(0).data("y");
  u64 ha = 0, hb = 0, ha2 = 0;
  ASSERT_EQ(run(a.bytes(), &ha), Status::Ok);
  ASSERT_EQ(run(b.bytes(), &hb), Status::Ok);
  ASSERT_EQ(run(a.bytes(), &ha2), Status::Ok);
  EXPECT_NE(ha, hb);
  EXPECT_EQ(ha, ha2);
}

// SlabAllocRaw (0x22): the recycled block keeps its old bytes, in the replay as in direct calls.
TEST(Replay, SlabAllocRawMatchesDirectCallsAndKeepsOldBytes) {
  auto sequence = [](u8 second_alloc) {
    Ops o(1u << 20);
    o.op(kOpCreateSlab).w32(256 * 1024).w32(0).w32(0);
    o.op(kOpSlabAllocRaw).w8(0).w32(200).w32(16);
    o.op(kOpWrite).w8(0).w32(0).w32(0).data("first owner's bytes, all of them");
    o.op(kOpSlabFree).w8(0).w32(0).w8(1);
    o.op(second_alloc).w8(0).w32(195).w32(16);  // 195 and 200: one class; the same block again, most recently freed first
    o.op(kOpWrite).w8(0).w32(0).w32(100).data("x");
    o.op(kOpSlabAllocRaw).w8(0).w32(9000).w32(64);  // the fallback
    return o.bytes();
  };
  u64 raw = 0, zeroed = 0;
  ReplayReport report;
  ASSERT_EQ(run(sequence(kOpSlabAllocRaw), &raw, &report), Status::Ok);
  EXPECT_EQ(report.records_done, 7u);
  EXPECT_EQ(report.live_blocks, 2u);
  ASSERT_EQ(run(sequence(kOpSlabAlloc), &zeroed), Status::Ok);
  EXPECT_NE(raw, zeroed);  // alloc clears what alloc_raw keeps

  Region r;
  ASSERT_EQ(r.init(1u << 20), Status::Ok);
  Result<SlabAllocator> slab = SlabAllocator::create(r, 256 * 1024, SlabOptions{});
  ASSERT_TRUE(slab.ok());
  const Offset a = slab.value.alloc_raw(200, 16);
  std::memcpy(r.base() + a, "first owner's bytes, all of them", 32);
  ASSERT_EQ(slab.value.free(a, 200), Status::Ok);
  const Offset b = slab.value.alloc_raw(195, 16);
  ASSERT_EQ(b, a);
  r.base()[b + 100] = 'x';
  ASSERT_NE(slab.value.alloc_raw(9000, 64), kNullOffset);
  EXPECT_EQ(raw, r.hash());
}

TEST(Replay, ExhaustionIsAnOutcomeNotAnError) {
  Ops o(1u << 16);
  o.op(kOpCreatePool).w32(16).w32(8).w32(2);
  for (int i = 0; i < 3; ++i) o.op(kOpPoolAlloc).w8(0);
  o.op(kOpPoolFree).w8(0).w32(1);
  u64 h = 0;
  ReplayReport report;
  ASSERT_EQ(run(o.bytes(), &h, &report), Status::Ok);
  EXPECT_EQ(report.exhausted, 1u);
  EXPECT_EQ(report.live_blocks, 1u);
}

TEST(Replay, RejectsBadHeaders) {
  u64 h = 7;
  std::vector<u8> good = Ops(4096).bytes();
  auto with = [&](u32 at, u8 v) {
    std::vector<u8> b = good;
    b[at] = v;
    return b;
  };
  EXPECT_EQ(run(with(0, 'X'), &h), Status::InvalidArgument);      // magic
  EXPECT_EQ(run(with(4, 2), &h), Status::InvalidArgument);        // version
  EXPECT_EQ(run(with(6, 20), &h), Status::InvalidArgument);       // header size
  EXPECT_EQ(run(Ops(0).bytes(), &h), Status::InvalidArgument);    // region size 0
  EXPECT_EQ(run(Ops(kReplayMaxRegion + 1).bytes(), &h), Status::InvalidArgument);
  EXPECT_EQ(run(with(12, 1), &h), Status::InvalidArgument);       // a record is promised, none follows
  std::vector<u8> trailing = good;
  trailing.push_back(kOpPoolAlloc);
  EXPECT_EQ(run(trailing, &h), Status::InvalidArgument);           // bytes after the last record
  EXPECT_EQ(replay(nullptr, 0, &h), Status::InvalidArgument);
  EXPECT_EQ(replay(good.data(), static_cast<u32>(good.size()), nullptr), Status::InvalidArgument);
  EXPECT_EQ(h, 7u);  // no hash is written on failure
}

TEST(Replay, RejectsRecordsThatDoNotFitTheModel) {
  auto base = [] {
    Ops o(1u << 16);
    o.op(kOpCreatePool).w32(16).w32(8).w32(4);
    o.op(kOpCreateArena).w32(1024);
    o.op(kOpPoolAlloc).w8(0);
    return o;
  };
  u64 h = 0;
  ReplayReport report;
  EXPECT_EQ(run(base().op(0x7F).bytes(), &h, &report), Status::InvalidArgument);  // unknown opcode
  EXPECT_EQ(report.records_done, 3u);
  EXPECT_EQ(report.failed_at, 16u + 13u + 5u + 2u);
  EXPECT_EQ(run(base().op(kOpPoolAlloc).w8(5).bytes(), &h), Status::InvalidArgument);         // no allocator 5
  EXPECT_EQ(run(base().op(kOpPoolAlloc).w8(1).bytes(), &h), Status::InvalidArgument);         // 1 is an arena
  EXPECT_EQ(run(base().op(kOpSlabAlloc).w8(0).w32(8).w32(8).bytes(), &h), Status::InvalidArgument);
  EXPECT_EQ(run(base().op(kOpSlabAllocRaw).w8(0).w32(8).w32(8).bytes(), &h), Status::InvalidArgument);
  EXPECT_EQ(run(base().op(kOpPoolFree).w8(0).w32(1).bytes(), &h), Status::InvalidArgument);   // one live block
  EXPECT_EQ(run(base().op(kOpPoolRefree).w8(0).bytes(), &h), Status::InvalidArgument);        // nothing freed yet
  EXPECT_EQ(run(base().op(kOpArenaUnwind).w8(1).w32(0).bytes(), &h), Status::InvalidArgument);  // no marker
  EXPECT_EQ(run(base().op(kOpWrite).w8(0).w32(0).w32(10).data("1234567").bytes(), &h),
            Status::InvalidArgument);  // 10 + 7 > 16 bytes
  EXPECT_EQ(run(base().op(kOpWrite).w8(0).w32(0).w32(0xFFFFFFFFu).data("1").bytes(), &h),
            Status::InvalidArgument);  // offset overflow
  EXPECT_EQ(run(base().op(kOpWrite).w8(1).w32(0).w32(0).data("1").bytes(), &h),
            Status::InvalidArgument);  // the arena has no live block
  // A well-formed record the allocator refuses stops the replay with the allocator's status.
  EXPECT_EQ(run(base().op(kOpArenaAlloc).w8(1).w32(8).w32(3).bytes(), &h), Status::BadAlignment);
  EXPECT_EQ(run(base().op(kOpCreatePool).w32(16).w32(8).w32(0).bytes(), &h), Status::InvalidArgument);
}

TEST(Replay, EveryTruncationFailsCleanly) {
  std::vector<u8> full = mixed_sequence().bytes();
  for (size_t cut = 0; cut < full.size(); ++cut) {
    std::vector<u8> part(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(cut));
    u64 h = 0;
    EXPECT_NE(run(part, &h), Status::Ok) << "cut at " << cut;
  }
}

TEST(Replay, RandomCorruptionNeverCrashes) {
  // Under ASan/UBSan (the test build) this proves every field is bounds-checked.
  std::vector<u8> full = mixed_sequence().bytes();
  std::mt19937 rng(1234);
  int failures = 0;
  for (int i = 0; i < 3000; ++i) {
    std::vector<u8> b = full;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      // Leave the region size alone most of the time, so that most runs get past the header.
      size_t at = 16 + rng() % (b.size() - 16);
      b[at] = static_cast<u8>(rng());
    }
    u64 h = 0;
    if (run(b, &h) != Status::Ok) ++failures;
  }
  EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace oc
