// The headless mode end to end over a synthetic level in a REZ file: checksum lines, determinism, the
// snapshot at a frame continuing bit-exactly, and refused inputs that write nothing.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "desktop/game_state.h"
#include "desktop/headless_run.h"
#include "desktop/input_stream.h"
#include "desktop_fixture.h"

namespace oc::desktop {
namespace {

using testing::file_exists;
using testing::temp_path;

std::vector<std::string> lines_of(const std::string& path) {
  const std::vector<u8> bytes = testing::read_bytes(path);
  std::vector<std::string> out;
  std::string line;
  for (u8 c : bytes) {
    if (c == '\n') {
      out.push_back(line);
      line.clear();
    } else {
      line.push_back(static_cast<char>(c));
    }
  }
  EXPECT_TRUE(line.empty()) << "the last line ends with a newline";
  return out;
}

class DesktopHeadless : public ::testing::Test {
 protected:
  void SetUp() override {
    image = game::testing::build_level(testing::busy_level());
    testing::write_level_rez(rez, image);
    // The level's hash, as the game computes it: what a recording made on this level carries.
    auto state = std::make_unique<GameState>();
    ASSERT_EQ(make_game_state(state.get()), Status::Ok);
    ASSERT_EQ(load_level(*state, game::testing::span_of(image)), Status::Ok);
    level_hash = state->game.world().level_hash_lo | static_cast<u64>(state->game.world().level_hash_hi) << 32;
    ASSERT_NE(level_hash, 0u);
    // Held keys from a xorshift32 stream: runs, jumps, swings, climbs.
    u32 x = 0x2545F491u;
    for (u32 i = 0; i < kFrames;) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      const u8 bits = static_cast<u8>(x & game::kInputMask);
      for (u32 k = 0; k < 1 + (x >> 27) && i < kFrames; ++k) stream.frames.push_back(bits), ++i;
    }
    stream.level_hash = level_hash;
    write_stream(input, stream);
  }
  void TearDown() override {
    for (const std::string& p : {rez, input, sums, sums2, snap}) std::remove(p.c_str());
  }

  static void write_stream(const std::string& path, const InputStream& s) {
    std::vector<u8> bytes;
    ASSERT_EQ(encode_input(s, &bytes), Status::Ok);
    testing::write_bytes(path, bytes);
  }

  DesktopOptions options(u32 frames) const {
    DesktopOptions o;
    o.headless = true;
    o.frames = frames;
    o.frames_given = true;
    o.rez = rez;
    return o;
  }

