// The slab workload as a recorded trace, generated once from a fixed seed: every allocator (and both
// builds) replays exactly the same sequence of sizes and frees, and the generator's cost stays out of
// the timed loop.
//
// Shape: fill to ~10,000 live blocks, then churn (random alloc or free of a random live block, the
// live count wandering between 9,000 and 11,000), then drain. Sizes are uniform in 8..2048 bytes.
#pragma once

#include <vector>

#include "workloads.h"

namespace ocb {

struct TraceOp {
  u32 slot;  // index into the caller's block table, | kFreeBit for a free
  u32 size;  // requested bytes (for a free: the size it was allocated with)
};
constexpr u32 kFreeBit = 1u << 31;

struct SlabTrace {
  std::vector<TraceOp> ops;
  u32 slots = 0;           // size of the block table the ops index
  u32 drain_begin = 0;     // ops before this index leave the live set that the footprint is measured on
  u32 live_at_drain = 0;
  double live_bytes_at_drain = 0;  // sum of requested sizes live at drain_begin
};

// Deterministic: the same arguments give the same ops natively and in wasm.
SlabTrace make_slab_trace(u32 live_target, u32 churn_ops, u64 seed);

// The trace every slab workload uses (built on first use, then shared).
const SlabTrace& slab_trace();

}  // namespace ocb
