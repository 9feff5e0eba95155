// RegionBytesScope: code that reads or writes a whole region's bytes (a snapshot capture or restore,
// a checksum or hash, the rewind ring's page compare and copy, a test comparing two regions) opens
// one around the work. Under AddressSanitizer free pool slots are poisoned (fixed_pool.h), so such
// code would otherwise be reported for touching them; the scope unpoisons the region on entry and, on
// exit, poisons the free slots of every pool the bytes then describe (a restore may have replaced
// them). Without ASan it is an empty object.
//
// Only regions that own their bytes (Region::init/create) are poisoned by their pools, and only those
// or bytes already poisoned are touched: a view over a copy (a staging buffer, a snapshot image) stays
// plain memory.
#pragma once

#include "../region.h"
#include "asan.h"

namespace oc {
namespace detail {

// Poisons the free slots (free-listed and never handed out) of every pool in the region's bytes.
// Robust to any bytes: a pool whose header or geometry does not hold up is skipped.
void poison_free_pool_slots(const Region& region) noexcept;

class RegionBytesScope {
 public:
#if OC_ASAN
  explicit RegionBytesScope(const Region& region) noexcept
      : region_(&region),
        active_(region.valid() && (region.owns_bytes() || asan_any_poisoned(region.base(), region.size()))) {
    if (active_) asan_unpoison(region.base(), region.size());
  }
  ~RegionBytesScope() {
    if (active_ && region_->valid()) poison_free_pool_slots(*region_);
  }
#else
  explicit RegionBytesScope(const Region&) noexcept {}
#endif
  RegionBytesScope(const RegionBytesScope&) = delete;
  RegionBytesScope& operator=(const RegionBytesScope&) = delete;

#if OC_ASAN
 private:
  const Region* region_;
  bool active_;
#endif
};

}  // namespace detail
}  // namespace oc
