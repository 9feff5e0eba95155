// The game: a deterministic simulation whose whole state lives in one region (the engine's state
// region), rooted at a World (world.h) that holds in-region allocator ids and offsets only. Game is a
// view over it: open() finds everything again from region.root(), so after a snapshot restore or a
// rewind a program simply opens it again (O(1) plus the pool's structure check).
//
// Determinism: integer maths only, the RNG is World.rng, entities are updated in slot-index order,
// freed slots are zeroed first. tick(input) is a pure function of (region bytes, input bits).
// Allocation sites: the game passes Site::none() to its allocators, so a tracker attributes them to
// the host's context site (TypeScript sets tag 'level', site 'game.loadLevel' around a load).
#pragma once

#include "game/entity.h"
#include "game/world.h"
#include "memory/fixed_pool.h"
#include "memory/region.h"
#include "memory/slab_allocator.h"
#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc::game {

struct GameOptions {
  u32 entity_capacity = 4096;
};

struct LevelOptions {
  u32 seed = 0;     // World.rng's seed mixed with the level's hash (0 is fine)
  i32 lives = 3;    // >= 1
};

// Carves the World (once) and creates the entity pool (slot = sizeof(Entity), align 16) in `region`;
// `slab` must be a SlabAllocator of the same region: level data (tile grid, tile attributes) comes from
// it. Makes the World the region's root. InvalidArgument when the region already has a root, the slab
// is not the region's, or entity_capacity is 0; pool errors as FixedPool::create; Exhausted when the
// region is full (regions never shrink: bytes carved before a failure stay carved, the root stays 0).
Result<Offset> create_world(Region& region, SlabAllocator& slab, const GameOptions& options = {}) noexcept;

class Game {
 public:
  Game() = default;

  // Binds `out` to the World at region.root(). InvalidArgument for an invalid region; CorruptState when
  // the root is 0, the World's magic or version is wrong, its allocators are missing or not what it
  // says, its level data does not hold up (offsets, sizes, extents, player handle), or a value tick()
  // relies on is out of range (status, lives, health, score, checkpoint; per live entity: position,
  // speed, hitbox, damage or treasure value; see bounds.cpp). A restored snapshot is checksum-valid,
  // not necessarily sane: this is what keeps forged bytes from overflowing the simulation. O(entity_high).
  static Status open(Region& region, Game* out) noexcept;

  World& world() const noexcept { return *world_; }
  Region& region() const noexcept { return *region_; }
  const FixedPool& pool() const noexcept { return pool_; }
  const SlabAllocator& slab() const noexcept { return slab_; }
  bool valid() const noexcept { return world_ != nullptr; }

  // True when slot `index` (< world().entity_capacity) holds a live entity (its pool generation is
  // odd). Free slots read kind 0 in release builds; debug builds scrub them and ASan poisons them, so
  // code in the core asks this first instead of reading a free slot.
  bool live(u32 index) const noexcept { return (gens_[index] & 1u) != 0; }
  Entity& entity(u32 index) const noexcept { return entities_[index]; }
  // The live entity behind a handle, nullptr when the handle is stale or foreign.
  Entity* resolve(Handle h) const noexcept;

  // Loads a rebuilt (inflated) WWD image: the main plane's tile grid and the tile descriptions go into
  // slab blocks, the main plane's objects are spawned by logic name, the player at the WWD's start.
  // All or nothing: on failure nothing stays allocated. InvalidArgument when a level is loaded already
  // (unload it first) or lives outside [1, tuning::kMaxLives]; the WWD readers' statuses for a bad
  // image; Malformed for tiles outside [kMinTileSize, kMaxTileSize] px or a grid side outside
  // [1, kMaxTilesPerSide]; Oversized when the map is wider or taller than kMaxCoordinate px; OutOfRange
  // for a start or an object beyond +-kMaxCoordinate px; Exhausted when the pool or the slab cannot
  // hold the level. Type-2 tile rects are clamped to the tile, treasure scores to kMaxTreasureScore.
  Status load_level(formats::ByteSpan image, const LevelOptions& options = {}) noexcept;
  // Frees every entity and level block (slab live bytes back to the pre-load baseline) and resets the
  // World to Empty; the pool's free list goes back to index order, so the next load hands out slots
  // 0, 1, 2 ... exactly as the first did, whatever was played. Ok without a level.
  Status unload_level() noexcept;
  // One 60 Hz step with this frame's InputBits. InvalidArgument without a level. World.events holds
  // what happened; Complete and GameOver worlds only count frames.
  Status tick(u32 input_bits) noexcept;
  // The World's invariants: allocators sound, level blocks live and sized, every live slot a known
  // kind with its own handle, counters consistent with the live entities, links paired both ways.
  Status check() const noexcept;

 private:
  Status spawn_level(formats::ByteSpan image, const LevelOptions& options) noexcept;

  Region* region_ = nullptr;
  World* world_ = nullptr;
  Entity* entities_ = nullptr;
  const u32* gens_ = nullptr;  // the pool's generation counters
  FixedPool pool_;
  SlabAllocator slab_;
};

}  // namespace oc::game
