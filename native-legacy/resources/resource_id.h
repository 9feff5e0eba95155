// Stable resource ids: the key of the resource cache, the same in every build and on every host.
#pragma once

#include <string_view>

#include "memory/types.h"

namespace oc {

// FNV-1a 64 of the normalised path: ASCII letters lower-cased, '\\' turned into '/', and exactly one
// leading '/' (added when missing, repeated ones collapsed), so "LEVEL1\\TILES\\A.PID",
// "level1/tiles/a.pid" and "/level1/tiles/a.pid" are one resource. Bytes >= 0x80 pass unchanged:
// archive names are ASCII, and locale-dependent folding would make ids differ between hosts.
// The value is part of the ABI (hosts store ids); a test pins one.
u64 resource_id(std::string_view path) noexcept;

}  // namespace oc
