// The record table (full mode): fixed records reused oldest-free-first through a ring of their
// indices (so the table doubles as the graveyard of freed records: tracker_layout.h, TrackRecord), an
// open-addressing index of the live ones keyed by (region slot, block offset) with linear probing and
// backward-shift deletion (no tombstones, so a long run of allocs and frees never degrades the
// probes). Pool slots skip the index: their records are found through a per-pool map by slot index
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
    if (hdr_->records_used >= hdr_->record_capacity) {
      hdr_->overflow++;
      return 0;
    }
    index = record_take();
    index_[b].offset = off;
    index_[b].ref = (slot << detail::kRefSlotShift) | (index + 1);
  }
  records_[index] = TrackRecord{off, h, size, site, stamp, static_cast<u32>(hdr_->frame), static_cast<u16>(tag),
                                static_cast<u8>(slot), static_cast<u8>(allocator)};
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

bool Tracker::record_remove(u32 slot, Offset off, u32 free_site) noexcept {
  const u32 ref = record_find(slot, off);
  if (ref == 0) return false;
  index_erase(slot, off);
  record_free(ref - 1, free_site);
  return true;
}

void Tracker::drop_slot_records(u32 slot) noexcept {
  for (u32 i = 0; i < hdr_->record_slots; ++i) {
    TrackRecord& r = records_[i];
    if (r.region != slot) continue;
    if (track_live(r)) {
      index_erase(slot, r.offset);
      record_release(i);
    } else if (track_freed(r)) {
      // Its bytes were replaced or left: a misuse at that offset now is about another block, and
      // must not be named after this one's sites. It stays queued in the free ring, as unused.
      r.seq = 0;
    }
  }
  for (auto& f : books_->fast[slot]) {
    if (f.arena != nullptr) f.arena->rec_count = 0;
    if (f.pool_refs != nullptr) std::memset(f.pool_refs, 0, sizeof(u32) * f.pool_capacity);
  }
}

void Tracker::drop_all_records() noexcept {
  std::memset(static_cast<void*>(index_), 0, sizeof(TrackIndexEntry) * hdr_->index_capacity);
  const u32 n = hdr_->record_slots;
  std::memset(static_cast<void*>(records_), 0, sizeof(TrackRecord) * n);
  // Every record unused and queued in table order: a fresh table fills from its start.
  for (u32 i = 0; i < n; ++i) free_ring_[i] = i;
  hdr_->record_free_tail = 0;
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
    if (hdr_->records_used >= hdr_->record_capacity) {
      hdr_->overflow++;
      return 0;
    }
    index = record_take();
    ref = index + 1;
  }
  records_[index] = TrackRecord{off, h, size, site, stamp, static_cast<u32>(hdr_->frame), static_cast<u16>(tag),
                                static_cast<u8>(slot), static_cast<u8>(allocator)};
  return index + 1;
}

// The hooks' general paths (detail/hooks_inl.h has the common cases): sites the one-entry cache does
// not know, pools without a slot map, a slot the tracker saw no free of, a full table; slab records.
void Tracker::pool_alloc_site_miss(const Region& r, Handle h, const char* file, u32 line) noexcept {
  pool_alloc_general(r.track_slot(), h, cached_site(file, line));
}

void Tracker::pool_free_site_miss(const Region& r, Handle h, const char* file, u32 line) noexcept {
  pool_free_general(r.track_slot(), h, cached_site(file, line));
}

void Tracker::pool_alloc_general(u32 slot, Handle h, u32 site) noexcept {
  const u32 allocator = h >> 24;
  const detail::AllocFast& f = books_->fast[slot][allocator];
  const u32 idx = h & f.pool_index_mask;
  const u64 stamp = ++hdr_->seq + 1;
  pool_record_add(slot, allocator, h, f.pool_slots_offset + idx * f.pool_slot_size, f.pool_slot_size, f.tag, site,
                  stamp);
}

void Tracker::pool_free_general(u32 slot, Handle h, u32 site) noexcept {
  detail::AllocFast& f = books_->fast[slot][h >> 24];
  const u32 idx = h & f.pool_index_mask;
  if (f.pool_refs == nullptr || idx >= f.pool_capacity) {
    // No slot map (the heap refused it): the pool's records are in the index like any block's.
    if (!record_remove(slot, f.pool_slots_offset + idx * f.pool_slot_size, site)) hdr_->unrecorded_frees++;
    return;
  }
  u32& ref = f.pool_refs[idx];
  if (ref == 0) {
    hdr_->unrecorded_frees++;
    return;
  }
  const u32 index = ref - 1;
  ref = 0;
  record_free(index, site);
}

void Tracker::slab_full_alloc(u32 slot, u32 allocator, Offset off, u32 size, u32 tag, const char* file,
                              u32 line) noexcept {
  const u64 stamp = ++hdr_->seq + 1;
  record_add(slot, allocator, kNullHandle, off, size, tag, resolve_site(Site{file, line}), stamp);
}

void Tracker::slab_full_free(u32 slot, Offset off, const char* file, u32 line) noexcept {
  if (!record_remove(slot, off, resolve_site(Site{file, line}))) hdr_->unrecorded_frees++;
}

}  // namespace oc
