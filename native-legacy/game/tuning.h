// The game's tunables, in one place so that play-testing changes numbers here and nowhere else.
// Speeds and accelerations are in 1/kSubpixel px per frame (a fixed 60 Hz step); sizes in px. Every
// value is an integer: the simulation is the same bit for bit natively and in wasm.
#pragma once

#include "game/entity.h"
#include "memory/types.h"

namespace oc::game::tuning {

// Player movement. A jump of kJumpSpeed under kGravity rises ~200 px: three 64-px tiles and a bit.
constexpr i32 kGravity = 128;           // 0.5 px/frame^2
constexpr i32 kMaxFall = 12 * kSubpixel;
constexpr i32 kRunSpeed = 4 * kSubpixel;
constexpr i32 kJumpSpeed = 3800;        // ~15 px/frame up
constexpr i32 kJumpCut = 4 * kSubpixel; // releasing jump early caps the rise speed here
constexpr i32 kClimbSpeed = 2 * kSubpixel;
constexpr i32 kKnockbackX = 3 * kSubpixel;
constexpr i32 kKnockbackY = 4 * kSubpixel;

// Hitboxes (half extents, px). Characters stand on their frame's bottom row: half_h = frame height / 2.
constexpr u16 kPlayerHalfW = 14, kPlayerHalfH = 36;
constexpr u16 kCrateHalfW = 24, kCrateHalfH = 24;
constexpr u16 kCoinHalf = 12;
constexpr u16 kChaliceHalfW = 14, kChaliceHalfH = 16;
constexpr u16 kCrabHalfW = 22, kCrabHalfH = 20;
constexpr u16 kRatGuardHalfW = 18, kRatGuardHalfH = 34;
constexpr u16 kFlagHalfW = 16, kFlagHalfH = 40;

// The player's attack: a sword box in front of the hitbox, live on one frame of the swing.
constexpr u16 kAttackFrames = 20;       // the swing's length
constexpr u16 kAttackHitFrame = 6;      // the frame the blade connects (the ANI's PLAYER_SWORD_HIT)
constexpr u16 kAttackCooldown = 24;     // frames from one swing's start to the next
constexpr i32 kSwordReach = 44;         // px beyond the hitbox's front edge
constexpr i32 kSwordHalfH = 20;         // px above and below the centre

// Health, lives, respawn.
constexpr i32 kMaxHealth = 100;
constexpr i32 kStartLives = 3;
constexpr u32 kInvulnerableFrames = 90;
constexpr u32 kRespawnInvulnerableFrames = 120;
constexpr u32 kRespawnFrames = 60;
constexpr u16 kHurtFrames = 18;

// Enemies. Crabs: 1 hit, 10 damage; rat guards: 2 hits, 20 damage (the WWD's health/damage win).
constexpr i32 kCrabSpeed = 1 * kSubpixel;
constexpr i32 kRatGuardSpeed = 384;     // 1.5 px/frame
constexpr i16 kCrabHp = 1, kRatGuardHp = 2;
constexpr i32 kCrabDamage = 10, kRatGuardDamage = 20;
constexpr i32 kPatrolHalfRange = 128;   // px each side of the spawn when the WWD gives no range
constexpr i32 kEnemyReach = 36;         // px beyond the hitbox's front edge: the claw or the blade
constexpr i32 kEnemySenseY = 48;        // px of height difference within which an enemy attacks
constexpr u16 kEnemyAttackFrames = 36;
constexpr u16 kEnemyHitFrame = 14;      // CRAB_PINCH / RATGUARD_SLASH
constexpr u16 kEnemyCooldown = 60;      // plus kEnemyCooldownJitter random frames (World.rng)
constexpr u16 kEnemyCooldownJitter = 40;
constexpr u16 kEnemyDeadFrames = 40;    // the death animation before the slot is freed

// Items.
constexpr u16 kCrateBreakFrames = 24;   // CRATE_BREAK, then the slot is freed
constexpr i32 kCoinScore = 100, kGemScore = 500, kChaliceScore = 1000;
// WWD scores are untrusted i32: one treasure is worth at most this, and the score saturates at
// kMaxScore (far above any level: the original's treasures are worth 100 to 25,000).
constexpr i32 kMaxTreasureScore = 1000000;
constexpr i32 kMaxScore = 2000000000;
// LevelOptions.lives above this are refused (and a forged World holding more is corrupt).
constexpr i32 kMaxLives = 9999;

}  // namespace oc::game::tuning
