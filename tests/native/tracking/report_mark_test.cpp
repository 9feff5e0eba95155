// report_json(mark): mark 0 is the newest mark (or every live record without one); any other mark
// that leaks_since() refuses makes the report fail with UnknownMark instead of listing every live
// record as a leak. Natively and through oc_tracker_report_json.
#include <string>
#include <vector>

#include "snapshot/snapshot.h"
#include "tracking/tracking_support.h"
#include "wasm/abi.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

u32 refused(Tracker& t, u32 mark) {
  Status s = Status::Ok;
  char buf[64];
  const u32 n = t.report_json(mark, buf, sizeof buf, &s);
  EXPECT_EQ(n, 0u);
  return static_cast<u32>(s);
}

TEST(ReportMark, UnknownExpiredAndPreResyncMarksFail) {
  World w;
  w.init(small_options(TrackMode::Full));
  ASSERT_NE(w.pool.alloc(), kNullHandle);
  std::vector<u8> snap(snapshot_max_size(w.state));
  const Result<u32> taken = capture(w.state, snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(taken.ok());
  const u32 mark = w.tracker->mark();
  ASSERT_NE(w.pool.alloc(), kNullHandle);
  EXPECT_NE(w.report(mark).find("\"mark\":" + std::to_string(mark)), std::string::npos);

  const u32 unknown = static_cast<u32>(Status::UnknownMark);
  EXPECT_EQ(refused(*w.tracker, mark + 1), unknown);  // never made
  EXPECT_EQ(refused(*w.tracker, 0xFFFFFFFFu), unknown);
  const u32 old = w.tracker->mark();
  for (u32 i = 0; i < kTrackMarks; ++i) w.tracker->mark();
  EXPECT_EQ(refused(*w.tracker, old), unknown);  // expired

  ASSERT_EQ(restore(w.state, snap.data(), taken.value), Status::Ok);
  EXPECT_EQ(refused(*w.tracker, mark), unknown);  // made before the resync

  // Mark 0: no usable mark any more, so every live record (the restored block); valid JSON.
  Status s = Status::InvalidArgument;
  const u32 n = w.tracker->report_json(0, nullptr, 0, &s);
  EXPECT_EQ(s, Status::Ok);
  EXPECT_GT(n, 0u);
  const std::string all = w.report(0);
  EXPECT_TRUE(testing_support::JsonCheck::valid(all));
  EXPECT_NE(all.find("\"mark\":null"), std::string::npos);
  EXPECT_NE(all.find("\"count\":1,"), std::string::npos);

  // Outside full mode a mark is not looked at: the report has no leak list.
  w.tracker->set_mode(TrackMode::Counters);
  s = Status::InvalidArgument;
  EXPECT_GT(w.tracker->report_json(12345, nullptr, 0, &s), 0u);
  EXPECT_EQ(s, Status::Ok);
}

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }

TEST(ReportMark, TheAbiReportFailsWithUnknownMark) {
  const u32 state = oc_region_create(1u << 20, 0);
  const u32 pool = oc_pool_create(state, 64, 16, 32);
  u32 words[OC_TRACKER_OPTION_WORDS] = {256, 64, 16, 64, 16, 16, 4096, 1u << 14, OC_TRACK_FULL};
  const u32 debug = oc_region_create(oc_tracker_bytes_needed(addr(words)) + 4096, 0);
  const u32 t = oc_tracker_create(debug, addr(words));
  ASSERT_NE(t, 0u);
  ASSERT_EQ(oc_tracker_attach(t, state, 0, 0), 0);
  const u32 mark = oc_tracker_mark(t);
  ASSERT_NE(oc_pool_alloc(pool), 0u);
  std::vector<char> buf(1 << 16);
  EXPECT_GT(oc_tracker_report_json(t, mark, addr(buf.data()), static_cast<u32>(buf.size())), 0u);
  EXPECT_EQ(oc_last_status(), 0);
  EXPECT_EQ(oc_tracker_report_json(t, mark + 3, addr(buf.data()), static_cast<u32>(buf.size())), 0u);
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(Status::UnknownMark));
  EXPECT_GT(oc_tracker_report_json(t, 0, addr(buf.data()), static_cast<u32>(buf.size())), 0u);
  EXPECT_EQ(oc_last_status(), 0);
  oc_region_destroy(state);
  oc_region_destroy(debug);
}

}  // namespace
}  // namespace oc
