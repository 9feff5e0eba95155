// Where the window finds a level's pictures (desktop/window/asset_paths.h, level_layout.h, level_art.h,
// archive.h over desktop/rez_file.h): the page's path rules checked against a probe, then a REZ on disk with three planes, a
// palette, the player's clip and one fallback set resolved end to end.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "desktop/desktop_fixture.h"
#include "desktop/window/asset_paths.h"
#include "desktop/window/clips.h"
#include "desktop/window/level_art.h"
#include "desktop/window/level_layout.h"
#include "desktop/window/archive.h"
#include "game/entity.h"
#include "resources/formats/ani.h"
#include "resources/formats/pid.h"

namespace oc::desktop::window {
namespace {

class SetProbe final : public ArchiveProbe {
 public:
  std::set<std::string> dirs, files;
  bool is_dir(std::string_view p) const override { return dirs.count(std::string(p)) != 0; }
  bool is_file(std::string_view p) const override { return files.count(std::string(p)) != 0; }
};

LevelLayout demo_like_layout() {
  LevelLayout l;
  l.level = 1;
  l.image_directory = "\\LEVEL1\\TILES";
  PlaneLayout back, action, front;
  back.name = "Background";
  back.image_set = "BACK";
  action.name = "Action";
  action.flags = kPlaneFlagMain;
  front.name = "Front";  // no image set: the folder comes from the name
  l.planes = {back, action, front};
  return l;
}

TEST(WindowAssets, ArchivePathsNormalise) {
  EXPECT_EQ(archive_path("\\LEVEL1\\TILES"), "/LEVEL1/TILES");
  EXPECT_EQ(archive_path("LEVEL1//TILES/"), "/LEVEL1/TILES");
  EXPECT_EQ(archive_path(""), "/");
}

TEST(WindowAssets, TilePathsFollowThePlanesFolder) {
  const LevelLayout l = demo_like_layout();
  EXPECT_EQ(tile_path(l, 0, 7), "/LEVEL1/TILES/BACK/007.PID");
  EXPECT_EQ(tile_path(l, 2, 123), "/LEVEL1/TILES/FRONT/123.PID");
  EXPECT_EQ(tile_path(l, 2, 1234), "/LEVEL1/TILES/FRONT/1234.PID");
  EXPECT_EQ(palette_path(l), "/LEVEL1/PALETTES/MAIN.PAL");
  LevelLayout named = l;
  named.palette_path = "LEVEL1\\PALETTES\\OTHER.PAL";
  EXPECT_EQ(palette_path(named), "/LEVEL1/PALETTES/OTHER.PAL");
  EXPECT_EQ(frame_file("/LEVEL1/IMAGES/CRAB", 3), "/LEVEL1/IMAGES/CRAB/FRAME003.PID");
}

TEST(WindowAssets, MainPlaneRule) {
  LevelLayout l = demo_like_layout();
  EXPECT_EQ(main_plane_index(l.planes), 1u);
  l.planes[1].flags = 0;
  l.planes[1].name = "action";
  l.planes.push_back(l.planes[0]);
  l.planes[3].flags = kPlaneFlagMain;
  EXPECT_EQ(main_plane_index(l.planes), 3u);  // the flag wins over the name
  l.planes[3].flags = 0;
  EXPECT_EQ(main_plane_index(l.planes), 1u);  // then the name, in any case
  l.planes[1].name = "Middle";
  EXPECT_EQ(main_plane_index(l.planes), 0u);  // four planes, none named: the first
  l.planes.pop_back();
  EXPECT_EQ(main_plane_index(l.planes), 1u);  // three: the middle one
}

TEST(WindowAssets, ImageSetsResolveAsThePageDoes) {
  LevelLayout l = demo_like_layout();
  l.prefixes[0] = "LEVEL";
  l.prefix_dirs[0] = "\\LEVEL1\\IMAGES";
  const std::vector<std::string> c = image_set_candidates(l, "GAME_TREASURE_COINS");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], "/GAME/IMAGES/TREASURE/COINS");
  EXPECT_EQ(c[1], "/GAME/IMAGES/TREASURE_COINS");
  EXPECT_EQ(c[2], "/GAME/TREASURE/COINS");
  EXPECT_EQ(image_set_candidates(l, "CLAW")[0], "/CLAW/IMAGES");
  SetProbe probe;
  EXPECT_EQ(image_set_dir(l, "LEVEL_CRAB", probe), "/LEVEL1/IMAGES/CRAB");  // nothing exists: the first
  probe.dirs.insert("/GAME/IMAGES/TREASURE_COINS");
  EXPECT_EQ(image_set_dir(l, "GAME_TREASURE_COINS", probe), "/GAME/IMAGES/TREASURE_COINS");
  EXPECT_EQ(player_set(l, probe), "CLAW");
  probe.dirs.insert("/LEVEL1/IMAGES/PLAYER");
  EXPECT_EQ(player_set(l, probe), "LEVEL_PLAYER");
}

