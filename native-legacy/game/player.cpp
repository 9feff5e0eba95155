// The player: run, jump, fall, climb, attack; hurt, death, respawn. Movement is tile-based
// (collide.cpp); everything the player touches (treasure, checkpoints, the level end, enemies'
// blows) is decided by those entities' own updates, so slot order alone fixes who acts first.
#include "game/sim.h"
#include "game/tuning.h"

namespace oc::game {

namespace {

using namespace tuning;

// The centre column of the player: ladders are taken by the middle of the body, not an edge.
bool touches_climb(const TileGrid& g, const Box& b, i32 extra_below) noexcept {
  const i32 cx = (b.x0 + b.x1) / 2;
  return (g.mask(cx - 2, b.y0, cx + 2, b.y1 + extra_below) & kMaskClimb) != 0;
}

// Centres the player on the ladder's column (the cell under its centre).
void snap_to_ladder(const TileGrid& g, Entity& e) noexcept {
  const i32 cx = px_of(e.x);
  const i32 tx = cx >= 0 ? cx / g.tile_w : 0;
  e.x = (tx * g.tile_w + g.tile_w / 2) * kSubpixel;
}

void swing(Sim& sim, Entity& e) noexcept {
  const Box b = box_of(e);
  const i32 cy = (b.y0 + b.y1) / 2;
  const Box sword = facing_left(e) ? Box{b.x0 - kSwordReach, cy - kSwordHalfH, b.x0 + 4, cy + kSwordHalfH}
                                   : Box{b.x1 - 4, cy - kSwordHalfH, b.x1 + kSwordReach, cy + kSwordHalfH};
  const u32 high = sim.world->entity_high;
  for (u32 i = 0; i < high; ++i) {
    if (!sim.live(i)) continue;
    Entity& t = sim.slots[i];
    if ((t.flags & (kFlagDying | kFlagHidden)) != 0) continue;
    if (t.kind != kKindCrate && t.kind != kKindCrab && t.kind != kKindRatGuard) continue;
    if (!overlaps(sword, box_of(t))) continue;
    if (t.kind == kKindCrate) {
      hit_crate(sim, t);
    } else {
      hit_enemy(sim, t, !facing_left(e));
    }
  }
}

}  // namespace

void update_player(Sim& sim, Entity& e) noexcept {
  World& w = *sim.world;
  if (w.status != kWorldPlaying || (e.flags & kFlagDying) != 0) return;
  const TileGrid& g = sim.grid;
  const u32 in = sim.held, pressed = sim.pressed;
  if (e.timer > 0) e.timer--;
  set_flag(e, kFlagBlink, w.invulnerable > 0);
  const bool hurt = e.state == kStateHurt && e.state_frames < kHurtFrames;
  const bool attacking = e.state == kStateAttack && e.state_frames < kAttackFrames;
  Box b = box_of(e);

  bool climbing = (e.flags & kFlagOnLadder) != 0;
  if (!climbing && !hurt && !attacking) {
    // Onto a ladder: up while on one, or down from the ground into one below the feet.
    const bool up = (in & kInputUp) && touches_climb(g, b, 0);
    const bool down = (in & kInputDown) && (e.flags & kFlagOnGround) && touches_climb(g, b, 2);
    if (up || down) {
      climbing = true;
      snap_to_ladder(g, e);
      b = box_of(e);
    }
  }

  MoveRules rules;
  if (climbing) {
    e.vx = 0;
    e.vy = (in & kInputUp) ? -kClimbSpeed : (in & kInputDown) ? kClimbSpeed : 0;
    rules.ground = false;
    if (pressed & kInputJump) {  // off the ladder with a small hop
      climbing = false;
      e.vy = -kJumpSpeed / 2;
      w.events |= kEventJump;
    }
  } else {
    if (!hurt) {
      const bool left = (in & kInputLeft) != 0, right = (in & kInputRight) != 0;
      const bool grounded_swing = attacking && (e.flags & kFlagOnGround);
      e.vx = grounded_swing || left == right ? 0 : (left ? -kRunSpeed : kRunSpeed);
      if (left != right && !attacking) set_facing_left(e, left);
      if ((pressed & kInputJump) && (e.flags & kFlagOnGround) && !attacking) {
        e.vy = -kJumpSpeed;
        w.events |= kEventJump;
      }
      // A short tap gives a short hop: releasing jump caps the rise.
      if (!(in & kInputJump) && e.vy < -kJumpCut) e.vy = -kJumpCut;
    }
    e.vy += kGravity;
    if (e.vy > kMaxFall) e.vy = kMaxFall;
    rules.ladder_tops = !(in & kInputDown);
  }

  const MoveResult m = move_entity(g, e, rules);
  set_flag(e, kFlagOnGround, m.on_ground);
  b = box_of(e);
  if (climbing && (!touches_climb(g, b, 0) || (m.on_ground && (in & kInputDown) && m.blocked_y))) climbing = false;
  set_flag(e, kFlagOnLadder, climbing);

  if ((pressed & kInputAttack) && e.timer == 0 && !climbing && !hurt) {
    e.state = kStateAttack;  // a new swing restarts its frames even mid-swing
    e.state_frames = 0;
    e.timer = kAttackCooldown;
    w.events |= kEventAttack;
  }
  if (e.state == kStateAttack && e.state_frames == kAttackHitFrame) swing(sim, e);

  // Death: a death tile anywhere in the box, or out of the bottom of the map.
  if ((g.mask(b.x0, b.y0, b.x1, b.y1) & kMaskDeath) != 0 || b.y0 >= g.pixel_height()) {
    kill_player(sim);
    return;
  }

  if (e.state == kStateAttack && e.state_frames < kAttackFrames) return;
  if (e.state == kStateHurt && e.state_frames < kHurtFrames) return;
  if (climbing) {
    set_state(e, kStateClimb);
  } else if (m.on_ground) {
    set_state(e, e.vx != 0 ? kStateRun : kStateIdle);
  } else {
    set_state(e, e.vy < 0 ? kStateJump : kStateFall);
  }
}

void hurt_player(Sim& sim, const Entity& from, i32 damage) noexcept {
  World& w = *sim.world;
  Entity* p = sim.player;
  if (!sim.player_alive() || w.invulnerable > 0 || damage <= 0) return;
  w.health -= damage;
  w.damage_taken += static_cast<u32>(damage);
  w.events |= kEventPlayerHurt;
  w.invulnerable = kInvulnerableFrames;
  p->flags = static_cast<u16>((p->flags | kFlagBlink) & ~kFlagOnLadder);
  const bool push_left = from.x > p->x;
  p->vx = push_left ? -kKnockbackX : kKnockbackX;
  p->vy = -kKnockbackY;
  p->state = kStateHurt;
  p->state_frames = 0;
  if (w.health <= 0) kill_player(sim);
}

void kill_player(Sim& sim) noexcept {
  World& w = *sim.world;
  Entity* p = sim.player;
  if (p == nullptr || w.status != kWorldPlaying) return;
  w.health = 0;
  w.lives--;
  w.events |= kEventLifeLost;
  p->flags = static_cast<u16>((p->flags | kFlagDying) & ~(kFlagOnLadder | kFlagBlink));
  p->vx = 0;
  p->vy = 0;
  set_state(*p, kStateDead);
  w.status = w.lives > 0 ? kWorldRespawning : kWorldGameOver;
  w.status_frames = 0;
}

void respawn_player(Sim& sim) noexcept {
  World& w = *sim.world;
  Entity* p = sim.player;
  if (p == nullptr) return;
  p->x = w.checkpoint_x * kSubpixel;
  p->y = w.checkpoint_y * kSubpixel;
  p->vx = 0;
  p->vy = 0;
  p->flags = static_cast<u16>(p->flags & kFlagFacingLeft);
  p->timer = 0;
  set_state(*p, kStateIdle);
  w.health = tuning::kMaxHealth;
  w.invulnerable = tuning::kRespawnInvulnerableFrames;
  w.status = kWorldPlaying;
  w.status_frames = 0;
}

}  // namespace oc::game
