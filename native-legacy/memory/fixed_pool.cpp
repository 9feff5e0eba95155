// FixedPool: creation and attachment, the cold paths of alloc/free, batches, and the invariant check.
#include "fixed_pool.h"

#include "detail/allocator_list.h"
#include "detail/asan.h"
#include "detail/carved.h"
#include "tracking/tracker.h"

namespace oc {

namespace {

constexpr u32 kSlotsAlign = 64;  // slots start on a cache line; slot_align <= 64 follows from it

u32 shift_for(u32 slot_size) noexcept {
  if (!is_pow2(slot_size)) return 0;
  u32 shift = 0;
  while ((1u << shift) < slot_size) ++shift;
  return shift;
}

u32 index_bits_for(u32 capacity) noexcept {
  u32 bits = 0;
  while ((1u << bits) < capacity) ++bits;
  return bits;
}

// Where each part of a pool goes when its header is at `start`; 64-bit so that absurd sizes
// cannot wrap around.
struct PoolGeometry {
  u64 gens_offset, links_offset, slots_offset, end;
};

PoolGeometry geometry(u64 start, u32 slot_size, u32 capacity) noexcept {
  PoolGeometry g{};
  g.gens_offset = start + sizeof(FixedPoolHeader);
  g.links_offset = g.gens_offset + 4ull * capacity;
  const u64 links_end = g.links_offset + 4ull * capacity;
  g.slots_offset = (links_end + (kSlotsAlign - 1)) & ~static_cast<u64>(kSlotsAlign - 1);
  g.end = g.slots_offset + static_cast<u64>(slot_size) * capacity;
  return g;
}

bool all_bytes(const u8* p, u32 len, u8 value) noexcept {
  for (u32 i = 0; i < len; ++i) {
    if (p[i] != value) return false;
  }
  return true;
}

}  // namespace

FixedPool::FixedPool(Region* region, FixedPoolHeader* hdr) noexcept
    : region_(region),
      hdr_(hdr),
      gens_(region->at<u32>(hdr->gens_offset)),
      links_(region->at<u32>(hdr->links_offset)),
      slots_(region->at<u8>(hdr->slots_offset)),
      slot_size_(hdr->slot_size),
      slot_shift_(shift_for(hdr->slot_size)),
      capacity_(hdr->capacity),
      index_bits_(hdr->index_bits),
      index_mask_((1u << hdr->index_bits) - 1),
      gen_mask_(0x00FFFFFFu & ~((1u << hdr->index_bits) - 1)),
      tag_bits_(hdr->common.id << 24) {}

Result<FixedPool> FixedPool::create(Region& region, u32 slot_size, u32 slot_align, u32 capacity) noexcept {
  if (!region.valid() || slot_size == 0 || capacity == 0 || capacity > kPoolMaxCapacity) {
    return Result<FixedPool>::fail(Status::InvalidArgument);
  }
  if (!is_pow2(slot_align) || slot_align > kPoolMaxAlign) return Result<FixedPool>::fail(Status::BadAlignment);
  const u32 unit = slot_align > 4 ? slot_align : 4;
  if (slot_size > 0xFFFFFFFFu - unit) return Result<FixedPool>::fail(Status::Exhausted);
  const u32 size = align_up(slot_size, unit);

  // Every failure is decided before anything is carved or linked: a refused create leaves the
  // region's bytes exactly as they were.
  RegionHeader& rh = region.header();
  if (rh.allocator_count >= kMaxAllocatorsPerRegion) return Result<FixedPool>::fail(Status::TooManyAllocators);
  const u64 start = (static_cast<u64>(rh.carve_top) + (kSlotsAlign - 1)) & ~static_cast<u64>(kSlotsAlign - 1);
  const PoolGeometry g = geometry(start, size, capacity);
  if (g.end > region.size()) return Result<FixedPool>::fail(Status::Exhausted);

  const Result<Offset> carved = region.carve(static_cast<u32>(g.end - start), kSlotsAlign);
  if (!carved.ok()) return Result<FixedPool>::fail(carved.status);
  auto* hdr = region.at<FixedPoolHeader>(carved.value);
  hdr->slot_size = size;
  hdr->slot_align = slot_align;
  hdr->capacity = capacity;
  hdr->index_bits = index_bits_for(capacity);
  hdr->slots_offset = static_cast<u32>(g.slots_offset);
  hdr->gens_offset = static_cast<u32>(g.gens_offset);
  hdr->links_offset = static_cast<u32>(g.links_offset);
  // free_head, bump, counters, generations and links are already zero: carved bytes are fresh.
  const Status linked = region.link_allocator(&hdr->common, kKindPool, sizeof(FixedPoolHeader));
  if (linked != Status::Ok) return Result<FixedPool>::fail(linked);  // unreachable after the checks above
  // Every slot is free: ASan watches them all until alloc() hands one out.
  if (region.owns_bytes()) detail::asan_poison(region.at<u8>(hdr->slots_offset), static_cast<u64>(size) * capacity);
  return Result<FixedPool>{FixedPool(&region, hdr), Status::Ok};
}

Result<FixedPool> FixedPool::attach(Region& region, Offset header_offset) noexcept {
  if (!region.valid()) return Result<FixedPool>::fail(Status::InvalidArgument);
  if (header_offset % 8 != 0 || !region.contains(header_offset, sizeof(FixedPoolHeader))) {
    return Result<FixedPool>::fail(Status::InvalidOffset);
  }
  auto* hdr = region.at<FixedPoolHeader>(header_offset);
  if (hdr->common.kind != kKindPool || !detail::is_listed_allocator(region, header_offset)) {
    return Result<FixedPool>::fail(Status::InvalidOffset);
  }
  // The geometry must be sound before a view (which caches pointers from it) is built.
  if (hdr->common.header_size != sizeof(FixedPoolHeader) || hdr->capacity == 0 ||
      hdr->capacity > kPoolMaxCapacity || hdr->index_bits != index_bits_for(hdr->capacity) ||
      !is_pow2(hdr->slot_align) || hdr->slot_align > kPoolMaxAlign || hdr->slot_size < 4 ||
      hdr->slot_size % 4 != 0 || hdr->slot_size % hdr->slot_align != 0) {
    return Result<FixedPool>::fail(Status::CorruptState);
  }
  // 64-bit geometry against the carved bytes as far as the region really extends (carve_top is as
  // untrusted as the rest when the region's own check has not run).
  const PoolGeometry g = geometry(header_offset, hdr->slot_size, hdr->capacity);
  if (hdr->gens_offset != g.gens_offset || hdr->links_offset != g.links_offset ||
      hdr->slots_offset != g.slots_offset || g.end > detail::carved_end(region) ||
      !detail::sole_allocator_in(region, header_offset, g.end)) {
    return Result<FixedPool>::fail(Status::CorruptState);
  }
  FixedPool pool(&region, hdr);
  Status s = pool.check_structure();
  if (s != Status::Ok) return Result<FixedPool>::fail(s);
#if OPENCLAW_SCRUB
  // A region made by a release build has unscrubbed free slots; they hold no data, so adopting them
  // into this build's pattern loses nothing and keeps check() meaningful.
  pool.scrub_free_slots();
#endif
  return Result<FixedPool>{pool, Status::Ok};
}

Handle FixedPool::alloc_exhausted(Status* status) noexcept {
  hdr_->failures++;
  if (status != nullptr) *status = Status::Exhausted;
  return kNullHandle;
}

Status FixedPool::classify_bad_handle(Handle h) const noexcept {
  const Status s = validate(h);
  // The inline fast path already rejected h, so validate() agreeing would mean the two disagree.
  return s == Status::Ok ? Status::CorruptState : s;
}

Status FixedPool::bad_free(Handle h, const char* site_file, u32 site_line) const noexcept {
  const Status s = classify_bad_handle(h);
  report_misuse(s, h, site_file, site_line);
  return s;
}

void FixedPool::report_misuse(Status s, Handle h, const char* site_file, u32 site_line) const noexcept {
  Tracker* const t = track::counter_sink(*region_);
  if (t == nullptr || !track::is_misuse(s)) return;
  // The slot's offset when the handle names a slot of this pool; a foreign handle's pool is the
  // tracker's to find (the handle's tag).
  const u32 idx = h & index_mask_;
  const Offset off = (h & 0xFF000000u) == tag_bits_ && idx < capacity_ ? hdr_->slots_offset + idx * slot_size_ : 0;
  t->on_misuse(*region_, hdr_->common.id, s, h, off, Site{site_file, site_line});
}

Status FixedPool::validate(Handle h) const noexcept {
  if (h == kNullHandle) return Status::InvalidArgument;
  if ((h & 0xFF000000u) != tag_bits_) return Status::ForeignHandle;
  const u32 idx = h & index_mask_;
  // A slot at or past bump was never handed out, so no handle to it was ever issued.
  if (idx >= capacity_ || idx >= hdr_->bump) return Status::InvalidArgument;
  const u32 gen = gens_[idx];
  const u32 handle_gen = h & gen_mask_;
  if ((gen & 1u) != 0) {
    return ((gen << index_bits_) & gen_mask_) == handle_gen ? Status::Ok : Status::StaleHandle;
  }
  // Free now: the handle of the incarnation that was just freed is a double free, older ones are stale.
  return (((gen - 1) << index_bits_) & gen_mask_) == handle_gen ? Status::DoubleFree : Status::StaleHandle;
}

Status FixedPool::resolve(Handle h, Offset* out) const noexcept {
  const Status s = validate(h);
  if (s != Status::Ok) return s;
  if (out != nullptr) *out = hdr_->slots_offset + index_of(h) * slot_size_;
  return Status::Ok;
}

// The batch paths keep the free-list head, the bump index and every geometry value in locals for the
// whole batch: single calls must go through memory (a slot store may alias the header), which puts a
// store-to-load round trip on every pop; a batch pays it once.
Status FixedPool::alloc_many(Handle* out, u32 count, Site site) noexcept {
  if (count == 0) return Status::Ok;
  if (out == nullptr) return Status::InvalidArgument;
  FixedPoolHeader& h = *hdr_;
  if (count > capacity_ - h.live) {
    h.failures++;
    return Status::Exhausted;
  }
  u32 head = h.free_head;
  u32 bump = h.bump;
  u32* const gens = gens_;
  const u32* const links = links_;
  const u32 size = slot_size_, index_bits = index_bits_, tag = tag_bits_;
  for (u32 i = 0; i < count; ++i) {
    u32 idx;
    if (head != 0) {
      idx = head - 1;
      head = links[idx];
      unpoison_slot(idx);
      detail::zero_slot(slot_at(idx), size);
    } else {
      idx = bump++;  // cannot pass capacity: the count check above covers the whole batch
      unpoison_slot(idx);
    }
    const u32 gen = gens[idx] + 1;
    gens[idx] = gen;
    out[i] = tag | ((gen << index_bits) & 0x00FFFFFFu) | idx;
  }
  h.free_head = head;
  h.bump = bump;
  h.peak = bump;  // see alloc(): peak == bump
  h.live += count;
  h.total_allocs += count;
  Tracker* const t = track::record_sink(*region_);
  if (OC_TRACK_UNLIKELY(t != nullptr)) {
    for (u32 i = 0; i < count; ++i) t->pool_alloc_hook(*region_, out[i], site.file, site.line);
  }
  return Status::Ok;
}

Status FixedPool::free_many(const Handle* handles, u32 count, Site site) noexcept {
  if (count == 0) return Status::Ok;
  if (handles == nullptr) return Status::InvalidArgument;
  u32* const gens = gens_;
  // Pass 1 validates each handle and marks its slot free by bumping the generation, so a duplicate
  // later in the batch validates as DoubleFree; on error the bumps are undone and nothing changed.
  for (u32 i = 0; i < count; ++i) {
    const Handle handle = handles[i];
    const u32 idx = handle & index_mask_;
    if (OC_LIKELY(idx < capacity_)) {
      const u32 gen = gens[idx];
      if (OC_LIKELY(handle == (tag_bits_ | ((gen << index_bits_) & 0x00FFFFFFu) | idx) && (gen & 1u) != 0)) {
        gens[idx] = gen + 1;
        continue;
      }
    }
    // Classified before the undo, so that a duplicate in the batch is a double free.
    const Status s = classify_bad_handle(handle);
    for (u32 j = 0; j < i; ++j) gens[index_of(handles[j])]--;
    report_misuse(s, handle, site.file, site.line);
    return s;
  }
  // Pass 2 cannot fail: push each slot, in batch order like single frees would.
  FixedPoolHeader& h = *hdr_;
  u32 head = h.free_head;
  u32* const links = links_;
  for (u32 i = 0; i < count; ++i) {
    const u32 idx = index_of(handles[i]);
#if OPENCLAW_SCRUB
    std::memset(slot_at(idx), kScrubByte, slot_size_);
#endif
    poison_slot(idx);
    links[idx] = head;
    head = idx + 1;
  }
  h.free_head = head;
  h.live -= count;
  h.total_frees += count;
  Tracker* const t = track::record_sink(*region_);
  if (OC_TRACK_UNLIKELY(t != nullptr)) {
    for (u32 i = 0; i < count; ++i) t->pool_free_hook(*region_, handles[i], site.file, site.line);
  }
  return Status::Ok;
}

Status FixedPool::sort_free_list() noexcept {
  if (hdr_ == nullptr) return Status::InvalidArgument;
  // Pushed from the highest index down, so the list reads low to high.
  u32 head = 0;
  for (u32 i = hdr_->bump; i-- > 0;) {
    if ((gens_[i] & 1u) != 0) continue;
    links_[i] = head;
    head = i + 1;
  }
  hdr_->free_head = head;
  return Status::Ok;
}

PoolStats FixedPool::stats() const noexcept {
  const FixedPoolHeader& h = *hdr_;
  return PoolStats{h.capacity, h.live, h.peak, h.failures, h.slot_size, h.slot_align, h.total_allocs,
                   h.total_frees};
}

void FixedPool::scrub_free_slots() noexcept {
  for (u32 n = hdr_->free_head; n != 0; n = links_[n - 1]) {
    const detail::ScopedUnpoison writable(slot_at(n - 1), slot_size_);
    std::memset(slot_at(n - 1), kScrubByte, slot_size_);
  }
}

Status FixedPool::check_structure() const noexcept {
  const FixedPoolHeader& h = *hdr_;
  if (h.common.kind != kKindPool || h.common.header_size != sizeof(FixedPoolHeader) ||
      !detail::is_listed_allocator(*region_, region_->offset_of(hdr_)) || (h.common.id << 24) != tag_bits_) {
    return Status::CorruptState;
  }
  // The cached view must still describe the header (nothing rewrote the geometry under it).
  if (h.slot_size != slot_size_ || slot_shift_ != shift_for(h.slot_size) || h.capacity != capacity_ ||
      h.index_bits != index_bits_ ||
      region_->at<u32>(h.gens_offset) != gens_ || region_->at<u8>(h.slots_offset) != slots_ ||
      region_->at<u32>(h.links_offset) != links_) {
    return Status::CorruptState;
  }
  const u64 end = h.slots_offset + static_cast<u64>(h.slot_size) * h.capacity;
  if (!detail::sole_allocator_in(*region_, region_->offset_of(hdr_), end)) return Status::CorruptState;
  if (h.bump > h.capacity || h.live > h.bump || h.peak != h.bump ||
      h.total_allocs - h.total_frees != h.live || h.total_allocs < h.peak) {
    return Status::CorruptState;
  }
  u32 odd = 0;
  for (u32 i = 0; i < h.bump; ++i) odd += gens_[i] & 1u;
  if (odd != h.live) return Status::CorruptState;
  for (u32 i = h.bump; i < h.capacity; ++i) {
    if (gens_[i] != 0 || links_[i] != 0) return Status::CorruptState;
  }
  // The free list holds exactly the free slots below bump. A list that ends after `expected`
  // distinct-looking steps cannot contain a cycle (a cycle never ends), so counting suffices.
  const u32 expected = h.bump - h.live;
  u32 steps = 0;
  for (u32 n = h.free_head; n != 0; ++steps) {
    if (steps == expected || n > h.bump || (gens_[n - 1] & 1u) != 0) return Status::CorruptState;
    n = links_[n - 1];
  }
  return steps == expected ? Status::Ok : Status::CorruptState;
}

Status FixedPool::check() const noexcept {
  if (hdr_ == nullptr) return Status::InvalidArgument;
  const Status s = check_structure();
  if (s != Status::Ok) return s;
  const FixedPoolHeader& h = *hdr_;
#if OPENCLAW_SCRUB
  // A free slot that lost its pattern was written through a stale pointer.
  for (u32 i = 0; i < h.bump; ++i) {
    if ((gens_[i] & 1u) == 0) {
      const detail::ScopedUnpoison readable(slot_at(i), slot_size_);  // free slots are poisoned under ASan
      if (!all_bytes(slot_at(i), slot_size_, kScrubByte)) return Status::CorruptState;
    }
  }
#endif
  // Bump allocation hands these out without zeroing them, so they must still be zero.
  const u32 never_used = (h.capacity - h.bump) * slot_size_;
  const detail::ScopedUnpoison readable(slots_ + h.bump * slot_size_, never_used);
  if (!all_bytes(slots_ + h.bump * slot_size_, never_used, 0)) return Status::CorruptState;
  return Status::Ok;
}

}  // namespace oc
