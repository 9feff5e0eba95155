// FrameArena: a bump pointer over one span of the region. Bytes above `top` are kept zero (unwind and
// reset clear what they give back), so alloc() hands out zeroed memory without touching it, the free
// part of the span is all zero pages in a snapshot, and check() can see stray writes above the top.
#include "frame_arena.h"

#include <cstring>

#include "detail/allocator_list.h"
#include "detail/carved.h"
#include "tracking/tracker.h"

namespace oc {

namespace {

constexpr u32 kArenaSpanAlign = 64;  // the span starts on a cache line, past the header

bool all_zero(const u8* p, u32 len) noexcept {
  for (u32 i = 0; i < len; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

}  // namespace

Result<FrameArena> FrameArena::create(Region& region, u32 bytes) noexcept {
  if (!region.valid() || bytes == 0) return Result<FrameArena>::fail(Status::InvalidArgument);
  // Decide every failure before carving, so a refused create leaves the region untouched.
  if (region.header().allocator_count >= kMaxAllocatorsPerRegion) {
    return Result<FrameArena>::fail(Status::TooManyAllocators);
  }
  const u64 total = static_cast<u64>(kArenaSpanAlign) + bytes;  // header padded to the span alignment
  if (total > 0xFFFFFFFFull) return Result<FrameArena>::fail(Status::Exhausted);
  const Result<Offset> carved = region.carve(static_cast<u32>(total), kArenaSpanAlign);
  if (!carved.ok()) return Result<FrameArena>::fail(carved.status);

  auto* hdr = region.at<FrameArenaHeader>(carved.value);
  hdr->begin = carved.value + kArenaSpanAlign;
  hdr->end = hdr->begin + bytes;
  hdr->top = hdr->begin;
  hdr->peak = hdr->begin;
  const Status linked = region.link_allocator(&hdr->common, kKindArena, sizeof(FrameArenaHeader));
  if (linked != Status::Ok) return Result<FrameArena>::fail(linked);  // excluded by the checks above
  FrameArena a;
  a.region_ = &region;
  a.hdr_ = hdr;
  return Result<FrameArena>{a, Status::Ok};
}

Result<FrameArena> FrameArena::attach(Region& region, Offset header_offset) noexcept {
  if (!region.valid()) return Result<FrameArena>::fail(Status::InvalidArgument);
  if (header_offset % 8 != 0 || !region.contains(header_offset, sizeof(FrameArenaHeader))) {
    return Result<FrameArena>::fail(Status::InvalidOffset);
  }
  auto* hdr = region.at<FrameArenaHeader>(header_offset);
  if (hdr->common.kind != kKindArena || !detail::is_listed_allocator(region, header_offset)) {
    return Result<FrameArena>::fail(Status::InvalidOffset);
  }
  FrameArena a;
  a.region_ = &region;
  a.hdr_ = hdr;
  const Status s = a.check();
  if (s != Status::Ok) return Result<FrameArena>::fail(s);
  return Result<FrameArena>{a, Status::Ok};
}

Offset FrameArena::alloc_at(u32 size, u32 align, Status* status, const char* site_file, u32 site_line) noexcept {
  Status s = Status::Ok;
  if (size == 0) {
    s = Status::InvalidArgument;
  } else if (!is_pow2(align) || align > kArenaMaxAlign) {
    s = Status::BadAlignment;
  } else {
    FrameArenaHeader& h = *hdr_;
    // Offsets and addresses share alignment (the region base is 4096-aligned), so aligning the offset
    // aligns the pointer. 64-bit: top + padding + size may pass 4 GiB.
    const u64 off = (static_cast<u64>(h.top) + (align - 1)) & ~static_cast<u64>(align - 1);
    if (off + size <= h.end) {
      const u32 old_top = h.top;
      h.top = static_cast<u32>(off + size);
      if (h.top > h.peak) h.peak = h.top;
      h.total_allocs++;
      if (status != nullptr) *status = Status::Ok;
      Tracker* const t = track::counter_sink(*region_);
      if (OC_TRACK_UNLIKELY(t != nullptr)) {
        t->on_arena_alloc(*region_, h.common.id, static_cast<Offset>(off), h.top - old_top, Site{site_file, site_line});
      }
      return static_cast<Offset>(off);
    }
    h.failures++;
    s = Status::Exhausted;
  }
  if (status != nullptr) *status = s;
  return kNullOffset;
}

Status FrameArena::unwind(u32 marker) noexcept {
  FrameArenaHeader& h = *hdr_;
  if (marker < h.begin || marker > h.top) return Status::BadMarker;
  Tracker* const t = track::counter_sink(*region_);
  if (t != nullptr && marker != h.top) t->on_arena_release(*region_, h.common.id, marker, h.top - marker, false);
  std::memset(region_->base() + marker, 0, h.top - marker);
  h.top = marker;
  return Status::Ok;
}

void FrameArena::reset() noexcept {
  FrameArenaHeader& h = *hdr_;
  // Every reset is reported, an empty one too: it closes the arena's allocations since the last one.
  Tracker* const t = track::counter_sink(*region_);
  if (t != nullptr) t->on_arena_release(*region_, h.common.id, h.begin, h.top - h.begin, true);
  std::memset(region_->base() + h.begin, 0, h.top - h.begin);
  h.top = h.begin;
  h.resets++;
}

ArenaStats FrameArena::stats() const noexcept {
  const FrameArenaHeader& h = *hdr_;
  return ArenaStats{h.end - h.begin, h.top - h.begin, h.peak - h.begin, h.failures, h.total_allocs, h.resets};
}

Status FrameArena::check() const noexcept {
  if (hdr_ == nullptr) return Status::InvalidArgument;
  const FrameArenaHeader& h = *hdr_;
  const Offset self = region_->offset_of(hdr_);
  if (h.common.kind != kKindArena || h.common.header_size != sizeof(FrameArenaHeader) ||
      !detail::is_listed_allocator(*region_, self)) {
    return Status::CorruptState;
  }
  // The header and the span inside the carved bytes (as far as the region really extends: the
  // region's own header may be unchecked), the span past the header, top and peak inside the span.
  const u32 limit = detail::carved_end(*region_);
  if (self > limit || limit - self < sizeof(FrameArenaHeader)) return Status::CorruptState;
  if (h.begin < self + sizeof(FrameArenaHeader) || h.begin > h.end || h.end > limit ||
      h.top < h.begin || h.top > h.end || h.peak < h.top || h.peak > h.end ||
      !detail::sole_allocator_in(*region_, self, h.end)) {
    return Status::CorruptState;
  }
  // Above the top everything is zero; a non-zero byte there was written through a stale offset.
  if (!all_zero(region_->base() + h.top, h.end - h.top)) return Status::CorruptState;
  return Status::Ok;
}

}  // namespace oc
