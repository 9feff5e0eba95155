// Tile attribute queries over the level's main plane: what a pixel box of the world is made of.
// A TileGrid is a view built from the World's slab blocks (no state of its own). Attributes are those
// of the WWD (formats::WwdTileAttribute); a type-2 description applies `inside` within its rect
// (inclusive pixel bounds inside the tile) and `outside` elsewhere.
//
// Beyond the map: left and right of it is solid (the level's walls), above and below is clear (a jump
// may leave the top of the screen; falling out of the bottom is handled by the player as a death).
#pragma once

#include <cstdint>

#include "game/world.h"
#include "memory/region.h"
#include "memory/types.h"

namespace oc::game {

// Sums of untrusted i32s (rect bounds, positions plus speeds) are taken in 64 bits, then clamped.
using i64 = std::int64_t;

// Attribute bits: 1 << WwdTileAttribute.
enum TileMask : u32 {
  kMaskClear = 1u << 0,
  kMaskSolid = 1u << 1,
  kMaskGround = 1u << 2,
  kMaskClimb = 1u << 3,
  kMaskDeath = 1u << 4,
};

struct TileGrid {
  const i32* cells = nullptr;  // tiles_x * tiles_y, row-major, -1 empty
  const TileAttr* attrs = nullptr;
  u32 attrs_count = 0;
  i32 tiles_x = 0, tiles_y = 0, tile_w = 64, tile_h = 64;

  i32 pixel_width() const noexcept { return tiles_x * tile_w; }
  i32 pixel_height() const noexcept { return tiles_y * tile_h; }
  // The tile id at cell (tx, ty); -1 outside the grid or for an empty cell.
  i32 tile(i32 tx, i32 ty) const noexcept;
  // The attribute bits met by the pixel box [x0, x1) x [y0, y1) (empty box: 0).
  u32 mask(i32 x0, i32 y0, i32 x1, i32 y1) const noexcept;
  // The attribute at one pixel (a WwdTileAttribute value).
  u32 attribute_at(i32 x, i32 y) const noexcept;
};

// The grid of a loaded World (a World without a level gives an empty grid: everything clear).
TileGrid tile_grid(const Region& region, const World& world) noexcept;

}  // namespace oc::game
