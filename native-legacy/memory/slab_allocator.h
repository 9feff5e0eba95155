// SlabAllocator: size classes from 16 B to 4 KiB, each a set of pool pages carved on demand from the
// slab's own span of the region; larger requests (and alignments above 16) go to a general TLSF
// fallback (tlsf.h) that manages the same span, so slab pages and large blocks share one budget.
//
// Classes are spaced by powers of two, each doubling split into `class_steps` equal steps (1 gives
// pure powers of two: 16, 32, 64 ...; 4 gives 16, 32, 48, 64, 80, 96, 112, 128, 160, 192, ...).
// Every class size is a multiple of 16, so blocks are 16-byte aligned.
//
// A page of a class holds ceil(page_size / block_size) blocks (at most 65535; a page is never smaller
// than page_size), then the live bits of its blocks past the 32nd. Each page has its own intrusive
// free list and lazy bump; a class allocates from its current page, then from pages that got blocks
// back, then from a new page. A page that empties goes back to the span at once (except the class's
// current page, which keeps a class that hovers around one block from taking and returning a page
// each time), so memory flows between classes and the fallback. Small pages (the default) keep the
// bytes held by partly used pages low; see the note on the defaults in slab_allocator.cpp.
//
// Not thread-safe, like every allocator of the core: one owner, or a lock around it.
//
// Frees are validated exactly: the frame table tells whether an offset is inside a slab page and of
// which class, a per-page bitmap tells whether the block is live, and the fallback keeps its own map
// of live block starts. Wrong class, foreign offset, interior pointer and double free are reported.
//
// Tracking (tracking/hooks.h): every call takes a defaulted last `Site site = OC_HERE`. Allocations
// and frees (classes and fallback alike, with the block's usable size) report to the region's counter
// sink in counters and full mode; a refused free (InvalidOffset, DoubleFree, WrongSizeClass) reports
// misuse there.
//
// All state lives in the region (detail/slab_layout.h); the SlabAllocator object is a view that
// caches pointers derived from it.
#pragma once

#include "detail/scrub.h"
#include "detail/slab_layout.h"
#include "region.h"
#include "tlsf.h"
#include "tracking/hooks.h"
#include "tracking/site.h"
#include "types.h"

namespace oc {

constexpr u32 kSlabMinClass = 16;
constexpr u32 kSlabMaxClass = 4096;
constexpr u32 kSlabMinPageSize = 4 * 1024;
constexpr u32 kSlabMaxPageSize = 1024 * 1024;
constexpr u32 kSlabDefaultPageSize = 4 * 1024;  // OPENCLAW_SLAB_SIZE overrides it in native programs
constexpr u32 kSlabDefaultClassSteps = 8;
constexpr u32 kSlabMaxAlign = 4096;

struct SlabOptions {
  u32 page_size = kSlabDefaultPageSize;     // power of two, 4 KiB .. 1 MiB
  u32 class_steps = kSlabDefaultClassSteps; // 1, 2, 4, 8 or 16 classes per doubling
};

// Reads OPENCLAW_SLAB_SIZE (bytes, power of two, optionally with a K or M suffix) for native
// programs; returns `fallback` when unset or invalid (and says why on stderr when invalid).
u32 slab_page_size_from_env(u32 fallback = kSlabDefaultPageSize) noexcept;

struct SlabStats {
  u32 arena_bytes;       // the span this slab manages
  u32 reserved_bytes;    // bytes in use: slab pages + fallback blocks (TLSF size words included) +
                         // metadata (the fixed part, the frame and link tables as far as the span
                         // has ever been used, the TLSF map as far as fallback blocks ever reached)
  u32 live_bytes;        // usable bytes of live blocks (class sizes; the fallback's usable sizes)
  u32 live_blocks;
  u32 pages_in_use;
  u32 page_size;
  u32 class_count;
  u32 failures;          // allocations refused for want of space (Exhausted)
  u64 total_allocs;
  u64 total_frees;
};

struct SlabClassStats {
  u32 block_size, pages, live_blocks, capacity_blocks;
};

class SlabAllocator {
 public:
  SlabAllocator() = default;
  // Carves the metadata and `arena_bytes` of span from the region, in one piece.
  // InvalidArgument for a bad page size or class_steps; Exhausted when the arena cannot hold one
  // page of the largest class or the region cannot hold the slab.
  static Result<SlabAllocator> create(Region& region, u32 arena_bytes, SlabOptions options = {}) noexcept;
  static Result<SlabAllocator> attach(Region& region, Offset header_offset) noexcept;

