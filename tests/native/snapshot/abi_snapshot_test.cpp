// The snapshot part of the C ABI (wasm/abi_snapshot.cpp), natively: capture, info, chunk words,
// restore with re-attachment of allocator ids, oc_allocator_find, frame/root/checksum entry points.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "memory/allocator_header.h"
#include "memory/layout.h"
#include "snapshot/checksum.h"
#include "snapshot/format.h"
#include "support/region_bytes.h"
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

namespace {

using u8 = std::uint8_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }

std::vector<u8> capture_region(uint32_t region, uint32_t flags = 0) {
  std::vector<u8> out(oc_snapshot_max_size(region));
  const uint32_t n = oc_snapshot_capture(region, addr(out.data()), static_cast<uint32_t>(out.size()), flags);
  EXPECT_NE(n, 0u) << oc_status_name(oc_last_status());
  out.resize(n);
  return out;
}

int32_t restore_region(uint32_t region, const std::vector<u8>& s) {
  return oc_snapshot_restore(region, addr(s.data()), static_cast<uint32_t>(s.size()), 0, 0);
}

// Through the Region object behind the id: under ASan free pool slots are poisoned, and the
// helper lifts that for the copy (support/region_bytes.h).
std::vector<u8> region_bytes(uint32_t region) { return oc::testsupport::region_bytes(*oc::abi::region_of(region)); }

TEST(AbiSnapshot, RestoreReattachesIdsAndReleasesThoseOfAllocatorsItRemoves) {
  const uint32_t region = oc_region_create(256 * 1024, 0);
  ASSERT_NE(region, 0u);
  const uint32_t pool = oc_pool_create(region, 32, 16, 100);
  const uint32_t slab = oc_slab_create(region, 64 * 1024, 0, 0);
  const uint32_t arena = oc_arena_create(region, 4096);
  ASSERT_TRUE(pool && slab && arena);
  std::vector<uint32_t> handles;
  for (int i = 0; i < 10; ++i) handles.push_back(oc_pool_alloc(pool));
  const uint32_t block = oc_slab_alloc(slab, 300, 16);
  ASSERT_NE(block, 0u);
  ASSERT_EQ(oc_region_set_frame(region, 42, 1), 0);
  const std::vector<u8> snap = capture_region(region);
  const std::vector<u8> saved = region_bytes(region);

  // Change everything, including an allocator that the snapshot does not know.
  for (uint32_t h : handles) ASSERT_EQ(oc_pool_free(pool, h), 0);
  ASSERT_EQ(oc_slab_free(slab, block, 300), 0);
  const uint32_t later = oc_pool_create(region, 16, 16, 10);
  ASSERT_NE(later, 0u);
  ASSERT_NE(oc_pool_alloc(later), 0u);

  ASSERT_EQ(restore_region(region, snap), 0);
  EXPECT_TRUE(region_bytes(region) == saved);
  EXPECT_EQ(oc_region_check(region), 0);
  for (uint32_t h : handles) EXPECT_EQ(oc_pool_validate(pool, h), 0);
  EXPECT_GE(oc_slab_usable_size(slab, block), 300u);  // live again: a freed block has no size
  EXPECT_EQ(oc_last_status(), 0);
  EXPECT_NE(oc_arena_alloc(arena, 16, 16), 0u);
  // The later pool's id was released: its tag is not in the restored region.
  EXPECT_EQ(oc_pool_alloc(later), 0u);
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_allocator_kind(later), 0u);
  u64 frame = 0;
  ASSERT_EQ(oc_region_frame(region, addr(&frame)), 0);
  EXPECT_EQ(frame, (1ull << 32) | 42);
  EXPECT_EQ(oc_region_destroy(region), 0);
}

TEST(AbiSnapshot, AllocatorFindAttachesIdsInAnotherRegionAfterARestore) {
  const uint32_t a = oc_region_create(128 * 1024, 0);
  const uint32_t pool = oc_pool_create(a, 64, 16, 50);
  const uint32_t slab = oc_slab_create(a, 32 * 1024, 0, 0);
  const uint32_t h = oc_pool_alloc(pool);
  ASSERT_NE(h, 0u);
  EXPECT_EQ(oc_allocator_find(a, oc_allocator_tag(pool)), pool);
  EXPECT_EQ(oc_allocator_find(a, oc_allocator_tag(slab)), slab);
  EXPECT_EQ(oc_allocator_find(a, 77), 0u);
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_allocator_find(a, 0), 0u);
  const std::vector<u8> snap = capture_region(a);

  const uint32_t b = oc_region_create(128 * 1024, 0);
  ASSERT_EQ(restore_region(b, snap), 0);
  const uint32_t pool_b = oc_allocator_find(b, oc_allocator_tag(pool));
  ASSERT_NE(pool_b, 0u);
  EXPECT_NE(pool_b, pool);
  EXPECT_EQ(oc_allocator_kind(pool_b), static_cast<uint32_t>(oc::kKindPool));
  EXPECT_EQ(oc_allocator_find(b, oc_allocator_tag(pool)), pool_b);  // found again, not attached twice
  EXPECT_EQ(oc_pool_validate(pool_b, h), 0);
  const uint32_t slab_b = oc_allocator_find(b, oc_allocator_tag(slab));
  EXPECT_EQ(oc_allocator_kind(slab_b), static_cast<uint32_t>(oc::kKindSlab));
  EXPECT_NE(oc_slab_alloc(slab_b, 100, 16), 0u);
  EXPECT_EQ(oc_region_check(b), 0);
  EXPECT_EQ(oc_region_destroy(a), 0);
  EXPECT_EQ(oc_region_destroy(b), 0);
  EXPECT_EQ(oc_allocator_kind(pool_b), 0u);
}

