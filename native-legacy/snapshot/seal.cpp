// seal(): the checksums of an unsealed snapshot, computed after capture (in a worker, say) so that
// the capture itself is only a copy. The structure is parsed first, so nothing is read out of bounds
// whatever the bytes are.
#include "snapshot/checksum.h"
#include "snapshot/parse.h"
#include "snapshot/snapshot.h"

namespace oc {

namespace {

// The image hash of a full snapshot, page by page from its chunks: no image buffer is needed.
u64 full_image_hash(const snap::ParsedSnapshot& s) noexcept {
  alignas(64) u8 scratch[kSnapshotPageSize];
  snap::PageCursor cursor;
  Checksum64 sum;
  const u32 ps = s.header.page_size;
  for (u32 p = 0; p < s.page_count; ++p) {
    const u8* page = snap::full_image_page(s, cursor, p, scratch);
    const u64 a = static_cast<u64>(p) * ps;
    const u64 n = s.header.region_used - a < ps ? s.header.region_used - a : ps;
    sum.update(page, static_cast<size_t>(n));
  }
  return sum.digest();
}

}  // namespace

Status seal(u8* bytes, u32 len) noexcept {
  snap::ParsedSnapshot s;
  const Status st = snap::parse_snapshot(bytes, len, snap::ParseMode::Structure, &s);
  if (st != Status::Ok) return st;

  // Chunk checksums go into the table, which the whole checksum then covers.
  for (u32 i = 0; i < s.header.chunk_count; ++i) {
    ChunkEntry e = s.entry(i);
    e.checksum = checksum64(bytes + e.offset, e.size);
    std::memcpy(bytes + snap::kHeaderBytes + static_cast<u64>(i) * snap::kEntryBytes, &e, sizeof e);
  }
  SnapshotHeader h = s.header;
  // A delta's image is only known with its base, so capture hashed the region already (format.h).
  if (!s.delta()) h.image_hash = full_image_hash(s);
  h.flags &= ~static_cast<u32>(kSnapshotUnsealed);
  h.whole_checksum = 0;
  std::memcpy(bytes, &h, sizeof h);
  h.whole_checksum = snap::whole_checksum_of(bytes, s.table_end);
  std::memcpy(bytes, &h, sizeof h);
  return Status::Ok;
}

}  // namespace oc
