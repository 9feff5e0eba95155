// Where a level's files are in its archive, by the same rules as engine/game/level-source.ts (so the
// desktop and the page draw the same pictures from the same archive): a tile of plane P is
// <imageDirectory>/<P's image set, or BACK/ACTION/FRONT by name>/NNN.PID; an image set PREFIX_REST is
// looked up under the header's prefix pairs, then LEVEL_ -> /LEVELn/IMAGES, GAME_ -> /GAME/IMAGES,
// CLAW_ -> /CLAW/IMAGES, with REST as a sub-path (underscores as separators) or as one name; an ANI
// name is looked up under /LEVELn/ANIS, /CLAW/ANIS, /GAME/ANIS. Lookups that can check the archive do,
// through an ArchiveProbe, so the rules are testable without one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "desktop/window/level_layout.h"
#include "memory/types.h"

namespace oc::desktop::window {

class ArchiveProbe {
 public:
  virtual bool is_dir(std::string_view path) const = 0;
  virtual bool is_file(std::string_view path) const = 0;

 protected:
  ~ArchiveProbe() = default;
};

// '\LEVEL1\TILES', 'LEVEL1/TILES/' -> '/LEVEL1/TILES'.
std::string archive_path(std::string_view path);
// The folder of a plane's tiles below the image directory.
std::string plane_folder(const PlaneLayout& plane);
std::string tile_path(const LevelLayout& level, u32 plane, i32 id);
// <dir>/FRAMEnnn.PID
std::string frame_file(const std::string& dir, u32 image);
// The header's palette, else /LEVELn/PALETTES/MAIN.PAL.
std::string palette_path(const LevelLayout& level);

// The directories an image set name may mean, most likely first.
std::vector<std::string> image_set_candidates(const LevelLayout& level, std::string_view set_name);
// The first candidate the archive has as a directory, else the first candidate.
std::string image_set_dir(const LevelLayout& level, std::string_view set_name, const ArchiveProbe& archive);
// The first candidate path of an ANI the archive has as a file, else the first candidate.
std::string ani_path(u32 level, std::string_view name, const ArchiveProbe& archive);
// LEVEL_PLAYER when the archive has that set (the demo), else the original's CLAW.
std::string player_set(const LevelLayout& level, const ArchiveProbe& archive);

}  // namespace oc::desktop::window
