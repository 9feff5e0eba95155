#include "resource_cache.h"

namespace oc {

namespace {

u32 next_pow2(u32 x) noexcept {
  u32 p = 1;
  while (p < x) p <<= 1;
  return p;
}

u32& prev_of(CacheEntry& e, bool gpu) noexcept { return gpu ? e.gpu_prev : e.ram_prev; }
u32& next_of(CacheEntry& e, bool gpu) noexcept { return gpu ? e.gpu_next : e.ram_next; }
u32 weight(const CacheEntry& e, bool gpu) noexcept { return gpu ? e.gpu_bytes : e.size; }

}  // namespace

Result<ResourceCache> ResourceCache::create(Region& region, const CacheConfig& config) noexcept {
  using R = Result<ResourceCache>;
  if (!region.valid() || config.max_entries == 0 || config.max_entries > kPoolMaxCapacity ||
      config.data_bytes == 0 || config.ram_budget == 0) {
    return R::fail(Status::InvalidArgument);
  }
  const u32 slots = config.index_slots != 0 ? config.index_slots : next_pow2(2 * config.max_entries);
  // Above 2^27 slots the index's byte size no longer fits a u32 offset.
  if (!is_pow2(slots) || slots <= config.max_entries || slots > (1u << 27)) return R::fail(Status::InvalidArgument);

  const Result<Offset> hdr_off = region.carve(sizeof(CacheHeader), 8);
  if (!hdr_off.ok()) return R::fail(hdr_off.status);
  const Result<Offset> index_off = region.carve(slots * static_cast<u32>(sizeof(CacheIndexSlot)), 8);
  if (!index_off.ok()) return R::fail(index_off.status);
  const Result<FixedPool> pool = FixedPool::create(region, sizeof(CacheEntry), 8, config.max_entries);
  if (!pool.ok()) return R::fail(pool.status);
  const Result<SlabAllocator> slab = SlabAllocator::create(region, config.data_bytes, config.slab);
  if (!slab.ok()) return R::fail(slab.status);

  ResourceCache c;
  c.region_ = &region;
  c.hdr_ = region.at<CacheHeader>(hdr_off.value);
  c.pool_ = pool.value;
  c.slab_ = slab.value;
  c.index_ = CacheIndex(region.at<CacheIndexSlot>(index_off.value), slots);
  c.entries_offset_ = c.pool_.header().slots_offset;
  c.entry_stride_ = c.pool_.header().slot_size;
  CacheHeader& h = *c.hdr_;  // carved bytes are zero: every counter and list starts empty
  h.magic = kCacheMagic;
  h.version = kCacheVersion;
  h.pool_offset = c.pool_.header_offset();
  h.slab_offset = c.slab_.header_offset();
  h.index_offset = index_off.value;
  h.index_slots = slots;
  h.max_entries = config.max_entries;
  h.ram_budget = config.ram_budget;
  h.vram_budget = config.vram_budget;
  return R{c, Status::Ok};
}

Status ResourceCache::pinned_entry(CacheHandle h, u32* index) const noexcept {
  const Status s = pool_.validate(h);
  // The pool calls the handle of the slot it freed last a double free; to the cache it is an entry
  // that left, like any older handle.
  if (s == Status::DoubleFree) return Status::StaleHandle;
  if (s != Status::Ok) return s;
  const u32 i = pool_.index_of(h);
  if (entry(i).pins == 0) return Status::InvalidArgument;
  *index = i;
  return Status::Ok;
}

void ResourceCache::link(CacheList& list, u32 index, bool gpu) noexcept {
  CacheEntry& e = entry(index);
  prev_of(e, gpu) = 0;
  next_of(e, gpu) = list.head;
  if (list.head != 0) prev_of(entry(list.head - 1), gpu) = index + 1;
  else list.tail = index + 1;
  list.head = index + 1;
  list.count++;
  list.bytes += weight(e, gpu);
}

void ResourceCache::unlink(CacheList& list, u32 index, bool gpu) noexcept {
  CacheEntry& e = entry(index);
  const u32 p = prev_of(e, gpu), n = next_of(e, gpu);
  if (p != 0) next_of(entry(p - 1), gpu) = n;
  else list.head = n;
  if (n != 0) prev_of(entry(n - 1), gpu) = p;
  else list.tail = p;
  prev_of(e, gpu) = next_of(e, gpu) = 0;
  list.count--;
  list.bytes -= weight(e, gpu);
}

void ResourceCache::pin(u32 index) noexcept {
  CacheEntry& e = entry(index);
  unlink(hdr_->ram_lru, index, false);
  if (e.gpu_bytes != 0) unlink(hdr_->gpu_lru, index, true);
  e.pins = 1;
  hdr_->pinned++;
}

void ResourceCache::unpin(u32 index) noexcept {
  CacheEntry& e = entry(index);
  e.pins = 0;
  hdr_->pinned--;
  link(hdr_->ram_lru, index, false);
  if (e.gpu_bytes != 0) link(hdr_->gpu_lru, index, true);
}

void ResourceCache::drop(u32 index, bool eviction) noexcept {
  CacheEntry& e = entry(index);
  const u64 id = e.id;
  const u32 size = e.size, gpu = e.gpu_bytes;
  const Handle h = e.handle;
  unlink(hdr_->ram_lru, index, false);
  if (gpu != 0) unlink(hdr_->gpu_lru, index, true);
  index_.erase(id);
  slab_.free(e.data, size);
  pool_.free(h);  // e is gone from here on
  CacheHeader& c = *hdr_;
  c.ram_bytes -= size;
  c.vram_bytes -= gpu;
  c.entries--;
  if (eviction) {
    c.evictions++;
    c.evicted_bytes += size;
    c.evicted_gpu_bytes += gpu;
  } else {
    c.removals++;
  }
  if (evict_fn_ != nullptr) evict_fn_(evict_user_, id, gpu);
}

Result<CacheHandle> ResourceCache::acquire(u64 id) noexcept {
  using R = Result<CacheHandle>;
  const u32 e = index_.find(id);
  if (e == 0) {
    hdr_->misses++;
    return R::fail(Status::Missing);
  }
  CacheEntry& entry_ref = entry(e - 1);
  // 2^32 pins of one entry can only be a leak of pins; refuse rather than wrap to unpinned.
  if (entry_ref.pins == 0xFFFFFFFFu) return R::fail(Status::Exhausted);
  hdr_->hits++;
  if (entry_ref.pins == 0) pin(e - 1);
  else entry_ref.pins++;
  return R{entry_ref.handle, Status::Ok};
}

Result<CacheHandle> ResourceCache::insert(u64 id, u32 size) noexcept {
  using R = Result<CacheHandle>;
  CacheHeader& c = *hdr_;
  if (size == 0 || index_.find(id) != 0) return R::fail(Status::InvalidArgument);
  if (size > c.ram_budget) return R::fail(Status::SizeTooLarge);
  // Decided before evicting anything, so that a refusal changes nothing.
  const u64 pinned_ram = c.ram_bytes - c.ram_lru.bytes;
  if (pinned_ram + size > c.ram_budget || (c.entries == c.max_entries && c.ram_lru.count == 0)) {
    c.budget_failures++;
    return R::fail(Status::BudgetExceeded);
  }
  while (static_cast<u64>(c.ram_bytes) + size > c.ram_budget || c.entries == c.max_entries) {
    drop(c.ram_lru.tail - 1, true);
  }
  Status s = Status::Ok;
  Offset data = slab_.alloc_raw(size, 16, &s);
  while (data == kNullOffset) {
    if (s != Status::Exhausted || c.ram_lru.count == 0) return R::fail(s);
    drop(c.ram_lru.tail - 1, true);
    data = slab_.alloc_raw(size, 16, &s);
  }
  const Handle h = pool_.alloc(&s);  // entries < max_entries here, so only a corrupt pool refuses
  if (h == kNullHandle) {
    slab_.free(data, size);
    return R::fail(Status::CorruptState);
  }
  const u32 i = pool_.index_of(h);
  CacheEntry& e = entry(i);
  e = CacheEntry{};
  e.id = id;
  e.handle = h;
  e.data = data;
  e.size = size;
  e.pins = 1;
  index_.insert(id, i + 1);
  c.entries++;
  c.pinned++;
  c.inserts++;
  c.ram_bytes += size;
  if (c.ram_bytes > c.ram_peak) c.ram_peak = c.ram_bytes;
  return R{h, Status::Ok};
}

Status ResourceCache::release(CacheHandle h) noexcept {
  u32 i = 0;
  const Status s = pinned_entry(h, &i);
  if (s != Status::Ok) return s;
  CacheEntry& e = entry(i);
  if (e.pins == 1) unpin(i);
  else e.pins--;
  return Status::Ok;
}

Result<u32> ResourceCache::offset(CacheHandle h) const noexcept {
  u32 i = 0;
  const Status s = pinned_entry(h, &i);
  return s == Status::Ok ? Result<u32>{entry(i).data, s} : Result<u32>::fail(s);
}

Result<u32> ResourceCache::size(CacheHandle h) const noexcept {
  u32 i = 0;
  const Status s = pinned_entry(h, &i);
  return s == Status::Ok ? Result<u32>{entry(i).size, s} : Result<u32>::fail(s);
}

Status ResourceCache::set_gpu_bytes(CacheHandle h, u32 bytes) noexcept {
  u32 i = 0;
  const Status s = pinned_entry(h, &i);
  if (s != Status::Ok) return s;
  CacheHeader& c = *hdr_;
  if (bytes > c.vram_budget) return Status::SizeTooLarge;
  CacheEntry& e = entry(i);  // pinned: on no list, so no eviction below can take it
  const u64 others = c.vram_bytes - e.gpu_bytes;
  if (others - c.gpu_lru.bytes + bytes > c.vram_budget) {
    c.budget_failures++;
    return Status::BudgetExceeded;
  }
  while (static_cast<u64>(c.vram_bytes) - e.gpu_bytes + bytes > c.vram_budget) drop(c.gpu_lru.tail - 1, true);
  c.vram_bytes = c.vram_bytes - e.gpu_bytes + bytes;
  e.gpu_bytes = bytes;
  if (c.vram_bytes > c.vram_peak) c.vram_peak = c.vram_bytes;
  return Status::Ok;
}

Status ResourceCache::remove(u64 id) noexcept {
  const u32 e = index_.find(id);
  if (e == 0) return Status::Missing;
  if (entry(e - 1).pins != 0) return Status::InvalidArgument;
  drop(e - 1, false);
  return Status::Ok;
}

Result<CacheEntryInfo> ResourceCache::info(u64 id) const noexcept {
  const u32 e = index_.find(id);
  if (e == 0) return Result<CacheEntryInfo>::fail(Status::Missing);
  const CacheEntry& x = entry(e - 1);
  return Result<CacheEntryInfo>{CacheEntryInfo{x.handle, x.size, x.gpu_bytes, x.pins}, Status::Ok};
}

CacheStats ResourceCache::stats() const noexcept {
  const CacheHeader& c = *hdr_;
  CacheStats s{};
  s.entries = c.entries;
  s.pinned = c.pinned;
  s.ram_bytes = c.ram_bytes;
  s.vram_bytes = c.vram_bytes;
  s.ram_peak = c.ram_peak;
  s.vram_peak = c.vram_peak;
  s.ram_budget = c.ram_budget;
  s.vram_budget = c.vram_budget;
  s.hits = c.hits;
  s.misses = c.misses;
  s.inserts = c.inserts;
  s.evictions = c.evictions;
  s.removals = c.removals;
  s.evicted_bytes = c.evicted_bytes;
  s.evicted_gpu_bytes = c.evicted_gpu_bytes;
  s.budget_failures = c.budget_failures;
  return s;
}

}  // namespace oc
