// The hooks the allocators call (tracking/hooks.h). These are the tracker's hot paths: a slab or
// arena call in counters mode is two increments in one line of a table that the hook finds with one
// indexed load (the frame counters and seq are derived from the tag totals at publish(), not counted
// here); pools call only in full mode (their counters are derived from their headers at publish()).
// Nothing here can fail an allocation: when a table is full the event is counted and not recorded.
#include "detail/books.h"
#include "detail/hot_paths.h"
#include "tracker.h"

namespace oc {

#if defined(__GNUC__) || defined(__clang__)
#define OC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define OC_UNLIKELY(x) (x)
#endif

// Pools reach these only in full mode. The common case (a map, a free record, a slot without a
// record) is written out here so that it needs no further call; everything else takes the general
// path of records.cpp.
void Tracker::pool_alloc_hook(const Region& r, u32 allocator, Handle h, Offset off, u32 size, const char* file,
                              u32 line) noexcept {
  if (mode_ != TrackMode::Full) return;
  const Site site{file, line};
  const u32 slot = r.track_slot();
  detail::AllocFast& f = books_->fast[slot][allocator & 255];
  TrackerHeader& hdr = *hdr_;
  const u64 stamp = ++hdr.seq + 1;
  const u32 idx = h & f.pool_index_mask;
  const u32 depth = hdr.record_free_head;
  if (OC_UNLIKELY(f.pool_refs == nullptr || idx >= f.pool_capacity || f.pool_refs[idx] != 0 || depth == 0)) {
    pool_record_add(slot, allocator, h, off, size, f.tag, resolve_site(site), stamp);
    return;
  }
  // A stack of free indices, not a list threaded through the records: popping reads the stack's top
  // (in cache), never a record, so consecutive allocations do not wait on each other's cache misses.
  const u32 index = free_stack_[depth - 1];
  hdr.record_free_head = depth - 1;
  hdr.records_used++;
  TrackRecord& rec = records_[index];
  f.pool_refs[idx] = index + 1;
  rec = TrackRecord{off, h, size, 0, stamp, static_cast<u32>(hdr.frame), static_cast<u16>(f.tag),
                    static_cast<u8>(slot), static_cast<u8>(allocator)};
  // Last: on a miss of the one-entry site cache, only the record's address is live across the call.
  rec.site = resolve_site(site);
}

void Tracker::pool_free_hook(const Region& r, u32 allocator, Handle h, Offset off, const char* file,
                             u32 line) noexcept {
  if (mode_ != TrackMode::Full) return;
  const Site site{file, line};
  const u32 slot = r.track_slot();
  detail::AllocFast& f = books_->fast[slot][allocator & 255];
  const u32 idx = h & f.pool_index_mask;
  if (OC_UNLIKELY(f.pool_refs == nullptr || idx >= f.pool_capacity)) {
    if (!record_remove(slot, off, true, resolve_site(site))) hdr_->unrecorded_frees++;
    return;
  }
  TrackerHeader& hdr = *hdr_;
  const u32 ref = f.pool_refs[idx];
  if (OC_UNLIKELY(ref == 0)) {
    hdr.unrecorded_frees++;
    return;
  }
  f.pool_refs[idx] = 0;
  TrackRecord& rec = records_[ref - 1];
  TrackGrave& grave = graves_[hdr.graveyard_head];
  grave.record = rec;
  grave.free_frame = static_cast<u32>(hdr.frame);
  hdr.graveyard_head = hdr.graveyard_head + 1 == hdr.graveyard_capacity ? 0 : hdr.graveyard_head + 1;
  hdr.graveyard_count += hdr.graveyard_count < hdr.graveyard_capacity ? 1 : 0;
  rec.seq = 0;
  free_stack_[hdr.record_free_head++] = ref - 1;
  hdr.records_used--;
  grave.free_site = resolve_site(site);  // last, as in on_pool_alloc
}

void Tracker::slab_alloc_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file,
                              u32 line) noexcept {
  const Site site{file, line};
  const u32 slot = r.track_slot();
  Books& b = *books_;
  detail::AllocFast& f = b.fast[slot][allocator & 255];
  u32 tag = hdr_->context_tag;
  if (tag == 0 || tag == f.tag || f.tagmap == nullptr) {
    tag = f.tag;
  } else {
    const u32 g = (off - f.span_begin) / kTrackGranule;
    if (g < f.granules) {
      f.tagmap[g] = static_cast<u8>(tag);
      f.map_used = 1;
    } else {
      tag = f.tag;
    }
  }
  detail::Totals& e = b.events[slot][tag];
  e.allocs++;
  e.bytes_allocated += size;
  if (mode_ != TrackMode::Full) return;
  const u64 stamp = ++hdr_->seq + 1;
  record_add(slot, allocator, kNullHandle, off, size, tag, resolve_site(site), stamp);
}

