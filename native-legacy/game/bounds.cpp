// The value ranges tick() relies on, checked by Game::open for every World it binds: a snapshot's
// checksum proves its bytes are the ones written, not that a sound build wrote them, and a forged
// position, speed or counter would otherwise overflow the simulation's i32 arithmetic (or make one
// tick take minutes: hitboxes span cells, movement steps a pixel at a time).
#include "game/sim.h"
#include "game/tuning.h"

namespace oc::game {

namespace {

bool within(i32 v, i32 limit) noexcept { return v >= -limit && v <= limit; }

bool entity_in_bounds(const Entity& e) noexcept {
  constexpr i32 kPositionLimit = kMaxPosition * kSubpixel;
  if (e.kind == kKindNone || e.kind >= kKindCount) return false;
  if (!within(e.x, kPositionLimit) || !within(e.y, kPositionLimit) || !within(e.vx, kMaxSpeed) ||
      !within(e.vy, kMaxSpeed) || e.half_w > kMaxHalfExtent || e.half_h > kMaxHalfExtent) {
    return false;
  }
  switch (e.kind) {
    case kKindTreasure: return e.value >= 0 && e.value <= tuning::kMaxTreasureScore;
    case kKindCrab:
    case kKindRatGuard: return e.value >= 0 && e.value <= tuning::kMaxHealth;
    default: return true;
  }
}

}  // namespace

Status check_bounds(const World& w, const Entity* slots, const u32* gens) noexcept {
  if (w.status > kWorldGameOver || w.entity_high > w.entity_capacity) return Status::CorruptState;
  if (w.status == kWorldEmpty) return Status::Ok;
  if (w.lives < 0 || w.lives > tuning::kMaxLives || w.health < 0 || w.health > tuning::kMaxHealth ||
      w.score < 0 || w.score > tuning::kMaxScore || !within(w.checkpoint_x, kMaxPosition) ||
      !within(w.checkpoint_y, kMaxPosition) || !within(w.start_x, kMaxCoordinate) ||
      !within(w.start_y, kMaxCoordinate)) {
    return Status::CorruptState;
  }
  for (u32 i = 0; i < w.entity_high; ++i) {
    if ((gens[i] & 1u) != 0 && !entity_in_bounds(slots[i])) return Status::CorruptState;
  }
  return Status::Ok;
}

}  // namespace oc::game
