// Deterministic workload entry points (abi.h). A region has one root, so it holds at most one
// workload: a workload's id is its region's id. Nothing is cached between calls; every step finds the
// workload again from the region's root, so a restore or a rewind in between needs no re-attachment.
#include "memory/workload.h"
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

extern "C" {

uint32_t oc_workload_create(uint32_t region, uint32_t seed, uint32_t pool_capacity, uint32_t slot_size) {
  Region* r = region_of(region);
  if (r == nullptr) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  WorkloadOptions options;
  options.seed = seed;
  options.pool_capacity = pool_capacity;
  options.slot_size = slot_size;
  const Result<Workload> w = Workload::create(*r, options);
  set_status(w.status);
  return w.ok() ? region : 0;
}

uint32_t oc_workload_find(uint32_t region) {
  Region* r = region_of(region);
  if (r == nullptr) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  const Result<Workload> w = Workload::attach(*r);
  set_status(w.status);
  return w.ok() ? region : 0;
}

int32_t oc_workload_step(uint32_t workload, uint32_t input) {
  Region* r = region_of(workload);
  if (r == nullptr) return set_status(Status::InvalidArgument);
  Result<Workload> w = Workload::attach(*r);
  if (!w.ok()) return set_status(w.status);
  return set_status(w.value.step(input));
}

}  // extern "C"
