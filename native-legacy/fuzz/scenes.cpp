// Scene construction (see scenes.h). Traffic comes from a fixed splitmix64 stream, so the same scene
// and frame count give the same bytes on every run and every machine.
#include "fuzz/scenes.h"

#include <cstring>

#include "memory/detail/region_bytes_scope.h"
#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/slab_allocator.h"
#include "memory/workload.h"

namespace oc::fuzz {

namespace {

struct Rng {
  u64 s;
  u32 next() noexcept {
    u64 z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<u32>(z ^ (z >> 31));
  }
  u32 below(u32 n) noexcept { return next() % n; }
};

// One frame of pool and slab traffic: allocations across the classes and the fallback, frees of
// random live blocks, an arena reset and a few scratch allocations, the frame counter advanced.
struct Traffic {
  FixedPool pool;
  SlabAllocator slab;
  FrameArena arena;
  std::vector<Handle> handles;
  std::vector<Offset> blocks;
  Rng rng{1};

  void frame(Region& r) {
    for (u32 i = 0; i < 24; ++i) {
      if (!handles.empty() && rng.below(100) < 45) {
        const u32 k = rng.below(static_cast<u32>(handles.size()));
        pool.free(handles[k]);
        handles[k] = handles.back();
        handles.pop_back();
      } else {
        Status s;
        const Handle h = pool.alloc(&s);
        if (s == Status::Ok) handles.push_back(h);
      }
      if (!blocks.empty() && rng.below(100) < 45) {
        const u32 k = rng.below(static_cast<u32>(blocks.size()));
        slab.free(blocks[k]);
        blocks[k] = blocks.back();
        blocks.pop_back();
      } else {
        const u32 pick = rng.below(100);
        const u32 size = pick < 60 ? 1 + rng.below(512) : pick < 85 ? 513 + rng.below(3584) : 4097 + rng.below(5000);
        const u32 align = rng.below(100) < 8 ? 64u << rng.below(3) : 16;
        Status s;
        const Offset off = slab.alloc(size, align, &s);
        if (s == Status::Ok) {
          std::memset(r.base() + off, static_cast<int>(rng.next() | 1), size);
          blocks.push_back(off);
        }
      }
    }
    arena.reset();
    for (u32 i = 0; i < 3; ++i) arena.alloc(16 + rng.below(200), 16);
    r.set_frame(r.frame() + 1);
  }
};

bool traffic_scene(Region& r, u32 frames, u32 arena_bytes, SlabOptions slab_options, bool slab_first) {
  Traffic t;
  Result<SlabAllocator> s{};
  if (slab_first) s = SlabAllocator::create(r, 24 * 1024, slab_options);
  const Result<FixedPool> p = FixedPool::create(r, 40, 8, 48);
  if (!slab_first) s = SlabAllocator::create(r, 16 * 1024, slab_options);
  const Result<FrameArena> a = FrameArena::create(r, arena_bytes);
  if (!p.ok() || !s.ok() || !a.ok()) return false;
  t.pool = p.value;
  t.slab = s.value;
  t.arena = a.value;
  for (u32 i = 0; i < frames; ++i) t.frame(r);
  return true;
}

bool workload_scene(Region& r, u32 frames) {
  if (!SlabAllocator::create(r, 16 * 1024).ok()) return false;
  const Result<Workload> w = Workload::create(r, WorkloadOptions{7, 32, 40});
  if (!w.ok()) return false;
  Workload work = w.value;
  for (u32 i = 0; i < frames; ++i) {
    if (work.step(i * 2654435761u) != Status::Ok) return false;
  }
  return true;
}

constexpr u32 kFirstFrames = 12;

}  // namespace

const char* scene_name(Scene scene) noexcept {
  switch (scene) {
    case kSceneMixed: return "mixed";
    case kSceneWorkload: return "workload";
    case kSceneBigPages: return "big-pages";
    case kSceneEmpty: return "empty";
    default: return "?";
  }
}

u32 scene_size(Scene scene) noexcept {
  switch (scene) {
    case kSceneMixed: return 32 * 1024;
    case kSceneWorkload: return 28 * 1024;
    case kSceneBigPages: return 40 * 1024;
    case kSceneEmpty: return 8 * 1024;
    default: return 0;
  }
}

std::vector<u8> scene_image(Scene scene, u32 later) {
  Region r;
  if (r.init(scene_size(scene)) != Status::Ok) return {};
  const u32 frames = kFirstFrames + later;
  bool ok = true;
  switch (scene) {
    case kSceneMixed: ok = traffic_scene(r, frames, 1024, SlabOptions{}, false); break;
    case kSceneWorkload: ok = workload_scene(r, frames); break;
    case kSceneBigPages: ok = traffic_scene(r, frames, 512, SlabOptions{8192, 1}, true); break;
    case kSceneEmpty: r.set_frame(later); break;
    default: ok = false;
  }
  if (!ok) return {};
  const detail::RegionBytesScope bytes_scope(r);  // ASan: free pool slots are poisoned
  return std::vector<u8>(r.base(), r.base() + r.size());
}

}  // namespace oc::fuzz
