// Builds a rebuilt WWD image (header + uncompressed body, offsets absolute) from a description: the
// fixtures of the tests and, later, the demo game's levels. Compressing the body into a real .WWD is
// the tools' job (zlib), since the core does not link zlib.
#pragma once

#include <string>
#include <vector>

#include "memory/types.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"
#include "resources/formats/wwd_tiles.h"

namespace oc::formats {

struct WwdObjectSpec {
  WwdObject fields;  // offset and the TextRefs are ignored: the strings below decide them
  std::string name, logic, image_set, sound;
};

struct WwdPlaneSpec {
  u32 flags = 0;
  std::string name;
  u32 pixel_width = 0, pixel_height = 0, tile_width = 64, tile_height = 64;
  u32 tiles_x = 0, tiles_y = 0;  // tiles holds tiles_x * tiles_y entries
  i32 movement_percent_x = 100, movement_percent_y = 100;
  u32 fill_color = 0;
  i32 z = 0;
  std::vector<i32> tiles;
  std::vector<std::string> image_sets;
  std::vector<WwdObjectSpec> objects;
};

struct WwdSpec {
  u32 flags = kWwdFlagCompressed;
  std::string level_name, author, birth, rez_file, image_directory, palette_path, launch_app;
  std::string image_sets[4], prefixes[4];
  i32 start_x = 0, start_y = 0;
  u32 checksum = 0;
  std::vector<WwdPlaneSpec> planes;
  std::vector<WwdTileDescription> tile_descriptions;
};

// Tile descriptions as the writer takes them: one attribute for the whole tile (type 1), or `inside`
// within `rect` and `outside` elsewhere (type 2).
inline WwdTileDescription wwd_tile_single(u32 width, u32 height, u32 attribute, u32 unknown = 0) {
  WwdTileDescription d{};
  d.type = kWwdTileSingle;
  d.unknown = unknown;
  d.width = width;
  d.height = height;
  d.inside_attrib = attribute;
  return d;
}
inline WwdTileDescription wwd_tile_double(u32 width, u32 height, u32 inside, u32 outside, WwdRect rect,
                                          u32 unknown = 0) {
  WwdTileDescription d = wwd_tile_single(width, height, inside, unknown);
  d.type = kWwdTileDouble;
  d.outside_attrib = outside;
  d.rect = rect;
  return d;
}

// The layout written: header | plane headers | per plane: tiles, image sets, objects | tile
// descriptions. mainBlockLength is the body's size. Fixed char fields are cut to their field size.
std::vector<u8> wwd_write_image(const WwdSpec& spec);

}  // namespace oc::formats
