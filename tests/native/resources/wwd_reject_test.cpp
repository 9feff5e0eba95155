// WWD: every damaged image is rejected with its own status, and no cut of a valid image parses.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"
#include "resources/formats/wwd_tiles.h"
#include "resources/formats/wwd_writer.h"

namespace oc::formats {
namespace {

ByteSpan span_of(const std::vector<u8>& v) { return ByteSpan(v.data(), static_cast<u32>(v.size())); }

// Two planes, one object with strings, both kinds of tile description (the double one last, so the
// image ends inside it).
std::vector<u8> small_level() {
  WwdSpec s;
  s.level_name = "Small";
  WwdPlaneSpec back;
  back.name = "Background";
  back.tiles_x = 2;
  back.tiles_y = 2;
  back.tiles = {-1, 1, 2, 3};
  back.image_sets = {"A"};
  WwdPlaneSpec action;
  action.name = "Action";
  action.flags = kWwdPlaneMain;
  action.tiles_x = 3;
  action.tiles_y = 1;
  action.tiles = {4, -1, 5};
  action.image_sets = {"B", "CC"};
  WwdObjectSpec crate{};
  crate.fields.id = 1;
  crate.name = "crate";
  crate.logic = "Crate";
  crate.image_set = "LEVEL_CRATES";
  crate.sound = "";
  action.objects = {crate};
  s.planes = {back, action};
  s.tile_descriptions = {wwd_tile_single(0, 0, kTileSolid), wwd_tile_double(0, 0, kTileClear, kTileClear, {1, 2, 3, 4})};
  return wwd_write_image(s);
}

// Everything a level loader reads, stopping at the first error.
Status parse_all(const std::vector<u8>& image) {
  const ByteSpan span = span_of(image);
  WwdHeader h{};
  Status st = wwd_parse_image(span, &h);
  if (st != Status::Ok) return st;
  for (u32 p = 0; p < h.num_planes; ++p) {
    WwdPlane plane{};
    if ((st = wwd_plane(span, h, p, &plane)) != Status::Ok) return st;
    for (u32 y = 0; y < plane.tiles_y; ++y) {
      for (u32 x = 0; x < plane.tiles_x; ++x) {
        i32 tile = 0;
        if ((st = wwd_tile(span, plane, x, y, &tile)) != Status::Ok) return st;
      }
    }
    std::vector<TextRef> sets(plane.image_sets_count);
    if ((st = wwd_read_image_sets(span, plane, sets.data(), plane.image_sets_count)) != Status::Ok) return st;
    WwdObjectCursor cursor(span, plane);
    while (cursor.remaining() > 0) {
      WwdObject o{};
      if ((st = cursor.next(&o)) != Status::Ok) return st;
    }
  }
  u32 count = 0;
  if ((st = wwd_tile_descriptions_count(span, h, &count)) != Status::Ok) return st;
  std::vector<WwdTileDescription> tiles(count);
  return wwd_read_tile_descriptions(span, h, tiles.data(), count);
}

void put(std::vector<u8>* v, u64 at, u32 x) { std::memcpy(v->data() + at, &x, 4); }

// Where things are in the pristine image, to aim the damage.
struct Layout {
  WwdHeader h;
  WwdPlane planes[2];
  u32 size;
  u32 plane_at(u32 p, u32 field) const { return planes[p].offset + field; }
};

Layout layout_of(const std::vector<u8>& image) {
  Layout l{};
  l.size = static_cast<u32>(image.size());
  EXPECT_EQ(wwd_parse_image(span_of(image), &l.h), Status::Ok);
  for (u32 p = 0; p < 2; ++p) EXPECT_EQ(wwd_plane(span_of(image), l.h, p, &l.planes[p]), Status::Ok);
  return l;
}

TEST(WwdReject, TheFixtureParses) { EXPECT_EQ(parse_all(small_level()), Status::Ok); }

TEST(WwdReject, EveryTruncationIsRejected) {
  const std::vector<u8> image = small_level();
  for (u32 n = 0; n < image.size(); ++n) {
    const std::vector<u8> cut(image.begin(), image.begin() + n);
    const Status st = parse_all(cut);
    EXPECT_NE(st, Status::Ok) << "length " << n;
    if (n < kWwdHeaderSize) {
      EXPECT_EQ(st, Status::Truncated) << n;
    }
  }
}

TEST(WwdReject, DamagedImagesGetTheirStatus) {
  struct Case {
    const char* what;
    void (*damage)(std::vector<u8>*, const Layout&);
    Status expected;
  };
  using V = std::vector<u8>;
  const Case cases[] = {
      {"signature", [](V* v, const Layout&) { put(v, 0, 1523); }, Status::BadMagic},
      {"planes inside the header", [](V* v, const Layout&) { put(v, 736, 100); }, Status::OutOfRange},
      {"planes past the end", [](V* v, const Layout& l) { put(v, 736, l.size + 1); }, Status::OutOfRange},
      {"body of 4 GiB", [](V* v, const Layout&) { put(v, 744, 0xFFFFFFFFu); }, Status::Oversized},
      {"4-billion planes", [](V* v, const Layout&) { put(v, 732, 0xFFFFFFFFu); }, Status::Oversized},
      {"plane table past the end", [](V* v, const Layout& l) { put(v, 732, (l.size - 1000) / kWwdPlaneSize); },
       Status::Truncated},
      {"tilesX*tilesY = 2^32", [](V* v, const Layout& l) { put(v, l.plane_at(0, 96), 0x10000); put(v, l.plane_at(0, 100), 0x10000); },
       Status::Oversized},
      {"tilesX*tilesY = (2^32-1)^2", [](V* v, const Layout& l) { put(v, l.plane_at(1, 96), 0xFFFFFFFFu); put(v, l.plane_at(1, 100), 0xFFFFFFFFu); },
       Status::Oversized},
      {"tiles past the end", [](V* v, const Layout& l) { put(v, l.plane_at(1, 132), l.size - 4); }, Status::OutOfRange},
      {"tiles offset 4 GiB", [](V* v, const Layout& l) { put(v, l.plane_at(1, 132), 0xFFFFFFF0u); }, Status::OutOfRange},
      {"tiles over the plane table", [](V* v, const Layout& l) { put(v, l.plane_at(0, 132), l.h.planes_offset + 8); },
       Status::Overlap},
      {"4-billion image sets", [](V* v, const Layout& l) { put(v, l.plane_at(1, 124), 0xFFFFFFFFu); }, Status::Oversized},
      {"image sets past the end", [](V* v, const Layout& l) { put(v, l.plane_at(0, 136), l.size + 10); }, Status::OutOfRange},
      {"image set without NUL",
       [](V* v, const Layout& l) {
         put(v, l.plane_at(0, 136), l.size - 3);
         put(v, l.size - 4, 0x58585858u);
       },
       Status::Malformed},
      {"4-billion objects", [](V* v, const Layout& l) { put(v, l.plane_at(1, 128), 0xFFFFFFFFu); }, Status::Oversized},
      {"objects past the end", [](V* v, const Layout& l) { put(v, l.plane_at(1, 140), l.size + 1); }, Status::OutOfRange},
      {"object name past the end", [](V* v, const Layout& l) { put(v, l.planes[1].objects_offset + 4, l.size); }, Status::Truncated},
      {"object strings summing past 4 GiB",
       [](V* v, const Layout& l) {
         for (u32 k = 0; k < 4; ++k) put(v, l.planes[1].objects_offset + 4 + 4 * k, 0x40000000u);
       },
       Status::Truncated},
      {"second object cut",
       [](V* v, const Layout& l) {
         put(v, l.plane_at(1, 128), 2);
         put(v, l.plane_at(1, 140), l.size - 2 * kWwdObjectFixedSize);
         put(v, l.size - 2 * kWwdObjectFixedSize + 4, 1);  // the first object's name eats a byte
         for (u32 k = 1; k < 4; ++k) put(v, l.size - 2 * kWwdObjectFixedSize + 4 + 4 * k, 0);
       },
       // Two objects are more than this small body holds next to the rest the planes declare: refused
       // before any object is read (the cursor's own cut is "object name past the end").
       Status::Oversized},
      {"preamble word 0", [](V* v, const Layout& l) { put(v, l.h.tile_descriptions_offset, 33); }, Status::Malformed},
      {"preamble word 1", [](V* v, const Layout& l) { put(v, l.h.tile_descriptions_offset + 4, 1); }, Status::Malformed},
      {"preamble word 7", [](V* v, const Layout& l) { put(v, l.h.tile_descriptions_offset + 28, 1); }, Status::Malformed},
      {"4-billion tile descriptions", [](V* v, const Layout& l) { put(v, l.h.tile_descriptions_offset + 8, 0xFFFFFFFFu); },
       Status::Oversized},
      {"one tile description too many", [](V* v, const Layout& l) { put(v, l.h.tile_descriptions_offset + 8, 3); },
       Status::Truncated},
      {"tile description type 3", [](V* v, const Layout& l) { put(v, l.h.tile_descriptions_offset + 32, 3); }, Status::Malformed},
      {"tile descriptions past the end", [](V* v, const Layout& l) { put(v, 740, l.size - 10); }, Status::Truncated},
      {"tile descriptions at 4 GiB", [](V* v, const Layout&) { put(v, 740, 0xFFFFFFFFu); }, Status::Truncated},
      // Each plane alone fits, but they claim the same range: together more than the body holds.
      {"planes sharing one tile range",
       [](V* v, const Layout& l) {
         const u32 body = l.size - l.h.planes_offset;
         const u32 tiles = (body - 2 * kWwdPlaneSize) / 4 - 8;  // fits once, not twice
         for (u32 p = 0; p < 2; ++p) {
           put(v, l.plane_at(p, 96), tiles);
           put(v, l.plane_at(p, 100), 1);
           put(v, l.plane_at(p, 132), l.h.planes_offset + 2 * kWwdPlaneSize);
         }
       },
       Status::Oversized},
  };
  const std::vector<u8> pristine = small_level();
  const Layout l = layout_of(pristine);
  for (const Case& c : cases) {
    std::vector<u8> image = pristine;
    c.damage(&image, l);
    EXPECT_EQ(parse_all(image), c.expected) << c.what;
  }
}

TEST(WwdReject, RandomDamageNeverReadsOutside) {
  // A short, deterministic stand-in for the fuzz target: ASan/UBSan watch every read. Writes land in the
  // body, where the offsets and counts are, with 32-bit values biased to the edges.
  const std::vector<u8> pristine = small_level();
  u32 seed = 12345;
  auto rnd = [&seed]() { return seed = seed * 1664525u + 1013904223u; };
  const u32 edges[] = {0, 1, 3, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu, 0x10000u, kWwdHeaderSize};
  u32 ok = 0;
  for (u32 iter = 0; iter < 20000; ++iter) {
    std::vector<u8> image = pristine;
    const u32 writes = 1 + rnd() % 3;
    for (u32 w = 0; w < writes; ++w) {
      const u32 at = 700 + rnd() % static_cast<u32>(image.size() - 704);
      const u32 r = rnd();
      put(&image, at, r % 2 ? edges[r / 2 % 8] : rnd() % static_cast<u32>(image.size() + 64));
    }
    if (rnd() % 4 == 0) image.resize(rnd() % image.size());
    ok += parse_all(image) == Status::Ok;
  }
  EXPECT_LT(ok, 20000u);  // the damage is real
}

TEST(WwdReject, RawFileHeaderChecksBeforeInflating) {
  // The host reads the raw header first and sizes its inflate buffer by it.
  std::vector<u8> raw = small_level();
  raw.resize(kWwdHeaderSize + 10);  // the header and a little of the zlib stream
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_header(span_of(raw), &h), Status::Ok);
  EXPECT_EQ(wwd_image_size(h), small_level().size());
  put(&raw, 744, kWwdMaxBodySize + 1);
  EXPECT_EQ(wwd_parse_header(span_of(raw), &h), Status::Oversized);
  EXPECT_EQ(wwd_parse_header(span_of(raw), nullptr), Status::InvalidArgument);
}

}  // namespace
}  // namespace oc::formats
