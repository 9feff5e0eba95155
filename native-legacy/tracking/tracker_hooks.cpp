// The arena's hooks (tracking/hooks.h): an arena allocation is counted like a slab's and, since an
// arena frees only by reset or unwind, the tracker keeps per arena what those give back (an
// ArenaBook: counts per tag, runs of bytes per tag, records in allocation order). The pool and slab
// hooks are inline (detail/hooks_inl.h).
// Nothing here can fail an allocation: when a table is full the event is counted and not recorded.
#include "detail/books.h"
#include "detail/hot_paths.h"
#include "tracker.h"

namespace oc {

u32 detail::slab_context_tag(AllocFast& f, Offset off, u32 context) noexcept {
  if (f.tagmap == nullptr) return f.tag;
  const u32 g = (off - f.span_begin) / kTrackGranule;
  if (g >= f.granules) return f.tag;
  f.tagmap[g] = static_cast<u8>(context);
  f.map_used = 1;
  return context;
}

u32 detail::slab_mapped_tag(AllocFast& f, Offset off) noexcept {
  const u32 g = (off - f.span_begin) / kTrackGranule;
  if (g >= f.granules || f.tagmap[g] == 0) return f.tag;
  const u32 tag = f.tagmap[g];
  f.tagmap[g] = 0;
  return tag;
}

void Tracker::arena_alloc_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file,
                               u32 line) noexcept {
  const Site site{file, line};
  const u32 slot = r.track_slot();
  Books& b = *books_;
  const detail::AllocFast& f = b.fast[slot][allocator & 255];
  u32 tag = context_tag_;
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
