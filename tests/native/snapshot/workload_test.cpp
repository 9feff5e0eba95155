// Workload: deterministic traffic over the pool and the slab (fallback included) whose whole state is
// region bytes, so that copying or restoring the region and continuing gives the same frames.
#include "memory/workload.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "snapshot/snapshot.h"
#include "workload_fixture.h"

namespace oc {
namespace {

using testing::bytes_of;
using testing::make_world;
using testing::same_bytes;
using testing::step_frame;

std::vector<u64> run_checksums(Region& region, u32 frames) {
  std::vector<u64> sums;
  for (u32 i = 0; i < frames; ++i) {
    const Status s = step_frame(region);
    EXPECT_EQ(s, Status::Ok) << "frame " << i;
    if (s != Status::Ok) break;
    sums.push_back(region_checksum(region));
  }
  return sums;
}

TEST(Workload, SameSeedGivesTheSameFramesAndAnotherSeedDoesNot) {
  Region a, b, c;
  ASSERT_TRUE(make_world(a, 7));
  ASSERT_TRUE(make_world(b, 7));
  ASSERT_TRUE(make_world(c, 8));
  const std::vector<u64> sa = run_checksums(a, 1000);
  const std::vector<u64> sb = run_checksums(b, 1000);
  const std::vector<u64> sc = run_checksums(c, 1000);
  ASSERT_EQ(sa.size(), 1000u);
  EXPECT_EQ(sa, sb);
  EXPECT_EQ(a.hash(), b.hash());
  EXPECT_NE(sa[0], sc[0]);
  // Every frame changes the bytes (at least the frame counter and the RNG).
  for (u32 i = 1; i < sa.size(); ++i) ASSERT_NE(sa[i], sa[i - 1]) << i;
}

TEST(Workload, InputChangesTheFrame) {
  Region a, b;
  ASSERT_TRUE(make_world(a, 3));
  ASSERT_TRUE(make_world(b, 3));
  Result<Workload> wa = Workload::attach(a);
  Result<Workload> wb = Workload::attach(b);
  ASSERT_TRUE(wa.ok() && wb.ok());
  ASSERT_EQ(wa.value.step(0), Status::Ok);
  ASSERT_EQ(wb.value.step(1), Status::Ok);
  EXPECT_NE(region_checksum(a), region_checksum(b));
}

TEST(Workload, TrafficCoversPoolSlabAndFallbackAndKeepsEveryCheck) {
  Region r;
  ASSERT_TRUE(make_world(r, 11));
  for (u32 i = 0; i < 600; ++i) {
    ASSERT_EQ(step_frame(r), Status::Ok) << i;
    if (i % 50 == 0) {
      ASSERT_EQ(check_region_and_allocators(r), Status::Ok) << i;
    }
  }
  EXPECT_EQ(r.frame(), 600u);
  Result<Workload> w = Workload::attach(r);
  ASSERT_TRUE(w.ok());
  const WorkloadState& st = w.value.state();
  EXPECT_EQ(st.steps, 600u);
  EXPECT_GE(st.ops, 600u * 24);
  const PoolStats ps = w.value.pool().stats();
  EXPECT_EQ(ps.live, st.pool_live);
  EXPECT_GT(ps.total_allocs, 1000u);
  EXPECT_GT(ps.total_frees, 1000u);
  // Hovering around half full: neither empty nor full after the warm-up.
  EXPECT_GT(st.pool_live, st.pool_capacity / 8);
  EXPECT_LT(st.pool_live, st.pool_capacity);
  const SlabStats ss = w.value.slab().stats();
  EXPECT_EQ(ss.live_blocks, st.block_live);
  EXPECT_GT(ss.total_allocs, 1000u);
  EXPECT_GT(st.block_live, 0u);
  EXPECT_NE(w.value.slab().header().fallback_high_water, 0u) << "large and 64-aligned blocks use the TLSF";
  // Every live block really holds the size the table says.
  for (u32 i = 0; i < st.block_live; ++i) {
    const WorkloadBlock& b = r.at<WorkloadBlock>(st.blocks_offset)[i];
    Result<u32> usable = w.value.slab().usable_size(b.offset);
    ASSERT_TRUE(usable.ok());
    EXPECT_GE(usable.value, b.size);
  }
}

TEST(Workload, ContinuesIdenticallyFromACopyAtAnotherAddress) {
  Region a, b;
  ASSERT_TRUE(make_world(a, 5));
  for (u32 i = 0; i < 200; ++i) ASSERT_EQ(step_frame(a), Status::Ok);
  ASSERT_EQ(b.init(a.size()), Status::Ok);
  ASSERT_NE(a.base(), b.base());
  testsupport::write_region_bytes(b, bytes_of(a).data(), a.size());
  const std::vector<u64> sa = run_checksums(a, 2000);
  const std::vector<u64> sb = run_checksums(b, 2000);
  EXPECT_EQ(sa, sb);
  EXPECT_EQ(a.hash(), b.hash());
}

TEST(Workload, RestoreMidRunThenContinueGivesTheSameFrames) {
  Region a;
  ASSERT_TRUE(make_world(a, 21));
  for (u32 i = 0; i < 500; ++i) ASSERT_EQ(step_frame(a), Status::Ok);
  std::vector<u8> snap(snapshot_max_size(a));
  Result<u32> len = capture(a, snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(len.ok()) << status_name(len.status);
  snap.resize(len.value);
  const std::vector<u64> original = run_checksums(a, 3000);

  // Into a fresh region of the same size, and into the original itself after it ran on.
  Region b;
  ASSERT_EQ(b.init(a.size()), Status::Ok);
  ASSERT_EQ(restore(b, snap.data(), len.value), Status::Ok);
  EXPECT_EQ(b.frame(), 500u);
  EXPECT_EQ(run_checksums(b, 3000), original);
  ASSERT_EQ(restore(a, snap.data(), len.value), Status::Ok);
  EXPECT_EQ(run_checksums(a, 3000), original);
  EXPECT_EQ(a.hash(), b.hash());
}

TEST(Workload, CreateNeedsASlabAndAFreeRoot) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  const std::vector<u8> before = bytes_of(r);
  EXPECT_EQ(Workload::create(r).status, Status::InvalidArgument);
  EXPECT_TRUE(same_bytes(r, before)) << "a refused create carves nothing";

  Region w;
  ASSERT_TRUE(make_world(w, 1));
  const std::vector<u8> made = bytes_of(w);
  EXPECT_EQ(Workload::create(w).status, Status::InvalidArgument) << "the region already has a root";
  EXPECT_TRUE(same_bytes(w, made));
}

TEST(Workload, CreateInAFullRegionIsExhausted) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  ASSERT_TRUE(SlabAllocator::create(r, 48 * 1024).ok());
  WorkloadOptions big;
  big.pool_capacity = 4096;
  EXPECT_EQ(Workload::create(r, big).status, Status::Exhausted);
  EXPECT_EQ(r.root(), 0u);
  EXPECT_EQ(check_region_and_allocators(r), Status::Ok);
}

TEST(Workload, AttachRejectsWhatIsNotASoundWorkload) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  EXPECT_EQ(Workload::attach(r).status, Status::InvalidArgument) << "no root";

