// restore(): everything is validated on a staging copy before the live region is written once.
//   verify (structure, versions, layout, checksums) -> size -> decode into staging (image hash) ->
//   check() of the staged region and of every allocator in it -> the ALOC chunks describe exactly
//   those allocators -> copy into the live region, zeroing what the old state used beyond the new.
#include "memory/detail/region_bytes_scope.h"
#include "memory/region_check.h"
#include "snapshot/decode.h"
#include "snapshot/extent.h"
#include "snapshot/staging.h"
#include "snapshot/snapshot.h"
#include "tracking/hooks.h"

namespace oc {

namespace {

// A full snapshot's ALOC chunks, in order, are the staged region's allocators with their extents.
Status chunks_match_allocators(const snap::ParsedSnapshot& s, Region& staged) noexcept {
  u32 index = 1;
  Status st = Status::Ok;
  staged.for_each_allocator([&](const AllocatorHeader& h) {
    if (st != Status::Ok) return;
    if (index >= s.page_index) {
      st = Status::CorruptState;
      return;
    }
    const ChunkEntry e = s.entry(index++);
    const Result<snap::Extent> x = snap::allocator_extent(staged.base(), staged.used(), staged.offset_of(&h));
    if (!x.ok() || e.id != h.id || e.region_offset != x.value.offset || e.region_length != x.value.length) {
      st = Status::CorruptState;
    }
  });
  if (st == Status::Ok && index != s.page_index) st = Status::CorruptState;
  return st;
}

}  // namespace

Status restore(Region& region, const u8* bytes, u32 len, const u8* base, u32 base_len) noexcept {
  if (!region.valid()) return Status::InvalidArgument;
  const detail::RegionBytesScope bytes_scope(region);  // reads and replaces every byte (ASan: free slots)
  snap::ParsedSnapshot s;
  Status st = snap::parse_snapshot(bytes, len, snap::ParseMode::Verified, &s);
  if (st != Status::Ok) return st;
  const u32 size = region.size();
  if (s.header.region_size != size) return Status::SizeMismatch;

  // Aligned like a region, so the staged view's allocators see the same alignment as the live ones.
  const snap::StagingBlock block(size);
  u8* const staging = block.data();
  if (staging == nullptr) return Status::OutOfMemory;
  const u32 live_used = region.used() < size ? region.used() : size;
  if (s.delta() && base == nullptr) {
    std::memcpy(staging, region.base(), live_used);
    std::memset(staging + live_used, 0, size - live_used);
  }
  st = snap::decode_verified(s, staging, size, base, base_len);
  if (st == Status::Ok) {
    Region staged = Region::view(staging, size);
    // Whatever check() finds wrong, for the caller it is one thing: the snapshot's state is corrupt.
    if (check_region_and_allocators(staged) != Status::Ok) st = Status::CorruptState;
    if (st == Status::Ok && !s.delta()) st = chunks_match_allocators(s, staged);
  }
  if (st == Status::Ok) {
    const u32 new_used = s.header.region_used;
    std::memcpy(region.base(), staging, new_used);
    if (live_used > new_used) std::memset(region.base() + new_used, 0, live_used - new_used);
    if (Tracker* t = track::counter_sink(region)) t->resync(region);  // its records described the old bytes
  }
  return st;
}

}  // namespace oc
