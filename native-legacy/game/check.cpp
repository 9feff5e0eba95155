// Game::check(): the World's invariants, for tests and after a load of untrusted bytes. Linear in
// the entity slots; never called by tick().
#include "game/game.h"
#include "game/sim.h"
#include "game/tuning.h"

namespace oc::game {

Status Game::check() const noexcept {
  if (!valid()) return Status::InvalidArgument;
  const World& w = *world_;
  Status s = pool_.check();
  if (s != Status::Ok) return s;
  s = slab_.check();
  if (s != Status::Ok) return s;
  const PoolStats ps = pool_.stats();
  if (w.status == kWorldEmpty) {
    return ps.live == 0 && w.entity_high == 0 && w.player == kNullHandle ? Status::Ok : Status::CorruptState;
  }
  s = check_bounds(w, entities_, gens_);
  if (s != Status::Ok) return s;
  // Counters never run past their totals.
  if (w.treasure_taken > w.treasure_total || w.crates_broken > w.crates_total ||
      w.enemies_defeated > w.enemies_total || w.health > tuning::kMaxHealth || w.lives < 0) {
    return Status::CorruptState;
  }
  u32 live = 0, players = 0, treasures = 0, crates = 0, enemies = 0;
  for (u32 i = 0; i < w.entity_capacity; ++i) {
    if (!this->live(i)) continue;
    if (i >= w.entity_high) return Status::CorruptState;  // the renderer would never see it
    const Entity& e = entities_[i];
    if (e.kind == kKindNone || e.kind >= kKindCount) return Status::CorruptState;
    // The slot's own handle must be live and name this very slot.
    if (resolve(e.self) != &e) return Status::CorruptState;
    live++;
    switch (e.kind) {
      case kKindPlayer:
        if (e.self != w.player) return Status::CorruptState;
        players++;
        break;
      case kKindTreasure:
        treasures++;
        if (e.flags & kFlagHidden) {
          const Entity* crate = resolve(e.link);
          if (crate == nullptr || crate->kind != kKindCrate || crate->link != e.self) return Status::CorruptState;
        }
        break;
      case kKindCrate:
        if (e.state != kStateBreaking) crates++;
        if (e.link != kNullHandle) {
          const Entity* t = resolve(e.link);
          if (t == nullptr || t->kind != kKindTreasure || t->link != e.self || !(t->flags & kFlagHidden)) {
            return Status::CorruptState;
          }
        }
        break;
      case kKindCrab:
      case kKindRatGuard:
        if (!(e.flags & kFlagDying)) enemies++;
        if (e.min_x > e.max_x) return Status::CorruptState;
        break;
      default: break;
    }
  }
  if (live != ps.live || players != 1 || treasures != w.treasure_total - w.treasure_taken ||
      crates != w.crates_total - w.crates_broken || enemies != w.enemies_total - w.enemies_defeated) {
    return Status::CorruptState;
  }
  return Status::Ok;
}

}  // namespace oc::game
