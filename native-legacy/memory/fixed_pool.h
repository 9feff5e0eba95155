// FixedPool: fixed-size slots carved from a region, O(1) alloc/free through a free list kept in a
// link array beside the generations (not in the slots), with lazy bump initialisation, addressed by
// 32-bit generation-checked handles.
//
// Handle bits (high to low): [tag:8][generation:G][index:I], I = index_bits (enough for capacity),
// G = 24 - I. tag is the pool's id (1..255), so a handle is never 0 and a handle of another pool is
// recognised. A slot's 32-bit generation counter is odd while the slot is live and even while free;
// a handle carries its low G bits. Freeing bumps it, so older handles are stale; freeing the handle
// that was just freed is a double free.
//
// Generation wrap-around: a handle keeps only G bits of the counter, and the counter moves by 2 per
// alloc/free cycle, so after 2^(G-1) reuses of one slot a stale handle matches again and is taken as
// live (G = 4 at the maximum capacity: 8 reuses; G = 14 for 1024 slots: 8192 reuses). The 32-bit
// counter itself wraps from 0xFFFFFFFF to 0 harmlessly. Larger pools trade detection depth for size.
//
// Free list: link[i] holds index + 1 of the free slot after slot i (0 ends the list); it means
// something only while slot i is free. Keeping the links in their own u32 array rather than in the
// slots shortens the chain every pop waits on (free_head -> link load -> free_head) to one scaled
// load, with no slot-size multiply, and keeps free() off the slot's bytes entirely (see alloc()).
//
// Slot contents: allocations are zeroed (alloc zeroes a recycled slot; a slot taken from the bump
// range is still zero from the region's creation). Release builds leave a freed slot's bytes exactly
// as they were. The contents are still a pure function of the call sequence, so determinism holds.
// With OPENCLAW_SCRUB (on under OPENCLAW_DEBUG) free() fills the slot with kScrubByte, check()
// verifies the pattern (catching writes through stale pointers), and attach() rewrites free slots of
// a region made by a release build.
//
// Under AddressSanitizer (detail/asan.h) a pool in a region that owns its bytes poisons every slot no
// live handle owns: at create() the whole slot range (never handed out), on free() the slot (after the
// scrub fill); alloc() unpoisons the slot before zeroing it. attach() poisons nothing (it may run on a
// copy, a staging buffer); whole-region operations re-poison through detail::RegionBytesScope. So a
// read or write through a stale pointer is reported by ASan where it happens.
//
// Tracking (tracking/hooks.h): every call takes a defaulted last `Site site = OC_HERE` (file and line
// of the caller, at no cost to it). In full mode alloc/free report to the region's record sink; a bad
// handle reports misuse to its counter sink. In counters mode a pool calls nothing.
//
// All metadata lives in the region (FixedPoolHeader + generation array + link array), so the
// region's bytes are the pool's complete state. A FixedPool object is only a view: {region, header
// pointer} plus values cached from the header's geometry.
#pragma once

#include "detail/scrub.h"
#include "region.h"
#include "tracking/hooks.h"
#include "tracking/site.h"
#include "types.h"

namespace oc {

constexpr u32 kPoolMaxAlign = 64;
constexpr u32 kPoolMaxCapacity = 1u << 20;  // leaves at least 4 generation bits

struct FixedPoolHeader {
  AllocatorHeader common;  // kind = kKindPool
  u32 slot_size;           // bytes per slot, a multiple of slot_align and of 4
  u32 slot_align;
  u32 capacity;
  u32 index_bits;
  u32 slots_offset;        // offset of slot 0
  u32 gens_offset;         // offset of u32 generation[capacity]
  u32 free_head;           // index + 1 of the first free slot, 0 when the list is empty (see link[])
  u32 bump;                // slots [0, bump) have been handed out at least once
  u32 live;
  u32 peak;                // highest live count so far; always equal to bump (see alloc())
  u32 failures;            // alloc / alloc_many calls refused because the pool was full
  u32 links_offset;        // offset of u32 link[capacity], right after the generations
  u64 total_allocs;
  u64 total_frees;
};
static_assert(sizeof(FixedPoolHeader) == 80, "FixedPoolHeader layout is part of the snapshot format");

struct PoolStats {
  u32 capacity, live, peak, failures, slot_size, slot_align;
  u64 total_allocs, total_frees;
};

class FixedPool {
 public:
  FixedPool() = default;

