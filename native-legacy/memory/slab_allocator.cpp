// SlabAllocator: creation and attachment, the cold paths of alloc/free (new pages, the fallback,
// pages that gain room or empty, bad offsets), and introspection. The check is in detail/slab_check.cpp.
//
// Why the defaults are 4 KiB pages and 8 classes per doubling: on the benchmark's trace (sizes uniform
// in 8..2048 B, ~10k live blocks, churn), the bytes a slab holds beyond the requested ones are the
// rounding to a class (~4 % with 8 steps, ~2 % with 16) plus the free blocks parked in partly used
// pages, which every class has and which grow with the page size. Reserved bytes over glibc's heap
// growth for the same live set: 4 KiB pages 1.021 (16 steps: 1.023), 8 KiB 1.042, 16 KiB 1.060. Pages
// of 1-2 KiB hold less still but need the TLSF several times as often and lose ~10 % of the speed;
// 4 KiB pages take it for ~1 % of operations.
//
// Over Emscripten's dlmalloc (its own overhead is ~6.6 %: 8-byte chunk headers and free chunks that
// any size can reuse) the slab holds 1.0385 (it was 1.049 with 32-byte frames and every page in the
// TLSF's map): the excess over the requested bytes is class rounding 0.40 MB, free blocks parked in
// partly used pages 0.54 MB, page size words 0.04 MB, metadata 0.07 MB. What was tried and did not
// pay: 16 steps (rounding -0.20 MB, parked +0.22 MB: 1.041); taking the fullest partial page instead
// of the latest (parked -0.05..0.08 MB, but current pages then fill sooner and the extra refills
// cost 5-8 % of the wasm speed); 2 KiB pages (1.036 before the metadata cuts, below the native
// zeroed-speed target).
#include "slab_allocator.h"

#include <cstring>

#include "detail/slab_classes.h"
#include "detail/slab_header.h"
#include "tracking/tracker.h"