TEST(WindowAssets, AniPathsTryTheLevelThenThePrefixes) {
  SetProbe probe;
  EXPECT_EQ(ani_path(1, "PLAYER_RUN", probe), "/LEVEL1/ANIS/PLAYER_RUN.ANI");
  probe.files.insert("/LEVEL1/ANIS/PLAYER/RUN.ANI");
  EXPECT_EQ(ani_path(1, "PLAYER_RUN", probe), "/LEVEL1/ANIS/PLAYER/RUN.ANI");
  EXPECT_EQ(ani_path(2, "CLAW_IDLE", probe), "/CLAW/ANIS/IDLE.ANI");
}

TEST(WindowAssets, ClipsAndFrameTimingMatchThePage) {
  const std::vector<ClipSpec> clips = demo_clips();
  EXPECT_EQ(clips[clip_slot(game::kKindPlayer, game::kStateRun, 0)].ani, "PLAYER_RUN");
  EXPECT_EQ(clips[clip_slot(game::kKindTreasure, game::kStateIdle, 2)].ani, "GEM_SPARKLE");
  EXPECT_EQ(clips[clip_slot(game::kKindLevelEnd, game::kStateIdle, 0)].image, 3u);
  EXPECT_TRUE(clips[clip_slot(game::kKindCrab, game::kStateRaised, 0)].set.empty());
  // 100 ms -> 6 ticks, 25 ms -> round(1.5) = 2, 1 ms -> at least 1.
  const std::vector<u16> table = frame_table({100, 25, 1});
  ASSERT_EQ(table.size(), 9u);
  EXPECT_EQ(table[5], 0u);
  EXPECT_EQ(table[6], 1u);
  EXPECT_EQ(table[8], 2u);
  EXPECT_EQ(pick_frame(ClipMode::Loop, table, 3, 9 + 6), 1u);
  EXPECT_EQ(pick_frame(ClipMode::Once, table, 3, 500), 2u);
  EXPECT_EQ(pick_frame(ClipMode::Last, table, 3, 0), 2u);
  EXPECT_EQ(pick_frame(ClipMode::First, table, 3, 7), 0u);
}

std::vector<u8> tiny_pid(u32 side, u8 index) {
  std::vector<u8> indices(side * side, index);
  formats::PidImage img;
  img.indices = indices.data();
  img.width = img.height = side;
  img.flags = formats::pid_flags::kCompressed | formats::pid_flags::kTransparency;
  const Result<u32> size = formats::pid_encoded_size(img);
  std::vector<u8> out(size.value);
  EXPECT_TRUE(formats::pid_encode(img, out.data(), size.value).ok());
  return out;
}

