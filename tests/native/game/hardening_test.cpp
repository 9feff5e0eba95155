// Untrusted input: WWD images whose numbers would overflow the simulation's integers, and states whose
// World or entity bytes were forged (a snapshot's checksum covers the bytes, not their sense). Also the
// slot order of a reload after play. Without the bounds these tests die under UBSan or see other slots.
#include <cstdint>
#include <cstring>
#include <vector>

#include "game/sim.h"
#include "game_fixture.h"
#include "resources/formats/wwd_writer.h"

namespace oc::game::testing {
namespace {

// 20 tiles wide, ground top at y 256; the player starts standing at x 96.
LevelSpec flat(std::vector<ObjectSpec> objects) {
  LevelSpec l;
  l.rows = {"####################", "#..................#", "#..................#", "#..................#",
            "####################"};
  l.start_x = 96;
  l.start_y = 256 - tuning::kPlayerHalfH;
  l.objects = std::move(objects);
  return l;
}

// One main plane of tiles_x * tiles_y cells of tile 1 (solid) but for a clear row above the bottom,
// with `tile` px square tiles and `descriptions` as the level's tile table.
std::vector<u8> plane_level(u32 tiles_x, u32 tiles_y, u32 tile, std::vector<formats::WwdTileDescription> descriptions,
                            i32 start_x, i32 start_y, std::vector<ObjectSpec> objects = {}) {
  using namespace formats;
  WwdSpec w;
  w.flags = 0;
  w.level_name = "Hardening";
  w.start_x = start_x;
  w.start_y = start_y;
  WwdPlaneSpec main;
  main.flags = kWwdPlaneMain;
  main.name = "Action";
  main.tiles_x = tiles_x;
  main.tiles_y = tiles_y;
  main.tile_width = main.tile_height = tile;
  main.pixel_width = tiles_x * tile;
  main.pixel_height = tiles_y * tile;
  main.tiles.assign(static_cast<size_t>(tiles_x) * tiles_y, -1);
  for (u32 x = 0; x < tiles_x; ++x) main.tiles[static_cast<size_t>(tiles_y - 1) * tiles_x + x] = 1;
  main.image_sets = {"ACTION"};
  i32 id = 1;
  for (const ObjectSpec& o : objects) {
    WwdObjectSpec ws{};
    ws.fields.id = id++;
    ws.fields.x = o.x;
    ws.fields.y = o.y;
    ws.fields.score = o.score;
    ws.logic = o.logic;
    ws.image_set = o.image_set;
    main.objects.push_back(ws);
  }
  w.planes = {main};
  w.tile_descriptions = std::move(descriptions);
  return wwd_write_image(w);
}

class GameHardening : public GameFixture {
 protected:
  // Expects Game::open to refuse the region's bytes as they are now.
  void expect_refused(const char* what) {
    Game reopened;
    EXPECT_EQ(Game::open(region, &reopened), Status::CorruptState) << what;
    EXPECT_FALSE(reopened.valid()) << what;
  }
};

// Finding 1: a type-2 rect's inclusive bounds near INT32_MAX made `right + 1` overflow on every query.
TEST_F(GameHardening, TypeTwoRectsAreClampedToTheTile) {
  using namespace formats;
  const i32 big = INT32_MAX;
  std::vector<WwdTileDescription> d = {
      wwd_tile_single(64, 64, kTileClear),
      wwd_tile_double(64, 64, kTileSolid, kTileClear, WwdRect{INT32_MIN, INT32_MIN, big, big}),
  };
  image = plane_level(8, 4, 64, d, 200, 100);
  ASSERT_EQ(game.load_level(span_of(image)), Status::Ok);
  const TileAttr& a = region.at<TileAttr>(w().attrs_offset)[1];
  EXPECT_EQ(a.left, -1);
  EXPECT_EQ(a.top, -1);
  EXPECT_EQ(a.right, 64);
  EXPECT_EQ(a.bottom, 64);
  run(60);  // falls onto the bottom row: the rect covers the whole tile
  EXPECT_TRUE(player().flags & kFlagOnGround);
  EXPECT_EQ(px(player().y) + player().half_h, 192);
  EXPECT_EQ(game.check(), Status::Ok);

  // A forged table (bytes written after the load) is still safe to query.
  TileAttr& forged = region.at<TileAttr>(w().attrs_offset)[1];
  forged.right = forged.bottom = big;
  forged.left = forged.top = INT32_MIN;
  run(5);
  EXPECT_TRUE(player().flags & kFlagOnGround);
}

// Finding 2: WWD scores are i32 and untrusted; two INT32_MAX treasures overflowed World.score.
TEST_F(GameHardening, TreasureScoresAreCappedAndTheScoreSaturates) {
  load(flat({{"Treasure", 96, 256 - 12, "LEVEL_COIN", INT32_MAX},
             {"Treasure", 100, 256 - 12, "LEVEL_GEM", INT32_MAX},
             {"Treasure", 104, 256 - 12, "LEVEL_CHALICE", 2000}}));
  Entity* t = first(kKindTreasure);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, 1000000);
  run(2);  // all three under the player
  EXPECT_EQ(w().treasure_taken, 3u);
  EXPECT_EQ(w().score, 2002000);
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GameHardening, LivesAboveTheMaximumAreRefused) {
  image = build_level(flat({}));
  LevelOptions options;
  options.lives = tuning::kMaxLives + 1;
  EXPECT_EQ(game.load_level(span_of(image), options), Status::InvalidArgument);
  options.lives = tuning::kMaxLives;
  EXPECT_EQ(game.load_level(span_of(image), options), Status::Ok);
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GameHardening, TheScoreSaturatesAtItsMaximum) {
  load(flat({{"Treasure", 96, 256 - 12, "LEVEL_COIN", 1000000}}));
  w().score = INT32_MAX - 10;  // a score the game never reaches by itself
  run(2);
  EXPECT_EQ(w().treasure_taken, 1u);
  EXPECT_GT(w().score, 0);
  EXPECT_LE(w().score, INT32_MAX);
}

// Finding 3: maps whose pixel extents pass i32 subpixels, and 1-px tiles (O(area) ticks), are refused.
TEST_F(GameHardening, MapsBeyondTheCoordinateRangeAreOversized) {
  using namespace formats;
  // 4097 tiles of 1024 px: 4,195,328 px wide, past 2^22.
  std::vector<WwdTileDescription> d = {wwd_tile_single(1024, 1024, kTileClear),
                                       wwd_tile_single(1024, 1024, kTileSolid)};
  image = plane_level(4097, 2, 1024, d, 512, 512);
  const SlabStats before = slab.stats();
  EXPECT_EQ(game.load_level(span_of(image)), Status::Oversized);
  EXPECT_EQ(w().status, kWorldEmpty);
  EXPECT_EQ(slab.stats().live_bytes, before.live_bytes);
  image = plane_level(2, 4097, 1024, d, 512, 512);
  EXPECT_EQ(game.load_level(span_of(image)), Status::Oversized);
  // 4096 tiles: exactly 2^22 px, the limit itself.
  image = plane_level(4096, 2, 1024, d, 512, 512);
  EXPECT_EQ(game.load_level(span_of(image)), Status::Ok);
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GameHardening, TilesBelowTheMinimumSizeAreMalformed) {
  using namespace formats;
  std::vector<WwdTileDescription> d = {wwd_tile_single(1, 1, kTileClear), wwd_tile_single(1, 1, kTileSolid)};
  image = plane_level(64, 64, 1, d, 8, 8);
  EXPECT_EQ(game.load_level(span_of(image)), Status::Malformed);
  image = plane_level(64, 64, kMinTileSize - 1, d, 8, 8);
  EXPECT_EQ(game.load_level(span_of(image)), Status::Malformed);
  image = plane_level(64, 64, kMinTileSize, d, 8, 8);
  EXPECT_EQ(game.load_level(span_of(image)), Status::Ok);
}

TEST_F(GameHardening, ALoadedWorldWithAnOversizedMapIsCorrupt) {
  load(flat({}));
  w().tile_w = 1024;
  w().tiles_x = 4097;  // the slab block is too small too, but the extent is checked on its own first
  expect_refused("extent past 2^22 px");
  w().tiles_x = 20;
  w().tile_w = 4;
  expect_refused("tiles below the minimum size");
}

TEST_F(GameHardening, MovementClampsPositionsInsteadOfOverflowing) {
  load(flat({}));
  const TileGrid g = tile_grid(region, w());
  Entity e{};
  e.kind = kKindCrab;
  e.half_w = 10;
  e.half_h = 10;
  e.x = 100 * kSubpixel;
  e.y = INT32_MAX - 1000;  // far below the map, where everything is clear
  e.vy = tuning::kMaxFall;
  (void)move_entity(g, e, MoveRules{});
  EXPECT_LE(e.y, kMaxPosition * kSubpixel);
  e.y = INT32_MIN + 1000;
  e.vy = -tuning::kMaxFall;
  (void)move_entity(g, e, MoveRules{});
  EXPECT_GE(e.y, -kMaxPosition * kSubpixel);
}

// Finding 4: a forged state must not reach tick(): open() (so every ABI call) refuses it.
TEST_F(GameHardening, OpenRefusesForgedWorldsAndEntities) {
  load(flat({{"Crab", 600, 256 - 20, "LEVEL_CRAB"}, {"Treasure", 900, 256 - 12, "LEVEL_COIN"}}));
  // Every slot below entity_high is live after a load; free slots are poisoned under ASan, so only
  // the World and those slots are saved and put back.
  const World world = w();
  const std::vector<Entity> slots(&game.entity(0), &game.entity(0) + world.entity_high);
  auto restore = [&] {
    std::memcpy(&w(), &world, sizeof(World));
    std::memcpy(&game.entity(0), slots.data(), slots.size() * sizeof(Entity));
  };
  auto forge = [&](const char* what, auto&& change) {
    restore();
    ASSERT_EQ(Game::open(region, &game), Status::Ok) << what;
    change();
    expect_refused(what);
  };
  const u32 player = game.pool().index_of(w().player);
  ASSERT_EQ(player, 0u);
  const u32 crab = 1, coin = 2;
  forge("entity_high past capacity", [&] { w().entity_high = w().entity_capacity + 1; });
  forge("status", [&] { w().status = 9; });
  forge("lives negative", [&] { w().lives = -1; });
  forge("lives huge", [&] { w().lives = INT32_MAX; });
  forge("health negative", [&] { w().health = -5; });
  forge("health above max", [&] { w().health = tuning::kMaxHealth + 1; });
  forge("score negative", [&] { w().score = -1; });
  forge("checkpoint far", [&] { w().checkpoint_y = INT32_MAX / 2; });
  forge("player handle stale", [&] { w().player ^= 1u << 20; });
  forge("player vx", [&] { game.entity(player).vx = 1 << 30; });
  forge("player vy", [&] { game.entity(player).vy = -(kMaxSpeed + 1); });
  forge("player y", [&] { game.entity(player).y = INT32_MAX; });
  forge("player x", [&] { game.entity(player).x = INT32_MIN; });
  forge("crab half extent", [&] { game.entity(crab).half_w = 60000; });
  forge("crab damage", [&] { game.entity(crab).value = INT32_MAX; });
  forge("coin value", [&] { game.entity(coin).value = -100; });
  forge("crab kind", [&] { game.entity(crab).kind = 77; });
  // Unchanged bytes still open, and play on.
  restore();
  ASSERT_EQ(Game::open(region, &game), Status::Ok);
  EXPECT_EQ(game.check(), Status::Ok);
  run(30, kInputRight);
}

// Finding 5: frees during play left slots on the free list out of order, so a reload's slot order
// depended on what had been played before it.
TEST_F(GameHardening, AReloadAfterPlayHandsOutTheSameSlots) {
  load(flat({{"Crate", 140, 256 - 24, "LEVEL_CRATE", 0, 1},
             {"Crate", 600, 256 - 24, "LEVEL_CRATE", 0, 0},
             {"Crab", 900, 256 - 20, "LEVEL_CRAB"},
             {"Treasure", 1000, 256 - 12, "LEVEL_COIN"}}));
  const u32 high = w().entity_high;
  std::vector<Entity> first_load(&game.entity(0), &game.entity(0) + high);
  run(3);
  ASSERT_EQ(game.tick(kInputAttack), Status::Ok);
  run(tuning::kAttackHitFrame + tuning::kCrateBreakFrames + 4);
  ASSERT_EQ(w().crates_broken, 1u);
  ASSERT_EQ(count(kKindCrate), 1u);  // the broken crate's slot went back to the pool during play
  ASSERT_EQ(game.unload_level(), Status::Ok);
  ASSERT_EQ(game.pool().stats().live, 0u);
  ASSERT_EQ(game.load_level(span_of(image)), Status::Ok);
  ASSERT_EQ(w().entity_high, high);
  for (u32 i = 0; i < high; ++i) {
    ASSERT_TRUE(game.live(i)) << i;
    Entity a = first_load[i], b = game.entity(i);
    // Handles carry generations, which differ by design; everything else must match.
    a.self = b.self = 0;
    a.link = b.link = 0;
    EXPECT_EQ(std::memcmp(&a, &b, sizeof(Entity)), 0) << "slot " << i << ": kind " << a.kind << " vs " << b.kind;
  }
  EXPECT_EQ(game.check(), Status::Ok);
}

}  // namespace
}  // namespace oc::game::testing