namespace oc {

SlabAllocator::SlabAllocator(Region* region, SlabHeader* hdr, Tlsf tlsf) noexcept
    : region_(region),
      hdr_(hdr),
      base_(region->base()),
      classes_(region->at<SlabClass>(hdr->classes_offset)),
      frames_(region->at<SlabFrame>(hdr->frames_offset)),
      links_(region->at<SlabLink>(hdr->links_offset)),
      class_map_(region->at<u8>(hdr->class_map_offset)),
      span_begin_(hdr->span_begin),
      span_bytes_(hdr->span_end - hdr->span_begin),
      page_shift_(hdr->page_shift),
      frame_count_(hdr->frame_count),
      tlsf_(tlsf) {}

Result<SlabAllocator> SlabAllocator::create(Region& region, u32 arena_bytes, SlabOptions options) noexcept {
  using R = Result<SlabAllocator>;
  if (!region.valid()) return R::fail(Status::InvalidArgument);
  if (!detail::slab_options_valid(options.page_size, options.class_steps)) return R::fail(Status::InvalidArgument);

  SlabClass table[detail::kSlabMaxClasses] = {};
  u8 map[kSlabClassMapSize] = {};
  const u32 count = detail::slab_classes(options.page_size, options.class_steps, table, map);
  u32 largest_page = 0;
  for (u32 i = 0; i < count; ++i) {
    if (table[i].page_bytes > largest_page) largest_page = table[i].page_bytes;
  }
  // Room for the largest page, its size word, and the TLSF's alignment and end marker.
  if (arena_bytes < largest_page + 64) return R::fail(Status::Exhausted);

  const detail::SlabLayout l = detail::slab_layout(count, options.page_size, arena_bytes);
  if (l.end > region.size()) return R::fail(Status::Exhausted);
  // Checked before carving: carved bytes are never given back.
  if (region.header().allocator_count >= kMaxAllocatorsPerRegion ||
      region.header().next_allocator_id > kMaxAllocatorsPerRegion) {
    return R::fail(Status::TooManyAllocators);
  }
  const Result<Offset> carved = region.carve(static_cast<u32>(l.end), 64);
  if (!carved.ok()) return R::fail(carved.status);
  const Offset at = carved.value;

  auto* h = region.at<SlabHeader>(at);
  h->version = kSlabVersion;
  h->page_size = options.page_size;
  h->page_shift = detail::fls32(options.page_size);
  h->class_steps = options.class_steps;
  h->class_count = count;
  h->span_begin = at + static_cast<u32>(l.span);
  h->span_end = h->span_begin + arena_bytes;
  h->frame_count = l.frame_count;
  h->classes_offset = at + static_cast<u32>(l.classes);
  h->class_map_offset = at + static_cast<u32>(l.class_map);
  h->tlsf_offset = at + static_cast<u32>(l.tlsf);
  h->frames_offset = at + static_cast<u32>(l.frames);
  h->links_offset = at + static_cast<u32>(l.links);
  h->metadata_bytes = static_cast<u32>(l.span);
  std::memcpy(region.at<SlabClass>(h->classes_offset), table, sizeof(SlabClass) * count);
  std::memcpy(region.at<u8>(h->class_map_offset), map, kSlabClassMapSize);

  const Result<Tlsf> t = Tlsf::create(region.base(), h->tlsf_offset, at + static_cast<u32>(l.tlsf_map),
                                      h->span_begin, h->span_end);
  if (!t.ok()) return R::fail(t.status);
  const Status linked = region.link_allocator(&h->common, kKindSlab, sizeof(SlabHeader));
  if (linked != Status::Ok) return R::fail(linked);
  return R{SlabAllocator(&region, h, t.value), Status::Ok};
}

Result<SlabAllocator> SlabAllocator::attach(Region& region, Offset header_offset) noexcept {
  using R = Result<SlabAllocator>;
  Tlsf t;
  const Status s = detail::slab_header_sound(region, header_offset, &t);
  if (s != Status::Ok) return R::fail(s);
  return R{SlabAllocator(&region, region.at<SlabHeader>(header_offset), t), Status::Ok};
}

Offset SlabAllocator::alloc_slow(u32 size, u32 align, Status* status, bool zero, const char* site_file, u32 site_line) noexcept {
  Status s;
  if (size == 0) {
    s = Status::InvalidArgument;
  } else if (!is_pow2(align) || align > kSlabMaxAlign) {
    s = Status::BadAlignment;
  } else if (size > kSlabMaxClass || align > kTlsfGranule) {
    return alloc_fallback(size, align, status, zero, site_file, site_line);
  } else {
    const u32 ci = class_map_[(size - 1) >> 4];
    // With a page that has room, the inline path cannot come back here.
    if (refill(classes_[ci], ci)) {
      const Site site{site_file, site_line};
      return zero ? alloc(size, align, status, site) : alloc_raw(size, align, status, site);
    }
    s = Status::Exhausted;
    hdr_->failures++;
  }
  if (status != nullptr) *status = s;
  return kNullOffset;
}

Offset SlabAllocator::alloc_fallback(u32 size, u32 align, Status* status, bool zero, const char* site_file, u32 site_line) noexcept {
  Status s;
  const Offset off = tlsf_.alloc(size, align, &s, zero);
  if (off == kNullOffset) {
    if (s == Status::Exhausted) hdr_->failures++;
  } else {
    const u32 usable = tlsf_.block_size(off) - kTlsfOverhead;
    hdr_->fallback_blocks++;
    hdr_->fallback_bytes += usable;
    const u32 end = off - kTlsfOverhead + tlsf_.block_size(off);
    if (end > hdr_->fallback_high_water) hdr_->fallback_high_water = end;
    hdr_->total_allocs++;
    if (Tracker* const t = track::counter_sink(*region_)) track_alloc(t, off, usable, site_file, site_line);
  }
  if (status != nullptr) *status = s;
  return off;
}

// Makes the class's current page one with room: a page that got blocks back, or a new one. The old
// current page is full when this runs, so it simply stops being current (a free puts it back).
bool SlabAllocator::refill(SlabClass& c, u32 class_index) noexcept {
  if (c.partial != 0) {
    const u32 fi = c.partial - 1;
    SlabFrame& f = frames_[fi];
    SlabLink& l = links_[fi];
    c.partial = l.next;
    if (l.next != 0) links_[l.next - 1].prev = 0;
    l.next = 0;
    f.flags = static_cast<u8>(f.flags & ~kSlabInPartial);
    c.current = fi + 1;
    return true;
  }
  // Untracked: the frame table is the exact record of pages, so they need no bit in the TLSF's
  // live-start map, whose words then stay untouched (and uncounted) wherever only pages live.
  const Offset page = tlsf_.alloc(c.page_bytes, kTlsfGranule, nullptr, false, false);
  if (page == kNullOffset) return false;
  const u32 fi = (page - span_begin_) >> page_shift_;
  SlabFrame& f = frames_[fi];
  f.page = page;
  f.free_head = 0;
  f.bump = 0;
  f.live = 0;
  f.bits0 = 0;
  f.cls = static_cast<u8>(class_index);
  f.flags = static_cast<u8>(f.flags & kSlabCoverMask);  // an earlier page may still run over this frame
  for (u32 g = fi + 1; g < frame_count_ && span_begin_ + (g << page_shift_) < page + c.page_bytes; ++g) {
    frames_[g].flags = static_cast<u8>((frames_[g].flags & ~kSlabCoverMask) | ((g - fi) << kSlabCoverShift));
  }
  // Blocks are zeroed when handed out; only the live bits must start clean (the links are 0 already).
  std::memset(base_ + page + c.bitmap_at, 0, c.page_bytes - c.bitmap_at);
  c.pages++;
  hdr_->pages_in_use++;
  c.current = fi + 1;
  return true;
}

// Called by free() for a page other than the current one, when it goes from full to one free block
// (it joins the partial list) or to no live block at all (it goes back to the span).
void SlabAllocator::page_gained_room(u32 fi, SlabClass& c) noexcept {
  SlabFrame& f = frames_[fi];
  if (f.live == 0) {
    release_page(fi, c);
    return;
  }
  f.flags = static_cast<u8>(f.flags | kSlabInPartial);
  SlabLink& l = links_[fi];
  l.prev = 0;
  l.next = c.partial;
  if (c.partial != 0) links_[c.partial - 1].prev = fi + 1;
  c.partial = fi + 1;
}

void SlabAllocator::release_page(u32 fi, SlabClass& c) noexcept {
  SlabFrame& f = frames_[fi];
  if (f.flags & kSlabInPartial) {
    SlabLink& l = links_[fi];
    if (l.prev != 0) {
      links_[l.prev - 1].next = l.next;
    } else {
      c.partial = l.next;
    }
    if (l.next != 0) links_[l.next - 1].prev = l.prev;
    l.next = 0;
    l.prev = 0;
  }
  const Offset page = f.page;
  for (u32 g = fi + 1; g < frame_count_ && span_begin_ + (g << page_shift_) < page + c.page_bytes; ++g) {
    frames_[g].flags = static_cast<u8>(frames_[g].flags & ~kSlabCoverMask);
  }
  f.page = 0;
  f.free_head = 0;
  f.bump = 0;
  f.live = 0;
  f.bits0 = 0;
  f.cls = 0;
  f.flags = static_cast<u8>(f.flags & kSlabCoverMask);
  tlsf_.release(page);
  c.pages--;
  hdr_->pages_in_use--;
}

Status SlabAllocator::free_slow(Offset off, u32 size, const char* site_file, u32 site_line) noexcept {
  if (off - span_begin_ >= span_bytes_ || (off & (kTlsfGranule - 1)) != 0) {
    return misuse(Status::InvalidOffset, off, site_file, site_line);
  }
  // Not in a slab page: a fallback block, or nothing.
  const Status s = tlsf_.classify(off, page_below(off));
  if (s != Status::Ok) return misuse(s, off, site_file, site_line);
  const u32 usable = tlsf_.block_size(off) - kTlsfOverhead;
  // A fallback block is at most 31 bytes larger than what was asked (16-byte rounding of the size
  // word plus a remainder too small to split off).
  if (size != 0 && (size > usable || usable - size >= 2 * kTlsfGranule)) {
    return misuse(Status::WrongSizeClass, off, site_file, site_line);
  }
  tlsf_.free(off);
  hdr_->fallback_blocks--;
  hdr_->fallback_bytes -= usable;
  hdr_->total_frees++;
  if (Tracker* const t = track::counter_sink(*region_)) track_free(t, off, usable, site_file, site_line);
  return Status::Ok;
}

Status SlabAllocator::misuse(Status s, Offset off, const char* site_file, u32 site_line) const noexcept {
  Tracker* const t = track::counter_sink(*region_);
  if (t != nullptr && track::is_misuse(s)) {
    t->on_misuse(*region_, hdr_->common.id, s, kNullHandle, off, Site{site_file, site_line});
  }
  return s;
}

void SlabAllocator::track_alloc(Tracker* t, Offset off, u32 usable, const char* site_file, u32 site_line) const noexcept {
  t->slab_alloc_hook(*region_, hdr_->common.id, off, usable, site_file, site_line);
}

void SlabAllocator::track_free(Tracker* t, Offset off, u32 usable, const char* site_file, u32 site_line) const noexcept {
  t->slab_free_hook(*region_, hdr_->common.id, off, usable, site_file, site_line);
}

Result<u32> SlabAllocator::usable_size(Offset off) const noexcept {
  if (off - span_begin_ >= span_bytes_ || (off & (kTlsfGranule - 1)) != 0) {
    return Result<u32>::fail(Status::InvalidOffset);
  }
  const u32 fi = page_of(off);
  if (fi == frame_count_) {
    if (!tlsf_.is_live(off)) return Result<u32>::fail(tlsf_.classify(off, page_below(off)));
    return tlsf_.usable_size(off);
  }
  const SlabFrame& f = frames_[fi];
  const SlabClass& c = classes_[f.cls];
  const u32 x = off - f.page;
  const u32 idx = static_cast<u32>((static_cast<u64>(x >> 4) * c.recip) >> 31);
  if (x >= c.bitmap_at || idx * c.block_size != x) return Result<u32>::fail(Status::InvalidOffset);
  if (!is_live_block(f, c, idx)) return Result<u32>::fail(Status::DoubleFree);
  return Result<u32>{c.block_size, Status::Ok};
}

// The start of the last page at or below off (0 if none), for the TLSF's misuse classification: the
// pages are not in its bitmap. A misuse path, like the bitmap scan it complements.
Offset SlabAllocator::page_below(Offset off) const noexcept {
  for (u32 fi = ((off - span_begin_) >> page_shift_) + 1; fi-- > 0;) {
    if (frames_[fi].page != 0 && frames_[fi].page <= off) return frames_[fi].page;
  }
  return 0;
}

u32 SlabAllocator::class_size(u32 class_index) const noexcept {
  return class_index < hdr_->class_count ? classes_[class_index].block_size : 0;
}

u32 SlabAllocator::class_of(u32 size) const noexcept {
  return size - 1 < kSlabMaxClass ? class_map_[(size - 1) >> 4] : hdr_->class_count;
}

SlabStats SlabAllocator::stats() const noexcept {
  const SlabHeader& h = *hdr_;
  const TlsfStats t = tlsf_.stats();
  SlabStats s{};
  s.arena_bytes = span_bytes_;
  s.live_blocks = h.fallback_blocks;
  s.live_bytes = h.fallback_bytes;
  for (u32 i = 0; i < h.class_count; ++i) {
    s.live_blocks += classes_[i].live_blocks;
    s.live_bytes += classes_[i].live_blocks * classes_[i].block_size;
  }
  // Metadata: the fixed part, plus the frame and link tables for the part of the span ever used, and
  // the TLSF's live map as far as fallback blocks ever reached: pages are not entered in it (the rest
  // of them is untouched zero memory, like the untouched span).
  const u32 touched = t.high_water > span_begin_ ? t.high_water - span_begin_ : 0;
  const u32 frames = (touched + h.page_size - 1) >> page_shift_;
  const u32 mapped = h.fallback_high_water > span_begin_ ? h.fallback_high_water - span_begin_ : 0;
  const u32 map_words = (mapped / kTlsfGranule + 31) / 32;
  const u32 fixed = h.tlsf_offset + static_cast<u32>(sizeof(TlsfHeader)) - header_offset();
  s.reserved_bytes =
      t.used_bytes + fixed + frames * static_cast<u32>(sizeof(SlabFrame) + sizeof(SlabLink)) + map_words * 4;
  s.pages_in_use = h.pages_in_use;
  s.page_size = h.page_size;
  s.class_count = h.class_count;
  s.failures = h.failures;
  s.total_allocs = h.total_allocs;
  s.total_frees = h.total_frees;
  return s;
}

SlabClassStats SlabAllocator::class_stats(u32 class_index) const noexcept {
  if (class_index >= hdr_->class_count) return SlabClassStats{};
  const SlabClass& c = classes_[class_index];
  return SlabClassStats{c.block_size, c.pages, c.live_blocks, c.pages * c.blocks_per_page};
}

}  // namespace oc