TEST(WindowAssets, ALevelOnDiskResolvesItsPlanesClipsAndFallbacks) {
  game::testing::LevelSpec spec = testing::busy_level();
  spec.three_planes = true;
  const std::vector<u8> wwd = game::testing::build_level(spec);
  const std::vector<u8> pid = tiny_pid(4, 9), palette(768, 5);
  const formats::AniFrameSpec frames[] = {{1, 100, 0, nullptr}, {2, 50, 0, nullptr}};
  const std::vector<u8> idle = formats::ani_write("LEVEL_PLAYER", frames, 2);
  auto span = [](const std::vector<u8>& v) { return formats::ByteSpan(v.data(), static_cast<u32>(v.size())); };
  const std::vector<formats::RezSourceFile> files = {
      {"LEVEL1/WORLDS/WORLD.WWD", span(wwd)},
      {"LEVEL1/PALETTES/MAIN.PAL", span(palette)},
      {"LEVEL1/ANIS/PLAYER_IDLE.ANI", span(idle)},
      {"LEVEL1/IMAGES/PLAYER/FRAME001.PID", span(pid)},
      {"LEVEL1/IMAGES/PLAYER/FRAME002.PID", span(pid)},
      {"LEVEL1/IMAGES/CRAB/FRAME004.PID", span(pid)},
      {"LEVEL1/IMAGES/CRAB/FRAME002.PID", span(pid)},
  };
  std::vector<u8> rez;
  ASSERT_EQ(formats::write_rez(files, &rez), Status::Ok);
  const std::string path = testing::temp_path("window_assets.rez");
  testing::write_bytes(path, rez);

  RezArchiveFile archive;
  std::string detail;
  ASSERT_EQ(archive.open(path, &detail), Status::Ok) << detail;
  std::vector<u8> bytes;
  ASSERT_EQ(archive.read("/level1/images/player/frame002.pid", &bytes), Status::Ok);  // any case, as the page
  EXPECT_EQ(bytes, pid);
  EXPECT_EQ(archive.read("/LEVEL1/IMAGES/PLAYER", &bytes), Status::Missing);  // a directory is not a file

  LevelLayout layout;
  ASSERT_EQ(read_level_layout(span(wwd), 1, &layout, &detail), Status::Ok) << detail;
  ASSERT_EQ(layout.planes.size(), 3u);
  EXPECT_EQ(layout.main_plane, 1u);
  EXPECT_EQ(layout.planes[1].tiles_x, 30u);
  EXPECT_EQ(layout.planes[1].tiles.size(), 30u * 7u);
  EXPECT_EQ(layout.planes[0].tiles, (std::vector<i32>{1, 1, 1, 1}));
  EXPECT_EQ(layout.kind_sets[game::kKindCrab], "LEVEL_CRAB");
  EXPECT_EQ(layout.kind_sets[game::kKindPlayer], "");

  const LevelArt art = level_art(layout, archive);
  const ClipArt& player_idle = art.clips[clip_slot(game::kKindPlayer, game::kStateIdle, 0)];
  ASSERT_EQ(player_idle.paths.size(), 2u);
  EXPECT_EQ(player_idle.paths[1], "/LEVEL1/IMAGES/PLAYER/FRAME002.PID");
  EXPECT_EQ(player_idle.table.size(), 6u + 3u);
  EXPECT_TRUE(art.clips[clip_slot(game::kKindPlayer, game::kStateRun, 0)].paths.empty());  // no PLAYER_RUN.ANI
  EXPECT_NE(std::find(art.missing_anis.begin(), art.missing_anis.end(), "PLAYER_RUN"), art.missing_anis.end());
  EXPECT_EQ(art.fallbacks[game::kKindPlayer], "/LEVEL1/IMAGES/PLAYER/FRAME001.PID");
  EXPECT_EQ(art.fallbacks[game::kKindCrab], "/LEVEL1/IMAGES/CRAB/FRAME002.PID");  // the first by name
  EXPECT_EQ(art.fallbacks[game::kKindRatGuard], "");                               // its set is not there
  std::remove(path.c_str());
}

}  // namespace
}  // namespace oc::desktop::window
