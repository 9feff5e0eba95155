// Level load and unload: what a WWD becomes (tiles, attributes, entities by logic), what is ignored,
// and that a bad image or a full pool leaves nothing behind.
#include <cstring>

#include "game/logic_kinds.h"
#include "game_fixture.h"

namespace oc::game::testing {
namespace {

LevelSpec mixed_level() {
  LevelSpec l;
  l.rows = {"##########", "#........#", "#........#", "#........#", "##########"};
  l.objects = {
      {"Crate", 200, 232, "LEVEL_CRATE", 0, 2},
      {"crate", 260, 232, "LEVEL_CRATE", 0, 0},  // case-insensitive, drops nothing
      {"Treasure", 300, 200, "LEVEL_GEM", 0},
      {"TreasurePowerup", 320, 200, "GAME_TREASURE_CHALICE", 0},
      {"GlitterlessPowerup", 340, 200, "GAME_TREASURE_COINS", 250},
      {"Crab", 400, 236, "LEVEL_CRAB"},
      {"Officer", 450, 222, "LEVEL_OFFICER", 0, 0, 5, 33, 300, 500},
      {"Checkpoint", 500, 216, "LEVEL_CHECKPOINT"},
      {"LevelEnd", 560, 216, "LEVEL_CHECKPOINT"},
      {"AmbientSound", 10, 10, ""},
      {"BehindCandy", 20, 20, "LEVEL_CANDY"},
  };
  return l;
}

class GameLevel : public GameFixture {};

TEST_F(GameLevel, LoadsTilesAttributesAndEntitiesByLogic) {
  const SlabStats before = slab.stats();
  load(mixed_level());
  EXPECT_EQ(w().status, kWorldPlaying);
  EXPECT_EQ(w().tiles_x, 10u);
  EXPECT_EQ(w().tiles_y, 5u);
  EXPECT_EQ(w().tile_w, 64u);
  EXPECT_EQ(w().attrs_count, 7u);
  EXPECT_EQ(w().spawned, 9u);
  EXPECT_EQ(w().ignored, 2u);
  EXPECT_EQ(w().crates_total, 2u);
  EXPECT_EQ(w().treasure_total, 4u);  // three placed, one in a crate
  EXPECT_EQ(w().enemies_total, 2u);
  EXPECT_EQ(w().health, tuning::kMaxHealth);
  EXPECT_EQ(w().lives, 3);
  EXPECT_EQ(w().start_x, 96);
  EXPECT_NE(w().level_hash_lo | w().level_hash_hi, 0u);
  EXPECT_GT(slab.stats().live_bytes, before.live_bytes);
  EXPECT_EQ(game.pool().stats().live, 11u);  // player + 9 objects + 1 drop
  EXPECT_EQ(w().entity_high, 11u);

  // The tile grid and the attributes are copies in the region.
  const i32* tiles = region.at<i32>(w().tiles_offset);
  EXPECT_EQ(tiles[0], kSolid);
  EXPECT_EQ(tiles[11], kEmpty);
  const TileAttr* attrs = region.at<TileAttr>(w().attrs_offset);
  EXPECT_EQ(attrs[kOneWay].type, 2u);
  EXPECT_EQ(attrs[kOneWay].inside, 2u);
  EXPECT_EQ(attrs[kOneWay].bottom, 15);
  EXPECT_EQ(attrs[kSolid].inside, 1u);

  // The player first, then the objects in file order, the crate's drop right after it.
  EXPECT_EQ(game.entity(0).kind, kKindPlayer);
  EXPECT_EQ(game.entity(0).self, w().player);
  const Entity& crate = game.entity(1);
  const Entity& drop = game.entity(2);
  EXPECT_EQ(crate.kind, kKindCrate);
  EXPECT_EQ(crate.variant, kTreasureGem);
  EXPECT_EQ(crate.source, 0u);
  EXPECT_EQ(crate.spawn_id, 1);
  EXPECT_EQ(drop.kind, kKindTreasure);
  EXPECT_TRUE(drop.flags & kFlagHidden);
  EXPECT_EQ(drop.link, crate.self);
  EXPECT_EQ(crate.link, drop.self);
  EXPECT_EQ(drop.value, 500);
  EXPECT_EQ(game.entity(3).link, kNullHandle);  // the crate without a drop
  EXPECT_EQ(game.entity(4).variant, kTreasureGem);
  EXPECT_EQ(game.entity(4).value, 500);
  EXPECT_EQ(game.entity(5).variant, kTreasureChalice);
  EXPECT_EQ(game.entity(5).value, 1000);
  EXPECT_EQ(game.entity(6).variant, kTreasureCoin);
  EXPECT_EQ(game.entity(6).value, 250);  // the WWD's score wins
  const Entity& crab = game.entity(7);
  EXPECT_EQ(crab.kind, kKindCrab);
  EXPECT_EQ(crab.hp, tuning::kCrabHp);
  EXPECT_EQ(crab.value, tuning::kCrabDamage);
  EXPECT_EQ(crab.min_x, 400 - tuning::kPatrolHalfRange);
  EXPECT_EQ(crab.max_x, 400 + tuning::kPatrolHalfRange);
  const Entity& officer = game.entity(8);
  EXPECT_EQ(officer.kind, kKindRatGuard);
  EXPECT_EQ(officer.hp, 5);
  EXPECT_EQ(officer.value, 33);
  EXPECT_EQ(officer.min_x, 300);
  EXPECT_EQ(officer.max_x, 500);
  EXPECT_EQ(game.entity(9).kind, kKindCheckpoint);
  EXPECT_EQ(game.entity(10).kind, kKindLevelEnd);
  EXPECT_EQ(game.entity(10).source, 8u);
}

TEST_F(GameLevel, UnloadGivesEverythingBack) {
  const SlabStats before = slab.stats();
  load(mixed_level());
  ASSERT_EQ(game.unload_level(), Status::Ok);
  EXPECT_EQ(w().status, kWorldEmpty);
  EXPECT_EQ(w().player, kNullHandle);
  EXPECT_EQ(w().entity_high, 0u);
  EXPECT_EQ(game.pool().stats().live, 0u);
  EXPECT_EQ(slab.stats().live_bytes, before.live_bytes);
  EXPECT_EQ(slab.stats().live_blocks, before.live_blocks);
  EXPECT_EQ(game.check(), Status::Ok);
  EXPECT_EQ(game.tick(0), Status::InvalidArgument);
  // A reload fills the slots in the same order: the player is slot 0 again.
  ASSERT_EQ(game.load_level(span_of(image)), Status::Ok);
  EXPECT_EQ(game.entity(0).kind, kKindPlayer);
  EXPECT_EQ(game.entity(1).kind, kKindCrate);
  EXPECT_EQ(w().entity_high, 11u);
  ASSERT_EQ(game.unload_level(), Status::Ok);
  EXPECT_EQ(game.unload_level(), Status::Ok);  // nothing loaded: still fine
}

TEST_F(GameLevel, FiftyLoadUnloadCyclesLeaveTheBaseline) {
  const SlabStats before = slab.stats();
  const std::vector<u8> level = build_level(mixed_level());
  for (int i = 0; i < 50; ++i) {
    ASSERT_EQ(game.load_level(span_of(level)), Status::Ok) << i;
    run(i % 7);
    ASSERT_EQ(game.check(), Status::Ok);
    ASSERT_EQ(game.unload_level(), Status::Ok);
    ASSERT_EQ(game.pool().stats().live, 0u);
    ASSERT_EQ(slab.stats().live_bytes, before.live_bytes);
  }
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GameLevel, ASecondLoadNeedsAnUnload) {
  load(mixed_level());
  EXPECT_EQ(game.load_level(span_of(image)), Status::InvalidArgument);
  EXPECT_EQ(game.check(), Status::Ok);
}

// A bad image gives the reader's status, and nothing stays allocated.
TEST_F(GameLevel, BadImagesAllocateNothing) {
  const SlabStats before = slab.stats();
  std::vector<u8> good = build_level(mixed_level());
  struct Case {
    const char* what;
    std::vector<u8> bytes;
    Status expected;
  };
  std::vector<Case> cases;
  cases.push_back({"empty", {}, Status::Truncated});
  cases.push_back({"short header", std::vector<u8>(good.begin(), good.begin() + 100), Status::Truncated});
  std::vector<u8> magic = good;
  magic[0] ^= 0xFF;
  cases.push_back({"bad signature", magic, Status::BadMagic});
  // Cut in the middle of the objects: the first pass reads them all before anything is allocated.
  std::vector<u8> cut(good.begin(), good.end() - 400);
  cases.push_back({"truncated", cut, Status::Ok});
  for (const Case& c : cases) {
    const Status s = game.load_level(span_of(c.bytes));
    if (c.expected != Status::Ok) {
      EXPECT_EQ(s, c.expected) << c.what;
    }
    EXPECT_NE(s, Status::Ok) << c.what;
    EXPECT_EQ(w().status, kWorldEmpty) << c.what;
    EXPECT_EQ(game.pool().stats().live, 0u) << c.what;
    EXPECT_EQ(slab.stats().live_bytes, before.live_bytes) << c.what;
    EXPECT_EQ(game.check(), Status::Ok) << c.what;
  }
}

TEST(GameLevelCapacity, AFullPoolRefusesTheWholeLevel) {
  class Small : public GameFixture {
   public:
    void TestBody() override {}
    void go() {
      make(8);  // the level needs 11 slots
      const SlabStats before = slab.stats();
      const std::vector<u8> level = build_level(mixed_level());
      EXPECT_EQ(game.load_level(span_of(level)), Status::Exhausted);
      EXPECT_EQ(game.pool().stats().live, 0u);
      EXPECT_EQ(slab.stats().live_bytes, before.live_bytes);
      EXPECT_EQ(w().status, kWorldEmpty);
    }
  } small;
  small.go();
}

TEST_F(GameLevel, MainPlaneIsFlaggedElseNamedActionElseTheMiddleOfThree) {
  LevelSpec l = mixed_level();
  l.three_planes = true;
  l.main_flags = 0;
  l.main_name = "Action";
  load(l);
  EXPECT_EQ(w().tiles_x, 10u);
  ASSERT_EQ(game.unload_level(), Status::Ok);
  l.main_name = "Middle";  // unnamed and unflagged: plane 1 of three
  load(l);
  EXPECT_EQ(w().tiles_x, 10u);
  EXPECT_EQ(w().spawned, 9u);
}

TEST(GameLogicKinds, NamesOfTheDemoAndTheOriginal) {
  const auto kind = [](const char* s) { return kind_of_logic(s, static_cast<u32>(std::strlen(s))); };
  EXPECT_EQ(kind("FrontStackedCrates"), kKindCrate);
  EXPECT_EQ(kind("HERMITCRAB"), kKindCrab);
  EXPECT_EQ(kind("Soldier"), kKindCrab);
  EXPECT_EQ(kind("RatGuard"), kKindRatGuard);
  EXPECT_EQ(kind("SuperCheckpoint"), kKindCheckpoint);
  EXPECT_EQ(kind("EndOfLevelPowerup"), kKindLevelEnd);
  EXPECT_EQ(kind("Crates"), kKindNone);
  EXPECT_EQ(kind("Cra"), kKindNone);
  EXPECT_EQ(kind(""), kKindNone);
  const auto variant = [](const char* s) { return treasure_variant_of(s, static_cast<u32>(std::strlen(s))); };
  EXPECT_EQ(variant("LEVEL_COIN"), kTreasureCoin);
  EXPECT_EQ(variant("GAME_TREASURE_GEMS_RED"), kTreasureGem);
  EXPECT_EQ(variant("level_chalice"), kTreasureChalice);
  EXPECT_EQ(variant("GAME_TREASURE_RINGS"), kTreasureCoin);
  EXPECT_EQ(treasure_score(kTreasureGem, 0), 500);
  EXPECT_EQ(crate_drop_of(4), kTreasureNone);
}

}  // namespace
}  // namespace oc::game::testing
