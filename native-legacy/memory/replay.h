// Replay: runs a recorded operation sequence in a fresh region and hashes the region's bytes, so that
// the native build and the wasm build can be shown to produce byte-identical state from the same calls.
//
// The sequence is untrusted input: every field is bounds-checked, and a malformed sequence fails
// with a status (InvalidArgument) and the byte position of the offending record.
//
// Format (little-endian, no padding, fields read byte by byte so nothing needs alignment):
//
//   header, 16 bytes:
//     u32 magic        kReplayMagic ("OCRP")
//     u16 version      kReplayVersion
//     u16 header_size  16
//     u32 region_size  bytes of the fresh region, 1 .. kReplayMaxRegion
//     u32 record_count number of records that follow (the bytes must end exactly after the last one)
//
//   records, each an u8 opcode followed by its operands (new kinds are appended; a sequence valid
//   once stays valid, so the version only changes when an existing record changes):
//     0x01 CreatePool   u32 slot_size, u32 align, u32 capacity
//     0x02 CreateSlab   u32 arena_bytes, u32 page_size (0 = kSlabDefaultPageSize), u32 class_steps (0 = default)
//     0x03 CreateArena  u32 bytes
//     0x10 PoolAlloc    u8 a
//     0x11 PoolFree     u8 a, u32 n
//     0x12 PoolRefree   u8 a                frees the pool's most recently freed handle again: must
//                                           fail (DoubleFree or StaleHandle) and change nothing
//     0x20 SlabAlloc    u8 a, u32 size, u32 align
//     0x21 SlabFree     u8 a, u32 n, u8 sized (1: pass the allocation's size, 0: pass 0)
//     0x22 SlabAllocRaw u8 a, u32 size, u32 align   alloc_raw: the block keeps its old bytes
//     0x30 ArenaAlloc   u8 a, u32 size, u32 align
//     0x31 ArenaMark    u8 a                saves the arena's current marker
//     0x32 ArenaUnwind  u8 a, u32 m         unwinds to saved marker m; markers after m are dropped
//     0x33 ArenaReset   u8 a                drops every block and every saved marker
//     0x40 Write        u8 a, u32 n, u32 at, u16 len, u8 bytes[len]
//                                           copies bytes into live block n of allocator a at byte `at`
//
//   `a` is the allocator's index in creation order (0 = the first Create record). `n` is an index
//   into the allocator's list of live blocks, so a sequence never depends on handle or offset values:
//   every successful alloc appends its block to the list; a free of block n moves the list's last
//   block into position n (swap-remove); an arena unwind or reset drops the blocks above the marker.
//   An alloc that fails with Exhausted is allowed (it is counted by the allocator and appends nothing);
//   any other failure of a well-formed record means the two builds disagree with the model, and the
//   replay stops with that status. After the last record the region and every allocator must pass
//   check(); then the hash is Region::hash() of the whole region.
#pragma once

#include "region.h"
#include "types.h"

namespace oc {

constexpr u32 kReplayMagic = 0x5052434Fu;  // "OCRP" little-endian
constexpr u16 kReplayVersion = 1;
constexpr u16 kReplayHeaderSize = 16;
constexpr u32 kReplayMaxRegion = 256u * 1024 * 1024;
constexpr u32 kReplayMaxAllocators = 255;

enum ReplayOp : u8 {
  kOpCreatePool = 0x01,
  kOpCreateSlab = 0x02,
  kOpCreateArena = 0x03,
  kOpPoolAlloc = 0x10,
  kOpPoolFree = 0x11,
  kOpPoolRefree = 0x12,
  kOpSlabAlloc = 0x20,
  kOpSlabFree = 0x21,
  kOpSlabAllocRaw = 0x22,
  kOpArenaAlloc = 0x30,
  kOpArenaMark = 0x31,
  kOpArenaUnwind = 0x32,
  kOpArenaReset = 0x33,
  kOpWrite = 0x40,
};

// What a replay did, for diagnostics: on failure, which record and where.
struct ReplayReport {
  u32 records_done = 0;   // records that ran to completion
  u32 failed_at = 0;      // byte position of the failing record (or of the header), when status != Ok
  u32 exhausted = 0;      // allocs that failed with Exhausted (allowed)
  u32 live_blocks = 0;    // over every allocator, at the end
};

Status replay(const u8* ops, u32 len, u64* out_hash) noexcept;
Status replay(const u8* ops, u32 len, u64* out_hash, ReplayReport* report) noexcept;
// The same, leaving the resulting bytes in `region` (initialised here with the sequence's region size),
// for tools that compare or dump them rather than hash them.
Status replay_into(Region& region, const u8* ops, u32 len, ReplayReport* report = nullptr) noexcept;

}  // namespace oc
