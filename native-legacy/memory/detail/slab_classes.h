// The size-class table and the region layout of a slab, computed from its options. create() writes
// them, attach() and check() recompute them to validate what the region holds.
#pragma once

#include "slab_layout.h"

namespace oc {
namespace detail {

constexpr u32 kSlabMaxClasses = 80;  // class_steps 16

// Fills classes[0..n) (their static fields only) and map[256]; either may be null. Returns n.
u32 slab_classes(u32 page_size, u32 class_steps, SlabClass* classes, u8* map) noexcept;

// Offsets relative to the slab's header, in 64-bit so that absurd sizes cannot wrap.
struct SlabLayout {
  u64 classes, class_map, tlsf, tlsf_map, frames, links, span, end;
  u32 frame_count;
};
SlabLayout slab_layout(u32 class_count, u32 page_size, u32 arena_bytes) noexcept;

bool slab_options_valid(u32 page_size, u32 class_steps) noexcept;

}  // namespace detail
}  // namespace oc
