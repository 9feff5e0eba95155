// The SlabAllocator's region-resident types. Everything the slab knows is in these structs, the
// TLSF that manages its span, and the per-page live bitmaps; the SlabAllocator object is a view.
//
// Region layout of one slab (one carve, in this order):
//   SlabHeader | SlabClass[class_count] | u8 class_map[256] | TlsfHeader | TLSF live map |
//   SlabFrame[frame_count] | SlabLink[frame_count] |
//   span (the arena: slab pages and fallback blocks, managed by the TLSF)
//
// The span is cut into frames of page_size bytes. A slab page is a TLSF block of at least page_size
// bytes (blocks_per_page * block_size, then the live bits of blocks 32 and up), so at most one page
// starts in a frame: SlabFrame describes that page, and its cover bits name the page that runs over
// the frame's first byte from one or two frames earlier. Any offset finds its page, if any, with one
// or two frame reads. The live bits of a page's first 32 blocks sit
// in its SlabFrame: for classes of 128 bytes and up with the default page size that is the whole
// bitmap, and free() touches one line less.
#pragma once

#include "../allocator_header.h"
#include "../types.h"

namespace oc {

// 2: 16-byte frames, partial-list links in their own table, pages untracked by the TLSF's bitmap.
constexpr u32 kSlabVersion = 2;
constexpr u32 kSlabClassMapSize = 256;  // one entry per 16 bytes of request size up to 4 KiB
constexpr u32 kSlabMaxBlocksPerPage = 65535;  // block indices + 1 fit the u16 fields of SlabFrame

struct SlabHeader {
  AllocatorHeader common;  // kind = kKindSlab
  u32 version;
  u32 page_size;           // frame size; power of two
  u32 page_shift;          // log2(page_size)
  u32 class_steps;
  u32 class_count;
  u32 span_begin;          // the arena [span_begin, span_end), managed by the TLSF
  u32 span_end;
  u32 frame_count;
  u32 classes_offset;      // SlabClass[class_count]
  u32 class_map_offset;    // u8[256]: (size - 1) / 16 -> class index
  u32 tlsf_offset;         // TlsfHeader; its live map follows it
  u32 frames_offset;       // SlabFrame[frame_count]
  u32 metadata_bytes;      // from the SlabHeader to the span (the fixed part is counted in stats)
  u32 pages_in_use;
  u32 fallback_blocks;     // live blocks served by the TLSF directly
  u32 fallback_bytes;      // their usable bytes
  u32 failures;            // allocations refused for want of space
  u32 links_offset;        // SlabLink[frame_count]
  u32 fallback_high_water; // highest end of a fallback block ever (offset); 0 = none yet
  u32 reserved0;
  u64 total_allocs;
  u64 total_frees;
};
static_assert(sizeof(SlabHeader) == 112, "SlabHeader layout is part of the snapshot format");

struct SlabClass {
  u32 block_size;       // a multiple of 16
  u32 blocks_per_page;  // ceil(page_size / block_size), at most kSlabMaxBlocksPerPage
  u32 bitmap_at;        // blocks_per_page * block_size: where the live bits of blocks 32.. start
  u32 page_bytes;       // bitmap_at + those bits in u32 words: what a page asks the TLSF for
  u32 recip;            // ceil(2^31 / (block_size / 16)): block index by multiply and shift
  u32 current;          // frame index + 1 of the page allocations come from; 0 = none yet
  u32 partial;          // frame index + 1 of the first other page with a free block; 0 = none
  u32 pages;
  u32 live_blocks;
  u32 reserved0;
};
static_assert(sizeof(SlabClass) == 40, "SlabClass layout is part of the snapshot format");

enum SlabFrameFlags : u8 {
  kSlabInPartial = 1u << 0,  // the page is on its class's partial list
  // Bits 1-2: how many frames back the page that runs over this frame's first byte starts (1 or 2,
  // since a page is shorter than two frames plus one; 0 = none).
  kSlabCoverShift = 1,
  kSlabCoverMask = 3u << kSlabCoverShift,
};

// 16 bytes, and the table starts on a 64-byte boundary: an entry never straddles two cache lines.
// Frame metadata is counted for every frame of the span ever used, so it is kept small: the cover
// is a distance in the flags, and the partial-list links, touched only when a page changes lists,
// are in a SlabLink table of their own: 24 bytes a frame instead of 32 (0.59 % of the span, not
// 0.78 %). Links kept in the page itself would cost no table at all, but reaching a page's tail is a
// cache miss each time a page changes lists, which cost 5-8 % of the speed in wasm.
struct SlabFrame {
  u32 page;       // user offset of the page that starts in this frame; 0 = none
  u32 bits0;      // live bits of blocks 0..31 (the rest are in the page, at bitmap_at)
  u16 free_head;  // block index + 1 of the page's first free block; 0 = none
  u16 bump;       // blocks [0, bump) have been handed out at least once
  u16 live;
  u8 cls;
  u8 flags;       // SlabFrameFlags
};
static_assert(sizeof(SlabFrame) == 16, "SlabFrame layout is part of the snapshot format");

// The partial-list links of the page that starts in the frame of the same index.
struct SlabLink {
  u32 next;  // frame index + 1; 0 = none
  u32 prev;
};
static_assert(sizeof(SlabLink) == 8, "SlabLink layout is part of the snapshot format");

}  // namespace oc
