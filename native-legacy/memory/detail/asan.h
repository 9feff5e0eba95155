// AddressSanitizer's manual poisoning, behind wrappers that are empty unless the build uses ASan
// (g++ defines __SANITIZE_ADDRESS__, clang reports __has_feature(address_sanitizer)). The allocators
// poison what no live block owns, so that ASan reports a read or write through a stale pointer at the
// faulting instruction instead of check() noticing it later (the scrub pattern) or never.
//
// Poisoning has 8-byte granularity: a slot whose edges are not 8-aligned is poisoned only where it
// fills whole granules on its own (ASan never poisons a neighbour's addressable bytes), so detection
// is exact for slot sizes that are multiples of 8 and partial otherwise. It never gives a false report.
#pragma once

#include <cstddef>

#include "../types.h"

#if defined(__SANITIZE_ADDRESS__)
#define OC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OC_ASAN 1
#endif
#endif
#ifndef OC_ASAN
#define OC_ASAN 0
#endif

#if OC_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace oc {
namespace detail {

constexpr bool kAsan = OC_ASAN != 0;

inline void asan_poison(const void* p, std::size_t n) noexcept {
#if OC_ASAN
  if (n != 0) __asan_poison_memory_region(p, n);
#else
  (void)p;
  (void)n;
#endif
}

inline void asan_unpoison(const void* p, std::size_t n) noexcept {
#if OC_ASAN
  if (n != 0) __asan_unpoison_memory_region(p, n);
#else
  (void)p;
  (void)n;
#endif
}

// Whether any byte of [p, p + n) is poisoned (always false without ASan).
inline bool asan_any_poisoned(const void* p, std::size_t n) noexcept {
#if OC_ASAN
  return n != 0 && __asan_region_is_poisoned(const_cast<void*>(p), n) != nullptr;
#else
  (void)p;
  (void)n;
  return false;
#endif
}

// Makes [p, p + n) readable and writable for the scope's lifetime and puts the poison back on exit if
// there was any: for the rare paths (check()'s scan of free slots, attach()'s scrub) that touch bytes
// no live block owns. State-preserving, so it is also right on a copy of a region that was never
// poisoned (a staging buffer, a snapshot image).
class ScopedUnpoison {
 public:
  ScopedUnpoison(const void* p, std::size_t n) noexcept
#if OC_ASAN
      : p_(p), n_(n), was_poisoned_(asan_any_poisoned(p, n)) {
    if (was_poisoned_) asan_unpoison(p, n);
  }
  ~ScopedUnpoison() {
    if (was_poisoned_) asan_poison(p_, n_);
  }
#else
  {
    (void)p;
    (void)n;
  }
#endif
  ScopedUnpoison(const ScopedUnpoison&) = delete;
  ScopedUnpoison& operator=(const ScopedUnpoison&) = delete;

#if OC_ASAN
 private:
  const void* p_;
  std::size_t n_;
  bool was_poisoned_;
#endif
};

}  // namespace detail
}  // namespace oc
