// XXH3-64 (xxHash 0.8, seed 0): the one checksum of the snapshot format and of the per-frame sync
// check. The same function on every build, so a value computed in wasm matches the native one.
//
// xxhash.h is compiled into checksum.cpp (one-shot) and checksum_stream.cpp (streaming) only, with
// XXH_INLINE_ALL, so no other file depends on it and the wasm build inlines the whole hash; the
// streaming state is opaque storage here. Prefer the one-shot call over contiguous bytes: xxHash
// 0.8.1 streams through a 256-byte internal buffer and is slower (figures in checksum_stream.cpp).
#pragma once

#include <cstddef>

#include "memory/types.h"

namespace oc {

// One-shot hash of [data, data + len).
u64 checksum64(const void* data, std::size_t len) noexcept;

// Streaming hash: update() any number of times; digest() equals checksum64 of the concatenation.
class Checksum64 {
 public:
  Checksum64() noexcept;
  void reset() noexcept;
  void update(const void* data, std::size_t len) noexcept;
  u64 digest() const noexcept;

  // XXH3_state_t is 576 bytes with 64-byte alignment (checked in checksum.cpp).
  static constexpr std::size_t kStateBytes = 640;

 private:
  alignas(64) unsigned char state_[kStateBytes];
};

// Which XXH3 kernel checksum64() uses ("scalar", "sse2", "avx2", "neon"...): reported by benchmarks.
const char* checksum64_kernel() noexcept;
// Whether Checksum64 uses a SIMD kernel (SSE2, natively or emulated over wasm SIMD128).
bool checksum64_stream_is_simd() noexcept;

}  // namespace oc
