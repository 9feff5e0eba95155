// The workload table and the facts about the build that every result line is tagged with.
#include <chrono>
#include <cstdio>
#include <cstring>

#include "workloads.h"

namespace ocb {

namespace {

// Rounds are sized so that one run takes tens of milliseconds on the slowest allocator: long enough
// for the clock, short enough for 15 interleaved repetitions of everything in a few seconds.
constexpr Workload kWorkloads[] = {
    {"slab-reserved", run_slab_reserved, 1, true},
    {"pool-malloc", run_pool_malloc, 300, false},
    {"pool-fixed", run_pool_fixed, 300, false},
    {"pool-freelist", run_pool_freelist, 300, false},
    {"slab-malloc", run_slab_malloc, 8, false},
    {"slab-calloc", run_slab_calloc, 8, false},
    {"slab-oc", run_slab_oc, 8, false},
    {"slab-oc-raw", run_slab_oc_raw, 8, false},
    // Area `tracking`: each mode interleaved with the others, so the ratios compare like with like.
    {"track-bytes", run_track_bytes, 1, true},
    {"track-pool-off", run_track_pool_off, 300, false},
    {"track-pool-counters", run_track_pool_counters, 300, false},
    {"track-pool-full", run_track_pool_full, 300, false},
    {"track-slab-off", run_track_slab_off, 4, false},
    {"track-slab-counters", run_track_slab_counters, 4, false},
    {"track-slab-full", run_track_slab_full, 4, false},
    // Area `formats`: 48 images per pass (1.77 MB of RGBA for the sprites, 0.79 MB for the tiles).
    {"fmt-pid-compressed", run_fmt_pid_compressed, 12, false},
    {"fmt-pid-raw", run_fmt_pid_raw, 24, false},
    {"fmt-rgba-copy", run_fmt_rgba_copy, 12, false},
#ifndef __EMSCRIPTEN__
    // Native only: the snapshot area measures wasm through the engine, and 48 MiB of scene would
    // otherwise stay in the wasm bench module's heap under the memory area's allocator workloads.
    {"snapshot-16mib", run_snapshot_16mib, 2, false},
#endif
};

}  // namespace

const Workload* workloads() noexcept { return kWorkloads; }
u32 workload_count() noexcept { return sizeof(kWorkloads) / sizeof(kWorkloads[0]); }

const Workload* find_workload(const char* name) noexcept {
  for (const Workload& w : kWorkloads) {
    if (std::strcmp(w.name, name) == 0) return &w;
  }
  return nullptr;
}

u32 build_info_json(char* out, u32 cap) noexcept {
#if defined(__EMSCRIPTEN__)
  int n = std::snprintf(out, cap, "{\"target\":\"wasm32\",\"emcc\":\"%d.%d.%d\",\"cxx\":\"clang %s\",\"malloc\":\"dlmalloc\"}",
                        __EMSCRIPTEN_major__, __EMSCRIPTEN_minor__, __EMSCRIPTEN_tiny__, __clang_version__);
#elif defined(__clang__)
  int n = std::snprintf(out, cap, "{\"target\":\"native\",\"cxx\":\"clang %s\",\"malloc\":\"system\"}", __clang_version__);
#elif defined(__GNUC__)
  int n = std::snprintf(out, cap, "{\"target\":\"native\",\"cxx\":\"g++ %s\",\"malloc\":\"glibc\"}", __VERSION__);
#else
  int n = std::snprintf(out, cap, "{\"target\":\"native\",\"cxx\":\"unknown\",\"malloc\":\"system\"}");
#endif
  return n > 0 ? static_cast<u32>(n) : 0;
}

double now_ns() noexcept {
  using clock = std::chrono::steady_clock;
  return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now().time_since_epoch()).count());
}

}  // namespace ocb
