// Optional: the anchors of a real CLAW.REZ (LEGACY-FORMATS.md), read the lazy way, block by block,
// counting the bytes read, then level 1's world (inflated with zlib, as a native host does), the
// DUCKPISTOL animation and a tile of level 1 decoded with the level's palette. Skipped unless CLAW_REZ
// names the archive; the file is never committed.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "resources/formats/ani.h"
#include "resources/formats/pal.h"
#include "resources/formats/pid.h"
#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"
#include "resources/formats/wwd_tiles.h"

namespace oc::formats {
namespace {

class RezRealArchive : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* path = std::getenv("CLAW_REZ");
    if (path == nullptr || *path == 0) GTEST_SKIP() << "CLAW_REZ is not set";
    in_.open(path, std::ios::binary);
    ASSERT_TRUE(in_.good()) << path;
    in_.seekg(0, std::ios::end);
    length_ = static_cast<u64>(in_.tellg());
    std::vector<u8> bytes;
    ASSERT_TRUE(read_range(0, kRezHeaderSize, &bytes));
    ASSERT_EQ(parse_rez_header(ByteSpan(bytes.data(), kRezHeaderSize), length_, &header_), Status::Ok);
    RezTreeBuilder builder(header_);
    u32 offset = 0, size = 0;
    while (builder.next_block(&offset, &size)) {
      ASSERT_TRUE(read_range(offset, size, &bytes));
      ASSERT_EQ(builder.add_block(ByteSpan(bytes.data(), size)), Status::Ok) << offset;
    }
    ASSERT_TRUE(builder.done());
    ASSERT_EQ(index_.build(builder.take()), Status::Ok);
    opened_with_ = read_;
  }

  bool read_range(u32 offset, u32 size, std::vector<u8>* out) {
    out->resize(size);
    in_.seekg(offset);
    in_.read(reinterpret_cast<char*>(out->data()), size);
    read_ += size;
    return in_.good();
  }

  // The bytes of an entry, or a failed assertion.
  std::vector<u8> entry(const char* path) {
    RezStat st;
    std::vector<u8> bytes;
    EXPECT_EQ(index_.stat(path, &st), Status::Ok) << path;
    if (st.isDirectory == 0) {
      EXPECT_TRUE(read_range(st.offset, st.size, &bytes)) << path;
    }
    return bytes;
  }

  static std::string_view text(const std::vector<u8>& bytes, TextRef r) {
    return std::string_view(reinterpret_cast<const char*>(bytes.data()) + r.offset, r.length);
  }

  std::ifstream in_;
  u64 length_ = 0;
  u64 read_ = 0;
  u64 opened_with_ = 0;
  RezHeader header_;
  RezIndex index_;
};

TEST_F(RezRealArchive, OpensByReadingOnlyTheHeaderAndTheDirectory) {
  EXPECT_EQ(header_.dirSize, 392u);
  EXPECT_EQ(header_.dirOffset, 119321494u);
  RezStat st;
  ASSERT_EQ(index_.stat("/", &st), Status::Ok);
  EXPECT_EQ(st.childCount, 17u);
  EXPECT_NE(index_.find("/level1/worlds/world.wwd"), kRezNoEntry);
  EXPECT_NE(index_.find("/CLAW/ANIS/DUCKPISTOL.ANI"), kRezNoEntry);
  EXPECT_LT(opened_with_, length_ / 100) << "only the header and the directory blocks are read";
}

