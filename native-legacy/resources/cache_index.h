// The resource cache's id -> entry index: open addressing over CacheIndexSlot[slots] in the region,
// linear probing, backward-shift deletion. A view: a pointer to the slots and the mask, nothing else.
// The cache keeps slots > entries, so a probe always meets an empty slot and find/insert terminate.
#pragma once

#include "cache_layout.h"

namespace oc {

class CacheIndex {
 public:
  CacheIndex() = default;
  CacheIndex(CacheIndexSlot* slots, u32 slot_count) noexcept : slots_(slots), mask_(slot_count - 1) {}

  // The entry (index + 1) stored for id, or 0.
  u32 find(u64 id) const noexcept {
    for (u32 i = home(id);; i = (i + 1) & mask_) {
      if (slots_[i].entry == 0) return 0;
      if (slots_[i].id == id) return slots_[i].entry;
    }
  }
  // id must not be present (the cache checks first).
  void insert(u64 id, u32 entry) noexcept {
    u32 i = home(id);
    while (slots_[i].entry != 0) i = (i + 1) & mask_;
    slots_[i].id = id;
    slots_[i].entry = entry;
  }
  // Removes id if present. Moves later members of the probe run back into the hole, so every
  // remaining id stays reachable from its home slot without tombstones.
  void erase(u64 id) noexcept;

  u32 slot_count() const noexcept { return mask_ + 1; }
  const CacheIndexSlot& slot(u32 i) const noexcept { return slots_[i]; }
  // Ids are FNV hashes already, but hosts may pass any u64 (counters, say): a finaliser spreads them.
  u32 home(u64 id) const noexcept {
    id ^= id >> 33;
    id *= 0xff51afd7ed558ccdull;
    id ^= id >> 33;
    return static_cast<u32>(id) & mask_;
  }

 private:
  CacheIndexSlot* slots_ = nullptr;
  u32 mask_ = 0;
};

}  // namespace oc
