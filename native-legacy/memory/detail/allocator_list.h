// Walks of a region's allocator list for attach() and check(), which may run on bytes nobody has
// checked (a restored image, the ABI attaching without Region::check): every step is bounded,
// aligned and inside the region before a header is read, so a forged list can only end the walk.
#pragma once

#include "../region.h"

namespace oc {
namespace detail {

// f(Offset) for each allocator header of the list, in order, until f returns false or the list ends
// or leaves the rules (unaligned, outside the region, more nodes than a region can have).
template <typename F>
void walk_allocator_list(const Region& region, F&& f) noexcept {
  u32 steps = 0;
  for (Offset off = region.header().first_allocator; off != 0 && steps <= kMaxAllocatorsPerRegion; ++steps) {
    if (off % 4 != 0 || !region.contains(off, sizeof(AllocatorHeader)) || !f(off)) return;
    off = region.at<AllocatorHeader>(off)->next;
  }
}

// Whether the header at `self` is the region's allocator with its id: in the list, and the first
// node with that id (what Region::find_allocator(id) would return, without its unaligned reads).
inline bool is_listed_allocator(const Region& region, Offset self) noexcept {
  const u32 id = region.at<AllocatorHeader>(self)->id;
  bool found = false;
  walk_allocator_list(region, [&](Offset off) {
    found = off == self;
    return !found && region.at<AllocatorHeader>(off)->id != id;
  });
  return id != 0 && found;
}

// Allocators never overlap: each is carved in one piece, so no other allocator's header lies inside
// an allocator's footprint [its header, the end of its storage). Checked by every attach() and
// check(), this makes the footprints pairwise disjoint (of two overlapping ones, the lower contains
// the other's header), so a crafted image cannot pass with, say, a pool's slots over a slab's frame
// table, where the pool's writes would later feed the slab garbage offsets. True when no header of
// the list other than `self` lies in [self, end).
inline bool sole_allocator_in(const Region& region, Offset self, u64 end) noexcept {
  bool alone = true;
  walk_allocator_list(region, [&](Offset off) {
    alone = off == self || off < self || off >= end;
    return alone;
  });
  return alone;
}

}  // namespace detail
}  // namespace oc
