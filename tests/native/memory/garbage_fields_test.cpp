// Fields that the rest of an allocator's state determines exactly (geometry, counters, list heads and
// links, bitmaps, block size words): whatever other value one of them takes, the whole-region check
// must refuse the image. And one regression test for each hole the garbage tests found in attach()
// and check(). Runs under ASan + UBSan like the rest of the suite.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "memory/garbage_images.h"

namespace oc {
namespace {

using namespace garbage;

struct Field {
  u32 offset, width;
  std::string what;
};

#define OC_FIELD(type, base, member) \
  Field { static_cast<u32>((base) + offsetof(type, member)), static_cast<u32>(sizeof(type::member)), #type "." #member }

// The fields of the region header and of every allocator in the image that no consistent state can
// change alone. Left out on purpose: counters nothing depends on (failures, high-water marks), ids
// (any unused id is as good), a pool's slot size and alignment and an arena's bounds (another value
// can describe the same bytes consistently), a class's current page, and the region's carve top,
// root, flags and frame counter.
std::vector<Field> determined_fields(const BaseImage& b) {
  const u8* img = b.bytes.get();
  const auto at = [&](Offset off) { return img + off; };
  std::vector<Field> f = {OC_FIELD(RegionHeader, 0, magic), OC_FIELD(RegionHeader, 0, version),
                          OC_FIELD(RegionHeader, 0, header_size), OC_FIELD(RegionHeader, 0, size),
                          OC_FIELD(RegionHeader, 0, first_allocator), OC_FIELD(RegionHeader, 0, last_allocator),
                          OC_FIELD(RegionHeader, 0, allocator_count), OC_FIELD(RegionHeader, 0, next_allocator_id)};
  for (u32 i = 0; i < 4; ++i) f.push_back(Field{48 + 4 * i, 4, "RegionHeader.reserved"});
  for (const Offset a : b.allocators) {
    f.push_back(OC_FIELD(AllocatorHeader, a, kind));
    f.push_back(OC_FIELD(AllocatorHeader, a, next));
    f.push_back(OC_FIELD(AllocatorHeader, a, header_size));
    const u32 kind = reinterpret_cast<const AllocatorHeader*>(at(a))->kind;
    if (kind == kKindPool) {
      for (Field x : {OC_FIELD(FixedPoolHeader, a, capacity), OC_FIELD(FixedPoolHeader, a, index_bits),
                      OC_FIELD(FixedPoolHeader, a, slots_offset), OC_FIELD(FixedPoolHeader, a, gens_offset),
                      OC_FIELD(FixedPoolHeader, a, free_head), OC_FIELD(FixedPoolHeader, a, bump),
                      OC_FIELD(FixedPoolHeader, a, live), OC_FIELD(FixedPoolHeader, a, peak),
                      OC_FIELD(FixedPoolHeader, a, links_offset), OC_FIELD(FixedPoolHeader, a, total_allocs),
                      OC_FIELD(FixedPoolHeader, a, total_frees)}) {
        f.push_back(x);
      }
    } else if (kind == kKindSlab) {
      const SlabHeader& h = *reinterpret_cast<const SlabHeader*>(at(a));
      for (Field x : {OC_FIELD(SlabHeader, a, version), OC_FIELD(SlabHeader, a, page_size),
                      OC_FIELD(SlabHeader, a, page_shift), OC_FIELD(SlabHeader, a, class_steps),
                      OC_FIELD(SlabHeader, a, class_count), OC_FIELD(SlabHeader, a, span_begin),
                      OC_FIELD(SlabHeader, a, span_end), OC_FIELD(SlabHeader, a, frame_count),
                      OC_FIELD(SlabHeader, a, classes_offset), OC_FIELD(SlabHeader, a, class_map_offset),
                      OC_FIELD(SlabHeader, a, tlsf_offset), OC_FIELD(SlabHeader, a, frames_offset),
                      OC_FIELD(SlabHeader, a, metadata_bytes), OC_FIELD(SlabHeader, a, pages_in_use),
                      OC_FIELD(SlabHeader, a, fallback_blocks), OC_FIELD(SlabHeader, a, fallback_bytes),
                      OC_FIELD(SlabHeader, a, links_offset), OC_FIELD(SlabHeader, a, reserved0),
                      OC_FIELD(SlabHeader, a, total_allocs), OC_FIELD(SlabHeader, a, total_frees)}) {
        f.push_back(x);
      }
      for (u32 i = 0; i < h.class_count; ++i) {
        const u32 c = h.classes_offset + i * static_cast<u32>(sizeof(SlabClass));
        for (Field x : {OC_FIELD(SlabClass, c, block_size), OC_FIELD(SlabClass, c, blocks_per_page),
                        OC_FIELD(SlabClass, c, bitmap_at), OC_FIELD(SlabClass, c, page_bytes),
                        OC_FIELD(SlabClass, c, recip), OC_FIELD(SlabClass, c, partial), OC_FIELD(SlabClass, c, pages),
                        OC_FIELD(SlabClass, c, live_blocks), OC_FIELD(SlabClass, c, reserved0)}) {
          f.push_back(x);
        }
      }
      for (u32 i = 0; i < kSlabClassMapSize; ++i) f.push_back(Field{h.class_map_offset + i, 1, "class map"});
      const u32 t = h.tlsf_offset;
      for (Field x : {OC_FIELD(TlsfHeader, t, magic), OC_FIELD(TlsfHeader, t, begin), OC_FIELD(TlsfHeader, t, end),
                      OC_FIELD(TlsfHeader, t, first), OC_FIELD(TlsfHeader, t, sentinel),
                      OC_FIELD(TlsfHeader, t, map_offset), OC_FIELD(TlsfHeader, t, map_words),
                      OC_FIELD(TlsfHeader, t, fl_bitmap), OC_FIELD(TlsfHeader, t, live_blocks),
                      OC_FIELD(TlsfHeader, t, used_bytes), OC_FIELD(TlsfHeader, t, free_bytes),
                      OC_FIELD(TlsfHeader, t, free_blocks), OC_FIELD(TlsfHeader, t, total_allocs),
                      OC_FIELD(TlsfHeader, t, total_frees)}) {
        f.push_back(x);
      }
      const u32 lists = t + static_cast<u32>(offsetof(TlsfHeader, sl_bitmap));
      for (u32 w = 0; w < kTlsfFlCount * (1 + kTlsfSlCount); ++w) f.push_back(Field{lists + 4 * w, 4, "TLSF lists"});
      const TlsfHeader& th = *reinterpret_cast<const TlsfHeader*>(at(t));
      for (u32 w = 0; w < th.map_words; ++w) f.push_back(Field{th.map_offset + 4 * w, 4, "TLSF map"});
      for (u32 i = 0; i < h.frame_count; ++i) {
        const u32 fr = h.frames_offset + i * static_cast<u32>(sizeof(SlabFrame));
        for (Field x : {OC_FIELD(SlabFrame, fr, page), OC_FIELD(SlabFrame, fr, bits0), OC_FIELD(SlabFrame, fr, free_head),
                        OC_FIELD(SlabFrame, fr, bump), OC_FIELD(SlabFrame, fr, live), OC_FIELD(SlabFrame, fr, cls),
                        OC_FIELD(SlabFrame, fr, flags)}) {
          f.push_back(x);
        }
        const u32 l = h.links_offset + i * static_cast<u32>(sizeof(SlabLink));
        f.push_back(OC_FIELD(SlabLink, l, next));
        f.push_back(OC_FIELD(SlabLink, l, prev));
      }
    }
  }
  for (const u32 w : b.words) f.push_back(Field{w, 4, "span word (size word, free link, footer, page bitmap/link)"});
  return f;
}

// Other values for a field of `width` bytes: off by one either way, the top bit and the one below it
// (old + 2^30 for a u32: a count whose product by 4 wraps back), zero, all ones, off by a granule.
std::vector<u64> other_values(u64 old, u32 width) {
  const u64 mask = width == 8 ? ~u64{0} : (u64{1} << (8 * width)) - 1;
  const u64 top = u64{1} << (8 * width - 1);
  std::vector<u64> out;
  for (u64 v : {old + 1, old - 1, old ^ top, old + (top >> 1), u64{0}, mask, old + 16}) {
    v &= mask;
    bool seen = v == old;
    for (const u64 o : out) seen |= o == v;
    if (!seen) out.push_back(v);
  }
  return out;
}

u32 load_kind(const BaseImage& b, Offset at) {
  u32 kind;
  std::memcpy(&kind, b.bytes.get() + at, 4);
  return kind;
}

TEST(GarbageFields, EveryDeterminedFieldChangedIsRefused) {
  u32 cases = 0;
  std::vector<std::string> missed;
  for (const BaseImage& b : make_bases()) {
    Bytes work = aligned_bytes(b.size);
    for (const Field& f : determined_fields(b)) {
      u64 old = 0;
      std::memcpy(&old, b.bytes.get() + f.offset, f.width);
      for (const u64 v : other_values(old, f.width)) {
        std::memcpy(work.get(), b.bytes.get(), b.size);
        std::memcpy(work.get() + f.offset, &v, f.width);
        Region view = Region::view(work.get(), b.size);
        cases++;
        if (check_region_and_allocators(view) == Status::Ok && missed.size() < 20) {
          missed.push_back(b.name + ": " + f.what + " @" + std::to_string(f.offset) + " " + std::to_string(old) +
                           " -> " + std::to_string(v));
        }
      }
    }
  }
  std::printf("[ fields   ] %u changes of determined fields, %zu accepted\n", cases, missed.size());
  EXPECT_GT(cases, 10000u);
  for (const std::string& m : missed) ADD_FAILURE() << "accepted: " << m;
}

// Regressions: each test below failed (or tripped a sanitizer) before the hole it names was closed.

// Two allocators that each pass their own check can still overlap: a pool whose every slot is live
// (nothing of its storage is checked) enlarged over the slab carved after it. Accepted, the pool's
// next free() would scrub the slab's header.
TEST(GarbageRegression, PoolSlotsOverTheNextAllocatorAreRefused) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  Result<FixedPool> p = FixedPool::create(r, 64, 16, 8);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(SlabAllocator::create(r, 16 * 1024).ok());
  for (u32 i = 0; i < 8; ++i) ASSERT_NE(p.value.alloc(), kNullHandle);
  ASSERT_EQ(check_region_and_allocators(r), Status::Ok);
  auto& h = *r.at<FixedPoolHeader>(p.value.header_offset());
  h.slot_size = 128;  // slots now run over the slab's header, still inside the carved bytes
  ASSERT_LE(h.slots_offset + 8u * h.slot_size, r.used());
  EXPECT_EQ(check_region_and_allocators(r), Status::CorruptState);
  EXPECT_EQ(FixedPool::attach(r, p.value.header_offset()).status, Status::CorruptState);
}

// attach() can run before (or without) the region's own check, so carve_top is as untrusted as the
// rest: a pool or arena whose consistent-looking geometry reaches past the region's real size.
TEST(GarbageRegression, GeometryPastTheRegionIsRefusedWithoutTheRegionCheck) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  const Offset pool = FixedPool::create(r, 16, 16, 16).value.header_offset();
  const Offset arena = FrameArena::create(r, 1024).value.header_offset();
  Bytes work = aligned_bytes(r.size());
  {
    const detail::RegionBytesScope scope(r);  // free pool slots are poisoned under ASan
    std::memcpy(work.get(), r.base(), r.size());
  }
  Region v = Region::view(work.get(), r.size());
  v.header().carve_top = 0xFFFFF000u;
  auto& ph = *v.at<FixedPoolHeader>(pool);
  ph.capacity = kPoolMaxCapacity;
  ph.index_bits = 20;
  ph.links_offset = ph.gens_offset + 4 * kPoolMaxCapacity;
  ph.slots_offset = align_up(ph.links_offset + 4 * kPoolMaxCapacity, 64);
  EXPECT_EQ(FixedPool::attach(v, pool).status, Status::CorruptState);
  v.at<FrameArenaHeader>(arena)->end = 1u << 20;
  EXPECT_EQ(FrameArena::attach(v, arena).status, Status::CorruptState);
}

// An unaligned link in the allocator list ends the walk instead of being read through.
TEST(GarbageRegression, UnalignedAllocatorLinksAreNotFollowed) {
  for (const BaseImage& b : make_bases()) {
    if (b.allocators.empty()) continue;
    Bytes work = aligned_bytes(b.size);
    std::memcpy(work.get(), b.bytes.get(), b.size);
    Region v = Region::view(work.get(), b.size);
    v.header().first_allocator += 2;
    EXPECT_EQ(check_region_and_allocators(v), Status::CorruptState);
    for (const Offset at : b.allocators) EXPECT_NE(attach_and_check(v, load_kind(b, at), at), Status::Ok) << b.name;
  }
}

// A TLSF whose header or live map lies inside its own range would be overwritten by its blocks, and
// one too small for a single block would give alloc() a wrapped capacity: attach() refuses both.
TEST(GarbageRegression, TlsfAttachRefusesARangeOverItsOwnMetadata) {
  constexpr u32 kSize = 64 * 1024, kRange = 4096;
  Bytes buf = aligned_bytes(kSize);
  std::memset(buf.get(), 0, kSize);
  ASSERT_TRUE(Tlsf::create(buf.get(), 0, 4096, 8192, kSize).ok());
  ASSERT_TRUE(Tlsf::attach(buf.get(), kSize, 0).ok());
  auto& h = *reinterpret_cast<TlsfHeader*>(buf.get());
  h.map_offset = 8192 + kRange;  // inside [begin, end)
  EXPECT_EQ(Tlsf::attach(buf.get(), kSize, 0).status, Status::CorruptState);
  h.map_offset = 4096;
  h.end = h.begin + 20;  // room for no block: sentinel below first + 16
  h.sentinel = h.end & ~15u;
  h.map_words = Tlsf::map_bytes(20) / 4;
  EXPECT_EQ(Tlsf::attach(buf.get(), kSize, 0).status, Status::CorruptState);
}

// Free-list membership is exact: a node forged inside a live block, shaped like a free block of the
// right size, replacing the real free block in its list, is refused.
TEST(GarbageRegression, FreeListNodeForgedInsideALiveBlockIsRefused) {
  constexpr u32 kSize = 64 * 1024;
  Bytes buf = aligned_bytes(kSize);
  std::memset(buf.get(), 0, kSize);
  Tlsf t = Tlsf::create(buf.get(), 0, 4096, 8192, kSize).value;
  const Offset a = t.alloc(200), big = t.alloc(2000);
  ASSERT_NE(t.alloc(200), kNullOffset);  // keeps a's block from merging with the rest
  ASSERT_EQ(t.free(a), Status::Ok);
  ASSERT_EQ(t.check(), Status::Ok);
  auto& h = *reinterpret_cast<TlsfHeader*>(buf.get());
  u32* head = nullptr;
  for (auto& row : h.heads) {
    for (u32& x : row) head = x == a ? &x : head;
  }
  ASSERT_NE(head, nullptr);
  u8* img = buf.get();
  u32 size_word;
  std::memcpy(&size_word, img + a - 4, 4);
  const Offset fake = big + 64;
  const u32 zero = 0;
  std::memcpy(img + fake - 4, &size_word, 4);
  std::memcpy(img + fake, &zero, 4);
  std::memcpy(img + fake + 4, &zero, 4);
  std::memcpy(img + fake + (size_word & ~15u) - 8, &fake, 4);
  *head = fake;
  EXPECT_EQ(t.check(), Status::CorruptState);
}

// The same over a range of several 512 KiB windows (the membership pass works one window at a time,
// resuming the chain walk where the previous window stopped): free blocks in every window pass, a
// node forged in a later window does not.
TEST(GarbageRegression, FreeListMembershipHoldsAcrossWindows) {
  constexpr u32 kSize = 3u << 20;
  Bytes buf = aligned_bytes(kSize);
  std::memset(buf.get(), 0, kSize);
  Tlsf t = Tlsf::create(buf.get(), 0, 4096, 64 * 1024, kSize).value;
  std::vector<Offset> blocks;
  for (Offset off = t.alloc(100 * 1024); off != kNullOffset; off = t.alloc(100 * 1024)) blocks.push_back(off);
  ASSERT_GT(blocks.size(), 20u);
  for (size_t i = 0; i < blocks.size(); i += 2) ASSERT_EQ(t.free(blocks[i]), Status::Ok);
  ASSERT_EQ(t.check(), Status::Ok);
  // Move the head of the last freed block's list onto a look-alike inside the live block before it.
  auto& h = *reinterpret_cast<TlsfHeader*>(buf.get());
  const Offset real = blocks[(blocks.size() - 1) & ~size_t{1}];
  u32* head = nullptr;
  for (auto& row : h.heads) {
    for (u32& x : row) head = x == real ? &x : head;
  }
  ASSERT_NE(head, nullptr);
  ASSERT_GT(real, 4096u + (2u << 20));  // past the first windows
  u8* img = buf.get();
  const Offset fake = blocks[((blocks.size() - 1) & ~size_t{1}) - 1] + 256;
  std::memcpy(img + fake - 4, img + real - 4, 4);  // the same size word
  std::memcpy(img + fake, img + real, 8);          // the same links
  u32 size_word;
  std::memcpy(&size_word, img + real - 4, 4);
  std::memcpy(img + fake + (size_word & ~15u) - 8, &fake, 4);
  u32 next;
  std::memcpy(&next, img + real, 4);
  if (next != 0) std::memcpy(img + next + 4, &fake, 4);  // the list is consistent around the fake
  *head = fake;
  EXPECT_EQ(t.check(), Status::CorruptState);
}

// check() on a live view revalidates the header: geometry changed under the view (here the frame
// count, which only attach() used to compare) is refused instead of trusted.
TEST(GarbageRegression, SlabCheckRevalidatesTheHeaderUnderALiveView) {
  Region r;
  ASSERT_EQ(r.init(64 * 1024), Status::Ok);
  SlabAllocator s = SlabAllocator::create(r, 24 * 1024).value;
  ASSERT_NE(s.alloc(100), kNullOffset);
  ASSERT_EQ(s.check(), Status::Ok);
  r.at<SlabHeader>(s.header_offset())->frame_count += 1;
  EXPECT_EQ(s.check(), Status::CorruptState);
}

}  // namespace
}  // namespace oc
