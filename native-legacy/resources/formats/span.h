// ByteSpan: the one way the legacy-format readers look at untrusted bytes. Every read names an absolute
// position in the span and fails (returns false) instead of reading past its end; positions and
// lengths are u32 and every sum is done in 64 bits, so no field value can wrap a check. Little-endian
// on both targets (asserted in memory/layout.cpp), read with memcpy so no alignment is assumed.
#pragma once

#include <cstring>

#include "memory/types.h"

namespace oc::formats {

class ByteSpan {
 public:
  constexpr ByteSpan() = default;
  constexpr ByteSpan(const u8* data, u32 size) noexcept : data_(data), size_(size) {}

  const u8* data() const noexcept { return data_; }
  u32 size() const noexcept { return size_; }

  // True when [at, at + len) lies inside the span.
  bool has(u32 at, u32 len) const noexcept { return static_cast<u64>(at) + len <= size_; }

  // The sub-span [at, at + len), or false when it does not fit.
  bool sub(u32 at, u32 len, ByteSpan* out) const noexcept {
    if (!has(at, len)) return false;
    *out = ByteSpan(data_ + at, len);
    return true;
  }

  bool u8_at(u32 at, u8* out) const noexcept {
    if (!has(at, 1)) return false;
    *out = data_[at];
    return true;
  }
  bool u16_at(u32 at, u16* out) const noexcept { return scalar_at(at, out); }
  bool u32_at(u32 at, u32* out) const noexcept { return scalar_at(at, out); }
  bool i32_at(u32 at, i32* out) const noexcept { return scalar_at(at, out); }

  // The length of the NUL-terminated string at `at` (the NUL excluded), looking at most `max` bytes;
  // false when no NUL lies within min(max, the span's end).
  bool cstring_at(u32 at, u32 max, u32* length) const noexcept {
    if (at > size_) return false;
    const u32 room = size_ - at < max ? size_ - at : max;
    const void* nul = std::memchr(data_ + at, 0, room);
    if (nul == nullptr) return false;
    *length = static_cast<u32>(static_cast<const u8*>(nul) - (data_ + at));
    return true;
  }

 private:
  template <typename T>
  bool scalar_at(u32 at, T* out) const noexcept {
    if (!has(at, sizeof(T))) return false;
    std::memcpy(out, data_ + at, sizeof(T));
    return true;
  }

  const u8* data_ = nullptr;
  u32 size_ = 0;
};

}  // namespace oc::formats
