// RewindRing: page compare against the shadow, records in a circular buffer, rewind by swapping
// pre-images into the shadow (see rewind_ring.h).
#include "snapshot/rewind_ring.h"

#include <cstdlib>
#include <cstring>

#include "memory/detail/region_bytes_scope.h"
#include "memory/region_check.h"
#include "snapshot/format.h"
#include "snapshot/page_ops.h"
#include "tracking/hooks.h"

namespace oc {

namespace {

constexpr u32 kPage = kSnapshotPageSize;
constexpr u32 kNone = 0xFFFFFFFFu;
// Record sizes are multiples of this, so every record (and its u64 frame) starts aligned in the
// buffer, whose own alignment is at least 8 (malloc).
constexpr u32 kRecordAlign = 16;

u32 pages_for(u32 bytes) noexcept { return static_cast<u32>((static_cast<u64>(bytes) + kPage - 1) / kPage); }

// Exchanges two pages. Used for rewinding so that a failed check can be undone by swapping again:
// the record then holds the pre-image once more.
void swap_page(u8* a, u8* b) noexcept {
  alignas(16) u8 tmp[256];
  for (u32 i = 0; i < kPage; i += sizeof tmp) {
    std::memcpy(tmp, a + i, sizeof tmp);
    std::memcpy(a + i, b + i, sizeof tmp);
    std::memcpy(b + i, tmp, sizeof tmp);
  }
}

}  // namespace

// Followed by u32 page[pages], padding to kRecordAlign, then pages * kPage bytes of pre-images.
struct RewindRing::Record {
  u64 frame;     // the region's frame counter in the state these pre-images give back
  u32 used;      // its carve top then
  u32 pages;
  u32 bytes;     // the whole record, a multiple of kRecordAlign
  u32 prev;      // position of the next older record, kNone for the oldest
  u32 next;      // position of the next newer record, kNone for the newest
  u32 reserved;
  const u32* index() const noexcept { return reinterpret_cast<const u32*>(this + 1); }
  u32* index() noexcept { return reinterpret_cast<u32*>(this + 1); }
  u8* data() const noexcept {
    return const_cast<u8*>(reinterpret_cast<const u8*>(this)) + (bytes - static_cast<u64>(pages) * kPage);
  }
};
static_assert(sizeof(u64) + 6 * sizeof(u32) == 32, "Record header: 32 bytes, no padding");

RewindRing::~RewindRing() { release(); }

u64 RewindRing::record_bytes(u32 pages) noexcept {
  const u64 head = sizeof(Record) + 4ull * pages;
  return (head + kRecordAlign - 1) / kRecordAlign * kRecordAlign + static_cast<u64>(pages) * kPage;
}

Status RewindRing::init(Region& region, u32 budget_bytes) noexcept {
  release();
  if (!region.valid() || region.size() % kPage != 0) return Status::InvalidArgument;
  // The usable part of the buffer is a multiple of kRecordAlign; it must hold a one-page record.
  const u32 capacity = budget_bytes / kRecordAlign * kRecordAlign;
  if (capacity < record_bytes(1)) return Status::InvalidArgument;
  // Page-aligned: the shadow is checked through a Region view, whose allocators' alignment checks
  // assume a kRegionAlign-aligned base.
  shadow_ = static_cast<u8*>(std::aligned_alloc(kRegionAlign, region.size()));
  changed_ = static_cast<u32*>(std::malloc(sizeof(u32) * (region.size() / kPage)));
  buf_ = static_cast<u8*>(std::malloc(capacity));
  if (shadow_ == nullptr || changed_ == nullptr || buf_ == nullptr) {
    release();
    return Status::OutOfMemory;
  }
  // Everything past used() is zero in a region, so copying [0, size) is copying its state.
  {
    const detail::RegionBytesScope bytes_scope(region);  // ASan: free pool slots are poisoned
    std::memcpy(shadow_, region.base(), region.size());
  }
  region_ = &region;
  shadow_size_ = region.size();
  shadow_used_ = region.used();
  shadow_frame_ = region.frame();
  budget_ = budget_bytes;
  capacity_ = capacity;
  return Status::Ok;
}

void RewindRing::release() noexcept {
  std::free(shadow_);
  std::free(changed_);
  std::free(buf_);
  region_ = nullptr;
  shadow_ = nullptr;
  shadow_size_ = 0;
  changed_ = nullptr;
  buf_ = nullptr;
  shadow_used_ = 0;
  shadow_frame_ = 0;
  budget_ = 0;
  capacity_ = 0;
  reset_records();
  dropped_ = 0;
  last_push_pages_ = 0;
  oversize_ = 0;
}

RewindRing::Record* RewindRing::record_at(u32 pos) const noexcept {
  return reinterpret_cast<Record*>(buf_ + pos);
}

void RewindRing::reset_records() noexcept {
  head_ = 0;
  newest_ = 0;
  tail_ = 0;
  wrapped_ = false;
  held_ = 0;
  bytes_used_ = 0;
}

void RewindRing::drop_oldest() noexcept {
  const Record* oldest = record_at(head_);
  const u32 next = oldest->next;
  bytes_used_ -= oldest->bytes;
  --held_;
  ++dropped_;
  if (held_ == 0) {
    reset_records();
    return;
  }
  // The next record lies below the oldest only where the records wrapped to the buffer's start.
  if (wrapped_ && next < head_) wrapped_ = false;
  head_ = next;
  record_at(head_)->prev = kNone;
}

u32 RewindRing::place(u64 bytes) noexcept {
  for (;;) {
    if (held_ == 0) {
      reset_records();
      return 0;
    }
    if (!wrapped_) {
      // Free: [tail_, capacity_) and [0, head_).
      if (capacity_ - tail_ >= bytes) return tail_;
      if (head_ >= bytes) {
        wrapped_ = true;
        return 0;
      }
    } else if (head_ - tail_ >= bytes) {  // free: [tail_, head_)
      return tail_;
    }
    drop_oldest();
  }
}

u32 RewindRing::compare_pages() noexcept {
  const u32 live_used = region_->used();
  const u32 pages = pages_for(live_used > shadow_used_ ? live_used : shadow_used_);
  const u8* live = region_->base();
  u32 n = 0;
  for (u32 p = 0; p < pages; ++p) {
    const u64 at = static_cast<u64>(p) * kPage;
    if (!snap::bytes_equal64(live + at, shadow_ + at, kPage)) changed_[n++] = p;
  }
  return n;
}

Status RewindRing::push() noexcept {
  if (region_ == nullptr || region_->size() != shadow_size_) return Status::InvalidArgument;
  const detail::RegionBytesScope bytes_scope(*region_);  // compares and copies pages (ASan: free slots)
  const u32 n = compare_pages();
  const u64 bytes = record_bytes(n);
  if (bytes > capacity_) {
    // Nothing older can be kept consistent without this record: the ring restarts from here.
    dropped_ += held_;
    reset_records();
    ++oversize_;
  } else {
    const u32 pos = place(bytes);
    Record* rec = record_at(pos);
    rec->frame = shadow_frame_;
    rec->used = shadow_used_;
    rec->pages = n;
    rec->bytes = static_cast<u32>(bytes);
    rec->prev = held_ != 0 ? newest_ : kNone;
    rec->next = kNone;
    rec->reserved = 0;
    std::memcpy(rec->index(), changed_, sizeof(u32) * n);
    u8* data = rec->data();
    for (u32 i = 0; i < n; ++i) {
      std::memcpy(data + static_cast<u64>(i) * kPage, shadow_ + static_cast<u64>(changed_[i]) * kPage, kPage);
    }
    if (held_ != 0) {
      record_at(newest_)->next = pos;
    } else {
      head_ = pos;
    }
    newest_ = pos;
    tail_ = pos + rec->bytes;
    ++held_;
    bytes_used_ += rec->bytes;
  }
  const u8* live = region_->base();
  for (u32 i = 0; i < n; ++i) {
    const u64 at = static_cast<u64>(changed_[i]) * kPage;
    std::memcpy(shadow_ + at, live + at, kPage);
  }
  shadow_used_ = region_->used();
  shadow_frame_ = region_->frame();
  last_push_pages_ = n;
  return Status::Ok;
}

void RewindRing::swap_pages(const Record* rec) noexcept {
  const u32* index = rec->index();
  u8* data = rec->data();
  for (u32 i = 0; i < rec->pages; ++i) {
    swap_page(shadow_ + static_cast<u64>(index[i]) * kPage, data + static_cast<u64>(i) * kPage);
  }
}

Status RewindRing::rewind(u32 n) noexcept {
  if (region_ == nullptr || region_->size() != shadow_size_) return Status::InvalidArgument;
  if (n > held_) return Status::OutOfRange;
  u32 target_used = shadow_used_;
  u64 target_frame = shadow_frame_;
  u32 pos = newest_;
  u32 last = kNone;  // the oldest record applied
  for (u32 k = 0; k < n; ++k) {
    const Record* rec = record_at(pos);
    swap_pages(rec);
    target_used = rec->used;
    target_frame = rec->frame;
    last = pos;
    pos = rec->prev;
  }

  // The same validation as a restore: the bytes must be a sound region before they replace the live
  // ones. They came from this region, so a failure means something wrote where it must not.
  Region view = Region::view(shadow_, shadow_size_);
  const Status s = check_region_and_allocators(view);
  if (s != Status::Ok) {
    // Swapping again, oldest applied first, puts the shadow and the records back as they were.
    for (u32 k = 0, p = last; k < n; ++k) {
      const Record* rec = record_at(p);
      swap_pages(rec);
      p = rec->next;
    }
    return s;
  }

  // Past both tops everything is zero on both sides; the shadow's zeroes above target_used clear what
  // the live region carved since.
  const u32 live_used = region_->used();
  {
    const detail::RegionBytesScope bytes_scope(*region_);  // replaces the bytes (ASan: free slots)
    std::memcpy(region_->base(), shadow_, live_used > target_used ? live_used : target_used);
  }
  if (Tracker* t = track::counter_sink(*region_)) t->resync(*region_);  // its records described the old bytes

  for (u32 k = 0; k < n; ++k) {
    const Record* rec = record_at(newest_);
    bytes_used_ -= rec->bytes;
    --held_;
    newest_ = rec->prev;
  }
  if (held_ == 0) {
    reset_records();
  } else {
    Record* rec = record_at(newest_);
    rec->next = kNone;
    tail_ = newest_ + rec->bytes;
    wrapped_ = newest_ < head_;
  }
  shadow_used_ = target_used;
  shadow_frame_ = target_frame;
  return Status::Ok;
}

RewindStats RewindRing::stats() const noexcept {
  RewindStats st{};
  st.frames_held = held_;
  st.bytes_used = bytes_used_;
  st.budget = budget_;
  st.frames_dropped = dropped_;
  st.oldest_frame = held_ != 0 ? record_at(head_)->frame : shadow_frame_;
  st.newest_frame = shadow_frame_;
  st.shadow_bytes = shadow_size_;
  st.last_push_pages = last_push_pages_;
  st.oversize_pushes = oversize_;
  return st;
}

}  // namespace oc
