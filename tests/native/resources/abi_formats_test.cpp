// The legacy-format readers through the C ABI (wasm/abi_formats.cpp), natively: what engine/ calls in
// wasm. Each record's words are checked field by field against the C++ structs the direct calls
// give, and the ABI's own failures (null pointers, short buffers, bad indices) are checked as such.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "resources/formats/ani.h"
#include "resources/formats/pal.h"
#include "resources/formats/pid.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"
#include "resources/formats/wwd_tiles.h"
#include "resources/formats/wwd_writer.h"
#include "wasm/abi.h"

namespace oc::formats {
namespace {

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }
int32_t st(Status s) { return static_cast<int32_t>(s); }
u32 len(const std::vector<u8>& v) { return static_cast<u32>(v.size()); }
ByteSpan span_of(const std::vector<u8>& v) { return ByteSpan(v.data(), len(v)); }
u32 bits(i32 v) { return static_cast<u32>(v); }

Palette test_palette(u32 seed) {
  Palette p{};
  for (u32 i = 0; i < kPalSize; ++i) p.rgb[i] = static_cast<u8>(i * 7 + seed);
  return p;
}

// A 5x3 image whose runs cross row ends (index 0 runs included) with an embedded palette.
std::vector<u8> sample_pid(bool compressed, const Palette* embedded) {
  const u8 indices[15] = {0, 0, 0, 4, 4, 4, 4, 200, 200, 9, 0, 0, 0, 0, 1};
  PidImage img;
  img.indices = indices;
  img.width = 5;
  img.height = 3;
  img.flags = (compressed ? pid_flags::kCompressed : 0u) | (embedded ? pid_flags::kEmbeddedPalette : 0u) | 0x01u;
  img.offset_x = -7;
  img.offset_y = 12;
  img.file_desc = 0x11;
  img.unk0 = 0x22;
  img.unk1 = 0x33;
  img.palette = embedded;
  const Result<u32> size = pid_encoded_size(img);
  EXPECT_TRUE(size.ok());
  std::vector<u8> out(size.value);
  EXPECT_EQ(pid_encode(img, out.data(), len(out)).status, Status::Ok);
  return out;
}

TEST(AbiFormats, PalReadGivesTheRgbaTable) {
  const Palette pal = test_palette(3);
  std::vector<u8> file(pal.rgb, pal.rgb + kPalSize);
  u8 direct[kPalRgbaSize];
  pal_to_rgba(pal, direct);
  u8 rgba[OC_PAL_RGBA_SIZE];
  ASSERT_EQ(oc_pal_read(addr(file.data()), len(file), addr(rgba)), 0);
  EXPECT_EQ(std::memcmp(rgba, direct, sizeof rgba), 0);
  EXPECT_EQ(rgba[3], 0);  // index 0 transparent
  EXPECT_EQ(oc_pal_read(addr(file.data()), len(file) - 1, addr(rgba)), st(Status::Truncated));
  EXPECT_EQ(oc_last_status(), st(Status::Truncated));
  EXPECT_EQ(oc_pal_read(0, 768, addr(rgba)), st(Status::InvalidArgument));
  EXPECT_EQ(oc_pal_read(addr(file.data()), len(file), 0), st(Status::InvalidArgument));
}

TEST(AbiFormats, PidInfoWordsMatchTheStruct) {
  const Palette embedded = test_palette(1);
  const std::vector<u8> file = sample_pid(true, &embedded);
  PidInfo info{};
  ASSERT_EQ(pid_parse(span_of(file), &info), Status::Ok);
  u32 w[OC_PID_INFO_WORDS + 1];
  w[OC_PID_INFO_WORDS] = 0xABABABABu;  // must stay: nothing written past the record
  ASSERT_EQ(oc_pid_info(addr(file.data()), len(file), addr(w)), 0);
  EXPECT_EQ(w[0], info.header.file_desc);
  EXPECT_EQ(w[1], info.header.flags);
  EXPECT_EQ(w[2], 5u);
  EXPECT_EQ(w[3], 3u);
  EXPECT_EQ(w[4], bits(-7));
  EXPECT_EQ(w[5], 12u);
  EXPECT_EQ(w[6], 0x22u);
  EXPECT_EQ(w[7], 0x33u);
  EXPECT_EQ(w[8], info.pixel_count);
  EXPECT_EQ(w[9], info.pixels_offset);
  EXPECT_EQ(w[10], info.pixels_size);
  EXPECT_EQ(w[11], info.palette_offset);
  EXPECT_NE(w[11], 0u);
  EXPECT_EQ(w[OC_PID_INFO_WORDS], 0xABABABABu);
}

TEST(AbiFormats, PidDecodeEqualsTheDirectCall) {
  const Palette embedded = test_palette(1), other = test_palette(77);
  for (bool compressed : {false, true}) {
    const std::vector<u8> file = sample_pid(compressed, &embedded);
    std::vector<u8> direct(15 * 4), through(15 * 4);
    // The embedded palette (palette_ptr 0) and a given one.
    ASSERT_EQ(pid_decode_rgba(span_of(file), nullptr, direct.data(), len(direct)), Status::Ok);
    ASSERT_EQ(oc_pid_decode_rgba(addr(file.data()), len(file), 0, addr(through.data()), len(through)), 0);
    EXPECT_EQ(through, direct);
    ASSERT_EQ(pid_decode_rgba(span_of(file), &other, direct.data(), len(direct)), Status::Ok);
    ASSERT_EQ(oc_pid_decode_rgba(addr(file.data()), len(file), addr(other.rgb), addr(through.data()), len(through)),
              0);
    EXPECT_EQ(through, direct);

    std::vector<u8> idx_direct(15), idx(15);
    ASSERT_EQ(pid_decode_indices(span_of(file), idx_direct.data(), 15), Status::Ok);
    ASSERT_EQ(oc_pid_decode_indices(addr(file.data()), len(file), addr(idx.data()), 15), 0);
    EXPECT_EQ(idx, idx_direct);
    EXPECT_EQ(idx[7], 200);

    u8 rgb[OC_PAL_SIZE];
    ASSERT_EQ(oc_pid_palette(addr(file.data()), len(file), addr(rgb)), 0);
    EXPECT_EQ(std::memcmp(rgb, embedded.rgb, sizeof rgb), 0);

    // Short output buffers, null outputs with room.
    EXPECT_EQ(oc_pid_decode_rgba(addr(file.data()), len(file), 0, addr(through.data()), 59), st(Status::InvalidArgument));
    EXPECT_EQ(oc_pid_decode_indices(addr(file.data()), len(file), addr(idx.data()), 14), st(Status::InvalidArgument));
    EXPECT_EQ(oc_pid_decode_indices(addr(file.data()), len(file), 0, 15), st(Status::InvalidArgument));
  }
}

TEST(AbiFormats, PidFailuresKeepTheirStatus) {
  const std::vector<u8> plain = sample_pid(false, nullptr);
  std::vector<u8> rgba(60);
  u32 w[OC_PID_INFO_WORDS];
  u8 rgb[OC_PAL_SIZE];
  // No embedded palette to fall back on.
  EXPECT_EQ(oc_pid_decode_rgba(addr(plain.data()), len(plain), 0, addr(rgba.data()), 60), st(Status::InvalidArgument));
  EXPECT_EQ(oc_pid_palette(addr(plain.data()), len(plain), addr(rgb)), st(Status::InvalidArgument));
  // A cut header, a null input with a length, an empty input.
  EXPECT_EQ(oc_pid_info(addr(plain.data()), 31, addr(w)), st(Status::Truncated));
  EXPECT_EQ(oc_last_status(), st(Status::Truncated));
  EXPECT_EQ(oc_pid_info(0, 64, addr(w)), st(Status::InvalidArgument));
  EXPECT_EQ(oc_pid_info(0, 0, addr(w)), st(Status::Truncated));
  // A cut pixel stream.
  const Palette pal = test_palette(5);
  EXPECT_EQ(oc_pid_decode_rgba(addr(plain.data()), len(plain) - 1, addr(pal.rgb), addr(rgba.data()), 60),
            st(Status::Truncated));
  // An oversized side.
  std::vector<u8> big = plain;
  const u32 huge = kPidMaxSide + 1;
  std::memcpy(big.data() + 8, &huge, 4);
  EXPECT_EQ(oc_pid_info(addr(big.data()), len(big), addr(w)), st(Status::Oversized));
}

TEST(AbiFormats, PidEncodeEqualsTheDirectCall) {
  const Palette embedded = test_palette(9);
  const u8 indices[15] = {0, 0, 0, 4, 4, 4, 4, 200, 200, 9, 0, 0, 0, 0, 1};
  for (bool compressed : {false, true}) {
    const std::vector<u8> direct = sample_pid(compressed, &embedded);
    const u32 flags = (compressed ? pid_flags::kCompressed : 0u) | pid_flags::kEmbeddedPalette | 0x01u;
    const u32 params[OC_PID_PARAM_WORDS] = {5, 3, flags, bits(-7), 12, 0x11, 0x22, 0x33};
    const u32 size = oc_pid_encoded_size(addr(indices), addr(params), addr(embedded.rgb));
    ASSERT_EQ(oc_last_status(), 0);
    ASSERT_EQ(size, len(direct));
    std::vector<u8> out(size);
    EXPECT_EQ(oc_pid_encode(addr(indices), addr(params), addr(embedded.rgb), addr(out.data()), size), size);
    EXPECT_EQ(out, direct);
    EXPECT_EQ(oc_pid_encode(addr(indices), addr(params), addr(embedded.rgb), addr(out.data()), size - 1), 0u);
    EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
    // Flag 0x80 without a palette, and missing parameters.
    EXPECT_EQ(oc_pid_encoded_size(addr(indices), addr(params), 0), 0u);
    EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
    EXPECT_EQ(oc_pid_encoded_size(addr(indices), 0, addr(embedded.rgb)), 0u);
    EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  }
}

TEST(AbiFormats, AniInfoAndFramesMatchTheStructs) {
  const AniFrameSpec specs[3] = {{1, 100, 0, nullptr}, {2, 150, kAniEventFlag, "CLAW_SWISH"}, {7, 80, 0, nullptr}};
  const std::vector<u8> file = ani_write("CLAW_IMAGES", specs, 3, 0x1234);
  AniInfo info{};
  ASSERT_EQ(ani_parse(span_of(file), &info), Status::Ok);
  AniFrame frames[3];
  ASSERT_EQ(ani_read_frames(span_of(file), info, frames, 3, nullptr), Status::Ok);

  u32 w[OC_ANI_INFO_WORDS];
  ASSERT_EQ(oc_ani_info(addr(file.data()), len(file), addr(w)), 0);
  EXPECT_EQ(w[0], 0x1234u);
  EXPECT_EQ(w[1], 3u);
  EXPECT_EQ(w[2], info.image_set_offset);
  EXPECT_EQ(w[3], info.image_set_length);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(file.data()) + w[2], w[3]), "CLAW_IMAGES");
  EXPECT_EQ(w[4], info.frames_offset);

  u32 rows[3 * OC_ANI_FRAME_WORDS];
  ASSERT_EQ(oc_ani_frames(addr(file.data()), len(file), addr(rows), 3), 0);
  for (u32 i = 0; i < 3; ++i) {
    const u32* r = rows + i * OC_ANI_FRAME_WORDS;
    EXPECT_EQ(r[0], frames[i].event_flag) << i;
    EXPECT_EQ(r[1], frames[i].image_id) << i;
    EXPECT_EQ(r[2], frames[i].duration_ms) << i;
    EXPECT_EQ(r[3], frames[i].event_offset) << i;
    EXPECT_EQ(r[4], frames[i].event_length) << i;
  }
  EXPECT_EQ(rows[0 * OC_ANI_FRAME_WORDS + 3], OC_REZ_NONE);  // no event: 0xFFFFFFFF
  const u32* ev = rows + 1 * OC_ANI_FRAME_WORDS;
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(file.data()) + ev[3], ev[4]), "CLAW_SWISH");

  EXPECT_EQ(oc_ani_frames(addr(file.data()), len(file), addr(rows), 2), st(Status::InvalidArgument));
  EXPECT_EQ(oc_ani_frames(addr(file.data()), len(file), 0, 3), st(Status::InvalidArgument));
  EXPECT_EQ(oc_ani_frames(addr(file.data()), len(file) - 3, addr(rows), 3), st(Status::Truncated));
  EXPECT_EQ(oc_ani_info(addr(file.data()), 31, addr(w)), st(Status::Truncated));
}

