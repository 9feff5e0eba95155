// capture(): a snapshot of a live region, full or as a delta against a full sealed base.
//
// Two passes over the pages. The first decides which pages are present and writes the bitmap (a zero
// test stops at the first non-zero 64 bytes, so dense pages cost almost nothing here); the second
// copies the present pages. The hashes are then one-shot XXH3 calls over contiguous bytes (the
// region's used bytes, the PAGE payload): xxHash 0.8.1's streaming API goes through its 256-byte
// internal buffer and runs ~30% slower natively and ~40% slower in wasm than the one-shot call,
// more than re-reading the bytes costs. Unsealed captures skip every hash (seal() computes them
// later, off the caller's thread).
#include "snapshot/checksum.h"
#include "snapshot/extent.h"
#include "snapshot/page_ops.h"
#include "snapshot/parse.h"
#include "snapshot/snapshot.h"
#include "memory/detail/region_bytes_scope.h"
#include "memory/layout.h"

namespace oc {

namespace {

using snap::align8;
using snap::Extent;

constexpr u32 kPage = kSnapshotPageSize;

// Bytes that live in REGN/ALOC chunks, in region order: stored as zero in the pages.
struct Coverage {
  Extent items[snap::kMaxChunks];
  u32 count = 0;
  u32 ids[snap::kMaxChunks];  // ALOC ids (items[0] is REGN)
};

Status collect_coverage(const Region& region, bool with_allocators, Coverage* c) noexcept {
  c->items[0] = Extent{0, sizeof(RegionHeader)};
  c->ids[0] = 0;
  c->count = 1;
  if (!with_allocators) return Status::Ok;
  Status s = Status::Ok;
  u64 floor = sizeof(RegionHeader);
  region.for_each_allocator([&](const AllocatorHeader& h) {
    if (s != Status::Ok) return;
    const Result<snap::Extent> e = snap::allocator_extent(region.base(), region.used(), region.offset_of(&h));
    // Carving only moves up and allocators are linked in carve order; anything else is corruption.
    if (!e.ok() || e.value.offset < floor || c->count >= snap::kMaxChunks - 1) {
      s = Status::CorruptState;
      return;
    }
    floor = static_cast<u64>(e.value.offset) + e.value.length;
    c->ids[c->count] = h.id;
    c->items[c->count++] = e.value;
  });
  return s;
}

// The first coverage item that may reach page [a, a + kPage) or a later one.
u32 advance(const Coverage& c, u32 k, u64 a) noexcept {
  while (k < c.count && static_cast<u64>(c.items[k].offset) + c.items[k].length <= a) ++k;
  return k;
}

// Pages whose stored form differs from the region's bytes: covered bytes, or bytes past used.
bool special(const Coverage& c, u32 k, u64 a, u32 used) noexcept {
  return (k < c.count && c.items[k].offset < a + kPage) || a + kPage > used;
}

// The stored form of page [a, a + kPage): covered bytes and bytes past used set to zero.
void masked_page(const u8* src, u8* dst, const Coverage& c, u32 k, u64 a, u32 used) noexcept {
  if (dst != src) std::memcpy(dst, src, kPage);
  for (; k < c.count && c.items[k].offset < a + kPage; ++k) {
    const u64 from = c.items[k].offset > a ? c.items[k].offset : a;
    const u64 end = static_cast<u64>(c.items[k].offset) + c.items[k].length;
    const u64 to = end < a + kPage ? end : a + kPage;
    std::memset(dst + (from - a), 0, static_cast<size_t>(to - from));
  }
  if (a + kPage > used) std::memset(dst + (used - a), 0, static_cast<size_t>(a + kPage - used));
}

// The base of a delta: a full, sealed, intact snapshot of a region of the same size.
Status check_base(const Region& region, const u8* base, u32 base_len, snap::ParsedSnapshot* out) noexcept {
  const Status s = snap::parse_snapshot(base, base_len, snap::ParseMode::Verified, out);
  if (s != Status::Ok) return s;
  if (out->delta() || out->header.region_size != region.size()) return Status::BaseMismatch;
  return Status::Ok;
}

void put_entry(u8* out, u32 index, const ChunkEntry& e) noexcept {
  std::memcpy(out + snap::kHeaderBytes + static_cast<u64>(index) * snap::kEntryBytes, &e, sizeof e);
}

// Pass 1: the presence bitmap. Full: a page is present when its stored form is not all zero. Delta:
// when it differs from the base image's page, both compared under the delta's own mask (REGN and
// the bytes past used), so that decoding base + delta reproduces the region exactly.
u32 mark_pages(const Region& region, const Coverage& cov, const snap::ParsedSnapshot* base, u8* bitmap) noexcept {
  alignas(64) u8 mine[kPage];
  alignas(64) u8 theirs[kPage];
  const u8* bytes = region.base();
  const u32 used = region.used();
  const u32 pages = static_cast<u32>((static_cast<u64>(used) + kPage - 1) / kPage);
  snap::PageCursor cursor;
  u32 k = 0, present = 0;
  for (u32 p = 0; p < pages; ++p) {
    const u64 a = static_cast<u64>(p) * kPage;
    k = advance(cov, k, a);
    const bool masked = special(cov, k, a, used);
    const u8* page = bytes + a;
    if (masked) {
      masked_page(page, mine, cov, k, a, used);
      page = mine;
    }
    bool differs;
    if (base == nullptr) {
      differs = !snap::bytes_zero64(page, kPage);
    } else {
      const u8* other = p < base->page_count ? snap::full_image_page(*base, cursor, p, theirs) : snap::zero_page();
      if (masked) {
        if (other != theirs) std::memcpy(theirs, other, kPage);
        masked_page(theirs, theirs, cov, k, a, used);
        other = theirs;
      }
      differs = !snap::bytes_equal64(page, other, kPage);
    }
    if (differs) {
      bitmap[p >> 3] = static_cast<u8>(bitmap[p >> 3] | (1u << (p & 7)));
      ++present;
    }
  }
  return present;
}

}  // namespace

u32 snapshot_max_size(const Region& region, u32 report_len) noexcept {
  if (!region.valid() || region.check() != Status::Ok) return 0;
  Coverage cov;
  if (collect_coverage(region, true, &cov) != Status::Ok) return 0;
  const u64 pages = (static_cast<u64>(region.used()) + kPage - 1) / kPage;
  const u32 chunks = cov.count + 1 + (report_len != 0 ? 1u : 0u);
  u64 total = align8(snap::kHeaderBytes + static_cast<u64>(chunks) * snap::kEntryBytes);
  for (u32 i = 0; i < cov.count; ++i) total += align8(cov.items[i].length);
  total += align8((pages + 7) / 8) + pages * kPage + align8(report_len);
  return total > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<u32>(total);
}

Result<u32> capture(const Region& region, u8* out, u32 out_cap, const CaptureOptions& options) noexcept {
  using R = Result<u32>;
  if (!region.valid() || out == nullptr) return R::fail(Status::InvalidArgument);
  if (region.check() != Status::Ok) return R::fail(Status::CorruptState);
  const detail::RegionBytesScope bytes_scope(region);  // every page is read (ASan: free slots)
  const bool delta = options.base != nullptr;
  const bool report = options.report_len != 0;
  if (report && (delta || options.report == nullptr)) return R::fail(Status::InvalidArgument);
  snap::ParsedSnapshot base;
  if (delta) {
    const Status s = check_base(region, options.base, options.base_len, &base);
    if (s != Status::Ok) return R::fail(s);
  }
  Coverage cov;
  if (collect_coverage(region, !delta, &cov) != Status::Ok) return R::fail(Status::CorruptState);

  const u8* bytes = region.base();
  const u32 used = region.used();
  const u32 pages = static_cast<u32>((static_cast<u64>(used) + kPage - 1) / kPage);
  const u32 chunk_count = cov.count + 1 + (report ? 1u : 0u);
  const u32 page_index = cov.count;
  const u64 table_end = snap::kHeaderBytes + static_cast<u64>(chunk_count) * snap::kEntryBytes;
  const bool seal = options.seal;
  // A delta's image is only known with its base, so its image hash is taken here even unsealed.
  const bool hash_image = seal || delta;

  u64 pos = align8(table_end);
  if (pos > out_cap) return R::fail(Status::Exhausted);
  std::memset(out, 0, static_cast<size_t>(pos));

  for (u32 i = 0; i < cov.count; ++i) {
    const Extent& e = cov.items[i];
    if (align8(pos + e.length) > out_cap) return R::fail(Status::Exhausted);
    std::memcpy(out + pos, bytes + e.offset, e.length);
    std::memset(out + pos + e.length, 0, static_cast<size_t>(align8(pos + e.length) - (pos + e.length)));
    ChunkEntry entry{i == 0 ? kChunkRegion : kChunkAllocator, cov.ids[i], static_cast<u32>(pos), e.length,
                     e.offset, e.length, seal ? checksum64(out + pos, e.length) : 0};
    put_entry(out, i, entry);
    pos = align8(pos + e.length);
  }

  const u64 page_chunk = pos;
  const u32 bitmap_bytes = (pages + 7) / 8;
  const u64 bitmap_padded = align8(bitmap_bytes);
  if (page_chunk + bitmap_padded > out_cap) return R::fail(Status::Exhausted);
  u8* bitmap = out + page_chunk;
  std::memset(bitmap, 0, static_cast<size_t>(bitmap_padded));
  const u32 present = mark_pages(region, cov, delta ? &base : nullptr, bitmap);
  const u64 page_bytes = bitmap_padded + static_cast<u64>(present) * kPage;
  if (page_chunk + page_bytes > out_cap) return R::fail(Status::Exhausted);

  // Pass 2: copy the present pages, runs of adjacent ones in one memcpy.
  u8* dst = bitmap + bitmap_padded;
  const u8* run = nullptr;
  u64 run_len = 0;
  const auto flush = [&]() noexcept {
    if (run_len != 0) std::memcpy(dst, run, static_cast<size_t>(run_len));
    dst += run_len;
    run_len = 0;
  };
  u32 k = 0;
  for (u32 p = 0; p < pages; ++p) {
    if (((bitmap[p >> 3] >> (p & 7)) & 1u) == 0) continue;
    const u64 a = static_cast<u64>(p) * kPage;
    const u8* src = bytes + a;
    k = advance(cov, k, a);
    if (special(cov, k, a, used)) {
      flush();
      masked_page(src, dst, cov, k, a, used);
      dst += kPage;
    } else if (run_len != 0 && run + run_len == src) {
      run_len += kPage;
    } else {
      flush();
      run = src;
      run_len = kPage;
    }
  }
  flush();
  put_entry(out, page_index,
            ChunkEntry{kChunkPages, 0, static_cast<u32>(page_chunk), static_cast<u32>(page_bytes), 0,
                       pages * kPage, seal ? checksum64(bitmap, static_cast<size_t>(page_bytes)) : 0});
  u64 end = page_chunk + page_bytes;
  if (report) {
    const u64 at = align8(end);
    if (at + options.report_len > out_cap) return R::fail(Status::Exhausted);
    std::memset(out + end, 0, static_cast<size_t>(at - end));
    std::memcpy(out + at, options.report, options.report_len);
    put_entry(out, page_index + 1,
              ChunkEntry{kChunkReport, 0, static_cast<u32>(at), options.report_len, 0, 0,
                         seal ? checksum64(out + at, options.report_len) : 0});
    end = at + options.report_len;
  }

  SnapshotHeader h{};
  h.magic = kSnapshotMagic;
  h.version = kSnapshotVersion;
  // Readers of version 1 load a file without TRAK; only the chunk needs a newer reader.
  h.min_version = report ? kSnapshotReportMinVersion : 1;
  h.header_size = snap::kHeaderBytes;
  h.flags = (delta ? kSnapshotDelta : 0u) | (seal ? 0u : kSnapshotUnsealed);
  h.layout_id = layout_id();
  h.frame = region.frame();
  h.region_size = region.size();
  h.region_used = used;
  h.page_size = kPage;
  h.chunk_count = chunk_count;
  h.total_size = static_cast<u32>(end);
  h.image_hash = hash_image ? checksum64(bytes, used) : 0;
  h.base_hash = delta ? base.header.image_hash : 0;
  std::memcpy(out, &h, sizeof h);
  if (seal) {
    h.whole_checksum = snap::whole_checksum_of(out, static_cast<u32>(table_end));
    std::memcpy(out, &h, sizeof h);
  }
  return R{h.total_size, Status::Ok};
}

}  // namespace oc
