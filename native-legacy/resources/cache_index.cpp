#include "cache_index.h"

namespace oc {

void CacheIndex::erase(u64 id) noexcept {
  u32 hole = home(id);
  for (;; hole = (hole + 1) & mask_) {
    if (slots_[hole].entry == 0) return;
    if (slots_[hole].id == id) break;
  }
  for (u32 j = (hole + 1) & mask_; slots_[j].entry != 0; j = (j + 1) & mask_) {
    // slots_[j] may fill the hole only if its home is not in the cyclic range (hole, j]: otherwise
    // moving it before its home would hide it from its own probe.
    const u32 h = home(slots_[j].id);
    const bool home_after_hole = hole <= j ? (h > hole && h <= j) : (h > hole || h <= j);
    if (home_after_hole) continue;
    slots_[hole] = slots_[j];
    hole = j;
  }
  slots_[hole] = CacheIndexSlot{};
}

}  // namespace oc
