// SlabAllocator: class table, alloc/free across classes and the fallback, misuse (each with its own
// status, nothing changed afterwards), pages going back to the span and being reused, attach and
// position independence, check() on corrupted bytes, walk. The model-based random test and the
// determinism test are in slab_allocator_model_test.cpp.
#include "memory/slab_allocator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <random>
#include <vector>

#include "memory/region.h"
#include "memory/slab_test_support.h"

namespace oc {
namespace {

using test_support::all_bytes;
using test_support::same_stats;

constexpr u32 kSteps[] = {1, 2, 4, 8, 16};



// The frame whose page holds off (the page may have started in an earlier frame than off's).
SlabFrame* page_frame(const Region& r, const SlabAllocator& s, Offset off) {
  SlabFrame* frames = r.at<SlabFrame>(s.header().frames_offset);
  const SlabClass* classes = r.at<SlabClass>(s.header().classes_offset);
  for (u32 i = 0; i < s.header().frame_count; ++i) {
    if (frames[i].page != 0 && off >= frames[i].page && off < frames[i].page + classes[frames[i].cls].page_bytes) {
      return &frames[i];
    }
  }
  return nullptr;
}

using Fixture = test_support::SlabFixture;

TEST(SlabAllocator, ClassTableForEveryStepCount) {
  for (u32 steps : kSteps) {
    Fixture f(4u << 20, 1u << 20, SlabOptions{4096, steps});
    const SlabAllocator& s = f.slab;
    ASSERT_GT(s.class_count(), 0u);
    EXPECT_EQ(s.class_size(0), kSlabMinClass);
    EXPECT_EQ(s.class_size(s.class_count() - 1), kSlabMaxClass);
    EXPECT_EQ(s.class_size(s.class_count()), 0u);
    for (u32 i = 1; i < s.class_count(); ++i) {
      EXPECT_EQ(s.class_size(i) % 16, 0u);
      EXPECT_GT(s.class_size(i), s.class_size(i - 1));
    }
    // At most `steps` classes in any doubling (a, 2a].
    for (u32 a = 16; a < 4096; a *= 2) {
      u32 n = 0;
      for (u32 i = 0; i < s.class_count(); ++i) n += s.class_size(i) > a && s.class_size(i) <= 2 * a;
      EXPECT_LE(n, steps) << a;
    }
    // class_of is the smallest class that holds the size.
    for (u32 size = 1; size <= kSlabMaxClass; ++size) {
      const u32 c = s.class_of(size);
      ASSERT_LT(c, s.class_count());
      ASSERT_GE(s.class_size(c), size);
      if (c > 0) {
        ASSERT_LT(s.class_size(c - 1), size);
      }
    }
    EXPECT_EQ(s.class_of(kSlabMaxClass + 1), s.class_count());
    EXPECT_EQ(s.class_of(0), s.class_count());
  }
  Fixture pow2(4u << 20, 1u << 20, SlabOptions{4096, 1});
  EXPECT_EQ(pow2.slab.class_count(), 9u);
  Fixture four(4u << 20, 1u << 20, SlabOptions{4096, 4});
  const u32 first[] = {16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
  for (u32 i = 0; i < std::size(first); ++i) EXPECT_EQ(four.slab.class_size(i), first[i]);
}

// The block index of a free is computed with a reciprocal, not a division: it must be exact for every
// block of every page, for every page size and class spacing.
TEST(SlabAllocator, ReciprocalIsExactForEveryBlock) {
  for (u32 page = kSlabMinPageSize; page <= kSlabMaxPageSize; page *= 2) {
    for (u32 steps : kSteps) {
      Fixture f(8u << 20, 2u * page + 65536, SlabOptions{page, steps});
      const SlabClass* classes = f.region.at<SlabClass>(f.slab.header().classes_offset);
      for (u32 ci = 0; ci < f.slab.class_count(); ++ci) {
        const SlabClass& c = classes[ci];
        ASSERT_GE(c.page_bytes, page);  // a page is never smaller than a frame
        for (u32 i = 0; i < c.blocks_per_page; ++i) {
          const u32 x = i * c.block_size;
          ASSERT_EQ(static_cast<u32>((static_cast<u64>(x >> 4) * c.recip) >> 31), i) << page << " " << c.block_size;
        }
      }
    }
  }
}

TEST(SlabAllocator, AllocationsAreAlignedZeroedAndOfTheirClass) {
  Fixture f(8u << 20, 4u << 20);
  SlabAllocator& s = f.slab;
  const SlabHeader& h = s.header();
  // Dirty the blocks first (the free span itself is the allocator's: its links live there).
  std::vector<Offset> dirty;
  for (u32 size = 1; size <= kSlabMaxClass; size += 37) {
    dirty.push_back(s.alloc(size));
    std::memset(f.at(dirty.back()), 0x77, size);
  }
  for (Offset off : dirty) ASSERT_EQ(s.free(off), Status::Ok);
  for (u32 size = 1; size <= kSlabMaxClass; size += 37) {
    Status st = Status::CorruptState;
    const Offset off = s.alloc(size, 16, &st);
    ASSERT_EQ(st, Status::Ok) << size;
    EXPECT_EQ(off % 16, 0u);
    EXPECT_GE(off, h.span_begin);
    EXPECT_LE(off + size, h.span_end);
    EXPECT_EQ(s.usable_size(off).value, s.class_size(s.class_of(size)));
    EXPECT_TRUE(all_bytes(f.at(off), size, 0)) << size;
  }
  EXPECT_EQ(s.check(), Status::Ok);
  const SlabStats st = s.stats();
  EXPECT_EQ(st.live_blocks, 111u);
  EXPECT_EQ(st.total_allocs, 222u);
  EXPECT_EQ(st.arena_bytes, 4u << 20);
  EXPECT_EQ(st.page_size, kSlabDefaultPageSize);
}

TEST(SlabAllocator, LargeAndOverAlignedRequestsUseTheFallback) {
  Fixture f(8u << 20, 4u << 20);
  SlabAllocator& s = f.slab;
  struct Req {
    u32 size, align;
  } reqs[] = {{4097, 16}, {100000, 16}, {8000, 4096}, {100, 64}, {1, 4096}, {4096, 32}};
  std::vector<Offset> offs;
  for (const Req& r : reqs) {
    Status st;
    const Offset off = s.alloc(r.size, r.align, &st);
    ASSERT_EQ(st, Status::Ok);
    EXPECT_EQ(off % r.align, 0u);
    EXPECT_TRUE(s.fallback().is_live(off));
    EXPECT_GE(s.usable_size(off).value, r.size);
    EXPECT_TRUE(all_bytes(f.at(off), r.size, 0));
    offs.push_back(off);
  }
  EXPECT_EQ(s.stats().pages_in_use, 0u);
  EXPECT_EQ(s.stats().live_blocks, std::size(reqs));
  EXPECT_EQ(s.check(), Status::Ok);
  for (u32 i = 0; i < offs.size(); ++i) EXPECT_EQ(s.free(offs[i], reqs[i].size), Status::Ok);
  EXPECT_EQ(s.stats().live_blocks, 0u);
  EXPECT_EQ(s.check(), Status::Ok);
}

TEST(SlabAllocator, MisuseIsReportedAndChangesNothing) {
  Fixture f(8u << 20, 4u << 20, SlabOptions{4096, 8});
  SlabAllocator& s = f.slab;
  Result<SlabAllocator> other = SlabAllocator::create(f.region, 1u << 20);
  ASSERT_TRUE(other.ok());
  const Offset foreign = other.value.alloc(64);
  const Offset a = s.alloc(100);  // class 112 with the default steps
  const Offset b = s.alloc(100);
  const Offset freed = s.alloc(100);
  const Offset big = s.alloc(10000);
  const Offset aligned = s.alloc(50, 256);
  ASSERT_EQ(s.free(freed), Status::Ok);
  const SlabFrame* frame = page_frame(f.region, s, a);
  ASSERT_NE(frame, nullptr);
  const SlabClass& cls = f.region.at<SlabClass>(s.header().classes_offset)[s.class_of(100)];
  ASSERT_GT(cls.page_bytes, cls.bitmap_at);  // 37 blocks of 112 bytes: the bits of blocks 32.. follow them
  const Offset page_tail = frame->page + cls.bitmap_at;

  const SlabStats before = s.stats();
  const u64 bytes = f.region.hash();
  auto unchanged = [&](const char* what) {
    EXPECT_EQ(s.check(), Status::Ok) << what;
    EXPECT_TRUE(same_stats(before, s.stats())) << what;
    EXPECT_EQ(f.region.hash(), bytes) << what;
  };
  struct FreeCase {
    const char* what;
    Offset off;
    u32 size;
    Status want;
  } frees[] = {
      {"wrong size class (smaller)", a, 50, Status::WrongSizeClass},
      {"wrong size class (larger)", a, 200, Status::WrongSizeClass},
      {"wrong size class (fallback size)", a, 5000, Status::WrongSizeClass},
      {"fallback block, size too small", big, 5000, Status::WrongSizeClass},
      {"fallback block, size too large", big, 20000, Status::WrongSizeClass},
      {"foreign offset (another slab)", foreign, 0, Status::InvalidOffset},
      {"offset 0", kNullOffset, 0, Status::InvalidOffset},
      {"before the span", s.header().span_begin - 16, 0, Status::InvalidOffset},
      {"past the span", s.header().span_end + 64, 0, Status::InvalidOffset},
      {"interior offset", a + 16, 0, Status::InvalidOffset},
      {"unaligned offset", a + 1, 0, Status::InvalidOffset},
      {"interior of a fallback block", big + 32, 0, Status::InvalidOffset},
      {"the page's live bits", page_tail, 0, Status::InvalidOffset},
      {"double free", freed, 0, Status::DoubleFree},
      {"double free, sized", freed, 100, Status::DoubleFree},
  };
  for (const FreeCase& c : frees) {
    EXPECT_EQ(s.free(c.off, c.size), c.want) << c.what;
    unchanged(c.what);
  }
  EXPECT_EQ(s.usable_size(freed).status, Status::DoubleFree);
  EXPECT_EQ(s.usable_size(a + 16).status, Status::InvalidOffset);
  EXPECT_EQ(s.usable_size(foreign).status, Status::InvalidOffset);

  for (const test_support::BadAllocCase& c : test_support::kBadAllocCases) {
    Status st = Status::Ok;
    EXPECT_EQ(s.alloc(c.size, c.align, &st), kNullOffset) << c.what;
    EXPECT_EQ(st, c.want) << c.what;
    unchanged(c.what);
  }

  // The right calls still work afterwards.
  EXPECT_EQ(s.free(a, 100), Status::Ok);
  EXPECT_EQ(s.free(b, 112), Status::Ok);
  EXPECT_EQ(s.free(big, 10000), Status::Ok);
  EXPECT_EQ(s.free(aligned, 50), Status::Ok);
  EXPECT_EQ(s.free(big), Status::DoubleFree);
  EXPECT_EQ(s.check(), Status::Ok);
}

TEST(SlabAllocator, ExhaustionIsCountedAndRecoverable) {
  Fixture f(4u << 20, 256u * 1024);
  SlabAllocator& s = f.slab;
  Status st = Status::Ok;
  const std::vector<Offset> live = test_support::fill_until_refused(s, false, &st);
  EXPECT_EQ(st, Status::Exhausted);
  EXPECT_EQ(s.stats().failures, 1u);
  EXPECT_GT(live.size(), 30u);
  EXPECT_EQ(s.check(), Status::Ok);
  for (Offset off : live) ASSERT_EQ(s.free(off), Status::Ok);
  EXPECT_EQ(s.check(), Status::Ok);
  EXPECT_EQ(s.stats().live_blocks, 0u);
  EXPECT_LE(s.stats().pages_in_use, 1u);  // only the class's current page is kept
  // The space came back: a block of most of the arena fits again.
  EXPECT_NE(s.alloc(100u * 1024, 16, &st), kNullOffset);
}

TEST(SlabAllocator, EmptyPagesGoBackToTheSpanAndServeOtherClasses) {
  Fixture f(8u << 20, 2u << 20);
  SlabAllocator& s = f.slab;
  std::vector<Offset> small;
  for (u32 i = 0; i < 4000; ++i) small.push_back(s.alloc(200));
  const u32 pages = s.stats().pages_in_use;
  const u32 high_water = s.fallback().stats().high_water;
  EXPECT_GT(pages, 100u);
  for (Offset off : small) ASSERT_EQ(s.free(off, 200), Status::Ok);
  EXPECT_EQ(s.stats().pages_in_use, 1u);
  EXPECT_EQ(s.class_stats(s.class_of(200)).pages, 1u);
  // Another class, and the fallback, reuse the same bytes: the span's touched part does not grow.
  std::vector<Offset> other;
  for (u32 i = 0; i < 500; ++i) other.push_back(s.alloc(1000));
  for (u32 i = 0; i < 10; ++i) other.push_back(s.alloc(20000));
  for (Offset off : other) ASSERT_NE(off, kNullOffset);
  EXPECT_LE(s.fallback().stats().high_water, high_water);
  EXPECT_EQ(s.check(), Status::Ok);
}

TEST(SlabAllocator, PagesWithRoomAreReusedBeforeNewOnes) {
  Fixture f(8u << 20, 2u << 20, SlabOptions{4096, 8});
  SlabAllocator& s = f.slab;
  ASSERT_EQ(s.class_stats(s.class_of(1000)).block_size, 1024u);  // 4 blocks per 4 KiB page
  std::vector<Offset> blocks;
  for (u32 i = 0; i < 12; ++i) blocks.push_back(s.alloc(1000));
  EXPECT_EQ(s.stats().pages_in_use, 3u);
  // A block of the first page comes back; the current (third) page is full: the next allocation
  // must take the freed block rather than a fourth page.
  ASSERT_EQ(s.free(blocks[1]), Status::Ok);
  const u64 tlsf_allocs = s.fallback().stats().total_allocs;
  EXPECT_EQ(s.alloc(1000), blocks[1]);
  EXPECT_EQ(s.stats().pages_in_use, 3u);
  EXPECT_EQ(s.fallback().stats().total_allocs, tlsf_allocs);
  // The class's current page is kept when it empties, so a class that hovers around one live
  // block does not take and give back a page each time.
  for (u32 i = 0; i < 12; ++i) ASSERT_EQ(s.free(blocks[i]), Status::Ok);
  EXPECT_EQ(s.stats().pages_in_use, 1u);
  const u64 tlsf_ops = s.fallback().stats().total_allocs + s.fallback().stats().total_frees;
  for (u32 i = 0; i < 10; ++i) ASSERT_EQ(s.free(s.alloc(1000)), Status::Ok);
  EXPECT_EQ(s.fallback().stats().total_allocs + s.fallback().stats().total_frees, tlsf_ops);
  EXPECT_EQ(s.check(), Status::Ok);
}

TEST(SlabAllocator, ClassStatsFollowTheBlocks) {
  Fixture f(8u << 20, 2u << 20);
  SlabAllocator& s = f.slab;
  std::vector<Offset> blocks;
  for (u32 i = 0; i < 50; ++i) blocks.push_back(s.alloc(3000));
  const u32 c = s.class_of(3000);
  SlabClassStats cs = s.class_stats(c);
  EXPECT_EQ(cs.block_size, s.class_size(c));
  EXPECT_EQ(cs.live_blocks, 50u);
  EXPECT_GE(cs.capacity_blocks, 50u);
  EXPECT_EQ(cs.capacity_blocks % cs.pages, 0u);
  EXPECT_EQ(s.class_stats(s.class_count()).block_size, 0u);
  EXPECT_EQ(s.free(blocks[0]), Status::Ok);
  EXPECT_EQ(s.class_stats(c).live_blocks, 49u);
  EXPECT_EQ(s.stats().live_bytes, 49u * cs.block_size);
}

TEST(SlabAllocator, CreateValidatesItsArguments) {
  Region r;
  ASSERT_EQ(r.init(4u << 20), Status::Ok);
  const u32 used = r.used();
  EXPECT_EQ(SlabAllocator::create(r, 1u << 20, SlabOptions{3000, 8}).status, Status::InvalidArgument);
  EXPECT_EQ(SlabAllocator::create(r, 1u << 20, SlabOptions{2048, 8}).status, Status::InvalidArgument);
  EXPECT_EQ(SlabAllocator::create(r, 1u << 20, SlabOptions{2u << 20, 8}).status, Status::InvalidArgument);
  EXPECT_EQ(SlabAllocator::create(r, 1u << 20, SlabOptions{0, 8}).status, Status::InvalidArgument);
  EXPECT_EQ(SlabAllocator::create(r, 1u << 20, SlabOptions{4096, 3}).status, Status::InvalidArgument);
  EXPECT_EQ(SlabAllocator::create(r, 1u << 20, SlabOptions{4096, 32}).status, Status::InvalidArgument);
  EXPECT_EQ(SlabAllocator::create(r, 1u << 20, SlabOptions{4096, 0}).status, Status::InvalidArgument);
  EXPECT_EQ(SlabAllocator::create(r, 4096, SlabOptions{}).status, Status::Exhausted);          // arena too small
  EXPECT_EQ(SlabAllocator::create(r, 64u << 20, SlabOptions{}).status, Status::Exhausted);     // region too small
  EXPECT_EQ(SlabAllocator::create(r, 600u * 1024, SlabOptions{1u << 20, 8}).status, Status::Exhausted);
  EXPECT_EQ(r.used(), used) << "a refused slab must not take region bytes";
  Region none;
  EXPECT_EQ(SlabAllocator::create(none, 1u << 20).status, Status::InvalidArgument);
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(SlabAllocator, AttachAndPositionIndependence) {
  Fixture f(12u << 20, 6u << 20);
  SlabAllocator& s = f.slab;
  std::mt19937 rng(5);
  std::vector<Offset> live;
  for (u32 i = 0; i < 3000; ++i) {
    const u32 size = 1 + rng() % 5000;
    const Offset off = s.alloc(size, rng() % 10 == 0 ? 64 : 16);
    ASSERT_NE(off, kNullOffset);
    live.push_back(off);
    if (i % 3 == 0) {
      ASSERT_EQ(s.free(live[live.size() / 2]), Status::Ok);
      live.erase(live.begin() + static_cast<long>(live.size() / 2));
    }
  }
  Result<SlabAllocator> same = SlabAllocator::attach(f.region, s.header_offset());
  ASSERT_EQ(same.status, Status::Ok);
  EXPECT_TRUE(same_stats(same.value.stats(), s.stats()));

  // The bytes copied into another region are the same allocator.
  Region copy;
  ASSERT_EQ(copy.init(f.region.size()), Status::Ok);
  std::memcpy(copy.base(), f.region.base(), f.region.size());
  Result<SlabAllocator> moved = SlabAllocator::attach(copy, s.header_offset());
  ASSERT_EQ(moved.status, Status::Ok);
  EXPECT_EQ(moved.value.check(), Status::Ok);
  EXPECT_TRUE(same_stats(moved.value.stats(), s.stats()));
  for (u32 i = 0; i < 500; ++i) {
    const u32 size = 1 + (i * 7919) % 6000;
    ASSERT_EQ(moved.value.alloc(size), s.alloc(size));
    if (i % 2 == 0) {
      ASSERT_EQ(moved.value.free(live[i]), s.free(live[i]));
    }
  }
  EXPECT_EQ(std::memcmp(copy.base(), f.region.base(), f.region.size()), 0);

  EXPECT_EQ(SlabAllocator::attach(f.region, s.header_offset() + 8).status, Status::CorruptState);
  EXPECT_EQ(SlabAllocator::attach(f.region, s.header_offset() + 4).status, Status::InvalidOffset);
  EXPECT_EQ(SlabAllocator::attach(f.region, f.region.size()).status, Status::InvalidOffset);
  auto* h = f.region.at<SlabHeader>(s.header_offset());
  h->class_steps = 4;  // the class table in the bytes no longer matches
  EXPECT_EQ(SlabAllocator::attach(f.region, s.header_offset()).status, Status::CorruptState);
  h->class_steps = kSlabDefaultClassSteps;
  EXPECT_EQ(SlabAllocator::attach(f.region, s.header_offset()).status, Status::Ok);
}

// Pages are not entered in the TLSF's live-start map (the frame table is their exact record), so the
// map stays untouched, and uncounted, where only pages live; fallback blocks among pages are still
// classified exactly on misuse.
TEST(SlabAllocator, PagesStayOutOfTheFallbackMapAndFallbackMisuseIsExact) {
  Fixture f(8u << 20, 2u << 20);
  SlabAllocator& s = f.slab;
  for (u32 size = 16; size <= 4096; size += 160) ASSERT_NE(s.alloc(size), kNullOffset);  // 26 classes
  const TlsfHeader& th = s.fallback().header();
  auto map_is_clear = [&] {
    for (u32 w = 0; w < th.map_words; ++w) {
      if (*f.region.at<u32>(th.map_offset + 4 * w) != 0) return false;
    }
    return true;
  };
  EXPECT_TRUE(map_is_clear());
  const u32 pages_only = s.stats().reserved_bytes;

  const Offset big = s.alloc(10000);
  ASSERT_NE(big, kNullOffset);
  for (u32 size = 100; size <= 4000; size += 300) ASSERT_NE(s.alloc(size, 16), kNullOffset);
  EXPECT_FALSE(map_is_clear());
  // The block, and the map as far as the block reaches, on top of the pages added since.
  EXPECT_GT(s.stats().reserved_bytes, pages_only + 10000 + (big - s.header().span_begin) / 128);

  ASSERT_EQ(s.free(big), Status::Ok);
  ASSERT_EQ(s.check(), Status::Ok);
  const SlabStats before = s.stats();
  const u64 bytes = f.region.hash();
  EXPECT_EQ(s.free(big), Status::DoubleFree);
  EXPECT_EQ(s.free(big, 10000), Status::DoubleFree);
  EXPECT_EQ(s.free(big + 64), Status::DoubleFree);  // inside the free block it became
  EXPECT_EQ(s.usable_size(big).status, Status::DoubleFree);
  EXPECT_EQ(s.check(), Status::Ok);
  EXPECT_TRUE(same_stats(before, s.stats()));
  EXPECT_EQ(f.region.hash(), bytes);
}

TEST(SlabAllocator, CheckFindsCorruption) {
  Fixture f(8u << 20, 2u << 20);
  SlabAllocator& s = f.slab;
  const Offset a = s.alloc(300);
  const Offset b = s.alloc(300);
  ASSERT_EQ(s.free(b), Status::Ok);
  ASSERT_EQ(s.check(), Status::Ok);
  SlabFrame& fr = *page_frame(f.region, s, a);
  fr.bits0 ^= 4u;  // a live bit for a block that was never handed out
  EXPECT_EQ(s.check(), Status::CorruptState);
  fr.bits0 ^= 4u;
  fr.free_head = 0;  // the freed block falls off its list
  EXPECT_EQ(s.check(), Status::CorruptState);
  fr.free_head = 2;
  ASSERT_EQ(s.check(), Status::Ok);
  u32 link = 2;  // the free block links to itself: a cycle
  std::memcpy(f.at(b), &link, 4);
  EXPECT_EQ(s.check(), Status::CorruptState);
  link = 0;
  std::memcpy(f.at(b), &link, 4);
  ASSERT_EQ(s.check(), Status::Ok);
  SlabClass* classes = f.region.at<SlabClass>(s.header().classes_offset);
  classes[s.class_of(300)].live_blocks++;
  EXPECT_EQ(s.check(), Status::CorruptState);
  classes[s.class_of(300)].live_blocks--;
  classes[3].recip++;
  EXPECT_EQ(s.check(), Status::CorruptState);
  classes[3].recip--;
  EXPECT_EQ(s.check(), Status::Ok);
}

TEST(SlabAllocator, WalkVisitsLiveBlocksInAddressOrder) {
  Fixture f(8u << 20, 4u << 20);
  SlabAllocator& s = f.slab;
  std::map<Offset, u32> want;
  for (u32 i = 1; i < 400; ++i) {
    const u32 size = (i * 131) % 7000 + 1;
    const Offset off = s.alloc(size, i % 17 == 0 ? 128 : 16);
    ASSERT_NE(off, kNullOffset);
    want[off] = s.usable_size(off).value;
  }
  for (auto it = want.begin(); it != want.end();) {
    if (it->first % 3 == 0) {
      ASSERT_EQ(s.free(it->first), Status::Ok);
      it = want.erase(it);
    } else {
      ++it;
    }
  }
  std::vector<std::pair<Offset, u32>> seen;
  s.walk([&](Offset off, u32 size) { seen.emplace_back(off, size); });
  ASSERT_EQ(seen.size(), want.size());
  u32 i = 0;
  for (const auto& [off, size] : want) {
    EXPECT_EQ(seen[i].first, off);
    EXPECT_EQ(seen[i].second, size);
    ++i;
  }
}

#if OPENCLAW_DEBUG
TEST(SlabAllocator, FreedBlocksAreScrubbedInDebugBuilds) {
  Fixture f(8u << 20, 2u << 20);
  SlabAllocator& s = f.slab;
  const Offset a = s.alloc(500);
  const u32 block = s.usable_size(a).value;
  std::memset(f.at(a), 0x42, block);
  ASSERT_EQ(s.free(a, 500), Status::Ok);
  EXPECT_TRUE(all_bytes(f.at(a) + 4, block - 4, kScrubByte));  // the first 4 bytes are the free link
  EXPECT_EQ(s.alloc(490), a);  // same class, most recently freed first
  EXPECT_TRUE(all_bytes(f.at(a), 490, 0));
}
#endif

TEST(SlabAllocator, PageSizeFromEnvironment) {
  struct Case {
    const char* text;
    u32 want;
  } cases[] = {{"65536", 65536}, {"16K", 16384},  {"1M", 1u << 20},   {"4k", 4096},    {"8m", 12345},
               {"3000", 12345},  {"2048", 12345}, {"", 12345},        {"64KB", 12345}, {"-4096", 12345},
               {"99999999999999999999", 12345}};
  for (const Case& c : cases) {
    ASSERT_EQ(setenv("OPENCLAW_SLAB_SIZE", c.text, 1), 0);
    EXPECT_EQ(slab_page_size_from_env(12345), c.want) << c.text;
  }
  ASSERT_EQ(unsetenv("OPENCLAW_SLAB_SIZE"), 0);
  EXPECT_EQ(slab_page_size_from_env(), kSlabDefaultPageSize);
}

}  // namespace
}  // namespace oc