  // size >= 1, align a power of two <= kSlabMaxAlign. The first `size` bytes (rounded up to 16) are
  // zero; the slack beyond them up to usable_size() is not cleared. kNullOffset with *status on failure.
  // The default everywhere: zeroed blocks are what the determinism rule of DESIGN.md asks for.
  Offset alloc(u32 size, u32 align = 16, Status* status = nullptr, Site site = OC_HERE) noexcept;
  // alloc() with malloc's semantics, for callers that overwrite the whole block anyway: the same
  // arguments, statuses, classes and alignment, but the bytes are left as they were. That is never
  // uninitialised memory in the C sense: the region starts zeroed and every write to it is
  // deterministic, so the same call sequence leaves the same bytes natively and in wasm. What they
  // are is not specified: zero in a page that was never used, the previous owner's bytes in a
  // recycled block (its first 4 bytes overwritten by the free list's link), or 0xDD past the link
  // in debug builds (OPENCLAW_DEBUG scrubs freed blocks), which makes reading before writing show.
  // Large and over-aligned requests skip the fallback's zeroing too.
  Offset alloc_raw(u32 size, u32 align = 16, Status* status = nullptr, Site site = OC_HERE) noexcept;
  // size is the size passed to alloc, or 0 when the caller does not know it (then only the block's
  // own class is used). A size that maps to another class than the block's is WrongSizeClass; for a
  // fallback block, a size above its usable size or 32 or more below it.
  Status free(Offset off, u32 size = 0, Site site = OC_HERE) noexcept;
  // Size of the block that holds off (its class size, or the fallback block's usable size).
  Result<u32> usable_size(Offset off) const noexcept;

  u32 class_count() const noexcept { return hdr_->class_count; }
  u32 class_size(u32 class_index) const noexcept;  // 0 for an index >= class_count()
  u32 class_of(u32 size) const noexcept;           // class index, or class_count() for the fallback

  SlabStats stats() const noexcept;
  SlabClassStats class_stats(u32 class_index) const noexcept;
  Status check() const noexcept;
  // f(Offset, u32 block_size) for each live block, in address order (slab blocks and fallback
  // blocks interleaved as they lie in the span).
  template <typename F>
  void walk(F&& f) const noexcept;

  Offset header_offset() const noexcept { return region_->offset_of(hdr_); }
  const SlabHeader& header() const noexcept { return *hdr_; }
  const Tlsf& fallback() const noexcept { return tlsf_; }
  u32 id() const noexcept { return hdr_->common.id; }
  bool valid() const noexcept { return hdr_ != nullptr; }

 private:
  SlabAllocator(Region* region, SlabHeader* hdr, Tlsf tlsf) noexcept;

  // alloc() and alloc_raw(): one hot path, the zeroing compiled in or out.
  template <bool kZero>
  Offset alloc_block(u32 size, u32 align, Status* status, Site site) noexcept;
  // The out-of-line paths take a Site as two scalars (wasm passes a struct argument through memory,
  // which would give every inline caller a stack frame).
  Offset alloc_slow(u32 size, u32 align, Status* status, bool zero, const char* site_file, u32 site_line) noexcept;
  Offset alloc_fallback(u32 size, u32 align, Status* status, bool zero, const char* site_file, u32 site_line) noexcept;
  bool refill(SlabClass& c, u32 class_index) noexcept;
  Status free_slow(Offset off, u32 size, const char* site_file, u32 site_line) noexcept;
  // A refused free: reports it to the counter sink as misuse and returns s (out of line: cold).
  Status misuse(Status s, Offset off, const char* site_file, u32 site_line) const noexcept;
  // Tracker hooks, out of line so that the inline paths only test the sink.
  void track_alloc(Tracker* t, Offset off, u32 usable, const char* site_file, u32 site_line) const noexcept;
  void track_free(Tracker* t, Offset off, u32 usable, const char* site_file, u32 site_line) const noexcept;
  void page_gained_room(u32 frame, SlabClass& c) noexcept;
  void release_page(u32 frame, SlabClass& c) noexcept;
  // The frame index whose page holds off, or frame_count when off is in no page.
  u32 page_of(Offset off) const noexcept;
  Offset page_below(Offset off) const noexcept;
  // The u32 holding block idx's live bit: in the frame for idx < 32, in the page after that.
  // Frames are region bytes, writable through any view; const here only says the call writes nothing.
  u32* live_word(const SlabFrame& f, const SlabClass& c, u32 idx) const noexcept {
    return idx < 32 ? const_cast<u32*>(&f.bits0)
                    : reinterpret_cast<u32*>(base_ + f.page + c.bitmap_at) + ((idx >> 5) - 1);
  }
  bool is_live_block(const SlabFrame& f, const SlabClass& c, u32 idx) const noexcept {
    return (*live_word(f, c, idx) >> (idx & 31)) & 1u;
  }

  Region* region_ = nullptr;
  SlabHeader* hdr_ = nullptr;
  u8* base_ = nullptr;
  SlabClass* classes_ = nullptr;
  SlabFrame* frames_ = nullptr;
  SlabLink* links_ = nullptr;
  const u8* class_map_ = nullptr;
  u32 span_begin_ = 0;
  u32 span_bytes_ = 0;
  u32 page_shift_ = 0;
  u32 frame_count_ = 0;
  Tlsf tlsf_;
};

}  // namespace oc

#include "detail/slab_inl.h"
