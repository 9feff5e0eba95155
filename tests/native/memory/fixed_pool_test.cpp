// FixedPool: unit tests, misuse (each with its own status, state untouched), batches, the debug scrub,
// generation wrap-around and attach/position independence. The model-based random test and the
// determinism test are in fixed_pool_model_test.cpp.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <vector>

#include "memory/detail/asan.h"
#include "memory/fixed_pool.h"
#include "support/region_bytes.h"

namespace oc {
namespace {

static_assert(OPENCLAW_SCRUB == 1, "the tests link the debug core, where freed slots are scrubbed");

u8* slot_bytes(Region& r, FixedPool& p, Handle h) {
  Offset off = 0;
  EXPECT_EQ(p.resolve(h, &off), Status::Ok);
  return r.at<u8>(off);
}

bool all_equal(const u8* p, u32 n, u8 v) {
  for (u32 i = 0; i < n; ++i) {
    if (p[i] != v) return false;
  }
  return true;
}

bool same_stats(const PoolStats& a, const PoolStats& b) {
  return a.capacity == b.capacity && a.live == b.live && a.peak == b.peak && a.failures == b.failures &&
         a.slot_size == b.slot_size && a.slot_align == b.slot_align && a.total_allocs == b.total_allocs &&
         a.total_frees == b.total_frees;
}

// A misuse must return its status and change nothing: same stats, same bytes, check() still Ok.
template <typename F>
void expect_rejected_without_effect(Region& r, FixedPool& p, Status expected, F&& call) {
  const PoolStats before = p.stats();
  const u64 hash = r.hash();
  EXPECT_EQ(call(), expected) << status_name(expected);
  EXPECT_TRUE(same_stats(before, p.stats()));
  EXPECT_EQ(r.hash(), hash);
  EXPECT_EQ(p.check(), Status::Ok);
}

TEST(FixedPool, CreateRoundsTheSlotSizeAndDescribesItself) {
  Region r;
  ASSERT_EQ(r.init(1 << 20), Status::Ok);
  struct Case { u32 size, align, expect; } cases[] = {{1, 1, 4}, {5, 1, 8}, {24, 16, 32}, {1, 64, 64}, {64, 8, 64}, {100, 4, 100}};
  for (const Case& c : cases) {
    Result<FixedPool> p = FixedPool::create(r, c.size, c.align, 10);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value.header().slot_size, c.expect) << c.size << "/" << c.align;
    EXPECT_EQ(p.value.header().slots_offset % 64, 0u);
    EXPECT_EQ(p.value.check(), Status::Ok);
  }
  Result<FixedPool> p = FixedPool::create(r, 16, 4, 1000);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value.header().index_bits, 10u);
  EXPECT_EQ(p.value.id(), 7u);
  EXPECT_EQ(r.find_allocator(7), &p.value.header().common);
  const PoolStats s = p.value.stats();
  EXPECT_EQ(s.capacity, 1000u);
  EXPECT_EQ(s.live, 0u);
  EXPECT_EQ(s.slot_size, 16u);
  EXPECT_EQ(s.slot_align, 4u);
  EXPECT_EQ(s.total_allocs, 0u);
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(FixedPool, CreateRejectsBadArgumentsWithoutTouchingTheRegion) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  const u64 hash = r.hash();
  EXPECT_EQ(FixedPool::create(r, 0, 8, 10).status, Status::InvalidArgument);
  EXPECT_EQ(FixedPool::create(r, 8, 8, 0).status, Status::InvalidArgument);
  EXPECT_EQ(FixedPool::create(r, 8, 8, kPoolMaxCapacity + 1).status, Status::InvalidArgument);
  EXPECT_EQ(FixedPool::create(r, 8, 3, 10).status, Status::BadAlignment);
  EXPECT_EQ(FixedPool::create(r, 8, 0, 10).status, Status::BadAlignment);
  EXPECT_EQ(FixedPool::create(r, 8, 128, 10).status, Status::BadAlignment);
  EXPECT_EQ(FixedPool::create(r, 64, 8, 1024).status, Status::Exhausted);  // 64 KiB of slots + metadata
  EXPECT_EQ(FixedPool::create(r, 0xFFFFFFF0u, 16, 2).status, Status::Exhausted);
  EXPECT_EQ(r.hash(), hash);
  EXPECT_EQ(r.check(), Status::Ok);
  Region none;
  EXPECT_EQ(FixedPool::create(none, 8, 8, 10).status, Status::InvalidArgument);
}

