// The heat map: a picture of a region, one byte per pixel, for the overlay. Painted in address order
// (allocators are carved upwards, so their creation order is address order, and each walk is in
// address order), which makes "the later block wins" a matter of painting over.
#include <cstring>

#include "detail/books.h"
#include "memory/detail/allocator_list.h"
#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/slab_allocator.h"
#include "tracker.h"

namespace oc {

namespace {

constexpr u8 kHeatMetadata = 255;

struct Painter {
  u8* out;
  u32 pixels;
  u32 bpp;
  void paint(u32 begin, u32 length, u8 value) const noexcept {
    if (length == 0) return;
    const u32 first = begin / bpp;
    u32 last = static_cast<u32>((static_cast<u64>(begin) + length - 1) / bpp);
    if (first >= pixels) return;
    if (last >= pixels) last = pixels - 1;
    std::memset(out + first, value, last - first + 1);
  }
};

}  // namespace

Status Tracker::heat_map(const Region& region, u8* out, u32 pixels) const noexcept {
  if (out == nullptr || pixels == 0 || !region.valid()) return Status::InvalidArgument;
  const u32 slot = slot_of(region);
  if (slot == kTrackMaxRegions) return Status::InvalidArgument;
  std::memset(out, 0, pixels);
  const u32 bpp = static_cast<u32>((static_cast<u64>(region.size()) + pixels - 1) / pixels);
  const Painter p{out, pixels, bpp == 0 ? 1 : bpp};
  p.paint(0, sizeof(RegionHeader), kHeatMetadata);
  // Non-const Region for the slab's view; the walk only reads.
  Region& r = const_cast<Region&>(region);
  detail::walk_allocator_list(region, [&](Offset at) {
    const AllocatorHeader& h = *region.at<AllocatorHeader>(at);
    const u32 id = h.id < 256 ? h.id : 0;
    const detail::AllocFast& f = books_->fast[slot][id];
    const u8 tag = static_cast<u8>(f.kind == h.kind && f.tag != 0 ? f.tag : kTrackUntagged);
    if (h.kind == kKindPool) {
      const auto& ph = *region.at<FixedPoolHeader>(at);
      p.paint(at, ph.slots_offset - at, kHeatMetadata);
      if (ph.bump > ph.capacity || !region.contains(ph.gens_offset, ph.bump * 4u)) return true;
      const u32* gens = region.at<u32>(ph.gens_offset);
      for (u32 i = 0; i < ph.bump; ++i) {
        if ((gens[i] & 1u) != 0) p.paint(ph.slots_offset + i * ph.slot_size, ph.slot_size, tag);
      }
    } else if (h.kind == kKindSlab) {
      const auto& sh = *region.at<SlabHeader>(at);
      p.paint(at, sh.span_begin - at, kHeatMetadata);
      const Result<SlabAllocator> slab = SlabAllocator::attach(r, at);
      if (!slab.ok()) return true;
      slab.value.walk([&](Offset off, u32 size) {
        u8 t = tag;
        if (f.kind == kKindSlab && f.tagmap != nullptr) {
          const u32 g = (off - f.span_begin) / kTrackGranule;
          if (g < f.granules && f.tagmap[g] != 0) t = f.tagmap[g];
        }
        p.paint(off, size, t);
      });
    } else if (h.kind == kKindArena) {
      const auto& ah = *region.at<FrameArenaHeader>(at);
      p.paint(at, ah.begin - at, kHeatMetadata);
      if (ah.top > ah.begin) p.paint(ah.begin, ah.top - ah.begin, tag);
      // Full mode knows each allocation's tag: paint the records over the default.
      if (f.kind == kKindArena && f.arena != nullptr) {
        for (u32 i = 0; i < f.arena->rec_count; ++i) {
          const TrackRecord& rec = records_[f.arena->recs[i]];
          p.paint(rec.offset, rec.size, static_cast<u8>(rec.tag));
        }
      }
    }
    return true;
  });
  return Status::Ok;
}

}  // namespace oc
