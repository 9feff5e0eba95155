// XXH3-64 from Debian's libxxhash-dev, header-only (CMake copies xxhash.h into the build tree so the
// wasm build, which cannot see /usr/include, finds it too). This file is the one-shot hash; the
// streaming one is in checksum_stream.cpp, because in wasm the two are fastest with different
// kernels (see there).
#include "snapshot/checksum.h"

#define XXH_INLINE_ALL
#include "xxhash.h"

namespace oc {

namespace {

const char* kernel_name(int vector) noexcept {
  switch (vector) {
    case XXH_SCALAR: return "scalar";
    case XXH_SSE2: return "sse2";
    case XXH_AVX2: return "avx2";
    case XXH_AVX512: return "avx512";
    case XXH_NEON: return "neon";
    case XXH_VSX: return "vsx";
    default: return "unknown";
  }
}

}  // namespace

u64 checksum64(const void* data, std::size_t len) noexcept { return XXH3_64bits(data, len); }

const char* checksum64_kernel() noexcept { return kernel_name(XXH_VECTOR); }

}  // namespace oc
