// oc-snap: the native side of the cross-build snapshot tests. It runs the deterministic workload
// (memory/workload.h) in a state region set up like the TypeScript engine's (a region, a slab with the
// core's default page size and class steps, the workload's pool and state), saves and loads snapshots,
// and prints what the tests compare: per-frame checksums, the frame counter and the region's hashes.
// Output is machine-readable: "key value" lines on stdout; a failure prints "error <StatusName>" on
// stdout (details on stderr) and exits 1; a usage error exits 2.
// With --track (or a stats file) the run also feeds an allocation tracker in a debug region of its
// own and writes its reports as stats lines (tracking/stats_file.h), the input of claw-stats.
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "memory/region.h"
#include "memory/slab_allocator.h"
#include "memory/workload.h"
#include "snapshot/snapshot.h"
#include "tracking/stats_file.h"
#include "tracking/tracker.h"

namespace {

using oc::Region;
using oc::Result;
using oc::Status;
using oc::u32;
using oc::u64;
using oc::u8;

const char kUsage[] =
    "usage:\n"
    "  oc-snap run --region-bytes B --slab-bytes S --seed N --frames F\n"
    "              [--pool-capacity C] [--slot-size Z] [--load FILE]\n"
    "              [--save-at K --save FILE] [--checksums OUT]\n"
    "              [--track off|counters|full] [--stats PATH] [--stats-every N]\n"
    "      Creates a region of B bytes, a slab of S bytes in it (default page size and class steps)\n"
    "      and the workload (seed N, a pool of C slots of Z bytes; defaults 4096 and 48, as in the\n"
    "      engine's cross-build tests), or, with --load, restores FILE into a fresh region of the\n"
    "      snapshot's size and finds the workload there (B, S, N, C and Z are then ignored).\n"
    "      Runs F frames, each with input = the region's frame counter before the frame (low 32\n"
    "      bits). --checksums writes each frame's checksum (XXH3-64 of the region's used bytes) to\n"
    "      OUT, 16 hex digits a line. --save writes a full sealed snapshot to FILE when the frame\n"
    "      counter equals K (K = the counter at the start saves before the first frame). Prints:\n"
    "        saved FILE           when the snapshot was written\n"
    "        frame <n>            the frame counter at the end\n"
    "        checksum <hex>       the region checksum at the end\n"
    "        fnv <hex>            FNV-1a 64 of all the region's bytes at the end\n"
    "      --track attaches an allocation tracker (in a debug region of its own) to the region in\n"
    "      that mode; --stats appends its report (one JSON line, docs/claw-stats.md) to PATH at the\n"
    "      end and, with --stats-every N, every N frames. Without --stats, OPENCLAW_STATS and\n"
    "      OPENCLAW_STATS_EVERY name them; a stats file without --track tracks in counters mode.\n"
    "      With a tracker, --save embeds its report in the snapshot (a TRAK chunk). Prints also:\n"
    "        stats PATH <lines>   the stats file and the lines written to it\n"
    "  oc-snap hash FILE\n"
    "      Restores FILE into a fresh region of the snapshot's size and prints frame, checksum and\n"
    "      fnv as above.\n"
    "  oc-snap --help\n"
    "Failures print \"error <StatusName>\" (a core Status, or Io for file errors) and exit 1.\n";

// The workload pool of tests/engine/snapshot/portability.test.ts: a run without --pool-capacity and
// --slot-size must match its oc_workload_create(region, seed, 4096, 48).
constexpr u64 kDefaultPoolCapacity = 4096;
constexpr u64 kDefaultSlotSize = 48;

int usage_error(const char* why) {
  std::fprintf(stderr, "oc-snap: %s\n%s", why, kUsage);
  return 2;
}

int fail(Status s, const char* what) {
  std::printf("error %s\n", oc::status_name(s));
  std::fprintf(stderr, "oc-snap: %s: %s\n", what, oc::status_name(s));
  return 1;
}

int fail_io(const char* path) {
  std::printf("error Io\n");
  std::fprintf(stderr, "oc-snap: %s: %s\n", path, std::strerror(errno));
  return 1;
}

bool read_file(const char* path, std::vector<u8>* out) {
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  u8 buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->insert(out->end(), buf, buf + n);
  const bool ok = std::ferror(f) == 0;
  std::fclose(f);
  return ok;
}

bool write_file(const char* path, const u8* data, size_t len) {
  std::FILE* f = std::fopen(path, "wb");
  if (f == nullptr) return false;
  const bool wrote = std::fwrite(data, 1, len, f) == len;
  return std::fclose(f) == 0 && wrote;
}

// Decimal or 0x-hex, the whole argument, within [0, max].
bool parse_u64(const char* s, u64 max, u64* out) {
  if (s == nullptr || *s == '\0' || *s == '-') return false;
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 0);
  if (errno != 0 || *end != '\0' || v > max) return false;
  *out = v;
  return true;
}