TEST_F(RezRealArchive, Level1WorldHasItsPlanesAndObjects) {
  const std::vector<u8> raw = entry("/LEVEL1/WORLDS/WORLD.WWD");
  WwdHeader h;
  ASSERT_EQ(wwd_parse_header(ByteSpan(raw.data(), static_cast<u32>(raw.size())), &h), Status::Ok);
  ASSERT_NE(h.flags & kWwdFlagCompressed, 0u);
  // The host's part: the header as stored, then the zlib body inflated behind it.
  std::vector<u8> image(static_cast<size_t>(wwd_image_size(h)));
  std::memcpy(image.data(), raw.data(), h.planes_offset);
  uLongf inflated = h.main_block_length;
  ASSERT_EQ(uncompress(image.data() + h.planes_offset, &inflated, raw.data() + h.planes_offset,
                       static_cast<uLong>(raw.size() - h.planes_offset)), Z_OK);
  ASSERT_EQ(inflated, h.main_block_length);

  const ByteSpan span(image.data(), static_cast<u32>(image.size()));
  ASSERT_EQ(wwd_parse_image(span, &h), Status::Ok);
  EXPECT_EQ(text(image, h.level_name), "Claw - Level 1");
  ASSERT_EQ(h.num_planes, 3u);
  WwdPlane action, front;
  ASSERT_EQ(wwd_plane(span, h, 1, &action), Status::Ok);
  ASSERT_EQ(wwd_plane(span, h, 2, &front), Status::Ok);
  EXPECT_EQ(text(image, action.name), "Action");
  EXPECT_EQ(text(image, front.name), "Front");
  EXPECT_EQ(action.tile_width, 64u);
  EXPECT_EQ(action.tile_height, 64u);
  EXPECT_EQ(action.objects_count, 1479u);
  WwdObjectCursor cursor(span, action);
  WwdObject object;
  u32 read = 0;
  while (cursor.remaining() > 0) {
    ASSERT_EQ(cursor.next(&object), Status::Ok) << "object " << read;
    ++read;
  }
  EXPECT_EQ(read, 1479u);
  u32 descriptions = 0;
  EXPECT_EQ(wwd_tile_descriptions_count(span, h, &descriptions), Status::Ok);
  EXPECT_GT(descriptions, 0u);
}

TEST_F(RezRealArchive, DuckPistolAnimationCarriesItsGunshot) {
  const std::vector<u8> file = entry("/CLAW/ANIS/DUCKPISTOL.ANI");
  const ByteSpan span(file.data(), static_cast<u32>(file.size()));
  AniInfo info;
  ASSERT_EQ(ani_parse(span, &info), Status::Ok);
  ASSERT_EQ(info.frames_count, 11u);
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(file.data()) + info.image_set_offset, info.image_set_length),
            "CLAW_IMAGES");
  std::vector<AniFrame> frames(info.frames_count);
  ASSERT_EQ(ani_read_frames(span, info, frames.data(), info.frames_count, nullptr), Status::Ok);
  std::vector<u32> gunshots;
  for (u32 i = 0; i < frames.size(); ++i) {
    if (frames[i].event_offset != kAniNoEvent &&
        std::string_view(reinterpret_cast<const char*>(file.data()) + frames[i].event_offset, frames[i].event_length) ==
            "CLAW_GUNSHOT") {
      gunshots.push_back(i);
    }
  }
  // LEGACY-FORMATS.md says "frame 3" without saying whether it counts from 0 or 1.
  ASSERT_EQ(gunshots.size(), 1u);
  EXPECT_TRUE(gunshots[0] == 2 || gunshots[0] == 3) << gunshots[0];
}

TEST_F(RezRealArchive, Level1TilesDecodeWithTheLevelPalette) {
  const std::vector<u8> pal_bytes = entry("/LEVEL1/PALETTES/MAIN.PAL");
  Palette pal;
  ASSERT_EQ(pal_read(ByteSpan(pal_bytes.data(), static_cast<u32>(pal_bytes.size())), &pal), Status::Ok);
  std::vector<u32> tiles;
  ASSERT_EQ(index_.list("/LEVEL1/TILES/ACTION", &tiles), Status::Ok);
  ASSERT_GT(tiles.size(), 10u);
  for (u32 id : tiles) {
    if (index_.tree().entries[id].isDirectory != 0) continue;
    const std::vector<u8> file = entry(index_.path(id).c_str());
    const ByteSpan span(file.data(), static_cast<u32>(file.size()));
    PidInfo info;
    ASSERT_EQ(pid_parse(span, &info), Status::Ok) << index_.path(id);
    std::vector<u8> rgba(static_cast<size_t>(info.pixel_count) * 4);
    ASSERT_EQ(pid_decode_rgba(span, &pal, rgba.data(), static_cast<u32>(rgba.size())), Status::Ok) << index_.path(id);
  }
}

}  // namespace
}  // namespace oc::formats
