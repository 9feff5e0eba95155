// StatsFile (tracking/stats_file.h): report lines appended every N frames and at the end, named by the
// program or by OPENCLAW_STATS / OPENCLAW_STATS_EVERY; each line is exactly report_json() then '\n'.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "tracking/stats_file.h"
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::JsonCheck;
using testing_support::small_options;
using testing_support::World;

std::string temp_path(const char* name) {
  return std::string(::testing::TempDir()) + "oc_stats_" + std::to_string(::getpid()) + "_" + name;
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Unsets the variables the test set, whatever the outcome.
struct Env {
  Env() { clear(); }
  ~Env() { clear(); }
  static void clear() {
    ::unsetenv("OPENCLAW_STATS");
    ::unsetenv("OPENCLAW_STATS_EVERY");
  }
};

// A tracked world and a StatsFile for a file of the test's temp dir that does not exist yet; the file
// is finished and removed at the end of the test, whatever the outcome.
struct Session {
  Env env;
  World w;
  std::string path;
  StatsFile file;

  Session(TrackMode mode, const char* name) : path(temp_path(name)) {
    w.init(small_options(mode));
    std::remove(path.c_str());
  }
  ~Session() {
    file.finish();  // before the removal: finishing writes the last line
    std::remove(path.c_str());
  }
  Status open(u32 every = 0) {
    StatsFileOptions o;
    o.path = path.c_str();
    o.every = every;
    return file.open(*w.tracker, o);
  }
};

TEST(StatsFile, WithoutAPathItIsOffAndWritesNothing) {
  Env env;
  World w;
  w.init(small_options(TrackMode::Counters));
  StatsFile f;
  ASSERT_EQ(f.open(*w.tracker), Status::Ok);
  EXPECT_FALSE(f.enabled());
  EXPECT_TRUE(f.frame());
  EXPECT_TRUE(f.finish());
  EXPECT_EQ(f.lines(), 0u);
}

TEST(StatsFile, EveryNFramesAndOnceAtTheEndEachLineTheReportOfThatMoment) {
  Session s(TrackMode::Full, "every.jsonl");
  ASSERT_EQ(s.open(3), Status::Ok);
  ASSERT_TRUE(s.file.enabled());
  std::vector<std::string> expected;
  for (u32 frame = 1; frame <= 7; ++frame) {
    ASSERT_NE(s.w.slab.alloc(100 * frame), kNullOffset);
    s.w.tracker->frame_end();
    ASSERT_TRUE(s.file.frame());
    if (frame % 3 == 0) expected.push_back(s.w.report());
  }
  EXPECT_EQ(s.file.lines(), 2u);
  ASSERT_TRUE(s.file.finish());
  expected.push_back(s.w.report());  // frame 7: the end
  EXPECT_EQ(s.file.lines(), 3u);
  const std::vector<std::string> got = lines_of(s.path);
  ASSERT_EQ(got, expected);
  for (const std::string& l : got) EXPECT_TRUE(JsonCheck::valid(l));
  EXPECT_EQ(got[0].rfind("{\"format\":\"claw-stats\"", 0), 0u);
  EXPECT_NE(got[0].find("\"frame\":3,"), std::string::npos);
  EXPECT_NE(got[2].find("\"frame\":7,"), std::string::npos);
  EXPECT_EQ(contents(s.path).back(), '\n');
  // finish() runs once.
  EXPECT_TRUE(s.file.finish());
  EXPECT_EQ(lines_of(s.path).size(), 3u);
}

TEST(StatsFile, NoRepeatedLineWhenTheLastFrameJustWroteOneAndItAppends) {
  Session s(TrackMode::Counters, "append.jsonl");
  {
    std::ofstream out(s.path);
    out << "program output\n";
  }
  ASSERT_EQ(s.open(2), Status::Ok);
  for (u32 i = 0; i < 4; ++i) {
    s.w.tracker->frame_end();
    ASSERT_TRUE(s.file.frame());
  }
  ASSERT_TRUE(s.file.finish());
  const std::vector<std::string> got = lines_of(s.path);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], "program output");
  EXPECT_NE(got[2].find("\"frame\":4,"), std::string::npos);
}

