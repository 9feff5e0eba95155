// Workload: deterministic random allocator traffic whose entire state lives in the region.
//
// A stand-in simulation for the snapshot, rewind and sync tests and benchmarks: step(input) mixes
// the frame's input into an RNG and performs a few dozen pool and slab operations (allocations of
// 16 B .. 8 KiB, some through the slab's TLSF fallback, frees, and writes of RNG-derived patterns),
// then advances the region's frame counter. Because the RNG, the tables of live handles and offsets
// and the counters are all region bytes (WorkloadState, found through RegionHeader.root), restoring a
// snapshot and continuing gives exactly the frames that never saving would have given, natively and
// in wasm. Integer maths only; no time, no addresses.
//
// The RNG is PCG32 (M. O'Neill, "PCG: A Family of Simple Fast Space-Efficient Statistically Good
// Algorithms for Random Number Generation", 2014): XSH-RR output of a 64-bit LCG.
#pragma once

#include "fixed_pool.h"
#include "region.h"
#include "slab_allocator.h"
#include "types.h"

namespace oc {

constexpr u32 kWorkloadMagic = 0x444C4B57u;  // "WKLD"
constexpr u32 kWorkloadVersion = 1;
// Live slab blocks the table can hold: the span's bytes / this, clamped to [min, max], so that the
// traffic scales with the slab instead of exhausting a small one or idling in a large one.
constexpr u32 kWorkloadBytesPerBlock = 2048;
constexpr u32 kWorkloadMinBlocks = 16;
constexpr u32 kWorkloadMaxBlocks = 4096;

// One live slab block of the workload.
struct WorkloadBlock {
  u32 offset;  // in the region
  u32 size;    // bytes requested, all of them written
};
static_assert(sizeof(WorkloadBlock) == 8, "WorkloadBlock is stored in the region");

// The root object (RegionHeader.root points at it). Followed in the same carve by
// u32 handles[pool_capacity] and WorkloadBlock blocks[block_capacity].
struct WorkloadState {
  u32 magic;
  u32 version;
  u32 pool_tag;        // the pool's id in the region
  u32 slab_tag;        // the slab's id in the region
  u64 rng_state;       // PCG32 state
  u64 rng_inc;         // PCG32 stream increment (odd)
  u32 pool_capacity;   // entries of the handle table (= the pool's capacity)
  u32 pool_live;       // handles[0, pool_live) are live
  u32 handles_offset;
  u32 block_capacity;
  u32 block_live;      // blocks[0, block_live) are live
  u32 blocks_offset;
  u32 slab_failures;   // slab allocations refused (Exhausted): part of the traffic, not an error
  u32 reserved0;
  u64 steps;           // step() calls completed
  u64 ops;             // operations performed
};
static_assert(sizeof(WorkloadState) == 80, "WorkloadState is stored in the region");

struct WorkloadOptions {
  u32 seed = 1;
  u32 pool_capacity = 256;  // slots of the workload's own pool
  u32 slot_size = 64;       // bytes per slot (the pool rounds it up to a multiple of 8)
};

class Workload {
 public:
  Workload() = default;

  // Creates the pool, then the state block and its tables (one carve), and makes the state the
  // region's root. Uses the first slab in the region (InvalidArgument if there is none, or if the
  // region already has a root). Pool errors as FixedPool::create; Exhausted when the region is full
  // (regions never shrink, so the bytes carved before the failure stay carved; the root stays 0).
  static Result<Workload> create(Region& region, const WorkloadOptions& options = {}) noexcept;
  // A view of the workload at the region's root, e.g. after a restore. Validates the state's magic,
  // version, table bounds and counts, and that its allocators exist: InvalidArgument when the region
  // has no root, CorruptState when the bytes there are not a sound workload.
  static Result<Workload> attach(Region& region) noexcept;

  // One frame of traffic. CorruptState when a table entry no longer names a live block (the region was
  // modified behind the workload's back); the frame is then incomplete.
  Status step(u32 input) noexcept;

  const WorkloadState& state() const noexcept { return *st_; }
  const FixedPool& pool() const noexcept { return pool_; }
  const SlabAllocator& slab() const noexcept { return slab_; }
  bool valid() const noexcept { return st_ != nullptr; }

 private:
  Workload(Region* region, WorkloadState* st, FixedPool pool, SlabAllocator slab) noexcept;

  u32 next() noexcept;           // PCG32
  u32 below(u32 n) noexcept;     // uniform enough in [0, n), n >= 1
  Status pool_op() noexcept;
  Status slab_op() noexcept;
  Status touch_op() noexcept;
  void fill(Offset at, u32 len, u32 seed) noexcept;

  Region* region_ = nullptr;
  WorkloadState* st_ = nullptr;
  u32* handles_ = nullptr;
  WorkloadBlock* blocks_ = nullptr;
  FixedPool pool_;
  SlabAllocator slab_;
};

}  // namespace oc
