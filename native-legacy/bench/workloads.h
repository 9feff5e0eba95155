// The memory benchmark workloads, shared by the native program (main.cpp) and the wasm bench module
// (wasm_exports.cpp): the same source runs in both builds, so a wasm/native ratio compares code
// generation and runtime, not two different loops.
//
// A workload runs once per call and reports named numbers (ns per op, bytes...) in an Outcome; the
// caller (tools/bench) repeats it, interleaves each allocator with its baseline, and takes medians.
#pragma once

#include <cstdint>

namespace ocb {

using u32 = std::uint32_t;
using u64 = std::uint64_t;

// Named results of one run, written as one JSON object. Names are string literals.
class Outcome {
 public:
  void set(const char* name, double value) noexcept;
  void fail(const char* why) noexcept { error_ = why; }
  // {"workload":"...","rep":N,"name":value,...} plus "error" when failed; returns the length
  // (truncated output is still NUL-terminated, and the caller can tell by length >= cap).
  u32 to_json(char* out, u32 cap, const char* workload, int rep) const noexcept;

 private:
  struct Entry {
    const char* name;
    double value;
  };
  static constexpr u32 kMaxEntries = 16;
  Entry entries_[kMaxEntries] = {};
  u32 count_ = 0;
  const char* error_ = nullptr;
};

using WorkloadFn = void (*)(u32 rounds, Outcome& out);

struct Workload {
  const char* name;
  WorkloadFn run;
  u32 default_rounds;
  // Measured once, first, in a fresh heap: footprint figures are only meaningful before any other
  // workload has grown (and fragmented) the heap, because dlmalloc never gives memory back.
  bool once_first;
};

const Workload* workloads() noexcept;
u32 workload_count() noexcept;
const Workload* find_workload(const char* name) noexcept;

// Compiler and runtime the numbers came from, as a JSON object.
u32 build_info_json(char* out, u32 cap) noexcept;

// Monotonic time in nanoseconds (steady_clock; performance.now() underneath in wasm).
double now_ns() noexcept;

// The workloads (pool_workload.cpp, slab_workload.cpp).
void run_pool_malloc(u32 rounds, Outcome& out);
void run_pool_fixed(u32 rounds, Outcome& out);
void run_pool_freelist(u32 rounds, Outcome& out);
void run_slab_malloc(u32 rounds, Outcome& out);
void run_slab_calloc(u32 rounds, Outcome& out);
void run_slab_oc(u32 rounds, Outcome& out);      // alloc (zeroed) + free
void run_slab_oc_raw(u32 rounds, Outcome& out);  // alloc_raw + free
void run_slab_reserved(u32 rounds, Outcome& out);
// snapshot_workload.cpp: capture/restore/checksum of a full 16 MiB region vs memcpy (area `snapshot`).
void run_snapshot_16mib(u32 rounds, Outcome& out);
// tracking_workload.cpp: the pool and slab workloads with a tracker in each mode (area `tracking`).
void run_track_pool_off(u32 rounds, Outcome& out);
void run_track_pool_counters(u32 rounds, Outcome& out);
void run_track_pool_full(u32 rounds, Outcome& out);
void run_track_slab_off(u32 rounds, Outcome& out);
void run_track_slab_counters(u32 rounds, Outcome& out);
void run_track_slab_full(u32 rounds, Outcome& out);
void run_track_bytes(u32 rounds, Outcome& out);
// formats_workload.cpp: PID decoding to RGBA, both encodings, and a copy of the same bytes (area `formats`).
void run_fmt_pid_compressed(u32 rounds, Outcome& out);
void run_fmt_pid_raw(u32 rounds, Outcome& out);
void run_fmt_rgba_copy(u32 rounds, Outcome& out);

}  // namespace ocb
