// The slab workload of issue 2: the recorded trace of slab_trace.h replayed against
// oc::SlabAllocator and against the module's malloc/free, like against like: alloc_raw (which leaves
// a block's bytes as they were) against malloc, and alloc (which zeroes them, the SDK's default)
// against calloc.
//
// As in the pool workload, every block is written after allocation and read before it is freed, so
// no call can be optimised away; the sum of what was read is reported.
#include <cstdlib>
#include <cstring>
#include <vector>

#include "heap_stats.h"
#include "memory/slab_allocator.h"
#include "slab_trace.h"
#include "workloads.h"

namespace ocb {

namespace {

constexpr u32 kSlabArena = 32u << 20;   // ~11 MB live at most in the trace, plus partly used pages
constexpr u32 kSlabRegion = 40u << 20;  // the arena plus the slab's metadata

// Replays ops [begin, end) with malloc (or calloc) and free. False when malloc fails.
bool replay_malloc(const SlabTrace& t, u32 begin, u32 end, void** table, bool zeroed, u64& sum) {
  const TraceOp* ops = t.ops.data();
  for (u32 i = begin; i < end; ++i) {
    const TraceOp op = ops[i];
    if (op.slot & kFreeBit) {
      void* p = table[op.slot & ~kFreeBit];
      sum += *static_cast<u32*>(p);
      std::free(p);
    } else {
      void* p = zeroed ? std::calloc(1, op.size) : std::malloc(op.size);
      if (p == nullptr) return false;
      *static_cast<u32*>(p) = op.size;
      table[op.slot] = p;
    }
  }
  return true;
}

// Replays ops [begin, end) with the slab, allocating with alloc (kZeroed) or alloc_raw; frees pass
// the allocation size (the sized free, which lets the slab check the class). False on the first
// failed call.
template <bool kZeroed>
bool replay_slab(const SlabTrace& t, u32 begin, u32 end, oc::SlabAllocator& slab, oc::u8* base,
                 oc::Offset* table, u64& sum) {
  const TraceOp* ops = t.ops.data();
  bool ok = true;
  for (u32 i = begin; i < end; ++i) {
    const TraceOp op = ops[i];
    if (op.slot & kFreeBit) {
      oc::Offset off = table[op.slot & ~kFreeBit];
      u32 v;
      std::memcpy(&v, base + off, sizeof v);
      sum += v;
      ok &= slab.free(off, op.size) == oc::Status::Ok;
    } else {
      oc::Offset off = kZeroed ? slab.alloc(op.size) : slab.alloc_raw(op.size);
      if (off == oc::kNullOffset) return false;
      std::memcpy(base + off, &op.size, sizeof op.size);
      table[op.slot] = off;
    }
  }
  return ok;
}

// One slab for the process: created by whichever workload runs first, reused (warm) afterwards.
struct SlabFixture {
  oc::Region region;
  oc::SlabAllocator slab;
  oc::Status status = oc::Status::InvalidArgument;
  std::vector<oc::Offset> table;

