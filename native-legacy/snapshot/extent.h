// The metadata extent of each allocator kind: the bytes an 'ALOC' chunk holds (format.h). Internal
// to snapshot/. The extent is the allocator's header and the tables that describe its storage; the
// storage itself (slots, pages, arena span) goes into the PAGE chunk, where its zero pages cost
// nothing.
//   pool:  FixedPoolHeader + generations + links      [header, links_offset + 4 * capacity)
//   slab:  SlabHeader + classes + class map + TLSF header and live map + frame and link tables
//                                                     [header, span_begin)
//   arena: FrameArenaHeader                            [header, header + 56)
#pragma once

#include "memory/allocator_header.h"
#include "memory/types.h"

namespace oc::snap {

struct Extent {
  u32 offset;
  u32 length;
};

// The extent of the allocator whose header is at header_offset in an image of `used` bytes. The
// header's fields are untrusted: CorruptState for an unknown kind or an extent outside
// [header_offset, used); the header itself must lie inside [0, used).
Result<Extent> allocator_extent(const u8* image, u32 used, Offset header_offset) noexcept;

}  // namespace oc::snap
