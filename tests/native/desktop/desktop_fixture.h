// Shared by the desktop suites: temporary files, a synthetic level (the game suites' character-grid
// levels) packed into a REZ on disk, stored plain or zlib-compressed as the real archive stores it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "desktop/files.h"
#include "game/game_fixture.h"
#include "resources/formats/rez_writer.h"
#include "resources/formats/wwd.h"

namespace oc::desktop::testing {

// A path in the test's temporary directory, unique per process.
inline std::string temp_path(const std::string& name) {
  return std::string(::testing::TempDir()) + "oc_desktop_" + std::to_string(::getpid()) + "_" + name;
}

inline bool file_exists(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f != nullptr) std::fclose(f);
  return f != nullptr;
}

inline std::vector<u8> read_bytes(const std::string& path) {
  std::vector<u8> out;
  EXPECT_EQ(read_whole_file(path, &out), 0) << path;
  return out;
}

inline void write_bytes(const std::string& path, const std::vector<u8>& bytes) {
  ASSERT_EQ(write_whole_file(path, bytes.data(), bytes.size()), 0) << path;
}

// Ground, a pit, platforms, crates, treasure, both enemies and a far end: enough for the checksums to
// move every frame.
inline game::testing::LevelSpec busy_level() {
  game::testing::LevelSpec l;
  l.rows = {
      "##############################",
      "#............................#",
      "#..........-----.............#",
      "#.......H.............___....#",
      "#.......H....................#",
      "####..######^^^######..#######",
      "##############################",
  };
  l.start_x = 96;
  l.start_y = 320 - game::tuning::kPlayerHalfH;
  for (i32 i = 0; i < 4; ++i) l.objects.push_back({"Crate", 300 + 64 * i, 320 - 24, "LEVEL_CRATE", 0, i % 4});
  for (i32 i = 0; i < 6; ++i) l.objects.push_back({"Treasure", 160 + 90 * i, 300, "LEVEL_COIN"});
  l.objects.push_back({"Crab", 420, 320 - 20, "LEVEL_CRAB"});
  l.objects.push_back({"RatGuard", 1000, 320 - 34, "LEVEL_RATGUARD"});
  l.objects.push_back({"Checkpoint", 650, 320 - 40, "LEVEL_CHECKPOINT"});
  l.objects.push_back({"LevelEnd", 1850, 320 - 40, "LEVEL_CHECKPOINT"});
  return l;
}

// The image with the compressed flag set (what the reader rebuilds from the stored file) and the
// stored file itself: the same header bytes, then the body deflated.
inline void compressed_wwd(const std::vector<u8>& plain, std::vector<u8>* image, std::vector<u8>* stored) {
  formats::WwdHeader h;
  ASSERT_EQ(formats::wwd_parse_header(formats::ByteSpan(plain.data(), static_cast<u32>(plain.size())), &h), Status::Ok);
  *image = plain;
  const u32 flags = h.flags | formats::kWwdFlagCompressed;
  std::memcpy(image->data() + 8, &flags, sizeof flags);
  uLongf packed = compressBound(h.main_block_length);
  stored->assign(h.planes_offset + packed, 0);
  std::memcpy(stored->data(), image->data(), h.planes_offset);
  ASSERT_EQ(compress2(stored->data() + h.planes_offset, &packed, image->data() + h.planes_offset, h.main_block_length, 9), Z_OK);
  stored->resize(h.planes_offset + packed);
}

// A REZ holding `wwd` as /LEVEL<level>/WORLDS/WORLD.WWD (and a palette beside it, so the level is not
// the only entry), written to `path`.
inline void write_level_rez(const std::string& path, const std::vector<u8>& wwd, u32 level = 1) {
  const std::string world = "LEVEL" + std::to_string(level) + "/WORLDS/WORLD.WWD";
  const std::string pal = "LEVEL" + std::to_string(level) + "/PALETTES/MAIN.PAL";
  const std::vector<u8> palette(768, 7);
  std::vector<formats::RezSourceFile> files = {
      {pal, formats::ByteSpan(palette.data(), static_cast<u32>(palette.size()))},
      {world, formats::ByteSpan(wwd.data(), static_cast<u32>(wwd.size()))},
  };
  std::vector<u8> rez;
  ASSERT_EQ(formats::write_rez(files, &rez), Status::Ok);
  write_bytes(path, rez);
}

}  // namespace oc::desktop::testing