WwdObjectSpec object_spec(i32 id, const char* logic) {
  WwdObjectSpec o{};
  WwdObject& f = o.fields;
  // Every field distinct (and some negative), so that a word written in the wrong place shows.
  i32 v = id * 1000;
  for (i32* p : {&f.id, &f.x, &f.y, &f.z, &f.i, &f.score, &f.points, &f.powerup, &f.damage, &f.smarts, &f.health,
                 &f.min_x, &f.min_y, &f.max_x, &f.max_y, &f.speed_x, &f.speed_y, &f.tweak_x, &f.tweak_y, &f.counter,
                 &f.speed, &f.width, &f.height, &f.direction, &f.face_dir, &f.time_delay, &f.frame_delay,
                 &f.move_res_x, &f.move_res_y}) {
    *p = (v % 2) ? -v : v;
    ++v;
  }
  f.id = id;
  for (WwdRect* r : {&f.move_rect, &f.hit_rect, &f.attack_rect, &f.clip_rect, &f.user_rect1, &f.user_rect2}) {
    *r = {v, v + 1, -(v + 2), v + 3};
    v += 4;
  }
  for (i32& u : f.user_values) u = v++;
  f.add_flags = 0x10u + static_cast<u32>(id);
  f.dynamic_flags = 0x20u;
  f.draw_flags = 0x40u;
  f.user_flags = 0x80u;
  f.object_type = 4;
  f.hit_type_flags = 0x30u;
  o.name = "obj" + std::to_string(id);
  o.logic = logic;
  o.image_set = id % 2 ? "LEVEL_OFFICER" : "";
  o.sound = "SOUND" + std::to_string(id);
  return o;
}

