// Helpers of the snapshot tests: a region with a pool, a slab and an arena driven by seeded random
// traffic, captures into vectors, and the "rejected and untouched" assertion.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/region.h"
#include "memory/region_check.h"
#include "memory/slab_allocator.h"
#include "snapshot/checksum.h"
#include "snapshot/snapshot.h"
#include "support/region_bytes.h"
#include "support/splitmix.h"

namespace oc::snaptest {

using Rng = test::SplitMix64;

struct Block {
  Offset offset;
  u32 size;
};

// A state region as a game would have it: entities in a pool, variable-size data in a slab (some of
// it in the TLSF fallback), scratch in an arena. The vectors are the test's own record of what is
// live; they are not in the region.
struct World {
  Region region;
  FixedPool pool;
  SlabAllocator slab;
  FrameArena arena;
  std::vector<Handle> handles;
  std::vector<Block> blocks;

  // pool_slots of 48 B, a slab of slab_bytes, an arena of 8 KiB. Fails the test on error.
  bool init(u32 region_bytes, u32 pool_slots, u32 slab_bytes) {
    if (region.init(region_bytes) != Status::Ok) return fail("region");
    Result<FixedPool> p = FixedPool::create(region, 48, 16, pool_slots);
    if (!p.ok()) return fail("pool");
    pool = p.value;
    Result<SlabAllocator> s = SlabAllocator::create(region, slab_bytes);
    if (!s.ok()) return fail("slab");
    slab = s.value;
    Result<FrameArena> a = FrameArena::create(region, 8192);
    if (!a.ok()) return fail("arena");
    arena = a.value;
    return true;
  }

  // `ops` random operations: pool alloc/free with slot writes, slab alloc (16 B .. 6 KiB) / free with
  // pattern writes, arena allocations, frame counter steps. Refusals (full pool/slab) are part of it.
  void churn(Rng& rng, u32 ops, u32 max_block = 6000) {
    for (u32 i = 0; i < ops; ++i) {
      const u32 what = rng.below(10);
      if (what < 3) {
        Handle h = pool.alloc();
        if (h != kNullHandle) {
          Offset off = 0;
          EXPECT_EQ(pool.resolve(h, &off), Status::Ok);
          const u64 v = rng.next();
          std::memcpy(region.base() + off, &v, sizeof v);
          handles.push_back(h);
        }
      } else if (what < 5 && !handles.empty()) {
        const u32 k = rng.below(static_cast<u32>(handles.size()));
        EXPECT_EQ(pool.free(handles[k]), Status::Ok);
        handles[k] = handles.back();
        handles.pop_back();
      } else if (what < 8) {
        const u32 size = 16 + rng.below(max_block);
        const Offset off = slab.alloc(size);
        if (off != kNullOffset) {
          u8* p = region.base() + off;
          const u8 seed = static_cast<u8>(rng.next());
          for (u32 b = 0; b < size; b += 7) p[b] = static_cast<u8>(seed + b);
          blocks.push_back(Block{off, size});
        }
      } else if (what < 9 && !blocks.empty()) {
        const u32 k = rng.below(static_cast<u32>(blocks.size()));
        EXPECT_EQ(slab.free(blocks[k].offset, blocks[k].size), Status::Ok);
        blocks[k] = blocks.back();
        blocks.pop_back();
      } else {
        if (rng.below(4) == 0) arena.reset();
        const Offset off = arena.alloc(1 + rng.below(256));
        if (off != kNullOffset) region.base()[off] = static_cast<u8>(rng.next() | 1);
        region.set_frame(region.frame() + 1);
      }
    }
  }

 private:
  static bool fail(const char* what) {
    ADD_FAILURE() << "world: " << what;
    return false;
  }
};

// Under ASan free pool slots are poisoned: whole-region copies go through support/region_bytes.h.
inline std::vector<u8> bytes_of(const Region& r) { return testsupport::region_bytes(r); }

inline std::vector<u8> take(const Region& r, bool seal = true, const std::vector<u8>* base = nullptr) {
  std::vector<u8> out(snapshot_max_size(r));
  CaptureOptions o;
  o.seal = seal;
  if (base != nullptr) {
    o.base = base->data();
    o.base_len = static_cast<u32>(base->size());
  }
  const Result<u32> n = capture(r, out.data(), static_cast<u32>(out.size()), o);
  EXPECT_EQ(n.status, Status::Ok);
  out.resize(n.value);
  return out;
}

inline Status restore_from(Region& r, const std::vector<u8>& snap, const std::vector<u8>* base = nullptr) {
  return restore(r, snap.data(), static_cast<u32>(snap.size()), base ? base->data() : nullptr,
                 base ? static_cast<u32>(base->size()) : 0);
}

inline SnapshotHeader header_of(const std::vector<u8>& snap) {
  SnapshotHeader h;
  std::memcpy(&h, snap.data(), sizeof h);
  return h;
}
inline void put_header(std::vector<u8>& snap, const SnapshotHeader& h) { std::memcpy(snap.data(), &h, sizeof h); }

inline ChunkEntry entry_of(const std::vector<u8>& snap, u32 i) {
  ChunkEntry e;
  std::memcpy(&e, snap.data() + sizeof(SnapshotHeader) + i * sizeof(ChunkEntry), sizeof e);
  return e;
}
inline void put_entry(std::vector<u8>& snap, u32 i, const ChunkEntry& e) {
  std::memcpy(snap.data() + sizeof(SnapshotHeader) + i * sizeof(ChunkEntry), &e, sizeof e);
}

// Recomputes only the whole-file checksum (header + table), the way a forger would after editing a
// field, so that the edit reaches the check it targets instead of failing on the checksum.
inline void reseal_whole(std::vector<u8>& snap) {
  SnapshotHeader h = header_of(snap);
  h.whole_checksum = 0;
  const u64 table_end = sizeof h + static_cast<u64>(h.chunk_count) * sizeof(ChunkEntry);
  if (table_end > snap.size()) return;  // the reader refuses the count before it looks at the checksum
  std::vector<u8> buf(snap.begin(), snap.begin() + static_cast<std::ptrdiff_t>(table_end));
  std::memcpy(buf.data(), &h, sizeof h);
  h.whole_checksum = checksum64(buf.data(), buf.size());
  put_header(snap, h);
}

// Recomputes one chunk's checksum (after a payload edit), then the whole checksum.
inline void reseal_chunk(std::vector<u8>& snap, u32 i) {
  ChunkEntry e = entry_of(snap, i);
  e.checksum = checksum64(snap.data() + e.offset, e.size);
  put_entry(snap, i, e);
  reseal_whole(snap);
}

// The restore is refused with `want`, and the live region is byte for byte what it was and passes
// every check.
inline void expect_rejected(Region& live, const std::vector<u8>& snap, Status want,
                            const std::vector<u8>* base = nullptr) {
  const std::vector<u8> before = bytes_of(live);
  EXPECT_EQ(restore_from(live, snap, base), want);
  EXPECT_TRUE(bytes_of(live) == before) << "a refused restore changed the live region";
  EXPECT_EQ(check_region_and_allocators(live), Status::Ok);
}

}  // namespace oc::snaptest
