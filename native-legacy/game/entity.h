// Entity: one actor of the game world (the player, a crate, a treasure, an enemy, a checkpoint, the
// level end), a 64-byte slot of the world's entity pool. Fixed-width fields only: the slot's bytes are
// part of every snapshot and the renderer reads them through typed-array views at these offsets
// (engine/game/views.ts mirrors them; the layout table carries them so both builds are compared).
// Positions and speeds are fixed point: kSubpixel units per pixel. Entities refer to each other by
// pool handle (`link`), never by pointer or index.
#pragma once

#include <cstddef>
#include <cstdint>

#include "memory/types.h"

namespace oc::game {


constexpr i32 kSubpixel = 256;  // position units per pixel

enum EntityKind : u16 {
  kKindNone = 0,  // a free slot: the game zeroes a slot before it frees it
  kKindPlayer = 1,
  kKindCrate = 2,
  kKindTreasure = 3,
  kKindCrab = 4,
  kKindRatGuard = 5,
  kKindCheckpoint = 6,
  kKindLevelEnd = 7,
  kKindCount = 8,
};

enum EntityFlags : u16 {
  kFlagFacingLeft = 1u << 0,
  kFlagOnGround = 1u << 1,
  kFlagOnLadder = 1u << 2,
  kFlagBlink = 1u << 3,     // invulnerable after a hit: the renderer blinks it
  kFlagDying = 1u << 4,     // playing its last animation, no longer collides
  kFlagHidden = 1u << 5,    // not drawn (a crate's treasure before the crate breaks, a taken checkpoint flag)
};

// Per-kind states (EntityKind decides which apply). The renderer maps (kind, state) to an animation.
enum EntityState : u16 {
  kStateIdle = 0,
  kStateRun = 1,
  kStateJump = 2,   // rising
  kStateFall = 3,
  kStateClimb = 4,
  kStateAttack = 5,
  kStateHurt = 6,
  kStateDead = 7,
  kStateWalk = 8,     // enemies patrolling
  kStateBreaking = 9, // crates
  kStateRaised = 10,  // checkpoints once reached
};

struct Entity {
  u16 kind;          // 0  EntityKind
  u16 flags;         // 2  EntityFlags
  u32 self;          // 4  this slot's own handle
  i32 x, y;          // 8  centre of the hitbox, in 1/kSubpixel px (the WWD object's x, y)
  i32 vx, vy;        // 16 speed, 1/kSubpixel px per frame
  u16 half_w, half_h;// 24 hitbox half extents, px
  u16 state;         // 28 EntityState
  u16 state_frames;  // 30 frames since the state began (saturates at 65535)
  i16 hp;            // 32 hits left (enemies, crates), the player's health lives in the World
  u16 variant;       // 34 treasure: 1 coin, 2 gem, 3 chalice; crate: the treasure it drops (0 none)
  i32 value;         // 36 treasure: score; enemy: damage per hit
  i32 min_x, max_x;  // 40 patrol range in px (enemies); 0, 0 = none
  u32 link;          // 48 a handle: crate -> its dropped treasure; treasure -> the crate it came from
  u16 timer;         // 52 a countdown per kind (attack cooldown, respawn delay)
  u16 source;        // 54 index of the WWD object it came from, 0xFFFF when spawned at run time
  i32 spawn_id;      // 56 the WWD object's id (0 when spawned at run time)
  u32 reserved;      // 60 zero
};

static_assert(sizeof(Entity) == 64, "Entity is part of the snapshot format and of the renderer's views");
static_assert(offsetof(Entity, x) == 8 && offsetof(Entity, half_w) == 24 && offsetof(Entity, state) == 28,
              "Entity field offsets are read by engine/game/views.ts");
static_assert(offsetof(Entity, hp) == 32 && offsetof(Entity, value) == 36 && offsetof(Entity, link) == 48 &&
                  offsetof(Entity, timer) == 52 && offsetof(Entity, spawn_id) == 56,
              "Entity field offsets are read by engine/game/views.ts");

constexpr u16 kSourceRuntime = 0xFFFF;

}  // namespace oc::game
