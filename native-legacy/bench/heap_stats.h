// What the module's own malloc holds, read the same way in both builds: dlmalloc in wasm, glibc
// natively. Used to compare the bytes an allocator reserves for a live set with malloc's.
#pragma once

#include "workloads.h"

namespace ocb {

struct HeapSnapshot {
  double span;    // heap bytes below the top chunk: blocks in use + free holes between them
  double in_use;  // bytes in allocated chunks, per-chunk overhead included
  double brk;     // the program break (sbrk(0))
};

HeapSnapshot heap_snapshot() noexcept;

}  // namespace ocb
