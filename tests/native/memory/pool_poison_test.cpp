// Under AddressSanitizer, free pool slots are poisoned (fixed_pool.h, detail/asan.h): a slot never
// handed out or freed is poisoned, a live one is not, a read through a stale pointer is reported, and
// whole-region operations (hash, checksum, capture, restore, rewind, check) neither trip ASan nor
// leave the poisoning wrong for the bytes they leave behind. Skipped in builds without ASan.
#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "memory/detail/asan.h"
#include "memory/detail/region_bytes_scope.h"
#include "memory/fixed_pool.h"
#include "memory/region_check.h"
#include "memory/slab_allocator.h"
#include "snapshot/rewind_ring.h"
#include "snapshot/snapshot.h"

namespace oc {
namespace {

#define SKIP_WITHOUT_ASAN() \
  if (!detail::kAsan) GTEST_SKIP() << "built without AddressSanitizer: nothing is poisoned"

constexpr u32 kSlot = 48;  // a multiple of 8: ASan poisons whole granules, so the picture is exact

struct PoolRegion {
  Region region;
  FixedPool pool;
  explicit PoolRegion(u32 capacity, u32 slot = kSlot) {
    EXPECT_EQ(region.init(1u << 20), Status::Ok);
    const Result<FixedPool> p = FixedPool::create(region, slot, 16, capacity);
    EXPECT_TRUE(p.ok());
    pool = p.value;
  }
  u8* slot(Handle h) {
    Offset off = 0;
    EXPECT_EQ(pool.resolve(h, &off), Status::Ok);
    return region.at<u8>(off);
  }
  u8* slot_index(u32 i) { return region.at<u8>(pool.header().slots_offset + i * pool.header().slot_size); }
};

bool poisoned(const void* p, u32 n) { return detail::asan_any_poisoned(p, n); }
// Every byte of [p, p + n) poisoned.
bool fully_poisoned(const u8* p, u32 n) {
  for (u32 i = 0; i < n; ++i) {
    if (!detail::asan_any_poisoned(p + i, 1)) return false;
  }
  return true;
}

TEST(PoolPoison, NeverUsedSlotsArePoisonedFromCreate) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(8);
  for (u32 i = 0; i < 8; ++i) EXPECT_TRUE(fully_poisoned(w.slot_index(i), kSlot)) << i;
  // The pool's metadata (header, generations, links) is not.
  EXPECT_FALSE(poisoned(&w.pool.header(), sizeof(FixedPoolHeader)));
}

TEST(PoolPoison, LiveSlotIsAddressableFreedSlotIsPoisoned) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(8);
  const Handle a = w.pool.alloc();
  const Handle b = w.pool.alloc();
  ASSERT_NE(a, kNullHandle);
  ASSERT_NE(b, kNullHandle);
  u8* pa = w.slot(a);
  u8* pb = w.slot(b);
  EXPECT_FALSE(poisoned(pa, kSlot));
  EXPECT_FALSE(poisoned(pb, kSlot));
  pa[0] = 1;  // writable

  ASSERT_EQ(w.pool.free(a), Status::Ok);
  EXPECT_TRUE(fully_poisoned(pa, kSlot));
  EXPECT_FALSE(poisoned(pb, kSlot));  // the neighbour stays addressable

  // Reused: unpoisoned and zeroed.
  const Handle c = w.pool.alloc();
  ASSERT_EQ(w.slot(c), pa);
  EXPECT_FALSE(poisoned(pa, kSlot));
  EXPECT_EQ(pa[0], 0);
}

