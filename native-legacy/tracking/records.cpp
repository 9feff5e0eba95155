// The record table (full mode): a free list of fixed records, an open-addressing index keyed by
// (region slot, block offset) with linear probing and backward-shift deletion (no tombstones, so a
// long run of allocs and frees never degrades the probes), and the graveyard ring of freed records.
// Pool slots skip the index: their records are found through a per-pool map by slot index
// (detail/books.h, AllocFast::pool_refs), which costs one load where a probe would miss the cache.
#include <cstring>

#include "detail/books.h"
#include "detail/hot_paths.h"
#include "tracker.h"

namespace oc {

u32 Tracker::bucket_of(u32 slot, Offset off) const noexcept {
  // Fibonacci hashing: the multiply mixes every bit of the key into the top bits the bucket takes.
  return ((off ^ (slot << detail::kRefSlotShift)) * 0x9E3779B1u) >> index_shift_;
}

u32 Tracker::record_add(u32 slot, u32 allocator, Handle h, Offset off, u32 size, u32 tag, u32 site,
                        u64 stamp) noexcept {
  if (off == 0) return 0;  // offset 0 is the region header, never a block (and the empty key)
  const u32 mask = hdr_->index_capacity - 1;
  u32 b = bucket_of(slot, off);
  u32 index = 0;
  for (;; b = (b + 1) & mask) {
    const TrackIndexEntry& e = index_[b];
    if (e.offset == 0) break;
    if (e.offset == off && (e.ref >> detail::kRefSlotShift) == slot) {
      // A block the tracker never saw freed (an arena unwound under it, say): the new allocation
      // takes its record over.
      index = (e.ref & detail::kRefIndexMask) - 1;
      break;
    }
  }
  if (index_[b].offset == 0) {
    if (hdr_->record_free_head == 0) {
      hdr_->overflow++;
      return 0;
    }
    index = free_stack_[--hdr_->record_free_head];
    hdr_->records_used++;
    index_[b].offset = off;
    index_[b].ref = (slot << detail::kRefSlotShift) | (index + 1);
  }
  TrackRecord& r = records_[index];
  r.offset = off;
  r.handle = h;
  r.size = size;
  r.site = site;
  r.seq = stamp;
  r.frame = static_cast<u32>(hdr_->frame);
  r.tag = static_cast<u16>(tag);
  r.region = static_cast<u8>(slot);
  r.allocator = static_cast<u8>(allocator);
  return index + 1;
}

u32 Tracker::record_find(u32 slot, Offset off) const noexcept {
  if (off == 0) return 0;
  const u32 mask = hdr_->index_capacity - 1;
  for (u32 b = bucket_of(slot, off);; b = (b + 1) & mask) {
    const TrackIndexEntry& e = index_[b];
    if (e.offset == 0) return 0;
    if (e.offset == off && (e.ref >> detail::kRefSlotShift) == slot) return e.ref & detail::kRefIndexMask;
  }
}

void Tracker::index_erase(u32 slot, Offset off) noexcept {
  if (off == 0) return;
  const u32 mask = hdr_->index_capacity - 1;
  u32 hole = bucket_of(slot, off);
  for (;; hole = (hole + 1) & mask) {
    const TrackIndexEntry& e = index_[hole];
    if (e.offset == 0) return;
    if (e.offset == off && (e.ref >> detail::kRefSlotShift) == slot) break;
  }
  // Backward shift: pull later entries of the run into the hole when their home bucket allows it.
  for (u32 j = (hole + 1) & mask; index_[j].offset != 0; j = (j + 1) & mask) {
    const u32 home = bucket_of(index_[j].ref >> detail::kRefSlotShift, index_[j].offset);
    if (((j - home) & mask) >= ((j - hole) & mask)) {
      index_[hole] = index_[j];
      hole = j;
    }
  }
  index_[hole] = TrackIndexEntry{};
}

bool Tracker::record_remove(u32 slot, Offset off, bool to_grave, u32 free_site) noexcept {
  const u32 ref = record_find(slot, off);
  if (ref == 0) return false;
  if (to_grave) grave_push(records_[ref - 1], free_site);
  index_erase(slot, off);
  record_release(ref - 1);
  return true;
}

void Tracker::drop_slot_records(u32 slot) noexcept {
  if (hdr_->records_used != 0) {
    for (u32 i = 0; i < hdr_->record_capacity; ++i) {
      const TrackRecord& r = records_[i];
      if (r.seq != 0 && r.region == slot) {
        index_erase(slot, r.offset);
        record_release(i);
      }
    }
  }
  for (auto& f : books_->fast[slot]) {
    if (f.arena != nullptr) f.arena->rec_count = 0;
    if (f.pool_refs != nullptr) std::memset(f.pool_refs, 0, sizeof(u32) * f.pool_capacity);
  }
}

void Tracker::drop_all_records() noexcept {
  std::memset(static_cast<void*>(index_), 0, sizeof(TrackIndexEntry) * hdr_->index_capacity);
  const u32 n = hdr_->record_capacity;
  std::memset(static_cast<void*>(records_), 0, sizeof(TrackRecord) * n);
  // Popped from the top: record 0 first, so that a fresh table fills from its start.
  for (u32 i = 0; i < n; ++i) free_stack_[i] = n - 1 - i;
  hdr_->record_free_head = n;
  hdr_->records_used = 0;
  for (auto& slot : books_->fast) {
    for (auto& f : slot) {
      if (f.arena != nullptr) f.arena->rec_count = 0;
      if (f.pool_refs != nullptr) std::memset(f.pool_refs, 0, sizeof(u32) * f.pool_capacity);
    }
  }
}

u32 Tracker::pool_record_add(u32 slot, u32 allocator, Handle h, Offset off, u32 size, u32 tag, u32 site,
                             u64 stamp) noexcept {
  detail::AllocFast& f = books_->fast[slot][allocator & 255];
  const u32 idx = h & f.pool_index_mask;
  if (f.pool_refs == nullptr || idx >= f.pool_capacity) {
    return record_add(slot, allocator, h, off, size, tag, site, stamp);
  }
  u32& ref = f.pool_refs[idx];
  u32 index;
  if (ref != 0) {
    index = ref - 1;  // a free the tracker never saw: the new allocation takes the record over
  } else {
    if (hdr_->record_free_head == 0) {
      hdr_->overflow++;
      return 0;
    }
    index = free_stack_[--hdr_->record_free_head];
    hdr_->records_used++;
    ref = index + 1;
  }
  TrackRecord& r = records_[index];
  r.offset = off;
  r.handle = h;
  r.size = size;
  r.site = site;
  r.seq = stamp;
  r.frame = static_cast<u32>(hdr_->frame);
  r.tag = static_cast<u16>(tag);
  r.region = static_cast<u8>(slot);
  r.allocator = static_cast<u8>(allocator);
  return index + 1;
}

bool Tracker::pool_record_remove(u32 slot, u32 allocator, Handle h, u32 free_site) noexcept {
  detail::AllocFast& f = books_->fast[slot][allocator & 255];
  const u32 idx = h & f.pool_index_mask;
  if (f.pool_refs == nullptr || idx >= f.pool_capacity) return false;
  const u32 ref = f.pool_refs[idx];
  if (ref == 0) return false;
  f.pool_refs[idx] = 0;
  grave_push(records_[ref - 1], free_site);
  record_release(ref - 1);
  return true;
}

}  // namespace oc
