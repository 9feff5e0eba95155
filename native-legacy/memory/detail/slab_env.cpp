// slab_page_size_from_env(): OPENCLAW_SLAB_SIZE for native programs. A file of its own so that a
// build that never calls it (the wasm module) does not link stdio for it.
#include <cstdio>
#include <cstdlib>

#include "../slab_allocator.h"

namespace oc {

u32 slab_page_size_from_env(u32 fallback) noexcept {
  const char* text = std::getenv("OPENCLAW_SLAB_SIZE");
  if (text == nullptr || *text == '\0') return fallback;
  u64 value = 0;
  const char* p = text;
  bool ok = *p >= '0' && *p <= '9';
  for (; ok && *p >= '0' && *p <= '9'; ++p) {
    value = value * 10 + static_cast<u64>(*p - '0');
    if (value > kSlabMaxPageSize) ok = false;
  }
  if (ok && (*p == 'K' || *p == 'k')) {
    value *= 1024;
    ++p;
  } else if (ok && (*p == 'M' || *p == 'm')) {
    value *= 1024 * 1024;
    ++p;
  }
  if (ok && *p != '\0') ok = false;
  if (ok && (value < kSlabMinPageSize || value > kSlabMaxPageSize || !is_pow2(static_cast<u32>(value)))) ok = false;
  if (!ok) {
    std::fprintf(stderr,
                 "OPENCLAW_SLAB_SIZE=%s ignored: expected a power of two from 4K to 1M (bytes, or with a K or M "
                 "suffix); using %u\n",
                 text, static_cast<unsigned>(fallback));
    return fallback;
  }
  return static_cast<u32>(value);
}

}  // namespace oc
