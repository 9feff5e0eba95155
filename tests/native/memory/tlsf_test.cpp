// Tlsf over a plain buffer: geometry, coalescing, aligned and exact-fit allocation, misuse (each
// with its own status, nothing changed afterwards), position independence, determinism, and a
// model-based random test against an oracle.
#include "memory/tlsf.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "memory/region.h"  // fnv1a64
#include "memory/slab_test_support.h"

namespace oc {
namespace {

using test_support::all_bytes;

struct FreeDeleter {
  void operator()(u8* p) const { std::free(p); }
};

// A buffer laid out as [TlsfHeader][live-start map][range], like a region would hold it.
struct Heap {
  std::unique_ptr<u8, FreeDeleter> buf;
  u32 size = 0;
  Tlsf t;

  static constexpr Offset kHeader = 64;  // offset 0 stays unused, like a region's header

  explicit Heap(u32 range_bytes, u32 range_misalign = 0) {
    const u32 map = Tlsf::map_bytes(range_bytes);
    const Offset begin = align_up(kHeader + sizeof(TlsfHeader) + map, 4096) + range_misalign;
    size = align_up(begin + range_bytes, 4096);
    buf.reset(static_cast<u8*>(std::aligned_alloc(4096, size)));
    std::memset(buf.get(), 0xAB, size);  // create() must not rely on zeroed memory
    Result<Tlsf> r = Tlsf::create(buf.get(), kHeader, kHeader + sizeof(TlsfHeader), begin, begin + range_bytes);
    EXPECT_EQ(r.status, Status::Ok);
    t = r.value;
  }
  u8* at(Offset off) const { return buf.get() + off; }
  u64 hash() const { return fnv1a64(buf.get(), size); }
};


bool same_stats(const TlsfStats& a, const TlsfStats& b) {
  return a.live_blocks == b.live_blocks && a.used_bytes == b.used_bytes && a.free_bytes == b.free_bytes &&
         a.free_blocks == b.free_blocks && a.high_water == b.high_water && a.failures == b.failures &&
         a.total_allocs == b.total_allocs && a.total_frees == b.total_frees;
}

TEST(Tlsf, FreshRangeIsOneFreeBlock) {
  Heap h(1 << 20);
  const TlsfStats s = h.t.stats();
  EXPECT_EQ(s.range_bytes, 1u << 20);
  EXPECT_EQ(s.live_blocks, 0u);
  EXPECT_EQ(s.free_blocks, 1u);
  EXPECT_EQ(s.free_bytes, h.t.header().sentinel - h.t.header().first);
  EXPECT_EQ(h.t.header().first % kTlsfGranule, 0u);
  EXPECT_EQ(h.t.check(), Status::Ok);
}

TEST(Tlsf, AllocIsAlignedZeroedAndInRange) {
  Heap h(1 << 20);
  std::memset(h.at(h.t.header().begin), 0x5A, h.t.header().end - h.t.header().begin);  // dirty the range
  ASSERT_EQ(Tlsf::create(h.buf.get(), Heap::kHeader, Heap::kHeader + sizeof(TlsfHeader), h.t.header().begin,
                         h.t.header().end).status,
            Status::Ok);
  for (u32 size : {1u, 12u, 13u, 100u, 1000u, 5000u, 70000u}) {
    Status st = Status::CorruptState;
    const Offset off = h.t.alloc(size, 16, &st);
    ASSERT_EQ(st, Status::Ok) << size;
    EXPECT_EQ(off % 16, 0u);
    EXPECT_GE(off, h.t.header().begin);
    const Result<u32> usable = h.t.usable_size(off);
    ASSERT_TRUE(usable.ok());
    EXPECT_GE(usable.value, size);
    EXPECT_LT(usable.value, size + 16 + kTlsfMinBlock);
    EXPECT_LE(off + usable.value, h.t.header().end);
    EXPECT_TRUE(all_bytes(h.at(off), usable.value, 0)) << size;
  }
  EXPECT_EQ(h.t.stats().live_blocks, 7u);
  EXPECT_EQ(h.t.check(), Status::Ok);
}

TEST(Tlsf, FreeingInAnyOrderCoalescesBackToOneBlock) {
  Heap h(256 * 1024);
  const u32 capacity = h.t.stats().free_bytes;
  const int orders[3][3] = {{0, 1, 2}, {2, 1, 0}, {0, 2, 1}};
  for (const auto& order : orders) {
    Offset blocks[3];
    for (Offset& b : blocks) b = h.t.alloc(1000);
    EXPECT_EQ(h.t.stats().free_blocks, 1u);  // the tail
    for (int i : order) {
      ASSERT_EQ(h.t.free(blocks[i]), Status::Ok);
      ASSERT_EQ(h.t.check(), Status::Ok);
    }
    EXPECT_EQ(h.t.stats().free_blocks, 1u);
    EXPECT_EQ(h.t.stats().free_bytes, capacity);
    EXPECT_EQ(h.t.stats().used_bytes, 0u);
  }
}

TEST(Tlsf, AlignedAllocationsAndTheirGapsAreReusable) {
  Heap h(1 << 20, 48);  // a range that does not start aligned
  std::vector<Offset> blocks;
  for (u32 align = 32; align <= 65536; align *= 2) {
    for (u32 size : {1u, 100u, align, 3 * align + 5}) {
      Status st;
      const Offset off = h.t.alloc(size, align, &st);
      ASSERT_EQ(st, Status::Ok) << size << " " << align;
      EXPECT_EQ(off % align, 0u) << size << " " << align;
      EXPECT_GE(h.t.usable_size(off).value, size);
      blocks.push_back(off);
    }
  }
  EXPECT_EQ(h.t.check(), Status::Ok);
  for (Offset b : blocks) ASSERT_EQ(h.t.free(b), Status::Ok);
  EXPECT_EQ(h.t.check(), Status::Ok);
  EXPECT_EQ(h.t.stats().free_blocks, 1u);
}

TEST(Tlsf, TheWholeRangeCanBeOneBlock) {
  Heap h(64 * 1024);
  const u32 capacity = h.t.stats().free_bytes;
  Status st;
  const Offset all = h.t.alloc(capacity - kTlsfOverhead, 16, &st);
  ASSERT_EQ(st, Status::Ok);
  EXPECT_EQ(h.t.stats().free_blocks, 0u);
  EXPECT_EQ(h.t.alloc(1, 16, &st), kNullOffset);
  EXPECT_EQ(st, Status::Exhausted);
  EXPECT_EQ(h.t.stats().failures, 1u);
  EXPECT_EQ(h.t.free(all), Status::Ok);
  EXPECT_EQ(h.t.check(), Status::Ok);
  EXPECT_EQ(h.t.stats().free_bytes, capacity);
}

TEST(Tlsf, BadRequestsFailWithTheirStatusAndChangeNothing) {
  Heap h(64 * 1024);
  const Offset keep = h.t.alloc(500);
  const TlsfStats before = h.t.stats();
  const u64 bytes = h.hash();
  struct Case {
    u32 size, align;
    Status want;
  } cases[] = {
      {0, 16, Status::InvalidArgument},     {16, 3, Status::BadAlignment},
      {16, 0, Status::BadAlignment},        {16, 48, Status::BadAlignment},
      {1u << 20, 16, Status::SizeTooLarge}, {0xFFFFFFFFu, 16, Status::SizeTooLarge},
  };
  for (const Case& c : cases) {
    Status st = Status::Ok;
    EXPECT_EQ(h.t.alloc(c.size, c.align, &st), kNullOffset);
    EXPECT_EQ(st, c.want) << c.size << " " << c.align;
    EXPECT_EQ(h.t.check(), Status::Ok);
    EXPECT_TRUE(same_stats(before, h.t.stats()));
    EXPECT_EQ(h.hash(), bytes);
  }
  EXPECT_EQ(h.t.free(keep), Status::Ok);
}

TEST(Tlsf, BadFreesAreDetectedAndChangeNothing) {
  Heap h(64 * 1024);
  const Offset a = h.t.alloc(200);
  const Offset b = h.t.alloc(200);
  const Offset c = h.t.alloc(200);
  ASSERT_EQ(h.t.free(b), Status::Ok);
  // Forge, inside live block a, what a block start would look like: the map is not fooled.
  const u32 fake = (64u | 0u);
  std::memcpy(h.at(a + 60), &fake, 4);
  const TlsfStats before = h.t.stats();
  const u64 bytes = h.hash();
  const TlsfHeader& hd = h.t.header();
  struct Case {
    Offset off;
    Status want;
  } cases[] = {
      {kNullOffset, Status::InvalidOffset},      // never a block
      {a + 64, Status::InvalidOffset},           // interior of a live block (with a forged size word)
      {a + 1, Status::InvalidOffset},            // not even aligned
      {hd.sentinel, Status::InvalidOffset},      // the end marker
      {hd.end + 4096, Status::InvalidOffset},    // beyond the range
      {hd.begin - 64, Status::InvalidOffset},    // before it (the metadata)
      {b, Status::DoubleFree},                   // freed already
      {b + 32, Status::DoubleFree},              // inside a free block
      {c + 4096, Status::DoubleFree},            // never allocated: the free tail
  };
  for (const Case& k : cases) {
    EXPECT_EQ(h.t.free(k.off), k.want) << k.off;
    EXPECT_EQ(h.t.classify(k.off), k.want) << k.off;
    EXPECT_FALSE(h.t.usable_size(k.off).ok());
    EXPECT_EQ(h.t.check(), Status::Ok);
    EXPECT_TRUE(same_stats(before, h.t.stats()));
    EXPECT_EQ(h.hash(), bytes);
  }
  EXPECT_EQ(h.t.free(a), Status::Ok);
  EXPECT_EQ(h.t.free(c), Status::Ok);
  EXPECT_EQ(h.t.free(a), Status::DoubleFree);  // merged into the big free block: still inside one
  EXPECT_EQ(h.t.check(), Status::Ok);
}

TEST(Tlsf, CreateRejectsBadLayouts) {
  std::vector<u8> buf(64 * 1024);
  u8* base = buf.data();
  const Offset map = 64 + sizeof(TlsfHeader);
  EXPECT_EQ(Tlsf::create(base, 64, map, 8192, 8192).status, Status::InvalidArgument);          // empty
  EXPECT_EQ(Tlsf::create(base, 64, map, 1024, 16384).status, Status::InvalidArgument);         // overlaps header
  EXPECT_EQ(Tlsf::create(base, 64, 8192 + 64, 8192, 16384).status, Status::InvalidArgument);   // map inside
  EXPECT_EQ(Tlsf::create(base, 60, map, 8192, 16384).status, Status::InvalidArgument);         // misaligned
  EXPECT_EQ(Tlsf::create(base, 64, map, 8192, 8192 + 20).status, Status::Exhausted);           // no block fits
  EXPECT_EQ(Tlsf::create(nullptr, 64, map, 8192, 16384).status, Status::InvalidArgument);
  EXPECT_EQ(Tlsf::create(base, 64, map, 8192, 8192 + 36).status, Status::Ok);                 // exactly one
}

TEST(Tlsf, CheckFindsCorruption) {
  Heap h(64 * 1024);
  const Offset a = h.t.alloc(100);
  const Offset b = h.t.alloc(100);
  (void)b;
  ASSERT_EQ(h.t.check(), Status::Ok);
  u32 saved;
  std::memcpy(&saved, h.at(a - 4), 4);
  const u32 broken = saved + 16;  // a size word overwritten by a buggy neighbour
  std::memcpy(h.at(a - 4), &broken, 4);
  EXPECT_EQ(h.t.check(), Status::CorruptState);
  std::memcpy(h.at(a - 4), &saved, 4);
  ASSERT_EQ(h.t.check(), Status::Ok);
  auto* hd = const_cast<TlsfHeader*>(&h.t.header());
  hd->live_blocks++;
  EXPECT_EQ(h.t.check(), Status::CorruptState);
  hd->live_blocks--;
  hd->sl_bitmap[3] ^= 1u;
  EXPECT_EQ(h.t.check(), Status::CorruptState);
  hd->sl_bitmap[3] ^= 1u;
  EXPECT_EQ(h.t.check(), Status::Ok);
}

// Untracked blocks (the slab's pages) stay out of the live-start map: free() refuses them without
// changing anything, their owner gives them back with release(), and check() holds the flag and the
// map to each other.
TEST(Tlsf, UntrackedBlocksStayOutOfTheMapAndOnlyReleaseFreesThem) {
  Heap h(64 * 1024);
  const Offset a = h.t.alloc(4000, kTlsfGranule, nullptr, false, false);
  const Offset b = h.t.alloc(100);
  ASSERT_NE(a, kNullOffset);
  ASSERT_NE(b, kNullOffset);
  EXPECT_FALSE(h.t.is_live(a));
  EXPECT_TRUE(h.t.is_untracked(a));
  EXPECT_TRUE(h.t.is_live(b));
  EXPECT_FALSE(h.t.is_untracked(b));
  ASSERT_EQ(h.t.check(), Status::Ok);
  const TlsfHeader& hd = h.t.header();
  u32 bits = 0;
  for (u32 w = 0; w < hd.map_words; ++w) {
    u32 word;
    std::memcpy(&word, h.at(hd.map_offset + 4 * w), 4);
    bits += static_cast<u32>(__builtin_popcount(word));
  }
  EXPECT_EQ(bits, 1u);  // b only
  EXPECT_EQ(h.t.stats().live_blocks, 2u);

  const TlsfStats before = h.t.stats();
  const u64 bytes = h.hash();
  EXPECT_EQ(h.t.free(a), Status::InvalidOffset);
  EXPECT_EQ(h.t.classify(a + 16, a), Status::InvalidOffset);
  EXPECT_TRUE(same_stats(before, h.t.stats()));
  EXPECT_EQ(h.hash(), bytes);

  // A flag that disagrees with the map is corruption, both ways.
  u32 saved;
  std::memcpy(&saved, h.at(b - 4), 4);
  const u32 flagged = saved | 4u;
  std::memcpy(h.at(b - 4), &flagged, 4);
  EXPECT_EQ(h.t.check(), Status::CorruptState);
  std::memcpy(h.at(b - 4), &saved, 4);
  std::memcpy(&saved, h.at(a - 4), 4);
  const u32 unflagged = saved & ~4u;
  std::memcpy(h.at(a - 4), &unflagged, 4);
  EXPECT_EQ(h.t.check(), Status::CorruptState);
  std::memcpy(h.at(a - 4), &saved, 4);
  ASSERT_EQ(h.t.check(), Status::Ok);

  h.t.release(a);
  EXPECT_FALSE(h.t.is_untracked(a));
  EXPECT_EQ(h.t.check(), Status::Ok);
  EXPECT_EQ(h.t.free(a), Status::DoubleFree);
  EXPECT_EQ(h.t.stats().live_blocks, 1u);
  ASSERT_EQ(h.t.free(b), Status::Ok);
  EXPECT_EQ(h.t.stats().free_blocks, 1u);  // everything coalesced back
  EXPECT_EQ(h.t.check(), Status::Ok);
}

// Misuse next to untracked blocks: the nearest start the map shows can be far below, the caller's
// hint (the last untracked start at or below the offset) keeps the classification exact.
TEST(Tlsf, ClassifyWithAHintSeesPastUntrackedBlocks) {
  Heap h(64 * 1024);
  Offset pages[6];
  for (Offset& p : pages) p = h.t.alloc(1000, kTlsfGranule, nullptr, false, false);
  const Offset big = h.t.alloc(3000);
  const Offset after = h.t.alloc(1000, kTlsfGranule, nullptr, false, false);
  ASSERT_NE(after, kNullOffset);
  ASSERT_EQ(h.t.free(big), Status::Ok);
  EXPECT_EQ(h.t.classify(big, pages[5]), Status::DoubleFree);
  EXPECT_EQ(h.t.classify(big + 48, pages[5]), Status::DoubleFree);
  EXPECT_EQ(h.t.classify(after + 16, after), Status::InvalidOffset);
  EXPECT_EQ(h.t.check(), Status::Ok);
}

TEST(Tlsf, AttachSeesTheSameStateAndBytesArePositionIndependent) {
  Heap h(128 * 1024);
  std::vector<Offset> live;
  for (u32 i = 1; i <= 40; ++i) live.push_back(h.t.alloc(i * 37, i % 5 == 0 ? 256 : 16));
  for (u32 i = 0; i < live.size(); i += 3) ASSERT_EQ(h.t.free(live[i]), Status::Ok);

  // Copy the bytes somewhere else: offsets stay meaningful.
  std::unique_ptr<u8, FreeDeleter> copy(static_cast<u8*>(std::aligned_alloc(4096, h.size)));
  std::memcpy(copy.get(), h.buf.get(), h.size);
  Result<Tlsf> moved = Tlsf::attach(copy.get(), h.size, Heap::kHeader);
  ASSERT_EQ(moved.status, Status::Ok);
  EXPECT_EQ(moved.value.check(), Status::Ok);
  EXPECT_TRUE(same_stats(moved.value.stats(), h.t.stats()));
  // The same next calls give the same offsets in both.
  for (u32 i = 1; i <= 20; ++i) EXPECT_EQ(moved.value.alloc(i * 91), h.t.alloc(i * 91));
  EXPECT_EQ(std::memcmp(copy.get(), h.buf.get(), h.size), 0);

  EXPECT_EQ(Tlsf::attach(copy.get(), h.size, Heap::kHeader + 8).status, Status::CorruptState);
  EXPECT_EQ(Tlsf::attach(copy.get(), h.size, Heap::kHeader + 4).status, Status::InvalidArgument);
  EXPECT_EQ(Tlsf::attach(copy.get(), 8192, Heap::kHeader).status, Status::CorruptState);  // range beyond
  EXPECT_EQ(Tlsf::attach(copy.get(), h.size, h.size - 8).status, Status::InvalidArgument);
}

#if OPENCLAW_DEBUG
TEST(Tlsf, FreedBytesAreScrubbedInDebugBuilds) {
  Heap h(64 * 1024);
  const Offset a = h.t.alloc(300);
  const Offset guard = h.t.alloc(16);  // keeps a from merging with the tail
  (void)guard;
  std::memset(h.at(a), 0x11, 300);
  ASSERT_EQ(h.t.free(a), Status::Ok);
  // Links (8 bytes) at the start and the footer (4 bytes) at the end are the allocator's own.
  EXPECT_TRUE(all_bytes(h.at(a + 8), 300 - 16, kScrubByte));
  EXPECT_EQ(h.t.alloc(300), a);
  EXPECT_TRUE(all_bytes(h.at(a), 300, 0));
}
#endif

// The oracle: what must be true of every live block, checked against the allocator after each step.
struct Model {
  struct Block {
    u32 size, usable;
    u8 fill;
  };
  std::map<Offset, Block> live;
  u64 used = 0;
};

void run_model(u32 seed, u32 ops, u32 range_bytes) {
  Heap h(range_bytes);
  Model m;
  std::mt19937 rng(seed);
  auto pick_size = [&]() -> u32 {
    const u32 r = rng() % 100;
    if (r < 60) return 1 + rng() % 256;
    if (r < 90) return 1 + rng() % 4096;
    if (r < 99) return 1 + rng() % 65536;
    return 1 + rng() % (range_bytes / 4);
  };
  std::vector<Offset> order;  // live offsets, for picking one at random
  u32 fails = 0;
  for (u32 step = 0; step < ops; ++step) {
    const bool do_alloc = order.empty() || (rng() % 100) < (order.size() < 300 ? 60u : 45u);
    if (do_alloc) {
      const u32 size = pick_size();
      const u32 align = (rng() % 10 == 0) ? (32u << (rng() % 8)) : 16u;
      Status st;
      const Offset off = h.t.alloc(size, align, &st);
      if (st == Status::Exhausted) {
        ++fails;
        ASSERT_EQ(h.t.stats().failures, fails);
        continue;
      }
      ASSERT_EQ(st, Status::Ok);
      ASSERT_EQ(off % align, 0u);
      const u32 usable = h.t.usable_size(off).value;
      ASSERT_GE(usable, size);
      ASSERT_TRUE(all_bytes(h.at(off), usable, 0)) << "not zeroed at step " << step;
      // No overlap with the neighbours, size words included.
      auto next = m.live.lower_bound(off);
      if (next != m.live.end()) {
        ASSERT_LE(off + usable + kTlsfOverhead, next->first + 0u);
      }
      if (next != m.live.begin()) {
        auto prev = std::prev(next);
        ASSERT_LE(prev->first + prev->second.usable + kTlsfOverhead, off);
      }
      const u8 fill = static_cast<u8>(1 + rng() % 250);
      std::memset(h.at(off), fill, usable);
      m.live[off] = {size, usable, fill};
      m.used += usable + kTlsfOverhead;
      order.push_back(off);
    } else {
      const u32 i = rng() % order.size();
      const Offset off = order[i];
      order[i] = order.back();
      order.pop_back();
      const Model::Block b = m.live[off];
      ASSERT_TRUE(all_bytes(h.at(off), b.usable, b.fill)) << "block overwritten at step " << step;
      ASSERT_EQ(h.t.free(off), Status::Ok);
      m.live.erase(off);
      m.used -= b.usable + kTlsfOverhead;
      if (rng() % 50 == 0) {  // misuse now and then: the block just freed, and an interior offset
        ASSERT_EQ(h.t.free(off), Status::DoubleFree);
        if (!order.empty() && m.live[order[0]].usable > 16) {
          ASSERT_EQ(h.t.free(order[0] + 16), Status::InvalidOffset);
        }
      }
    }
    const TlsfStats s = h.t.stats();
    ASSERT_EQ(s.live_blocks, m.live.size());
    ASSERT_EQ(s.used_bytes, m.used);
    if (step % 1000 == 999) {
      ASSERT_EQ(h.t.check(), Status::Ok) << "step " << step;
    }
  }
  for (Offset off : order) ASSERT_EQ(h.t.free(off), Status::Ok);
  ASSERT_EQ(h.t.check(), Status::Ok);
  EXPECT_EQ(h.t.stats().free_blocks, 1u);
  EXPECT_GT(fails, 0u) << "the model should have reached exhaustion at least once";
}

TEST(Tlsf, ModelBasedRandomOperations) { run_model(12345, 250000, 4u << 20); }
TEST(Tlsf, ModelBasedRandomOperationsSmallRange) { run_model(777, 200000, 256u * 1024); }

TEST(Tlsf, SameSequenceGivesIdenticalBytes) {
  auto run = [](Heap& h) {
    std::mt19937 rng(99);
    std::vector<Offset> live;
    for (int i = 0; i < 20000; ++i) {
      if (live.empty() || rng() % 3 != 0) {
        const Offset off = h.t.alloc(1 + rng() % 3000, rng() % 8 == 0 ? 128 : 16);
        if (off != kNullOffset) {
          std::memset(h.at(off), i & 0xFF, 8);
          live.push_back(off);
        }
      } else {
        const u32 k = rng() % live.size();
        EXPECT_EQ(h.t.free(live[k]), Status::Ok);
        live[k] = live.back();
        live.pop_back();
      }
    }
  };
  Heap a(1 << 20), b(1 << 20);
  run(a);
  run(b);
  EXPECT_EQ(a.hash(), b.hash());
  EXPECT_EQ(a.t.check(), Status::Ok);
}

}  // namespace
}  // namespace oc