  // slot_size >= 1 (rounded up to a multiple of align and of 4), align a power of two <= 64,
  // 1 <= capacity <= kPoolMaxCapacity. Carves header, generations and slots from the region in one
  // piece (slots 64-byte aligned), so a failure leaves the region untouched. Errors: InvalidArgument,
  // BadAlignment, Exhausted (region too small), TooManyAllocators.
  static Result<FixedPool> create(Region& region, u32 slot_size, u32 slot_align, u32 capacity) noexcept;
  // A view over a pool that already exists in the region (after a restore, for example).
  static Result<FixedPool> attach(Region& region, Offset header_offset) noexcept;

  // A zeroed slot, or kNullHandle with *status = Exhausted.
  Handle alloc(Status* status = nullptr, Site site = OC_HERE) noexcept;
  Status free(Handle h, Site site = OC_HERE) noexcept;
  // All-or-nothing: either every handle is written to out, or none is allocated (Exhausted; a refused
  // batch counts as one failure). count 0 is Ok and does nothing. Batches keep the pool's state in
  // registers for the whole call, so `out` must not point into this pool's header or generations.
  Status alloc_many(Handle* out, u32 count, Site site = OC_HERE) noexcept;
  // All-or-nothing: validates every handle (duplicates in the batch count as double frees) first.
  Status free_many(const Handle* handles, u32 count, Site site = OC_HERE) noexcept;

  // Rebuilds the free list in ascending slot order, so the next allocs hand out the lowest free
  // indices first (then bump slots), as a fresh pool would. Live slots, generations, contents and
  // counters are untouched and nothing is allocated or freed (a tracker sees no event). O(bump).
  // For owners that free everything and want the next fill to be laid out like the first (a level
  // reload: its slot order must not depend on the order of frees during play).
  Status sort_free_list() noexcept;

  // Validates h and gives its slot's offset in the region.
  Status resolve(Handle h, Offset* out) const noexcept;
  Status validate(Handle h) const noexcept;  // Ok, StaleHandle, DoubleFree, ForeignHandle, InvalidArgument
  u32 index_of(Handle h) const noexcept { return h & index_mask_; }

  PoolStats stats() const noexcept;
  Status check() const noexcept;  // every invariant: free list, generations, counts, bounds
  // f(Handle, Offset) for each live slot in index order.
  template <typename F>
  void walk(F&& f) const noexcept;

  Offset header_offset() const noexcept { return region_->offset_of(hdr_); }
  const FixedPoolHeader& header() const noexcept { return *hdr_; }
  u32 id() const noexcept { return hdr_->common.id; }
  bool valid() const noexcept { return hdr_ != nullptr; }

 private:
  // The hot paths read only these cached copies plus the header's counters: no division, no call.
  FixedPool(Region* region, FixedPoolHeader* hdr) noexcept;
  Handle alloc_exhausted(Status* status) noexcept;  // out of line: the cold branch of alloc()
  Status classify_bad_handle(Handle h) const noexcept;
  // Out-of-line misuse paths, so that the inline ones only test a status. A Site crosses them as two
  // scalars: wasm passes a struct argument through memory, which would give every inline caller
  // (oc_pool_alloc, ...) a stack frame. (Tracking itself is one call, straight into the tracker's
  // hook, which finds everything else from the handle.)
  Status bad_free(Handle h, const char* site_file, u32 site_line) const noexcept;  // classifies, reports misuse, returns why
  void report_misuse(Status s, Handle h, const char* site_file, u32 site_line) const noexcept;
  // ASan poisoning of one slot (no-ops without ASan, or in a region that does not own its bytes).
  void poison_slot(u32 idx) const noexcept;
  void unpoison_slot(u32 idx) const noexcept;
  u8* slot_at(u32 idx) const noexcept;
  Status check_structure() const noexcept;  // check() without the slot-content scan
  void scrub_free_slots() noexcept;         // attach() under OPENCLAW_SCRUB: free slots to the pattern

  Region* region_ = nullptr;
  FixedPoolHeader* hdr_ = nullptr;
  u32* gens_ = nullptr;   // cached: base + gens_offset
  u32* links_ = nullptr;  // cached: base + links_offset
  u8* slots_ = nullptr;   // cached: base + slots_offset
  u32 slot_size_ = 0;
  u32 slot_shift_ = 0;    // log2(slot_size) when it is a power of two, else 0 (slots are >= 4 bytes)
  u32 capacity_ = 0;
  u32 index_bits_ = 0;
  u32 index_mask_ = 0;    // (1 << index_bits) - 1
  u32 gen_mask_ = 0;      // the generation field, in place: bits [index_bits, 24)
  u32 tag_bits_ = 0;      // id << 24
};

}  // namespace oc

#include "detail/fixed_pool_inl.h"
