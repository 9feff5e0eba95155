// Where F5 writes the quick slot (desktop/window/save_paths.h): the XDG base-directory rules.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "desktop/desktop_fixture.h"
#include "desktop/window/save_paths.h"

namespace oc::desktop::window {
namespace {

TEST(WindowSavePaths, XdgDataHomeWins) {
  EXPECT_EQ(saves_dir("/data", "/home/u"), "/data/openclaw/saves");
  EXPECT_EQ(saves_dir("/data/", "/home/u"), "/data/openclaw/saves");
  EXPECT_EQ(quick_save_path(saves_dir("/data", nullptr)), "/data/openclaw/saves/quick.clawsnap");
}

TEST(WindowSavePaths, ElseHomeLocalShare) {
  EXPECT_EQ(saves_dir(nullptr, "/home/u"), "/home/u/.local/share/openclaw/saves");
  EXPECT_EQ(saves_dir("", "/home/u/"), "/home/u/.local/share/openclaw/saves");
  // A relative XDG_DATA_HOME is invalid by the spec and ignored.
  EXPECT_EQ(saves_dir("rel/data", "/home/u"), "/home/u/.local/share/openclaw/saves");
}

TEST(WindowSavePaths, NowhereWithoutAnAbsolutePath) {
  EXPECT_EQ(saves_dir(nullptr, nullptr), "");
  EXPECT_EQ(saves_dir("", ""), "");
  EXPECT_EQ(saves_dir("x", "y"), "");
  EXPECT_EQ(saves_dir("/", nullptr), "/openclaw/saves");
}

TEST(WindowSavePaths, MakeDirsCreatesEveryLevelAndRefusesAFile) {
  const std::string root = testing::temp_path("xdg");
  const std::string dir = saves_dir(root.c_str(), nullptr);
  ASSERT_EQ(make_dirs(dir), 0);
  struct stat st;
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
  EXPECT_EQ(make_dirs(dir), 0);  // already there
  const std::string file = root + "/plain";
  testing::write_bytes(file, {1});
  EXPECT_NE(make_dirs(file + "/saves"), 0);
  EXPECT_EQ(make_dirs(file), ENOTDIR);
}

}  // namespace
}  // namespace oc::desktop::window
