// Which regions a resource cache lives in (abi_cache.cpp), for the snapshot and rewind entry points.
// A cache trusts its header, index, lists and slab in its region and keeps a process-side eviction
// queue beside them: restoring old bytes under it (a snapshot restore, a rewind) would desynchronise
// the two and bring back entries whose textures the host has destroyed, so such regions are refused.
#pragma once

#include "memory/types.h"

namespace oc::abi {

// True when a live cache was created in `region`.
bool region_hosts_cache(u32 region) noexcept;

}  // namespace oc::abi
