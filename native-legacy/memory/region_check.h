// The whole-region check: the region header and every allocator found in the region's own bytes.
// Used wherever a region's bytes may not have come from this process's own calls: the ABI's
// oc_region_check, and a snapshot restore (on the staged image, before the live region is touched).
#pragma once

#include "region.h"
#include "types.h"

namespace oc {

// Attaches the allocator whose header is h (by its kind) and runs its check(). CorruptState for an
// unknown kind. Non-const region: under OPENCLAW_SCRUB a pool's attach() rewrites free slots.
Status check_allocator(Region& region, const AllocatorHeader& h) noexcept;

// Region::check(), then check_allocator() for every allocator in the list (walked only once the
// region's check vouched for its links).
Status check_region_and_allocators(Region& region) noexcept;

}  // namespace oc
