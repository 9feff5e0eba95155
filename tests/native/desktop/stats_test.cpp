// --stats: a full-mode tracker on the state region that changes none of its bytes, a claw-stats report
// on stdout at exit, and a leak list (leaks since the level load, after its unload) that is empty for
// the game and names a block that really stays behind.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "desktop/game_state.h"
#include "desktop/headless_run.h"
#include "desktop/input_stream.h"
#include "desktop/stats.h"
#include "desktop_fixture.h"
#include "memory/slab_allocator.h"

namespace oc::desktop {
namespace {

using testing::temp_path;

class DesktopStats : public ::testing::Test {
 protected:
  void SetUp() override {
    image = game::testing::build_level(testing::busy_level());
    testing::write_level_rez(rez, image);
    InputStream stream;
    u32 x = 0x9E3779B9u;
    for (u32 i = 0; i < kFrames; ++i) {
      if (i % 23 == 0) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
      }
      stream.frames.push_back(static_cast<u8>(x & game::kInputMask));
    }
    std::vector<u8> bytes;
    ASSERT_EQ(encode_input(stream, &bytes), Status::Ok);
    testing::write_bytes(input, bytes);
  }
  void TearDown() override {
    for (const std::string& p : {rez, input, sums, sums2, snap}) std::remove(p.c_str());
  }

  DesktopOptions options(u32 frames) const {
    DesktopOptions o;
    o.headless = true;
    o.frames = frames;
    o.frames_given = true;
    o.rez = rez;
    o.input = input;
    return o;
  }

  static constexpr u32 kFrames = 900;
  std::string rez = temp_path("stats.rez"), input = temp_path("stats.clawinput"), sums = temp_path("stats1.txt"),
              sums2 = temp_path("stats2.txt"), snap = temp_path("stats.clawsnap");
  std::vector<u8> image;
};

TEST_F(DesktopStats, TrackingChangesNoChecksumAndReportsNoLeaks) {
  DesktopOptions plain = options(kFrames);
  plain.checksums = sums;
  ASSERT_EQ(run_headless(plain).exit_code, 0);
  DesktopOptions tracked = options(kFrames);
  tracked.checksums = sums2;
  tracked.stats = true;
  RunSummary sum;
  const RunOutcome r = run_headless(tracked, &sum, nullptr);
  ASSERT_EQ(r.exit_code, 0) << r.message;
  EXPECT_EQ(testing::read_bytes(sums), testing::read_bytes(sums2));

  const std::string& rep = sum.stats_report;
  EXPECT_EQ(rep.rfind("{\"format\":\"claw-stats\"", 0), 0u) << rep.substr(0, 80);
  EXPECT_EQ(rep.find('\n'), std::string::npos);
  EXPECT_NE(rep.find("\"mode\":\"full\""), std::string::npos);
  EXPECT_NE(rep.find("\"level\""), std::string::npos) << "the level's tag";
  EXPECT_NE(rep.find("\"entities\""), std::string::npos) << "the pool's tag";
  EXPECT_NE(rep.find("\"leaks\":{\"available\":true"), std::string::npos);
  EXPECT_EQ(sum.leak_groups, 0u);
}

TEST_F(DesktopStats, AfterASnapshotLoadTheReportStillHasNoLeaks) {
  DesktopOptions first = options(400);
  first.save = snap;
  ASSERT_EQ(run_headless(first).exit_code, 0);
  DesktopOptions rest = options(300);
  rest.load = snap;
  rest.input.clear();  // input 0 from frame 400
  rest.stats = true;
  RunSummary sum;
  const RunOutcome r = run_headless(rest, &sum, nullptr);
  ASSERT_EQ(r.exit_code, 0) << r.message;
  EXPECT_EQ(sum.first_frame, 400u);
  EXPECT_EQ(sum.leak_groups, 0u);
  EXPECT_NE(sum.stats_report.find("\"mode\":\"full\""), std::string::npos);
}

TEST_F(DesktopStats, ABlockLeftAfterTheMarkIsReportedAsALeak) {
  auto state = std::make_unique<GameState>();
  ASSERT_EQ(make_game_state(state.get()), Status::Ok);
  RunTracking tracking;
  ASSERT_EQ(tracking.attach(*state), Status::Ok);
  EXPECT_EQ(tracking.attach(*state), Status::InvalidArgument);
  ASSERT_EQ(tracking.load_level(*state, game::testing::span_of(image)), Status::Ok);
  tracking.mark();
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(state->game.tick(0), Status::Ok);
    tracking.frame_end();
  }
  SlabAllocator slab = state->game.slab();
  Status s = Status::Ok;
  const Offset kept = slab.alloc(200, 16, &s);
  ASSERT_EQ(s, Status::Ok);
  ASSERT_NE(kept, 0u);
  std::string report;
  u32 groups = 0;
  ASSERT_EQ(tracking.finish(*state, &report, &groups), Status::Ok);
  EXPECT_EQ(groups, 1u);
  EXPECT_NE(report.find("stats_test.cpp"), std::string::npos) << "the leak names the allocating line";
}

TEST_F(DesktopStats, FinishWithoutATrackerIsNotTracking) {
  auto state = std::make_unique<GameState>();
  ASSERT_EQ(make_game_state(state.get()), Status::Ok);
  RunTracking tracking;
  std::string report = "x";
  u32 groups = 7;
  EXPECT_EQ(tracking.finish(*state, &report, &groups), Status::NotTracking);
  EXPECT_TRUE(report.empty());
  EXPECT_EQ(groups, 0u);
}

}  // namespace
}  // namespace oc::desktop
