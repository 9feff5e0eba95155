// A region with a slab and a workload, as the engine sets up its state region: shared by the workload,
// rewind ring and sync tests.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "memory/region.h"
#include "memory/region_check.h"
#include "memory/slab_allocator.h"
#include "memory/workload.h"
#include "support/region_bytes.h"

namespace oc::testing {

constexpr u32 kFixtureRegionBytes = 256 * 1024;
constexpr u32 kFixtureSlabBytes = 128 * 1024;

// Creates the slab and the workload in a fresh region; fails the test (and returns false) otherwise.
inline bool make_world(Region& region, u32 seed, u32 region_bytes = kFixtureRegionBytes,
                       u32 slab_bytes = kFixtureSlabBytes) {
  if (region.init(region_bytes) != Status::Ok) {
    ADD_FAILURE() << "region init";
    return false;
  }
  Result<SlabAllocator> slab = SlabAllocator::create(region, slab_bytes);
  if (!slab.ok()) {
    ADD_FAILURE() << "slab create: " << status_name(slab.status);
    return false;
  }
  WorkloadOptions options;
  options.seed = seed;
  Result<Workload> w = Workload::create(region, options);
  if (!w.ok()) {
    ADD_FAILURE() << "workload create: " << status_name(w.status);
    return false;
  }
  return true;
}

// One frame with input = the region's frame counter, the convention of oc-snap and the engine tests.
inline Status step_frame(Region& region) {
  Result<Workload> w = Workload::attach(region);
  if (!w.ok()) return w.status;
  return w.value.step(static_cast<u32>(region.frame()));
}

// Under ASan free pool slots are poisoned: whole-region copies go through support/region_bytes.h.
inline std::vector<u8> bytes_of(const Region& region) { return testsupport::region_bytes(region); }

inline bool same_bytes(const Region& region, const std::vector<u8>& bytes) {
  return testsupport::region_equals(region, bytes);
}

}  // namespace oc::testing
