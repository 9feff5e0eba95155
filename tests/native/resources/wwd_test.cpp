// WWD: writer -> reader round trips over a level shaped like the real ones (three planes, objects with
// strings, image sets, tile descriptions of both types).
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
std::string text(const std::vector<u8>& v, TextRef r) {
  return std::string(reinterpret_cast<const char*>(v.data()) + r.offset, r.length);
}

WwdObjectSpec object(i32 id, const char* logic, i32 x, i32 y) {
  WwdObjectSpec o{};
  o.fields.id = id;
  o.fields.x = x;
  o.fields.y = y;
  o.fields.z = id * 10;
  o.fields.i = -id;
  o.fields.add_flags = 0x1u;
  o.fields.dynamic_flags = 0x2u;
  o.fields.draw_flags = 0x4u;
  o.fields.user_flags = 0x8u;
  o.fields.score = 100;
  o.fields.points = 5;
  o.fields.powerup = 7;
  o.fields.damage = 10;
  o.fields.smarts = 3;
  o.fields.health = 50 + id;
  o.fields.move_rect = {1, 2, 3, 4};
  o.fields.hit_rect = {5, 6, 7, 8};
  o.fields.attack_rect = {9, 10, 11, 12};
  o.fields.clip_rect = {13, 14, 15, 16};
  o.fields.user_rect1 = {17, 18, 19, 20};
  o.fields.user_rect2 = {-21, -22, -23, -24};
  for (i32 k = 0; k < 8; ++k) o.fields.user_values[k] = 1000 + k + id;
  o.fields.min_x = -100;
  o.fields.min_y = -200;
  o.fields.max_x = 300;
  o.fields.max_y = 400;
  o.fields.speed_x = 2;
  o.fields.speed_y = -3;
  o.fields.tweak_x = 4;
  o.fields.tweak_y = 5;
  o.fields.counter = 6;
  o.fields.speed = 7;
  o.fields.width = 64;
  o.fields.height = 96;
  o.fields.direction = 1;
  o.fields.face_dir = -1;
  o.fields.time_delay = 250;
  o.fields.frame_delay = 80;
  o.fields.object_type = 4;
  o.fields.hit_type_flags = 0x30u;
  o.fields.move_res_x = 8;
  o.fields.move_res_y = 9;
  o.name = std::string("obj") + std::to_string(id);
  o.logic = logic;
  o.image_set = id % 2 ? "LEVEL_OFFICER" : "";  // empty strings are legal
  o.sound = id == 2 ? "LEVEL_AMBIENT" : "";
  return o;
}

WwdSpec level() {
  WwdSpec s;
  s.level_name = "Claw - Level 1";
  s.author = "Monolith";
  s.birth = "1997";
  s.rez_file = "CLAW.REZ";
  s.image_directory = "\\LEVEL1\\TILES";
  s.palette_path = "\\LEVEL1\\PALETTES\\MAIN.PAL";
  s.launch_app = "";
  s.image_sets[0] = "\\LEVEL1\\IMAGES";
  s.prefixes[0] = "LEVEL";
  s.image_sets[1] = "\\CLAW\\IMAGES";
  s.prefixes[1] = "CLAW";
  s.start_x = 470;
  s.start_y = 4750;
  s.checksum = 0xC0FFEEu;
  const char* names[3] = {"Background", "Action", "Front"};
  for (u32 p = 0; p < 3; ++p) {
    WwdPlaneSpec plane;
    plane.name = names[p];
    plane.flags = p == 1 ? kWwdPlaneMain : 4u;
    plane.tiles_x = 3 + p;
    plane.tiles_y = 2 + p;
    plane.pixel_width = plane.tiles_x * 64;
    plane.pixel_height = plane.tiles_y * 64;
    plane.movement_percent_x = p == 0 ? 50 : 100;
    plane.movement_percent_y = p == 0 ? 25 : 100;
    plane.fill_color = 40 + p;
    plane.z = static_cast<i32>(p) * 1000;
    for (u32 t = 0; t < plane.tiles_x * plane.tiles_y; ++t) {
      plane.tiles.push_back(t % 4 == 0 ? kWwdEmptyTile : static_cast<i32>(t + p * 100));
    }
    plane.image_sets = {"ACTION", "ACTION2"};
    if (p == 1) {
      plane.objects = {object(1, "Officer", 100, 200), object(2, "Treasure", 300, 400), object(3, "Crate", -5, 7)};
    }
    s.planes.push_back(plane);
  }
  const WwdTileDescription single = wwd_tile_single(64, 64, kTileSolid);
  const WwdTileDescription dbl = wwd_tile_double(64, 64, kTileGround, kTileClear, {0, 0, 63, 8}, 9);
  s.tile_descriptions = {single, dbl, single, dbl};
  return s;
}

