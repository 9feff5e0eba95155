// xorshift32 (Marsaglia 2003) for the workloads that need data and choices that are the same on every
// run and in both builds (native and wasm): u32 arithmetic only, so every target gives one sequence.
#pragma once

#include "workloads.h"

namespace ocb {

struct Xorshift32 {
  u32 x;  // never 0: zero is the generator's fixed point

  explicit Xorshift32(u32 seed) noexcept : x(seed) {}

  u32 next() noexcept {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  }

  // Uniform in [0, n) by multiply-shift: no division, and no modulo bias worth the name at these n.
  u32 below(u32 n) noexcept { return static_cast<u32>((static_cast<u64>(next()) * n) >> 32); }
};

}  // namespace ocb
