// Whole-page predicates for capture and delta: "is this page all zero" and "are these two pages
// equal". Internal to snapshot/. Every present page is copied anyway, so what matters is how fast a
// page is found to be zero (read to the end) or not (usually at its first bytes): both scan 64 bytes
// per step with an OR-reduction of wide loads and stop at the first step that settles it.
#pragma once

#include <cstring>

#include "memory/types.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace oc::snap {

// len is a multiple of 64 (a page).
inline bool bytes_zero64(const u8* p, u32 len) noexcept {
#if defined(__wasm_simd128__)
  for (u32 i = 0; i < len; i += 64) {
    const v128_t a = wasm_v128_or(wasm_v128_load(p + i), wasm_v128_load(p + i + 16));
    const v128_t b = wasm_v128_or(wasm_v128_load(p + i + 32), wasm_v128_load(p + i + 48));
    if (wasm_v128_any_true(wasm_v128_or(a, b))) return false;
  }
  return true;
#elif defined(__SSE2__)
  for (u32 i = 0; i < len; i += 64) {
    const __m128i a = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)),
                                   _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16)));
    const __m128i b = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 32)),
                                   _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 48)));
    const __m128i v = _mm_or_si128(a, b);
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())) != 0xFFFF) return false;
  }
  return true;
#else
  for (u32 i = 0; i < len; i += 64) {
    u64 w[8];
    std::memcpy(w, p + i, sizeof w);
    if ((w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]) != 0) return false;
  }
  return true;
#endif
}

// len is a multiple of 64 (a page).
inline bool bytes_equal64(const u8* x, const u8* y, u32 len) noexcept {
#if defined(__wasm_simd128__)
  for (u32 i = 0; i < len; i += 64) {
    const v128_t a = wasm_v128_or(wasm_v128_xor(wasm_v128_load(x + i), wasm_v128_load(y + i)),
                                  wasm_v128_xor(wasm_v128_load(x + i + 16), wasm_v128_load(y + i + 16)));
    const v128_t b = wasm_v128_or(wasm_v128_xor(wasm_v128_load(x + i + 32), wasm_v128_load(y + i + 32)),
                                  wasm_v128_xor(wasm_v128_load(x + i + 48), wasm_v128_load(y + i + 48)));
    if (wasm_v128_any_true(wasm_v128_or(a, b))) return false;
  }
  return true;
#else
  // glibc's memcmp is vectorised and stops at the first difference.
  return std::memcmp(x, y, len) == 0;
#endif
}

}  // namespace oc::snap
