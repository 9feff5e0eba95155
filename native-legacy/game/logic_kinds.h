// Which entity a WWD object becomes: its logic name (case-insensitive; the demo's names and the
// original game's) decides the kind, its image set the treasure variant. Unknown logics are ignored
// (counted in World.ignored), never an error: real levels carry many the game does not implement.
#pragma once

#include "game/entity.h"
#include "memory/types.h"

namespace oc::game {

enum TreasureVariant : u16 {
  kTreasureNone = 0,
  kTreasureCoin = 1,
  kTreasureGem = 2,
  kTreasureChalice = 3,
};

// True when `s` (length bytes, no NUL needed) equals `upper_name` ignoring ASCII case.
bool name_equals(const char* s, u32 length, const char* upper_name) noexcept;

// kKindNone for a logic the game does not know. `name` need not be NUL-terminated.
EntityKind kind_of_logic(const char* name, u32 length) noexcept;

// The variant of a treasure object from its image set: CHALICE, GEM(S), else coin (LEVEL_COIN too).
TreasureVariant treasure_variant_of(const char* image_set, u32 length) noexcept;

// The variant a crate drops from its WWD `powerup` (1 coin, 2 gem, 3 chalice, anything else none).
TreasureVariant crate_drop_of(i32 powerup) noexcept;

// The score of a treasure: the WWD's `score` when positive (capped at tuning::kMaxTreasureScore),
// else 100 / 500 / 1000 by variant.
i32 treasure_score(TreasureVariant variant, i32 wwd_score) noexcept;

}  // namespace oc::game
