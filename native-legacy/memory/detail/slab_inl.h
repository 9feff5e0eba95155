// The SlabAllocator hot paths, inline: a class lookup in a 256-byte table, a pop from the current
// page's free list (or its bump), the block's live bit (in the frame entry for the first 32 blocks),
// and the zeroing the contract asks for (alloc_raw leaves it out, the rest is shared); free is the
// same in reverse after the frame-table lookup. Everything rare (new pages, the fallback, releasing
// pages, classifying bad offsets) is in slab_allocator.cpp.
#pragma once

#include <cstring>

#include "hot_inline.h"
#include "tlsf_util.h"

#if defined(__GNUC__) || defined(__clang__)
#define OC_SLAB_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define OC_SLAB_LIKELY(x) (x)
#endif

namespace oc {

inline u32 SlabAllocator::page_of(Offset off) const noexcept {
  const u32 fi = (off - span_begin_) >> page_shift_;  // callers checked off is in the span
  const SlabFrame& f = frames_[fi];
  // A page is at least one frame long, so a page that starts in this frame at or below off holds it.
  if (f.page != 0 && off >= f.page) return fi;
  const u32 back = (f.flags & kSlabCoverMask) >> kSlabCoverShift;
  if (back != 0) {
    const SlabFrame& p = frames_[fi - back];
    if (off - p.page < classes_[p.cls].page_bytes) return fi - back;
  }
  return frame_count_;
}

template <bool kZero>
OC_HOT_INLINE Offset SlabAllocator::alloc_block(u32 size, u32 align, Status* status, Site site) noexcept {
  // One unsigned compare each: size in 1..4096, align in {1, 2, 4, 8, 16}.
  if (OC_SLAB_LIKELY(size - 1 < kSlabMaxClass && align - 1 < kTlsfGranule && (align & (align - 1)) == 0)) {
    const u32 ci = class_map_[(size - 1) >> 4];
    SlabClass& c = classes_[ci];
    if (OC_SLAB_LIKELY(c.current != 0)) {
      SlabFrame& f = frames_[c.current - 1];
      u32 idx;
      if (f.free_head != 0) {
        idx = f.free_head - 1u;
        u32 next;
        std::memcpy(&next, base_ + f.page + idx * c.block_size, sizeof next);
        f.free_head = static_cast<u16>(next);
      } else if (f.bump < c.blocks_per_page) {
        idx = f.bump;
        f.bump = static_cast<u16>(idx + 1);
      } else {
        return alloc_slow(size, align, status, kZero, site.file, site.line);
      }
      const Offset off = f.page + idx * c.block_size;
      *live_word(f, c, idx) |= 1u << (idx & 31);
      f.live = static_cast<u16>(f.live + 1);
      c.live_blocks++;
      hdr_->total_allocs++;
      // Like calloc: the bytes asked for (see detail::zero_bytes on why this is worth care); the
      // class's rounding slack is left as it is. alloc_raw() is malloc: nothing.
      if (kZero) detail::zero_bytes(base_ + off, (size + 15) & ~15u);
      if (status != nullptr) *status = Status::Ok;
      Tracker* const t = track::counter_sink(*region_);
      if (OC_TRACK_UNLIKELY(t != nullptr)) {
        t->slab_alloc_hook(*region_, hdr_->common.id, off, c.block_size, site.file, site.line);
      }
      return off;
    }
  }
  return alloc_slow(size, align, status, kZero, site.file, site.line);
}

OC_HOT_INLINE Offset SlabAllocator::alloc(u32 size, u32 align, Status* status, Site site) noexcept {
  return alloc_block<true>(size, align, status, site);
}

OC_HOT_INLINE Offset SlabAllocator::alloc_raw(u32 size, u32 align, Status* status, Site site) noexcept {
  return alloc_block<false>(size, align, status, site);
}

OC_HOT_INLINE Status SlabAllocator::free(Offset off, u32 size, Site site) noexcept {
  if (OC_SLAB_LIKELY(off - span_begin_ < span_bytes_ && (off & (kTlsfGranule - 1)) == 0)) {
    const u32 fi = page_of(off);
    if (OC_SLAB_LIKELY(fi != frame_count_)) {
      SlabFrame& f = frames_[fi];
      SlabClass& c = classes_[f.cls];
      const u32 x = off - f.page;
      // Exact division by the block size: the reciprocal is exact for every offset within a page.
      const u32 idx = static_cast<u32>((static_cast<u64>(x >> 4) * c.recip) >> 31);
      if (x >= c.bitmap_at || idx * c.block_size != x) return misuse(Status::InvalidOffset, off, site.file, site.line);
      u32& word = *live_word(f, c, idx);
      const u32 bit = 1u << (idx & 31);
      if ((word & bit) == 0) return misuse(Status::DoubleFree, off, site.file, site.line);
      if (size != 0 && (size - 1 >= kSlabMaxClass || class_map_[(size - 1) >> 4] != f.cls)) {
        return misuse(Status::WrongSizeClass, off, site.file, site.line);
      }
      word &= ~bit;
      u8* block = base_ + off;
#if OPENCLAW_SCRUB
      std::memset(block, kScrubByte, c.block_size);
#endif
      const u32 link = f.free_head;
      std::memcpy(block, &link, sizeof link);
      f.free_head = static_cast<u16>(idx + 1);
      const u32 live = f.live - 1u;
      f.live = static_cast<u16>(live);
      c.live_blocks--;
      hdr_->total_frees++;
      // A page that was full gets room, or a page empties: list moves, unless it is the current page.
      if ((live == c.blocks_per_page - 1 || live == 0) && fi + 1 != c.current) page_gained_room(fi, c);
      Tracker* const t = track::counter_sink(*region_);
      if (OC_TRACK_UNLIKELY(t != nullptr)) {
        t->slab_free_hook(*region_, hdr_->common.id, off, c.block_size, site.file, site.line);
      }
      return Status::Ok;
    }
  }
  return free_slow(off, size, site.file, site.line);
}

template <typename F>
void SlabAllocator::walk(F&& f) const noexcept {
  tlsf_.walk([&](Offset block, u32 usable) {
    const u32 fi = (block - span_begin_) >> page_shift_;
    const SlabFrame& fr = frames_[fi];
    if (fr.page != block) {
      f(block, usable);
      return;
    }
    const SlabClass& c = classes_[fr.cls];
    for (u32 w = 0; w * 32 < fr.bump; ++w) {
      for (u32 m = *live_word(fr, c, w * 32); m != 0; m &= m - 1) {
        const u32 idx = w * 32 + static_cast<u32>(__builtin_ctz(m));
        f(fr.page + idx * c.block_size, c.block_size);
      }
    }
  });
}

}  // namespace oc