TEST(FixedPool, AllocGivesZeroedAlignedDistinctSlots) {
  Region r;
  ASSERT_EQ(r.init(1 << 20), Status::Ok);
  FixedPool p = FixedPool::create(r, 48, 16, 100).value;
  std::set<Offset> seen;
  for (int i = 0; i < 100; ++i) {
    Status s = Status::CorruptState;
    const Handle h = p.alloc(&s);
    ASSERT_EQ(s, Status::Ok);
    ASSERT_NE(h, kNullHandle);
    EXPECT_EQ(h >> 24, p.id());
    Offset off = 0;
    ASSERT_EQ(p.resolve(h, &off), Status::Ok);
    EXPECT_EQ(off % 16, 0u);
    EXPECT_TRUE(all_equal(r.at<u8>(off), 48, 0));
    EXPECT_TRUE(seen.insert(off).second);
    std::memset(r.at<u8>(off), 0xA5, 48);
  }
  EXPECT_EQ(p.stats().live, 100u);
  EXPECT_EQ(p.check(), Status::Ok);
}

TEST(FixedPool, FreedSlotIsReusedZeroedWithANewGeneration) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 32, 8, 4).value;
  const Handle a = p.alloc();
  std::memset(slot_bytes(r, p, a), 0x5A, 32);
  ASSERT_EQ(p.free(a), Status::Ok);
  const Handle b = p.alloc();
  EXPECT_EQ(p.index_of(b), p.index_of(a));  // LIFO reuse
  EXPECT_NE(b, a);
  EXPECT_TRUE(all_equal(slot_bytes(r, p, b), 32, 0));
  const PoolStats s = p.stats();
  EXPECT_EQ(s.live, 1u);
  EXPECT_EQ(s.peak, 1u);
  EXPECT_EQ(s.total_allocs, 2u);
  EXPECT_EQ(s.total_frees, 1u);
  EXPECT_EQ(p.check(), Status::Ok);
}

// alloc() zeroes a recycled slot with a few overlapping stores chosen by the slot size: every size
// class of that code (4..64 bytes, and the memset beyond) must clear every byte.
TEST(FixedPool, RecycledSlotsAreZeroedForEverySlotSize) {
  Region r;
  ASSERT_EQ(r.init(1 << 20), Status::Ok);
  for (u32 size = 4; size <= 132; size += 4) {
    FixedPool p = FixedPool::create(r, size, 4, 3).value;
    Handle hs[3] = {};
    ASSERT_EQ(p.alloc_many(hs, 3), Status::Ok);
    for (Handle h : hs) std::memset(slot_bytes(r, p, h), 0xC3, size);
    ASSERT_EQ(p.free(hs[1]), Status::Ok);
    ASSERT_EQ(p.free_many(hs + 2, 1), Status::Ok);
    const Handle single = p.alloc();
    EXPECT_TRUE(all_equal(slot_bytes(r, p, single), size, 0)) << size;
    Handle batch = kNullHandle;
    ASSERT_EQ(p.alloc_many(&batch, 1), Status::Ok);
    EXPECT_TRUE(all_equal(slot_bytes(r, p, batch), size, 0)) << size;
    EXPECT_TRUE(all_equal(slot_bytes(r, p, hs[0]), size, 0xC3)) << "neighbour touched, size " << size;
    EXPECT_EQ(p.check(), Status::Ok);
  }
}

TEST(FixedPool, PeakIsTheHighestLiveCount) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 8, 8, 10).value;
  Handle hs[6] = {};
  ASSERT_EQ(p.alloc_many(hs, 4), Status::Ok);
  ASSERT_EQ(p.free_many(hs, 3), Status::Ok);
  EXPECT_EQ(p.stats().peak, 4u);
  ASSERT_EQ(p.alloc_many(hs, 3), Status::Ok);  // back to 4 live: no new high
  EXPECT_EQ(p.stats().peak, 4u);
  hs[5] = p.alloc();
  EXPECT_EQ(p.stats().peak, 5u);
  EXPECT_EQ(p.stats().live, 5u);
}

