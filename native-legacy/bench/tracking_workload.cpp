// The tracking workloads (area `tracking`): issue 2's pool and slab workloads with a tracker attached
// to the allocators' region, run in each run-time mode — off, counters, full records — so that the
// runner can report each mode's cost as a ratio against "off" measured side by side. The tracker ends
// a frame once per round, as a game would once per frame, and that cost is inside the timing.
//
// One fixture for the process: a state region with the pool and the slab, and a debug region with a
// tracker whose record table holds every block the workloads keep live (an overflowing table would
// make full mode look cheaper than it is; the run fails if anything overflowed). Like any native
// program on the SDK, the benchmark writes the tracker's reports as stats lines for claw-stats when
// OPENCLAW_STATS names a file (OPENCLAW_STATS_EVERY=n: also every n frames).
#include <cstring>
#include <vector>

#include "memory/fixed_pool.h"
#include "memory/slab_allocator.h"
#include "pool_round.h"
#include "slab_trace.h"
#include "tracking/stats_file.h"
#include "tracking/tracker.h"
#include "workloads.h"

namespace ocb {

namespace {

constexpr u32 kBlocks = 10000;
constexpr u32 kBlockSize = 64;
constexpr u32 kOpsPerRound = 3 * kBlocks;
constexpr u32 kSlabArena = 32u << 20;
constexpr u32 kStateBytes = 36u << 20;
constexpr u32 kRecords = 1u << 16;

oc::Handle g_handles[kBlocks];

struct TrackedFixture {
  oc::Region state;
  oc::Region debug;
  oc::FixedPool pool;
  oc::SlabAllocator slab;
  oc::Tracker* tracker = nullptr;
  oc::StatsFile stats;  // declared after the regions: destroyed (its last line written) before them
  std::vector<oc::Offset> table;
  oc::Status status = oc::Status::InvalidArgument;
  const char* failed = "fixture";

  // The last stats line, then the tracker, while its debug region is still there (the regions are
  // destroyed after this body, and a tracked region's destructor would otherwise reach the tracker).
  ~TrackedFixture() {
    stats.finish();
    delete tracker;
  }

