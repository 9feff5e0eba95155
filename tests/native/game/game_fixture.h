// Shared by the game suites: a state region with a slab and a World, and synthetic levels drawn as
// character grids (written by formats::wwd_write_image with an uncompressed body).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "game/game.h"
#include "game/tuning.h"
#include "memory/region.h"
#include "memory/slab_allocator.h"
#include "resources/formats/wwd_writer.h"

namespace oc::game::testing {

// Tile ids of the synthetic levels (the tile descriptions below, indexed by id).
enum TestTile : i32 {
  kEmpty = -1,
  kSolid = 1,     // '#'
  kOneWay = 2,    // '-': type 2, the top 16 px ground (one-way), clear below
  kLadder = 3,    // 'H'
  kSpikes = 4,    // '^': type 2, the lower 28 px death
  kLedge = 5,     // '_': type 2, the lower half solid
  kDeath = 6,     // 'D': all death
};

inline i32 tile_of(char c) {
  switch (c) {
    case '#': return kSolid;
    case '-': return kOneWay;
    case 'H': return kLadder;
    case '^': return kSpikes;
    case '_': return kLedge;
    case 'D': return kDeath;
    default: return kEmpty;
  }
}

inline std::vector<formats::WwdTileDescription> test_tile_descriptions() {
  using namespace formats;
  return {
      wwd_tile_single(64, 64, kTileClear),
      wwd_tile_single(64, 64, kTileSolid),
      wwd_tile_double(64, 64, kTileGround, kTileClear, WwdRect{0, 0, 63, 15}),
      wwd_tile_single(64, 64, kTileClimb),
      wwd_tile_double(64, 64, kTileDeath, kTileClear, WwdRect{0, 36, 63, 63}),
      wwd_tile_double(64, 64, kTileSolid, kTileClear, WwdRect{0, 32, 63, 63}),
      wwd_tile_single(64, 64, kTileDeath),
  };
}

struct ObjectSpec {
  std::string logic;
  i32 x = 0, y = 0;
  std::string image_set;
  i32 score = 0, powerup = 0, health = 0, damage = 0, min_x = 0, max_x = 0, id = 0;
};

struct LevelSpec {
  std::vector<std::string> rows;  // the main plane, one char per 64-px tile
  i32 start_x = 96, start_y = 96;
  std::vector<ObjectSpec> objects;
  u32 main_flags = formats::kWwdPlaneMain;
  std::string main_name = "Action";
  bool three_planes = false;  // a background and a front plane around the main one
};

inline std::vector<u8> build_level(const LevelSpec& spec) {
  using namespace formats;
  WwdSpec w;
  w.flags = 0;
  w.level_name = "Test";
  w.start_x = spec.start_x;
  w.start_y = spec.start_y;
  WwdPlaneSpec main;
  main.flags = spec.main_flags;
  main.name = spec.main_name;
  main.tiles_y = static_cast<u32>(spec.rows.size());
  main.tiles_x = spec.rows.empty() ? 0 : static_cast<u32>(spec.rows[0].size());
  main.pixel_width = main.tiles_x * 64;
  main.pixel_height = main.tiles_y * 64;
  for (const std::string& row : spec.rows) {
    for (char c : row) main.tiles.push_back(tile_of(c));
  }
  main.image_sets = {"ACTION"};
  i32 next_id = 1;
  for (const ObjectSpec& o : spec.objects) {
    WwdObjectSpec ws{};
    ws.fields.id = o.id != 0 ? o.id : next_id;
    ++next_id;
    ws.fields.x = o.x;
    ws.fields.y = o.y;
    ws.fields.score = o.score;
    ws.fields.powerup = o.powerup;
    ws.fields.health = o.health;
    ws.fields.damage = o.damage;
    ws.fields.min_x = o.min_x;
    ws.fields.max_x = o.max_x;
    ws.logic = o.logic;
    ws.image_set = o.image_set;
    main.objects.push_back(ws);
  }
  if (spec.three_planes) {
    WwdPlaneSpec back;
    back.name = "Background";
    back.tiles_x = back.tiles_y = 2;
    back.tiles = {1, 1, 1, 1};
    back.image_sets = {"BACK"};
    WwdPlaneSpec front = back;
    front.name = "Front";
    w.planes = {back, main, front};
  } else {
    w.planes = {main};
  }
  w.tile_descriptions = test_tile_descriptions();
  return wwd_write_image(w);
}

inline bool facing_left_of(const Entity& e) { return (e.flags & kFlagFacingLeft) != 0; }
inline void set_facing_left(Entity& e, bool left) {
  e.flags = static_cast<u16>(left ? e.flags | kFlagFacingLeft : e.flags & ~kFlagFacingLeft);
}

inline formats::ByteSpan span_of(const std::vector<u8>& v) {
  return formats::ByteSpan(v.data(), static_cast<u32>(v.size()));
}

// A state region (8 MiB) with a slab (4 MiB) and a World.
class GameFixture : public ::testing::Test {
 protected:
  void SetUp() override { make(4096); }

  void make(u32 capacity, u32 region_bytes = 8u << 20, u32 slab_bytes = 4u << 20) {
    ASSERT_EQ(region.init(region_bytes), Status::Ok);
    Result<SlabAllocator> s = SlabAllocator::create(region, slab_bytes);
    ASSERT_TRUE(s.ok());
    slab = s.value;
    GameOptions options;
    options.entity_capacity = capacity;
    ASSERT_TRUE(create_world(region, slab, options).ok());
    ASSERT_EQ(Game::open(region, &game), Status::Ok);
  }

  void load(const LevelSpec& spec) {
    image = build_level(spec);
    ASSERT_EQ(game.load_level(span_of(image)), Status::Ok);
    ASSERT_EQ(game.check(), Status::Ok);
  }

  World& w() { return game.world(); }
  Entity& player() { return *game.resolve(game.world().player); }
  // The first live entity of a kind, or nullptr.
  Entity* first(EntityKind kind) {
    for (u32 i = 0; i < w().entity_high; ++i) {
      if (game.live(i) && game.entity(i).kind == kind) return &game.entity(i);
    }
    return nullptr;
  }
  u32 count(EntityKind kind) {
    u32 n = 0;
    for (u32 i = 0; i < w().entity_high; ++i) n += game.live(i) && game.entity(i).kind == kind ? 1u : 0u;
    return n;
  }
  void run(u32 frames, u32 input = 0) {
    for (u32 i = 0; i < frames; ++i) ASSERT_EQ(game.tick(input), Status::Ok);
  }
  // Ticks until pred() or `limit` frames; true when pred() held.
  template <typename F>
  bool run_until(F&& pred, u32 limit, u32 input = 0) {
    for (u32 i = 0; i < limit; ++i) {
      if (pred()) return true;
      if (game.tick(input) != Status::Ok) return false;
    }
    return pred();
  }
  i32 px(i32 sub) const { return sub / kSubpixel; }

  Region region;
  SlabAllocator slab;
  Game game;
  std::vector<u8> image;
};

}  // namespace oc::game::testing