// Restores a snapshot file into `region`, created at the snapshot's region size.
int load_snapshot(const char* path, Region& region) {
  std::vector<u8> bytes;
  if (!read_file(path, &bytes)) return fail_io(path);
  if (bytes.size() > 0xFFFFFFFFu) return fail(Status::OutOfRange, "snapshot larger than 4 GiB");
  const u32 len = static_cast<u32>(bytes.size());
  const Result<oc::SnapshotInfo> info = oc::inspect(bytes.data(), len);
  if (!info.ok()) return fail(info.status, path);
  const Status s = region.init(info.value.header.region_size);
  if (s != Status::Ok) return fail(s, "region");
  const Status r = oc::restore(region, bytes.data(), len);
  if (r != Status::Ok) return fail(r, path);
  return 0;
}

void print_summary(const Region& region) {
  std::printf("frame %" PRIu64 "\n", region.frame());
  std::printf("checksum %016" PRIx64 "\n", oc::region_checksum(region));
  std::printf("fnv %016" PRIx64 "\n", region.hash());
}

// A full sealed snapshot; with a tracker, its report goes into the snapshot's TRAK chunk.
int save_snapshot(const Region& region, const char* path, oc::Tracker* tracker) {
  std::vector<char> report;
  oc::CaptureOptions options;
  if (tracker != nullptr) {
    report.resize(tracker->report_json(0, nullptr, 0));
    report.resize(tracker->report_json(0, report.data(), static_cast<u32>(report.size())));
    options.report = reinterpret_cast<const u8*>(report.data());
    options.report_len = static_cast<u32>(report.size());
  }
  std::vector<u8> out(oc::snapshot_max_size(region, options.report_len));
  const Result<u32> n = oc::capture(region, out.data(), static_cast<u32>(out.size()), options);
  if (!n.ok()) return fail(n.status, "capture");
  if (!write_file(path, out.data(), n.value)) return fail_io(path);
  std::printf("saved %s\n", path);
  return 0;
}

struct RunArgs {
  u64 region_bytes = 0, slab_bytes = 0, seed = 0, frames = 0;
  u64 pool_capacity = kDefaultPoolCapacity, slot_size = kDefaultSlotSize, save_at = 0;
  bool has_region = false, has_slab = false, has_seed = false, has_frames = false, has_save_at = false;
  const char* load = nullptr;
  const char* save = nullptr;
  const char* checksums = nullptr;
  const char* track = nullptr;  // off, counters, full; nullptr: no tracker unless a stats file is named
  const char* stats = nullptr;
  u64 stats_every = 0;
};

// The tracker of a run: a debug region of its own, the tracker in it, and the stats file it feeds.
// Declared after the state region, so that it goes first (the tracker detaches from that region).
struct Tracking {
  Region debug;
  oc::Tracker* tracker = nullptr;
  oc::StatsFile stats;

  Tracking() = default;
  Tracking(const Tracking&) = delete;
  Tracking& operator=(const Tracking&) = delete;
  ~Tracking() {
    stats.finish();
    delete tracker;
  }
};

bool wants_tracker(const RunArgs& a) {
  const char* env = std::getenv("OPENCLAW_STATS");
  return a.track != nullptr || a.stats != nullptr || (env != nullptr && *env != '\0');
}

