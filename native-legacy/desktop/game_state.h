// The desktop program's state region: made exactly as the web build makes it, so that both builds'
// regions are byte-identical at every frame and snapshots cross between them. engine/memory/engine.ts
// createEngine() makes a 16 MiB state region and a slab over half of it with the core's default page
// size and class steps, then engine/game Game.create() calls oc_game_create(state, slab, 4096);
// make_game_state() does the same through the C++ API. (The frame and debug regions of the engine are
// separate regions: nothing of them lands in the state region.)
//
// One step (step_game) is what a frame of the web page does to the region: Game::tick(input), then the
// region's frame counter + 1 (engine.endFrame()), then the sync checksum of [0, used).
#pragma once

#include <vector>

#include "game/game.h"
#include "memory/region.h"
#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc::desktop {

constexpr u32 kStateRegionBytes = 16u << 20;          // createEngine's default regions.state
constexpr u32 kStateSlabBytes = kStateRegionBytes / 2;  // createEngine's default slab.bytes
constexpr u32 kEntityCapacity = 4096;                 // Game.create's default entityCapacity

// Game holds pointers into `region`: a GameState stays where make_game_state() built it.
struct GameState {
  GameState() = default;
  GameState(const GameState&) = delete;
  GameState& operator=(const GameState&) = delete;

  Region region;
  game::Game game;
};

// Region, slab and World as the web build makes them. The slab ignores OPENCLAW_SLAB_SIZE (which other
// native programs honour): the web build has no such override, and another page size would change
// every byte after the slab's header.
Status make_game_state(GameState* out) noexcept;

// Game::load_level with the default LevelOptions (as oc_game_load_level).
Status load_level(GameState& state, formats::ByteSpan image) noexcept;

// Replaces the state with a snapshot. Everything is validated first in a scratch region (snapshot
// restore's checks, then Game::open's, which restore cannot know about): on any failure the state is
// byte-for-byte as it was and that status is returned.
Status restore_game_state(GameState& state, const u8* bytes, u32 len) noexcept;

// A full, sealed snapshot of the state region (engine.snapshot() without a report).
Status save_game_state(const GameState& state, std::vector<u8>* out);

// One frame: tick, frame counter + 1, checksum. *frame is the counter after the step.
Status step_game(GameState& state, u32 input, u64* frame, u64* checksum) noexcept;

}  // namespace oc::desktop