TEST(AbiSnapshot, InfoChunkWordsSealVerifyAndChecksums) {
  const uint32_t region = oc_region_create(64 * 1024, 0);
  const uint32_t pool = oc_pool_create(region, 16, 16, 20);
  ASSERT_NE(oc_pool_alloc(pool), 0u);
  std::vector<u8> open = capture_region(region, OC_SNAPSHOT_UNSEALED);
  const uint32_t len = static_cast<uint32_t>(open.size());
  EXPECT_EQ(oc_snapshot_verify(addr(open.data()), len), static_cast<int32_t>(oc::Status::Unsealed));
  ASSERT_EQ(oc_snapshot_seal(addr(open.data()), len), 0);
  ASSERT_EQ(oc_snapshot_verify(addr(open.data()), len), 0);

  uint32_t info[OC_SNAPSHOT_INFO_WORDS];
  ASSERT_EQ(oc_snapshot_info(addr(open.data()), len, addr(info)), 0);
  EXPECT_EQ(info[0], oc::kSnapshotVersion);
  EXPECT_EQ(info[2], 0u);  // flags: sealed, full
  EXPECT_EQ(info[3], 128u);
  EXPECT_EQ(info[4] | static_cast<u64>(info[5]) << 32, oc::layout_id());
  EXPECT_EQ(info[8], oc_region_size(region));
  EXPECT_EQ(info[9], oc_region_used(region));
  EXPECT_EQ(info[10], oc::kSnapshotPageSize);
  EXPECT_EQ(info[11], 3u);
  EXPECT_EQ(info[12], len);
  u64 sum = 0;
  ASSERT_EQ(oc_region_checksum(region, addr(&sum)), 0);
  EXPECT_EQ(info[15] | static_cast<u64>(info[16]) << 32, sum);
  u64 direct = 0;
  {
    const oc::detail::RegionBytesScope raw(*oc::abi::region_of(region));  // ASan: free pool slots
    ASSERT_EQ(oc_checksum64(oc_region_base(region), oc_region_used(region), addr(&direct)), 0);
  }
  EXPECT_EQ(direct, sum);
  EXPECT_EQ(oc_checksum64(0, 5, addr(&direct)), static_cast<int32_t>(oc::Status::InvalidArgument));

  uint32_t chunk[OC_SNAPSHOT_CHUNK_WORDS];
  ASSERT_EQ(oc_snapshot_chunk(addr(open.data()), len, 1, addr(chunk)), 0);
  EXPECT_EQ(chunk[0], oc::kChunkAllocator);
  EXPECT_EQ(chunk[1], oc_allocator_tag(pool));
  EXPECT_EQ(chunk[4], oc_allocator_header(pool));
  EXPECT_EQ(chunk[6] | static_cast<u64>(chunk[7]) << 32, oc::checksum64(open.data() + chunk[2], chunk[3]));
  EXPECT_EQ(oc_snapshot_chunk(addr(open.data()), len, 3, addr(chunk)), static_cast<int32_t>(oc::Status::OutOfRange));

  EXPECT_EQ(oc_snapshot_capture(region, addr(open.data()), len, 8), 0u);  // unknown flag
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_snapshot_capture(region, addr(open.data()), 100, 0), 0u);
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(oc::Status::Exhausted));
  EXPECT_EQ(oc_region_destroy(region), 0);
}

TEST(AbiSnapshot, DeltaAndFailedRestoreLeaveIdsAndBytesAlone) {
  const uint32_t region = oc_region_create(128 * 1024, 0);
  const uint32_t pool = oc_pool_create(region, 32, 16, 200);
  for (int i = 0; i < 50; ++i) ASSERT_NE(oc_pool_alloc(pool), 0u);
  const std::vector<u8> base = capture_region(region);
  for (int i = 0; i < 5; ++i) ASSERT_NE(oc_pool_alloc(pool), 0u);
  std::vector<u8> delta(oc_snapshot_max_size(region));
  const uint32_t n = oc_snapshot_capture_delta(region, addr(base.data()), static_cast<uint32_t>(base.size()),
                                               addr(delta.data()), static_cast<uint32_t>(delta.size()), 0);
  ASSERT_NE(n, 0u);
  delta.resize(n);
  const std::vector<u8> now = region_bytes(region);

  std::vector<u8> bad = base;
  bad[bad.size() / 2] ^= 1;
  EXPECT_EQ(restore_region(region, bad), static_cast<int32_t>(oc::Status::ChecksumMismatch));
  EXPECT_TRUE(region_bytes(region) == now);
  EXPECT_NE(oc_pool_alloc(pool), 0u);  // the id still works
  const std::vector<u8> after_alloc = region_bytes(region);

  ASSERT_EQ(oc_snapshot_restore(region, addr(delta.data()), n, addr(base.data()), static_cast<uint32_t>(base.size())), 0);
  EXPECT_TRUE(region_bytes(region) == now);
  EXPECT_NE(region_bytes(region), after_alloc);
  EXPECT_EQ(oc_snapshot_restore(region, addr(delta.data()), n, 0, 5), static_cast<int32_t>(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_region_set_root(region, 3), static_cast<int32_t>(oc::Status::OutOfRange));
  EXPECT_EQ(oc_region_set_root(region, oc_allocator_header(pool)), 0);
  EXPECT_EQ(oc_region_root(region), oc_allocator_header(pool));
  EXPECT_EQ(oc_region_destroy(region), 0);
}

}  // namespace