TEST(StatsFile, TheEnvironmentNamesTheFileAndTheInterval) {
  Session s(TrackMode::Counters, "env.jsonl");
  World& w = s.w;
  const std::string& path = s.path;
  ASSERT_EQ(::setenv("OPENCLAW_STATS", path.c_str(), 1), 0);
  ASSERT_EQ(::setenv("OPENCLAW_STATS_EVERY", "2", 1), 0);
  {
    StatsFile f;
    ASSERT_EQ(f.open(*w.tracker), Status::Ok);
    EXPECT_TRUE(f.enabled());
    EXPECT_STREQ(f.path(), path.c_str());
    EXPECT_EQ(f.every(), 2u);
    for (u32 i = 0; i < 5; ++i) {
      w.tracker->frame_end();
      ASSERT_TRUE(f.frame());
    }
  }  // the destructor writes the last line
  EXPECT_EQ(lines_of(path).size(), 3u);

  // A given path wins over the environment; an interval that is not a whole number is refused.
  const std::string mine = temp_path("mine.jsonl");
  StatsFile g;
  StatsFileOptions o;
  o.path = mine.c_str();
  ASSERT_EQ(::setenv("OPENCLAW_STATS_EVERY", "2x", 1), 0);
  EXPECT_EQ(g.open(*w.tracker, o), Status::InvalidArgument);
  EXPECT_FALSE(g.enabled());
  for (const char* bad : {"-1", "", " 3", "99999999999"}) {
    ASSERT_EQ(::setenv("OPENCLAW_STATS_EVERY", bad, 1), 0);
    StatsFile h;
    EXPECT_EQ(h.open(*w.tracker, o), *bad == '\0' ? Status::Ok : Status::InvalidArgument) << bad;
  }
  ::unsetenv("OPENCLAW_STATS_EVERY");
  std::remove(mine.c_str());  // the empty interval's StatsFile wrote its end line there
  ASSERT_EQ(g.open(*w.tracker, o), Status::Ok);
  EXPECT_STREQ(g.path(), mine.c_str());
  EXPECT_EQ(g.every(), 0u);
  EXPECT_EQ(g.open(*w.tracker, o), Status::InvalidArgument);  // once
  ASSERT_TRUE(g.finish());
  EXPECT_EQ(lines_of(mine).size(), 1u);
  std::remove(mine.c_str());
}

TEST(StatsFile, AFileThatCannotBeWrittenIsReportedWithErrno) {
  Env env;
  World w;
  w.init(small_options(TrackMode::Counters));
  StatsFile f;
  StatsFileOptions o;
  o.path = "/nonexistent-dir-of-the-stats-test/stats.jsonl";
  ASSERT_EQ(f.open(*w.tracker, o), Status::Ok);
  errno = 0;
  EXPECT_FALSE(f.write());
  EXPECT_EQ(errno, ENOENT);
  EXPECT_FALSE(f.finish());
  EXPECT_EQ(f.lines(), 0u);
}

TEST(StatsFile, AReportThatGrowsBetweenLinesIsWrittenWhole) {
  Session s(TrackMode::Full, "grow.jsonl");
  ASSERT_EQ(s.open(), Status::Ok);
  ASSERT_TRUE(s.file.write());
  // Many tags and sites make the next report several times longer than the buffer the first one needed.
  Tracker& t = *s.w.tracker;
  for (u32 i = 0; i < 30; ++i) {
    const std::string name = "a-rather-long-tag-name-number-" + std::to_string(i);
    const u32 tag = t.tag(name.c_str(), static_cast<u32>(name.size()));
    t.set_context(tag, t.site_label(name.c_str(), static_cast<u32>(name.size())));
    ASSERT_NE(s.w.slab.alloc(64), kNullOffset);
  }
  ASSERT_TRUE(s.file.write());
  const std::string expected = s.w.report();
  ASSERT_TRUE(s.file.finish());
  const std::vector<std::string> got = lines_of(s.path);
  ASSERT_EQ(got.size(), 2u);  // no frame ended after the second line: finish() adds none
  EXPECT_GT(got[1].size(), 2 * got[0].size());
  EXPECT_EQ(got[1], expected);
  EXPECT_TRUE(JsonCheck::valid(got[1]));
}

}  // namespace
}  // namespace oc
