// Tlsf: a two-level segregated-fit allocator over a byte range of some base (a region, or any
// buffer), addressed by u32 byte offsets from that base. O(1) alloc and free, 16-byte granularity,
// immediate coalescing, aligned allocation. The SlabAllocator uses it as its general fallback and to
// carve its pages; it works on its own too.
//
// Blocks carry a 4-byte in-band size word just before the user offset (the offset is 16-aligned), so
// a block of S bytes (a multiple of 16) serves S - 4 usable bytes. A free block keeps its list links
// in its first 8 bytes and its own offset in its last 4 (read by the next block to coalesce).
// In-band words can be overwritten by a buggy neighbour, so a freed offset is never trusted: an exact
// bitmap of live block starts (1 bit per 16 bytes of the range) decides whether it is one. An owner
// that keeps its own exact record of some blocks (the SlabAllocator's pages) can allocate them
// untracked: they are left out of the bitmap, free() refuses them, and the owner gives them back
// with release(). The bitmap's words then stay untouched where only untracked blocks live.
//
// All state (TlsfHeader, the bitmap, the blocks) lives at offsets from the base; the view only caches
// pointers. The bytes are the allocator's complete state.
#pragma once

#include "detail/scrub.h"
#include "types.h"

namespace oc {

constexpr u32 kTlsfMagic = 0x46534C54u;  // "TLSF" little-endian
constexpr u32 kTlsfGranule = 16;         // block sizes and user offsets are multiples of this
constexpr u32 kTlsfOverhead = 4;         // the size word in front of every block
constexpr u32 kTlsfMinBlock = 16;        // links (8) + size word (4) + footer (4)
constexpr u32 kTlsfSlLog2 = 5;           // 32 second-level lists per power of two
constexpr u32 kTlsfSlCount = 1u << kTlsfSlLog2;
constexpr u32 kTlsfFlShift = kTlsfSlLog2 + 4;  // sizes below 2^9 use 16-byte-spaced lists
constexpr u32 kTlsfFlCount = 32 - kTlsfFlShift + 1;

// Stored in the region. 3240 bytes, fixed-width fields only.
struct TlsfHeader {
  u32 magic;
  u32 begin;        // the managed range [begin, end) as given at creation
  u32 end;
  u32 first;        // user offset of the first block
  u32 sentinel;     // user offset of the zero-size block that closes the range (never freed)
  u32 map_offset;   // live-start bitmap: bit i <-> the block whose user offset is first + 16 * i
  u32 map_words;    // u32 words in the bitmap
  u32 fl_bitmap;    // bit f set <=> sl_bitmap[f] != 0
  u32 live_blocks;
  u32 used_bytes;   // sum of the sizes of live blocks (their size words included)
  u32 free_bytes;   // sum of the sizes of free blocks
  u32 high_water;   // highest end of a block ever allocated (offset); the range's touched part
  u32 failures;     // allocations refused for want of a large enough free block
  u32 free_blocks;
  u64 total_allocs;
  u64 total_frees;
  u32 sl_bitmap[kTlsfFlCount];
  u32 heads[kTlsfFlCount][kTlsfSlCount];  // user offset of the first free block of each list, 0 = empty
};
static_assert(sizeof(TlsfHeader) == 3240, "TlsfHeader layout is part of the snapshot format");

struct TlsfStats {
  u32 range_bytes;   // end - begin
  u32 live_blocks;
  u32 used_bytes;    // live blocks, size words included
  u32 free_bytes;
  u32 free_blocks;
  u32 high_water;
  u32 failures;
  u64 total_allocs;
  u64 total_frees;
};

class Tlsf {
 public:
  Tlsf() = default;

  // Bytes of the live-start bitmap for a range of `range_bytes` (a multiple of 4).
  static u32 map_bytes(u32 range_bytes) noexcept;
  // Sets up a TLSF over [begin, end) of base. The TlsfHeader goes at header_offset (8-aligned) and
  // the bitmap at map_offset (4-aligned, map_bytes(end - begin) bytes); neither may overlap the range.
  // InvalidArgument for a malformed layout, Exhausted when the range cannot hold one minimal block.
  static Result<Tlsf> create(u8* base, Offset header_offset, Offset map_offset, Offset begin, Offset end) noexcept;
  // A view over a TLSF that already exists; `base_size` bounds every offset it may follow.
  static Result<Tlsf> attach(u8* base, u32 base_size, Offset header_offset) noexcept;

