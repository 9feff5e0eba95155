// The two enemy kinds: patrol between min_x and max_x (turning at the range's ends, at walls and at
// ledges), attack the player when near (a windup, one blow, a cooldown with random jitter from
// World.rng), take sword hits, die. Crabs and rat guards differ only in numbers (tuning.h, the WWD).
#include "game/rng.h"
#include "game/sim.h"
#include "game/tuning.h"

namespace oc::game {

namespace {

using namespace tuning;

i32 speed_of(const Entity& e) noexcept { return e.kind == kKindCrab ? kCrabSpeed : kRatGuardSpeed; }

// The blow's box: in front of the enemy, its own height.
Box blow_box(const Entity& e) noexcept {
  const Box b = box_of(e);
  return facing_left(e) ? Box{b.x0 - kEnemyReach, b.y0, b.x0 + 4, b.y1} : Box{b.x1 - 4, b.y0, b.x1 + kEnemyReach, b.y1};
}

// True when the player stands within reach ahead of (or behind: it turns) the enemy.
bool player_in_reach(const Sim& sim, const Entity& e) noexcept {
  if (!sim.player_alive()) return false;
  const Box p = box_of(*sim.player), b = box_of(e);
  const i32 gap = p.x0 >= b.x1 ? p.x0 - b.x1 : b.x0 >= p.x1 ? b.x0 - p.x1 : 0;
  const i32 dy = (p.y1 - b.y1) < 0 ? -(p.y1 - b.y1) : (p.y1 - b.y1);
  return gap <= kEnemyReach - 8 && dy <= kEnemySenseY;
}

// Something to stand on just ahead of the front foot (a ledge otherwise).
bool ground_ahead(const TileGrid& g, const Entity& e) noexcept {
  const Box b = box_of(e);
  const i32 x = facing_left(e) ? b.x0 - 1 : b.x1;
  MoveRules rules;
  return holds_from_above(g, b, x, x + 1, b.y1, rules);
}

}  // namespace

void update_enemy(Sim& sim, Entity& e) noexcept {
  World& w = *sim.world;
  if (e.flags & kFlagDying) {
    if (e.state_frames >= kEnemyDeadFrames) free_entity(sim, e);
    return;
  }
  if (e.timer > 0) e.timer--;
  const i32 x = px_of(e.x);
  switch (e.state) {
    case kStateHurt:
      if (e.state_frames >= kHurtFrames) set_state(e, kStateWalk);
      break;
    case kStateAttack:
      e.vx = 0;
      if (e.state_frames == kEnemyHitFrame && sim.player_alive() && overlaps(blow_box(e), box_of(*sim.player))) {
        hurt_player(sim, e, e.value);
      }
      if (e.state_frames >= kEnemyAttackFrames) set_state(e, kStateWalk);
      break;
    default:
      set_state(e, kStateWalk);
      if (e.timer == 0 && player_in_reach(sim, e)) {
        set_facing_left(e, sim.player->x < e.x);
        set_state(e, kStateAttack);
        e.vx = 0;
        e.timer = static_cast<u16>(kEnemyCooldown + rng_below(&w.rng, kEnemyCooldownJitter));
        break;
      }
      // Turn at the range's ends (only when heading out of it, so a knocked-back enemy walks home).
      if ((facing_left(e) && x <= e.min_x) || (!facing_left(e) && x >= e.max_x)) set_facing_left(e, !facing_left(e));
      if ((e.flags & kFlagOnGround) && !ground_ahead(sim.grid, e)) set_facing_left(e, !facing_left(e));
      e.vx = facing_left(e) ? -speed_of(e) : speed_of(e);
      break;
  }
  if (e.state == kStateHurt) e.vx = e.vx * 7 / 8;  // the knockback slides out
  e.vy += kGravity;
  if (e.vy > kMaxFall) e.vy = kMaxFall;
  MoveRules rules;
  const MoveResult m = move_entity(sim.grid, e, rules);
  set_flag(e, kFlagOnGround, m.on_ground);
  if (m.blocked_x && e.state == kStateWalk) set_facing_left(e, !facing_left(e));
  // An enemy that falls out of the map is gone (counted as defeated: the level's totals stay true).
  if (box_of(e).y0 >= sim.grid.pixel_height()) {
    w.enemies_defeated++;
    free_entity(sim, e);
  }
}

void hit_enemy(Sim& sim, Entity& e, bool from_left) noexcept {
  World& w = *sim.world;
  e.hp = static_cast<i16>(e.hp - 1);
  w.events |= kEventEnemyHit;
  if (e.hp <= 0) {
    e.flags = static_cast<u16>(e.flags | kFlagDying);
    e.vx = 0;
    e.state = kStateDead;
    e.state_frames = 0;
    w.enemies_defeated++;
    w.events |= kEventEnemyDefeated;
    return;
  }
  e.state = kStateHurt;
  e.state_frames = 0;
  e.vx = from_left ? kKnockbackX : -kKnockbackX;
  e.vy = -kKnockbackY / 2;
}

}  // namespace oc::game