  SlabFixture() {
    status = region.init(kSlabRegion);
    if (status != oc::Status::Ok) return;
    oc::SlabOptions options;
#if !defined(__EMSCRIPTEN__)
    options.page_size = oc::slab_page_size_from_env(options.page_size);  // OPENCLAW_SLAB_SIZE
#endif
    auto made = oc::SlabAllocator::create(region, kSlabArena, options);
    status = made.status;
    if (made.ok()) slab = made.value;
    table.resize(slab_trace().slots);
  }
};

SlabFixture& slab_fixture() {
  static SlabFixture f;
  return f;
}

void run_malloc_trace(u32 rounds, Outcome& out, bool zeroed) {
  const SlabTrace& t = slab_trace();
  std::vector<void*> table(t.slots);
  const u32 n = static_cast<u32>(t.ops.size());
  u64 sum = 0;
  double t0 = now_ns();
  for (u32 r = 0; r < rounds; ++r) {
    if (!replay_malloc(t, 0, n, table.data(), zeroed, sum)) return out.fail("malloc returned null");
  }
  double t1 = now_ns();
  double ops = static_cast<double>(rounds) * n;
  out.set("ns_per_op", (t1 - t0) / ops);
  out.set("ops", ops);
  out.set("checksum", static_cast<double>(sum));
}

template <bool kZeroed>
void run_slab_trace(u32 rounds, Outcome& out) {
  const SlabTrace& t = slab_trace();
  SlabFixture& f = slab_fixture();
  if (f.status != oc::Status::Ok) return out.fail(oc::status_name(f.status));
  const u32 n = static_cast<u32>(t.ops.size());
  u64 sum = 0;
  bool ok = true;
  double t0 = now_ns();
  for (u32 r = 0; r < rounds && ok; ++r) {
    ok = replay_slab<kZeroed>(t, 0, n, f.slab, f.region.base(), f.table.data(), sum);
  }
  double t1 = now_ns();
  if (!ok) return out.fail("slab alloc or free failed");
  if (f.slab.stats().live_blocks != 0) return out.fail("slab not empty after the run");
  if (f.slab.check() != oc::Status::Ok) return out.fail("slab check() failed after the run");
  double ops = static_cast<double>(rounds) * n;
  out.set("ns_per_op", (t1 - t0) / ops);
  out.set("ops", ops);
  out.set("checksum", static_cast<double>(sum));
}

}  // namespace

void run_slab_malloc(u32 rounds, Outcome& out) { run_malloc_trace(rounds, out, false); }
void run_slab_calloc(u32 rounds, Outcome& out) { run_malloc_trace(rounds, out, true); }
void run_slab_oc(u32 rounds, Outcome& out) { run_slab_trace<true>(rounds, out); }
void run_slab_oc_raw(u32 rounds, Outcome& out) { run_slab_trace<false>(rounds, out); }

// Bytes held for the same live set (the trace up to its drain): malloc first, while the heap is
// fresh, then a slab that has never served anything. The slab allocates with alloc (zeroed);
// alloc_raw takes the very same blocks and metadata, only the blocks' contents differ.
void run_slab_reserved(u32, Outcome& out) {
  const SlabTrace& t = slab_trace();
  const u32 n = static_cast<u32>(t.ops.size());
  u64 sum = 0;
  {
    std::vector<void*> table(t.slots);
    HeapSnapshot before = heap_snapshot();
    if (!replay_malloc(t, 0, t.drain_begin, table.data(), false, sum)) return out.fail("malloc returned null");
    HeapSnapshot at = heap_snapshot();
    if (!replay_malloc(t, t.drain_begin, n, table.data(), false, sum)) return out.fail("malloc returned null");
    out.set("malloc_reserved_bytes", at.span - before.span);
    out.set("malloc_in_use_bytes", at.in_use - before.in_use);
    out.set("malloc_brk_growth", at.brk - before.brk);
  }
  SlabFixture& f = slab_fixture();
  if (f.status != oc::Status::Ok) return out.fail(oc::status_name(f.status));
  if (f.slab.stats().total_allocs != 0) return out.fail("slab-reserved must run before slab-oc and slab-oc-raw");
  if (!replay_slab<true>(t, 0, t.drain_begin, f.slab, f.region.base(), f.table.data(), sum)) {
    return out.fail("slab alloc or free failed");
  }
  oc::SlabStats s = f.slab.stats();
  if (!replay_slab<true>(t, t.drain_begin, n, f.slab, f.region.base(), f.table.data(), sum)) {
    return out.fail("slab alloc or free failed");
  }
  if (f.slab.check() != oc::Status::Ok) return out.fail("slab check() failed after the run");
  out.set("slab_reserved_bytes", s.reserved_bytes);
  out.set("slab_live_bytes", s.live_bytes);
  out.set("slab_pages_in_use", s.pages_in_use);
  out.set("slab_page_size", s.page_size);
  out.set("live_blocks", t.live_at_drain);
  out.set("requested_bytes", t.live_bytes_at_drain);
  out.set("checksum", static_cast<double>(sum));
}

}  // namespace ocb
