// PAL: the only valid size is 768, the bytes round-trip, and the RGBA table makes index 0 (only)
// transparent.
#include <gtest/gtest.h>

#include <vector>

#include "resources/formats/pal.h"

namespace oc::formats {
namespace {

std::vector<u8> sample_pal() {
  std::vector<u8> bytes(kPalSize);
  for (u32 i = 0; i < kPalSize; ++i) bytes[i] = static_cast<u8>(i * 7 + 3);
  return bytes;
}

TEST(PalRead, RoundTripsTheFileBytes) {
  const std::vector<u8> bytes = sample_pal();
  Palette pal{};
  ASSERT_EQ(pal_read(ByteSpan(bytes.data(), kPalSize), &pal), Status::Ok);
  u8 again[kPalSize];
  pal_write(pal, again);
  EXPECT_EQ(std::vector<u8>(again, again + kPalSize), bytes);
}

TEST(PalRead, RejectsEveryShorterLengthAsTruncated) {
  const std::vector<u8> bytes = sample_pal();
  for (u32 len = 0; len < kPalSize; ++len) {
    Palette pal{};
    EXPECT_EQ(pal_read(ByteSpan(bytes.data(), len), &pal), Status::Truncated) << "length " << len;
  }
}

TEST(PalRead, RejectsLongerSpansAsOversized) {
  std::vector<u8> bytes(4096, 1);
  for (u32 len : {kPalSize + 1, kPalSize * 2, 4096u}) {
    Palette pal{};
    EXPECT_EQ(pal_read(ByteSpan(bytes.data(), len), &pal), Status::Oversized) << "length " << len;
  }
}

TEST(PalRead, RejectsANullOutput) {
  const std::vector<u8> bytes = sample_pal();
  EXPECT_EQ(pal_read(ByteSpan(bytes.data(), kPalSize), nullptr), Status::InvalidArgument);
}

TEST(PalToRgba, IndexZeroIsFullyTransparentTheOthersOpaque) {
  const std::vector<u8> bytes = sample_pal();
  Palette pal{};
  ASSERT_EQ(pal_read(ByteSpan(bytes.data(), kPalSize), &pal), Status::Ok);
  u8 rgba[kPalRgbaSize];
  pal_to_rgba(pal, rgba);
  EXPECT_EQ(rgba[0], 0);
  EXPECT_EQ(rgba[1], 0);
  EXPECT_EQ(rgba[2], 0);
  EXPECT_EQ(rgba[3], 0);
  for (u32 i = 1; i < kPalColors; ++i) {
    EXPECT_EQ(rgba[i * 4 + 0], bytes[i * 3 + 0]) << "index " << i;
    EXPECT_EQ(rgba[i * 4 + 1], bytes[i * 3 + 1]) << "index " << i;
    EXPECT_EQ(rgba[i * 4 + 2], bytes[i * 3 + 2]) << "index " << i;
    EXPECT_EQ(rgba[i * 4 + 3], 255) << "index " << i;
  }
}

}  // namespace
}  // namespace oc::formats
