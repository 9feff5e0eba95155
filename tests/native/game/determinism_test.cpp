// Determinism: the same inputs give the same region bytes every frame; a snapshot restored at frame k
// replays the same frames; a 2,000-entity level ticks with its invariants intact.
#include <vector>

#include "game_fixture.h"
#include "snapshot/snapshot.h"

namespace oc::game::testing {
namespace {

// A level with everything in it: ground with a pit of spikes, one-way platforms, a ladder, a ledge,
// crates with and without drops, treasure, both enemy kinds, checkpoints and an end far away.
LevelSpec busy_level() {
  LevelSpec l;
  l.rows = {
      "##############################",
      "#............................#",
      "#..........-----.............#",
      "#.......H.............___....#",
      "#.......H....................#",
      "####..######^^^######..#######",
      "##############################",
  };
  l.start_x = 96;
  l.start_y = 320 - tuning::kPlayerHalfH;
  for (i32 i = 0; i < 6; ++i) l.objects.push_back({"Crate", 300 + 64 * i, 320 - 24, "LEVEL_CRATE", 0, i % 4});
  for (i32 i = 0; i < 8; ++i) l.objects.push_back({"Treasure", 160 + 90 * i, 300, i % 3 ? "LEVEL_COIN" : "LEVEL_GEM"});
  l.objects.push_back({"Crab", 420, 320 - 20, "LEVEL_CRAB"});
  l.objects.push_back({"Crab", 1500, 320 - 20, "LEVEL_CRAB", 0, 0, 0, 0, 1450, 1700});
  l.objects.push_back({"RatGuard", 1000, 320 - 34, "LEVEL_RATGUARD"});
  l.objects.push_back({"Checkpoint", 650, 320 - 40, "LEVEL_CHECKPOINT"});
  l.objects.push_back({"Checkpoint", 1300, 320 - 40, "LEVEL_CHECKPOINT"});
  l.objects.push_back({"LevelEnd", 1850, 320 - 40, "LEVEL_CHECKPOINT"});
  return l;
}

// Input held for a few frames at a time (so jumps and climbs happen), from a xorshift32 stream.
std::vector<u32> random_inputs(u32 count, u32 seed) {
  std::vector<u32> out(count);
  u32 x = seed, held = 0;
  for (u32 i = 0; i < count; ++i) {
    if (i % 6 == 0) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      held = x & kInputMask;
      if ((x >> 8) % 3 == 0) held = (held & ~u32{kInputLeft}) | kInputRight;  // drift right through the level
    }
    out[i] = held;
  }
  return out;
}

class GameDeterminism : public GameFixture {
 protected:
  void SetUp() override { make(512, 2u << 20, 1u << 20); }
  void load_busy() {
    image = build_level(busy_level());
    LevelOptions many;
    many.lives = 1000;  // stay in play for the whole run
    ASSERT_EQ(game.load_level(span_of(image), many), Status::Ok);
  }
};

TEST_F(GameDeterminism, FiveThousandFramesTwiceGiveTheSameBytesEveryFrame) {
  const std::vector<u32> inputs = random_inputs(5000, 0x1234567u);
  std::vector<u64> sums, hashes;
  u32 events = 0;
  for (int pass = 0; pass < 2; ++pass) {
    region.release();
    make(512, 2u << 20, 1u << 20);
    load_busy();
    for (u32 i = 0; i < inputs.size(); ++i) {
      ASSERT_EQ(game.tick(inputs[i]), Status::Ok);
      const u64 sum = region_checksum(region);
      const u64 hash = i % 100 == 0 ? region.hash() : 0;
      if (pass == 0) {
        sums.push_back(sum);
        hashes.push_back(hash);
        events |= w().events;
      } else {
        ASSERT_EQ(sum, sums[i]) << "frame " << i;
        ASSERT_EQ(hash, hashes[i]) << "frame " << i;
      }
    }
    ASSERT_EQ(game.check(), Status::Ok);
  }
  // The run exercised the game, not an idle world.
  EXPECT_TRUE(events & kEventJump);
  EXPECT_TRUE(events & kEventAttack);
  EXPECT_NE(sums[10], sums[4000]);
  // Another input stream gives other bytes.
  region.release();
  make(512, 2u << 20, 1u << 20);
  load_busy();
  const std::vector<u32> other = random_inputs(500, 99u);
  for (u32 input : other) ASSERT_EQ(game.tick(input), Status::Ok);
  EXPECT_NE(region_checksum(region), sums[499]);
}

TEST_F(GameDeterminism, ARestoredSnapshotReplaysTheSameFrames) {
  load_busy();
  const std::vector<u32> inputs = random_inputs(2000, 0xBADC0DEu);
  for (u32 i = 0; i < 1000; ++i) ASSERT_EQ(game.tick(inputs[i]), Status::Ok);
  std::vector<u8> snap(snapshot_max_size(region));
  const Result<u32> len = capture(region, snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(len.ok());
  std::vector<u64> sums;
  for (u32 i = 1000; i < 2000; ++i) {
    ASSERT_EQ(game.tick(inputs[i]), Status::Ok);
    sums.push_back(region_checksum(region));
  }
  const u32 score = w().score, tick = w().tick;
  ASSERT_EQ(restore(region, snap.data(), len.value), Status::Ok);
  ASSERT_EQ(Game::open(region, &game), Status::Ok);  // a view: reopened after the restore
  EXPECT_EQ(w().tick, 1000u);
  for (u32 i = 1000; i < 2000; ++i) {
    ASSERT_EQ(game.tick(inputs[i]), Status::Ok);
    ASSERT_EQ(region_checksum(region), sums[i - 1000]) << "frame " << i;
  }
  EXPECT_EQ(w().score, static_cast<i32>(score));
  EXPECT_EQ(w().tick, tick);
  EXPECT_EQ(game.check(), Status::Ok);
}

TEST_F(GameDeterminism, OpenRefusesAWorldThatDoesNotHoldUp) {
  load_busy();
  const u32 magic = w().magic;
  w().magic ^= 1;
  Game other;
  EXPECT_EQ(Game::open(region, &other), Status::CorruptState);
  w().magic = magic;
  const u32 tiles = w().tiles_offset;
  w().tiles_offset += 16;  // not a live slab block any more
  EXPECT_EQ(Game::open(region, &other), Status::CorruptState);
  w().tiles_offset = tiles;
  const u32 player = w().player;
  w().player = 0;
  EXPECT_EQ(Game::open(region, &other), Status::CorruptState);
  w().player = player;
  const u32 status = w().status;
  w().status = 9;
  EXPECT_EQ(Game::open(region, &other), Status::CorruptState);
  w().status = status;
  EXPECT_EQ(Game::open(region, &other), Status::Ok);
  // check() catches a broken link and a miscount.
  Entity* hidden = nullptr;
  for (u32 i = 0; i < w().entity_high && hidden == nullptr; ++i) {
    if (game.live(i) && (game.entity(i).flags & kFlagHidden)) hidden = &game.entity(i);
  }
  ASSERT_NE(hidden, nullptr);
  const u32 link = hidden->link;
  hidden->link = w().player;
  EXPECT_EQ(game.check(), Status::CorruptState);
  hidden->link = link;
  w().treasure_taken++;
  EXPECT_EQ(game.check(), Status::CorruptState);
  w().treasure_taken--;
  EXPECT_EQ(game.check(), Status::Ok);
  Region empty;
  ASSERT_EQ(empty.init(1u << 16), Status::Ok);
  EXPECT_EQ(Game::open(empty, &other), Status::CorruptState);  // no root
}

class GameDeterminismLarge : public GameFixture {
 protected:
  void SetUp() override { make(4096, 16u << 20, 8u << 20); }
};

TEST_F(GameDeterminismLarge, TwoThousandEntitiesTickAndHoldTheirInvariants) {
  LevelSpec l;
  std::string top(200, '.'), ground(200, '#');
  top[0] = top[199] = '#';
  l.rows = {std::string(200, '#'), top, top, top, ground};
  l.start_x = 96;
  l.start_y = 256 - tuning::kPlayerHalfH;
  for (i32 i = 0; i < 2000; ++i) {
    const i32 x = 100 + (i * 6) % 12600;
    switch (i % 4) {
      case 0: l.objects.push_back({"Crate", x, 256 - 24, "LEVEL_CRATE", 0, 1 + i % 3}); break;
      case 1: l.objects.push_back({"Treasure", x, 200, "LEVEL_COIN"}); break;
      case 2: l.objects.push_back({"Crab", x, 256 - 20, "LEVEL_CRAB"}); break;
      default: l.objects.push_back({"RatGuard", x, 256 - 34, "LEVEL_RATGUARD"}); break;
    }
  }
  load(l);
  EXPECT_EQ(w().spawned, 2000u);
  EXPECT_EQ(game.pool().stats().live, 2501u);  // + 500 drops + the player
  const std::vector<u32> inputs = random_inputs(600, 7u);
  for (u32 i = 0; i < inputs.size(); ++i) {
    ASSERT_EQ(game.tick(inputs[i]), Status::Ok);
    if (i % 50 == 0) {
      ASSERT_EQ(game.check(), Status::Ok) << "frame " << i;
    }
  }
  EXPECT_EQ(game.check(), Status::Ok);
  EXPECT_GT(w().enemies_defeated + w().crates_broken + w().damage_taken, 0u);
}

}  // namespace
}  // namespace oc::game::testing
