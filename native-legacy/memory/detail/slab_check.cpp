// SlabAllocator::check(): the TLSF's own check, then every frame, page, free list, bitmap, partial
// list and counter of the slab against each other. O(pages * blocks per page); for tests and for
// validating a restored region before it is used.
#include <cstring>

#include "../slab_allocator.h"
#include "slab_classes.h"
#include "slab_header.h"

namespace oc {

Status SlabAllocator::check() const noexcept {
  if (hdr_ == nullptr) return Status::InvalidArgument;
  const SlabHeader& h = *hdr_;
  // attach() validated the header, but the bytes may have changed since, and everything below
  // indexes with the view's cached geometry: the header must still be sound and still describe
  // exactly that geometry (same span, page size, frame count, tables and TLSF).
  Tlsf fresh;
  if (detail::slab_header_sound(*region_, header_offset(), &fresh) != Status::Ok || h.span_begin != span_begin_ ||
      h.span_end - h.span_begin != span_bytes_ || h.page_shift != page_shift_ || h.frame_count != frame_count_ ||
      region_->at<SlabClass>(h.classes_offset) != classes_ || region_->at<SlabFrame>(h.frames_offset) != frames_ ||
      region_->at<SlabLink>(h.links_offset) != links_ || region_->at<u8>(h.class_map_offset) != class_map_ ||
      &fresh.header() != &tlsf_.header() || region_->base() != base_) {
    return Status::CorruptState;
  }
  // The static class fields were compared with the options' table; the dynamic ones index frames.
  for (u32 i = 0; i < h.class_count; ++i) {
    const SlabClass& c = classes_[i];
    if (c.current > frame_count_ || c.partial > frame_count_ || c.reserved0 != 0) return Status::CorruptState;
  }
  const Status t = tlsf_.check();
  if (t != Status::Ok) return t;

  u32 pages[detail::kSlabMaxClasses] = {};
  u32 live[detail::kSlabMaxClasses] = {};
  u32 partial[detail::kSlabMaxClasses] = {};
  u32 total_pages = 0;
  for (u32 fi = 0; fi < frame_count_; ++fi) {
    const SlabFrame& f = frames_[fi];
    const Offset frame_start = span_begin_ + (fi << page_shift_);
    const u32 back = (f.flags & kSlabCoverMask) >> kSlabCoverShift;
    if (back != 0) {  // the covering page started in an earlier frame and reaches this one
      if (back > fi || back > 2) return Status::CorruptState;
      const SlabFrame& p = frames_[fi - back];
      if (p.page == 0 || p.cls >= h.class_count || p.page + classes_[p.cls].page_bytes <= frame_start) {
        return Status::CorruptState;
      }
    }
    if ((f.flags & ~(kSlabInPartial | kSlabCoverMask)) != 0) return Status::CorruptState;
    if (f.page == 0) {
      if (f.free_head != 0 || f.bump != 0 || f.live != 0 || f.bits0 != 0 || f.cls != 0 || links_[fi].next != 0 ||
          links_[fi].prev != 0 ||
          (f.flags & kSlabInPartial) != 0) {
        return Status::CorruptState;
      }
      continue;
    }
    // An untracked TLSF block by its size word (the walk below confirms it is in the chain), and
    // within the span, so that reading its bitmap and free list stays inside the slab.
    if (f.page < frame_start || ((f.page - span_begin_) >> page_shift_) != fi || f.cls >= h.class_count ||
        !tlsf_.is_untracked(f.page)) {
      return Status::CorruptState;
    }
    const SlabClass& c = classes_[f.cls];
    if (c.page_bytes > h.span_end - f.page || tlsf_.block_size(f.page) - kTlsfOverhead < c.page_bytes) {
      return Status::CorruptState;
    }
    // The frames this page runs over must name it as their cover.
    for (u32 g = fi + 1; g < frame_count_ && span_begin_ + (g << page_shift_) < f.page + c.page_bytes; ++g) {
      if (((frames_[g].flags & kSlabCoverMask) >> kSlabCoverShift) != g - fi) return Status::CorruptState;
    }
    // Blocks: [0, bump) handed out, `live` of them marked in the bitmap, the others on the free list.
    const u32 words = (c.blocks_per_page + 31) / 32;
    u32 marked = 0;
    for (u32 w = 0; w < words; ++w) marked += static_cast<u32>(__builtin_popcount(*live_word(f, c, w * 32)));
    if (f.bump > c.blocks_per_page || f.live > f.bump || marked != f.live) return Status::CorruptState;
    for (u32 i = f.bump; i < words * 32; ++i) {
      if (is_live_block(f, c, i)) return Status::CorruptState;
    }
    const u32 free_blocks = static_cast<u32>(f.bump) - f.live;
    u32 listed = 0;
    for (u32 head = f.free_head; head != 0; ++listed) {
      const u32 idx = head - 1;
      // More nodes than free blocks means a cycle or a stray link.
      if (listed >= free_blocks || idx >= f.bump || is_live_block(f, c, idx)) {
        return Status::CorruptState;
      }
      std::memcpy(&head, base_ + f.page + idx * c.block_size, sizeof head);
    }
    if (listed != free_blocks) return Status::CorruptState;
    // Pages other than the current one are never empty (they go back to the span) and are on the
    // partial list exactly when they have a free block.
    const bool current = classes_[f.cls].current == fi + 1;
    const bool has_room = f.live < c.blocks_per_page;
    if (!current && f.live == 0) return Status::CorruptState;
    if (((f.flags & kSlabInPartial) != 0) != (!current && has_room)) return Status::CorruptState;
    if ((f.flags & kSlabInPartial) == 0 && (links_[fi].next != 0 || links_[fi].prev != 0)) {
      return Status::CorruptState;
    }
    pages[f.cls]++;
    live[f.cls] += f.live;
    if (f.flags & kSlabInPartial) partial[f.cls]++;
    total_pages++;
  }

  for (u32 i = 0; i < h.class_count; ++i) {
    const SlabClass& c = classes_[i];
    if (c.pages != pages[i] || c.live_blocks != live[i]) return Status::CorruptState;
    if (c.current != 0 && (frames_[c.current - 1].page == 0 || frames_[c.current - 1].cls != i)) {
      return Status::CorruptState;
    }
    u32 listed = 0;
    u32 prev = 0;
    for (u32 node = c.partial; node != 0; node = links_[node - 1].next) {
      if (++listed > partial[i] || node > frame_count_) return Status::CorruptState;
      const SlabFrame& f = frames_[node - 1];
      if (f.page == 0 || f.cls != i || (f.flags & kSlabInPartial) == 0 || links_[node - 1].prev != prev) {
        return Status::CorruptState;
      }
      prev = node;
    }
    if (listed != partial[i]) return Status::CorruptState;
  }

  // The TLSF's live blocks are the pages (untracked, each named by its frame) and the fallback blocks
  // (tracked, below the fallback high-water mark).
  u32 fallback = 0, fallback_bytes = 0, paged = 0;
  bool bad = false;
  tlsf_.walk([&](Offset block, u32 usable) {
    if (frames_[(block - span_begin_) >> page_shift_].page == block) {
      paged++;
      bad |= tlsf_.is_live(block);
    } else {
      fallback++;
      fallback_bytes += usable;
      bad |= !tlsf_.is_live(block) || block + usable > h.fallback_high_water;
    }
  });
  const TlsfStats ts = tlsf_.stats();
  if (bad || paged != total_pages || h.pages_in_use != total_pages || ts.live_blocks != total_pages + fallback ||
      h.fallback_blocks != fallback || h.fallback_bytes != fallback_bytes || h.reserved0 != 0 ||
      (h.fallback_high_water != 0 && (h.fallback_high_water <= span_begin_ || h.fallback_high_water > h.span_end))) {
    return Status::CorruptState;
  }
  u64 all_live = fallback;
  for (u32 i = 0; i < h.class_count; ++i) all_live += live[i];
  if (h.total_allocs < h.total_frees || h.total_allocs - h.total_frees != all_live) return Status::CorruptState;
  return Status::Ok;
}

}  // namespace oc