  static constexpr u32 kFrames = 600;
  std::string rez = temp_path("headless.rez"), input = temp_path("in.clawinput"), sums = temp_path("sums.txt"),
              sums2 = temp_path("sums2.txt"), snap = temp_path("at.clawsnap");
  std::vector<u8> image;
  u64 level_hash = 0;
  InputStream stream;
};

TEST_F(DesktopHeadless, WritesOneChecksumLinePerStep) {
  DesktopOptions o = options(kFrames);
  o.input = input;
  o.checksums = sums;
  RunSummary sum;
  const RunOutcome r = run_headless(o, &sum);
  ASSERT_EQ(r.exit_code, 0) << r.message;
  const std::vector<std::string> lines = lines_of(sums);
  ASSERT_EQ(lines.size(), kFrames);
  char expected_last[48];
  std::snprintf(expected_last, sizeof expected_last, "%u %016llx", kFrames, static_cast<unsigned long long>(sum.last_checksum));
  EXPECT_EQ(lines.back(), expected_last);
  EXPECT_EQ(lines[0].substr(0, 2), "1 ");
  EXPECT_EQ(lines[0].size(), 2u + 16u);
  EXPECT_EQ(sum.first_frame, 0u);
  EXPECT_EQ(sum.last_frame, kFrames);
  EXPECT_FALSE(sum.saved);
}

TEST_F(DesktopHeadless, TheSameStreamGivesTheSameLinesAndAnotherStreamOthers) {
  DesktopOptions o = options(kFrames);
  o.input = input;
  o.checksums = sums;
  ASSERT_EQ(run_headless(o).exit_code, 0);
  o.checksums = sums2;
  ASSERT_EQ(run_headless(o).exit_code, 0);
  EXPECT_EQ(lines_of(sums), lines_of(sums2));
  o.input.clear();  // input 0 every frame
  ASSERT_EQ(run_headless(o).exit_code, 0);
  EXPECT_NE(lines_of(sums), lines_of(sums2));
}

TEST_F(DesktopHeadless, ASnapshotAtAFrameContinuesLikeTheUninterruptedRun) {
  DesktopOptions o = options(kFrames);
  o.input = input;
  o.checksums = sums;
  o.save = snap;
  o.save_at = 250;
  o.save_at_given = true;
  RunSummary sum;
  ASSERT_EQ(run_headless(o, &sum).exit_code, 0);
  ASSERT_TRUE(sum.saved);
  EXPECT_EQ(sum.saved_frame, 250u);
  const std::vector<std::string> full = lines_of(sums);

  InputStream rest;
  rest.level_hash = level_hash;
  rest.start_frame = 250;
  rest.frames.assign(stream.frames.begin() + 250, stream.frames.end());
  write_stream(input, rest);
  DesktopOptions load = options(kFrames - 250);
  load.rez = temp_path("not-read.rez");  // a snapshot holds the level: the archive is not opened
  load.load = snap;
  load.input = input;
  load.checksums = sums2;
  RunSummary after;
  const RunOutcome r = run_headless(load, &after);
  ASSERT_EQ(r.exit_code, 0) << r.message;
  EXPECT_EQ(after.first_frame, 250u);
  EXPECT_EQ(lines_of(sums2), std::vector<std::string>(full.begin() + 250, full.end()));
}

TEST_F(DesktopHeadless, SaveWithoutSaveAtSavesAtTheEndAndSaveAtZeroBeforeAnyStep) {
  DesktopOptions o = options(40);
  o.save = snap;
  RunSummary sum;
  ASSERT_EQ(run_headless(o, &sum).exit_code, 0);
  EXPECT_EQ(sum.saved_frame, 40u);
  o.save_at = 0;
  o.save_at_given = true;
  ASSERT_EQ(run_headless(o, &sum).exit_code, 0);
  EXPECT_EQ(sum.saved_frame, 0u);
  o.save_at = 1000;  // never reached: at the end
  ASSERT_EQ(run_headless(o, &sum).exit_code, 0);
  EXPECT_EQ(sum.saved_frame, 40u);
}

TEST_F(DesktopHeadless, ABadSnapshotIsRefusedWithCode2AndNothingIsWritten) {
  DesktopOptions o = options(50);
  o.save = snap;
  ASSERT_EQ(run_headless(o).exit_code, 0);
  std::vector<u8> bytes = testing::read_bytes(snap);
  bytes[bytes.size() / 2] ^= 0xFF;
  const std::string bad = temp_path("bad.clawsnap");
  testing::write_bytes(bad, bytes);
  std::remove(snap.c_str());

  DesktopOptions load = options(10);
  load.load = bad;
  load.checksums = sums;
  load.save = snap;
  const RunOutcome r = run_headless(load);
  std::remove(bad.c_str());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.message, bad + ": ChecksumMismatch (snapshot refused, nothing loaded)");
  EXPECT_FALSE(file_exists(sums));
  EXPECT_FALSE(file_exists(snap));

  load.load = temp_path("absent.clawsnap");
  const RunOutcome absent = run_headless(load);
  EXPECT_EQ(absent.exit_code, 2);
  EXPECT_NE(absent.message.find("absent.clawsnap: cannot read"), std::string::npos) << absent.message;
}

TEST_F(DesktopHeadless, ADamagedInputIsRefusedBeforeAnythingRuns) {
  std::vector<u8> bytes = testing::read_bytes(input);
  bytes[40] ^= 0x01;
  testing::write_bytes(input, bytes);
  DesktopOptions o = options(100);
  o.input = input;
  o.checksums = sums;
  const RunOutcome r = run_headless(o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.message, input + ": ChecksumMismatch (not a valid .clawinput v1)");
  EXPECT_FALSE(file_exists(sums));
}

TEST_F(DesktopHeadless, MoreFramesThanTheInputHoldsIsOutOfRange) {
  DesktopOptions o = options(kFrames + 1);
  o.input = input;
  const RunOutcome r = run_headless(o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.message.find("OutOfRange"), std::string::npos) << r.message;
}

TEST_F(DesktopHeadless, AnInputOfAnotherLevelOrFrameIsABaseMismatch) {
  InputStream other = stream;
  other.level_hash = level_hash ^ 1;
  write_stream(input, other);
  DesktopOptions o = options(10);
  o.input = input;
  RunOutcome r = run_headless(o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.message.find("BaseMismatch (recorded on level"), std::string::npos) << r.message;

  other.level_hash = 0;  // any level
  other.start_frame = 7;
  write_stream(input, other);
  r = run_headless(o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.message.find("recorded from frame 7, the state is at frame 0"), std::string::npos) << r.message;

  other.start_frame = 0;
  write_stream(input, other);
  EXPECT_EQ(run_headless(o).exit_code, 0) << "a stream bound to no level plays on any";
}

TEST_F(DesktopHeadless, ALevelTheGameRefusesNamesTheArchiveAndTheWorld) {
  game::testing::LevelSpec empty;
  empty.rows = {""};
  testing::write_level_rez(rez, game::testing::build_level(empty));
  const RunOutcome r = run_headless(options(1));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.message.find(rez + ":/LEVEL1/WORLDS/WORLD.WWD: "), std::string::npos) << r.message;
}

}  // namespace
}  // namespace oc::desktop
