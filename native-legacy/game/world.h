// World: the game's root object in the state region (RegionHeader.root points at it), so a program finds
// the whole game again after a restore or a rewind from the region's bytes alone. It holds the
// allocators' in-region ids (never pointers), the level's tile data as slab offsets, the player's
// handle, the score, the RNG state and the counters. Fixed-width fields only; engine/game/views.ts reads
// them at these offsets.
#pragma once

#include <cstddef>

#include "memory/types.h"

namespace oc::game {

constexpr u32 kWorldMagic = 0x5747434Fu;  // "OCGW" little-endian
constexpr u32 kWorldVersion = 1;

// Input bits of one frame (the whole input of the simulation).
enum InputBits : u32 {
  kInputLeft = 1u << 0,
  kInputRight = 1u << 1,
  kInputUp = 1u << 2,
  kInputDown = 1u << 3,
  kInputJump = 1u << 4,
  kInputAttack = 1u << 5,
  kInputMask = 0x3Fu,
};

enum WorldStatus : u32 {
  kWorldEmpty = 0,     // no level loaded
  kWorldPlaying = 1,
  kWorldRespawning = 2,// the player lost a life: back to the checkpoint after a delay
  kWorldComplete = 3,  // the level end was reached
  kWorldGameOver = 4,  // no lives left
};

// Events of the last tick, a bit set (sounds, HUD flashes, tests).
enum WorldEvents : u32 {
  kEventCrateBroken = 1u << 0,
  kEventTreasure = 1u << 1,
  kEventPlayerHurt = 1u << 2,
  kEventEnemyHit = 1u << 3,
  kEventEnemyDefeated = 1u << 4,
  kEventCheckpoint = 1u << 5,
  kEventLifeLost = 1u << 6,
  kEventComplete = 1u << 7,
  kEventAttack = 1u << 8,
  kEventJump = 1u << 9,
};

// One tile description in the simulation's form (from the WWD's tile descriptions).
struct TileAttr {
  u32 type;     // 1 single, 2 double (0: an id past the WWD's table: clear)
  u32 inside;   // WwdTileAttribute: 0 clear, 1 solid, 2 ground, 3 climb, 4 death
  u32 outside;  // type 2 only
  i32 left, top, right, bottom;  // type 2: the rect (px inside the tile, inclusive) where `inside` applies
};
static_assert(sizeof(TileAttr) == 28, "TileAttr is stored in the state region");

struct World {
  u32 magic;            // 0   kWorldMagic
  u32 version;          // 4   kWorldVersion
  u32 entity_pool;      // 8   in-region allocator id (handle tag) of the entity pool
  u32 slab;             // 12  in-region allocator id of the slab the level data comes from
  u32 entities_offset;  // 16  offset of entity slot 0 (the pool's slots_offset)
  u32 entity_stride;    // 20  sizeof(Entity)
  u32 entity_capacity;  // 24
  u32 entity_high;      // 28  slots [0, entity_high) have been used at least once: the renderer scans them
  u32 status;           // 32  WorldStatus
  u32 status_frames;    // 36  frames since the status began
  u32 tick;             // 40  simulation steps since the level was loaded
  u32 rng;              // 44  xorshift32 state, never 0
  u32 input;            // 48  the input bits of the last tick (edges: jump and attack fire on press)
  u32 events;           // 52  WorldEvents of the last tick
  u32 player;           // 56  the player's handle (0 without a level)
  i32 score;            // 60
  i32 health;           // 64  0..kMaxHealth
  i32 lives;            // 68
  i32 checkpoint_x;     // 72  px: where the player respawns
  i32 checkpoint_y;     // 76
  i32 start_x, start_y; // 80  px: the level's start (WWD header)
  u32 tiles_offset;     // 88  slab block: i32[tiles_x * tiles_y] of the main plane, row-major, -1 empty
  u32 tiles_x;          // 92
  u32 tiles_y;          // 96
  u32 tile_w;           // 100 px
  u32 tile_h;           // 104 px
  u32 attrs_offset;     // 108 slab block: TileAttr[attrs_count], indexed by tile id
  u32 attrs_count;      // 112
  u32 spawned;          // 116 WWD objects spawned
  u32 ignored;          // 120 WWD objects of a logic the game does not know (counted, not spawned)
  u32 treasure_total;   // 124 treasures in the level, crates' drops included
  u32 treasure_taken;   // 128
  u32 crates_total;     // 132
  u32 crates_broken;    // 136
  u32 enemies_total;    // 140
  u32 enemies_defeated; // 144
  u32 damage_taken;     // 148 health lost in all
  u32 level_hash_lo;    // 152 FNV-1a 64 of the WWD image the level came from
  u32 level_hash_hi;    // 156
  u32 invulnerable;     // 160 frames the player cannot be hurt (after a hit, after a respawn)
  u32 reserved[23];     // 164 zero
};

static_assert(sizeof(World) == 256, "World is part of the snapshot format and of the engine's views");
static_assert(offsetof(World, entity_high) == 28 && offsetof(World, player) == 56 && offsetof(World, score) == 60 &&
                  offsetof(World, tiles_offset) == 88 && offsetof(World, spawned) == 116 &&
                  offsetof(World, level_hash_lo) == 152,
              "World field offsets are read by engine/game/views.ts");

}  // namespace oc::game