WwdSpec level() {
  WwdSpec s;
  s.level_name = "Demo Level";
  s.author = "OpenClaw SDK";
  s.birth = "2026";
  s.rez_file = "DEMO.REZ";
  s.image_directory = "\\LEVEL1\\TILES";
  s.palette_path = "\\LEVEL1\\PALETTES\\MAIN.PAL";
  s.image_sets[1] = "\\CLAW\\IMAGES";
  s.prefixes[1] = "CLAW";
  s.start_x = -470;
  s.start_y = 4750;
  s.checksum = 0xC0FFEEu;
  for (u32 p = 0; p < 2; ++p) {
    WwdPlaneSpec plane;
    plane.name = p == 0 ? "Back" : "Action";
    plane.flags = p == 1 ? kWwdPlaneMain : 4u;
    plane.tiles_x = 3 + p;
    plane.tiles_y = 2;
    plane.pixel_width = plane.tiles_x * 64;
    plane.pixel_height = 128;
    plane.movement_percent_x = p == 0 ? -50 : 100;
    plane.fill_color = 40 + p;
    plane.z = p == 0 ? -1000 : 2000;
    for (u32 t = 0; t < plane.tiles_x * plane.tiles_y; ++t) plane.tiles.push_back(static_cast<i32>(t) - 1);
    plane.image_sets = {"ACTION", "BACK" + std::to_string(p)};
    if (p == 1) plane.objects = {object_spec(1, "Officer"), object_spec(2, "Crate")};
    s.planes.push_back(plane);
  }
  const WwdTileDescription single = wwd_tile_single(64, 64, kTileSolid);
  s.tile_descriptions = {single, wwd_tile_double(64, 32, kTileGround, kTileClimb, {-1, 2, 63, 8}, 9), single};
  return s;
}