  TrackedFixture() {
    if ((status = state.init(kStateBytes)) != oc::Status::Ok) { failed = "state region"; return; }
    auto p = oc::FixedPool::create(state, kBlockSize, 16, kBlocks);
    if ((status = p.status) != oc::Status::Ok) { failed = "pool"; return; }
    pool = p.value;
    auto s = oc::SlabAllocator::create(state, kSlabArena);
    if ((status = s.status) != oc::Status::Ok) { failed = "slab"; return; }
    slab = s.value;
    table.resize(slab_trace().slots);
    oc::TrackerOptions options;
    options.records = kRecords;
    options.tagmap_bytes = kSlabArena / oc::kTrackGranule + kBlocks + (64u << 10);
    options.mode = oc::TrackMode::Off;
    if ((status = debug.init(oc::Tracker::bytes_needed(options) + (64u << 10))) != oc::Status::Ok) {
      { failed = "debug region"; return; }
    }
    auto t = oc::Tracker::create(debug, options);
    if ((status = t.status) != oc::Status::Ok) { failed = "tracker"; return; }
    tracker = t.value;
    if ((status = tracker->attach(state, "state", 5)) != oc::Status::Ok) { failed = "attach"; return; }
    const u32 actors = tracker->tag("actors", 6);
    const u32 tiles = tracker->tag("tiles", 5);
    tracker->set_allocator_tag(state, pool.id(), actors);
    tracker->set_allocator_tag(state, slab.id(), tiles);
    if ((status = stats.open(*tracker)) != oc::Status::Ok) { failed = "OPENCLAW_STATS_EVERY"; return; }
  }
};

TrackedFixture& fixture() {
  static TrackedFixture f;
  return f;
}

// Sets the mode for one run and checks afterwards that the tracker kept up: every block freed again
// means no record left, and nothing may have overflowed.
bool begin(TrackedFixture& f, oc::TrackMode mode, Outcome& out) {
  if (f.status != oc::Status::Ok) {
    out.fail(f.failed);
    return false;
  }
  f.tracker->set_mode(mode);
  return true;
}

bool finish(TrackedFixture& f, Outcome& out) {
  const oc::TrackerHeader& h = f.tracker->header();
  if (h.overflow != 0) {
    out.fail("the record table overflowed: the full-mode figure would be too low");
    return false;
  }
  if (h.records_used != 0) {
    out.fail("records left after every block was freed");
    return false;
  }
  out.set("records_capacity", h.record_capacity);
  return true;
}

void run_pool(oc::TrackMode mode, u32 rounds, Outcome& out) {
  TrackedFixture& f = fixture();
  if (!begin(f, mode, out)) return;
  oc::FixedPool& pool = f.pool;
  u64 sum = 0;
  bool ok = true;
  double t0 = now_ns();
  for (u32 r = 0; r < rounds; ++r) {
    ok &= pool_round(pool, g_handles, kBlocks, sum);
    f.tracker->frame_end();
    f.stats.frame();
  }
  double t1 = now_ns();
  if (!ok) return out.fail("pool alloc or free failed");
  if (pool.stats().live != 0) return out.fail("pool not empty after the run");
  if (!finish(f, out)) return;
  const double ops = static_cast<double>(rounds) * kOpsPerRound;
  out.set("ns_per_op", (t1 - t0) / ops);
  out.set("ops", ops);
  out.set("checksum", static_cast<double>(sum));
}

void run_slab(oc::TrackMode mode, u32 rounds, Outcome& out) {
  TrackedFixture& f = fixture();
  if (!begin(f, mode, out)) return;
  const SlabTrace& t = slab_trace();
  const TraceOp* ops = t.ops.data();
  const u32 n = static_cast<u32>(t.ops.size());
  // A frame ends every kOpsPerFrame operations: the same frame rate as the pool workload.
  constexpr u32 kOpsPerFrame = kOpsPerRound;
  oc::SlabAllocator& slab = f.slab;
  oc::u8* base = f.state.base();
  oc::Offset* table = f.table.data();
  u64 sum = 0;
  bool ok = true;
  double t0 = now_ns();
  for (u32 r = 0; r < rounds && ok; ++r) {
    for (u32 i = 0; i < n; ++i) {
      const TraceOp op = ops[i];
      if (op.slot & kFreeBit) {
        const oc::Offset off = table[op.slot & ~kFreeBit];
        u32 v;
        std::memcpy(&v, base + off, sizeof v);
        sum += v;
        ok &= slab.free(off, op.size) == oc::Status::Ok;
      } else {
        const oc::Offset off = slab.alloc_raw(op.size);
        if (off == oc::kNullOffset) {
          ok = false;
          break;
        }
        std::memcpy(base + off, &op.size, sizeof op.size);
        table[op.slot] = off;
      }
      if ((i + 1) % kOpsPerFrame == 0) {
        f.tracker->frame_end();
        f.stats.frame();
      }
    }
  }
  double t1 = now_ns();
  if (!ok) return out.fail("slab alloc or free failed");
  if (slab.stats().live_blocks != 0) return out.fail("slab not empty after the run");
  if (!finish(f, out)) return;
  const double total = static_cast<double>(rounds) * n;
  out.set("ns_per_op", (t1 - t0) / total);
  out.set("ops", total);
  out.set("checksum", static_cast<double>(sum));
}

}  // namespace

void run_track_pool_off(u32 rounds, Outcome& out) { run_pool(oc::TrackMode::Off, rounds, out); }
void run_track_pool_counters(u32 rounds, Outcome& out) { run_pool(oc::TrackMode::Counters, rounds, out); }
void run_track_pool_full(u32 rounds, Outcome& out) { run_pool(oc::TrackMode::Full, rounds, out); }
void run_track_slab_off(u32 rounds, Outcome& out) { run_slab(oc::TrackMode::Off, rounds, out); }
void run_track_slab_counters(u32 rounds, Outcome& out) { run_slab(oc::TrackMode::Counters, rounds, out); }
void run_track_slab_full(u32 rounds, Outcome& out) { run_slab(oc::TrackMode::Full, rounds, out); }

// What the tracker holds per live allocation in full mode: the table's record slots (a record and
// its free-ring entry each, with the slots kept for freed records spread over the capacity) and the
// index, per unit of record capacity, checked against a table that really holds that many live
// blocks. Pool slots find their record through a per-pool map of one u32 per slot (tracker.h).
void run_track_bytes(u32, Outcome& out) {
  TrackedFixture& f = fixture();
  if (!begin(f, oc::TrackMode::Full, out)) return;
  const u32 live = kBlocks;
  bool ok = true;
  for (u32 i = 0; i < live; ++i) ok &= (g_handles[i] = f.pool.alloc()) != oc::kNullHandle;
  const oc::TrackerHeader& h = f.tracker->header();
  const double used = h.records_used;
  const double capacity = h.record_capacity;
  const double record_bytes = static_cast<double>(h.record_slots) * (sizeof(oc::TrackRecord) + sizeof(oc::u32));
  const double index_bytes = static_cast<double>(h.index_capacity) * sizeof(oc::TrackIndexEntry);
  for (u32 i = 0; i < live; ++i) ok &= f.pool.free(g_handles[i]) == oc::Status::Ok;
  f.tracker->set_mode(oc::TrackMode::Off);
  if (!ok) return out.fail("pool alloc or free failed");
  if (used != live) return out.fail("not every live allocation was recorded");
  out.set("bytes_per_live_allocation", (record_bytes + index_bytes) / capacity);
  out.set("record_bytes", sizeof(oc::TrackRecord));
  out.set("free_ring_bytes_per_slot", sizeof(oc::u32));
  out.set("record_slots", h.record_slots);
  out.set("index_bytes_per_record", index_bytes / capacity);
  out.set("pool_slot_map_bytes_per_slot", sizeof(oc::u32));
  out.set("tagmap_bytes_per_slab_granule", 1);
  out.set("records_capacity", capacity);
  out.set("live", live);
}

}  // namespace ocb
