// Crates, treasure, checkpoints and the level end: what the player breaks, picks up and touches.
// A crate's treasure exists from the load on, hidden and linked to its crate both ways, so the level's
// treasure count is known up front and breaking a crate never needs a slot.
#include "game/sim.h"
#include "game/tuning.h"

namespace oc::game {

namespace {

bool player_touches(const Sim& sim, const Entity& e) noexcept {
  return sim.player_alive() && overlaps(box_of(*sim.player), box_of(e));
}

}  // namespace

void update_crate(Sim& sim, Entity& e) noexcept {
  if (e.state == kStateBreaking && e.state_frames >= tuning::kCrateBreakFrames) free_entity(sim, e);
}

void hit_crate(Sim& sim, Entity& crate) noexcept {
  World& w = *sim.world;
  crate.hp = static_cast<i16>(crate.hp - 1);
  if (crate.hp > 0) return;
  crate.flags = static_cast<u16>(crate.flags | kFlagDying);
  crate.state = kStateBreaking;
  crate.state_frames = 0;
  w.crates_broken++;
  w.events |= kEventCrateBroken;
  if (Entity* t = sim.resolve(crate.link); t != nullptr && t->kind == kKindTreasure) {
    t->flags = static_cast<u16>(t->flags & ~kFlagHidden);
    t->link = kNullHandle;
  }
  crate.link = kNullHandle;
}

void update_treasure(Sim& sim, Entity& e) noexcept {
  if ((e.flags & kFlagHidden) != 0 || !player_touches(sim, e)) return;
  World& w = *sim.world;
  // 64-bit and clamped: the value is capped at load, but the World's bytes may come from a snapshot.
  const i64 score = i64{w.score} + e.value;
  w.score = score < 0 ? 0 : score > tuning::kMaxScore ? tuning::kMaxScore : static_cast<i32>(score);
  w.treasure_taken++;
  w.events |= kEventTreasure;
  free_entity(sim, e);
}

void update_marker(Sim& sim, Entity& e) noexcept {
  if (!player_touches(sim, e)) return;
  World& w = *sim.world;
  if (e.kind == kKindLevelEnd) {
    set_state(e, kStateRaised);
    w.status = kWorldComplete;
    w.status_frames = 0;
    w.events |= kEventComplete;
    return;
  }
  if (e.state == kStateRaised) return;
  set_state(e, kStateRaised);
  // The player respawns standing where the flag stands.
  const Entity& p = *sim.player;
  w.checkpoint_x = px_of(e.x);
  w.checkpoint_y = px_of(e.y) + e.half_h - p.half_h;
  w.events |= kEventCheckpoint;
}

}  // namespace oc::game