void expect_text(const u32* w, TextRef t) {
  EXPECT_EQ(w[0], t.offset);
  EXPECT_EQ(w[1], t.length);
}

TEST(AbiFormats, WwdHeaderAndPlaneWordsMatchTheStructs) {
  const std::vector<u8> image = wwd_write_image(level());
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  for (bool raw_header : {true, false}) {
    u32 w[OC_WWD_HEADER_WORDS];
    ASSERT_EQ(raw_header ? oc_wwd_header(addr(image.data()), kWwdHeaderSize, addr(w))
                         : oc_wwd_image(addr(image.data()), len(image), addr(w)), 0);
    EXPECT_EQ(w[0], h.signature);
    EXPECT_EQ(w[1], h.flags);
    const TextRef texts[7] = {h.level_name, h.author, h.birth, h.rez_file, h.image_directory, h.palette_path,
                              h.launch_app};
    for (u32 i = 0; i < 7; ++i) expect_text(w + 2 + 2 * i, texts[i]);
    for (u32 i = 0; i < 4; ++i) expect_text(w + 16 + 2 * i, h.image_sets[i]);
    for (u32 i = 0; i < 4; ++i) expect_text(w + 24 + 2 * i, h.prefixes[i]);
    EXPECT_EQ(w[32], bits(-470));
    EXPECT_EQ(w[33], 4750u);
    EXPECT_EQ(w[34], 2u);
    EXPECT_EQ(w[35], h.planes_offset);
    EXPECT_EQ(w[36], h.tile_descriptions_offset);
    EXPECT_EQ(w[37], h.main_block_length);
    EXPECT_EQ(w[38], 0xC0FFEEu);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(image.data()) + w[2], w[3]), "Demo Level");
  }
  for (u32 index = 0; index < 2; ++index) {
    WwdPlane p{};
    ASSERT_EQ(wwd_plane(span_of(image), h, index, &p), Status::Ok);
    u32 w[OC_WWD_PLANE_WORDS];
    std::memset(w, 0xEE, sizeof w);
    ASSERT_EQ(oc_wwd_plane(addr(image.data()), len(image), index, addr(w)), 0);
    const u32 expected[OC_WWD_PLANE_WORDS] = {
        p.offset,        p.signature,     p.flags,          p.name.offset,          p.name.length,
        p.pixel_width,   p.pixel_height,  p.tile_width,     p.tile_height,          p.tiles_x,
        p.tiles_y,       bits(p.movement_percent_x),        bits(p.movement_percent_y), p.fill_color,
        p.image_sets_count, p.objects_count, p.tiles_offset, p.image_sets_offset,   p.objects_offset,
        bits(p.z),       p.tiles_count,   0};
    for (u32 i = 0; i < OC_WWD_PLANE_WORDS; ++i) EXPECT_EQ(w[i], expected[i]) << "plane " << index << " word " << i;
    EXPECT_EQ(w[19], index == 0 ? bits(-1000) : 2000u);
    EXPECT_EQ(w[20], index == 0 ? 6u : 8u);

    std::vector<u32> pairs(2 * p.image_sets_count);
    ASSERT_EQ(oc_wwd_image_sets(addr(image.data()), len(image), index, addr(pairs.data()), p.image_sets_count), 0);
    TextRef sets[2];
    ASSERT_EQ(wwd_read_image_sets(span_of(image), p, sets, 2), Status::Ok);
    for (u32 i = 0; i < 2; ++i) expect_text(&pairs[2 * i], sets[i]);
    EXPECT_EQ(oc_wwd_image_sets(addr(image.data()), len(image), index, addr(pairs.data()), 1),
              st(Status::InvalidArgument));
  }
  u32 w[OC_WWD_PLANE_WORDS];
  EXPECT_EQ(oc_wwd_plane(addr(image.data()), len(image), 2, addr(w)), st(Status::InvalidArgument));
  EXPECT_EQ(oc_wwd_header(addr(image.data()), kWwdHeaderSize - 1, addr(w)), st(Status::Truncated));
  EXPECT_EQ(oc_wwd_plane(addr(image.data()), 1600, 0, addr(w)), st(Status::Truncated));  // a cut plane table
}

