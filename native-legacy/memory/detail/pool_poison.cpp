// poison_free_pool_slots (region_bytes_scope.h): reads the pools' headers straight from the bytes,
// bounded like attach() but without its full check, since it runs after every whole-region operation
// (a checksum per frame in the tests) and only decides what ASan should watch.
#include "memory/detail/allocator_list.h"
#include "memory/detail/region_bytes_scope.h"
#include "memory/fixed_pool.h"

namespace oc {
namespace detail {

void poison_free_pool_slots(const Region& region) noexcept {
#if OC_ASAN
  if (!region.valid() || region.size() < sizeof(RegionHeader)) return;
  const u64 size = region.size();
  walk_allocator_list(region, [&](Offset off) {
    if (off % 8 != 0 || !region.contains(off, sizeof(FixedPoolHeader))) return true;
    const auto& h = *region.at<FixedPoolHeader>(off);
    if (h.common.kind != kKindPool) return true;
    const u64 cap = h.capacity;
    if (cap == 0 || cap > kPoolMaxCapacity || h.slot_size < 4 || h.bump > cap || h.gens_offset % 4 != 0 ||
        h.gens_offset + 4 * cap > size || h.slots_offset + static_cast<u64>(h.slot_size) * cap > size ||
        h.slots_offset < sizeof(RegionHeader) || h.gens_offset < sizeof(RegionHeader)) {
      return true;
    }
    const u32* gens = region.at<u32>(h.gens_offset);
    u8* const slots = region.at<u8>(h.slots_offset);
    const u32 n = h.slot_size;
    // Runs of adjacent free slots in one call each; the never-used range [bump, capacity) is one run.
    u32 run = 0;
    for (u32 i = 0; i < h.bump; ++i) {
      if ((gens[i] & 1u) != 0) {
        if (run != i) asan_poison(slots + static_cast<u64>(run) * n, static_cast<u64>(i - run) * n);
        run = i + 1;
      }
    }
    asan_poison(slots + static_cast<u64>(run) * n, static_cast<u64>(cap - run) * n);
    return true;
  });
#else
  (void)region;
#endif
}

}  // namespace detail
}  // namespace oc