  Region w;
  ASSERT_TRUE(make_world(w, 2));
  for (u32 i = 0; i < 20; ++i) ASSERT_EQ(step_frame(w), Status::Ok);
  const std::vector<u8> good = bytes_of(w);
  auto& st = *w.at<WorkloadState>(w.root());
  struct Case {
    const char* what;
    void (*mutate)(WorkloadState&);
  };
  const Case cases[] = {
      {"magic", [](WorkloadState& s) { s.magic ^= 1; }},
      {"version", [](WorkloadState& s) { s.version = kWorkloadVersion + 1; }},
      {"pool_live > capacity", [](WorkloadState& s) { s.pool_live = s.pool_capacity + 1; }},
      {"block_live > capacity", [](WorkloadState& s) { s.block_live = s.block_capacity + 1; }},
      {"handles past used", [](WorkloadState& s) { s.handles_offset = 0xFFFFFF00u; }},
      {"blocks misaligned", [](WorkloadState& s) { s.blocks_offset += 1; }},
      {"blocks capacity huge", [](WorkloadState& s) { s.block_capacity = 0x40000000u; }},
      {"pool tag names the slab", [](WorkloadState& s) { s.pool_tag = s.slab_tag; }},
      {"slab tag unknown", [](WorkloadState& s) { s.slab_tag = 200; }},
      {"pool capacity differs", [](WorkloadState& s) { s.pool_capacity -= 1; }},
      {"even rng increment", [](WorkloadState& s) { s.rng_inc &= ~1ull; }},
  };
  for (const Case& c : cases) {
    testsupport::write_region_bytes(w, good.data(), static_cast<u32>(good.size()));
    c.mutate(st);
    EXPECT_EQ(Workload::attach(w).status, Status::CorruptState) << c.what;
  }
  testsupport::write_region_bytes(w, good.data(), static_cast<u32>(good.size()));
  w.header().root = w.used() - 8;  // inside the region, but the state would run past used
  EXPECT_EQ(Workload::attach(w).status, Status::CorruptState);
  testsupport::write_region_bytes(w, good.data(), static_cast<u32>(good.size()));
  EXPECT_TRUE(Workload::attach(w).ok());
}

TEST(Workload, StepReportsTableEntriesThatNoLongerNameLiveBlocks) {
  Region w;
  ASSERT_TRUE(make_world(w, 4));
  for (u32 i = 0; i < 50; ++i) ASSERT_EQ(step_frame(w), Status::Ok);
  auto& st = *w.at<WorkloadState>(w.root());
  ASSERT_GT(st.block_live, 0u);
  ASSERT_GT(st.pool_live, 0u);
  // Every slab entry points between blocks, every handle is stale: whichever the RNG picks is caught.
  for (u32 i = 0; i < st.block_live; ++i) w.at<WorkloadBlock>(st.blocks_offset)[i].offset += 8;
  for (u32 i = 0; i < st.pool_live; ++i) w.at<u32>(st.handles_offset)[i] ^= 1u << 20;
  Status s = Status::Ok;
  for (u32 i = 0; i < 20 && s == Status::Ok; ++i) s = step_frame(w);
  EXPECT_EQ(s, Status::CorruptState);
}

}  // namespace
}  // namespace oc
