// The pool and slab hooks' common cases, inline in the allocators' own inline paths (included by
// tracking/hooks.h). In wasm the call was what cost most: with the hooks out of line, a pool hook that
// returned at once already made the full-mode pool workload 2.3x slower than untracked in wasm (1.55x
// natively), more than the records' work itself. Only the common case is here (a site the one-entry
// cache knows, or an id; a pool with its slot map and a record to spare; a slab block of its slab's
// default tag): everything else is a call to the general paths (records.cpp, tracker_hooks.cpp),
// which take only the handle or offset, the slot and the site.
#pragma once

#include "books.h"
#include "hot_paths.h"
#include "memory/detail/hot_inline.h"

namespace oc {

// Pools reach these only in full mode (through the record sink).
OC_HOT_INLINE void Tracker::pool_alloc_hook(const Region& r, Handle h, const char* file, u32 line) noexcept {
  u32 site;
  if (OC_TRACK_UNLIKELY(!quick_site(Site{file, line}, &site))) return pool_alloc_site_miss(r, h, file, line);
  const u32 slot = r.track_slot();
  detail::AllocFast& f = books_->fast[slot][h >> 24];  // a handle names its pool
  TrackerHeader& hdr = *hdr_;
  const u32 idx = h & f.pool_index_mask;
  if (OC_TRACK_UNLIKELY(f.pool_refs == nullptr || idx >= f.pool_capacity || f.pool_refs[idx] != 0 ||
                        hdr.records_used >= hdr.record_capacity)) {
    return pool_alloc_general(slot, h, site);
  }
  const u64 stamp = ++hdr.seq + 1;
  const u32 index = record_take();
  f.pool_refs[idx] = index + 1;
  TrackRecord& rec = records_[index];
  rec.offset = f.pool_slots_offset + idx * f.pool_slot_size;
  rec.handle = h;
  rec.size = f.pool_slot_size;
  rec.site = site;
  rec.seq = stamp;
  rec.frame = static_cast<u32>(hdr.frame);
  rec.tag = static_cast<u16>(f.tag);
  rec.region = static_cast<u8>(slot);
  rec.allocator = static_cast<u8>(h >> 24);
}

OC_HOT_INLINE void Tracker::pool_free_hook(const Region& r, Handle h, const char* file, u32 line) noexcept {
  u32 site;
  if (OC_TRACK_UNLIKELY(!quick_site(Site{file, line}, &site))) return pool_free_site_miss(r, h, file, line);
  const u32 slot = r.track_slot();
  detail::AllocFast& f = books_->fast[slot][h >> 24];
  const u32 idx = h & f.pool_index_mask;
  if (OC_TRACK_UNLIKELY(f.pool_refs == nullptr || idx >= f.pool_capacity)) return pool_free_general(slot, h, site);
  u32& ref = f.pool_refs[idx];
  if (OC_TRACK_UNLIKELY(ref == 0)) {
    hdr_->unrecorded_frees++;
    return;
  }
  const u32 index = ref - 1;
  ref = 0;
  record_free(index, site);
}

// Slabs in counters mode are the counting alone: the default tag, or the context's (which the tag
// map then remembers for the free), and two increments in one line. Records are full mode's.
OC_HOT_INLINE void Tracker::slab_alloc_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file,
                                            u32 line) noexcept {
  const u32 slot = r.track_slot();
  Books& b = *books_;
  detail::AllocFast& f = b.fast[slot][allocator & 255];
  u32 tag = f.tag;
  const u32 context = context_tag_;
  if (OC_TRACK_UNLIKELY(context != 0 && context != tag)) tag = detail::slab_context_tag(f, off, context);
  detail::Totals& e = b.events[slot][tag];
  e.allocs++;
  e.bytes_allocated += size;
  if (OC_TRACK_UNLIKELY(mode_ == TrackMode::Full)) slab_full_alloc(slot, allocator, off, size, tag, file, line);
}

OC_HOT_INLINE void Tracker::slab_free_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file,
                                           u32 line) noexcept {
  const u32 slot = r.track_slot();
  Books& b = *books_;
  detail::AllocFast& f = b.fast[slot][allocator & 255];
  const u32 tag = OC_TRACK_UNLIKELY(f.map_used != 0) ? detail::slab_mapped_tag(f, off) : f.tag;
  detail::Totals& e = b.events[slot][tag];
  e.frees++;
  e.bytes_freed += size;
  if (OC_TRACK_UNLIKELY(mode_ == TrackMode::Full)) slab_full_free(slot, off, file, line);
}

}  // namespace oc
