// attach() and check() on garbage: a restore validates a region image whose bytes may be crafted (a
// fuzzer re-seals mutated snapshots, so checksums do not stop it), and the allocators' attach() and
// check() are what stands between those bytes and the running program. Here real regions (pool,
// slab with traffic, arena) are mutated inside their allocators' metadata: headers, generations and
// links, class tables, TLSF header, map and blocks, frame and link tables, page bitmaps and free
// lists. The region check and every allocator's attach + check must then run without a sanitizer
// report (this suite runs under ASan + UBSan, on heap copies of exactly the image's size so that
// any access past it is seen), and whatever they accept must really be consistent: it is used like a
// program would use it after a restore (free everything, allocate again, check again).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "memory/garbage_images.h"

namespace oc {
namespace {

using namespace garbage;

// Values a forged u32 field is likely to be wrong with: off by one or by a granule, a high bit, 0 and
// all ones, an offset somewhere in the image, and old + 2^30 (a count whose product by 4 wraps back).
u32 forged_u32(Rng& rng, u32 old, u32 image_size) {
  switch (rng.below(14)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return 0xFFFFFFFFu;
    case 3: return old + 1;
    case 4: return old - 1;
    case 5: return old + 16;
    case 6: return old - 16;
    case 7: return old ^ (1u << rng.below(32));
    case 8: return old + 0x40000000u;
    case 9: return rng.below(image_size);
    case 10: return rng.below(image_size) & ~15u;
    case 11: return rng.below(256);
    case 12: return old * 2;
    default: return static_cast<u32>(rng.next());
  }
}

u32 load32(const u8* p) {
  u32 v;
  std::memcpy(&v, p, 4);
  return v;
}
void store32(u8* p, u32 v) { std::memcpy(p, &v, 4); }

// One random mutation of `img` (a copy of the base's bytes) inside the base's metadata; returns what
// it did, for the failure message.
std::string mutate(const BaseImage& b, u8* img, Rng& rng) {
  const u32 pick = rng.below(100);
  if (pick < 15 && !b.words.empty()) {
    const u32 at = b.words[rng.below(static_cast<u32>(b.words.size()))];
    const u32 old = load32(img + at);
    const u32 v = forged_u32(rng, old, b.size);
    store32(img + at, v);
    return "span word @" + std::to_string(at) + " " + std::to_string(old) + "->" + std::to_string(v);
  }
  const Target& t = b.targets[rng.below(static_cast<u32>(b.targets.size()))];
  const std::string where = std::string(t.what) + " @";
  if (pick < 55) {
    const u32 at = t.offset + 4 * rng.below(t.length / 4);
    const u32 old = load32(img + at);
    const u32 v = forged_u32(rng, old, b.size);
    store32(img + at, v);
    return where + std::to_string(at) + " word " + std::to_string(old) + "->" + std::to_string(v);
  }
  if (pick < 70) {
    const u32 at = t.offset + rng.below(t.length);
    const u8 old = img[at];
    img[at] = rng.chance(50) ? static_cast<u8>(old ^ (1u << rng.below(8))) : static_cast<u8>(rng.next());
    return where + std::to_string(at) + " byte " + std::to_string(old) + "->" + std::to_string(img[at]);
  }
  if (pick < 78 && t.length >= 8) {
    const u32 at = t.offset + 8 * rng.below(t.length / 8);
    u64 v;
    std::memcpy(&v, img + at, 8);
    v = rng.chance(50) ? v + (rng.chance(50) ? 1 : ~u64{0}) : rng.next();
    std::memcpy(img + at, &v, 8);
    return where + std::to_string(at) + " u64";
  }
  if (pick < 86 && t.whole) {
    // A whole header of forged fields, or of plain random bytes.
    const bool random = rng.chance(30);
    for (u32 at = t.offset; at + 4 <= t.offset + t.length; at += 4) {
      if (random) {
        store32(img + at, static_cast<u32>(rng.next()));
      } else if (rng.chance(40)) {
        store32(img + at, forged_u32(rng, load32(img + at), b.size));
      }
    }
    return where + std::to_string(t.offset) + (random ? " random header" : " forged header");
  }
  if (pick < 93 && t.length >= 32) {
    // One 16-byte entry over another (frame entries, TLSF heads, generations).
    const u32 from = t.offset + 16 * rng.below(t.length / 16), to = t.offset + 16 * rng.below(t.length / 16);
    std::memmove(img + to, img + from, 16);
    return where + std::to_string(to) + " entry copied from " + std::to_string(from);
  }
  const u32 x = t.offset + 4 * rng.below(t.length / 4), y = t.offset + 4 * rng.below(t.length / 4);
  const u32 vx = load32(img + x);
  store32(img + x, load32(img + y));
  store32(img + y, vx);
  return where + std::to_string(x) + " swapped with " + std::to_string(y);
}

TEST(GarbageCheck, BaseImagesPassAndStayUsable) {
  for (BaseImage& b : make_bases()) {
    Bytes work = aligned_bytes(b.size);
    std::memcpy(work.get(), b.bytes.get(), b.size);
    Region v = Region::view(work.get(), b.size);
    EXPECT_EQ(check_region_and_allocators(v), Status::Ok) << b.name;
    for (const Offset at : b.allocators) {
      EXPECT_EQ(attach_and_check(v, v.at<AllocatorHeader>(at)->kind, at), Status::Ok) << b.name << " @" << at;
    }
    EXPECT_EQ(std::memcmp(work.get(), b.bytes.get(), b.size), 0) << b.name << ": checking changed bytes";
    EXPECT_TRUE(survives_use(v)) << b.name;
  }
}

// >= 100,000 cases of 1 to 3 mutations each, spread over the base images. Every case is reproducible
// from its index (the seed is derived from it).
TEST(GarbageCheck, MutatedMetadataIsRefusedOrConsistent) {
  const std::vector<BaseImage> bases = make_bases();
  std::vector<Bytes> work;
  for (const BaseImage& b : bases) work.push_back(aligned_bytes(b.size));
  constexpr u32 kCases = 120000;
  u32 refused = 0, accepted = 0, unchanged = 0;
  for (u32 i = 0; i < kCases; ++i) {
    const u32 which = i % static_cast<u32>(bases.size());
    const BaseImage& b = bases[which];
    u8* img = work[which].get();
    std::memcpy(img, b.bytes.get(), b.size);
    Rng rng{0x5EED0000ull + i};
    std::string what;
    for (u32 m = 1 + rng.below(3); m > 0; --m) what += mutate(b, img, rng) + "; ";
    Region v = Region::view(img, b.size);
    const Status s = check_region_and_allocators(v);
    for (const Offset at : b.allocators) attach_and_check(v, load32(b.bytes.get() + at), at);
    if (std::memcmp(img, b.bytes.get(), b.size) == 0) {
      unchanged++;
      ASSERT_EQ(s, Status::Ok) << "case " << i << " (" << b.name << "): an unchanged image was refused";
    } else if (s == Status::Ok) {
      accepted++;
      ASSERT_TRUE(survives_use(v)) << "case " << i << " (" << b.name << "): accepted " << what;
    } else {
      refused++;
    }
  }
  std::printf("[ garbage  ] %u cases: %u refused, %u accepted and survived use, %u left the bytes unchanged\n",
              kCases, refused, accepted, unchanged);
  EXPECT_GT(refused, kCases / 2);
  EXPECT_GT(accepted, 0u);
}

}  // namespace
}  // namespace oc
