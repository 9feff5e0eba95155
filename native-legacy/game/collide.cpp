// Movement against the tile grid, a pixel at a time: boxes never tunnel, and type-2 tiles (a ledge, a
// platform's top strip, spikes in the lower half) collide by their rect, not by their whole cell.
#include "game/sim.h"

namespace oc::game {

namespace {

bool column_blocked(const TileGrid& g, i32 x, const Box& b) noexcept {
  return (g.mask(x, b.y0, x + 1, b.y1) & kMaskSolid) != 0;
}

// The top row of a ladder: a climb row whose row above is not climb (at a cell boundary).
bool ladder_top(const TileGrid& g, i32 x0, i32 x1, i32 y) noexcept {
  if (y % g.tile_h != 0) return false;
  return (g.mask(x0, y, x1, y + 1) & kMaskClimb) != 0 && (g.mask(x0, y - 1, x1, y) & kMaskClimb) == 0;
}

constexpr i32 kPositionLimit = kMaxPosition * kSubpixel;

i32 clamp_position(i64 v) noexcept {
  return v < -kPositionLimit ? -kPositionLimit : v > kPositionLimit ? kPositionLimit : static_cast<i32>(v);
}

}  // namespace

bool holds_from_above(const TileGrid& g, const Box& box, i32 x0, i32 x1, i32 y, const MoveRules& rules) noexcept {
  const u32 row = g.mask(x0, y, x1, y + 1);
  if (row & kMaskSolid) return true;
  if (rules.ground && (row & kMaskGround) && (g.mask(box.x0, box.y0, box.x1, box.y1) & kMaskGround) == 0) return true;
  if (rules.ladder_tops && ladder_top(g, x0, x1, y) && (g.mask(box.x0, box.y0, box.x1, box.y1) & kMaskClimb) == 0) {
    return true;
  }
  return false;
}

MoveResult move_entity(const TileGrid& g, Entity& e, const MoveRules& rules) noexcept {
  MoveResult r;
  // Nothing falls forever in a sound world (out of the map's bottom is death), but positions and
  // speeds are region bytes: clamped here, their sums can never leave i32.
  e.x = clamp_position(e.x);
  e.y = clamp_position(e.y);
  // x: step the leading column.
  if (e.vx != 0) {
    const i32 target = clamp_position(i64{e.x} + e.vx);
    const i32 from = px_of(e.x), to = px_of(target);
    const i32 dir = to > from ? 1 : -1;
    i32 at = from;
    while (at != to) {
      Box b = box_of(e);
      b.x0 += at - from;
      b.x1 += at - from;
      const i32 column = dir > 0 ? b.x1 : b.x0 - 1;
      if (column_blocked(g, column, b)) {
        r.blocked_x = true;
        break;
      }
      at += dir;
    }
    if (r.blocked_x) {
      // Flush against the wall: the last free pixel, its sub-pixel part toward the wall.
      e.x = at * kSubpixel + (dir > 0 ? kSubpixel - 1 : 0);
      e.vx = 0;
    } else {
      e.x = target;
    }
  }
  // y: step the leading row.
  if (e.vy != 0) {
    const i32 target = clamp_position(i64{e.y} + e.vy);
    const i32 from = px_of(e.y), to = px_of(target);
    const i32 dir = to > from ? 1 : -1;
    i32 at = from;
    while (at != to) {
      Box b = box_of(e);
      b.y0 += at - from;
      b.y1 += at - from;
      const bool blocked = dir > 0 ? holds_from_above(g, b, b.x0, b.x1, b.y1, rules)
                                   : (g.mask(b.x0, b.y0 - 1, b.x1, b.y0) & kMaskSolid) != 0;
      if (blocked) {
        r.blocked_y = true;
        break;
      }
      at += dir;
    }
    if (r.blocked_y) {
      e.y = at * kSubpixel + (dir > 0 ? kSubpixel - 1 : 0);
      e.vy = 0;
    } else {
      e.y = target;
    }
  }
  const Box b = box_of(e);
  r.on_ground = holds_from_above(g, b, b.x0, b.x1, b.y1, rules);
  return r;
}

}  // namespace oc::game
