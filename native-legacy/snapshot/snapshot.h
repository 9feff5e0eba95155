// Snapshots of a region: capture, seal, verify, restore, and deltas against a base.
// The byte format is defined in format.h and documented in docs/snapshot.md.
//
// A region's bytes are position-independent (every stored reference is an offset or a handle), so a
// snapshot is the region's non-zero pages plus a header, a chunk table and checksums: capture is a
// copy, restore is a copy, and the same bytes load in the wasm32 and the x86-64 build.
//
// Untrusted input: every function that reads snapshot bytes bounds-checks every field before use
// and returns a specific Status (docs/snapshot.md, "Errors", says which check gives which, and in
// what order the checks run). restore() validates everything (header,
// versions, layout id, sizes, checksums, and check() of the region and of every allocator in the
// decoded image) in a staging buffer before it touches the live region: a failed restore leaves the
// region byte-for-byte as it was.
#pragma once

#include "memory/region.h"
#include "memory/types.h"
#include "snapshot/format.h"

namespace oc {

struct CaptureOptions {
  bool seal = true;                // false: checksums left zero and kSnapshotUnsealed set (seal() later, e.g. in a worker)
  const u8* base = nullptr;        // non-null: write a delta against this full, sealed snapshot
  u32 base_len = 0;
  // A note carried in a last 'TRAK' chunk (format.h): a tracker report's JSON, so that a save and the
  // memory picture that goes with it travel as one file. Full snapshots only; report_len 0 = none.
  // The bytes are stored as given (the reader of the chunk validates them as JSON).
  const u8* report = nullptr;
  u32 report_len = 0;
};

// Upper bound of the bytes capture() writes for this region (full snapshot, every page non-zero),
// with a report of report_len bytes. 0 when the region is broken; 0xFFFFFFFF when the bound does
// not fit in a u32.
u32 snapshot_max_size(const Region& region, u32 report_len = 0) noexcept;

// Writes a snapshot of the region into out. Result: bytes written. Exhausted when out_cap is too
// small (out is then unspecified); CorruptState when the region's header or allocator list is broken;
// InvalidArgument for a report with a base (deltas carry none) or a null report with a length;
// for a delta, the base's own errors (BadMagic, ChecksumMismatch...) and BaseMismatch when the base
// is a delta itself or of another region size.
Result<u32> capture(const Region& region, u8* out, u32 out_cap, const CaptureOptions& options = {}) noexcept;

// Computes every chunk checksum, the image hash and the whole-file checksum of an unsealed snapshot
// in place and clears kSnapshotUnsealed. The structure is verified first (never reads out of bounds).
Status seal(u8* bytes, u32 len) noexcept;

// Header, versions, table, bounds and checksums; no region needed. Does not run check().
Status verify(const u8* bytes, u32 len) noexcept;

// Parses the header and the chunk table (bounds-checked; checksums not verified).
Result<SnapshotInfo> inspect(const u8* bytes, u32 len) noexcept;
// The index-th chunk's table entry (bounds-checked).
Result<ChunkEntry> chunk_at(const u8* bytes, u32 len, u32 index) noexcept;

// Verifies a snapshot and decodes it into a region image of `image_size` bytes (SizeMismatch unless
// the snapshot's region size): every byte of [0, image_size) is written (pages absent from the
// snapshot become zero), then the image hash is checked (ChecksumMismatch). For a delta, `base` is
// the full snapshot it was made against (its image hash must equal the delta's base hash), or
// nullptr to apply it on top of `image`'s current contents (whose hash must match): BaseMismatch
// otherwise. No check() is run: that needs a region (restore()).
Status decode(const u8* bytes, u32 len, u8* image, u32 image_size, const u8* base = nullptr, u32 base_len = 0) noexcept;

// verify + decode into a staging buffer + check() of the staged region and every allocator in it
// (CorruptState) + the ALOC chunks describe exactly those allocators (CorruptState), then copies the
// image into the live region (SizeMismatch unless the sizes are equal) and zeroes what the old state
// used beyond the new one. Nothing is written to the region unless every step succeeded. For a delta
// without `base`, the live region is the base. OutOfMemory if the staging buffer cannot be had.
// Under OPENCLAW_SCRUB (debug builds) the staged check adopts free pool slots into the scrub pattern
// (FixedPool::attach), so a snapshot from a release build restores with its free slots rewritten.
Status restore(Region& region, const u8* bytes, u32 len, const u8* base = nullptr, u32 base_len = 0) noexcept;

// The per-frame sync checksum: XXH3-64 of the region's bytes [0, used()). Equal to a snapshot's
// image hash when taken at the same moment.
u64 region_checksum(const Region& region) noexcept;

}  // namespace oc
