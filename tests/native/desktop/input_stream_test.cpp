// .clawinput v1: what encode_input writes parse_input reads back, and every refusal has its status.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "desktop/input_stream.h"
#include "snapshot/checksum.h"

namespace oc::desktop {
namespace {

InputStream sample() {
  InputStream s;
  s.level_hash = 0x0123456789abcdefull;
  s.start_frame = 0x1'0000'0bb8ull;  // above 2^32: both words matter
  for (u32 i = 0; i < 500; ++i) s.frames.push_back(static_cast<u8>((i * 7) % 64));
  return s;
}

std::vector<u8> encoded(const InputStream& s) {
  std::vector<u8> out;
  EXPECT_EQ(encode_input(s, &out), Status::Ok);
  return out;
}

Status parse(const std::vector<u8>& bytes, InputStream* out = nullptr) {
  InputStream local;
  return parse_input(formats::ByteSpan(bytes.data(), static_cast<u32>(bytes.size())), out != nullptr ? out : &local);
}

template <typename T>
void poke(std::vector<u8>* bytes, u32 at, T v) {
  std::memcpy(bytes->data() + at, &v, sizeof v);
}

// Rewrites the checksum word after a change to the frame bytes, so that a later check is reached.
void reseal(std::vector<u8>* bytes) {
  const u32 count = static_cast<u32>(bytes->size() - kInputHeaderSize);
  poke(bytes, 28, input_checksum(bytes->data() + kInputHeaderSize, count));
}

TEST(DesktopInputStream, RoundTripKeepsEveryField) {
  const InputStream s = sample();
  const std::vector<u8> bytes = encoded(s);
  ASSERT_EQ(bytes.size(), 32u + 500u);
  InputStream back;
  ASSERT_EQ(parse(bytes, &back), Status::Ok);
  EXPECT_EQ(back.level_hash, s.level_hash);
  EXPECT_EQ(back.start_frame, s.start_frame);
  EXPECT_EQ(back.frames, s.frames);
}

TEST(DesktopInputStream, HeaderLayoutIsTheContractsLittleEndianOne) {
  const InputStream s = sample();
  const std::vector<u8> b = encoded(s);
  const u8 head[12] = {'O', 'C', 'I', 'N', 1, 0, 32, 0, 0xF4, 0x01, 0, 0};  // magic, version 1, size 32, 500 frames
  EXPECT_EQ(std::memcmp(b.data(), head, sizeof head), 0);
  u32 words[5];
  std::memcpy(words, b.data() + 12, sizeof words);
  EXPECT_EQ(words[0], 0x89abcdefu);
  EXPECT_EQ(words[1], 0x01234567u);
  EXPECT_EQ(words[2], 0x00000bb8u);
  EXPECT_EQ(words[3], 1u);
  EXPECT_EQ(words[4], static_cast<u32>(checksum64(s.frames.data(), s.frames.size())));
}

TEST(DesktopInputStream, EmptyStreamRoundTrips) {
  InputStream s;
  const std::vector<u8> bytes = encoded(s);
  ASSERT_EQ(bytes.size(), 32u);
  InputStream back;
  back.frames = {1, 2, 3};
  ASSERT_EQ(parse(bytes, &back), Status::Ok);
  EXPECT_TRUE(back.frames.empty());
  EXPECT_EQ(back.level_hash, 0u);
}

TEST(DesktopInputStream, EncodeRefusesBitsAboveFive) {
  InputStream s = sample();
  s.frames[10] = 0x40;
  std::vector<u8> out = {9};
  EXPECT_EQ(encode_input(s, &out), Status::InvalidArgument);
  EXPECT_EQ(out, std::vector<u8>{9});
}

TEST(DesktopInputStream, RefusesShortFiles) {
  std::vector<u8> b = encoded(sample());
  EXPECT_EQ(parse(std::vector<u8>(b.begin(), b.begin() + 31)), Status::Truncated);
  EXPECT_EQ(parse(std::vector<u8>(b.begin(), b.begin() + 2)), Status::Truncated);
  EXPECT_EQ(parse(std::vector<u8>()), Status::Truncated);
  b.pop_back();
  EXPECT_EQ(parse(b), Status::Truncated);
}

TEST(DesktopInputStream, RefusesBadMagicEvenWhenShort) {
  std::vector<u8> b = encoded(sample());
  b[0] = 'X';
  EXPECT_EQ(parse(b), Status::BadMagic);
  EXPECT_EQ(parse(std::vector<u8>(b.begin(), b.begin() + 8)), Status::BadMagic);
}

TEST(DesktopInputStream, RefusesOtherVersions) {
  std::vector<u8> b = encoded(sample());
  poke<u16>(&b, 4, 2);
  EXPECT_EQ(parse(b), Status::VersionTooNew);
  poke<u16>(&b, 4, 0);
  EXPECT_EQ(parse(b), Status::VersionTooOld);
}

TEST(DesktopInputStream, RefusesAnotherHeaderSize) {
  std::vector<u8> b = encoded(sample());
  poke<u16>(&b, 6, 36);
  EXPECT_EQ(parse(b), Status::SizeMismatch);
}

TEST(DesktopInputStream, RefusesSizesThatDisagreeWithFrameCount) {
  std::vector<u8> b = encoded(sample());
  b.push_back(0);
  EXPECT_EQ(parse(b), Status::SizeMismatch);
  b.pop_back();
  poke<u32>(&b, 8, 501);
  EXPECT_EQ(parse(b), Status::Truncated);
  poke<u32>(&b, 8, 0xFFFFFFFFu);  // must not wrap 32 + count
  EXPECT_EQ(parse(b), Status::Truncated);
  poke<u32>(&b, 8, 499);
  EXPECT_EQ(parse(b), Status::SizeMismatch);
}

TEST(DesktopInputStream, RefusesAChangedFrameOrChecksum) {
  std::vector<u8> b = encoded(sample());
  b[40] ^= 0x01;
  EXPECT_EQ(parse(b), Status::ChecksumMismatch);
  b[40] ^= 0x01;
  b[28] ^= 0x80;
  EXPECT_EQ(parse(b), Status::ChecksumMismatch);
}

TEST(DesktopInputStream, RefusesFrameBitsSixAndSevenWithAValidChecksum) {
  for (u8 bad : {u8{0x40}, u8{0x80}, u8{0xFF}}) {
    std::vector<u8> b = encoded(sample());
    b[32 + 499] = bad;
    reseal(&b);
    InputStream out;
    out.level_hash = 77;
    EXPECT_EQ(parse(b, &out), Status::Malformed) << int{bad};
    EXPECT_EQ(out.level_hash, 77u) << "nothing written on failure";
  }
}

}  // namespace
}  // namespace oc::desktop
