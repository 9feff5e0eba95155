// The staging block (see staging.h): the only platform-specific code of snapshot/.
#include "snapshot/staging.h"

#include <cstdlib>

#ifndef __EMSCRIPTEN__
#include <sys/mman.h>
#endif

namespace oc::snap {

namespace {
constexpr u32 kAlign = 4096;
}  // namespace

StagingBlock::StagingBlock(u32 size) noexcept {
  if (size == 0) return;
  const u64 want = (static_cast<u64>(size) + kAlign - 1) & ~u64{kAlign - 1};
#ifdef __EMSCRIPTEN__
  mapped_ = want;
  data_ = static_cast<u8*>(std::aligned_alloc(kAlign, static_cast<size_t>(want)));
  mapping_ = data_;
#else
  constexpr u64 kHugePage = 2u << 20;
  // Over-map by one huge page so that the block can start on a huge-page boundary.
  mapped_ = want >= kHugePage ? want + kHugePage : want;
  void* p = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return;
  mapping_ = p;
  u8* start = static_cast<u8*>(p);
  if (want >= kHugePage) {
    const auto at = reinterpret_cast<std::uintptr_t>(start);
    start += ((at + kHugePage - 1) & ~static_cast<std::uintptr_t>(kHugePage - 1)) - at;
#ifdef MADV_HUGEPAGE
    (void)madvise(start, want, MADV_HUGEPAGE);  // a hint: ignored where THP is off, which is fine
#endif
  }
  data_ = start;
#endif
}

StagingBlock::~StagingBlock() {
  if (mapping_ == nullptr) return;
#ifdef __EMSCRIPTEN__
  std::free(mapping_);
#else
  (void)munmap(mapping_, mapped_);
#endif
}

}  // namespace oc::snap