TEST(AbiFormats, WwdObjectRowsMatchTheCursor) {
  const std::vector<u8> image = wwd_write_image(level());
  WwdHeader h{};
  WwdPlane p{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  ASSERT_EQ(wwd_plane(span_of(image), h, 1, &p), Status::Ok);
  std::vector<u32> rows(2 * OC_WWD_OBJECT_WORDS);
  ASSERT_EQ(oc_wwd_objects(addr(image.data()), len(image), 1, addr(rows.data()), 2), 0);
  WwdObjectCursor cursor(span_of(image), p);
  for (u32 k = 0; k < 2; ++k) {
    WwdObject o{};
    ASSERT_EQ(cursor.next(&o), Status::Ok);
    const u32* w = &rows[k * OC_WWD_OBJECT_WORDS];
    std::vector<u32> expected = {o.offset, bits(o.id), bits(o.x), bits(o.y), bits(o.z), bits(o.i), o.add_flags,
                                 o.dynamic_flags, o.draw_flags, o.user_flags, bits(o.score), bits(o.points),
                                 bits(o.powerup), bits(o.damage), bits(o.smarts), bits(o.health)};
    for (const WwdRect& r : {o.move_rect, o.hit_rect, o.attack_rect, o.clip_rect, o.user_rect1, o.user_rect2}) {
      for (i32 v : {r.left, r.top, r.right, r.bottom}) expected.push_back(bits(v));
    }
    for (i32 v : o.user_values) expected.push_back(bits(v));
    for (i32 v : {o.min_x, o.min_y, o.max_x, o.max_y, o.speed_x, o.speed_y, o.tweak_x, o.tweak_y, o.counter, o.speed,
                  o.width, o.height, o.direction, o.face_dir, o.time_delay, o.frame_delay}) {
      expected.push_back(bits(v));
    }
    expected.insert(expected.end(), {o.object_type, o.hit_type_flags, bits(o.move_res_x), bits(o.move_res_y)});
    for (TextRef t : {o.name, o.logic, o.image_set, o.sound}) expected.insert(expected.end(), {t.offset, t.length});
    ASSERT_EQ(expected.size(), OC_WWD_OBJECT_WORDS);
    for (u32 i = 0; i < OC_WWD_OBJECT_WORDS; ++i) EXPECT_EQ(w[i], expected[i]) << "object " << k << " word " << i;
    // Spot checks against the spec itself, so that a shared mistake in the expectation shows too.
    EXPECT_EQ(w[1], static_cast<u32>(k + 1));
    EXPECT_EQ(w[64], 4u);  // object_type
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(image.data()) + w[70], w[71]), k == 0 ? "Officer" : "Crate");
  }
  EXPECT_EQ(oc_wwd_objects(addr(image.data()), len(image), 1, addr(rows.data()), 1), st(Status::InvalidArgument));
  EXPECT_EQ(oc_wwd_objects(addr(image.data()), len(image), 0, 0, 0), 0);  // a plane without objects
  EXPECT_EQ(oc_wwd_objects(addr(image.data()), len(image), 1, 0, 2), st(Status::InvalidArgument));
}

