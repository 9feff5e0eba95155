// Reading untrusted snapshot bytes: the structural parse (every field bounds-checked in 64-bit
// arithmetic before use), the checksums, and the public inspect/chunk_at/verify on top of them.
// The order of the checks is part of the contract (docs/snapshot.md, "Validation order"): a file
// with several faults reports the first one in that order.
#include "memory/layout.h"
#include "snapshot/checksum.h"
#include "snapshot/parse.h"
#include "snapshot/snapshot.h"

namespace oc {
namespace snap {

namespace {

constexpr u32 kKnownFlags = kSnapshotDelta | kSnapshotUnsealed;

// The fields that say whether this reader can read the file at all, and where its table ends: checked
// before the whole checksum, which needs them. Versions come first because a later format may even
// checksum differently.
Status parse_frame(const u8* bytes, u32 len, ParsedSnapshot* out) noexcept {
  if (bytes == nullptr && len != 0) return Status::InvalidArgument;
  // The magic first: a short file that is not a snapshot at all is BadMagic, not Truncated.
  if (len < sizeof(u32)) return Status::Truncated;
  u32 magic;
  std::memcpy(&magic, bytes, sizeof magic);
  if (magic != kSnapshotMagic) return Status::BadMagic;
  if (len < kHeaderBytes) return Status::Truncated;
  SnapshotHeader& h = out->header;
  std::memcpy(&h, bytes, sizeof h);
  out->bytes = bytes;
  out->len = len;

  if (h.min_version > kSnapshotVersion) return Status::VersionTooNew;
  if (h.version < kSnapshotOldestLoadable) return Status::VersionTooOld;
  if (h.min_version == 0 || h.min_version > h.version) return Status::OutOfRange;
  // A later version that older readers may still load keeps this header exactly.
  if (h.header_size != kHeaderBytes) return Status::OutOfRange;
  if (h.layout_id != layout_id()) return Status::LayoutMismatch;
  if (h.total_size > len) return Status::Truncated;
  if (h.total_size < len) return Status::OutOfRange;  // trailing bytes: nothing may hide past the end
  if (h.chunk_count < 2 || h.chunk_count > kMaxChunksWithReport) return Status::OutOfRange;
  const u64 table_end = kHeaderBytes + static_cast<u64>(h.chunk_count) * kEntryBytes;
  if (table_end > h.total_size) return Status::Truncated;
  out->table_end = static_cast<u32>(table_end);
  return Status::Ok;
}

// The rest of the header, once the whole checksum vouched for it (or the caller asked for structure only).
Status parse_header_fields(ParsedSnapshot* out) noexcept {
  const SnapshotHeader& h = out->header;
  if ((h.flags & ~kKnownFlags) != 0 || h.reserved0 != 0) return Status::OutOfRange;
  for (u32 word : h.reserved) {
    if (word != 0) return Status::OutOfRange;
  }
  const bool delta = (h.flags & kSnapshotDelta) != 0;
  if (!delta && h.base_hash != 0) return Status::OutOfRange;
  if (h.page_size != kSnapshotPageSize || h.region_size == 0 || h.region_size % h.page_size != 0 ||
      h.region_used < sizeof(RegionHeader) || h.region_used > h.region_size) {
    return Status::OutOfRange;
  }
  // A delta carries no ALOC chunks: the allocators' metadata is diffed page by page like the rest.
  if (delta && h.chunk_count != 2) return Status::OutOfRange;
  out->page_count = static_cast<u32>((static_cast<u64>(h.region_used) + h.page_size - 1) / h.page_size);
  out->bitmap_bytes = (out->page_count + 7) / 8;
  return Status::Ok;
}

bool all_zero(const u8* p, u64 n) noexcept {
  for (u64 i = 0; i < n; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

// The PAGE chunk's payload, once its checksum vouched for it: the bitmap (bits past page_count and
// the padding zero) and as many pages as it has bits set.
Status parse_pages(const ChunkEntry& e, ParsedSnapshot* out) noexcept {
  const SnapshotHeader& h = out->header;
  const u64 padded = align8(out->bitmap_bytes);
  if (e.size < padded) return Status::OutOfRange;
  const u8* bitmap = out->bytes + e.offset;
  u32 present = 0;
  for (u32 i = 0; i < out->bitmap_bytes; ++i) present += static_cast<u32>(__builtin_popcount(bitmap[i]));
  const u32 tail_bits = out->page_count % 8;
  if (tail_bits != 0 && (bitmap[out->bitmap_bytes - 1] >> tail_bits) != 0) return Status::OutOfRange;
  if (!all_zero(bitmap + out->bitmap_bytes, padded - out->bitmap_bytes)) return Status::OutOfRange;
  if (e.size != padded + static_cast<u64>(present) * h.page_size) return Status::OutOfRange;
  out->bitmap = bitmap;
  out->pages = bitmap + padded;
  out->pages_present = present;
  return Status::Ok;
}

// The optional TRAK chunk is the last one: only full snapshots that say min_version 2 may carry it
// (a version-1 reader, which expects PAGE last, must refuse such a file rather than misread it).
Status place_report(ParsedSnapshot* out) noexcept {
  const SnapshotHeader& h = out->header;
  const u32 n = h.chunk_count;
  const bool report = out->entry(n - 1).kind == kChunkReport;
  out->page_index = report ? n - 2 : n - 1;
  out->report = nullptr;
  out->report_len = 0;
  if (!report) return n <= kMaxChunks ? Status::Ok : Status::OutOfRange;
  if (n < 3 || (h.flags & kSnapshotDelta) != 0 || h.min_version < kSnapshotReportMinVersion) {
    return Status::OutOfRange;
  }
  return Status::Ok;
}

Status parse_table(ParsedSnapshot* out) noexcept {
  const SnapshotHeader& h = out->header;
  const u32 n = h.chunk_count;
  const Status placed = place_report(out);
  if (placed != Status::Ok) return placed;
  const u32 page = out->page_index;
  u64 expected = align8(out->table_end);
  u64 prev_end = out->table_end;  // end of the table or of the previous payload
  u64 region_floor = sizeof(RegionHeader);
  u32 prev_id = 0;
  out->overlay_count = 0;
  for (u32 i = 0; i < n; ++i) {
    const ChunkEntry e = out->entry(i);
    const u32 want = i == 0 ? kChunkRegion : i < page ? kChunkAllocator : i == page ? kChunkPages : kChunkReport;
    if (e.kind != want) return Status::OutOfRange;
    // Payloads sit back to back, each 8-aligned, so they cannot overlap each other or the table.
    if (e.offset != expected) return Status::OutOfRange;
    if (e.offset > h.total_size || e.size > h.total_size - e.offset) return Status::Truncated;
    if (!all_zero(out->bytes + prev_end, expected - prev_end)) return Status::OutOfRange;
    if (e.kind == kChunkRegion) {
      if (e.id != 0 || e.region_offset != 0 || e.size != sizeof(RegionHeader) || e.region_length != e.size) {
        return Status::OutOfRange;
      }
    } else if (e.kind == kChunkAllocator) {
      // Allocators are listed in creation order, which is carve order: ids and offsets both rise.
      if (e.id <= prev_id || e.id > kMaxAllocatorsPerRegion || e.region_offset % 8 != 0 ||
          e.region_offset < region_floor || e.size < sizeof(AllocatorHeader) || e.region_length != e.size ||
          static_cast<u64>(e.region_offset) + e.size > h.region_used) {
        return Status::OutOfRange;
      }
      prev_id = e.id;
      region_floor = static_cast<u64>(e.region_offset) + e.size;
    } else if (e.kind == kChunkReport) {
      if (e.id != 0 || e.region_offset != 0 || e.region_length != 0 || e.size == 0) return Status::OutOfRange;
      out->report = out->bytes + e.offset;
      out->report_len = e.size;
    } else if (e.id != 0 || e.region_offset != 0 ||
               e.region_length != static_cast<u64>(out->page_count) * h.page_size) {
      return Status::OutOfRange;
    }
    if (e.kind == kChunkRegion || e.kind == kChunkAllocator) {
      out->overlays[out->overlay_count++] = Overlay{e.region_offset, e.size, out->bytes + e.offset};
    }
    prev_end = static_cast<u64>(e.offset) + e.size;
    expected = align8(prev_end);
  }
  if (prev_end != h.total_size) return Status::OutOfRange;
  return Status::Ok;
}

alignas(64) const u8 kZeroPage[kSnapshotPageSize] = {};

}  // namespace

Status parse_snapshot(const u8* bytes, u32 len, ParseMode mode, ParsedSnapshot* out) noexcept {
  Status s = parse_frame(bytes, len, out);
  if (s != Status::Ok) return s;
  const bool check_sums = mode == ParseMode::Verified;
  if (check_sums && out->unsealed()) return Status::Unsealed;
  // Damage in transit anywhere in the header or table shows as a checksum mismatch, not as whichever
  // structural check the damaged byte happens to reach first.
  if (check_sums && whole_checksum_of(bytes, out->table_end) != out->header.whole_checksum) {
    return Status::ChecksumMismatch;
  }
  s = parse_header_fields(out);
  if (s == Status::Ok) s = parse_table(out);
  if (s != Status::Ok) return s;
  if (check_sums) {
    for (u32 i = 0; i < out->header.chunk_count; ++i) {
      const ChunkEntry e = out->entry(i);
      if (checksum64(bytes + e.offset, e.size) != e.checksum) return Status::ChecksumMismatch;
    }
  }
  return parse_pages(out->entry(out->page_index), out);
}

u64 whole_checksum_of(const u8* bytes, u32 table_end) noexcept {
  SnapshotHeader h;
  std::memcpy(&h, bytes, sizeof h);
  h.whole_checksum = 0;
  Checksum64 sum;
  sum.update(&h, sizeof h);
  sum.update(bytes + kHeaderBytes, table_end - kHeaderBytes);
  return sum.digest();
}

const u8* zero_page() noexcept { return kZeroPage; }

const u8* full_image_page(const ParsedSnapshot& s, PageCursor& cursor, u32 page, u8* scratch) noexcept {
  const u32 ps = s.header.page_size;
  const u64 a = static_cast<u64>(page) * ps, b = a + ps;
  const u8* data = kZeroPage;
  if (s.present(page)) data = s.pages + static_cast<u64>(cursor.stored++) * ps;
  while (cursor.overlay < s.overlay_count &&
         static_cast<u64>(s.overlays[cursor.overlay].offset) + s.overlays[cursor.overlay].length <= a) {
    ++cursor.overlay;
  }
  const bool overlaid = cursor.overlay < s.overlay_count && s.overlays[cursor.overlay].offset < b;
  const bool past_used = b > s.header.region_used;
  if (!overlaid && (!past_used || data == kZeroPage)) return data;

  std::memcpy(scratch, data, ps);
  for (u32 k = cursor.overlay; k < s.overlay_count && s.overlays[k].offset < b; ++k) {
    const Overlay& o = s.overlays[k];
    const u64 from = o.offset > a ? o.offset : a;
    const u64 end = static_cast<u64>(o.offset) + o.length;
    const u64 to = end < b ? end : b;
    std::memcpy(scratch + (from - a), o.data + (from - o.offset), static_cast<size_t>(to - from));
  }
  if (past_used) std::memset(scratch + (s.header.region_used - a), 0, static_cast<size_t>(b - s.header.region_used));
  return scratch;
}

}  // namespace snap

Result<SnapshotInfo> inspect(const u8* bytes, u32 len) noexcept {
  snap::ParsedSnapshot s;
  const Status st = snap::parse_snapshot(bytes, len, snap::ParseMode::Structure, &s);
  if (st != Status::Ok) return Result<SnapshotInfo>::fail(st);
  return Result<SnapshotInfo>{SnapshotInfo{s.header, s.page_count, s.pages_present}, Status::Ok};
}

Result<ChunkEntry> chunk_at(const u8* bytes, u32 len, u32 index) noexcept {
  snap::ParsedSnapshot s;
  const Status st = snap::parse_snapshot(bytes, len, snap::ParseMode::Structure, &s);
  if (st != Status::Ok) return Result<ChunkEntry>::fail(st);
  if (index >= s.header.chunk_count) return Result<ChunkEntry>::fail(Status::OutOfRange);
  return Result<ChunkEntry>{s.entry(index), Status::Ok};
}

Status verify(const u8* bytes, u32 len) noexcept {
  snap::ParsedSnapshot s;
  return snap::parse_snapshot(bytes, len, snap::ParseMode::Verified, &s);
}

}  // namespace oc
