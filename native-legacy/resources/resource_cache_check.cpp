// ResourceCache::check(): every invariant of the cache's region records, for tests and for a host
// that wants to validate an assets region. O(entries + index slots).
#include "resource_cache.h"

namespace oc {

Status ResourceCache::check_lists() const noexcept {
  const u32 capacity = hdr_->max_entries;
  for (int gpu = 0; gpu < 2; ++gpu) {
    const CacheList& list = gpu != 0 ? hdr_->gpu_lru : hdr_->ram_lru;
    u32 prev = 0, count = 0;
    u64 bytes = 0;
    for (u32 e = list.head; e != 0;) {
      // A cycle or a link out of the pool would never end or read outside it.
      if (e > capacity || ++count > capacity) return Status::CorruptState;
      const CacheEntry& x = entry(e - 1);
      if (pool_.validate(x.handle) != Status::Ok || pool_.index_of(x.handle) != e - 1) return Status::CorruptState;
      const u32 p = gpu != 0 ? x.gpu_prev : x.ram_prev;
      if (p != prev || x.pins != 0 || (gpu != 0 && x.gpu_bytes == 0)) return Status::CorruptState;
      bytes += gpu != 0 ? x.gpu_bytes : x.size;
      prev = e;
      e = gpu != 0 ? x.gpu_next : x.ram_next;
    }
    if (prev != list.tail || count != list.count || bytes != list.bytes) return Status::CorruptState;
  }
  return Status::Ok;
}

Status ResourceCache::check() const noexcept {
  if (hdr_ == nullptr) return Status::InvalidArgument;
  const CacheHeader& c = *hdr_;
  if (c.magic != kCacheMagic || c.version != kCacheVersion) return Status::CorruptState;
  Status s = pool_.check();
  if (s != Status::Ok) return s;
  s = slab_.check();
  if (s != Status::Ok) return s;
  s = check_lists();
  if (s != Status::Ok) return s;

  u32 live = 0, pinned = 0, unpinned = 0, unpinned_gpu = 0;
  u64 ram = 0, vram = 0;
  bool bad = false;
  pool_.walk([&](Handle h, Offset) {
    const u32 i = pool_.index_of(h);
    const CacheEntry& x = entry(i);
    if (x.handle != h || index_.find(x.id) != i + 1 || x.size == 0) bad = true;
    const Result<u32> usable = slab_.usable_size(x.data);
    if (!usable.ok() || usable.value < x.size) bad = true;
    ++live;
    ram += x.size;
    vram += x.gpu_bytes;
    if (x.pins != 0) ++pinned;
    else {
      ++unpinned;
      if (x.gpu_bytes != 0) ++unpinned_gpu;
    }
  });
  if (bad) return Status::CorruptState;

  u32 occupied = 0;
  for (u32 i = 0; i < index_.slot_count(); ++i) occupied += index_.slot(i).entry != 0 ? 1u : 0u;

  const bool counts_ok = live == c.entries && occupied == live && pinned == c.pinned &&
                         unpinned == c.ram_lru.count && unpinned_gpu == c.gpu_lru.count &&
                         c.inserts - c.evictions - c.removals == c.entries;
  const bool bytes_ok = ram == c.ram_bytes && vram == c.vram_bytes && c.ram_bytes <= c.ram_budget &&
                        c.vram_bytes <= c.vram_budget && c.ram_peak >= c.ram_bytes && c.vram_peak >= c.vram_bytes;
  return counts_ok && bytes_ok ? Status::Ok : Status::CorruptState;
}

}  // namespace oc
