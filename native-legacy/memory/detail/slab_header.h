// Validation of a slab header found in a region's bytes: what SlabAllocator::attach() requires before
// it builds a view, and what check() repeats before it trusts the view's cached geometry. Internal.
#pragma once

#include "../region.h"
#include "../tlsf.h"
#include "slab_layout.h"

namespace oc {
namespace detail {

// Ok when the header at `at` is a slab of this region (8-aligned, inside the carved bytes, in the
// region's allocator list) and describes exactly what create() makes for its options: the layout,
// the static class table, the class map and the TLSF over the span (then *tlsf, if non-null, is a
// view of it). InvalidOffset when `at` cannot hold a slab of this region, CorruptState otherwise.
// Every field is untrusted: sizes are compared in 64-bit arithmetic before any pointer is derived.
Status slab_header_sound(const Region& region, Offset at, Tlsf* tlsf) noexcept;

}  // namespace detail
}  // namespace oc