TEST(PoolPoison, BatchesPoisonAndUnpoison) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(16);
  Handle hs[10];
  ASSERT_EQ(w.pool.alloc_many(hs, 10), Status::Ok);
  for (Handle h : hs) EXPECT_FALSE(poisoned(w.slot(h), kSlot));
  std::vector<u8*> ptrs;
  for (Handle h : hs) ptrs.push_back(w.slot(h));
  ASSERT_EQ(w.pool.free_many(hs, 6), Status::Ok);
  for (u32 i = 0; i < 6; ++i) EXPECT_TRUE(fully_poisoned(ptrs[i], kSlot)) << i;
  for (u32 i = 6; i < 10; ++i) EXPECT_FALSE(poisoned(ptrs[i], kSlot)) << i;
  // A refused batch (a double free inside) changes no poisoning.
  const Handle again[2] = {hs[7], hs[7]};
  EXPECT_EQ(w.pool.free_many(again, 2), Status::DoubleFree);
  EXPECT_FALSE(poisoned(ptrs[7], kSlot));
  ASSERT_EQ(w.pool.alloc_many(hs, 6), Status::Ok);
  for (u32 i = 0; i < 6; ++i) EXPECT_FALSE(poisoned(w.slot(hs[i]), kSlot));
}

TEST(PoolPoison, OddSlotSizesNeverPoisonALiveNeighbour) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(32, 12);  // 12-byte slots share 8-byte granules with their neighbours
  std::vector<Handle> hs;
  for (u32 i = 0; i < 32; ++i) hs.push_back(w.pool.alloc());
  for (u32 i = 0; i < 32; i += 2) ASSERT_EQ(w.pool.free(hs[i]), Status::Ok);
  for (u32 i = 1; i < 32; i += 2) EXPECT_FALSE(poisoned(w.slot(hs[i]), 12)) << i;
}

TEST(PoolPoison, UseAfterFreeReadIsReported) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(4);
  const Handle h = w.pool.alloc();
  volatile u8* stale = w.slot(h);
  stale[3] = 7;
  ASSERT_EQ(w.pool.free(h), Status::Ok);
  EXPECT_DEATH({ std::exit(stale[3] == 0xDD ? 3 : 4); }, "use-after-poison");
}

TEST(PoolPoison, ViewsOverOtherBytesAreNeverPoisoned) {
  SKIP_WITHOUT_ASAN();
  // A pool in a Region::view (a staging buffer, a copy) leaves its bytes plain memory: copies of a
  // region must stay readable as a whole.
  constexpr u32 kSize = 1u << 16;
  u8* bytes = static_cast<u8*>(std::aligned_alloc(kRegionAlign, kSize));
  ASSERT_NE(bytes, nullptr);
  Region src;
  ASSERT_EQ(src.init(kSize), Status::Ok);
  ASSERT_TRUE(FixedPool::create(src, kSlot, 16, 8).ok());
  {
    const detail::RegionBytesScope scope(src);
    std::memcpy(bytes, src.base(), kSize);
  }
  Region view = Region::view(bytes, kSize);
  Result<FixedPool> p = FixedPool::attach(view, src.header().first_allocator);
  ASSERT_TRUE(p.ok());
  const Handle h = p.value.alloc();
  ASSERT_EQ(p.value.free(h), Status::Ok);
  EXPECT_FALSE(poisoned(bytes, kSize));
  EXPECT_EQ(check_region_and_allocators(view), Status::Ok);
  std::free(bytes);
}

TEST(PoolPoison, CheckAndHashReadPoisonedSlotsWithoutReports) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(64);
  std::vector<Handle> hs;
  for (u32 i = 0; i < 40; ++i) hs.push_back(w.pool.alloc());
  for (u32 i = 0; i < 40; i += 3) ASSERT_EQ(w.pool.free(hs[i]), Status::Ok);
  EXPECT_EQ(w.pool.check(), Status::Ok);  // scans the scrub pattern of free slots, the zeroes past bump
  EXPECT_EQ(check_region_and_allocators(w.region), Status::Ok);
  const u64 h1 = w.region.hash();
  EXPECT_EQ(h1, w.region.hash());
  (void)region_checksum(w.region);
  // Nothing came unpoisoned on the way.
  EXPECT_TRUE(fully_poisoned(w.slot_index(0), kSlot));
  EXPECT_TRUE(fully_poisoned(w.slot_index(63), kSlot));
  EXPECT_FALSE(poisoned(w.slot(hs[1]), kSlot));
}

