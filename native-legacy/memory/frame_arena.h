// FrameArena: bump allocation with markers, reset() every frame, unwind(marker) for scoped scratch.
// Allocations are zeroed so that frame scratch is as deterministic as the rest of the engine.
//
// Tracking (tracking/hooks.h): alloc() takes a defaulted last `Site site = OC_HERE` and reports to the
// region's counter sink with the bytes it took, alignment padding included, so that what reset() and
// unwind() report as released adds up to what was allocated. reset() is a bulk free of every
// allocation since the last reset; unwind() gives the bytes above the marker back at once.
#pragma once

#include "region.h"
#include "tracking/hooks.h"
#include "tracking/site.h"
#include "types.h"

namespace oc {

constexpr u32 kArenaMaxAlign = 4096;

struct FrameArenaHeader {
  AllocatorHeader common;  // kind = kKindArena
  u32 begin;               // first byte the arena hands out
  u32 end;                 // one past the last
  u32 top;                 // next free byte
  u32 peak;                // highest top since creation
  u32 failures;
  u32 reserved0;
  u64 total_allocs;
  u64 resets;
};
static_assert(sizeof(FrameArenaHeader) == 56, "FrameArenaHeader layout is part of the snapshot format");

struct ArenaStats {
  u32 capacity, used, peak, failures;
  u64 total_allocs, resets;
};

class FrameArena {
 public:
  FrameArena() = default;
  // Carves `bytes` (plus its header) from the region.
  static Result<FrameArena> create(Region& region, u32 bytes) noexcept;
  static Result<FrameArena> attach(Region& region, Offset header_offset) noexcept;

  // size >= 1, align a power of two <= kArenaMaxAlign. kNullOffset with *status on failure.
  Offset alloc(u32 size, u32 align = 16, Status* status = nullptr, Site site = OC_HERE) noexcept {
    return alloc_at(size, align, status, site.file, site.line);
  }
  u32 marker() const noexcept { return hdr_->top; }
  Status unwind(u32 marker) noexcept;  // BadMarker unless begin <= marker <= top
  void reset() noexcept;

  ArenaStats stats() const noexcept;
  Status check() const noexcept;
  // f(Offset begin, u32 used): the arena has one live span, [begin, top).
  template <typename F>
  void walk(F&& f) const noexcept { if (hdr_->top > hdr_->begin) f(hdr_->begin, hdr_->top - hdr_->begin); }

  Offset header_offset() const noexcept { return region_->offset_of(hdr_); }
  const FrameArenaHeader& header() const noexcept { return *hdr_; }
  u32 id() const noexcept { return hdr_->common.id; }
  bool valid() const noexcept { return hdr_ != nullptr; }

 private:
  // alloc() out of line, with the Site as two scalars: wasm passes a struct argument through memory,
  // which would give every caller a stack frame.
  Offset alloc_at(u32 size, u32 align, Status* status, const char* site_file, u32 site_line) noexcept;

  Region* region_ = nullptr;
  FrameArenaHeader* hdr_ = nullptr;
};

}  // namespace oc
