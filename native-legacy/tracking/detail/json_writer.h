// A bounded JSON text writer: appends to a caller's buffer, never past `max`, and keeps counting the
// full length so that the caller can size a second attempt. No allocation, no floating point (rates
// are printed as fixed-point decimals), so the wasm build pulls in no printf.
#pragma once

#include "memory/types.h"

namespace oc {
namespace detail {

// Where to cut `text` at or before byte `cut` without splitting a UTF-8 character: backs up over
// continuation bytes (10xxxxxx). text[cut] must be readable: it tells whether a character starts there.
inline u32 utf8_boundary(const char* text, u32 cut) noexcept {
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) --cut;
  return cut;
}

class JsonWriter {
 public:
  JsonWriter(char* out, u32 max) noexcept : out_(out), max_(out == nullptr ? 0 : max) {}
  u32 length() const noexcept { return len_; }

  void raw(const char* text) noexcept {
    while (*text != '\0') byte(*text++);
  }
  void raw(const char* text, u32 length) noexcept {
    for (u32 i = 0; i < length; ++i) byte(text[i]);
  }
  // A JSON string: quotes, backslashes and control characters escaped; other bytes (UTF-8) as they are.
  void str(const char* text, u32 length) noexcept {
    static const char kHex[] = "0123456789abcdef";
    byte('"');
    for (u32 i = 0; i < length; ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c == '"' || c == '\\') {
        byte('\\');
        byte(static_cast<char>(c));
      } else if (c < 0x20) {
        raw("\\u00");
        byte(kHex[c >> 4]);
        byte(kHex[c & 15]);
      } else {
        byte(static_cast<char>(c));
      }
    }
    byte('"');
  }
  void str(const char* text) noexcept {
    u32 n = 0;
    while (text[n] != '\0') ++n;
    str(text, n);
  }
  void num(u64 v) noexcept {
    char digits[20];
    u32 n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) byte(digits[--n]);
  }
  // numerator / denominator with three decimals, rounded half up ("12.345"; "0" for a zero denominator).
  void ratio(u64 numerator, u64 denominator) noexcept {
    if (denominator == 0) {
      byte('0');
      return;
    }
    const u64 milli = (numerator * 1000 + denominator / 2) / denominator;
    num(milli / 1000);
    byte('.');
    const u64 frac = milli % 1000;
    byte(static_cast<char>('0' + frac / 100));
    byte(static_cast<char>('0' + frac / 10 % 10));
    byte(static_cast<char>('0' + frac % 10));
  }
  // "key": — with a comma before it unless it opens its object.
  void key(const char* name, bool first = false) noexcept {
    if (!first) byte(',');
    str(name);
    byte(':');
  }

 private:
  void byte(char c) noexcept {
    if (len_ < max_) out_[len_] = c;
    ++len_;
  }

  char* out_;
  u32 max_;
  u32 len_ = 0;
};

}  // namespace detail
}  // namespace oc
