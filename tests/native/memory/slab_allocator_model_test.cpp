// SlabAllocator against an oracle: random allocs and frees (sizes across every class and the
// fallback, alignments up to 4 KiB, sized and unsized frees, misuse now and then) checked step by step
// against a model of the live blocks, with check() every 1000 operations; for every class_steps and
// several page sizes. And determinism: the same sequence gives byte-identical regions.
#include <gtest/gtest.h>

#include <cstring>
#include <iterator>
#include <map>
#include <random>
#include <vector>

#include "memory/region.h"
#include "memory/slab_allocator.h"
#include "memory/slab_test_support.h"

namespace oc {
namespace {

using test_support::all_bytes;
using test_support::same_stats;

constexpr u32 kSteps[] = {1, 2, 4, 8, 16};



using Fixture = test_support::SlabFixture;

struct Model {
  struct Block {
    u32 size, usable;
    u8 fill;
  };
  std::map<Offset, Block> live;
  std::vector<Offset> order;  // for picking a live block at random
  u64 usable_bytes = 0;
};

u32 pick_size(std::mt19937& rng, u32 arena) {
  const u32 r = rng() % 100;
  if (r < 25) return 1 + rng() % 256;
  if (r < 90) return 1 + rng() % kSlabMaxClass;
  if (r < 99) return kSlabMaxClass + 1 + rng() % 60000;
  return 1 + rng() % (arena / 8);
}

void run_model(u32 seed, u32 ops, SlabOptions options, u32 arena) {
  SCOPED_TRACE(testing::Message() << "page " << options.page_size << " steps " << options.class_steps);
  Fixture f(arena + (2u << 20), arena, options);
  SlabAllocator& s = f.slab;
  Model m;
  std::mt19937 rng(seed);
  u32 fails = 0;
  for (u32 step = 0; step < ops; ++step) {
    const bool grow = m.order.empty() || rng() % 100 < (m.order.size() < 400 ? 65u : 48u);
    if (grow) {
      const u32 size = pick_size(rng, arena);
      const u32 align = rng() % 50 == 0 ? (32u << (rng() % 8)) : (rng() % 4 == 0 ? 1u << (rng() % 5) : 16u);
      Status st;
      const Offset off = s.alloc(size, align, &st);
      if (st == Status::Exhausted) {
        ASSERT_EQ(s.stats().failures, ++fails);
        continue;
      }
      ASSERT_EQ(st, Status::Ok) << size << " " << align;
      ASSERT_EQ(off % (align < 16 ? 16 : align), 0u);
      const u32 usable = s.usable_size(off).value;
      ASSERT_GE(usable, size);
      if (size <= kSlabMaxClass && align <= 16) {
        ASSERT_EQ(usable, s.class_size(s.class_of(size)));
      }
      ASSERT_TRUE(all_bytes(f.at(off), size, 0)) << "not zeroed at step " << step;
      auto next = m.live.lower_bound(off);
      if (next != m.live.end()) {
        ASSERT_LE(off + usable, next->first) << "overlaps the next block at step " << step;
      }
      if (next != m.live.begin()) {
        auto prev = std::prev(next);
        ASSERT_LE(prev->first + prev->second.usable, off) << "overlaps the previous block at step " << step;
      }
      const u8 fill = static_cast<u8>(1 + rng() % 250);
      std::memset(f.at(off), fill, usable);
      m.live[off] = {size, usable, fill};
      m.order.push_back(off);
      m.usable_bytes += usable;
    } else {
      const u32 i = rng() % m.order.size();
      const Offset off = m.order[i];
      const Model::Block b = m.live[off];
      ASSERT_TRUE(all_bytes(f.at(off), b.usable, b.fill)) << "block overwritten at step " << step;
      if (rng() % 40 == 0) {  // misuse now and then; it must change nothing
        const SlabStats before = s.stats();
        if (b.usable > 16) {
          ASSERT_EQ(s.free(off + 16), Status::InvalidOffset);
        }
        if (b.size <= kSlabMaxClass && b.size > 32 && b.usable == s.class_size(s.class_of(b.size))) {
          ASSERT_EQ(s.free(off, s.class_size(s.class_of(b.size) - 1)), Status::WrongSizeClass);
        }
        ASSERT_TRUE(same_stats(before, s.stats()));
      }
      ASSERT_EQ(s.free(off, rng() % 2 == 0 ? b.size : 0), Status::Ok) << "step " << step;
      if (rng() % 40 == 0) {
        ASSERT_EQ(s.free(off, 0), Status::DoubleFree);
      }
      m.live.erase(off);
      m.order[i] = m.order.back();
      m.order.pop_back();
      m.usable_bytes -= b.usable;
    }
    const SlabStats st = s.stats();
    ASSERT_EQ(st.live_blocks, m.live.size());
    ASSERT_EQ(st.live_bytes, m.usable_bytes);
    ASSERT_EQ(st.total_allocs - st.total_frees, m.live.size());
    ASSERT_LE(st.reserved_bytes - st.live_bytes, arena + (1u << 20));
    if (step % 1000 == 999) {
      ASSERT_EQ(s.check(), Status::Ok) << "step " << step;
    }
    if (step % 20000 == 19999) {  // walk agrees with the oracle, block by block
      auto it = m.live.begin();
      bool same = true;
      u32 n = 0;
      s.walk([&](Offset off, u32 size) {
        same = same && it != m.live.end() && it->first == off && it->second.usable == size;
        if (it != m.live.end()) ++it;
        ++n;
      });
      ASSERT_TRUE(same && n == m.live.size()) << "walk differs at step " << step;
    }
  }
  for (Offset off : m.order) ASSERT_EQ(s.free(off), Status::Ok);
  ASSERT_EQ(s.check(), Status::Ok);
  EXPECT_EQ(s.stats().live_blocks, 0u);
  EXPECT_LE(s.stats().pages_in_use, s.class_count());
  EXPECT_GT(fails, 0u) << "the model should reach exhaustion now and then";
}

TEST(SlabAllocator, ModelBasedRandomOperationsDefaults) { run_model(2024, 250000, SlabOptions{}, 2u << 20); }

TEST(SlabAllocator, ModelBasedRandomOperationsEveryStepCount) {
  for (u32 steps : kSteps) run_model(100 + steps, 40000, SlabOptions{16384, steps}, 3u << 20);
}

TEST(SlabAllocator, ModelBasedRandomOperationsPageSizes) {
  // Arenas sized so that every run also meets exhaustion.
  const u32 pages[][2] = {{4096, 2u << 20}, {65536, 5u << 20}, {256u * 1024, 12u << 20}};
  for (const auto& p : pages) run_model(7 + p[0], 40000, SlabOptions{p[0], 4}, p[1]);
}

TEST(SlabAllocator, SameSequenceGivesIdenticalBytes) {
  auto run = [](Region& r, SlabOptions options) {
    Result<SlabAllocator> created = SlabAllocator::create(r, 3u << 20, options);
    EXPECT_TRUE(created.ok());
    SlabAllocator s = created.value;
    std::mt19937 rng(31337);
    std::vector<Offset> live;
    for (u32 i = 0; i < 30000; ++i) {
      if (live.empty() || rng() % 5 < 3) {
        const Offset off = s.alloc(1 + rng() % 9000, rng() % 16 == 0 ? 512 : 16);
        if (off != kNullOffset) {
          std::memset(r.base() + off, static_cast<int>(i), 4);
          live.push_back(off);
        }
      } else {
        const u32 k = rng() % live.size();
        EXPECT_EQ(s.free(live[k]), Status::Ok);
        live[k] = live.back();
        live.pop_back();
      }
    }
    return r.hash();
  };
  for (u32 steps : {4u, 8u}) {
    Region a, b;
    ASSERT_EQ(a.init(4u << 20), Status::Ok);
    ASSERT_EQ(b.init(4u << 20), Status::Ok);
    EXPECT_EQ(run(a, SlabOptions{4096, steps}), run(b, SlabOptions{4096, steps}));
  }
}

}  // namespace
}  // namespace oc
