// Region: allocation from the OS, the carver, the allocator list and the header invariants.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "memory/region.h"

namespace oc {
namespace {

TEST(Region, InitRoundsUpToPagesAndZeroes) {
  Region r;
  ASSERT_EQ(r.init(5000), Status::Ok);
  EXPECT_EQ(r.size(), 8192u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(r.base()) % kRegionAlign, 0u);
  for (u32 i = sizeof(RegionHeader); i < r.size(); ++i) ASSERT_EQ(r.base()[i], 0) << i;
  const RegionHeader& h = r.header();
  EXPECT_EQ(h.magic, kRegionMagic);
  EXPECT_EQ(h.version, kRegionVersion);
  EXPECT_EQ(h.header_size, sizeof(RegionHeader));
  EXPECT_EQ(h.size, 8192u);
  EXPECT_EQ(r.used(), sizeof(RegionHeader));
  EXPECT_EQ(h.next_allocator_id, 1u);
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(Region, ZeroSizeGivesOnePage) {
  Region r;
  ASSERT_EQ(r.init(0), Status::Ok);
  EXPECT_EQ(r.size(), kRegionAlign);
}

TEST(Region, SizeThatCannotBeRoundedIsRefused) {
  Region r;
  EXPECT_EQ(r.init(0xFFFFFFFFu), Status::SizeTooLarge);
  EXPECT_FALSE(r.valid());
}

TEST(Region, HugePagesIsAHintThatStillGivesZeroedMemory) {
  Region r;
  ASSERT_EQ(r.init(4u << 20, RegionOptions{kRegionHugePages}), Status::Ok);
  EXPECT_EQ(r.header().flags, static_cast<u32>(kRegionHugePages));
  EXPECT_EQ(r.base()[r.size() - 1], 0);
  r.base()[r.size() - 1] = 7;  // writable to the last byte
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(Region, CreateOnTheHeapAndMove) {
  Result<Region*> made = Region::create(4096);
  ASSERT_TRUE(made.ok());
  Region* r = made.value;
  u8* base = r->base();
  Region moved(std::move(*r));
  EXPECT_FALSE(r->valid());
  EXPECT_EQ(moved.base(), base);
  Region assigned;
  ASSERT_EQ(assigned.init(4096), Status::Ok);
  assigned = std::move(moved);
  EXPECT_EQ(assigned.base(), base);
  EXPECT_FALSE(moved.valid());
  EXPECT_EQ(assigned.check(), Status::Ok);
  delete r;
  assigned.release();
  EXPECT_FALSE(assigned.valid());
}

TEST(Region, CarveAlignsAndBumps) {
  Region r;
  ASSERT_EQ(r.init(16384), Status::Ok);
  Result<Offset> a = r.carve(3, 1);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value, sizeof(RegionHeader));
  Result<Offset> b = r.carve(10, 64);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.value % 64, 0u);
  EXPECT_GE(b.value, a.value + 3);
  Result<Offset> c = r.carve(1, 4096);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value, 4096u);
  EXPECT_EQ(r.used(), 4097u);
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(Region, CarveRefusalsLeaveTheRegionUntouched) {
  Region r;
  ASSERT_EQ(r.init(8192), Status::Ok);
  ASSERT_TRUE(r.carve(100, 8).ok());
  const u64 before = r.hash();
  EXPECT_EQ(r.carve(0, 8).status, Status::InvalidArgument);
  EXPECT_EQ(r.carve(8, 3).status, Status::BadAlignment);
  EXPECT_EQ(r.carve(8, 8192).status, Status::BadAlignment);
  EXPECT_EQ(r.carve(8192, 8).status, Status::Exhausted);
  // Would wrap around in 32-bit arithmetic: must not be mistaken for a small request.
  EXPECT_EQ(r.carve(0xFFFFFFF0u, 16).status, Status::Exhausted);
  EXPECT_EQ(r.hash(), before);
  // Exactly the rest still fits.
  const u32 rest = r.size() - r.used();
  EXPECT_TRUE(r.carve(rest, 1).ok());
  EXPECT_EQ(r.carve(1, 1).status, Status::Exhausted);
  EXPECT_EQ(r.check(), Status::Ok);
}

TEST(Region, LinkAssignsIdsInOrderUpTo255) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  std::vector<Offset> offs;
  for (u32 i = 1; i <= kMaxAllocatorsPerRegion; ++i) {
    Result<Offset> o = r.carve(sizeof(AllocatorHeader), 8);
    ASSERT_TRUE(o.ok());
    auto* a = r.at<AllocatorHeader>(o.value);
    ASSERT_EQ(r.link_allocator(a, kKindArena, sizeof(AllocatorHeader)), Status::Ok);
    EXPECT_EQ(a->id, i);
    offs.push_back(o.value);
  }
  Result<Offset> extra = r.carve(sizeof(AllocatorHeader), 8);
  ASSERT_TRUE(extra.ok());
  EXPECT_EQ(r.link_allocator(r.at<AllocatorHeader>(extra.value), kKindArena, sizeof(AllocatorHeader)),
            Status::TooManyAllocators);
  EXPECT_EQ(r.header().allocator_count, kMaxAllocatorsPerRegion);
  EXPECT_EQ(r.check(), Status::Ok);

