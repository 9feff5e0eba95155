// Small shared pieces of the TLSF and slab implementations: bit scans, the TLSF size -> list mapping,
// zeroing, and the debug scrub switch. Internal: nothing outside memory/ should include it.
#pragma once

#include <cstring>

#include "../tlsf.h"
#include "scrub.h"


namespace oc {
namespace detail {

// Index of the highest set bit; x != 0.
inline u32 fls32(u32 x) noexcept { return 31u - static_cast<u32>(__builtin_clz(x)); }

// The list a free block of `size` bytes (a multiple of 16, >= 16) belongs to: sizes below 2^9 have
// one list per 16 bytes; above, each power of two is split into kTlsfSlCount equal ranges.
inline void tlsf_mapping(u32 size, u32* fl, u32* sl) noexcept {
  if (size < (1u << kTlsfFlShift)) {
    *fl = 0;
    *sl = size / kTlsfGranule;
  } else {
    const u32 f = fls32(size);
    *sl = (size >> (f - kTlsfSlLog2)) ^ kTlsfSlCount;
    *fl = f - kTlsfFlShift + 1;
  }
}

// Zeroes n bytes. Allocations are zeroed (the determinism contract), and for blocks of a few hundred
// bytes that is most of the cost of an allocation, so it gets the fastest fill each target has.
// In wasm that is memory.fill (bulk memory): V8 runs it at native memset speed, about twice as fast
// as the store loop of the libc memset, even when the rest of the module is built without bulk
// memory; every engine the SDK supports has it (Chromium 75, Firefox 79, Safari 15, Node 12.5).
// A function with other target features is never inlined into its callers, so the fill is a
// function of its own and blocks of up to 64 bytes (two to four 16-byte stores, overlapping when n
// is not a multiple of 16) never reach it.
#if defined(__wasm__) && !defined(__wasm_bulk_memory__)
__attribute__((target("bulk-memory")))
#endif
inline void fill_zero(u8* p, u32 n) noexcept {
  __builtin_memset(p, 0, n);
}

inline void zero_bytes(u8* p, u32 n) noexcept {
  static constexpr u8 kZero[16] = {};
  if (n >= 16 && n <= 64) {
    std::memcpy(p, kZero, 16);
    std::memcpy(p + n - 16, kZero, 16);
    if (n > 32) {
      std::memcpy(p + 16, kZero, 16);
      std::memcpy(p + n - 32, kZero, 16);
    }
    return;
  }
  fill_zero(p, n);
}

}  // namespace detail
}  // namespace oc
