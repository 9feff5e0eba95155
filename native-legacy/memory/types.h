// Fixed-width vocabulary shared by every allocator and by the C ABI.
// Anything stored in a region uses these types only (see DESIGN.md: "the one rule").
#pragma once

#include <cstdint>

namespace oc {

using u8 = std::uint8_t;
using u16 = std::uint16_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;
using i16 = std::int16_t;
using i32 = std::int32_t;

// A byte offset from a region's base. 0 is the region header, so it is never a valid block.
using Offset = u32;
constexpr Offset kNullOffset = 0;

// A 32-bit generation-checked pool handle; 0 is never valid (see fixed_pool.h for the bit layout).
using Handle = u32;
constexpr Handle kNullHandle = 0;

// Status codes cross the wasm boundary as i32: keep the numbers stable, they are part of the ABI.
enum class Status : i32 {
  Ok = 0,
  InvalidArgument = 1,  // a size of 0, a capacity of 0, an unknown id...
  SizeTooLarge = 2,     // larger than the allocator (or the slot) can ever serve
  BadAlignment = 3,     // not a power of two, or above the supported maximum
  Exhausted = 4,        // pool full, arena full, region or slab arena out of space
  StaleHandle = 5,      // the slot was freed (and maybe reused) since the handle was made
  DoubleFree = 6,       // the block or slot is already free
  ForeignHandle = 7,    // the handle belongs to another pool
  InvalidOffset = 8,    // not the start of a live block of this allocator
  WrongSizeClass = 9,   // sized free whose size maps to another class than the block's
  CorruptState = 10,    // check() found a broken invariant
  OutOfMemory = 11,     // the OS (or wasm linear memory) refused to give a region
  TooManyAllocators = 12,
  BadMarker = 13,       // FrameArena::unwind with a marker above the top or below the base
  // Snapshots (native-legacy/snapshot/): untrusted bytes, each failure its own code.
  BadMagic = 14,         // not a snapshot
  VersionTooNew = 15,    // written by a newer format than this reader loads
  VersionTooOld = 16,    // older than the oldest format this reader still loads
  LayoutMismatch = 17,   // the writer's region types differ from this build's (layout id)
  Truncated = 18,        // shorter than its header, table or chunks say
  ChecksumMismatch = 19, // a chunk's or the whole file's checksum differs
  OutOfRange = 20,       // a size, count or offset outside the file or the region
  SizeMismatch = 21,     // the snapshot's region size differs from the target region's
  Unsealed = 22,         // checksums not computed yet (seal() first)
  BaseMismatch = 23,     // a delta applied to another base than the one it was made against
  // The allocation tracker (native-legacy/tracking/).
  UnknownMark = 24,      // a mark never made, expired (older than the last 64), or made before a restore
  NotTracking = 25,      // the call needs a tracking mode the tracker is not in (leaks need full records)
  // Legacy file formats (native-legacy/resources/formats/): untrusted bytes, like snapshots. Truncated,
  // OutOfRange and BadMagic above serve them too.
  Oversized = 26,        // a count or size above what the reader accepts (or than the span can hold)
  SelfReference = 27,    // a REZ directory that points to itself or to one of its ancestors
  Overlap = 28,          // two blocks or entries that must be disjoint share bytes
  Malformed = 29,        // a field with a value the format does not allow (a missing NUL, a bad preamble)
  // The resource cache (native-legacy/resources/resource_cache.h).
  BudgetExceeded = 30,   // pinned entries hold so much of a budget that the request cannot fit: wait for releases
  Missing = 31,          // no entry with this resource id (a cache miss, or a remove of an id never inserted)
};

const char* status_name(Status s) noexcept;

// A value or the reason there is none. Small and trivially copyable: no exceptions anywhere.
template <typename T>
struct Result {
  T value{};
  Status status = Status::Ok;
  bool ok() const noexcept { return status == Status::Ok; }
  static Result fail(Status s) noexcept { return Result{T{}, s}; }
};

constexpr bool is_pow2(u32 x) noexcept { return x != 0 && (x & (x - 1)) == 0; }
constexpr u32 align_up(u32 x, u32 a) noexcept { return (x + (a - 1)) & ~(a - 1); }

// Both targets are little-endian; snapshots and cross-build hashes rely on it.
static_assert(sizeof(Offset) == 4 && sizeof(Handle) == 4, "offsets and handles are 32-bit");

}  // namespace oc