  u32 n = 0;
  r.for_each_allocator([&](AllocatorHeader& a) {
    EXPECT_EQ(r.offset_of(&a), offs[n]);
    EXPECT_EQ(a.id, n + 1);
    ++n;
  });
  EXPECT_EQ(n, kMaxAllocatorsPerRegion);
  EXPECT_EQ(r.find_allocator(17), r.at<AllocatorHeader>(offs[16]));
  EXPECT_EQ(r.find_allocator(0), nullptr);
  EXPECT_EQ(r.find_allocator(256), nullptr);
}

TEST(Region, LinkRejectsHeadersOutsideCarvedSpaceAndDoubleLinks) {
  Region r;
  ASSERT_EQ(r.init(8192), Status::Ok);
  Result<Offset> o = r.carve(sizeof(AllocatorHeader), 8);
  ASSERT_TRUE(o.ok());
  auto* a = r.at<AllocatorHeader>(o.value);
  // Past carve_top: those bytes could still be carved for something else.
  EXPECT_EQ(r.link_allocator(r.at<AllocatorHeader>(1024), kKindPool, sizeof(AllocatorHeader)),
            Status::InvalidOffset);
  AllocatorHeader outside{};
  EXPECT_EQ(r.link_allocator(&outside, kKindPool, sizeof(AllocatorHeader)), Status::InvalidOffset);
  EXPECT_EQ(r.link_allocator(a, kKindPool, 4), Status::InvalidOffset);
  EXPECT_EQ(r.link_allocator(nullptr, kKindPool, 16), Status::InvalidArgument);
  ASSERT_EQ(r.link_allocator(a, kKindPool, sizeof(AllocatorHeader)), Status::Ok);
  EXPECT_EQ(r.link_allocator(a, kKindPool, sizeof(AllocatorHeader)), Status::InvalidArgument);
  EXPECT_EQ(r.header().allocator_count, 1u);
  EXPECT_EQ(r.check(), Status::Ok);
}

class RegionCorruption : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(r.init(8192), Status::Ok);
    for (int i = 0; i < 3; ++i) {
      Result<Offset> o = r.carve(sizeof(AllocatorHeader), 8);
      ASSERT_TRUE(o.ok());
      ASSERT_EQ(r.link_allocator(r.at<AllocatorHeader>(o.value), kKindPool, sizeof(AllocatorHeader)), Status::Ok);
      offs[i] = o.value;
    }
    ASSERT_EQ(r.check(), Status::Ok);
    std::memcpy(saved, r.base(), sizeof saved);
  }
  // Each corruption must be reported, and undoing it must make the region valid again.
  template <typename F>
  void expect_detected(F&& corrupt) {
    corrupt();
    EXPECT_EQ(r.check(), Status::CorruptState);
    std::memcpy(r.base(), saved, sizeof saved);
    EXPECT_EQ(r.check(), Status::Ok);
  }
  Region r;
  Offset offs[3] = {};
  u8 saved[512] = {};
};

TEST_F(RegionCorruption, HeaderFields) {
  expect_detected([&] { r.header().magic ^= 1; });
  expect_detected([&] { r.header().version = 2; });
  expect_detected([&] { r.header().size = 4096; });
  expect_detected([&] { r.header().carve_top = 8193; });
  expect_detected([&] { r.header().carve_top = 8; });
  expect_detected([&] { r.header().allocator_count = 2; });
  expect_detected([&] { r.header().next_allocator_id = 9; });
  expect_detected([&] { r.header().last_allocator = offs[1]; });
}

TEST_F(RegionCorruption, AllocatorList) {
  expect_detected([&] { r.at<AllocatorHeader>(offs[2])->next = offs[0]; });  // a cycle
  expect_detected([&] { r.at<AllocatorHeader>(offs[1])->next = 0; });       // list shorter than the count
  expect_detected([&] { r.at<AllocatorHeader>(offs[1])->id = 1; });         // duplicate id
  expect_detected([&] { r.at<AllocatorHeader>(offs[1])->id = 0; });
  expect_detected([&] { r.at<AllocatorHeader>(offs[0])->next = 6000; });    // beyond carved space
  expect_detected([&] { r.at<AllocatorHeader>(offs[0])->next = offs[1] + 1; });  // misaligned
  expect_detected([&] { r.at<AllocatorHeader>(offs[2])->header_size = 4096; });
  expect_detected([&] { r.header().first_allocator = 0; });
}

TEST(Region, HashIsDeterministicAndSeesEveryByte) {
  Region a, b;
  ASSERT_EQ(a.init(8192), Status::Ok);
  ASSERT_EQ(b.init(8192), Status::Ok);
  ASSERT_TRUE(a.carve(100, 16).ok());
  ASSERT_TRUE(b.carve(100, 16).ok());
  EXPECT_EQ(a.hash(), b.hash());
  b.base()[8191] = 1;
  EXPECT_NE(a.hash(), b.hash());
}

TEST(Region, Fnv1a64MatchesThePublishedVectors) {
  EXPECT_EQ(fnv1a64("", 0), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a64("a", 1), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a64("foobar", 6), 0x85944171f73967e8ull);
}

TEST(Region, ContainsGuardsAgainstWrapAround) {
  Region r;
  ASSERT_EQ(r.init(4096), Status::Ok);
  EXPECT_TRUE(r.contains(64, 4032));
  EXPECT_FALSE(r.contains(64, 4033));
  EXPECT_FALSE(r.contains(0, 4));  // the header is never a block
  EXPECT_FALSE(r.contains(100, 0xFFFFFFFFu));
  EXPECT_FALSE(r.contains(5000, 0));
}

}  // namespace
}  // namespace oc
