// The per-frame sync checksum (snapshot.h): the region's used bytes, hashed like a snapshot's image.
#include "memory/detail/region_bytes_scope.h"
#include "snapshot/checksum.h"
#include "snapshot/snapshot.h"

namespace oc {

u64 region_checksum(const Region& region) noexcept {
  if (!region.valid()) return 0;
  // A corrupted carve top must not send the hash past the region.
  const u32 used = region.used() < region.size() ? region.used() : region.size();
  const detail::RegionBytesScope bytes_scope(region);  // ASan: free pool slots are poisoned
  return checksum64(region.base(), used);
}

}  // namespace oc
