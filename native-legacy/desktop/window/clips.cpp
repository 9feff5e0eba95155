// The demo's clips and ANI timing (clips.h).
#include "desktop/window/clips.h"

#include "game/entity.h"

namespace oc::desktop::window {
namespace {

ClipSpec ani(const char* name, const char* set, ClipMode mode) { return ClipSpec{name, set, 1, mode}; }
ClipSpec still(const char* set, u32 image) { return ClipSpec{"", set, image, ClipMode::First}; }

}  // namespace

u32 clip_slot(u32 kind, u32 state, u32 variant) noexcept {
  return kind == game::kKindTreasure ? kind * kClipStates + kClipVariantBase + (variant & 15)
                                     : kind * kClipStates + (state & 15);
}

std::vector<ClipSpec> demo_clips() {
  using namespace game;
  std::vector<ClipSpec> m(kClipSlots);
  auto put = [&m](u32 kind, u32 state, ClipSpec spec) { m[clip_slot(kind, state, 0)] = std::move(spec); };
  put(kKindPlayer, kStateIdle, ani("PLAYER_IDLE", "PLAYER", ClipMode::Loop));
  put(kKindPlayer, kStateRun, ani("PLAYER_RUN", "PLAYER", ClipMode::Loop));
  put(kKindPlayer, kStateJump, ani("PLAYER_JUMP", "PLAYER", ClipMode::Once));
  put(kKindPlayer, kStateFall, ani("PLAYER_JUMP", "PLAYER", ClipMode::Last));
  put(kKindPlayer, kStateClimb, ani("PLAYER_CLIMB", "PLAYER", ClipMode::Loop));
  put(kKindPlayer, kStateAttack, ani("PLAYER_ATTACK", "PLAYER", ClipMode::Once));
  put(kKindPlayer, kStateHurt, ani("PLAYER_JUMP", "PLAYER", ClipMode::First));
  put(kKindPlayer, kStateDead, ani("PLAYER_JUMP", "PLAYER", ClipMode::Last));
  const std::pair<u32, const char*> enemies[] = {{kKindCrab, "CRAB"}, {kKindRatGuard, "RATGUARD"}};
  for (const auto& [kind, set] : enemies) {
    const std::string walk = std::string(set) + "_WALK";
    const std::string attack = std::string(set) + "_ATTACK";
    put(kind, kStateIdle, ani(walk.c_str(), set, ClipMode::First));
    put(kind, kStateWalk, ani(walk.c_str(), set, ClipMode::Loop));
    put(kind, kStateAttack, ani(attack.c_str(), set, ClipMode::Once));
    put(kind, kStateHurt, ani(attack.c_str(), set, ClipMode::First));
    put(kind, kStateDead, ani(walk.c_str(), set, ClipMode::First));
  }
  put(kKindCrate, kStateIdle, still("CRATE", 1));
  put(kKindCrate, kStateBreaking, ani("CRATE_BREAK", "CRATE", ClipMode::Once));
  m[clip_slot(kKindTreasure, 0, 1)] = ani("COIN_SPIN", "COIN", ClipMode::Loop);
  m[clip_slot(kKindTreasure, 0, 2)] = ani("GEM_SPARKLE", "GEM", ClipMode::Loop);
  m[clip_slot(kKindTreasure, 0, 3)] = still("CHALICE", 1);
  put(kKindCheckpoint, kStateIdle, still("CHECKPOINT", 1));
  put(kKindCheckpoint, kStateRaised, ani("CHECKPOINT_RISE", "CHECKPOINT", ClipMode::Once));
  put(kKindLevelEnd, kStateIdle, still("CHECKPOINT", 3));
  return m;
}

std::vector<u16> frame_table(const std::vector<u16>& durations_ms) {
  std::vector<u16> ticks;
  for (size_t i = 0; i < durations_ms.size() && i < 0xFFFF; ++i) {
    // Math.round(ms * 60 / 1000) of the page, in integers: (ms * 60 + 500) / 1000.
    u32 n = (static_cast<u32>(durations_ms[i]) * 60 + 500) / 1000;
    if (n == 0) n = 1;
    ticks.insert(ticks.end(), n, static_cast<u16>(i));
  }
  if (ticks.empty()) ticks.push_back(0);
  return ticks;
}

u32 pick_frame(ClipMode mode, const std::vector<u16>& table, u32 frames, u32 state_frames) noexcept {
  switch (mode) {
    case ClipMode::Loop: return table[state_frames % table.size()];
    case ClipMode::Once: return table[state_frames < table.size() ? state_frames : table.size() - 1];
    case ClipMode::First: return 0;
    case ClipMode::Last: return frames > 0 ? frames - 1 : 0;
  }
  return 0;
}

}  // namespace oc::desktop::window