TEST(WwdReader, HeaderRoundTrips) {
  const std::vector<u8> image = wwd_write_image(level());
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  EXPECT_EQ(h.flags, kWwdFlagCompressed);
  EXPECT_EQ(text(image, h.level_name), "Claw - Level 1");
  EXPECT_EQ(text(image, h.author), "Monolith");
  EXPECT_EQ(text(image, h.birth), "1997");
  EXPECT_EQ(text(image, h.rez_file), "CLAW.REZ");
  EXPECT_EQ(text(image, h.image_directory), "\\LEVEL1\\TILES");
  EXPECT_EQ(text(image, h.palette_path), "\\LEVEL1\\PALETTES\\MAIN.PAL");
  EXPECT_EQ(text(image, h.launch_app), "");
  EXPECT_EQ(text(image, h.image_sets[1]), "\\CLAW\\IMAGES");
  EXPECT_EQ(text(image, h.prefixes[1]), "CLAW");
  EXPECT_EQ(text(image, h.prefixes[3]), "");
  EXPECT_EQ(h.start_x, 470);
  EXPECT_EQ(h.start_y, 4750);
  EXPECT_EQ(h.num_planes, 3u);
  EXPECT_EQ(h.planes_offset, kWwdHeaderSize);
  EXPECT_EQ(h.checksum, 0xC0FFEEu);
  EXPECT_EQ(wwd_image_size(h), image.size());
}

TEST(WwdReader, FixedFieldWithoutNulIsTheWholeField) {
  WwdSpec s = level();
  s.level_name = std::string(64, 'N');
  s.prefixes[3] = std::string(40, 'P');  // cut to its 32 bytes by the writer
  const std::vector<u8> image = wwd_write_image(s);
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  EXPECT_EQ(text(image, h.level_name), std::string(64, 'N'));
  EXPECT_EQ(text(image, h.prefixes[3]), std::string(32, 'P'));
}

TEST(WwdReader, PlanesTilesAndImageSetsRoundTrip) {
  const WwdSpec spec = level();
  const std::vector<u8> image = wwd_write_image(spec);
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  for (u32 p = 0; p < 3; ++p) {
    const WwdPlaneSpec& want = spec.planes[p];
    WwdPlane plane{};
    ASSERT_EQ(wwd_plane(span_of(image), h, p, &plane), Status::Ok);
    EXPECT_EQ(text(image, plane.name), want.name);
    EXPECT_EQ(plane.flags, want.flags);
    EXPECT_EQ(plane.tiles_x, want.tiles_x);
    EXPECT_EQ(plane.tiles_y, want.tiles_y);
    EXPECT_EQ(plane.tiles_count, want.tiles.size());
    EXPECT_EQ(plane.tile_width, 64u);
    EXPECT_EQ(plane.pixel_width, want.pixel_width);
    EXPECT_EQ(plane.pixel_height, want.pixel_height);
    EXPECT_EQ(plane.movement_percent_x, want.movement_percent_x);
    EXPECT_EQ(plane.movement_percent_y, want.movement_percent_y);
    EXPECT_EQ(plane.fill_color, want.fill_color);
    EXPECT_EQ(plane.z, want.z);
    EXPECT_EQ(plane.objects_count, want.objects.size());
    for (u32 y = 0; y < plane.tiles_y; ++y) {
      for (u32 x = 0; x < plane.tiles_x; ++x) {
        i32 tile = 0;
        ASSERT_EQ(wwd_tile(span_of(image), plane, x, y, &tile), Status::Ok);
        EXPECT_EQ(tile, want.tiles[y * want.tiles_x + x]);
      }
    }
    i32 tile = 0;
    EXPECT_EQ(wwd_tile(span_of(image), plane, plane.tiles_x, 0, &tile), Status::OutOfRange);
    EXPECT_EQ(wwd_tile(span_of(image), plane, 0, plane.tiles_y, &tile), Status::OutOfRange);
    std::vector<TextRef> sets(plane.image_sets_count);
    ASSERT_EQ(wwd_read_image_sets(span_of(image), plane, sets.data(), plane.image_sets_count), Status::Ok);
    ASSERT_EQ(sets.size(), 2u);
    EXPECT_EQ(text(image, sets[0]), "ACTION");
    EXPECT_EQ(text(image, sets[1]), "ACTION2");
  }
  WwdPlane plane{};
  EXPECT_EQ(wwd_plane(span_of(image), h, 3, &plane), Status::InvalidArgument);
}

