// Rebuilding what the tracker knows of a region from the allocators' own walks: on attach, after a
// restore or a rewind replaced the bytes (resync), and when tracking comes back on after Off (which
// missed every event).
//
// What a rebuild does to the figures:
//   - the slot's event-fed live figures (slab and arena blocks) are recomputed from the walks: slab
//     blocks take the tag their tag-map byte names when `keep_tags` (coming back from Off: the map may
//     still be right) or else their slab's default tag; an arena's used span counts as one allocation
//     of its default tag (an arena cannot tell its allocations apart);
//   - pools are derived from their headers anyway; their last_allocs/last_frees are re-based on the
//     headers (a restore can move total_allocs backwards, which a mod-2^32 delta would read as four
//     billion allocations);
//   - the difference between the live figures before and after lands in the tag totals: blocks that
//     appeared count as allocations (allocs, bytes_allocated), blocks that vanished as frees, so that
//     allocs - frees = live count keeps holding per tag (for slabs and arenas it is how live is
//     kept). Frame counters are not touched: nothing happened in the frame, the bytes were replaced
//     under it;
//   - with `records` (full mode on attach and resync), every live block gets a record with site 0
//     (unknown) and stamp kStampRegistered, so no mark reports it as a leak.
#include <cstring>

#include "detail/books.h"
#include "detail/hot_paths.h"
#include "memory/detail/allocator_list.h"
#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/slab_allocator.h"
#include "tracker.h"

