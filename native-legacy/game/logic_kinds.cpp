// Logic names and treasure variants (see logic_kinds.h).
#include "game/logic_kinds.h"

#include "game/tuning.h"

namespace oc::game {

namespace {

char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool contains_upper(const char* s, u32 length, const char* upper_word) noexcept {
  u32 n = 0;
  while (upper_word[n] != '\0') ++n;
  for (u32 at = 0; at + n <= length; ++at) {
    u32 k = 0;
    while (k < n && upper(s[at + k]) == upper_word[k]) ++k;
    if (k == n) return true;
  }
  return false;
}

struct LogicName {
  const char* name;  // upper case
  EntityKind kind;
};

constexpr LogicName kLogics[] = {
    {"CRATE", kKindCrate},          {"FRONTCRATE", kKindCrate},
    {"BEHINDCRATE", kKindCrate},    {"STACKEDCRATES", kKindCrate},
    {"FRONTSTACKEDCRATES", kKindCrate}, {"BACKSTACKEDCRATES", kKindCrate},
    {"TREASURE", kKindTreasure},    {"TREASUREPOWERUP", kKindTreasure},
    {"GLITTERLESSPOWERUP", kKindTreasure},
    {"CRAB", kKindCrab},            {"HERMITCRAB", kKindCrab},
    {"RAT", kKindCrab},             {"SOLDIER", kKindCrab},
    {"RATGUARD", kKindRatGuard},    {"OFFICER", kKindRatGuard},
    {"CHECKPOINT", kKindCheckpoint}, {"FIRSTSUPERCHECKPOINT", kKindCheckpoint},
    {"SUPERCHECKPOINT", kKindCheckpoint},
    {"LEVELEND", kKindLevelEnd},    {"ENDOFLEVELPOWERUP", kKindLevelEnd},
};

}  // namespace

bool name_equals(const char* s, u32 length, const char* upper_name) noexcept {
  u32 i = 0;
  for (; i < length && upper_name[i] != '\0'; ++i) {
    if (upper(s[i]) != upper_name[i]) return false;
  }
  return i == length && upper_name[i] == '\0';
}

EntityKind kind_of_logic(const char* name, u32 length) noexcept {
  for (const LogicName& l : kLogics) {
    if (name_equals(name, length, l.name)) return l.kind;
  }
  return kKindNone;
}

TreasureVariant treasure_variant_of(const char* image_set, u32 length) noexcept {
  if (contains_upper(image_set, length, "CHALICE")) return kTreasureChalice;
  if (contains_upper(image_set, length, "GEM")) return kTreasureGem;  // GEM and GEMS
  return kTreasureCoin;
}

TreasureVariant crate_drop_of(i32 powerup) noexcept {
  switch (powerup) {
    case 1: return kTreasureCoin;
    case 2: return kTreasureGem;
    case 3: return kTreasureChalice;
    default: return kTreasureNone;
  }
}

i32 treasure_score(TreasureVariant variant, i32 wwd_score) noexcept {
  if (wwd_score > 0) return wwd_score < tuning::kMaxTreasureScore ? wwd_score : tuning::kMaxTreasureScore;
  switch (variant) {
    case kTreasureGem: return tuning::kGemScore;
    case kTreasureChalice: return tuning::kChaliceScore;
    default: return tuning::kCoinScore;
  }
}

}  // namespace oc::game