oc::TrackMode mode_named(const char* name) {
  if (name == nullptr || std::strcmp(name, "counters") == 0) return oc::TrackMode::Counters;
  return std::strcmp(name, "full") == 0 ? oc::TrackMode::Full : oc::TrackMode::Off;
}

int start_tracking(const RunArgs& a, Region& state, Tracking* t) {
  oc::TrackerOptions options;
  options.mode = mode_named(a.track);
  const u32 need = oc::Tracker::bytes_needed(options);
  if (need == 0) return fail(Status::InvalidArgument, "tracker options");
  Status s = t->debug.init(need + 64 * 1024);  // + the region's header and the tables' alignment
  if (s != Status::Ok) return fail(s, "debug region");
  const Result<oc::Tracker*> made = oc::Tracker::create(t->debug, options);
  if (!made.ok()) return fail(made.status, "tracker");
  t->tracker = made.value;
  s = t->tracker->attach(state, "state", 5);
  if (s != Status::Ok) return fail(s, "tracker attach");
  oc::StatsFileOptions stats;
  stats.path = a.stats;
  stats.every = static_cast<u32>(a.stats_every);
  s = t->stats.open(*t->tracker, stats);
  if (s != Status::Ok) return fail(s, "OPENCLAW_STATS_EVERY is not a whole number");
  return 0;
}

// Tags and names for the report. They are for people: a full tag or string table only leaves them out.
void name_workload(oc::Tracker& t, const Region& state, const oc::Workload& w) {
  (void)t.set_allocator_tag(state, w.state().pool_tag, t.tag("workload", 8));
  (void)t.set_allocator_name(state, w.state().pool_tag, "workload pool", 13);
  (void)t.set_allocator_tag(state, w.state().slab_tag, t.tag("blocks", 6));
  (void)t.set_allocator_name(state, w.state().slab_tag, "slab", 4);
}

int parse_run(int argc, char** argv, RunArgs* a) {
  for (int i = 2; i < argc; ++i) {
    const char* k = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (v == nullptr) return usage_error("missing value after an option");
    ++i;
    bool ok = true;
    if (std::strcmp(k, "--region-bytes") == 0) {
      ok = parse_u64(v, 0xFFFFFFFFu, &a->region_bytes) && (a->has_region = true);
    } else if (std::strcmp(k, "--slab-bytes") == 0) {
      ok = parse_u64(v, 0xFFFFFFFFu, &a->slab_bytes) && (a->has_slab = true);
    } else if (std::strcmp(k, "--seed") == 0) {
      ok = parse_u64(v, 0xFFFFFFFFu, &a->seed) && (a->has_seed = true);
    } else if (std::strcmp(k, "--frames") == 0) {
      ok = parse_u64(v, 0xFFFFFFFFu, &a->frames) && (a->has_frames = true);
    } else if (std::strcmp(k, "--pool-capacity") == 0) {
      ok = parse_u64(v, 0xFFFFFFFFu, &a->pool_capacity);
    } else if (std::strcmp(k, "--slot-size") == 0) {
      ok = parse_u64(v, 0xFFFFFFFFu, &a->slot_size);
    } else if (std::strcmp(k, "--save-at") == 0) {
      ok = parse_u64(v, ~0ull, &a->save_at) && (a->has_save_at = true);
    } else if (std::strcmp(k, "--load") == 0) {
      a->load = v;
    } else if (std::strcmp(k, "--save") == 0) {
      a->save = v;
    } else if (std::strcmp(k, "--checksums") == 0) {
      a->checksums = v;
    } else if (std::strcmp(k, "--track") == 0) {
      a->track = v;
      ok = std::strcmp(v, "off") == 0 || std::strcmp(v, "counters") == 0 || std::strcmp(v, "full") == 0;
      if (!ok) return usage_error("--track takes off, counters or full");
    } else if (std::strcmp(k, "--stats") == 0) {
      a->stats = v;
    } else if (std::strcmp(k, "--stats-every") == 0) {
      ok = parse_u64(v, 0xFFFFFFFFu, &a->stats_every);
    } else {
      return usage_error("unknown option");
    }
    if (!ok) return usage_error("not a number in range");
  }
  if (!a->has_frames) return usage_error("--frames is required");
  if (a->load == nullptr && !(a->has_region && a->has_slab && a->has_seed)) {
    return usage_error("--region-bytes, --slab-bytes and --seed are required without --load");
  }
  if ((a->save != nullptr) != a->has_save_at) return usage_error("--save-at and --save go together");
  return 0;
}

