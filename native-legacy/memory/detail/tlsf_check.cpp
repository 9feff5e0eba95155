// Tlsf::check(): walks the physical chain and every free list and compares them with the bitmaps,
// the live-start map and the counters. O(blocks); for tests and for validating a restored region.

#include "../tlsf.h"
#include "tlsf_util.h"

namespace oc {

namespace {

// Whether every free-list node is the start of a free block of the physical chain: exact, not a
// digest of offsets, since a node that only looks like a free block (bytes inside a used block
// shaped like one) would let alloc() split a block that is not there and write past the range.
// The chain's free starts are marked in a bitmap on the stack, one window of [first, sentinel) at a
// time, in address order; windows without a node are skipped. chain(lo, hi, mark) calls mark(off)
// for each free block start in [lo, hi), resuming where its previous call stopped (so the chain is
// walked once in all); nodes(visit) calls visit(off) for each list node. O(blocks + windows with a
// node * nodes); one window covers 512 KiB.
template <typename Chain, typename Nodes>
bool nodes_are_free_starts(u32 first, u32 sentinel, Chain&& chain, Nodes&& nodes) noexcept {
  constexpr u32 kWindowBits = 32768;  // 4 KiB of stack
  constexpr u64 kWindowBytes = u64{kWindowBits} * kTlsfGranule;
  for (u64 lo = first; lo < sentinel; lo += kWindowBytes) {
    const u64 hi = lo + kWindowBytes;
    bool any = false;
    nodes([&](Offset n) { any |= n >= lo && n < hi; });
    if (!any) continue;
    u32 marks[kWindowBits / 32] = {};
    chain(lo, hi, [&](Offset b) {
      const u64 i = (b - lo) / kTlsfGranule;
      marks[i >> 5] |= 1u << (i & 31);
    });
    bool ok = true;
    nodes([&](Offset n) {
      if (n < lo || n >= hi) return;
      const u64 i = (n - lo) / kTlsfGranule;
      ok &= ((marks[i >> 5] >> (i & 31)) & 1u) != 0;
    });
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Status Tlsf::check() const noexcept {
  if (hdr_ == nullptr) return Status::InvalidArgument;
  const TlsfHeader& h = *hdr_;
  const u64 first = (static_cast<u64>(h.begin) + kTlsfOverhead + kTlsfGranule - 1) & ~u64{kTlsfGranule - 1};
  // The header may have changed since attach(): its range must still be one attach() would accept
  // (the owner compares it with the bounds it attached with) and the view's map must still be its map.
  // map_words as a count: map_words * 4 wraps for forged counts (see attach()).
  if (h.magic != kTlsfMagic || h.begin >= h.end || h.first != first ||
      h.sentinel != (h.end & ~(kTlsfGranule - 1)) || static_cast<u64>(h.sentinel) < first + kTlsfMinBlock ||
      h.map_words != map_bytes(h.end - h.begin) / 4 || map_ != reinterpret_cast<const u32*>(base_ + h.map_offset)) {
    return Status::CorruptState;
  }

  // The physical chain: sizes tile [first, sentinel), flags agree with neighbours, free blocks are
  // never adjacent, footers point back, and the live map marks exactly the used blocks that are not
  // flagged untracked.
  u32 live = 0, tracked = 0, used = 0, free_bytes = 0, free_count = 0;
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

  // Free lists: each node is a free block of the list's size range, back links agree, bitmaps agree.
  // A list that ends within free_count nodes has no repeated node (a repeat would loop forever), and
  // the size mapping puts a node in one list only, so the nodes are distinct.
  u32 listed = 0;
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
        prev = node;
      }
    }
  }
  if ((h.fl_bitmap >> kTlsfFlCount) != 0 || listed != free_count) return Status::CorruptState;
  // Distinct nodes, as many as the chain's free blocks, each one of them: the lists hold exactly those.
  Offset cursor = h.first;
  const auto chain = [&](u64 lo, u64 hi, auto&& mark) {
    for (; cursor < h.sentinel && cursor < hi;) {  // the walk above vouched for every size
      const u32 sw = size_word(cursor);
      if (cursor >= lo && (sw & kFree) != 0) mark(cursor);
      cursor += sw & ~kFlagMask;
    }
  };
  const auto nodes = [&](auto&& visit) {
    for (u32 fl = 0; fl < kTlsfFlCount; ++fl) {
      for (u32 sl = 0; sl < kTlsfSlCount; ++sl) {
        for (Offset node = h.heads[fl][sl]; node != 0; node = word(node)) visit(node);
      }
    }
  };
  if (free_count != 0 && !nodes_are_free_starts(h.first, h.sentinel, chain, nodes)) return Status::CorruptState;

  if (h.live_blocks != live || h.used_bytes != used || h.free_bytes != free_bytes ||
      h.free_blocks != free_count || h.total_allocs - h.total_frees != live || h.high_water < max_end ||
      h.high_water > h.sentinel) {
    return Status::CorruptState;
  }
  return Status::Ok;
}

}  // namespace oc
