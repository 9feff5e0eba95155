// Internal to native-legacy/game/: what the per-kind update files share. One Sim lives for one tick;
// it holds views (the World, the tile grid, the entity slots) and the frame's input, nothing that
// outlives the call.
#pragma once

#include "game/entity.h"
#include "game/game.h"
#include "game/tiles.h"
#include "game/world.h"
#include "memory/fixed_pool.h"
#include "memory/types.h"

namespace oc::game {

// Level limits, far above any real level (the original's largest planes are a few hundred tiles a
// side) and low enough that pixel sizes and subpixel positions stay well inside i32.
constexpr u32 kMaxTileSize = 1024;
constexpr u32 kMaxTilesPerSide = 1u << 15;
// Smaller tiles make a box meet more cells per query: 1-px tiles would make a tick O(area). With
// 16 px, kMaxSpeed is one tile per frame at most.
constexpr u32 kMinTileSize = 16;
// Map extents, object spawns and the start are within +-kMaxCoordinate px (subpixels: +-2^30).
constexpr i32 kMaxCoordinate = 1 << 22;
// Where an entity can ever be, px: the map plus room to fall out of it (the player dies, an enemy is
// freed, long before); movement clamps here, so subpixel sums stay inside i32.
constexpr i32 kMaxPosition = kMaxCoordinate + (kMaxCoordinate >> 1);
// Speeds, 1/kSubpixel px per frame: above every tuned speed, at most one kMinTileSize tile.
constexpr i32 kMaxSpeed = 16 * kSubpixel;
// Hitbox half extents, px (a box's cells per query stay few).
constexpr u16 kMaxHalfExtent = 512;

// A pixel box, half-open: [x0, x1) x [y0, y1).
struct Box {
  i32 x0, y0, x1, y1;
};

// Floor of a subpixel coordinate in px (also for negative positions).
inline i32 px_of(i32 sub) noexcept { return (sub - (sub < 0 ? kSubpixel - 1 : 0)) / kSubpixel; }

inline Box box_of(const Entity& e) noexcept {
  const i32 x = px_of(e.x), y = px_of(e.y);
  return Box{x - e.half_w, y - e.half_h, x + e.half_w, y + e.half_h};
}
inline bool overlaps(const Box& a, const Box& b) noexcept {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}
inline bool facing_left(const Entity& e) noexcept { return (e.flags & kFlagFacingLeft) != 0; }
inline void set_facing_left(Entity& e, bool left) noexcept {
  e.flags = static_cast<u16>(left ? e.flags | kFlagFacingLeft : e.flags & ~kFlagFacingLeft);
}
inline void set_flag(Entity& e, u16 flag, bool on) noexcept {
  e.flags = static_cast<u16>(on ? e.flags | flag : e.flags & ~flag);
}
// Changes the state; state_frames restarts only on a real change.
inline void set_state(Entity& e, u16 state) noexcept {
  if (e.state != state) {
    e.state = state;
    e.state_frames = 0;
  }
}

struct MoveRules {
  bool ground = true;       // one-way ground holds from above (off while climbing)
  bool ladder_tops = false; // the top of a ladder holds from above like ground (the player, not climbing)
};
struct MoveResult {
  bool blocked_x = false;
  bool blocked_y = false;
  bool on_ground = false;  // something holds the entity from below after the move
};

// Moves e by (vx, vy), x then y, one pixel at a time against the tiles (collide.cpp), so nothing
// tunnels whatever the speed; the cost is one query per pixel moved (speeds stay <= kMaxSpeed).
// Positions are clamped to +-kMaxPosition px.
MoveResult move_entity(const TileGrid& grid, Entity& e, const MoveRules& rules) noexcept;
// True when the row of pixels [x0, x1) at y holds something coming down on it from above, for an
// entity whose box is `box` (one-way ground counts only while the box is clear of ground).
bool holds_from_above(const TileGrid& grid, const Box& box, i32 x0, i32 x1, i32 y, const MoveRules& rules) noexcept;

struct Sim {
  Region* region;
  World* world;
  Entity* slots;
  const u32* gens;  // the pool's generations: odd while a slot is live
  FixedPool pool;
  TileGrid grid;
  u32 held;     // this frame's input bits
  u32 pressed;  // bits that went down this frame (jump and attack fire on the edge)
  Entity* player;  // nullptr while no level is loaded

  bool live(u32 index) const noexcept { return (gens[index] & 1u) != 0; }
  Entity* resolve(Handle h) const noexcept {
    Offset off = 0;
    if (h == kNullHandle || pool.resolve(h, &off) != Status::Ok) return nullptr;
    return region->at<Entity>(off);
  }
  bool player_alive() const noexcept {
    return player != nullptr && world->status == kWorldPlaying && (player->flags & kFlagDying) == 0;
  }
};

// The ranges tick() relies on (bounds.cpp): World status, lives, health, score, checkpoint and start;
// per live slot below entity_high: a known kind, position within +-kMaxPosition px, speed within
// +-kMaxSpeed, half extents <= kMaxHalfExtent, enemy damage in [0, kMaxHealth], treasure value in
// [0, kMaxTreasureScore]. CorruptState when one is off. O(entity_high).
Status check_bounds(const World& w, const Entity* slots, const u32* gens) noexcept;

// Zeroes the slot (kind 0: the renderer skips it) and gives it back to the pool.
void free_entity(Sim& sim, Entity& e) noexcept;

// Per-kind updates, called in slot-index order (player.cpp, enemies.cpp, items.cpp).
void update_player(Sim& sim, Entity& e) noexcept;
void update_enemy(Sim& sim, Entity& e) noexcept;
void update_crate(Sim& sim, Entity& e) noexcept;
void update_treasure(Sim& sim, Entity& e) noexcept;
void update_marker(Sim& sim, Entity& e) noexcept;  // checkpoints and the level end

// The player's fate (player.cpp): a hit from `from` (knockback away from it), a lost life, a respawn.
void hurt_player(Sim& sim, const Entity& from, i32 damage) noexcept;
void kill_player(Sim& sim) noexcept;
void respawn_player(Sim& sim) noexcept;

// A hit by the player's sword on a crate or an enemy (items.cpp, enemies.cpp).
void hit_crate(Sim& sim, Entity& crate) noexcept;
void hit_enemy(Sim& sim, Entity& enemy, bool from_left) noexcept;

}  // namespace oc::game
