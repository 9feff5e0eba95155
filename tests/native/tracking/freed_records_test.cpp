// Freed records as the graveyard (tracker_layout.h, TrackRecord): a freed record keeps its allocation's
// site and its free site until the free ring comes round to it, allocations reuse the oldest free
// first, and the table holds `graveyard` records beyond `records`, so that even with every record live
// but one, the latest `graveyard` frees are still named in misuse reports. Exact boundaries: one
// allocation more and the freed record is gone.
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

constexpr u32 kRecords = 16;
constexpr u32 kGraveyard = 4;

struct FreedRecords : ::testing::Test {
  World w;
  u32 born = 0, died = 0, again = 0, churn = 0;
  void SetUp() override {
    TrackerOptions o = small_options(TrackMode::Full, kRecords);
    o.graveyard = kGraveyard;
    w.init(o);
    born = w.tracker->site_label("born", 4);
    died = w.tracker->site_label("died", 4);
    again = w.tracker->site_label("again", 5);
    churn = w.tracker->site_label("churn", 5);
  }
  const TrackMisuse& last_misuse() const {
    const TrackerHeader& h = w.h();
    return w.misuse_slot((h.misuse_head + h.misuse_capacity - 1) % h.misuse_capacity);
  }
  // A slab allocation and its free: takes the oldest free record and queues it again.
  void churn_once() {
    const Offset off = w.slab.alloc(32, 16, nullptr, Site::id(churn));
    ASSERT_NE(off, kNullOffset);
    ASSERT_EQ(w.slab.free(off, 0, Site::id(churn)), Status::Ok);
  }
};

TEST_F(FreedRecords, WithEveryRecordLiveButOneTheLatestGraveyardFreesAreKept) {
  std::vector<Offset> live;
  for (u32 i = 0; i + 1 < kRecords; ++i) live.push_back(w.slab.alloc(64));
  const Handle h = w.pool.alloc(nullptr, Site::id(born));
  ASSERT_EQ(w.h().records_used, kRecords);
  EXPECT_EQ(w.h().record_slots, kRecords + kGraveyard);
  ASSERT_EQ(w.pool.free(h, Site::id(died)), Status::Ok);
  for (u32 i = 0; i < kGraveyard; ++i) churn_once();
  ASSERT_EQ(w.pool.free(h, Site::id(again)), Status::DoubleFree);
  EXPECT_EQ(last_misuse().site, again);
  EXPECT_EQ(last_misuse().alloc_site, born);
  EXPECT_EQ(last_misuse().free_site, died);
  // One allocation more reuses the oldest free record: h's.
  churn_once();
  ASSERT_EQ(w.pool.free(h, Site::id(again)), Status::DoubleFree);
  EXPECT_EQ(last_misuse().alloc_site, 0u);
  EXPECT_EQ(last_misuse().free_site, 0u);
  EXPECT_EQ(w.h().misuse_total, 2u);
  EXPECT_EQ(w.h().overflow, 0u);
  EXPECT_EQ(w.h().records_used, kRecords - 1);
  for (Offset off : live) ASSERT_EQ(w.slab.free(off), Status::Ok);
  EXPECT_EQ(w.h().records_used, 0u);
}

TEST_F(FreedRecords, WithRoomAFreeIsKeptUntilEveryOtherRecordWasUsedAfterIt) {
  const Handle h = w.pool.alloc(nullptr, Site::id(born));
  ASSERT_EQ(w.pool.free(h, Site::id(died)), Status::Ok);
  // The other record_slots - 1 records are older free ones (never used): they go first.
  for (u32 i = 0; i + 1 < kRecords + kGraveyard; ++i) churn_once();
  ASSERT_EQ(w.pool.free(h, Site::id(again)), Status::DoubleFree);
  EXPECT_EQ(last_misuse().alloc_site, born);
  EXPECT_EQ(last_misuse().free_site, died);
  churn_once();
  ASSERT_EQ(w.pool.free(h, Site::id(again)), Status::DoubleFree);
  EXPECT_EQ(last_misuse().free_site, 0u);
}

TEST_F(FreedRecords, TheLatestFreeOfAnOffsetNamesADoubleFree) {
  const Offset first = w.slab.alloc(48, 16, nullptr, Site::id(churn));
  ASSERT_EQ(w.slab.free(first, 0, Site::id(churn)), Status::Ok);
  const Offset second = w.slab.alloc(48, 16, nullptr, Site::id(born));
  ASSERT_EQ(second, first);  // the slab hands the same block out again
  ASSERT_EQ(w.slab.free(second, 0, Site::id(died)), Status::Ok);
  ASSERT_EQ(w.slab.free(second, 0, Site::id(again)), Status::DoubleFree);
  EXPECT_EQ(last_misuse().alloc_site, born);
  EXPECT_EQ(last_misuse().free_site, died);
  // Freed records are neither live nor leaks.
  EXPECT_EQ(w.h().records_used, 0u);
  std::vector<LeakGroup> groups(4);
  u32 n = 0;
  ASSERT_EQ(w.tracker->older_than(0, 0, groups.data(), 4, &n), Status::Ok);
  EXPECT_EQ(n, 0u);
}

TEST_F(FreedRecords, AnArenaResetFreesNothingAMisuseCouldName) {
  const Offset a = w.arena.alloc(64, 16, nullptr, Site::id(born));
  ASSERT_NE(a, kNullOffset);
  w.arena.reset();
  EXPECT_EQ(w.h().records_used, 0u);
  // The offset is no slab block: foreign to the slab, and no freed record claims it.
  ASSERT_EQ(w.slab.free(a, 0, Site::id(again)), Status::InvalidOffset);
  EXPECT_EQ(last_misuse().alloc_site, 0u);
  EXPECT_EQ(last_misuse().free_site, 0u);
}

}  // namespace
}  // namespace oc
