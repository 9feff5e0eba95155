// Gameplay: the sword (press edge, cooldown), crates and their treasure, pickups and score, enemies
// (patrol, attack, invulnerability frames, defeat), checkpoints, respawn, game over, the level end.
#include <vector>

#include "game_fixture.h"

namespace oc::game::testing {
namespace {

// 20 tiles wide, ground top at y 256; the player starts standing at x 96.
LevelSpec flat(std::vector<ObjectSpec> objects, const char* ground = "####################") {
  LevelSpec l;
  l.rows = {"####################", "#..................#", "#..................#", "#..................#", ground};
  l.start_x = 96;
  l.start_y = 256 - tuning::kPlayerHalfH;
  l.objects = std::move(objects);
  return l;
}

class GamePlay : public GameFixture {
 protected:
  // Ticks `frames` times; the union of the events.
  u32 run_events(u32 frames, u32 input = 0) {
    u32 events = 0;
    for (u32 i = 0; i < frames; ++i) {
      EXPECT_EQ(game.tick(input), Status::Ok);
      events |= w().events;
    }
    return events;
  }
  // Walks right until the player's x reaches `x` px.
  void walk_to(i32 x) {
    ASSERT_TRUE(run_until([&] { return px(player().x) >= x; }, 400, kInputRight));
  }
};

TEST_F(GamePlay, AttackFiresOnThePressEdgeWithACooldown) {
  load(flat({}));
  run(5);
  u32 swings = 0;
  for (int i = 0; i < 60; ++i) {  // held: one swing
    ASSERT_EQ(game.tick(kInputAttack), Status::Ok);
    swings += (w().events & kEventAttack) ? 1 : 0;
  }
  EXPECT_EQ(swings, 1u);
  run(1);
  // Press, release, press again within the cooldown: refused; after it: a swing.
  EXPECT_TRUE(run_events(1, kInputAttack) & kEventAttack);
  EXPECT_EQ(player().state, kStateAttack);
  run(1);
  EXPECT_FALSE(run_events(1, kInputAttack) & kEventAttack);
  run(tuning::kAttackCooldown);
  EXPECT_TRUE(run_events(1, kInputAttack) & kEventAttack);
}

TEST_F(GamePlay, BreakingACrateRevealsItsTreasureAndPickingItUpScores) {
  load(flat({{"Crate", 200, 256 - 24, "LEVEL_CRATE", 0, 1}}));
  run(3);
  Entity* crate = first(kKindCrate);
  Entity* coin = first(kKindTreasure);
  ASSERT_TRUE(crate != nullptr && coin != nullptr);
  EXPECT_TRUE(coin->flags & kFlagHidden);
  run_events(30, kInputAttack);  // out of reach: nothing breaks
  EXPECT_EQ(crate->state, kStateIdle);
  run(tuning::kAttackCooldown);
  walk_to(130);
  const u32 events = run_events(tuning::kAttackHitFrame + 2, kInputAttack);
  EXPECT_TRUE(events & kEventCrateBroken);
  EXPECT_EQ(crate->state, kStateBreaking);
  EXPECT_EQ(w().crates_broken, 1u);
  EXPECT_FALSE(coin->flags & kFlagHidden);
  EXPECT_EQ(coin->link, kNullHandle);
  EXPECT_EQ(game.check(), Status::Ok);
  run(tuning::kCrateBreakFrames + 1);
  EXPECT_EQ(count(kKindCrate), 0u);  // the broken crate's slot is freed
  EXPECT_EQ(game.check(), Status::Ok);
  // The coin rests on the ground where the crate stood; walking into it scores.
  EXPECT_EQ(px(coin->y) + coin->half_h, 256);
  const u32 pickup = [&] {
    u32 e = 0;
    for (int i = 0; i < 60 && w().treasure_taken == 0; ++i) {
      EXPECT_EQ(game.tick(kInputRight), Status::Ok);
      e |= w().events;
    }
    return e;
  }();
  EXPECT_TRUE(pickup & kEventTreasure);
  EXPECT_EQ(w().score, 100);
  EXPECT_EQ(w().treasure_taken, 1u);
  EXPECT_EQ(count(kKindTreasure), 0u);
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GamePlay, HiddenTreasureCannotBePickedUp) {
  load(flat({{"Crate", 200, 256 - 24, "LEVEL_CRATE", 0, 3}}));
  run(80, kInputRight);  // walks through the crate and its hidden chalice
  EXPECT_EQ(w().score, 0);
  EXPECT_EQ(w().treasure_taken, 0u);
}

TEST_F(GamePlay, EnemiesPatrolTheirRangeAndTurnAtItsEnds) {
  load(flat({{"Crab", 700, 256 - 20, "LEVEL_CRAB", 0, 0, 0, 0, 600, 800}}));
  Entity* crab = first(kKindCrab);
  ASSERT_NE(crab, nullptr);
  i32 lo = 1 << 30, hi = -(1 << 30);
  u32 turns = 0;
  bool left = facing_left_of(*crab);
  for (int i = 0; i < 800; ++i) {
    ASSERT_EQ(game.tick(0), Status::Ok);
    const i32 x = px(crab->x);
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    if (facing_left_of(*crab) != left) {
      ++turns;
      left = !left;
    }
  }
  EXPECT_GE(turns, 3u);
  EXPECT_GE(lo, 598);
  EXPECT_LE(lo, 602);
  EXPECT_GE(hi, 798);
  EXPECT_LE(hi, 802);
  EXPECT_EQ(crab->state, kStateWalk);
}

TEST_F(GamePlay, EnemiesTurnAtWalls) {
  load(flat({{"RatGuard", 200, 256 - 34, "LEVEL_RATGUARD", 0, 0, 0, 0, 0, 0}}));
  Entity* guard = first(kKindRatGuard);
  i32 lo = 1 << 30;
  for (int i = 0; i < 300; ++i) {
    ASSERT_EQ(game.tick(0), Status::Ok);
    lo = px(guard->x) < lo ? px(guard->x) : lo;
  }
  // The range would go to 72, the wall at 64 stops it: flush, then back.
  EXPECT_EQ(lo - guard->half_w, 64);
}

TEST_F(GamePlay, EnemyBlowsHurtWithInvulnerabilityFrames) {
  load(flat({{"Crab", 180, 256 - 20, "LEVEL_CRAB"}}));
  std::vector<u32> hits;
  for (u32 i = 0; i < 900 && w().status == kWorldPlaying; ++i) {
    ASSERT_EQ(game.tick(0), Status::Ok);
    if (w().events & kEventPlayerHurt) {
      hits.push_back(i);
      EXPECT_TRUE(player().flags & kFlagBlink);
      EXPECT_EQ(w().invulnerable, tuning::kInvulnerableFrames);
      EXPECT_EQ(player().state, kStateHurt);
    }
  }
  ASSERT_GE(hits.size(), 2u);
  for (size_t k = 1; k < hits.size(); ++k) EXPECT_GE(hits[k] - hits[k - 1], tuning::kInvulnerableFrames);
  EXPECT_EQ(w().damage_taken, 10u * hits.size());
  EXPECT_EQ(w().health, tuning::kMaxHealth - 10 * static_cast<i32>(hits.size()));
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GamePlay, SwordDefeatsEnemies) {
  load(flat({{"Crab", 180, 256 - 20, "LEVEL_CRAB"}, {"RatGuard", 900, 256 - 34, "LEVEL_RATGUARD"}}));
  Entity* crab = first(kKindCrab);
  // Swing until the crab is hit (it patrols in and out of reach).
  u32 events = 0;
  for (int i = 0; i < 600 && !(events & kEventEnemyDefeated); ++i) {
    ASSERT_EQ(game.tick(i % 2 ? u32{kInputAttack} : 0u), Status::Ok);
    if (crab->kind == kKindCrab) set_facing_left(player(), crab->x < player().x);
    events |= w().events;
  }
  EXPECT_TRUE(events & kEventEnemyHit);
  EXPECT_TRUE(events & kEventEnemyDefeated);
  EXPECT_EQ(w().enemies_defeated, 1u);
  EXPECT_EQ(game.check(), Status::Ok);
  run(tuning::kEnemyDeadFrames + 1);
  EXPECT_EQ(count(kKindCrab), 0u);
  EXPECT_EQ(count(kKindRatGuard), 1u);
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GamePlay, RatGuardsTakeTwoHits) {
  load(flat({{"RatGuard", 170, 256 - 34, "LEVEL_RATGUARD", 0, 0, 0, 0, 150, 190}}));
  Entity* guard = first(kKindRatGuard);
  u32 hits = 0;
  for (int i = 0; i < 900 && guard->kind == kKindRatGuard && !(guard->flags & kFlagDying); ++i) {
    ASSERT_EQ(game.tick(i % 2 ? u32{kInputAttack} : 0u), Status::Ok);
    set_facing_left(player(), false);
    if (w().events & kEventEnemyHit) ++hits;
    if (w().status != kWorldPlaying) break;
  }
  EXPECT_EQ(hits, 2u);
  EXPECT_TRUE(guard->flags & kFlagDying);
  EXPECT_EQ(w().enemies_defeated, 1u);
}

TEST_F(GamePlay, DeathRespawnsAtTheLastCheckpoint) {
  load(flat({{"Checkpoint", 300, 256 - 40, "LEVEL_CHECKPOINT"}}, "########^###########"));
  Entity* flag = first(kKindCheckpoint);
  u32 events = 0;
  for (int i = 0; i < 300 && w().status == kWorldPlaying; ++i) {
    ASSERT_EQ(game.tick(kInputRight), Status::Ok);
    events |= w().events;
  }
  EXPECT_TRUE(events & kEventCheckpoint);
  EXPECT_TRUE(events & kEventLifeLost);
  EXPECT_EQ(flag->state, kStateRaised);
  EXPECT_EQ(w().checkpoint_x, 300);
  EXPECT_EQ(w().checkpoint_y, 256 - tuning::kPlayerHalfH);
  ASSERT_EQ(w().status, kWorldRespawning);
  EXPECT_EQ(w().lives, 2);
  EXPECT_TRUE(player().flags & kFlagDying);
  run(tuning::kRespawnFrames - 1);
  EXPECT_EQ(w().status, kWorldRespawning);
  run(1);
  EXPECT_EQ(w().status, kWorldPlaying);
  EXPECT_EQ(px(player().x), 300);
  EXPECT_EQ(px(player().y), 256 - tuning::kPlayerHalfH);
  EXPECT_EQ(w().health, tuning::kMaxHealth);
  EXPECT_FALSE(player().flags & kFlagDying);
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GamePlay, LosingTheLastLifeIsGameOver) {
  image = build_level(flat({}, "####^###############"));
  LevelOptions one;
  one.lives = 1;
  ASSERT_EQ(game.load_level(span_of(image), one), Status::Ok);
  ASSERT_TRUE(run_until([&] { return w().status != kWorldPlaying; }, 300, kInputRight));
  EXPECT_EQ(w().status, kWorldGameOver);
  EXPECT_EQ(w().lives, 0);
  const Entity before = player();
  run(200, kInputLeft);
  EXPECT_EQ(w().status, kWorldGameOver);
  EXPECT_EQ(player().x, before.x);  // nothing moves any more
  EXPECT_EQ(w().status_frames, 200u);
}

TEST_F(GamePlay, TouchingTheLevelEndCompletesTheLevel) {
  load(flat({{"LevelEnd", 400, 256 - 40, "LEVEL_CHECKPOINT"}}));
  u32 events = 0;
  for (int i = 0; i < 300 && w().status == kWorldPlaying; ++i) {
    ASSERT_EQ(game.tick(kInputRight), Status::Ok);
    events |= w().events;
  }
  EXPECT_EQ(w().status, kWorldComplete);
  EXPECT_TRUE(events & kEventComplete);
  const i32 x = player().x;
  run(30, kInputRight);
  EXPECT_EQ(player().x, x);
  EXPECT_EQ(game.check(), Status::Ok);
}

}  // namespace
}  // namespace oc::game::testing
