// WWD tile descriptions: what each tile image is made of (solid, ground, climb, death...). A preamble
// of 8 u32 that must read (32, 0, count, 0, 0, 0, 0, 0), then count records of 20 bytes (type 1, one
// attribute) or 40 bytes (type 2, an inside and an outside attribute split by a rectangle).
#pragma once

#include "memory/types.h"
#include "resources/formats/span.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"

namespace oc::formats {

constexpr u32 kWwdTilePreambleSize = 32;
constexpr u32 kWwdTileSingle = 1;  // 20-byte record
constexpr u32 kWwdTileDouble = 2;  // 40-byte record
constexpr u32 kWwdTileSingleSize = 20;
constexpr u32 kWwdTileDoubleSize = 40;

enum WwdTileAttribute : u32 {
  kTileClear = 0,
  kTileSolid = 1,
  kTileGround = 2,  // one-way: solid from above only
  kTileClimb = 3,
  kTileDeath = 4,
};

struct WwdTileDescription {
  u32 type;
  u32 unknown;
  u32 width, height;
  u32 inside_attrib;
  u32 outside_attrib;  // type 2 only (0 for type 1)
  WwdRect rect;        // type 2 only: where inside_attrib applies
};

// Checks the preamble at header.tile_descriptions_offset and returns its count. Truncated when the
// preamble is cut, Malformed when it is not (32, 0, count, 0...), Oversized when count records of at
// least 20 bytes cannot fit after it.
Status wwd_tile_descriptions_count(ByteSpan image, const WwdHeader& header, u32* count);

// Fills out[0, count). InvalidArgument when capacity < count; Truncated when a record is cut; Malformed
// for a type other than 1 or 2.
Status wwd_read_tile_descriptions(ByteSpan image, const WwdHeader& header, WwdTileDescription* out,
                                  u32 capacity);

}  // namespace oc::formats