void Tracker::slab_free_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file,
                             u32 line) noexcept {
  const Site site{file, line};
  const u32 slot = r.track_slot();
  Books& b = *books_;
  const detail::AllocFast& f = b.fast[slot][allocator & 255];
  u32 tag = f.tag;
  if (f.map_used != 0) {
    const u32 g = (off - f.span_begin) / kTrackGranule;
    if (g < f.granules && f.tagmap[g] != 0) {
      tag = f.tagmap[g];
      f.tagmap[g] = 0;
    }
  }
  detail::Totals& e = b.events[slot][tag];
  e.frees++;
  e.bytes_freed += size;
  if (mode_ == TrackMode::Full && !record_remove(slot, off, true, resolve_site(site))) hdr_->unrecorded_frees++;
}

void Tracker::arena_alloc_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file,
                               u32 line) noexcept {
  const Site site{file, line};
  const u32 slot = r.track_slot();
  Books& b = *books_;
  const detail::AllocFast& f = b.fast[slot][allocator & 255];
  u32 tag = hdr_->context_tag;
  if (tag == 0) tag = f.tag;
  detail::Totals& e = b.events[slot][tag];
  e.allocs++;
  e.bytes_allocated += size;
  detail::ArenaBook* book = f.arena;
  if (book == nullptr) {  // the heap refused the book at registration: counters only
    if (mode_ == TrackMode::Full) ++hdr_->seq;
    return;
  }
  book->counts[tag]++;
  if (book->run_count != 0 && book->runs[book->run_count - 1].tag == tag) {
    book->runs[book->run_count - 1].bytes += size;
  } else if (detail::grow(book->runs, book->run_capacity, book->run_count + 1)) {
    book->runs[book->run_count++] = detail::ArenaRun{tag, size};
  } else if (book->run_count != 0) {
    book->runs[book->run_count - 1].bytes += size;  // the heap refused: the bytes join the run below
  }
  if (mode_ != TrackMode::Full) return;
  const u64 stamp = ++hdr_->seq + 1;
  const u32 ref = record_add(slot, allocator, kNullHandle, off, size, tag, resolve_site(site), stamp);
  if (ref == 0) return;
  if (detail::grow(book->recs, book->rec_capacity, book->rec_count + 1)) {
    book->recs[book->rec_count++] = ref - 1;
  } else {
    // Without a place in the book the reset could not release the record: keep none.
    index_erase(slot, off);
    record_release(ref - 1);
    hdr_->overflow++;
  }
}

void Tracker::on_arena_release(const Region& r, u32 allocator, Offset from, u32 bytes, bool reset) noexcept {
  const u32 slot = r.track_slot();
  Books& b = *books_;
  detail::ArenaBook* book = b.fast[slot][allocator & 255].arena;
  if (book == nullptr) return;
  detail::Totals* events = b.events[slot];
  if (reset) {
    const u32 tag_count = hdr_->tag_count;
    for (u32 t = 1; t <= tag_count; ++t) {
      const u32 c = book->counts[t];
      if (c == 0) continue;
      book->counts[t] = 0;
      events[t].frees += c;
    }
    for (u32 i = 0; i < book->run_count; ++i) {
      const detail::ArenaRun& run = book->runs[i];
      events[run.tag].bytes_freed += run.bytes;
    }
    book->run_count = 0;
    for (u32 i = 0; i < book->rec_count; ++i) {
      index_erase(slot, records_[book->recs[i]].offset);
      record_release(book->recs[i]);
    }
    book->rec_count = 0;
    return;
  }
  // Unwind: the bytes above the marker come back now, the allocations' counts at the next reset.
  u32 left = bytes;
  while (left != 0 && book->run_count != 0) {
    detail::ArenaRun& run = book->runs[book->run_count - 1];
    const u32 take = run.bytes < left ? run.bytes : left;
    run.bytes -= take;
    left -= take;
    events[run.tag].bytes_freed += take;
    if (run.bytes == 0) book->run_count--;
  }
  // The records of unwound allocations go: their offsets will be handed out again.
  while (book->rec_count != 0 && records_[book->recs[book->rec_count - 1]].offset >= from) {
    const u32 i = book->recs[--book->rec_count];
    index_erase(slot, records_[i].offset);
    record_release(i);
  }
}

}  // namespace oc