int run(int argc, char** argv) {
  RunArgs a;
  if (int e = parse_run(argc, argv, &a)) return e;

  Region region;
  Tracking tracking;
  const bool track = wants_tracker(a);
  if (a.load != nullptr) {
    if (int e = load_snapshot(a.load, region)) return e;
    const Result<oc::Workload> w = oc::Workload::attach(region);
    if (!w.ok()) return fail(w.status, "no workload at the snapshot's root");
    // Attached after the restore: the tracker registers the restored blocks as they are.
    if (track) {
      if (int e = start_tracking(a, region, &tracking)) return e;
      name_workload(*tracking.tracker, region, w.value);
    }
  } else {
    Status s = region.init(static_cast<u32>(a.region_bytes));
    if (s != Status::Ok) return fail(s, "region");
    // Attached before anything is allocated, so that every allocation is seen with its site.
    if (track) {
      if (int e = start_tracking(a, region, &tracking)) return e;
    }
    // The page size is the core's default, not OPENCLAW_SLAB_SIZE: the wasm engine has no environment.
    const Result<oc::SlabAllocator> slab = oc::SlabAllocator::create(region, static_cast<u32>(a.slab_bytes));
    if (!slab.ok()) return fail(slab.status, "slab");
    oc::WorkloadOptions options;
    options.seed = static_cast<u32>(a.seed);
    options.pool_capacity = static_cast<u32>(a.pool_capacity);
    options.slot_size = static_cast<u32>(a.slot_size);
    const Result<oc::Workload> w = oc::Workload::create(region, options);
    if (!w.ok()) return fail(w.status, "workload");
    if (track) name_workload(*tracking.tracker, region, w.value);
  }

  std::FILE* sums = nullptr;
  if (a.checksums != nullptr && (sums = std::fopen(a.checksums, "w")) == nullptr) return fail_io(a.checksums);
  int result = 0;
  if (a.save != nullptr && region.frame() == a.save_at) result = save_snapshot(region, a.save, tracking.tracker);
  for (u64 f = 0; f < a.frames && result == 0; ++f) {
    Result<oc::Workload> w = oc::Workload::attach(region);
    const Status s = w.ok() ? w.value.step(static_cast<u32>(region.frame())) : w.status;
    if (s != Status::Ok) {
      result = fail(s, "step");
      break;
    }
    if (sums != nullptr) std::fprintf(sums, "%016" PRIx64 "\n", oc::region_checksum(region));
    if (tracking.tracker != nullptr) tracking.tracker->frame_end();
    if (!tracking.stats.frame()) {
      result = fail_io(tracking.stats.path());
      break;
    }
    if (a.save != nullptr && region.frame() == a.save_at) result = save_snapshot(region, a.save, tracking.tracker);
  }
  if (sums != nullptr && std::fclose(sums) != 0 && result == 0) result = fail_io(a.checksums);
  if (result != 0) return result;
  if (tracking.stats.enabled()) {
    const char* path = tracking.stats.path();
    if (!tracking.stats.finish()) return fail_io(path);
    std::printf("stats %s %u\n", path, tracking.stats.lines());
  }
  print_summary(region);
  return 0;
}

int hash(int argc, char** argv) {
  if (argc != 3) return usage_error("hash takes one FILE");
  Region region;
  if (int e = load_snapshot(argv[2], region)) return e;
  print_summary(region);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage_error("no command");
  if (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (std::strcmp(argv[1], "run") == 0) return run(argc, argv);
  if (std::strcmp(argv[1], "hash") == 0) return hash(argc, argv);
  return usage_error("unknown command");
}
