// The player's movement against the tiles: gravity and landing, running into walls, one-way
// platforms, ladders, death tiles; and the tile attribute queries underneath.
#include "game/tiles.h"
#include "game_fixture.h"

namespace oc::game::testing {
namespace {

class GamePhysics : public GameFixture {};

TEST_F(GamePhysics, TileQueriesFollowTypeOneAndTypeTwoRects) {
  LevelSpec l;
  l.rows = {"......", ".-^_H#", "......"};
  load(l);
  const TileGrid g = tile_grid(region, w());
  EXPECT_EQ(g.attribute_at(10, 10), 0u);             // empty cell
  EXPECT_EQ(g.attribute_at(64 + 5, 64 + 0), 2u);     // one-way: top strip is ground
  EXPECT_EQ(g.attribute_at(64 + 5, 64 + 15), 2u);
  EXPECT_EQ(g.attribute_at(64 + 5, 64 + 16), 0u);    // below it: clear
  EXPECT_EQ(g.attribute_at(128 + 5, 128 - 29), 0u);  // spikes: upper part clear
  EXPECT_EQ(g.attribute_at(128 + 5, 64 + 36), 4u);   // lower 28 px death
  EXPECT_EQ(g.attribute_at(192 + 1, 64 + 31), 0u);   // ledge: upper half clear
  EXPECT_EQ(g.attribute_at(192 + 1, 64 + 32), 1u);   // lower half solid
  EXPECT_EQ(g.attribute_at(256 + 30, 64 + 30), 3u);  // ladder
  EXPECT_EQ(g.attribute_at(320, 64), 1u);            // solid
  EXPECT_EQ(g.attribute_at(-1, 10), 1u);             // beside the map: a wall
  EXPECT_EQ(g.attribute_at(10, -50), 0u);            // above: clear
  // A box straddling the ledge's rect meets both its attributes.
  EXPECT_EQ(g.mask(192, 64 + 20, 200, 64 + 40), kMaskClear | kMaskSolid);
  EXPECT_EQ(g.mask(192, 64 + 40, 200, 64 + 50), kMaskSolid);
  EXPECT_EQ(g.mask(0, 64, 384, 128), kMaskClear | kMaskGround | kMaskDeath | kMaskSolid | kMaskClimb);
}

TEST_F(GamePhysics, FallsAndLandsOnTheGround) {
  LevelSpec l;
  l.rows = {"##########", "#........#", "#........#", "#........#", "##########"};
  load(l);
  EXPECT_FALSE(player().flags & kFlagOnGround);
  ASSERT_TRUE(run_until([&] { return (player().flags & kFlagOnGround) != 0; }, 120));
  run(10);
  EXPECT_EQ(px(player().y) + player().half_h, 256);  // feet on row 4's top
  EXPECT_EQ(player().state, kStateIdle);
  EXPECT_EQ(player().vy, 0);
}

TEST_F(GamePhysics, RunsAndStopsAtWalls) {
  LevelSpec l;
  l.rows = {"##########", "#........#", "#....#...#", "#....#...#", "##########"};
  load(l);
  run(60);
  const i32 x0 = px(player().x);
  run(5, kInputRight);
  EXPECT_EQ(px(player().x) - x0, 20);  // 4 px per frame
  EXPECT_EQ(player().state, kStateRun);
  EXPECT_FALSE(player().flags & kFlagFacingLeft);
  run(100, kInputRight);
  EXPECT_EQ(px(player().x) + player().half_w, 320);  // flush against the wall at column 5
  run(10, kInputLeft);
  EXPECT_TRUE(player().flags & kFlagFacingLeft);
  run(200, kInputLeft);
  EXPECT_EQ(px(player().x) - player().half_w, 64);  // the left wall
}

TEST_F(GamePhysics, JumpsAboutThreeTiles) {
  LevelSpec l;
  l.rows = {"..........", "..........", "..........", "..........", "..........", "..........",
            "##########"};
  l.start_y = 384 - 36;
  load(l);
  run(5);
  ASSERT_TRUE(player().flags & kFlagOnGround);
  const i32 ground = px(player().y);
  i32 top = ground;
  ASSERT_EQ(game.tick(kInputJump), Status::Ok);
  EXPECT_TRUE(w().events & kEventJump);
  for (int i = 0; i < 80; ++i) {
    ASSERT_EQ(game.tick(kInputJump), Status::Ok);
    if (px(player().y) < top) top = px(player().y);
  }
  EXPECT_GE(ground - top, 192);
  EXPECT_LT(ground - top, 224);
  EXPECT_TRUE(player().flags & kFlagOnGround);
}

TEST_F(GamePhysics, OneWayGroundHoldsFromAboveOnly) {
  LevelSpec l;
  l.rows = {"..........", "..........", "..........", "....--....", "..........", "##########"};
  l.start_x = 288;
  l.start_y = 100;  // above the platform: falls onto it
  load(l);
  ASSERT_TRUE(run_until([&] { return (player().flags & kFlagOnGround) != 0; }, 120));
  EXPECT_EQ(px(player().y) + player().half_h, 192);  // on the platform's top
  ASSERT_EQ(game.unload_level(), Status::Ok);
  // From below: the jump goes through the platform and lands on its top.
  l.start_y = 320 - 36;
  load(l);
  run(5);
  ASSERT_EQ(px(player().y) + player().half_h, 320);
  run(1, kInputJump);
  ASSERT_TRUE(run_until([&] { return (player().flags & kFlagOnGround) != 0; }, 120, kInputJump));
  EXPECT_EQ(px(player().y) + player().half_h, 192);
}

TEST_F(GamePhysics, ClimbsLaddersUpAndDown) {
  LevelSpec l;
  l.rows = {"..........", "..........", "###H######", "...H......", "...H......", "##########"};
  l.start_x = 96;
  l.start_y = 320 - 36 + 0;
  load(l);
  run(10);
  ASSERT_TRUE(player().flags & kFlagOnGround);
  run(20, kInputRight);  // to the ladder's column (x 192..256)
  ASSERT_TRUE(run_until([&] { return px(player().x) >= 200; }, 60, kInputRight));
  run(1, kInputUp);
  EXPECT_TRUE(player().flags & kFlagOnLadder);
  EXPECT_EQ(player().state, kStateClimb);
  EXPECT_EQ(px(player().x), 224);  // centred on the ladder
  // Up until off the top, where the ladder's top holds the player like ground.
  ASSERT_TRUE(run_until([&] { return !(player().flags & kFlagOnLadder); }, 200, kInputUp));
  run(20);
  EXPECT_TRUE(player().flags & kFlagOnGround);
  EXPECT_EQ(px(player().y) + player().half_h, 128);
  // And down again.
  run(1, kInputDown);
  EXPECT_TRUE(player().flags & kFlagOnLadder);
  ASSERT_TRUE(run_until([&] { return px(player().y) + player().half_h == 320; }, 200, kInputDown));
}

TEST_F(GamePhysics, DeathTilesCostALife) {
  LevelSpec l;
  l.rows = {"..........", "..........", "..........", "#####^####", "##########"};
  l.start_x = 96;
  l.start_y = 192 - 36;
  load(l);
  run(5);
  ASSERT_TRUE(player().flags & kFlagOnGround);
  ASSERT_TRUE(run_until([&] { return w().status == kWorldRespawning; }, 200, kInputRight));
  EXPECT_EQ(w().lives, 2);
  EXPECT_EQ(player().state, kStateDead);
}

}  // namespace
}  // namespace oc::game::testing
