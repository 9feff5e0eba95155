// The desktop state region: created byte for byte as the web build creates it (the ABI calls that
// createEngine() + Game.create() make), restored only after every check passed, stepped as a frame of
// the web page steps it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <vector>

#include "desktop/game_state.h"
#include "desktop_fixture.h"
#include "memory/slab_allocator.h"
#include "snapshot/snapshot.h"
#include "wasm/abi.h"

namespace oc::desktop {
namespace {

using testing::busy_level;

struct AbiState {
  u32 region = 0;
  u64 checksum = 0;
  u64 hash = 0;
  u32 used = 0;
};

// What engine/memory/engine.ts and engine/game/game.ts call, with their defaults (0 = the core's
// page size and class steps).
AbiState abi_state() {
  AbiState s;
  s.region = oc_region_create(16u << 20, 0);
  EXPECT_NE(s.region, 0u);
  const u32 slab = oc_slab_create(s.region, oc_region_size(s.region) / 2, 0, 0);
  EXPECT_NE(slab, 0u);
  EXPECT_NE(oc_game_create(s.region, slab, 4096), 0u);
  EXPECT_EQ(oc_region_checksum(s.region, reinterpret_cast<uintptr_t>(&s.checksum)), 0);
  EXPECT_EQ(oc_region_hash(s.region, reinterpret_cast<uintptr_t>(&s.hash)), 0);
  s.used = oc_region_used(s.region);
  return s;
}

std::unique_ptr<GameState> made() {
  auto state = std::make_unique<GameState>();
  EXPECT_EQ(make_game_state(state.get()), Status::Ok);
  return state;
}

TEST(DesktopGameState, CreationMatchesTheWebBuildsAbiCallsByteForByte) {
  ::unsetenv("OPENCLAW_SLAB_SIZE");  // the native ABI honours it; the web build has no such override
  const AbiState abi = abi_state();
  const auto state = made();
  EXPECT_EQ(state->region.size(), 16u << 20);
  EXPECT_EQ(state->region.used(), abi.used);
  EXPECT_EQ(region_checksum(state->region), abi.checksum);
  EXPECT_EQ(state->region.hash(), abi.hash) << "the whole region, not only the used bytes";
  EXPECT_EQ(state->region.frame(), 0u);
  EXPECT_TRUE(state->game.valid());
  EXPECT_EQ(oc_region_destroy(abi.region), 0);
}

TEST(DesktopGameState, CreationIgnoresTheSlabPageSizeOverride) {
  ::unsetenv("OPENCLAW_SLAB_SIZE");
  const u64 plain = region_checksum(made()->region);
  ::setenv("OPENCLAW_SLAB_SIZE", "65536", 1);
  const u64 overridden = region_checksum(made()->region);
  ::unsetenv("OPENCLAW_SLAB_SIZE");
  EXPECT_EQ(plain, overridden);
}

TEST(DesktopGameState, StepTicksCountsTheFrameAndChecksumsTheUsedBytes) {
  const auto state = made();
  const std::vector<u8> image = game::testing::build_level(busy_level());
  ASSERT_EQ(load_level(*state, game::testing::span_of(image)), Status::Ok);
  u64 frame = 0, checksum = 0, previous = region_checksum(state->region);
  for (u32 i = 1; i <= 60; ++i) {
    ASSERT_EQ(step_game(*state, i % 2 == 0 ? game::kInputRight : game::kInputJump, &frame, &checksum), Status::Ok);
    EXPECT_EQ(frame, i);
    EXPECT_EQ(state->region.frame(), i);
    EXPECT_EQ(checksum, region_checksum(state->region));
    EXPECT_NE(checksum, previous) << "the frame counter alone changes the bytes";
    previous = checksum;
  }
  EXPECT_EQ(state->game.world().tick, 60u);
}

TEST(DesktopGameState, StepWithoutALevelFailsAndLeavesTheFrame) {
  const auto state = made();
  u64 frame = 99, checksum = 99;
  EXPECT_EQ(step_game(*state, 0, &frame, &checksum), Status::InvalidArgument);
  EXPECT_EQ(state->region.frame(), 0u);
  EXPECT_EQ(frame, 99u);
}

TEST(DesktopGameState, SaveThenRestoreContinuesBitExactly) {
  const auto a = made();
  const std::vector<u8> image = game::testing::build_level(busy_level());
  ASSERT_EQ(load_level(*a, game::testing::span_of(image)), Status::Ok);
  u64 frame = 0, checksum = 0;
  for (u32 i = 0; i < 100; ++i) ASSERT_EQ(step_game(*a, game::kInputRight, &frame, &checksum), Status::Ok);
  std::vector<u8> snap;
  ASSERT_EQ(save_game_state(*a, &snap), Status::Ok);
  ASSERT_EQ(verify(snap.data(), static_cast<u32>(snap.size())), Status::Ok);

  const auto b = made();
  ASSERT_EQ(restore_game_state(*b, snap.data(), static_cast<u32>(snap.size())), Status::Ok);
  EXPECT_EQ(b->region.frame(), 100u);
  EXPECT_EQ(region_checksum(b->region), checksum);
  u64 fa = 0, ca = 0, fb = 0, cb = 0;
  for (u32 i = 0; i < 100; ++i) {
    const u32 input = i % 7 == 0 ? game::kInputJump | game::kInputRight : game::kInputAttack;
    ASSERT_EQ(step_game(*a, input, &fa, &ca), Status::Ok);
    ASSERT_EQ(step_game(*b, input, &fb, &cb), Status::Ok);
    ASSERT_EQ(fa, fb);
    ASSERT_EQ(ca, cb) << "frame " << fa;
  }
}

TEST(DesktopGameState, ARefusedSnapshotChangesNothing) {
  const auto state = made();
  const std::vector<u8> image = game::testing::build_level(busy_level());
  ASSERT_EQ(load_level(*state, game::testing::span_of(image)), Status::Ok);
  u64 frame = 0, checksum = 0;
  for (u32 i = 0; i < 10; ++i) ASSERT_EQ(step_game(*state, 0, &frame, &checksum), Status::Ok);
  std::vector<u8> snap;
  ASSERT_EQ(save_game_state(*state, &snap), Status::Ok);
  for (u32 i = 0; i < 10; ++i) ASSERT_EQ(step_game(*state, game::kInputRight, &frame, &checksum), Status::Ok);
  const u64 before = state->region.hash();

  std::vector<u8> damaged = snap;
  damaged[damaged.size() / 2] ^= 0xFF;
  EXPECT_EQ(restore_game_state(*state, damaged.data(), static_cast<u32>(damaged.size())), Status::ChecksumMismatch);
  EXPECT_EQ(restore_game_state(*state, snap.data(), 100), Status::Truncated);
  const std::vector<u8> junk(4096, 0x5A);
  EXPECT_EQ(restore_game_state(*state, junk.data(), static_cast<u32>(junk.size())), Status::BadMagic);
  EXPECT_EQ(state->region.hash(), before);
  EXPECT_EQ(state->region.frame(), 20u);
  ASSERT_EQ(step_game(*state, 0, &frame, &checksum), Status::Ok) << "the game view is still bound";
}

TEST(DesktopGameState, ASnapshotWithoutAGameIsRefusedAfterRestoreWouldHaveTakenIt) {
  // A sound region of the same size holding a slab but no World: restore() alone accepts it, Game::open
  // does not, and the live state must not have been replaced in between.
  Region other;
  ASSERT_EQ(other.init(kStateRegionBytes), Status::Ok);
  ASSERT_TRUE(SlabAllocator::create(other, kStateSlabBytes).ok());
  std::vector<u8> snap(snapshot_max_size(other));
  const Result<u32> n = capture(other, snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(n.ok());
  snap.resize(n.value);

  const auto state = made();
  const u64 before = state->region.hash();
  EXPECT_EQ(restore_game_state(*state, snap.data(), static_cast<u32>(snap.size())), Status::CorruptState);
  EXPECT_EQ(state->region.hash(), before);
  EXPECT_TRUE(state->game.valid());
}

TEST(DesktopGameState, ASnapshotOfAnotherRegionSizeIsRefused) {
  Region small;
  ASSERT_EQ(small.init(1u << 20), Status::Ok);
  std::vector<u8> snap(snapshot_max_size(small));
  const Result<u32> n = capture(small, snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(n.ok());
  const auto state = made();
  EXPECT_EQ(restore_game_state(*state, snap.data(), n.value), Status::SizeMismatch);
}

}  // namespace
}  // namespace oc::desktop
