// The snapshot byte format, version 2. Little-endian throughout (both targets are; asserted).
// docs/snapshot.md is the prose version of this file; keep the two in step.
//
//   [SnapshotHeader 128 B][ChunkEntry x chunk_count, 32 B each][chunk payloads, each 8-aligned]
//
// Payloads follow the table back to back: the first at align8(end of table), each next one at
// align8(end of the previous), padding bytes zero, total_size = end of the last payload.
//
// Chunks, in this order:
//   'REGN'  the region header (RegionHeader, 64 B), region_offset 0.
//   'ALOC'  one per allocator, in the region's list order: the allocator's metadata extent (its
//           header and its metadata tables: a pool's generations and links, a slab's class table,
//           TLSF header and map, frame and link tables; an arena's header; snapshot/extent.h),
//           copied from [region_offset, region_offset + region_length). id = allocator id.
//           Full snapshots only.
//   'PAGE'  [0, used) in page_size pages: a presence bitmap of ceil(pages / 8) bytes, padded to 8
//           (bits past the last page and the padding zero), then the bytes of each present page in
//           order. Bytes covered by REGN and ALOC chunks, and bytes past used, are stored as zero
//           in pages (each byte of the image lives in one chunk); a page that is all zero after
//           that is absent.
//   'TRAK'  optional, full snapshots only, always the last chunk (after PAGE): a tracker report
//           (engine/tracking/report.ts, docs/claw-stats.md) as UTF-8 JSON, at least 1 byte; id 0,
//           region_offset 0, region_length 0. It places nothing in the image: restore verifies its
//           checksum like every chunk's and ignores its content. A file carrying it says
//           min_version 2 (kSnapshotReportMinVersion), so version-1 readers refuse it (VersionTooNew)
//           instead of misreading PAGE's position; a file without it says min_version 1 and still
//           loads in version-1 readers.
// The image beyond used is zero.
//
// Deltas (kSnapshotDelta): REGN and PAGE only (chunk_count 2). There is no ALOC chunk: allocator
// metadata changes a little per frame and is diffed page by page like everything else, which keeps a
// delta proportional to what changed. A page is present when the new image's page differs from the
// base image's page, both with REGN's bytes and the bytes past used taken as zero; decoding starts
// from the base image, replaces the present pages, writes REGN, and zeroes past used.
//
// Checksums: XXH3-64 (xxHash 0.8, seed 0) of each chunk's payload; image_hash = XXH3-64 of the
// decoded image [0, used) (the same value as region_checksum() at capture time); whole_checksum =
// XXH3-64 of the header (whole_checksum field as zero) followed by the chunk table. An unsealed
// snapshot has all of them zero except a delta's image_hash, which capture computes (a delta's image
// is only known with its base, which seal() does not have).
#pragma once

#include "memory/types.h"

namespace oc {

constexpr u32 kSnapshotMagic = 0x4E53434Fu;  // "OCSN"
constexpr u16 kSnapshotVersion = 2;          // what this build writes (2: the optional TRAK chunk)
constexpr u16 kSnapshotOldestLoadable = 1;   // the oldest version this build still reads
constexpr u16 kSnapshotReportMinVersion = 2; // min_version of a file that carries a TRAK chunk
constexpr u32 kSnapshotPageSize = 4096;

constexpr u32 kChunkRegion = 0x4E474552u;     // "REGN"
constexpr u32 kChunkAllocator = 0x434F4C41u;  // "ALOC"
constexpr u32 kChunkPages = 0x45474150u;      // "PAGE"
constexpr u32 kChunkReport = 0x4B415254u;     // "TRAK"

enum SnapshotFlags : u32 {
  kSnapshotDelta = 1u << 0,     // PAGE holds pages that differ from the base (base_hash)
  kSnapshotUnsealed = 1u << 1,  // checksums not computed yet: seal() before verify/restore
};

struct SnapshotHeader {
  u32 magic;
  u16 version;          // format version of the writer
  u16 min_version;      // the oldest reader version that can load this file
  u32 header_size;      // sizeof(SnapshotHeader)
  u32 flags;            // SnapshotFlags
  u64 layout_id;        // layout_id() of the writer: region types must match byte for byte
  u64 frame;            // the region's frame counter at capture
  u32 region_size;      // the region's total bytes
  u32 region_used;      // its carve top: the image is [0, used), zero beyond
  u32 page_size;
  u32 chunk_count;
  u32 total_size;       // bytes of the whole snapshot
  u32 reserved0;
  u64 image_hash;       // XXH3-64 of the image [0, used)
  u64 base_hash;        // delta: the base image's hash; 0 otherwise
  u64 whole_checksum;   // XXH3-64 of header (this field zero) + chunk table
  u32 reserved[12];     // zero
};
static_assert(sizeof(SnapshotHeader) == 128, "SnapshotHeader is part of the format");

struct ChunkEntry {
  u32 kind;           // kChunk*
  u32 id;             // ALOC: the allocator's id in the region; otherwise 0
  u32 offset;         // payload position in the file, 8-aligned, after the table
  u32 size;           // payload bytes
  u32 region_offset;  // REGN/ALOC: where the bytes go in the image; PAGE, TRAK: 0
  u32 region_length;  // REGN/ALOC: = size; PAGE: bytes of the image it covers (pages * page_size); TRAK: 0
  u64 checksum;       // XXH3-64 of the payload
};
static_assert(sizeof(ChunkEntry) == 32, "ChunkEntry is part of the format");

// What inspect() returns: the header's fields, checked for consistency.
struct SnapshotInfo {
  SnapshotHeader header;
  u32 page_count;      // pages in [0, used)
  u32 pages_present;   // bits set in the PAGE bitmap
};

}  // namespace oc
