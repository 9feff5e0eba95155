// The pool workload of issue 2: 64-byte blocks, 10,000 live. One round allocates all, frees every
// other one, allocates those again and frees all: 3 * 10,000 operations (an alloc or a free each).
//
// Keeping the baseline honest: the compiler may delete a malloc/free pair whose pointer never
// escapes, so pointers live in a static array and each block is written after malloc and read
// before free (the sum is reported). The pool needs no such help: it hands out zeroed slots (so it
// writes the block's memory anyway, a cost malloc does not have) and its handles go to the same
// kind of array.
#include <cstdlib>

#include "memory/fixed_pool.h"
#include "pool_round.h"
#include "workloads.h"

namespace ocb {

namespace {

constexpr u32 kBlocks = 10000;
constexpr u32 kBlockSize = 64;
constexpr u32 kOpsPerRound = 3 * kBlocks;

void* g_ptrs[kBlocks];
oc::Handle g_handles[kBlocks];

void report(Outcome& out, double t0, double t1, u32 rounds, u64 checksum) {
  double ops = static_cast<double>(rounds) * kOpsPerRound;
  out.set("ns_per_op", (t1 - t0) / ops);
  out.set("ops", ops);
  out.set("checksum", static_cast<double>(checksum));
}

void* take(u32 i) {
  void* p = std::malloc(kBlockSize);
  if (p != nullptr) *static_cast<u32*>(p) = i;
  return p;
}

u32 give_back(void* p) {
  u32 v = *static_cast<u32*>(p);
  std::free(p);
  return v;
}

// The reference the issue calibrates its targets with: a bare intrusive free list over a static
// array, inlined, with no handles, checks or counters. Not a product: it says what is reachable.
struct BareFreeList {
  alignas(64) unsigned char storage[kBlocks * kBlockSize];
  void* head = nullptr;

  BareFreeList() {
    for (u32 i = kBlocks; i-- > 0;) push(storage + i * kBlockSize);
  }
  void push(void* p) noexcept {
    *static_cast<void**>(p) = head;
    head = p;
  }
};

BareFreeList& bare_list() {
  static BareFreeList list;
  return list;
}

// The pool lives as long as the process: later runs reuse a warm region, as malloc reuses its heap.
struct PoolFixture {
  oc::Region region;
  oc::FixedPool pool;
  oc::Status status = oc::Status::InvalidArgument;

  PoolFixture() {
    status = region.init(2u << 20);
    if (status != oc::Status::Ok) return;
    auto made = oc::FixedPool::create(region, kBlockSize, 16, kBlocks);
    status = made.status;
    if (made.ok()) pool = made.value;
  }
};

PoolFixture& pool_fixture() {
  static PoolFixture f;
  return f;
}

}  // namespace

void run_pool_malloc(u32 rounds, Outcome& out) {
  u64 sum = 0;
  double t0 = now_ns();
  for (u32 r = 0; r < rounds; ++r) {
    for (u32 i = 0; i < kBlocks; ++i) {
      if ((g_ptrs[i] = take(i)) == nullptr) return out.fail("malloc returned null");
    }
    for (u32 i = 0; i < kBlocks; i += 2) sum += give_back(g_ptrs[i]);
    for (u32 i = 0; i < kBlocks; i += 2) {
      if ((g_ptrs[i] = take(i)) == nullptr) return out.fail("malloc returned null");
    }
    for (u32 i = 0; i < kBlocks; ++i) sum += give_back(g_ptrs[i]);
  }
  double t1 = now_ns();
  report(out, t0, t1, rounds, sum);
}

void run_pool_freelist(u32 rounds, Outcome& out) {
  BareFreeList& list = bare_list();
  // The head in a local: stores to g_ptrs (also void*) could alias a member, which would force a
  // reload on every step and understate what a bare free list does.
  void* head = list.head;
  u64 sum = 0;
  auto take_one = [&head](u32 i) {
    void* p = head;
    if (p != nullptr) {
      head = *static_cast<void**>(p);
      *static_cast<u32*>(p) = i;
    }
    return p;
  };
  auto give_one = [&head](void* p) {
    u32 v = *static_cast<u32*>(p);
    *static_cast<void**>(p) = head;
    head = p;
    return v;
  };
  bool ok = true;
  double t0 = now_ns();
  for (u32 r = 0; r < rounds; ++r) {
    for (u32 i = 0; i < kBlocks; ++i) ok &= (g_ptrs[i] = take_one(i)) != nullptr;
    for (u32 i = 0; i < kBlocks; i += 2) sum += give_one(g_ptrs[i]);
    for (u32 i = 0; i < kBlocks; i += 2) ok &= (g_ptrs[i] = take_one(i)) != nullptr;
    for (u32 i = 0; i < kBlocks; ++i) sum += give_one(g_ptrs[i]);
  }
  double t1 = now_ns();
  list.head = head;
  if (!ok) return out.fail("free list empty");
  report(out, t0, t1, rounds, sum);
}

void run_pool_fixed(u32 rounds, Outcome& out) {
  PoolFixture& f = pool_fixture();
  if (f.status != oc::Status::Ok) return out.fail(oc::status_name(f.status));
  oc::FixedPool& pool = f.pool;
  u64 sum = 0;
  bool ok = true;
  double t0 = now_ns();
  for (u32 r = 0; r < rounds; ++r) ok &= pool_round(pool, g_handles, kBlocks, sum);
  double t1 = now_ns();
  // Checked after the clock stops: a pool that "wins" by failing or corrupting itself must not count.
  if (!ok) return out.fail("pool alloc or free failed");
  if (pool.stats().live != 0) return out.fail("pool not empty after the run");
  if (pool.check() != oc::Status::Ok) return out.fail("pool check() failed after the run");
  report(out, t0, t1, rounds, sum);
}

}  // namespace ocb
