// The snapshot workload of issue 3 (`npm run bench -- snapshot`, native side): a 16 MiB state region
// filled by allocator traffic until every page is non-zero, then, side by side in one run, a sealed
// capture, an unsealed capture, a restore with full validation, the XXH3 checksum alone, and the
// baseline: a memcpy of the same bytes into a preallocated buffer.
//
// Each operation runs `rounds` times and reports its mean time; tools/bench takes medians across
// repetitions. The region, the snapshot buffer and the copy buffer are made once (the first run) and
// touched before use, so no run pays for page faults the others do not.
#include <cstdlib>
#include <cstring>

#include "memory/fixed_pool.h"
#include "memory/region.h"
#include "memory/slab_allocator.h"
#include "snapshot/checksum.h"
#include "snapshot/snapshot.h"
#include "workloads.h"
#include "xorshift.h"

namespace ocb {

namespace {

constexpr u32 kRegionBytes = 16u << 20;
constexpr u32 kSlabBytes = 8u << 20;
constexpr u32 kSlotSize = 64;
constexpr u32 kPage = oc::kSnapshotPageSize;

void fill(oc::u8* p, u32 len, Xorshift32& rng) noexcept {
  u32 i = 0;
  for (; i + 4 <= len; i += 4) {
    const u32 v = rng.next() | 0x01010101u;  // no zero byte: a written block is never a zero page
    std::memcpy(p + i, &v, 4);
  }
  for (; i < len; ++i) p[i] = static_cast<oc::u8>(rng.next() | 1u);
}

struct Scene {
  oc::Region region;
  oc::u8* snap = nullptr;   // capture output, snapshot_max_size() bytes
  u32 snap_cap = 0;
  u32 snap_len = 0;         // a sealed snapshot of the filled region, for the restores
  oc::u8* copy = nullptr;   // the baseline's destination
  u32 zero_pages = 0;
  bool ok = false;
  const char* error = nullptr;
};

// Allocates until the pool is full and the slab is exhausted, writing every block, then frees a
// quarter of each at random (freed bytes stay as they were in a release build: still non-zero).
const char* make_traffic(oc::Region& region) noexcept {
  auto slab = oc::SlabAllocator::create(region, kSlabBytes);
  if (!slab.ok()) return "slab create failed";
  // The pool takes what is left after the slab, minus room for its metadata (8 bytes per slot).
  const u32 left = region.size() - region.used();
  const u32 capacity = (left - 64 * 1024) / (kSlotSize + 8);
  auto pool = oc::FixedPool::create(region, kSlotSize, 16, capacity);
  if (!pool.ok()) return "pool create failed";
  Xorshift32 rng(0x9E3779B9u);  // the fill pattern and the traffic's choices, the same on every run

  static oc::Handle handles[(kRegionBytes / (kSlotSize + 8)) + 1];
  u32 live = 0;
  for (;;) {
    oc::Status s = oc::Status::Ok;
    const oc::Handle h = pool.value.alloc(&s);
    if (h == oc::kNullHandle) break;
    oc::Offset off = 0;
    if (pool.value.resolve(h, &off) != oc::Status::Ok) return "pool resolve failed";
    fill(region.base() + off, kSlotSize, rng);
    handles[live++] = h;
  }
  static oc::Offset blocks[kSlabBytes / 16];
  static u32 sizes[kSlabBytes / 16];
  u32 nblocks = 0;
  for (u32 misses = 0; misses < 64;) {
    // Mostly slab classes; one in eight above the largest class, served by the TLSF fallback, so its
    // live-block map (slab metadata) is written across the whole span too.
    const u32 size = rng.below(8) == 0 ? 4097 + rng.below(12288) : 16 + rng.below(4096 - 16);
    oc::Status s = oc::Status::Ok;
    const oc::Offset off = slab.value.alloc(size, 16, &s);
    if (off == oc::kNullOffset) {
      ++misses;  // exhausted for this size; smaller ones may still fit
      continue;
    }
    fill(region.base() + off, size, rng);
    blocks[nblocks] = off;
    sizes[nblocks++] = size;
  }
  for (u32 i = 0; i < live / 4; ++i) {
    const u32 j = rng.below(live);
    if (handles[j] != oc::kNullHandle && pool.value.free(handles[j]) != oc::Status::Ok) return "pool free failed";
    handles[j] = oc::kNullHandle;
  }
  for (u32 i = 0; i < nblocks / 4; ++i) {
    const u32 j = rng.below(nblocks);
    if (blocks[j] != oc::kNullOffset && slab.value.free(blocks[j], sizes[j]) != oc::Status::Ok) return "slab free failed";
    blocks[j] = oc::kNullOffset;
  }
  return nullptr;
}

Scene& scene() noexcept {
  static Scene s;
  static bool made = false;
  if (made) return s;
  made = true;
  if (s.region.init(kRegionBytes) != oc::Status::Ok) {
    s.error = "region init failed";
    return s;
  }
  if ((s.error = make_traffic(s.region)) != nullptr) return s;
  const u32 used = s.region.used();
  for (u32 a = 0; a < used; a += kPage) {
    const u32 n = used - a < kPage ? used - a : kPage;
    bool zero = true;
    for (u32 i = 0; i < n && zero; ++i) zero = s.region.base()[a + i] == 0;
    if (zero) ++s.zero_pages;
  }
  s.snap_cap = oc::snapshot_max_size(s.region);
  s.snap = static_cast<oc::u8*>(std::malloc(s.snap_cap));
  s.copy = static_cast<oc::u8*>(std::malloc(kRegionBytes));
  if (s.snap == nullptr || s.copy == nullptr) {
    s.error = "out of memory";
    return s;
  }
  std::memset(s.snap, 1, s.snap_cap);
  std::memset(s.copy, 1, kRegionBytes);
  auto r = oc::capture(s.region, s.snap, s.snap_cap);
  if (!r.ok()) {
    s.error = "capture failed";
    return s;
  }
  s.snap_len = r.value;
  s.ok = true;
  return s;
}

volatile oc::u8 g_sink;

}  // namespace

void run_snapshot_16mib(u32 rounds, Outcome& out) {
  Scene& s = scene();
  if (!s.ok) {
    out.fail(s.error != nullptr ? s.error : "scene not made");
    return;
  }
  const u32 used = s.region.used();
  double capture_sealed = 0, capture_unsealed = 0, restore = 0, checksum = 0, copy = 0;
  u32 sealed_len = 0;
  u64 sum = 0;
  oc::CaptureOptions unsealed;
  unsealed.seal = false;
  for (u32 r = 0; r < rounds; ++r) {
    double t0 = now_ns();
    std::memcpy(s.copy, s.region.base(), used);
    double t1 = now_ns();
    g_sink = s.copy[(r * 4099u) % used];
    copy += t1 - t0;

    t0 = now_ns();
    auto c = oc::capture(s.region, s.snap, s.snap_cap);
    t1 = now_ns();
    if (!c.ok()) return out.fail("capture failed");
    sealed_len = c.value;
    capture_sealed += t1 - t0;

    t0 = now_ns();
    auto u = oc::capture(s.region, s.snap, s.snap_cap, unsealed);
    t1 = now_ns();
    if (!u.ok()) return out.fail("unsealed capture failed");
    capture_unsealed += t1 - t0;

    t0 = now_ns();
    sum ^= oc::region_checksum(s.region);
    t1 = now_ns();
    checksum += t1 - t0;

    // The restore needs the sealed bytes; the unsealed capture overwrote the buffer.
    if (!oc::capture(s.region, s.snap, s.snap_cap).ok()) return out.fail("capture failed");
    t0 = now_ns();
    const oc::Status st = oc::restore(s.region, s.snap, sealed_len);
    t1 = now_ns();
    if (st != oc::Status::Ok) return out.fail("restore failed");
    restore += t1 - t0;
  }
  const double n = rounds;
  out.set("copy_ns", copy / n);
  out.set("capture_sealed_ns", capture_sealed / n);
  out.set("capture_unsealed_ns", capture_unsealed / n);
  out.set("restore_ns", restore / n);
  out.set("checksum_ns", checksum / n);
  out.set("bytes", used);
  out.set("region_bytes", s.region.size());
  out.set("snapshot_bytes", sealed_len);
  out.set("zero_pages", s.zero_pages);
  out.set("pages", (used + kPage - 1) / kPage);
  out.set("checksum", static_cast<double>(sum & 0xFFFFFu));
}

}  // namespace ocb
