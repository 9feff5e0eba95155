// What the snapshot fuzzer does with a state that restore() accepted: uses it like a program would
// after a load, so that a state accepted while inconsistent shows up as a failed operation, a
// failed check afterwards, or a sanitizer report, instead of passing unnoticed.
#pragma once

#include "memory/region.h"

namespace oc::fuzz {

// Frees every live pool slot and slab block, allocates again, resets and uses each arena, steps the
// workload at the root (if it attaches) a few frames, then runs the whole-region check. Returns
// nullptr when everything behaved, or what went wrong.
const char* exercise(Region& region) noexcept;

}  // namespace oc::fuzz
