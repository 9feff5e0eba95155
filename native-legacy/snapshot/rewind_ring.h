// RewindRing: an undo log of page pre-images that takes a region back a given number of frames.
//
// The ring keeps a shadow copy of the region as it was at the last push(). push() compares the region
// with the shadow page by page (kSnapshotPageSize pages), records the shadow's bytes of every page that
// changed (its pre-image) in a record {frame, used, page indices, pre-images}, and copies the new bytes
// into the shadow. rewind(n) applies the n newest records to the shadow, newest first, checks the
// result like a restore does (region and every allocator), and copies it into the live region. So a
// frame costs one compare of the region with the shadow plus a copy of the pages that changed, and the
// ring holds only changed pages.
//
// Records live in one buffer of budget_bytes allocated at init(): no allocation per frame. When a new
// record does not fit, the oldest records are dropped until it does; a record larger than the whole
// budget empties the ring (counted in oversize_pushes and frames_dropped) and the state it describes
// becomes the new oldest reachable frame. The shadow (one region-size buffer) is not counted in the
// budget; stats() reports it.
//
// Not thread-safe. The region must outlive the ring (push and rewind refuse a region whose size
// changed: InvalidArgument).
#pragma once

#include "memory/region.h"
#include "memory/types.h"

namespace oc {

struct RewindStats {
  u32 frames_held;      // records held: rewind(n) accepts n <= frames_held
  u32 bytes_used;       // bytes of the held records (<= budget)
  u32 budget;
  u32 frames_dropped;   // records dropped to make room (or emptied by an oversize push), wrapping
  u64 oldest_frame;     // the region's frame counter that rewind(frames_held) returns to
  u64 newest_frame;     // the frame counter at the last push (what rewind(0) returns to)
  u32 shadow_bytes;     // bytes of the shadow copy, outside the budget
  u32 last_push_pages;  // pages that changed in the last push
  u32 oversize_pushes;  // pushes whose record alone was larger than the budget
};

class RewindRing {
 public:
  RewindRing() = default;
  ~RewindRing();
  RewindRing(const RewindRing&) = delete;
  RewindRing& operator=(const RewindRing&) = delete;

  // The bytes a record of `pages` changed pages takes in the budget.
  static u64 record_bytes(u32 pages) noexcept;

  // Takes the region's current bytes as the starting point (frames_held = 0). budget_bytes must hold
  // a record of one page (InvalidArgument otherwise); OutOfMemory if the buffers cannot be allocated.
  Status init(Region& region, u32 budget_bytes) noexcept;
  void release() noexcept;
  bool valid() const noexcept { return region_ != nullptr; }

  // Records the pages that changed since the last push (or init).
  Status push() noexcept;
  // Returns the region to the state of n pushes before the last one (n = 0: the last push itself,
  // dropping changes made since). OutOfRange when n > frames_held; CorruptState when the rebuilt bytes
  // fail the region's or an allocator's check(). On any failure the region and the ring are unchanged.
  // On success the n newest records are consumed and the ring continues from the restored state.
  Status rewind(u32 n) noexcept;

  RewindStats stats() const noexcept;
  const Region* region() const noexcept { return region_; }

 private:
  struct Record;  // header of one record in the buffer

  Record* record_at(u32 pos) const noexcept;
  u32 place(u64 bytes) noexcept;  // drops oldest records until `bytes` fit; the position
  void drop_oldest() noexcept;
  void reset_records() noexcept;
  void swap_pages(const Record* rec) noexcept;
  u32 compare_pages() noexcept;  // fills changed_, returns the count

  Region* region_ = nullptr;
  u8* shadow_ = nullptr;      // the region at the last push
  u32 shadow_size_ = 0;       // the region's size at init(): push and rewind refuse another
  u32 shadow_used_ = 0;
  u64 shadow_frame_ = 0;
  u32* changed_ = nullptr;    // page indices of the current push, one slot per page of the region
  u8* buf_ = nullptr;
  u32 budget_ = 0;             // as the caller set it
  u32 capacity_ = 0;           // the usable part of buf_: budget_ rounded down to the record alignment
  // Records form a FIFO in buf_: oldest at head_, newest at newest_, tail_ = the newest's end. When
  // wrapped_, the records run from head_ to the end of the last one before the buffer's end, then
  // from 0 to tail_.
  u32 head_ = 0;
  u32 newest_ = 0;
  u32 tail_ = 0;
  bool wrapped_ = false;
  u32 held_ = 0;
  u32 bytes_used_ = 0;
  u32 dropped_ = 0;
  u32 last_push_pages_ = 0;
  u32 oversize_ = 0;
};

}  // namespace oc