TEST(FixedPool, ExhaustionIsReportedAndCounted) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 8, 8, 3).value;
  for (int i = 0; i < 3; ++i) ASSERT_NE(p.alloc(), kNullHandle);
  Status s = Status::Ok;
  EXPECT_EQ(p.alloc(&s), kNullHandle);
  EXPECT_EQ(s, Status::Exhausted);
  EXPECT_EQ(p.alloc(), kNullHandle);
  EXPECT_EQ(p.stats().failures, 2u);
  EXPECT_EQ(p.stats().live, 3u);
  EXPECT_EQ(p.check(), Status::Ok);
}

TEST(FixedPool, MisuseGetsItsOwnStatusAndChangesNothing) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 16, 8, 10).value;  // 4 index bits
  FixedPool other = FixedPool::create(r, 16, 8, 10).value;
  const Handle freed = p.alloc();
  const Handle live = p.alloc();
  ASSERT_EQ(p.free(freed), Status::Ok);
  const Handle foreign = other.alloc();

  expect_rejected_without_effect(r, p, Status::DoubleFree, [&] { return p.free(freed); });
  expect_rejected_without_effect(r, p, Status::ForeignHandle, [&] { return p.free(foreign); });
  expect_rejected_without_effect(r, p, Status::InvalidArgument, [&] { return p.free(kNullHandle); });
  // Right tag, index past the capacity, and an index inside it that was never handed out.
  ASSERT_EQ(p.header().index_bits, 4u);
  expect_rejected_without_effect(r, p, Status::InvalidArgument, [&] { return p.free((p.id() << 24) | (1u << 4) | 12); });
  expect_rejected_without_effect(r, p, Status::InvalidArgument, [&] { return p.free((p.id() << 24) | (1u << 4) | 5); });
  // A forged handle with an even generation must not free a free slot.
  expect_rejected_without_effect(r, p, Status::StaleHandle, [&] { return p.free(freed & ~(1u << 4)); });

  const Handle reused = p.alloc();  // takes freed's slot: freed is now stale, not a double free
  ASSERT_EQ(p.index_of(reused), p.index_of(freed));
  expect_rejected_without_effect(r, p, Status::StaleHandle, [&] { return p.free(freed); });
  expect_rejected_without_effect(r, p, Status::StaleHandle, [&] { return p.validate(freed); });
  Offset off = 123;
  EXPECT_EQ(p.resolve(freed, &off), Status::StaleHandle);
  EXPECT_EQ(off, 123u);
  EXPECT_EQ(p.validate(live), Status::Ok);
  EXPECT_EQ(p.validate(reused), Status::Ok);
  EXPECT_EQ(other.validate(foreign), Status::Ok);
  EXPECT_EQ(other.check(), Status::Ok);
}

TEST(FixedPool, AllocManyIsAllOrNothing) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 16, 8, 10).value;
  Handle hs[12] = {};
  ASSERT_EQ(p.alloc_many(hs, 4), Status::Ok);
  ASSERT_EQ(p.free(hs[1]), Status::Ok);
  const PoolStats before = p.stats();
  Handle more[8] = {};
  EXPECT_EQ(p.alloc_many(more, 8), Status::Exhausted);  // 7 free
  for (Handle h : more) EXPECT_EQ(h, kNullHandle);
  PoolStats after = p.stats();
  EXPECT_EQ(after.failures, before.failures + 1);
  after.failures = before.failures;
  EXPECT_TRUE(same_stats(before, after));
  EXPECT_EQ(p.check(), Status::Ok);

  EXPECT_EQ(p.alloc_many(more, 0), Status::Ok);
  EXPECT_EQ(p.alloc_many(nullptr, 1), Status::InvalidArgument);
  ASSERT_EQ(p.alloc_many(more, 7), Status::Ok);
  std::set<Handle> distinct(more, more + 7);
  EXPECT_EQ(distinct.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(p.validate(more[i]), Status::Ok);
  EXPECT_EQ(p.stats().live, 10u);
  EXPECT_EQ(p.check(), Status::Ok);
}

