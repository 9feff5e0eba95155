// The common prefix of every allocator's metadata inside a region. The region keeps these in a
// linked list (by offset), so introspection and snapshots can find every allocator from the bytes.
#pragma once

#include "types.h"

namespace oc {

enum AllocatorKind : u32 {
  kKindPool = 0x4C4F4F50u,   // "POOL"
  kKindSlab = 0x42414C53u,   // "SLAB"
  kKindArena = 0x4E455241u,  // "AREN"
};

struct AllocatorHeader {
  u32 kind;         // AllocatorKind
  u32 next;         // offset of the next AllocatorHeader in the region, 0 at the end
  u32 id;           // 1..255, unique in the region
  u32 header_size;  // bytes of the full header (this prefix included)
};
static_assert(sizeof(AllocatorHeader) == 16, "AllocatorHeader layout is part of the snapshot format");

}  // namespace oc
