// Tracker::report_json: valid JSON (checked by a strict validator), the TrackerReport shape of
// engine/tracking/report.ts, and the right numbers; truncation reports the full length.
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::JsonCheck;
using testing_support::site_here;
using testing_support::small_options;
using testing_support::World;

bool has(const std::string& json, const std::string& piece) { return json.find(piece) != std::string::npos; }

TEST(TrackerReport, IsValidJsonWithTheRightNumbers) {
  World w;
  w.init(small_options(TrackMode::Full));
  Tracker& t = *w.tracker;
  const u32 actors = w.new_tag("act\"ors\\\n");  // a name that needs escaping
  ASSERT_EQ(t.set_allocator_tag(w.state, w.pool.id(), actors), Status::Ok);
  ASSERT_EQ(t.set_allocator_name(w.state, w.pool.id(), "enemies", 7), Status::Ok);
  std::vector<Handle> hs(5);
  ASSERT_EQ(w.pool.alloc_many(hs.data(), 5), Status::Ok);
  t.frame_end();
  const u32 mark = t.mark();
  const u32 line = __LINE__ + 1;
  const Offset leak = w.slab.alloc(100);
  const u32 label = t.site_label("ui/button", 9);
  t.set_context(0, label);
  const Offset labelled = w.arena.alloc(64, 16, nullptr, Site::none());  // as the ABI calls: the context site
  t.set_context(0, 0);
  ASSERT_EQ(w.pool.free(hs[0]), Status::Ok);
  ASSERT_EQ(w.pool.free(hs[0]), Status::DoubleFree);
  t.frame_end();
  ASSERT_NE(labelled, kNullOffset);

  const std::string json = w.report(mark);
  ASSERT_TRUE(JsonCheck::valid(json)) << json;
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_EQ(json.rfind("{\"format\":\"claw-stats\",\"version\":1,\"mode\":\"full\",\"frame\":2,", 0), 0u) << json;
  EXPECT_TRUE(has(json, "\"name\":\"act\\\"ors\\\\\\u000a\"")) << json;
  // bytes: what the 1024 records cost in the debug region, i.e. what 1024 more would add to it.
  const u32 record_bytes = Tracker::bytes_needed(small_options(TrackMode::Full, 2048)) -
                           Tracker::bytes_needed(small_options(TrackMode::Full, 1024));
  EXPECT_TRUE(has(json, "\"records\":{\"capacity\":1024,\"used\":6,\"overflow\":0,\"unrecordedFrees\":0,"
                        "\"bytes\":" + std::to_string(record_bytes) + "}")) << json;
  // 5 pool allocations, the slab block and the arena block; one pool free.
  EXPECT_TRUE(has(json, "\"totals\":{\"allocs\":7,\"frees\":1,")) << json;
  EXPECT_TRUE(has(json, "\"rate\":{\"frames\":2,\"allocsPerFrame\":3.500,\"freesPerFrame\":0.500,")) << json;
  EXPECT_TRUE(has(json, "{\"id\":" + std::to_string(w.pool.id()) + ",\"name\":\"enemies\",\"region\":\"state\","));
  EXPECT_TRUE(has(json, "\"capacity\":512,\"live\":4,\"peak\":5,\"slotSize\":48,\"liveBytes\":192,"
                        "\"failures\":0,\"allocs\":5,\"frees\":1}"));
  EXPECT_TRUE(has(json, "\"regions\":[{\"name\":\"state\",\"size\":" + std::to_string(w.state.size())));
  EXPECT_TRUE(has(json, "\"frames\":[{\"frame\":0,\"allocs\":5,\"frees\":0,\"bytesAllocated\":240,"));
  EXPECT_TRUE(has(json, "\"leaks\":{\"available\":true,\"mark\":" + std::to_string(mark) + ",\"groups\":["));
  const std::string slab_site = site_here(__FILE__, line);
  EXPECT_TRUE(has(json, "{\"tag\":\"untagged\",\"site\":\"" + slab_site + "\",\"count\":1,\"bytes\":" +
                            std::to_string(w.slab.usable_size(leak).value) + ",\"oldestFrame\":1}")) << json;
  EXPECT_TRUE(has(json, "\"site\":\"ui/button\",\"count\":1,\"bytes\":64,")) << json;
  EXPECT_TRUE(has(json, "\"misuse\":{\"total\":1,\"reports\":[{\"kind\":\"DoubleFree\","));
  EXPECT_TRUE(has(json, "\"freeSite\":\"" + site_here(__FILE__, line + 5) + "\""));  // the first free

  // Truncated: the length is the full one and nothing past max is written.
  std::string small(40, '#');
  small.push_back('!');
  EXPECT_EQ(t.report_json(mark, &small[0], 40), json.size());
  EXPECT_EQ(small.substr(0, 40), json.substr(0, 40));
  EXPECT_EQ(small.back(), '!');
}

TEST(TrackerReport, CountersModeHasNoLeaksAndNullMark) {
  World w;
  w.init(small_options(TrackMode::Counters));
  const Offset o = w.slab.alloc(10);
  ASSERT_NE(o, kNullOffset);
  const std::string json = w.report();
  ASSERT_TRUE(JsonCheck::valid(json)) << json;
  EXPECT_TRUE(has(json, "\"mode\":\"counters\""));
  EXPECT_TRUE(has(json, "\"leaks\":{\"available\":false,\"mark\":null,\"groups\":[]}"));
  EXPECT_TRUE(has(json, "\"rate\":{\"frames\":0,\"allocsPerFrame\":0,"));
  EXPECT_TRUE(has(json, "\"misuse\":{\"total\":0,\"reports\":[]}}"));
}

TEST(TrackerReport, FullModeWithoutMarkListsEveryRecord) {
  World w;
  w.init(small_options(TrackMode::Full));
  for (int i = 0; i < 3; ++i) ASSERT_NE(w.slab.alloc(16), kNullOffset);
  const std::string json = w.report();
  ASSERT_TRUE(JsonCheck::valid(json));
  EXPECT_TRUE(has(json, "\"leaks\":{\"available\":true,\"mark\":null,\"groups\":[{\"tag\":\"untagged\","));
  EXPECT_TRUE(has(json, "\"count\":3,\"bytes\":48,"));
}

TEST(TrackerReport, ValidatorRejectsBrokenJson) {
  EXPECT_TRUE(JsonCheck::valid("{\"a\":[1,2.5,-3e2,true,null,\"x\\u0041\"]}"));
  EXPECT_FALSE(JsonCheck::valid("{\"a\":1,}"));
  EXPECT_FALSE(JsonCheck::valid("{\"a\":01}"));
  EXPECT_FALSE(JsonCheck::valid("{\"a\":\"\n\"}"));
  EXPECT_FALSE(JsonCheck::valid("{\"a\":1} x"));
  EXPECT_FALSE(JsonCheck::valid("[1,2"));
}

}  // namespace
}  // namespace oc
