// Validation of a slab header in a region (see slab_header.h).
#include "slab_header.h"

#include <cstring>

#include "allocator_list.h"
#include "carved.h"
#include "slab_classes.h"
#include "tlsf_util.h"

namespace oc {
namespace detail {

Status slab_header_sound(const Region& region, Offset at, Tlsf* tlsf) noexcept {
  if (!region.valid()) return Status::InvalidArgument;
  const u32 top = carved_end(region);
  if (at % 8 != 0 || at < sizeof(RegionHeader) || at > top || top - at < sizeof(SlabHeader)) {
    return Status::InvalidOffset;
  }
  const SlabHeader& h = *region.at<SlabHeader>(at);
  if (h.common.kind != kKindSlab) return Status::CorruptState;
  if (!is_listed_allocator(region, at)) return Status::InvalidOffset;
  if (h.common.header_size != sizeof(SlabHeader) || h.version != kSlabVersion ||
      !slab_options_valid(h.page_size, h.class_steps) || h.page_shift != fls32(h.page_size) ||
      h.span_end <= h.span_begin) {
    return Status::CorruptState;
  }
  // Everything the hot paths index with must be exactly what create() would have made.
  SlabClass table[kSlabMaxClasses] = {};
  u8 map[kSlabClassMapSize] = {};
  const u32 count = slab_classes(h.page_size, h.class_steps, table, map);
  const u32 arena = h.span_end - h.span_begin;
  const SlabLayout l = slab_layout(count, h.page_size, arena);
  if (h.class_count != count || l.end > top - at || h.span_begin != at + l.span ||
      h.frame_count != l.frame_count || h.classes_offset != at + l.classes || h.class_map_offset != at + l.class_map ||
      h.tlsf_offset != at + l.tlsf || h.frames_offset != at + l.frames || h.links_offset != at + l.links ||
      h.metadata_bytes != l.span || !sole_allocator_in(region, at, at + l.end)) {
    return Status::CorruptState;
  }
  const SlabClass* classes = region.at<SlabClass>(h.classes_offset);
  for (u32 i = 0; i < count; ++i) {
    const SlabClass& a = classes[i];
    const SlabClass& b = table[i];
    if (a.block_size != b.block_size || a.blocks_per_page != b.blocks_per_page || a.bitmap_at != b.bitmap_at ||
        a.page_bytes != b.page_bytes || a.recip != b.recip) {
      return Status::CorruptState;
    }
  }
  if (std::memcmp(region.at<u8>(h.class_map_offset), map, kSlabClassMapSize) != 0) return Status::CorruptState;
  // The TLSF is bounded by the slab's own extent, not the whole region: its blocks are the span.
  const Result<Tlsf> t = Tlsf::attach(region.base(), static_cast<u32>(at + l.end), h.tlsf_offset);
  if (!t.ok() || t.value.header().begin != h.span_begin || t.value.header().end != h.span_end ||
      t.value.header().map_offset != at + l.tlsf_map) {
    return Status::CorruptState;
  }
  if (tlsf != nullptr) *tlsf = t.value;
  return Status::Ok;
}

}  // namespace detail
}  // namespace oc