TEST(FixedPool, FreeManyValidatesTheWholeBatchFirst) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 16, 8, 10).value;
  FixedPool other = FixedPool::create(r, 16, 8, 10).value;
  Handle hs[6] = {};
  ASSERT_EQ(p.alloc_many(hs, 6), Status::Ok);
  const Handle stale = hs[5];
  ASSERT_EQ(p.free(stale), Status::Ok);
  hs[5] = p.alloc();  // same slot, new generation

  const Handle dup[4] = {hs[0], hs[1], hs[2], hs[1]};
  expect_rejected_without_effect(r, p, Status::DoubleFree, [&] { return p.free_many(dup, 4); });
  const Handle with_stale[3] = {hs[0], hs[1], stale};
  expect_rejected_without_effect(r, p, Status::StaleHandle, [&] { return p.free_many(with_stale, 3); });
  const Handle with_foreign[3] = {hs[0], other.alloc(), hs[2]};
  expect_rejected_without_effect(r, p, Status::ForeignHandle, [&] { return p.free_many(with_foreign, 3); });
  const Handle with_null[2] = {hs[3], kNullHandle};
  expect_rejected_without_effect(r, p, Status::InvalidArgument, [&] { return p.free_many(with_null, 2); });
  expect_rejected_without_effect(r, p, Status::InvalidArgument, [&] { return p.free_many(nullptr, 2); });

  ASSERT_EQ(p.free_many(hs, 6), Status::Ok);
  EXPECT_EQ(p.stats().live, 0u);
  EXPECT_EQ(p.stats().total_frees, 7u);
  for (Handle h : hs) EXPECT_EQ(p.validate(h), Status::DoubleFree);
  EXPECT_EQ(p.check(), Status::Ok);
  // The batch pushed its slots like single frees in order would: the last one comes back first.
  EXPECT_EQ(p.index_of(p.alloc()), p.index_of(hs[5]));
}

TEST(FixedPool, DebugBuildScrubsFreedSlotsAndCheckCatchesWritesAfterFree) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 40, 8, 4).value;
  const Handle h = p.alloc();
  u8* bytes = slot_bytes(r, p, h);
  std::memset(bytes, 0x11, 40);
  ASSERT_EQ(p.free(h), Status::Ok);
  {
    // Under ASan the freed slot is poisoned and ASan itself would report these accesses: lift it, as
    // for a write ASan cannot see (uninstrumented code), to test the scrub check behind it.
    const detail::ScopedUnpoison stale(bytes, 40);
    EXPECT_TRUE(all_equal(bytes, 40, kScrubByte));  // the free-list link is not in the slot
    EXPECT_EQ(p.check(), Status::Ok);
    bytes[20] = 0x42;  // a write through a stale pointer
    EXPECT_EQ(p.check(), Status::CorruptState);
    bytes[20] = kScrubByte;
    EXPECT_EQ(p.check(), Status::Ok);
  }
  const Handle again = p.alloc();
  EXPECT_TRUE(all_equal(slot_bytes(r, p, again), 40, 0));
  // free_many scrubs too.
  ASSERT_EQ(p.free_many(&again, 1), Status::Ok);
  const detail::ScopedUnpoison stale(bytes, 40);
  EXPECT_TRUE(all_equal(bytes, 40, kScrubByte));
}

