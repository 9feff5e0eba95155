// Sync test: run, restore, run again, compare per-frame checksums (see sync_test.h).
#include "snapshot/sync_test.h"

#include <cstdlib>

#include "snapshot/snapshot.h"

namespace oc {

namespace {

// Frees its buffers on every return path.
struct Buffers {
  u8* snapshot = nullptr;
  u64* checksums = nullptr;
  ~Buffers() {
    std::free(snapshot);
    std::free(checksums);
  }
};

}  // namespace

Status sync_test(Region& region, const u32* inputs, u32 frames, SyncStepFn step, void* user,
                 SyncTestReport* report) noexcept {
  if (!region.valid() || step == nullptr || report == nullptr || (inputs == nullptr && frames != 0)) {
    return Status::InvalidArgument;
  }
  *report = SyncTestReport{0, kSyncNoMismatch, 0, 0};
  Buffers b;
  const u32 cap = snapshot_max_size(region);
  b.snapshot = static_cast<u8*>(std::malloc(cap));
  b.checksums = static_cast<u64*>(std::malloc(sizeof(u64) * (frames != 0 ? frames : 1)));
  if (b.snapshot == nullptr || b.checksums == nullptr) return Status::OutOfMemory;

  Result<u32> len = capture(region, b.snapshot, cap);
  if (!len.ok()) return len.status;
  for (u32 i = 0; i < frames; ++i) {
    const Status s = step(user, region, inputs[i]);
    if (s != Status::Ok) return s;
    b.checksums[i] = region_checksum(region);
  }

  const Status rs = restore(region, b.snapshot, len.value);
  if (rs != Status::Ok) return rs;
  for (u32 i = 0; i < frames; ++i) {
    const Status s = step(user, region, inputs[i]);
    if (s != Status::Ok) return s;
    report->frames_run = i + 1;
    const u64 sum = region_checksum(region);
    if (sum != b.checksums[i]) {
      report->first_mismatch = i;
      report->expected = b.checksums[i];
      report->actual = sum;
      return Status::Ok;
    }
  }
  return Status::Ok;
}

}  // namespace oc
