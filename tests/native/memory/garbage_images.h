// Shared by the garbage tests (garbage_check_test.cpp, garbage_fields_test.cpp): real region images
// to mutate (pool, slab with traffic, arena), the spans of their allocators' metadata, and the use
// that an accepted image must survive.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "memory/detail/region_bytes_scope.h"
#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/region_check.h"
#include "memory/slab_allocator.h"
#include "memory/tlsf.h"
#include "support/splitmix.h"

namespace oc::garbage {

using Rng = test::SplitMix64;

struct FreeDeleter {
  void operator()(u8* p) const { std::free(p); }
};
using Bytes = std::unique_ptr<u8, FreeDeleter>;

inline Bytes aligned_bytes(u32 size) { return Bytes(static_cast<u8*>(std::aligned_alloc(kRegionAlign, size))); }

// A span of an image worth mutating. whole: a header that may be replaced by random bytes at once.
struct Target {
  u32 offset, length;
  const char* what;
  bool whole;
};

// A real region's bytes, the spans its metadata occupies, and single in-span words that matter
// (TLSF size words, free-block links and footers, page bitmap words and in-page free links).
struct BaseImage {
  std::string name;
  u32 size = 0;
  Bytes bytes;
  std::vector<Target> targets;
  std::vector<u32> words;
  std::vector<Offset> allocators;  // header offsets, in list order
};

inline void pool_traffic(FixedPool& p, Rng& rng, u32 steps) {
  std::vector<Handle> live;
  p.walk([&](Handle h, Offset) { live.push_back(h); });
  for (u32 i = 0; i < steps; ++i) {
    if (!live.empty() && rng.chance(45)) {
      const u32 k = rng.below(static_cast<u32>(live.size()));
      ASSERT_EQ(p.free(live[k]), Status::Ok);
      live[k] = live.back();
      live.pop_back();
    } else {
      Status s;
      const Handle h = p.alloc(&s);
      if (s == Status::Ok) live.push_back(h);
    }
  }
}

// Sizes across the classes and past them (the TLSF fallback), some over-aligned (fallback too).
inline void slab_traffic(SlabAllocator& slab, Rng& rng, u32 steps, u32 free_percent) {
  std::vector<Offset> live;
  slab.walk([&](Offset off, u32) { live.push_back(off); });
  for (u32 i = 0; i < steps; ++i) {
    if (!live.empty() && rng.chance(free_percent)) {
      const u32 k = rng.below(static_cast<u32>(live.size()));
      ASSERT_EQ(slab.free(live[k]), Status::Ok);
      live[k] = live.back();
      live.pop_back();
      continue;
    }
    const u32 pick = rng.below(100);
    const u32 size = pick < 60 ? 1 + rng.below(512) : pick < 85 ? 513 + rng.below(3584) : 4097 + rng.below(5000);
    const u32 align = rng.chance(8) ? 64u << rng.below(3) : 16;
    Status s;
    const Offset off = slab.alloc(size, align, &s);
    if (s == Status::Ok) live.push_back(off);
  }
}

inline void add(BaseImage& b, u32 offset, u32 length, const char* what, bool whole = false) {
  if (length != 0) b.targets.push_back(Target{offset, length, what, whole});
}

// The metadata spans and in-span words of every allocator, read from the live views.
inline void collect_targets(BaseImage& b, Region& r) {
  add(b, 0, sizeof(RegionHeader), "region header", true);
  r.for_each_allocator([&](AllocatorHeader& a) {
    const Offset at = r.offset_of(&a);
    b.allocators.push_back(at);
    if (a.kind == kKindPool) {
      const FixedPoolHeader& h = *r.at<FixedPoolHeader>(at);
      add(b, at, sizeof h, "pool header", true);
      add(b, h.gens_offset, 8 * h.capacity, "pool generations and links");
      add(b, h.slots_offset, h.slot_size * (h.capacity < 8 ? h.capacity : 8), "pool slots");
    } else if (a.kind == kKindArena) {
      const FrameArenaHeader& h = *r.at<FrameArenaHeader>(at);
      add(b, at, sizeof h, "arena header", true);
      add(b, h.begin, h.end - h.begin < 256 ? h.end - h.begin : 256, "arena span");
    } else if (a.kind == kKindSlab) {
      const SlabHeader& h = *r.at<SlabHeader>(at);
      add(b, at, sizeof h, "slab header", true);
      add(b, h.classes_offset, h.class_count * sizeof(SlabClass), "slab classes");
      add(b, h.class_map_offset, kSlabClassMapSize, "slab class map");
      add(b, h.tlsf_offset, sizeof(TlsfHeader), "tlsf header", true);
      const TlsfHeader& t = *r.at<TlsfHeader>(h.tlsf_offset);
      add(b, t.map_offset, t.map_words * 4, "tlsf map");
      add(b, h.frames_offset, h.frame_count * sizeof(SlabFrame), "slab frames");
      add(b, h.links_offset, h.frame_count * sizeof(SlabLink), "slab links");
      // Blocks of the chain: size words, free links and footers; pages: bitmap tails, free links.
      const SlabFrame* frames = r.at<SlabFrame>(h.frames_offset);
      const SlabClass* classes = r.at<SlabClass>(h.classes_offset);
      for (Offset off = t.first; off < t.sentinel;) {
        const u32 sw = *r.at<u32>(off - 4);
        const u32 size = sw & ~15u;
        b.words.push_back(off - 4);
        if (sw & 1u) {
          b.words.insert(b.words.end(), {off, off + 4, off + size - 8});
        }
        const SlabFrame& f = frames[(off - h.span_begin) / h.page_size];
        if (f.page == off) {
          const SlabClass& c = classes[f.cls];
          for (u32 w = c.bitmap_at; w < c.page_bytes; w += 4) b.words.push_back(off + w);
          for (u32 n = f.free_head, guard = 0; n != 0 && guard < 64; ++guard) {
            const Offset link = off + (n - 1) * c.block_size;
            b.words.push_back(link);
            n = *r.at<u32>(link);
          }
        }
        off += size;
      }
      b.words.push_back(t.sentinel - 4);
    }
  });
}

inline BaseImage snapshot_of(const char* name, Region& r) {
  BaseImage b;
  b.name = name;
  b.size = r.size();
  b.bytes = aligned_bytes(b.size);
  {
    const detail::RegionBytesScope scope(r);  // free pool slots are poisoned under ASan
    std::memcpy(b.bytes.get(), r.base(), b.size);
  }
  collect_targets(b, r);
  return b;
}

// The regions the mutations start from: each passes the whole-region check as it is.
inline std::vector<BaseImage> make_bases() {
  std::vector<BaseImage> out;
  Rng rng{42};
  {  // pool, slab with default options, arena: a mix of everything after traffic
    Region r;
    EXPECT_EQ(r.init(96 * 1024), Status::Ok);
    FixedPool p = FixedPool::create(r, 40, 8, 96).value;
    SlabAllocator s = SlabAllocator::create(r, 40 * 1024).value;
    FrameArena a = FrameArena::create(r, 2048).value;
    pool_traffic(p, rng, 300);
    slab_traffic(s, rng, 400, 45);
    for (u32 i = 0; i < 5; ++i) a.alloc(50 + 30 * i, 16u << (i % 3));
    out.push_back(snapshot_of("mixed", r));
    // The same after freeing nearly everything: pages back in the span, long pool free list.
    slab_traffic(s, rng, 400, 95);
    pool_traffic(p, rng, 400);
    a.reset();
    out.push_back(snapshot_of("drained", r));
  }
  {  // 8 KiB pages, one class per doubling (pages run over frames: cover flags), slab first
    Region r;
    EXPECT_EQ(r.init(96 * 1024), Status::Ok);
    SlabAllocator s = SlabAllocator::create(r, 56 * 1024, SlabOptions{8192, 1}).value;
    FixedPool p = FixedPool::create(r, 24, 4, 33).value;
    FrameArena a = FrameArena::create(r, 512).value;
    slab_traffic(s, rng, 500, 40);
    pool_traffic(p, rng, 100);
    a.alloc(100);
    out.push_back(snapshot_of("big-pages", r));
  }
  {  // allocators that never served anything
    Region r;
    EXPECT_EQ(r.init(64 * 1024), Status::Ok);
    FixedPool::create(r, 16, 16, 64);
    SlabAllocator::create(r, 24 * 1024);
    FrameArena::create(r, 1024);
    out.push_back(snapshot_of("fresh", r));
  }
  {  // no allocator at all
    Region r;
    EXPECT_EQ(r.init(16 * 1024), Status::Ok);
    out.push_back(snapshot_of("empty", r));
  }
  return out;
}

// Uses every allocator of an image that passed the check the way a program would after a restore:
// frees everything live, allocates again, and checks again. Whatever check() accepted must survive
// this: an operation that fails, a check that fails afterwards, or a sanitizer report means the
// image was accepted while inconsistent.
inline ::testing::AssertionResult survives_use(Region& r) {
  std::vector<Offset> headers;
  r.for_each_allocator([&](AllocatorHeader& a) { headers.push_back(r.offset_of(&a)); });
  for (const Offset at : headers) {
    const u32 kind = r.at<AllocatorHeader>(at)->kind;
    if (kind == kKindPool) {
      const Result<FixedPool> attached = FixedPool::attach(r, at);
      if (!attached.ok()) return ::testing::AssertionFailure() << "pool attach after a passed check";
      FixedPool p = attached.value;
      std::vector<Handle> live;
      p.walk([&](Handle h, Offset) { live.push_back(h); });
      for (const Handle h : live) {
        if (p.free(h) != Status::Ok) return ::testing::AssertionFailure() << "pool free of a walked handle";
      }
      u32 got = 0;
      Status s = Status::Ok;
      while (s == Status::Ok) got += p.alloc(&s) != kNullHandle ? 1 : 0;
      if (got != p.header().capacity || s != Status::Exhausted) return ::testing::AssertionFailure() << "pool refill";
    } else if (kind == kKindSlab) {
      const Result<SlabAllocator> attached = SlabAllocator::attach(r, at);
      if (!attached.ok()) return ::testing::AssertionFailure() << "slab attach after a passed check";
      SlabAllocator s = attached.value;
      std::vector<Offset> live;
      s.walk([&](Offset off, u32) { live.push_back(off); });
      for (const Offset off : live) {
        if (s.free(off) != Status::Ok) return ::testing::AssertionFailure() << "slab free of a walked block";
      }
      Rng rng{7};
      slab_traffic(s, rng, 300, 30);
    } else if (kind == kKindArena) {
      const Result<FrameArena> attached = FrameArena::attach(r, at);
      if (!attached.ok()) return ::testing::AssertionFailure() << "arena attach after a passed check";
      FrameArena a = attached.value;
      a.reset();
      a.alloc(64);
      a.alloc(100, 64);
    }
  }
  const Status after = check_region_and_allocators(r);
  if (after != Status::Ok) return ::testing::AssertionFailure() << "check after use: " << status_name(after);
  return ::testing::AssertionSuccess();
}

// attach() + check() of the allocator at `at` by its kind in the base, whatever the region check said
// (the ABI can attach without it): only the absence of a sanitizer report is asserted here.
inline Status attach_and_check(Region& r, u32 kind, Offset at) {
  switch (kind) {
    case kKindPool: {
      const Result<FixedPool> p = FixedPool::attach(r, at);
      return p.ok() ? p.value.check() : p.status;
    }
    case kKindSlab: {
      const Result<SlabAllocator> sl = SlabAllocator::attach(r, at);
      return sl.ok() ? sl.value.check() : sl.status;
    }
    default: {
      const Result<FrameArena> a = FrameArena::attach(r, at);
      return a.ok() ? a.value.check() : a.status;
    }
  }
}

}  // namespace oc::garbage
