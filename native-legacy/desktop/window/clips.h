// Which picture an entity shows, as web/game/animations.ts: (kind, state) -> a clip (one of the demo's
// ANIs, or a still image of an image set), and which frame of it after stateFrames 60 Hz ticks, from
// the ANI's frame durations baked once into a tick -> frame table.
#pragma once

#include <string>
#include <vector>

#include "memory/types.h"

namespace oc::desktop::window {

enum class ClipMode : u8 { Loop, Once, First, Last };

struct ClipSpec {
  std::string ani;  // the ANI's name (PLAYER_RUN); empty for a still of `image` of `set`
  std::string set;  // the demo's image set (LEVEL_<set> in REZ strings)
  u32 image = 1;
  ClipMode mode = ClipMode::First;
};

constexpr u32 kClipStates = 32;
constexpr u32 kClipSlots = 8 * kClipStates;
// Treasure clips are chosen by variant, kept in the state slots from 16.
constexpr u32 kClipVariantBase = 16;

u32 clip_slot(u32 kind, u32 state, u32 variant) noexcept;
inline u32 clip_kind(u32 slot) noexcept { return slot / kClipStates; }

// Every clip of the demo game by slot (empty specs where none): assets/README.md.
std::vector<ClipSpec> demo_clips();

// Ticks -> frame index of one pass of an ANI (durations in ms); at least one tick per frame.
std::vector<u16> frame_table(const std::vector<u16>& durations_ms);

// The frame for `state_frames` ticks into a clip of `frames` frames.
u32 pick_frame(ClipMode mode, const std::vector<u16>& table, u32 frames, u32 state_frames) noexcept;

}  // namespace oc::desktop::window
