// mallinfo differs between the two C libraries: glibc deprecates mallinfo() (int fields) for
// mallinfo2(), Emscripten's dlmalloc only has mallinfo(). Both report arena (heap bytes) and keepcost
// (the top chunk, which the allocator could give back or hand out without growing), so
// arena - keepcost is the heap a live set actually pins, fragmentation included.
#include "heap_stats.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdint>

namespace ocb {

HeapSnapshot heap_snapshot() noexcept {
  HeapSnapshot s{};
#if defined(__EMSCRIPTEN__)
  struct mallinfo mi = mallinfo();
#else
  struct mallinfo2 mi = mallinfo2();
#endif
  s.span = static_cast<double>(mi.arena) - static_cast<double>(mi.keepcost);
  s.in_use = static_cast<double>(mi.uordblks);
  s.brk = static_cast<double>(reinterpret_cast<std::uintptr_t>(sbrk(0)));
  return s;
}

}  // namespace ocb
