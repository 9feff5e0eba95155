// The streaming XXH3-64 (Checksum64). A translation unit of its own so that the wasm build can give
// it another kernel than the one-shot hash: measured in one Node 20 process, alternating calls over
// 16 MiB (medians of 31), the one-shot hash runs at 11.5 GB/s with xxHash's scalar kernel and 8.0 GB/s
// with its SSE2 kernel on Emscripten's SSE2-over-SIMD128 emulation, while the streaming hash runs at
// 2.6 GB/s scalar and 7.6 GB/s SSE2. CMake compiles this file with -msse2 in the wasm build, and
// checksum.cpp without. Natively both use SSE2 (x86-64's baseline): 36 GB/s one-shot, 21 GB/s streaming.
#include <new>

#include "snapshot/checksum.h"

#define XXH_INLINE_ALL
#include "xxhash.h"

namespace oc {

static_assert(sizeof(XXH3_state_t) <= Checksum64::kStateBytes, "Checksum64's storage must hold an XXH3_state_t");
static_assert(alignof(XXH3_state_t) <= 64, "Checksum64's storage is 64-byte aligned");

namespace {

XXH3_state_t* state_of(unsigned char* storage) noexcept { return reinterpret_cast<XXH3_state_t*>(storage); }
const XXH3_state_t* state_of(const unsigned char* storage) noexcept {
  return reinterpret_cast<const XXH3_state_t*>(storage);
}

}  // namespace

Checksum64::Checksum64() noexcept {
  new (state_) XXH3_state_t;
  reset();
}

void Checksum64::reset() noexcept { XXH3_64bits_reset(state_of(state_)); }

void Checksum64::update(const void* data, std::size_t len) noexcept {
  if (len != 0) XXH3_64bits_update(state_of(state_), data, len);
}

u64 Checksum64::digest() const noexcept { return XXH3_64bits_digest(state_of(state_)); }

bool checksum64_stream_is_simd() noexcept { return XXH_VECTOR != XXH_SCALAR; }

}  // namespace oc
