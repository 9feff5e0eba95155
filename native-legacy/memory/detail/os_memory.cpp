// Platform primitives for regions. mmap natively gives page-aligned, already-zeroed pages, so a fresh
// region costs no memset and untouched pages cost no RAM. In wasm there is no mmap worth using
// (Emscripten's emulation goes through malloc anyway), so we take aligned memory and zero it.
#include "os_memory.h"

#include <cstdlib>
#include <cstring>

#ifndef __EMSCRIPTEN__
#include <sys/mman.h>
#endif

namespace oc {
namespace detail {

void* os_reserve(u32 size, bool huge_pages) noexcept {
  if (size == 0) return nullptr;
#ifdef __EMSCRIPTEN__
  (void)huge_pages;
  void* p = std::aligned_alloc(4096, size);
  if (p != nullptr) std::memset(p, 0, size);
  return p;
#else
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return nullptr;
#ifdef MADV_HUGEPAGE
  // Only a hint: the kernel may ignore it (THP disabled), which is fine, so its result is ignored.
  if (huge_pages && size >= kHugePageSize) (void)madvise(p, size, MADV_HUGEPAGE);
#else
  (void)huge_pages;
#endif
  return p;
#endif
}

void os_release(void* p, u32 size) noexcept {
  if (p == nullptr) return;
#ifdef __EMSCRIPTEN__
  (void)size;
  std::free(p);
#else
  (void)munmap(p, size);
#endif
}

}  // namespace detail
}  // namespace oc
