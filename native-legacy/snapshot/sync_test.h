// Sync test: proves that a simulation step is a pure function of (region bytes, input), the property
// deterministic multiplayer and rewind rely on, and finds the first frame where it is not.
//
// It snapshots the region, runs the given inputs recording region_checksum() after every frame,
// restores the snapshot, runs the same inputs again and compares each frame's checksum with the first
// run's. A step that reads anything outside the region (a static, the clock, an address, memory that
// was not restored) shows up as a mismatch at the first frame whose bytes it changed.
//
// The step must find its state from the region (e.g. through RegionHeader.root) on every call: the
// restore in the middle replaces the region's bytes under any view the step may have cached.
#pragma once

#include "memory/region.h"
#include "memory/types.h"

namespace oc {

// One frame of the simulation under test: advances the region by one frame with this input.
using SyncStepFn = Status (*)(void* user, Region& region, u32 input);

constexpr u32 kSyncNoMismatch = 0xFFFFFFFFu;

struct SyncTestReport {
  u32 frames_run;      // frames of the second run done (all of them unless it stopped at a mismatch)
  u32 first_mismatch;  // index into the inputs of the first frame whose checksums differ, or kSyncNoMismatch
  u64 expected;        // the first run's checksum at that frame
  u64 actual;          // the second run's
};

// Runs the sync test over inputs[0, frames). A failing step stops the test with its status (the
// region is then in the state the step left it). Without a mismatch the region ends where a single
// run would have; at a mismatch the test stops and the region holds the second run's bytes after
// that frame. OutOfMemory when the snapshot or the checksum buffer cannot be allocated; a restore
// failure (which cannot happen to a snapshot of an intact region) is returned as is.
Status sync_test(Region& region, const u32* inputs, u32 frames, SyncStepFn step, void* user,
                 SyncTestReport* report) noexcept;

}  // namespace oc
