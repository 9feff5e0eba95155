// Tlsf::check(): walks the physical chain and every free list and compares them with the bitmaps,
// the live-start map and the counters. O(blocks); for tests and for validating a restored region.

#include "../tlsf.h"
#include "tlsf_util.h"

namespace oc {

Status Tlsf::check() const noexcept {
  if (hdr_ == nullptr) return Status::InvalidArgument;
  const TlsfHeader& h = *hdr_;
  const u64 first = (static_cast<u64>(h.begin) + kTlsfOverhead + kTlsfGranule - 1) & ~u64{kTlsfGranule - 1};
  if (h.magic != kTlsfMagic || h.begin >= h.end || h.first != first ||
      h.sentinel != (h.end & ~(kTlsfGranule - 1)) || h.sentinel < h.first + kTlsfMinBlock ||
      h.map_words * 4 != map_bytes(h.end - h.begin)) {
    return Status::CorruptState;
  }

  // The physical chain: sizes tile [first, sentinel), flags agree with neighbours, free blocks are
  // never adjacent, footers point back, and the live map marks exactly the used blocks that are not
  // flagged untracked.
  u32 live = 0, tracked = 0, used = 0, free_bytes = 0, free_count = 0;
  u64 free_sum = 0, free_xor = 0;
  u32 max_end = h.first - kTlsfOverhead;
  bool prev_free = false;
  Offset off = h.first;
  while (off < h.sentinel) {
    const u32 sw = size_word(off);
    const u32 size = sw & ~kFlagMask;
    if ((sw & kFlagMask & ~(kFree | kPrevFree | kUntracked)) != 0) return Status::CorruptState;
    if (size < kTlsfMinBlock || size > h.sentinel - off) return Status::CorruptState;
    if (((sw & kPrevFree) != 0) != prev_free) return Status::CorruptState;
    const bool is_free = (sw & kFree) != 0;
    const bool untracked = (sw & kUntracked) != 0;
    if (is_free) {
      if (prev_free || untracked || is_live(off) || word(off + size - 8) != off) return Status::CorruptState;
      free_bytes += size;
      free_count++;
      free_sum += off;
      free_xor ^= static_cast<u64>(off) * 0x9E3779B97F4A7C15ull;
    } else {
      if (is_live(off) == untracked) return Status::CorruptState;
      if (!untracked) tracked++;
      live++;
      used += size;
      max_end = off - kTlsfOverhead + size;
    }
    prev_free = is_free;
    off += size;
  }
  if (off != h.sentinel) return Status::CorruptState;
  const u32 sentinel_word = size_word(h.sentinel);
  if ((sentinel_word & ~kPrevFree) != 0 || ((sentinel_word & kPrevFree) != 0) != prev_free) {
    return Status::CorruptState;
  }

  // Every set bit of the map is a used block: with the walk above, the map is exact.
  u32 bits = 0;
  for (u32 w = 0; w < h.map_words; ++w) bits += static_cast<u32>(__builtin_popcount(map_[w]));
  if (bits != tracked) return Status::CorruptState;

  // Free lists: each node is a free block of the list's size range, back links agree, bitmaps agree,
  // and together the lists hold exactly the free blocks of the chain.
  u32 listed = 0;
  u64 list_sum = 0, list_xor = 0;
  for (u32 fl = 0; fl < kTlsfFlCount; ++fl) {
    if (((h.fl_bitmap >> fl) & 1u) != (h.sl_bitmap[fl] != 0 ? 1u : 0u)) return Status::CorruptState;
    for (u32 sl = 0; sl < kTlsfSlCount; ++sl) {
      const Offset head = h.heads[fl][sl];
      if (((h.sl_bitmap[fl] >> sl) & 1u) != (head != 0 ? 1u : 0u)) return Status::CorruptState;
      Offset prev = 0;
      for (Offset node = head; node != 0; node = word(node)) {
        if (++listed > free_count || !in_blocks(node)) return Status::CorruptState;
        const u32 sw = size_word(node);
        u32 nfl, nsl;
        detail::tlsf_mapping(sw & ~kFlagMask, &nfl, &nsl);
        if ((sw & kFree) == 0 || nfl != fl || nsl != sl || word(node + 4) != prev) return Status::CorruptState;
        list_sum += node;
        list_xor ^= static_cast<u64>(node) * 0x9E3779B97F4A7C15ull;
        prev = node;
      }
    }
  }
  if ((h.fl_bitmap >> kTlsfFlCount) != 0) return Status::CorruptState;
  if (listed != free_count || list_sum != free_sum || list_xor != free_xor) return Status::CorruptState;

  if (h.live_blocks != live || h.used_bytes != used || h.free_bytes != free_bytes ||
      h.free_blocks != free_count || h.total_allocs - h.total_frees != live || h.high_water < max_end ||
      h.high_water > h.sentinel) {
    return Status::CorruptState;
  }
  return Status::Ok;
}

}  // namespace oc