TEST(FixedPool, CheckFindsBrokenInvariants) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 16, 8, 8).value;
  Handle hs[4] = {};
  ASSERT_EQ(p.alloc_many(hs, 4), Status::Ok);
  ASSERT_EQ(p.free(hs[1]), Status::Ok);
  ASSERT_EQ(p.free(hs[2]), Status::Ok);
  ASSERT_EQ(p.check(), Status::Ok);
  auto& h = const_cast<FixedPoolHeader&>(p.header());
  u32* gens = r.at<u32>(h.gens_offset);
  u32* links = r.at<u32>(h.links_offset);
  u8* slots = r.at<u8>(h.slots_offset);
  const detail::RegionBytesScope raw(r);  // the test writes anywhere, free slots included
  std::vector<u8> saved(r.base(), r.base() + r.size());
  auto expect_detected = [&](const char* what) {
    EXPECT_EQ(p.check(), Status::CorruptState) << what;
    std::memcpy(r.base(), saved.data(), saved.size());
    EXPECT_EQ(p.check(), Status::Ok) << what;
  };
  h.live = 3;
  expect_detected("live count");
  h.free_head = 1;  // a live slot at the head of the free list
  expect_detected("free list points to a live slot");
  links[2] = 3;  // slot 2 -> slot 2
  expect_detected("free list cycle");
  links[7] = 1;
  expect_detected("link past bump");
  gens[6] = 2;
  expect_detected("generation past bump");
  slots[7 * 16 + 3] = 1;
  expect_detected("write into a never-used slot");
  h.bump = 9;
  expect_detected("bump past capacity");
  h.total_allocs = 100;
  expect_detected("totals disagree with live");
  h.peak = 1;
  expect_detected("peak below live");
  h.slot_size = 32;
  expect_detected("geometry changed under the view");
  h.common.kind = kKindArena;
  expect_detected("kind");
}

TEST(FixedPool, WalkVisitsLiveSlotsInIndexOrder) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 16, 16, 10).value;
  Handle hs[6] = {};
  ASSERT_EQ(p.alloc_many(hs, 6), Status::Ok);
  ASSERT_EQ(p.free(hs[0]), Status::Ok);
  ASSERT_EQ(p.free(hs[3]), Status::Ok);
  hs[0] = p.alloc();  // back into slot 3 (LIFO)
  std::vector<std::pair<Handle, Offset>> seen;
  p.walk([&](Handle h, Offset off) { seen.emplace_back(h, off); });
  const Handle expect[] = {hs[1], hs[2], hs[0], hs[4], hs[5]};
  ASSERT_EQ(seen.size(), 5u);
  for (u32 i = 0; i < 5; ++i) {
    EXPECT_EQ(seen[i].first, expect[i]);
    Offset off = 0;
    ASSERT_EQ(p.resolve(expect[i], &off), Status::Ok);
    EXPECT_EQ(seen[i].second, off);
  }
}

// Generations: documented in fixed_pool.h. With capacity 2^20 a handle keeps 4 generation bits and
// the counter moves by 2 per reuse, so the 9th incarnation of a slot has the 1st one's handle.
TEST(FixedPool, GenerationBitsWrapAfterTwoToTheGMinusOneReuses) {
  Region r;
  ASSERT_EQ(r.init(13u << 20), Status::Ok);  // 4 MiB each of generations, links and slots
  FixedPool p = FixedPool::create(r, 4, 4, kPoolMaxCapacity).value;
  ASSERT_EQ(p.header().index_bits, 20u);
  const Handle first = p.alloc();
  ASSERT_EQ(p.free(first), Status::Ok);
  for (int reuse = 1; reuse < 8; ++reuse) {
    const Handle h = p.alloc();
    ASSERT_EQ(p.index_of(h), p.index_of(first));
    EXPECT_NE(h, first);
    EXPECT_EQ(p.validate(first), Status::StaleHandle) << reuse;
    ASSERT_EQ(p.free(h), Status::Ok);
  }
  const Handle ninth = p.alloc();
  EXPECT_EQ(ninth, first);  // the limit of 4 generation bits: a very old handle aliases again
  EXPECT_EQ(p.validate(first), Status::Ok);
  EXPECT_EQ(p.check(), Status::Ok);
}

TEST(FixedPool, ThirtyTwoBitCounterWrapsHarmlessly) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 8, 8, 16).value;  // 4 index bits, 20 generation bits
  const Handle h0 = p.alloc();
  ASSERT_EQ(p.free(h0), Status::Ok);
  // Fast-forward the free slot's counter to just below the wrap (still even, so still free).
  u32* gens = r.at<u32>(p.header().gens_offset);
  gens[0] = 0xFFFFFFFEu;
  ASSERT_EQ(p.check(), Status::Ok);
  const Handle top = p.alloc();
  EXPECT_EQ(gens[0], 0xFFFFFFFFu);
  ASSERT_EQ(p.free(top), Status::Ok);
  EXPECT_EQ(gens[0], 0u);  // wrapped: 0 is even, the slot is free
  EXPECT_EQ(p.validate(top), Status::DoubleFree);
  const Handle after = p.alloc();
  EXPECT_EQ(gens[0], 1u);
  EXPECT_EQ(after, h0);  // counter 1 again, as the very first incarnation (2^32 reuses later)
  EXPECT_EQ(p.validate(top), Status::StaleHandle);
  EXPECT_EQ(p.free(top), Status::StaleHandle);
  EXPECT_EQ(p.check(), Status::Ok);
}