  // size >= 1, align a power of two (offsets are aligned relative to the base). Returns the user
  // offset, or kNullOffset with *status (InvalidArgument, BadAlignment, SizeTooLarge, Exhausted).
  // With zero == true the usable bytes are zeroed.
  // With track == false the block is not entered in the live-start bitmap (see above).
  Offset alloc(u32 size, u32 align = kTlsfGranule, Status* status = nullptr, bool zero = true,
               bool track = true) noexcept;
  // Ok, or InvalidOffset (not a block start) / DoubleFree (inside a free block); nothing changes then.
  Status free(Offset off) noexcept;
  // Frees an untracked block. off must be one, live (unchecked: the owner's own record says so).
  void release(Offset off) noexcept;
  // What free(off) would say, without freeing: Ok for a live block start.
  Status classify(Offset off) const noexcept;
  // The same, for a TLSF with untracked blocks: hint is the start of the last untracked live block
  // at or below off (0 if none), which the bitmap cannot show.
  Status classify(Offset off, Offset hint) const noexcept;
  bool is_live(Offset off) const noexcept;
  // Whether off starts a live untracked block, by its size word: in-band, so only as sure as the
  // bytes are (check() and the owner's own record confirm it).
  bool is_untracked(Offset off) const noexcept {
    return in_blocks(off) && !is_live(off) && (size_word(off) & (kFree | kUntracked)) == kUntracked;
  }

  // Usable bytes of the live block at off (its size minus the size word).
  Result<u32> usable_size(Offset off) const noexcept;
  // The block's size including its size word; off must be live (unchecked: use is_live first).
  u32 block_size(Offset off) const noexcept { return size_word(off) & ~kFlagMask; }

  TlsfStats stats() const noexcept;
  const TlsfHeader& header() const noexcept { return *hdr_; }
  // Every invariant: physical chain, flags, footers, free lists and bitmaps, live map, counters.
  Status check() const noexcept;
  // f(Offset user, u32 usable) for each live block, in address order.
  template <typename F>
  void walk(F&& f) const noexcept;

  bool valid() const noexcept { return hdr_ != nullptr; }

 private:
  static constexpr u32 kFree = 1u;
  static constexpr u32 kPrevFree = 2u;
  static constexpr u32 kUntracked = 4u;  // a live block left out of the live-start bitmap
  static constexpr u32 kFlagMask = kTlsfGranule - 1;

  Tlsf(u8* base, TlsfHeader* hdr) noexcept
      : base_(base), hdr_(hdr), map_(reinterpret_cast<u32*>(base + hdr->map_offset)) {}

  u32& word(Offset at) const noexcept { return *reinterpret_cast<u32*>(base_ + at); }
  u32& size_word(Offset off) const noexcept { return word(off - kTlsfOverhead); }
  u32 map_index(Offset off) const noexcept { return (off - hdr_->first) / kTlsfGranule; }
  bool in_blocks(Offset off) const noexcept {
    return off >= hdr_->first && off < hdr_->sentinel && (off - hdr_->first) % kTlsfGranule == 0;
  }
  void set_live(Offset off, bool live) noexcept;

  void insert_free(Offset off, u32 size) noexcept;
  void remove_free(Offset off, u32 size) noexcept;
  Offset find_free(u32 size) const noexcept;
  Offset split(Offset off, u32 size, u32 want) noexcept;
  Status classify_dead(Offset off, Offset hint = 0) const noexcept;
  void free_block(Offset off) noexcept;

  u8* base_ = nullptr;
  TlsfHeader* hdr_ = nullptr;
  u32* map_ = nullptr;
};

template <typename F>
void Tlsf::walk(F&& f) const noexcept {
  for (Offset off = hdr_->first; off < hdr_->sentinel;) {
    const u32 sw = size_word(off);
    const u32 size = sw & ~kFlagMask;
    if (size < kTlsfMinBlock) return;  // corrupt: check() reports it; a walk must still terminate
    if ((sw & kFree) == 0) f(off, size - kTlsfOverhead);
    off += size;
  }
}

}  // namespace oc
