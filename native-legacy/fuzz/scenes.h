// The scenes of the snapshot fuzzer: small regions with allocator traffic, built deterministically.
// The fuzzer restores into a live region holding a scene's first state, and the seed generator
// captures snapshots of the same scenes (first and later states, deltas between them), so that a
// seed's region size matches a live region and its deltas apply to that region's state.
#pragma once

#include <vector>

#include "memory/region.h"
#include "memory/types.h"

namespace oc::fuzz {

enum Scene : u32 {
  kSceneMixed,     // pool, slab (default options), arena, random traffic
  kSceneWorkload,  // slab + the Workload's pool and tables (the region has a root)
  kSceneBigPages,  // slab with 8 KiB pages and one class per doubling, pool, arena
  kSceneEmpty,     // a region with no allocator
  kSceneCount,
};

const char* scene_name(Scene scene) noexcept;
// Each scene has its own region size, so a snapshot's region size names its scene.
u32 scene_size(Scene scene) noexcept;

// The region image of `scene` after `later` more frames of its traffic than its first state
// (0 = the first state). Built in a region from the OS, returned as bytes. Empty on a failure.
std::vector<u8> scene_image(Scene scene, u32 later);

}  // namespace oc::fuzz
