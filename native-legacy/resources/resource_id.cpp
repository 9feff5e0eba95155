#include "resource_id.h"

namespace oc {

namespace {
constexpr u64 kFnvOffset = 0xcbf29ce484222325ull;
constexpr u64 kFnvPrime = 0x100000001b3ull;

u64 mix(u64 h, u8 c) noexcept { return (h ^ c) * kFnvPrime; }
}  // namespace

u64 resource_id(std::string_view path) noexcept {
  size_t i = 0;
  while (i < path.size() && (path[i] == '/' || path[i] == '\\')) ++i;
  u64 h = mix(kFnvOffset, static_cast<u8>('/'));
  for (; i < path.size(); ++i) {
    u8 c = static_cast<u8>(path[i]);
    if (c == '\\') c = '/';
    else if (c >= 'A' && c <= 'Z') c = static_cast<u8>(c - 'A' + 'a');
    h = mix(h, c);
  }
  return h;
}

}  // namespace oc