TEST(WwdReader, ObjectsRoundTripThroughTheCursor) {
  const WwdSpec spec = level();
  const std::vector<u8> image = wwd_write_image(spec);
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  WwdPlane action{};
  ASSERT_EQ(wwd_plane(span_of(image), h, 1, &action), Status::Ok);
  WwdObjectCursor cursor(span_of(image), action);
  u32 n = 0;
  while (cursor.remaining() > 0) {
    WwdObject o{};
    ASSERT_EQ(cursor.next(&o), Status::Ok);
    const WwdObjectSpec& want = spec.planes[1].objects[n];
    WwdObject expected = want.fields;
    // Every numeric field compares equal: the strings and offsets are the reader's own.
    expected.offset = o.offset;
    expected.name = o.name;
    expected.logic = o.logic;
    expected.image_set = o.image_set;
    expected.sound = o.sound;
    EXPECT_EQ(std::memcmp(&expected, &o, sizeof o), 0) << "object " << n;
    EXPECT_EQ(o.health, 51 + static_cast<i32>(n));
    EXPECT_EQ(o.user_rect2.bottom, -24);
    EXPECT_EQ(o.user_values[7], 1007 + static_cast<i32>(n) + 1);
    EXPECT_EQ(o.move_res_y, 9);
    EXPECT_EQ(text(image, o.name), want.name);
    EXPECT_EQ(text(image, o.logic), want.logic);
    EXPECT_EQ(text(image, o.image_set), want.image_set);
    EXPECT_EQ(text(image, o.sound), want.sound);
    ++n;
  }
  EXPECT_EQ(n, 3u);
  WwdObject o{};
  EXPECT_EQ(cursor.next(&o), Status::InvalidArgument);
  // The writer puts the front plane's body right after the action plane's objects.
  WwdPlane front{};
  ASSERT_EQ(wwd_plane(span_of(image), h, 2, &front), Status::Ok);
  EXPECT_EQ(cursor.position(), front.tiles_offset);
}

TEST(WwdReader, TileDescriptionsOfBothTypesRoundTrip) {
  const WwdSpec spec = level();
  const std::vector<u8> image = wwd_write_image(spec);
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  u32 count = 0;
  ASSERT_EQ(wwd_tile_descriptions_count(span_of(image), h, &count), Status::Ok);
  ASSERT_EQ(count, 4u);
  std::vector<WwdTileDescription> got(count);
  ASSERT_EQ(wwd_read_tile_descriptions(span_of(image), h, got.data(), count), Status::Ok);
  for (u32 i = 0; i < count; ++i) {
    EXPECT_EQ(std::memcmp(&got[i], &spec.tile_descriptions[i], sizeof got[i]), 0) << i;
  }
  EXPECT_EQ(got[1].inside_attrib, static_cast<u32>(kTileGround));
  EXPECT_EQ(got[1].rect.bottom, 8);
  EXPECT_EQ(wwd_read_tile_descriptions(span_of(image), h, got.data(), 3), Status::InvalidArgument);
}

TEST(WwdReader, EmptyLevelRoundTrips) {
  const std::vector<u8> image = wwd_write_image(WwdSpec{});
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  EXPECT_EQ(h.num_planes, 0u);
  u32 count = 1;
  ASSERT_EQ(wwd_tile_descriptions_count(span_of(image), h, &count), Status::Ok);
  EXPECT_EQ(count, 0u);
}

}  // namespace
}  // namespace oc::formats
