// How far an attach() may follow offsets into a region: the carved bytes [0, used()), but never past
// the region's own size. attach() can run on a region whose header nobody has checked (a restored
// image, the ABI's attach), where carve_top is whatever the bytes say.
#pragma once

#include "../region.h"

namespace oc {
namespace detail {

inline u32 carved_end(const Region& region) noexcept {
  return region.used() < region.size() ? region.used() : region.size();
}

}  // namespace detail
}  // namespace oc