TEST(FixedPool, AttachContinuesFromCopiedBytes) {
  Region a, b;
  ASSERT_EQ(a.init(1 << 16), Status::Ok);
  ASSERT_EQ(b.init(1 << 16), Status::Ok);
  FixedPool pa = FixedPool::create(a, 24, 8, 50).value;
  std::vector<Handle> hs(20);
  ASSERT_EQ(pa.alloc_many(hs.data(), 20), Status::Ok);
  for (int i = 0; i < 20; i += 3) ASSERT_EQ(pa.free(hs[i]), Status::Ok);
  // Position independence: only offsets inside.
  testsupport::write_region_bytes(b, testsupport::region_bytes(a).data(), a.size());

  Result<FixedPool> pb = FixedPool::attach(b, pa.header_offset());
  ASSERT_TRUE(pb.ok());
  EXPECT_EQ(pb.value.check(), Status::Ok);
  EXPECT_EQ(a.hash(), b.hash());
  for (int i = 0; i < 10; ++i) EXPECT_EQ(pa.alloc(), pb.value.alloc());
  EXPECT_EQ(pa.free(hs[4]), pb.value.free(hs[4]));
  EXPECT_EQ(a.hash(), b.hash());
}

TEST(FixedPool, AttachRejectsWhatIsNotAPool) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 16, 8, 10).value;
  const Offset off = p.header_offset();
  EXPECT_EQ(FixedPool::attach(r, 0).status, Status::InvalidOffset);
  EXPECT_EQ(FixedPool::attach(r, off + 4).status, Status::InvalidOffset);
  EXPECT_EQ(FixedPool::attach(r, r.size() - 8).status, Status::InvalidOffset);
  EXPECT_EQ(FixedPool::attach(r, off + 1024).status, Status::InvalidOffset);  // zero bytes: no pool
  auto& h = const_cast<FixedPoolHeader&>(p.header());
  h.capacity = 0;
  EXPECT_EQ(FixedPool::attach(r, off).status, Status::CorruptState);
  h.capacity = 10;
  h.slots_offset += 64;
  EXPECT_EQ(FixedPool::attach(r, off).status, Status::CorruptState);
  h.slots_offset -= 64;
  h.links_offset += 4;
  EXPECT_EQ(FixedPool::attach(r, off).status, Status::CorruptState);
  h.links_offset -= 4;
  h.free_head = 3;  // slot 2 was never handed out
  EXPECT_EQ(FixedPool::attach(r, off).status, Status::CorruptState);
  h.free_head = 0;
  EXPECT_TRUE(FixedPool::attach(r, off).ok());
}

TEST(FixedPool, AttachScrubsFreeSlotsOfARegionMadeByARelease) {
  Region r;
  ASSERT_EQ(r.init(1 << 16), Status::Ok);
  FixedPool p = FixedPool::create(r, 32, 8, 4).value;
  const Handle h = p.alloc();
  u8* bytes = slot_bytes(r, p, h);
  std::memset(bytes, 0x77, 32);
  ASSERT_EQ(p.free(h), Status::Ok);
  {
    const detail::ScopedUnpoison release_build(bytes, 32);  // poisoned under ASan
    std::memset(bytes, 0x77, 32);  // what a release build leaves in a freed slot
  }
  EXPECT_EQ(p.check(), Status::CorruptState);
  Result<FixedPool> again = FixedPool::attach(r, p.header_offset());
  ASSERT_TRUE(again.ok());
  {
    const detail::ScopedUnpoison scrubbed(bytes, 32);
    EXPECT_TRUE(all_equal(bytes, 32, kScrubByte));
  }
  EXPECT_EQ(again.value.check(), Status::Ok);
}

}  // namespace
}  // namespace oc
