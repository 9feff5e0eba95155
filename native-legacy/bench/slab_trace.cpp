// Trace generation for the slab workload (see slab_trace.h).
#include "slab_trace.h"

namespace ocb {

namespace {

// splitmix64: tiny, well mixed, and identical on every target because it only uses u64 arithmetic.
struct Rng {
  u64 state;
  u64 next() noexcept {
    u64 z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  u32 below(u32 n) noexcept { return static_cast<u32>(next() % n); }
};

constexpr u32 kMinSize = 8;
constexpr u32 kMaxSize = 2048;

}  // namespace

SlabTrace make_slab_trace(u32 live_target, u32 churn_ops, u64 seed) {
  SlabTrace t;
  Rng rng{seed};
  const u32 low = live_target - live_target / 10;
  const u32 high = live_target + live_target / 10;
  t.slots = high + 1;

  std::vector<u32> free_slots;  // a stack of unused table slots
  std::vector<u32> live;        // dense list of live slots, for picking a random victim
  std::vector<u32> sizes(t.slots);
  for (u32 s = t.slots; s-- > 0;) free_slots.push_back(s);
  t.ops.reserve(2 * live_target + churn_ops + live_target / 5);

  auto alloc = [&]() {
    u32 slot = free_slots.back();
    free_slots.pop_back();
    u32 size = kMinSize + rng.below(kMaxSize - kMinSize + 1);
    sizes[slot] = size;
    live.push_back(slot);
    t.ops.push_back(TraceOp{slot, size});
  };
  auto release = [&](u32 victim_index) {
    u32 slot = live[victim_index];
    u32 last = live.back();
    live[victim_index] = last;
    live.pop_back();
    free_slots.push_back(slot);
    t.ops.push_back(TraceOp{slot | kFreeBit, sizes[slot]});
  };

  for (u32 i = 0; i < live_target; ++i) alloc();
  for (u32 i = 0; i < churn_ops; ++i) {
    u32 n = static_cast<u32>(live.size());
    bool grow = n <= low ? true : n >= high ? false : (rng.next() & 1) != 0;
    if (grow) {
      alloc();
    } else {
      release(rng.below(n));
    }
  }
  t.drain_begin = static_cast<u32>(t.ops.size());
  t.live_at_drain = static_cast<u32>(live.size());
  for (u32 slot : live) t.live_bytes_at_drain += sizes[slot];
  // Drain in random order, as a level unloading would, not in allocation order.
  while (!live.empty()) release(rng.below(static_cast<u32>(live.size())));
  return t;
}

const SlabTrace& slab_trace() {
  static const SlabTrace trace = make_slab_trace(10000, 100000, 0x0C1A3B5Du);
  return trace;
}

}  // namespace ocb
