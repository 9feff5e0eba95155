// Tile attribute queries (see tiles.h).
#include "game/tiles.h"

#include "resources/formats/wwd_tiles.h"

namespace oc::game {

namespace {

// Floor division for the negative pixels left of and above the map.
i32 floor_div(i32 a, i32 b) noexcept { return a >= 0 ? a / b : -((-a + b - 1) / b); }

u32 bit(u32 attribute) noexcept { return attribute <= formats::kTileDeath ? 1u << attribute : kMaskClear; }

// The bits met by the cell-local span [lx0, lx1) x [ly0, ly1) of a cell holding `id`.
u32 cell_mask(const TileGrid& g, i32 id, i32 lx0, i32 ly0, i32 lx1, i32 ly1) noexcept {
  if (id < 0 || static_cast<u32>(id) >= g.attrs_count) return kMaskClear;
  const TileAttr& a = g.attrs[id];
  if (a.type == formats::kWwdTileSingle) return bit(a.inside);
  if (a.type != formats::kWwdTileDouble) return kMaskClear;
  // The rect's bounds are inclusive; as a half-open span: [left, right + 1). 64-bit: the load clamps
  // the rect to the tile, but a restored state's bytes are only as sound as its producer.
  const i64 rx0 = a.left, ry0 = a.top, rx1 = i64{a.right} + 1, ry1 = i64{a.bottom} + 1;
  const bool meets = lx0 < rx1 && rx0 < lx1 && ly0 < ry1 && ry0 < ly1;
  const bool within = lx0 >= rx0 && lx1 <= rx1 && ly0 >= ry0 && ly1 <= ry1;
  u32 m = 0;
  if (meets) m |= bit(a.inside);
  if (!within) m |= bit(a.outside);
  return m;
}

}  // namespace

i32 TileGrid::tile(i32 tx, i32 ty) const noexcept {
  if (cells == nullptr || tx < 0 || ty < 0 || tx >= tiles_x || ty >= tiles_y) return -1;
  return cells[static_cast<u32>(ty) * static_cast<u32>(tiles_x) + static_cast<u32>(tx)];
}

u32 TileGrid::mask(i32 x0, i32 y0, i32 x1, i32 y1) const noexcept {
  if (x0 >= x1 || y0 >= y1) return 0;
  u32 m = 0;
  const i32 width = pixel_width(), height = pixel_height();
  if (x0 < 0 || x1 > width) m |= kMaskSolid;  // the walls beside the map
  // Clamp to the map: what lies above and below it is clear.
  const i32 cx0 = x0 < 0 ? 0 : x0, cx1 = x1 > width ? width : x1;
  const i32 cy0 = y0 < 0 ? 0 : y0, cy1 = y1 > height ? height : y1;
  if ((y0 < 0 || y1 > height) || cx0 >= cx1 || cy0 >= cy1) m |= kMaskClear;
  if (cx0 >= cx1 || cy0 >= cy1) return m;
  const i32 tx0 = floor_div(cx0, tile_w), tx1 = floor_div(cx1 - 1, tile_w);
  const i32 ty0 = floor_div(cy0, tile_h), ty1 = floor_div(cy1 - 1, tile_h);
  for (i32 ty = ty0; ty <= ty1; ++ty) {
    const i32 top = ty * tile_h;
    const i32 ly0 = cy0 > top ? cy0 - top : 0;
    const i32 ly1 = cy1 < top + tile_h ? cy1 - top : tile_h;
    for (i32 tx = tx0; tx <= tx1; ++tx) {
      const i32 left = tx * tile_w;
      const i32 lx0 = cx0 > left ? cx0 - left : 0;
      const i32 lx1 = cx1 < left + tile_w ? cx1 - left : tile_w;
      m |= cell_mask(*this, tile(tx, ty), lx0, ly0, lx1, ly1);
    }
  }
  return m;
}

u32 TileGrid::attribute_at(i32 x, i32 y) const noexcept {
  const u32 m = mask(x, y, x + 1, y + 1);
  // One pixel meets one attribute, except beside the map where the wall wins.
  for (u32 a = formats::kTileDeath; a > 0; --a) {
    if (m & (1u << a)) return a;
  }
  return formats::kTileClear;
}

TileGrid tile_grid(const Region& region, const World& world) noexcept {
  TileGrid g;
  if (world.status == kWorldEmpty || world.tiles_offset == 0) return g;
  g.cells = region.at<const i32>(world.tiles_offset);
  g.attrs = world.attrs_offset != 0 ? region.at<const TileAttr>(world.attrs_offset) : nullptr;
  g.attrs_count = g.attrs != nullptr ? world.attrs_count : 0;
  g.tiles_x = static_cast<i32>(world.tiles_x);
  g.tiles_y = static_cast<i32>(world.tiles_y);
  g.tile_w = static_cast<i32>(world.tile_w);
  g.tile_h = static_cast<i32>(world.tile_h);
  return g;
}

}  // namespace oc::game
