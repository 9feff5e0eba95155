// The game through the C ABI (abi.h, ABI 6): create, load, tick, check, the entity pool's id; every
// call reopens the World from the region's root, so a snapshot restore in between needs nothing.
#include <cstdint>
#include <vector>

#include "game_fixture.h"
#include "wasm/abi.h"

namespace oc::game::testing {
namespace {

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }

LevelSpec small_level() {
  LevelSpec l;
  l.rows = {"##########", "#........#", "#........#", "#........#", "##########"};
  l.objects = {{"Crate", 300, 232, "LEVEL_CRATE", 0, 1}, {"Treasure", 400, 236, "LEVEL_COIN"}, {"Nothing", 1, 1, ""}};
  return l;
}

struct GameAbi : ::testing::Test {
  void SetUp() override {
    region = oc_region_create(4u << 20, 0);
    ASSERT_NE(region, 0u);
    slab = oc_slab_create(region, 1u << 20, 0, 0);
    ASSERT_NE(slab, 0u);
  }
  void TearDown() override { oc_region_destroy(region); }
  uint32_t region = 0, slab = 0;
};

TEST_F(GameAbi, VersionIsSix) { EXPECT_EQ(oc_abi_version(), 6u); }

TEST_F(GameAbi, CreateLoadTickCheck) {
  EXPECT_EQ(oc_game_world(region), 0u);
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(Status::CorruptState));
  const uint32_t world = oc_game_create(region, slab, 256);
  ASSERT_NE(world, 0u);
  EXPECT_EQ(oc_region_root(region), world);
  EXPECT_EQ(oc_game_world(region), world);
  EXPECT_EQ(oc_game_create(region, slab, 256), 0u);  // one game per region
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(Status::InvalidArgument));

  const uint32_t pool = oc_game_entity_pool(region);
  ASSERT_NE(pool, 0u);
  EXPECT_EQ(oc_allocator_kind(pool), static_cast<uint32_t>(kKindPool));
  EXPECT_EQ(oc_game_entity_pool(region), pool);  // the same id again

  EXPECT_EQ(oc_game_tick(region, 0), static_cast<int32_t>(Status::InvalidArgument));  // no level
  const std::vector<u8> level = build_level(small_level());
  ASSERT_EQ(oc_game_load_level(region, addr(level.data()), static_cast<uint32_t>(level.size())), 0);
  const auto* w = reinterpret_cast<const World*>(oc_region_base(region) + world);
  EXPECT_EQ(w->status, kWorldPlaying);
  EXPECT_EQ(w->spawned, 2u);
  EXPECT_EQ(w->ignored, 1u);
  u32 pool_stats[OC_POOL_STATS_WORDS];
  ASSERT_EQ(oc_pool_stats(pool, addr(pool_stats)), 0);
  EXPECT_EQ(pool_stats[1], 4u);  // live: player, crate, its coin, a coin

  std::vector<u32> inputs(120, kInputRight);
  ASSERT_EQ(oc_game_tick_many(region, addr(inputs.data()), static_cast<uint32_t>(inputs.size())), 0);
  EXPECT_EQ(w->tick, 120u);
  EXPECT_EQ(oc_game_tick(region, 0), 0);
  EXPECT_EQ(oc_game_check(region), 0);
  EXPECT_EQ(oc_region_check(region), 0);
  ASSERT_EQ(oc_game_unload_level(region), 0);
  EXPECT_EQ(w->status, kWorldEmpty);
  ASSERT_EQ(oc_pool_stats(pool, addr(pool_stats)), 0);
  EXPECT_EQ(pool_stats[1], 0u);
}

TEST_F(GameAbi, BadArgumentsAndImages) {
  EXPECT_EQ(oc_game_create(region, 0, 16), 0u);
  EXPECT_EQ(oc_game_create(63, slab, 16), 0u);
  const uint32_t other = oc_region_create(1u << 20, 0);
  EXPECT_EQ(oc_game_create(other, slab, 16), 0u);  // the slab is another region's
  EXPECT_EQ(oc_last_status(), static_cast<int32_t>(Status::InvalidArgument));
  oc_region_destroy(other);
  ASSERT_NE(oc_game_create(region, slab, 16), 0u);
  const u8 junk[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_EQ(oc_game_load_level(region, addr(junk), sizeof junk), static_cast<int32_t>(Status::Truncated));
  EXPECT_EQ(oc_game_load_level(region, 0, 5), static_cast<int32_t>(Status::InvalidArgument));
  EXPECT_EQ(oc_game_tick_many(region, 0, 3), static_cast<int32_t>(Status::InvalidArgument));
  EXPECT_EQ(oc_game_check(region), 0);
}

TEST_F(GameAbi, RestoreNeedsNoReattachment) {
  ASSERT_NE(oc_game_create(region, slab, 256), 0u);
  const std::vector<u8> level = build_level(small_level());
  ASSERT_EQ(oc_game_load_level(region, addr(level.data()), static_cast<uint32_t>(level.size())), 0);
  ASSERT_EQ(oc_game_tick_many(region, addr(std::vector<u32>(30, 0).data()), 30), 0);
  std::vector<u8> snap(oc_snapshot_max_size(region));
  const uint32_t len = oc_snapshot_capture(region, addr(snap.data()), static_cast<uint32_t>(snap.size()), 0);
  ASSERT_NE(len, 0u);
  std::vector<u32> inputs(200);
  for (size_t i = 0; i < inputs.size(); ++i) inputs[i] = (i / 20) % 2 ? kInputRight | kInputAttack : kInputLeft | kInputJump;
  u64 a = 0, b = 0;
  ASSERT_EQ(oc_game_tick_many(region, addr(inputs.data()), 200), 0);
  ASSERT_EQ(oc_region_checksum(region, addr(&a)), 0);
  ASSERT_EQ(oc_snapshot_restore(region, addr(snap.data()), len, 0, 0), 0);
  ASSERT_EQ(oc_game_tick_many(region, addr(inputs.data()), 200), 0);
  ASSERT_EQ(oc_region_checksum(region, addr(&b)), 0);
  EXPECT_EQ(a, b);
  EXPECT_EQ(oc_game_check(region), 0);
}

}  // namespace
}  // namespace oc::game::testing
