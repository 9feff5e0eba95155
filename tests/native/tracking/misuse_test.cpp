// Misuse reports through real allocators: every kind (double free, stale handle, foreign handle,
// foreign and interior offsets, wrong size class) is reported with the site of the bad call and the
// site of the original allocation, plus the free site where the block was freed before.
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::site_here;
using testing_support::small_options;
using testing_support::World;

struct MisuseTest : ::testing::Test {
  World w;
  void SetUp() override { w.init(small_options(TrackMode::Full)); }
  // The newest report, checked against the expected kind and sites (0 = none expected).
  void expect_last(Status kind, u32 bad_line, u32 alloc_line, u32 free_line) {
    const TrackerHeader& h = w.h();
    ASSERT_GT(h.misuse_total, 0u);
    const TrackMisuse& m = w.misuse_slot((h.misuse_head + h.misuse_capacity - 1) % h.misuse_capacity);
    EXPECT_EQ(static_cast<Status>(m.status), kind) << status_name(static_cast<Status>(m.status));
    EXPECT_EQ(w.site(m.site), site_here(__FILE__, bad_line));
    EXPECT_EQ(w.site(m.alloc_site), site_here(__FILE__, alloc_line));
    if (free_line != 0) {
      EXPECT_EQ(w.site(m.free_site), site_here(__FILE__, free_line));
    } else {
      EXPECT_EQ(m.free_site, 0u);
    }
  }
};

TEST_F(MisuseTest, PoolDoubleFree) {
  const u32 a = __LINE__ + 1;
  const Handle h = w.pool.alloc();
  const u32 f = __LINE__ + 1;
  ASSERT_EQ(w.pool.free(h), Status::Ok);
  const u32 b = __LINE__ + 1;
  ASSERT_EQ(w.pool.free(h), Status::DoubleFree);
  expect_last(Status::DoubleFree, b, a, f);
  EXPECT_EQ(w.h().misuse_total, 1u);
}

TEST_F(MisuseTest, PoolStaleHandle) {
  const u32 a = __LINE__ + 1;
  const Handle h = w.pool.alloc();
  const u32 f = __LINE__ + 1;
  ASSERT_EQ(w.pool.free(h), Status::Ok);
  const Handle reused = w.pool.alloc();  // same slot, next generation
  ASSERT_EQ(w.pool.index_of(reused), w.pool.index_of(h));
  const u32 b = __LINE__ + 1;
  ASSERT_EQ(w.pool.free(h), Status::StaleHandle);
  expect_last(Status::StaleHandle, b, a, f);
}

TEST_F(MisuseTest, PoolForeignHandle) {
  auto other = FixedPool::create(w.state, 32, 16, 16);
  ASSERT_TRUE(other.ok());
  const u32 a = __LINE__ + 1;
  const Handle theirs = other.value.alloc();
  const u32 b = __LINE__ + 1;
  ASSERT_EQ(w.pool.free(theirs), Status::ForeignHandle);
  expect_last(Status::ForeignHandle, b, a, 0);
  const TrackMisuse& m = w.misuse_slot(0);
  EXPECT_EQ(m.handle, theirs);
  EXPECT_EQ(m.allocator, w.pool.id());
  EXPECT_EQ(m.offset, other.value.header().slots_offset);  // the slot the handle names, in its pool
}

TEST_F(MisuseTest, SlabInteriorAndForeignOffsets) {
  const u32 a = __LINE__ + 1;
  const Offset off = w.slab.alloc(64);
  const u32 b = __LINE__ + 1;
  ASSERT_EQ(w.slab.free(off + 16), Status::InvalidOffset);
  expect_last(Status::InvalidOffset, b, a, 0);
  // A pool slot's offset handed to the slab: foreign to it, and the pool's record names its origin.
  const u32 pa = __LINE__ + 1;
  const Handle h = w.pool.alloc();
  Offset slot = 0;
  ASSERT_EQ(w.pool.resolve(h, &slot), Status::Ok);
  const u32 pb = __LINE__ + 1;
  ASSERT_EQ(w.slab.free(slot), Status::InvalidOffset);
  expect_last(Status::InvalidOffset, pb, pa, 0);
  EXPECT_EQ(w.h().misuse_total, 2u);
}

TEST_F(MisuseTest, SlabDoubleFreeAndWrongSizeClass) {
  const u32 a = __LINE__ + 1;
  const Offset off = w.slab.alloc(64);
  const u32 c = __LINE__ + 1;
  const Offset keep = w.slab.alloc(64);
  const u32 f = __LINE__ + 1;
  ASSERT_EQ(w.slab.free(off), Status::Ok);
  const u32 b = __LINE__ + 1;
  ASSERT_EQ(w.slab.free(off), Status::DoubleFree);
  expect_last(Status::DoubleFree, b, a, f);
  const u32 d = __LINE__ + 1;
  ASSERT_EQ(w.slab.free(keep, 2000), Status::WrongSizeClass);
  expect_last(Status::WrongSizeClass, d, c, 0);
  // The refused free left the block live and recorded.
  EXPECT_EQ(w.h().records_used, 1u);
}

TEST_F(MisuseTest, RingKeepsTheNewestAndTotalIsExact) {
  const Handle h = w.pool.alloc();
  ASSERT_EQ(w.pool.free(h), Status::Ok);
  const u32 n = w.h().misuse_capacity * 2 + 3;
  for (u32 i = 0; i < n; ++i) ASSERT_EQ(w.pool.free(h), Status::DoubleFree);
  EXPECT_EQ(w.h().misuse_total, n);
  EXPECT_EQ(w.h().misuse_head, n % w.h().misuse_capacity);
  const std::string json = w.report();
  EXPECT_NE(json.find("\"misuse\":{\"total\":" + std::to_string(n) + ","), std::string::npos);
}

TEST_F(MisuseTest, CountersModeReportsTheBadCallWithoutRecords) {
  w.tracker->set_mode(TrackMode::Counters);
  const Offset off = w.slab.alloc(64);
  ASSERT_EQ(w.slab.free(off), Status::Ok);
  const u32 b = __LINE__ + 1;
  ASSERT_EQ(w.slab.free(off), Status::DoubleFree);
  const TrackMisuse& m = w.misuse_slot(0);
  EXPECT_EQ(static_cast<Status>(m.status), Status::DoubleFree);
  EXPECT_EQ(w.site(m.site), site_here(__FILE__, b));
  EXPECT_EQ(m.alloc_site, 0u);  // no records in counters mode
  EXPECT_EQ(m.offset, off);
}

}  // namespace
}  // namespace oc