TEST(PoolPoison, RestoreLeavesThePoisoningOfTheRestoredState) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(8);
  const Handle a = w.pool.alloc();
  const Handle b = w.pool.alloc();
  ASSERT_EQ(w.pool.free(b), Status::Ok);
  std::vector<u8> snap(snapshot_max_size(w.region));
  const Result<u32> n = capture(w.region, snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(n.ok());
  u8* pa = w.slot(a);
  u8* pb = w.slot_index(w.pool.index_of(b));

  // Now the other way round: a's slot free, b's slot live again, one more slot handed out.
  ASSERT_EQ(w.pool.free(a), Status::Ok);
  const Handle x = w.pool.alloc();  // LIFO: a's slot
  const Handle c = w.pool.alloc();  // b's slot
  const Handle d = w.pool.alloc();  // never used before
  ASSERT_EQ(w.slot(x), pa);
  ASSERT_EQ(w.slot(c), pb);
  u8* pd = w.slot(d);
  ASSERT_EQ(w.pool.free(x), Status::Ok);
  EXPECT_TRUE(fully_poisoned(pa, kSlot));
  EXPECT_FALSE(poisoned(pb, kSlot));
  EXPECT_FALSE(poisoned(pd, kSlot));

  ASSERT_EQ(restore(w.region, snap.data(), n.value), Status::Ok);
  Result<FixedPool> p = FixedPool::attach(w.region, w.pool.header_offset());
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(poisoned(pa, kSlot));        // a is live in the restored state
  EXPECT_TRUE(fully_poisoned(pb, kSlot));   // b is free there
  EXPECT_TRUE(fully_poisoned(pd, kSlot));   // d's slot was never handed out there
  EXPECT_EQ(p.value.validate(a), Status::Ok);
  EXPECT_EQ(check_region_and_allocators(w.region), Status::Ok);
}

TEST(PoolPoison, RewindLeavesThePoisoningOfTheRewoundState) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(8);
  RewindRing ring;
  ASSERT_EQ(ring.init(w.region, 1u << 20), Status::Ok);
  const Handle a = w.pool.alloc();
  ASSERT_EQ(ring.push(), Status::Ok);  // frame with a live
  u8* pa = w.slot(a);
  ASSERT_EQ(w.pool.free(a), Status::Ok);
  const Handle b = w.pool.alloc();  // a's slot again
  const Handle c = w.pool.alloc();
  u8* pc = w.slot(c);
  ASSERT_EQ(w.slot(b), pa);
  ASSERT_EQ(ring.push(), Status::Ok);
  ASSERT_EQ(ring.rewind(1), Status::Ok);
  EXPECT_FALSE(poisoned(pa, kSlot));
  EXPECT_TRUE(fully_poisoned(pc, kSlot));  // c did not exist yet
  Result<FixedPool> p = FixedPool::attach(w.region, w.pool.header_offset());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value.validate(a), Status::Ok);
  EXPECT_EQ(p.value.check(), Status::Ok);
}

TEST(PoolPoison, ScopeUnpoisonsTheWholeRegionAndRepoisonsOnExit) {
  SKIP_WITHOUT_ASAN();
  PoolRegion w(8);
  const Handle a = w.pool.alloc();
  {
    const detail::RegionBytesScope scope(w.region);
    EXPECT_FALSE(poisoned(w.region.base(), w.region.size()));
  }
  EXPECT_FALSE(poisoned(w.slot(a), kSlot));
  for (u32 i = 1; i < 8; ++i) EXPECT_TRUE(fully_poisoned(w.slot_index(i), kSlot)) << i;
}

}  // namespace
}  // namespace oc