namespace oc {

void Tracker::reregister_allocators(u32 slot) noexcept {
  Region& region = *slots_[slot];
  bool seen[256] = {};
  detail::walk_allocator_list(region, [&](Offset off) {
    const AllocatorHeader& h = *region.at<AllocatorHeader>(off);
    if (h.id != 0 && h.id < 256 && !seen[h.id]) {
      seen[h.id] = true;
      register_allocator(slot, h);
    }
    return true;
  });
  for (u32 id = 1; id < 256; ++id) {
    detail::AllocFast& f = books_->fast[slot][id];
    if (!seen[id] && f.kind != 0) {
      detail::release(f);
      allocators_[slot * 256 + id] = TrackAllocator{};
    }
  }
}

void Tracker::rebuild_slot(u32 slot, bool keep_tags, bool records) noexcept {
  credit_events();  // what happened before the rebuild belongs to the frame; the rebuild does not
  reregister_allocators(slot);
  Region& region = *slots_[slot];
  Books& b = *books_;
  u64 live_count[kTrackMaxTags + 1] = {};
  u64 live_bytes[kTrackMaxTags + 1] = {};
  const u32 tag_count = hdr_->tag_count;

  for (u32 id = 1; id < 256; ++id) {
    detail::AllocFast& f = b.fast[slot][id];
    TrackAllocator& a = allocators_[slot * 256 + id];
    if (f.kind == kKindPool) {
      const auto& ph = *region.at<FixedPoolHeader>(a.header_offset);
      const u32 tag = f.tag;
      const u64 slot_size = ph.slot_size;
      b.others[tag].shift(f.pool_live, ph.live, f.pool_live * slot_size, ph.live * slot_size);
      f.pool_live = ph.live;
      a.last_allocs = static_cast<u32>(ph.total_allocs);
      a.last_frees = static_cast<u32>(ph.total_frees);
      if (records && ph.bump <= ph.capacity && region.contains(ph.gens_offset, ph.bump * 4u)) {
        const u32* gens = region.at<u32>(ph.gens_offset);
        const u32 tag_bits = id << 24;
        for (u32 i = 0; i < ph.bump; ++i) {
          if ((gens[i] & 1u) == 0) continue;
          const Handle h = tag_bits | ((gens[i] << ph.index_bits) & 0x00FFFFFFu) | i;
          pool_record_add(slot, id, h, ph.slots_offset + i * ph.slot_size, ph.slot_size, tag, 0,
                          detail::kStampRegistered);
        }
      }
    } else if (f.kind == kKindSlab) {
      const Result<SlabAllocator> slab = SlabAllocator::attach(region, a.header_offset);
      if (!slab.ok()) continue;
      u8* map = f.tagmap;
      u8* old = nullptr;
      if (map != nullptr && keep_tags) {
        old = new (std::nothrow) u8[f.granules];
        if (old != nullptr) std::memcpy(old, map, f.granules);
      }
      if (map != nullptr) std::memset(map, 0, f.granules);
      f.map_used = 0;
      slab.value.walk([&](Offset off, u32 size) {
        u32 tag = f.tag;
        if (map != nullptr) {
          const u32 g = (off - f.span_begin) / kTrackGranule;
          if (g < f.granules && old != nullptr && old[g] != 0 && old[g] <= tag_count && old[g] != f.tag) {
            tag = old[g];
            map[g] = static_cast<u8>(tag);
            f.map_used = 1;
          }
        }
        live_count[tag]++;
        live_bytes[tag] += size;
        if (records) record_add(slot, id, kNullHandle, off, size, tag, 0, detail::kStampRegistered);
      });
      delete[] old;
    } else if (f.kind == kKindArena) {
      const auto& ah = *region.at<FrameArenaHeader>(a.header_offset);
      detail::ArenaBook* book = f.arena;
      if (book != nullptr) {
        std::memset(book->counts, 0, sizeof(u32) * (kTrackMaxTags + 1));
        book->run_count = 0;
        book->rec_count = 0;
      }
      const u32 used = ah.top > ah.begin ? ah.top - ah.begin : 0;
      if (used == 0) continue;
      const u32 tag = f.tag;
      live_count[tag]++;
      live_bytes[tag] += used;
      if (book != nullptr && detail::grow(book->runs, book->run_capacity, 1)) {
        book->counts[tag] = 1;
        book->runs[0] = detail::ArenaRun{tag, used};
        book->run_count = 1;
      }
      if (records) {
        const u32 ref = record_add(slot, id, kNullHandle, ah.begin, used, tag, 0, detail::kStampRegistered);
        if (ref != 0 && book != nullptr && detail::grow(book->recs, book->rec_capacity, 1)) {
          book->recs[0] = ref - 1;
          book->rec_count = 1;
        } else if (ref != 0) {
          index_erase(slot, ah.begin);  // no book to release it at the reset: keep no record
          record_release(ref - 1);
        }
      }
    }
  }

  for (u32 t = 1; t <= tag_count; ++t) {
    detail::Totals& e = b.events[slot][t];
    e.shift(e.live_count(), live_count[t], e.live_bytes(), live_bytes[t]);
  }
  regions_[slot].used = region.used();
  reset_sums();
}

void Tracker::resync(Region& region) noexcept {
  const u32 slot = slot_of(region);
  if (slot == kTrackMaxRegions) return;
  regions_[slot].epoch++;
  epoch_++;  // marks made before the bytes changed can no longer be answered
  if (mode_ == TrackMode::Off) {
    reregister_allocators(slot);  // the counters are rebuilt when tracking comes back on
    return;
  }
  drop_slot_records(slot);
  rebuild_slot(slot, false, mode_ == TrackMode::Full);
}

// A new default tag for a pool or a slab. A pool's live slots follow it (its figures are derived
// from its header). A slab's blocks with a zero map byte carry "the default, whatever it is": the live
// ones are pinned to the old tag in the map first, so they stay where they were counted; a slab
// without a map has no way to pin them, and its live blocks move to the new tag. Whatever moves is
// booked as frees of the old tag and allocations of the new one, outside the frame counters, so that
// allocs - frees = live keeps holding for both tags.
void Tracker::retag_default_blocks(u32 slot, u32 allocator, u32 old_tag, u32 new_tag) noexcept {
  publish();  // the pool's deltas until now belong to the old tag
  Books& b = *books_;
  detail::AllocFast& f = b.fast[slot][allocator];
  Region& region = *slots_[slot];
  const TrackAllocator& a = allocators_[slot * 256 + allocator];
  u32 count = 0;
  u64 bytes = 0;
  if (f.kind == kKindPool) {
    const auto& ph = *region.at<FixedPoolHeader>(a.header_offset);
    count = ph.live;
    bytes = static_cast<u64>(ph.live) * ph.slot_size;
  } else if (f.kind == kKindSlab) {
    const Result<SlabAllocator> slab = SlabAllocator::attach(region, a.header_offset);
    if (!slab.ok()) return;
    slab.value.walk([&](Offset off, u32 size) {
      const u32 g = (off - f.span_begin) / kTrackGranule;
      if (f.tagmap != nullptr && g < f.granules) {
        if (f.tagmap[g] == 0) {
          f.tagmap[g] = static_cast<u8>(old_tag);
          f.map_used = 1;
        }
      } else {
        count++;
        bytes += size;
      }
    });
  }
  if (count == 0) return;
  detail::Totals& from = f.kind == kKindPool ? b.others[old_tag] : b.events[slot][old_tag];
  detail::Totals& to = f.kind == kKindPool ? b.others[new_tag] : b.events[slot][new_tag];
  from.frees += count;
  from.bytes_freed += bytes;
  to.allocs += count;
  to.bytes_allocated += bytes;
  reset_sums();
}

}  // namespace oc
