// Publishing: the figures TypeScript reads through views (TrackTag live values, TrackRegion, the
// header's totals) are computed here, once per frame_end() or report, not on every allocation.
// Pools contribute through deltas of their headers' own counters (so counters mode costs a pool
// nothing); slabs and arenas through the event-fed figures the hooks keep.
#include "detail/books.h"
#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/slab_allocator.h"
#include "tracker.h"

namespace oc {

namespace {

u32 clamp32(u64 v) noexcept { return v > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<u32>(v); }

// A frame's figures are u32 (TrackFrame): they stop at 0xFFFFFFFF rather than wrap (4 GiB in one
// frame is easy for a big slab), while the u64 totals stay exact.
void add_sat(u32& field, u64 v) noexcept { field = clamp32(static_cast<u64>(field) + v); }

}  // namespace

u32 Tracker::region_live_bytes(u32 slot) const noexcept {
  const Region* region = slots_[slot];
  if (region == nullptr) return 0;
  u64 bytes = 0;
  for (u32 id = 1; id < 256; ++id) {
    const detail::AllocFast& f = books_->fast[slot][id];
    const u32 at = allocators_[slot * 256 + id].header_offset;
    if (f.kind == kKindPool) {
      const auto& ph = *region->at<FixedPoolHeader>(at);
      bytes += static_cast<u64>(ph.live) * ph.slot_size;
    } else if (f.kind == kKindSlab) {
      const auto& sh = *region->at<SlabHeader>(at);
      if (!region->contains(sh.classes_offset, sh.class_count * static_cast<u32>(sizeof(SlabClass)))) continue;
      const SlabClass* classes = region->at<SlabClass>(sh.classes_offset);
      for (u32 c = 0; c < sh.class_count; ++c) {
        bytes += static_cast<u64>(classes[c].live_blocks) * classes[c].block_size;
      }
      bytes += sh.fallback_bytes;
    } else if (f.kind == kKindArena) {
      const auto& ah = *region->at<FrameArenaHeader>(at);
      if (ah.top > ah.begin) bytes += ah.top - ah.begin;
    }
  }
  return clamp32(bytes);
}

// A tag's totals: its events in every slot plus the rest (pools, detached slots).
detail::Totals Tracker::tag_totals(u32 tag) const noexcept {
  const Books& b = *books_;
  detail::Totals t = b.others[tag];
  for (u32 s = 0; s < kTrackMaxRegions; ++s) t.add(b.events[s][tag]);
  return t;
}

detail::Totals Tracker::all_totals() const noexcept {
  detail::Totals all{};
  for (u32 t = 1; t <= hdr_->tag_count; ++t) all.add(tag_totals(t));
  return all;
}

void Tracker::credit_events() noexcept {
  Books& b = *books_;
  const detail::Totals now = all_totals();
  TrackFrame& cur = hdr_->current;
  add_sat(cur.allocs, now.allocs - b.credited.allocs);
  add_sat(cur.frees, now.frees - b.credited.frees);
  add_sat(cur.bytes_allocated, now.bytes_allocated - b.credited.bytes_allocated);
  add_sat(cur.bytes_freed, now.bytes_freed - b.credited.bytes_freed);
  // In full mode every event counted itself into seq (records need the stamp at once).
  if (mode_ != TrackMode::Full) hdr_->seq += now.allocs - b.credited.allocs;
  b.credited = now;
}

void Tracker::reset_sums() noexcept { books_->credited = all_totals(); }

void Tracker::publish() noexcept {
  if (mode_ != TrackMode::Off) credit_events();
  Books& b = *books_;
  const u32 tag_count = hdr_->tag_count;
  u64 live_count[kTrackMaxTags + 1] = {};
  u64 live_bytes[kTrackMaxTags + 1] = {};
  u32 allocators[kTrackMaxTags + 1] = {};
  TrackFrame& cur = hdr_->current;
  for (u32 s = 0; s < kTrackMaxRegions; ++s) {
    const Region* region = slots_[s];
    if (region == nullptr) continue;
    for (u32 t = 1; t <= tag_count; ++t) {
      live_count[t] += b.events[s][t].live_count();
      live_bytes[t] += b.events[s][t].live_bytes();
    }
    for (u32 id = 1; id < 256; ++id) {
      detail::AllocFast& f = b.fast[s][id];
      if (f.kind == 0) continue;
      TrackAllocator& a = allocators_[s * 256 + id];
      allocators[a.tag]++;
      if (f.kind != kKindPool) continue;
      const auto& ph = *region->at<FixedPoolHeader>(a.header_offset);
      const u32 tag = a.tag;
      live_count[tag] += ph.live;
      live_bytes[tag] += static_cast<u64>(ph.live) * ph.slot_size;
      f.pool_live = ph.live;
      if (mode_ == TrackMode::Off) continue;  // Off counts nothing; coming back on re-bases the pools
      // Mod 2^32: a pool's totals are u64, but fewer than 2^32 calls happen between two publishes.
      const u32 allocs = static_cast<u32>(ph.total_allocs) - a.last_allocs;
      const u32 frees = static_cast<u32>(ph.total_frees) - a.last_frees;
      a.last_allocs = static_cast<u32>(ph.total_allocs);
      a.last_frees = static_cast<u32>(ph.total_frees);
      if (allocs == 0 && frees == 0) continue;
      detail::Totals& o = b.others[tag];
      o.allocs += allocs;
      o.frees += frees;
      o.bytes_allocated += static_cast<u64>(allocs) * ph.slot_size;
      o.bytes_freed += static_cast<u64>(frees) * ph.slot_size;
      add_sat(cur.allocs, allocs);
      add_sat(cur.frees, frees);
      add_sat(cur.bytes_allocated, static_cast<u64>(allocs) * ph.slot_size);
      add_sat(cur.bytes_freed, static_cast<u64>(frees) * ph.slot_size);
      // In full mode the pools' hooks already counted their allocations into seq.
      if (mode_ != TrackMode::Full) hdr_->seq += allocs;
    }
    TrackRegion& r = regions_[s];
    r.size = region->size();
    r.used = region->used();
    r.live_bytes = region_live_bytes(s);
  }
  detail::Totals all{};
  for (u32 t = 1; t <= tag_count; ++t) {
    const detail::Totals totals = tag_totals(t);
    all.add(totals);
    TrackTag& tag = tags_[t - 1];
    tag.live_count = clamp32(live_count[t]);
    tag.live_bytes = clamp32(live_bytes[t]);
    if (tag.live_bytes > tag.peak_bytes) tag.peak_bytes = tag.live_bytes;
    tag.pools = allocators[t];
    tag.allocs = totals.allocs;
    tag.frees = totals.frees;
    tag.bytes_allocated = totals.bytes_allocated;
  }
  // Pool deltas went to the frame directly: they must not be credited a second time.
  b.credited = all;
  hdr_->allocs = all.allocs;
  hdr_->frees = all.frees;
  hdr_->bytes_allocated = all.bytes_allocated;
  hdr_->bytes_freed = all.bytes_freed;
}

void Tracker::frame_end() noexcept {
  publish();
  TrackFrame& f = frames_[hdr_->frame_head];
  f = hdr_->current;
  f.frame = hdr_->frame;
  u64 count = 0, bytes = 0;
  for (u32 t = 0; t < hdr_->tag_count; ++t) {
    count += tags_[t].live_count;
    bytes += tags_[t].live_bytes;
  }
  f.live_count = clamp32(count);
  f.live_bytes = clamp32(bytes);
  for (u32 s = 0; s < kTrackMaxRegions; ++s) f.region_live_bytes[s] = slots_[s] != nullptr ? regions_[s].live_bytes : 0;
  hdr_->frame_head = hdr_->frame_head + 1 == hdr_->frame_capacity ? 0 : hdr_->frame_head + 1;
  if (hdr_->frame_count < hdr_->frame_capacity) hdr_->frame_count++;
  hdr_->frame++;
  hdr_->current = TrackFrame{};
  hdr_->current.frame = hdr_->frame;
}

}  // namespace oc
