// Whole-region reads and writes for tests. Under AddressSanitizer a pool poisons its free slots
// (memory/fixed_pool.h), so a test that copies, compares or hashes a live region's bytes, or writes a
// saved image back into it, does it through these helpers (or inside a detail::RegionBytesScope of
// its own), like the core's snapshot and checksum code does. Without ASan they are plain copies.
#pragma once

#include <cstring>
#include <vector>

#include "memory/detail/region_bytes_scope.h"
#include "memory/region.h"

namespace oc::testsupport {

// The region's first `len` bytes (all of them by default).
inline std::vector<u8> region_bytes(const Region& r, u32 len) {
  const detail::RegionBytesScope scope(r);
  return std::vector<u8>(r.base(), r.base() + len);
}
inline std::vector<u8> region_bytes(const Region& r) { return region_bytes(r, r.size()); }

// Overwrites the region's first `len` bytes; on return the free slots of the pools the new bytes
// describe are poisoned, as after a restore.
inline void write_region_bytes(Region& r, const void* src, u32 len) {
  const detail::RegionBytesScope scope(r);
  std::memcpy(r.base(), src, len);
}

inline bool region_equals(const Region& r, const std::vector<u8>& bytes) {
  const detail::RegionBytesScope scope(r);
  return bytes.size() == r.size() && std::memcmp(r.base(), bytes.data(), bytes.size()) == 0;
}

}  // namespace oc::testsupport
