// Tlsf: creation, alloc/free with immediate coalescing, classification of bad offsets, stats.
// The invariant check lives in detail/tlsf_check.cpp.
#include "tlsf.h"

#include <cstring>

#include "detail/tlsf_util.h"

namespace oc {

using detail::fls32;
using detail::tlsf_mapping;

u32 Tlsf::map_bytes(u32 range_bytes) noexcept {
  const u32 bits = range_bytes / kTlsfGranule;
  return ((bits + 31) / 32) * 4;
}

Result<Tlsf> Tlsf::create(u8* base, Offset header_offset, Offset map_offset, Offset begin, Offset end) noexcept {
  if (base == nullptr || header_offset % 8 != 0 || map_offset % 4 != 0 || begin >= end) {
    return Result<Tlsf>::fail(Status::InvalidArgument);
  }
  const u64 map_len = map_bytes(end - begin);
  const u64 h0 = header_offset, h1 = h0 + sizeof(TlsfHeader);
  const u64 m0 = map_offset, m1 = m0 + map_len;
  // The metadata must not overlap the range or each other: blocks would overwrite it.
  if ((h0 < end && begin < h1) || (m0 < end && begin < m1) || (map_len != 0 && h0 < m1 && m0 < h1)) {
    return Result<Tlsf>::fail(Status::InvalidArgument);
  }
  // The first user offset is 16-aligned with room for its size word in front; the sentinel's size
  // word is the last thing in the range.
  const u64 first = (static_cast<u64>(begin) + kTlsfOverhead + kTlsfGranule - 1) & ~u64{kTlsfGranule - 1};
  const u64 sentinel = static_cast<u64>(end) & ~u64{kTlsfGranule - 1};
  if (sentinel < first + kTlsfMinBlock) return Result<Tlsf>::fail(Status::Exhausted);

  auto* h = reinterpret_cast<TlsfHeader*>(base + header_offset);
  std::memset(h, 0, sizeof(TlsfHeader));
  std::memset(base + map_offset, 0, static_cast<size_t>(map_len));
  h->magic = kTlsfMagic;
  h->begin = begin;
  h->end = end;
  h->first = static_cast<u32>(first);
  h->sentinel = static_cast<u32>(sentinel);
  h->map_offset = map_offset;
  h->map_words = static_cast<u32>(map_len / 4);
  h->high_water = static_cast<u32>(first - kTlsfOverhead);

  Tlsf t(base, h);
  const u32 size = static_cast<u32>(sentinel - first);
  t.size_word(h->sentinel) = kPrevFree;  // size 0, used: coalescing stops here
  t.size_word(h->first) = size | kFree;
  t.word(h->first + size - 8) = h->first;
  t.insert_free(h->first, size);
  h->free_bytes = size;
  h->free_blocks = 1;
  return Result<Tlsf>{t, Status::Ok};
}

Result<Tlsf> Tlsf::attach(u8* base, u32 base_size, Offset header_offset) noexcept {
  if (base == nullptr || header_offset % 8 != 0 || header_offset > base_size ||
      base_size - header_offset < sizeof(TlsfHeader)) {
    return Result<Tlsf>::fail(Status::InvalidArgument);
  }
  // The header may hold any bytes (a crafted snapshot): every field a view or check() derives a
  // pointer or a loop bound from is checked here, in 64-bit arithmetic, against what create() makes.
  auto* h = reinterpret_cast<TlsfHeader*>(base + header_offset);
  if (h->magic != kTlsfMagic || h->begin >= h->end || h->end > base_size) {
    return Result<Tlsf>::fail(Status::CorruptState);
  }
  const u64 first = (static_cast<u64>(h->begin) + kTlsfOverhead + kTlsfGranule - 1) & ~u64{kTlsfGranule - 1};
  const u64 sentinel = static_cast<u64>(h->end) & ~u64{kTlsfGranule - 1};
  const u64 map_len = map_bytes(h->end - h->begin);
  // map_words is compared as a count, not as map_words * 4: the product wraps for a forged count of
  // 2^30 + n words, which then passes for n and sends check()'s bitmap scan gigabytes past the map.
  if (sentinel < first + kTlsfMinBlock || h->first != first || h->sentinel != sentinel ||
      h->map_words != map_len / 4 || h->map_offset % 4 != 0 || h->map_offset > base_size ||
      base_size - h->map_offset < map_len) {
    return Result<Tlsf>::fail(Status::CorruptState);
  }
  // As in create(): blocks written through the view must never land on the header or the map.
  const u64 h0 = header_offset, h1 = h0 + sizeof(TlsfHeader);
  const u64 m0 = h->map_offset, m1 = m0 + map_len;
  if ((h0 < h->end && h->begin < h1) || (m0 < h->end && h->begin < m1) || (map_len != 0 && h0 < m1 && m0 < h1)) {
    return Result<Tlsf>::fail(Status::CorruptState);
  }
  return Result<Tlsf>{Tlsf(base, h), Status::Ok};
}

void Tlsf::set_live(Offset off, bool live) noexcept {
  const u32 i = map_index(off);
  const u32 bit = 1u << (i & 31);
  if (live) {
    map_[i >> 5] |= bit;
  } else {
    map_[i >> 5] &= ~bit;
  }
}

bool Tlsf::is_live(Offset off) const noexcept {
  if (!in_blocks(off)) return false;
  const u32 i = map_index(off);
  return (map_[i >> 5] >> (i & 31)) & 1u;
}

void Tlsf::insert_free(Offset off, u32 size) noexcept {
  u32 fl, sl;
  tlsf_mapping(size, &fl, &sl);
  const Offset head = hdr_->heads[fl][sl];
  word(off) = head;
  word(off + 4) = 0;
  if (head != 0) word(head + 4) = off;
  hdr_->heads[fl][sl] = off;
  hdr_->sl_bitmap[fl] |= 1u << sl;
  hdr_->fl_bitmap |= 1u << fl;
}

void Tlsf::remove_free(Offset off, u32 size) noexcept {
  u32 fl, sl;
  tlsf_mapping(size, &fl, &sl);
  const Offset next = word(off);
  const Offset prev = word(off + 4);
  if (next != 0) word(next + 4) = prev;
  if (prev != 0) {
    word(prev) = next;
  } else {
    hdr_->heads[fl][sl] = next;
    if (next == 0) {
      hdr_->sl_bitmap[fl] &= ~(1u << sl);
      if (hdr_->sl_bitmap[fl] == 0) hdr_->fl_bitmap &= ~(1u << fl);
    }
  }
}

// Good fit in O(1): first the head of the request's own list, if it is large enough (it fits more
// tightly than anything above, and keeps holes of a popular size in use); then the first non-empty
// list above the request rounded up to the next list boundary, where any block is large enough.
Offset Tlsf::find_free(u32 size) const noexcept {
  u32 fl, sl;
  tlsf_mapping(size, &fl, &sl);
  const Offset head = hdr_->heads[fl][sl];
  if (head != 0 && block_size(head) >= size) return head;
  u64 rounded = size;
  if (size >= (1u << kTlsfFlShift)) rounded += (u64{1} << (fls32(size) - kTlsfSlLog2)) - 1;
  if (rounded > 0xFFFFFFFFull) return kNullOffset;
  tlsf_mapping(static_cast<u32>(rounded), &fl, &sl);
  u32 sl_map = hdr_->sl_bitmap[fl] & (~0u << sl);
  if (sl_map == 0) {
    const u32 fl_map = fl + 1 < 32 ? hdr_->fl_bitmap & (~0u << (fl + 1)) : 0;
    if (fl_map == 0) return kNullOffset;
    fl = static_cast<u32>(__builtin_ctz(fl_map));
    sl_map = hdr_->sl_bitmap[fl];
  }
  return hdr_->heads[fl][static_cast<u32>(__builtin_ctz(sl_map))];
}

// Turns the free block (off, size), already off its list, into a used block of `want` bytes at its
// start; a remainder large enough to be a block goes back to the lists.
Offset Tlsf::split(Offset off, u32 size, u32 want) noexcept {
  const u32 prev_flag = size_word(off) & kPrevFree;
  if (size - want >= kTlsfMinBlock) {
    const Offset rest = off + want;
    const u32 rest_size = size - want;
    size_word(rest) = rest_size | kFree;  // its predecessor (this block) is used
    word(rest + rest_size - 8) = rest;
    insert_free(rest, rest_size);
    hdr_->free_bytes += rest_size;
    hdr_->free_blocks++;
    size = want;
  } else {
    size_word(off + size) &= ~kPrevFree;
  }
  size_word(off) = size | prev_flag;
  return off;
}

Offset Tlsf::alloc(u32 size, u32 align, Status* status, bool zero, bool track) noexcept {
  Status s = Status::Ok;
  Offset off = kNullOffset;
  const u32 capacity = hdr_->sentinel - hdr_->first;
  if (size == 0) {
    s = Status::InvalidArgument;
  } else if (!is_pow2(align)) {
    s = Status::BadAlignment;
  } else if (size > capacity - kTlsfOverhead) {
    s = Status::SizeTooLarge;
  } else {
    if (align < kTlsfGranule) align = kTlsfGranule;
    u32 want = align_up(size + kTlsfOverhead, kTlsfGranule);
    if (want < kTlsfMinBlock) want = kTlsfMinBlock;
    // An aligned block is cut from a block large enough to start at any 16-byte position: the
    // leading gap (a multiple of 16, so a valid free block when not empty) goes back to the lists.
    const u64 search = static_cast<u64>(want) + (align > kTlsfGranule ? align - kTlsfGranule : 0);
    const Offset found = search <= capacity ? find_free(static_cast<u32>(search)) : kNullOffset;
    if (found == kNullOffset) {
      s = Status::Exhausted;
      hdr_->failures++;
    } else {
      u32 fsize = block_size(found);
      remove_free(found, fsize);
      hdr_->free_bytes -= fsize;
      hdr_->free_blocks--;
      off = found;
      const u32 gap = static_cast<u32>(((static_cast<u64>(found) + align - 1) & ~u64{align - 1}) - found);
      if (gap != 0) {
        size_word(found) = gap | kFree;
        word(found + gap - 8) = found;
        insert_free(found, gap);
        hdr_->free_bytes += gap;
        hdr_->free_blocks++;
        off = found + gap;
        fsize -= gap;
        size_word(off) = fsize | kPrevFree;
      }
      split(off, fsize, want);
      const u32 bsize = block_size(off);
      if (track) {
        set_live(off, true);
      } else {
        size_word(off) |= kUntracked;
      }
      hdr_->live_blocks++;
      hdr_->used_bytes += bsize;
      hdr_->total_allocs++;
      const u32 end = off - kTlsfOverhead + bsize;
      if (end > hdr_->high_water) hdr_->high_water = end;
      if (zero) detail::zero_bytes(base_ + off, bsize - kTlsfOverhead);
    }
  }
  if (status != nullptr) *status = s;
  return off;
}

Status Tlsf::free(Offset off) noexcept {
  if (!is_live(off)) return classify_dead(off);
  set_live(off, false);
  free_block(off);
  return Status::Ok;
}

void Tlsf::release(Offset off) noexcept { free_block(off); }

void Tlsf::free_block(Offset off) noexcept {
  u32 size = block_size(off);
  const u32 sw = size_word(off);
#if OPENCLAW_SCRUB
  std::memset(base_ + off, kScrubByte, size - kTlsfOverhead);
#endif
  hdr_->live_blocks--;
  hdr_->used_bytes -= size;
  hdr_->total_frees++;
  hdr_->free_bytes += size;
  hdr_->free_blocks++;

  const Offset next = off + size;
  const u32 next_sw = size_word(next);
  if (next_sw & kFree) {
    const u32 next_size = next_sw & ~kFlagMask;
    remove_free(next, next_size);
    size += next_size;
    hdr_->free_blocks--;
  }
  if (sw & kPrevFree) {
    const Offset prev = word(off - 8);
    const u32 prev_size = block_size(prev);
    remove_free(prev, prev_size);
    off = prev;
    size += prev_size;
    hdr_->free_blocks--;
  }
  size_word(off) = size | kFree;  // a free block's predecessor is always used
  word(off + size - 8) = off;
  size_word(off + size) |= kPrevFree;
  insert_free(off, size);
}

Status Tlsf::classify(Offset off) const noexcept { return is_live(off) ? Status::Ok : classify_dead(off); }

Status Tlsf::classify(Offset off, Offset hint) const noexcept {
  return is_live(off) ? Status::Ok : classify_dead(off, hint);
}

// A misuse path, so it may take time: finds the block that contains off. The nearest live start
// below off is found in the bitmap, or is the caller's hint (untracked blocks are not in the
// bitmap); past it lie at most one free block (free neighbours are always merged) and then the
// block containing off.
Status Tlsf::classify_dead(Offset off, Offset hint) const noexcept {
  if (!in_blocks(off)) return Status::InvalidOffset;
  Offset b = hdr_->first;
  const u32 i = map_index(off);
  for (u32 w = (i >> 5) + 1; w-- > 0;) {
    u32 bits = map_[w];
    if (w == (i >> 5)) bits &= (i & 31) == 0 ? 0u : (~0u >> (32 - (i & 31)));
    if (bits != 0) {
      b = hdr_->first + (w * 32 + static_cast<u32>(fls32(bits))) * kTlsfGranule;
      break;
    }
  }
  if (hint > b && hint <= off && in_blocks(hint)) b = hint;
  for (u32 steps = 0; steps < 4 && b < hdr_->sentinel; ++steps) {
    const u32 sw = size_word(b);
    const u32 size = sw & ~kFlagMask;
    if (size < kTlsfMinBlock) break;  // corrupt; check() says more
    if (off < b + size) return (sw & kFree) ? Status::DoubleFree : Status::InvalidOffset;
    b += size;
  }
  return Status::InvalidOffset;
}

Result<u32> Tlsf::usable_size(Offset off) const noexcept {
  if (!is_live(off)) return Result<u32>::fail(classify_dead(off));
  return Result<u32>{block_size(off) - kTlsfOverhead, Status::Ok};
}

TlsfStats Tlsf::stats() const noexcept {
  const TlsfHeader& h = *hdr_;
  TlsfStats s{};
  s.range_bytes = h.end - h.begin;
  s.live_blocks = h.live_blocks;
  s.used_bytes = h.used_bytes;
  s.free_bytes = h.free_bytes;
  s.free_blocks = h.free_blocks;
  s.high_water = h.high_water;
  s.failures = h.failures;
  s.total_allocs = h.total_allocs;
  s.total_frees = h.total_frees;
  return s;
}

}  // namespace oc
