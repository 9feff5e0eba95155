// The reader's structural view of a snapshot: the header and chunk table, every field checked
// against format.h (positions, kinds, ids, region ranges, bitmap), and optionally the checksums. Internal to
// snapshot/: reader.cpp (inspect, chunk_at, verify), seal.cpp, decode.cpp and capture.cpp (a delta's
// base) build on it.
#pragma once

#include <cstring>

#include "memory/region.h"
#include "snapshot/format.h"

namespace oc::snap {

constexpr u32 kHeaderBytes = sizeof(SnapshotHeader);
constexpr u32 kEntryBytes = sizeof(ChunkEntry);
constexpr u32 kMaxChunks = 2 + kMaxAllocatorsPerRegion;  // REGN + every allocator + PAGE
constexpr u32 kMaxChunksWithReport = kMaxChunks + 1;     // ... + TRAK

constexpr u64 align8(u64 x) noexcept { return (x + 7) & ~u64{7}; }

// A chunk that places bytes in the image (REGN, ALOC): what decode overlays on the pages.
struct Overlay {
  u32 offset;   // region_offset
  u32 length;   // region_length (= payload size)
  const u8* data;
};

struct ParsedSnapshot {
  const u8* bytes = nullptr;
  u32 len = 0;
  SnapshotHeader header{};
  u32 table_end = 0;       // kHeaderBytes + chunk_count * kEntryBytes
  u32 page_count = 0;      // ceil(region_used / page_size)
  u32 bitmap_bytes = 0;    // ceil(page_count / 8), unpadded
  u32 pages_present = 0;
  const u8* bitmap = nullptr;  // inside the PAGE payload
  const u8* pages = nullptr;   // the first present page's bytes
  u32 overlay_count = 0;       // REGN then each ALOC, in region order
  Overlay overlays[kMaxChunks - 1];
  u32 page_index = 0;          // PAGE's index in the table: chunk_count - 1, or - 2 before a TRAK
  const u8* report = nullptr;  // the TRAK payload (nullptr when absent)
  u32 report_len = 0;

  bool delta() const noexcept { return (header.flags & kSnapshotDelta) != 0; }
  bool unsealed() const noexcept { return (header.flags & kSnapshotUnsealed) != 0; }
  ChunkEntry entry(u32 index) const noexcept {  // index < chunk_count; the table may be unaligned
    ChunkEntry e;
    std::memcpy(&e, bytes + kHeaderBytes + static_cast<u64>(index) * kEntryBytes, sizeof e);
    return e;
  }
  bool present(u32 page) const noexcept { return (bitmap[page >> 3] >> (page & 7)) & 1u; }
};

enum class ParseMode {
  Structure,  // every bound and field, no checksum; unsealed snapshots pass (inspect, seal)
  Verified,   // the same plus Unsealed and every checksum, in the order of docs/snapshot.md
};

// Header, table and PAGE bitmap checks in the order docs/snapshot.md gives ("Validation order").
// `out` is large (~4 KiB): callers keep one, they do not copy it around.
Status parse_snapshot(const u8* bytes, u32 len, ParseMode mode, ParsedSnapshot* out) noexcept;

// XXH3-64 of the header with whole_checksum taken as zero, followed by the chunk table.
u64 whole_checksum_of(const u8* bytes, u32 table_end) noexcept;

// Produces the bytes of page p of a full snapshot's image: the stored page (or zeros) with the
// overlays that reach into it applied and the bytes past region_used zeroed. Returns either a
// pointer into the snapshot (no overlay touches the page), a static zero page, or `scratch`.
// Pages must be visited in increasing order with the same cursor.
struct PageCursor {
  u32 stored = 0;   // index of the next present page's bytes
  u32 overlay = 0;  // first overlay that may reach page p or later
};
const u8* full_image_page(const ParsedSnapshot& s, PageCursor& cursor, u32 page, u8* scratch) noexcept;

// A page of zeros (kSnapshotPageSize bytes).
const u8* zero_page() noexcept;

}  // namespace oc::snap
