// How the allocators reach the tracker (tracker.h): the sink a call must report to, read from the
// allocator's Region on every call, because the tracker's mode can change between any two calls.
//   - pools: record_sink() only (full mode). In counters mode a pool reports nothing: the tracker
//     derives its figures from the pool header's own counters, so counters mode costs pools nothing.
//   - slab and arena allocations, frees, resets and unwinds: counter_sink() (counters and full).
//   - misuse (a bad free or a bad handle, on the allocators' cold paths): counter_sink().
// The allocators test the sink inline, so an untracked call grows by two loads and one predictable
// branch: ~3 instructions, measured at +8% cycles of the pool alloc+free micro-benchmark natively
// (~2.2 ns/op, throughput-bound), within the noise of its timings. Behind the branch, the pool and
// slab hooks' common cases are inline too (detail/hooks_inl.h: in wasm a call cost more than the
// hook's work), their rare cases calls. OPENCLAW_TRACKING == 1 (counters at most) compiles the pools'
// record hooks out, so pools cost exactly what they did; OPENCLAW_TRACKING == 0 compiles every hook
// out.
#pragma once

#include "memory/region.h"
#include "site.h"
#include "tracker.h"

#if defined(__GNUC__) || defined(__clang__)
#define OC_TRACK_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define OC_TRACK_UNLIKELY(x) (x)
#endif

namespace oc {
namespace track {

constexpr bool kCompiledIn = OPENCLAW_TRACKING != 0;

inline Tracker* record_sink(const Region& r) noexcept {
#if OPENCLAW_TRACKING >= 2
  return r.record_sink();
#else
  (void)r;
  return nullptr;
#endif
}

inline Tracker* counter_sink(const Region& r) noexcept {
#if OPENCLAW_TRACKING
  return r.counter_sink();
#else
  (void)r;
  return nullptr;
#endif
}

// The statuses a bad free or a bad handle reports as misuse (tracker_layout.h, TrackMisuse).
constexpr bool is_misuse(Status s) noexcept {
  return s == Status::DoubleFree || s == Status::StaleHandle || s == Status::ForeignHandle ||
         s == Status::InvalidOffset || s == Status::WrongSizeClass;
}

}  // namespace track
}  // namespace oc

#include "detail/hooks_inl.h"  // the pool and slab hooks' common cases, inline
