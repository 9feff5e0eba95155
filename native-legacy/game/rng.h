// The simulation's one random source: xorshift32 (G. Marsaglia, "Xorshift RNGs", 2003) over the
// state word World.rng, so a snapshot carries it and a restore continues the same sequence.
#pragma once

#include "memory/types.h"

namespace oc::game {

// A state must never be 0 (xorshift's fixed point): seeds map 0 to a constant.
constexpr u32 rng_seed(u32 seed) noexcept { return seed != 0 ? seed : 0x9E3779B9u; }

inline u32 rng_next(u32* state) noexcept {
  u32 x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

// In [0, n) for n >= 1 (multiply-shift: the same integer on every target).
inline u32 rng_below(u32* state, u32 n) noexcept {
  return static_cast<u32>((static_cast<u64>(rng_next(state)) * n) >> 32);
}

}  // namespace oc::game
