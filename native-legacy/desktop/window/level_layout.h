// What the window needs of a level's WWD beyond what the simulation keeps: every plane's tile grid and
// parallax, the header's paths (image directory, palette, prefix pairs), and the first image set of the
// main plane's objects of each entity kind (the fallback pictures for archives without the demo's
// ANIs). Read once from the rebuilt image; nothing refers into it afterwards.
#pragma once

#include <string>
#include <vector>

#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc::desktop::window {

constexpr u32 kPlaneFlagMain = 1;
constexpr u32 kPlaneFlagNoDraw = 2;
constexpr u32 kPlaneFlagWrapX = 4;
constexpr u32 kPlaneFlagWrapY = 8;
// The tile sizes the renderer draws, as web/game/planes.ts (anything else is a damaged level).
constexpr u32 kMinDrawTile = 8;
constexpr u32 kMaxDrawTile = 1024;

struct PlaneLayout {
  std::string name;
  std::string image_set;  // the plane's first image set ("" when none): its tile folder
  u32 flags = 0;
  u32 tile_w = 0, tile_h = 0, tiles_x = 0, tiles_y = 0;
  i32 movement_x = 100, movement_y = 100;  // parallax, percent of the camera's motion
  std::vector<i32> tiles;                  // tiles_x * tiles_y, row-major, -1 empty
};

struct LevelLayout {
  u32 level = 1;
  std::string image_directory;  // e.g. \LEVEL1\TILES
  std::string palette_path;     // as the header says ("" when none)
  std::string prefixes[4];      // the header's prefix -> image-set directory pairs
  std::string prefix_dirs[4];
  std::vector<PlaneLayout> planes;
  u32 main_plane = 0;
  std::string kind_sets[8];  // by entity kind: the image set of the first main-plane object of that kind
};

// Malformed (detail says what) when the image's planes or objects do not read; the WWD readers'
// statuses otherwise. The simulation has accepted the same image before this runs.
Status read_level_layout(formats::ByteSpan image, u32 level, LevelLayout* out, std::string* detail);

// The main plane: flag 1, else the plane named "Action", else plane 1 of 3, else 0 (the core's rule).
u32 main_plane_index(const std::vector<PlaneLayout>& planes);

// A tile size the renderer draws (kMinDrawTile .. kMaxDrawTile on both sides).
bool plane_drawable(const PlaneLayout& plane);

}  // namespace oc::desktop::window
