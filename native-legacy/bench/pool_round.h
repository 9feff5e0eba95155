// One round of issue 2's pool workload over a FixedPool: allocate `blocks` slots, free every other
// one, allocate those again, free all: 3 * blocks operations. Shared by the memory area's pool-fixed
// and the tracking area's track-pool-* so that both time the very same loop. Inline: a call per round
// is nothing, but the loop must be compiled into its caller as it was.
#pragma once

#include "memory/fixed_pool.h"
#include "workloads.h"

namespace ocb {

// False when an alloc or a free failed; the handles are summed so that nothing can be optimised away.
inline bool pool_round(oc::FixedPool& pool, oc::Handle* handles, u32 blocks, u64& sum) noexcept {
  bool ok = true;
  for (u32 i = 0; i < blocks; ++i) ok &= (handles[i] = pool.alloc()) != oc::kNullHandle;
  for (u32 i = 0; i < blocks; i += 2) ok &= pool.free(handles[i]) == oc::Status::Ok;
  for (u32 i = 0; i < blocks; i += 2) ok &= (handles[i] = pool.alloc()) != oc::kNullHandle;
  for (u32 i = 0; i < blocks; ++i) {
    sum += handles[i];
    ok &= pool.free(handles[i]) == oc::Status::Ok;
  }
  return ok;
}

}  // namespace ocb