TEST(AbiFormats, WwdTileDescriptionsCountThenRows) {
  const std::vector<u8> image = wwd_write_image(level());
  EXPECT_EQ(oc_wwd_tile_descriptions(addr(image.data()), len(image), 0, 0), 3u);
  EXPECT_EQ(oc_last_status(), 0);
  std::vector<u32> rows(3 * OC_WWD_TILE_DESC_WORDS, 0xEEEEEEEEu);
  EXPECT_EQ(oc_wwd_tile_descriptions(addr(image.data()), len(image), addr(rows.data()), 2), 3u);
  EXPECT_EQ(rows[0], 0xEEEEEEEEu);  // too few rows: nothing written
  ASSERT_EQ(oc_wwd_tile_descriptions(addr(image.data()), len(image), addr(rows.data()), 3), 3u);
  const u32* d = &rows[1 * OC_WWD_TILE_DESC_WORDS];
  const u32 expected[OC_WWD_TILE_DESC_WORDS] = {kWwdTileDouble, 9, 64, 32, kTileGround, kTileClimb, bits(-1), 2, 63, 8};
  for (u32 i = 0; i < OC_WWD_TILE_DESC_WORDS; ++i) EXPECT_EQ(d[i], expected[i]) << i;
  EXPECT_EQ(rows[0], kWwdTileSingle);
  EXPECT_EQ(rows[4], kTileSolid);
  EXPECT_EQ(rows[5], 0u);
  // A damaged preamble.
  WwdHeader h{};
  ASSERT_EQ(wwd_parse_image(span_of(image), &h), Status::Ok);
  std::vector<u8> bad = image;
  bad[h.tile_descriptions_offset] = 33;
  EXPECT_EQ(oc_wwd_tile_descriptions(addr(bad.data()), len(bad), addr(rows.data()), 3), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::Malformed));
}

}  // namespace
}  // namespace oc::formats
