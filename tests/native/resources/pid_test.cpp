// PID: encoder -> decoder round trips in both encodings, hand-written streams that pin the encodings
// down independently of the encoder, and a table of damaged inputs each rejected with its status.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "resources/formats/pid.h"
#include "support/splitmix.h"

namespace oc::formats {
namespace {

using Bytes = std::vector<u8>;

using Rng = test::SplitMix64;  // deterministic, so a failure replays

Palette make_palette(u32 seed) {
  Palette p{};
  for (u32 i = 0; i < kPalSize; ++i) p.rgb[i] = static_cast<u8>(i * 13 + seed);
  return p;
}

Bytes encode(const PidImage& image) {
  const Result<u32> size = pid_encoded_size(image);
  EXPECT_EQ(size.status, Status::Ok);
  Bytes out(size.value);
  const Result<u32> written = pid_encode(image, out.data(), size.value);
  EXPECT_EQ(written.status, Status::Ok);
  EXPECT_EQ(written.value, size.value);
  return out;
}

ByteSpan span(const Bytes& b) { return ByteSpan(b.data(), static_cast<u32>(b.size())); }

Status indices_of(const Bytes& file, Bytes* out) {
  PidInfo info{};
  const Status s = pid_parse(span(file), &info);
  if (s != Status::Ok) return s;
  out->assign(info.pixel_count, 0xEE);
  return pid_decode_indices(span(file), out->data(), static_cast<u32>(out->size()));
}

Status rgba_of(const Bytes& file, const Palette* pal, Bytes* out) {
  PidInfo info{};
  const Status s = pid_parse(span(file), &info);
  if (s != Status::Ok) return s;
  out->assign(static_cast<size_t>(info.pixel_count) * 4, 0xEE);
  return pid_decode_rgba(span(file), pal, out->data(), static_cast<u32>(out->size()));
}

Bytes expected_rgba(const Bytes& indices, const Palette& pal) {
  u8 table[kPalRgbaSize];
  pal_to_rgba(pal, table);
  Bytes out;
  for (u8 i : indices) out.insert(out.end(), table + i * 4, table + i * 4 + 4);
  return out;
}

// A header followed by `stream` (and nothing else): for hand-written pixel streams.
Bytes raw_file(u32 flags, u32 width, u32 height, const Bytes& stream) {
  Bytes f(kPidHeaderSize, 0);
  std::memcpy(&f[4], &flags, 4);
  std::memcpy(&f[8], &width, 4);
  std::memcpy(&f[12], &height, 4);
  f.insert(f.end(), stream.begin(), stream.end());
  return f;
}

// Random indices with long runs (so runs and skips cross row ends) and every kind of value.
Bytes random_indices(Rng& rng, u32 count) {
  Bytes idx;
  while (idx.size() < count) {
    const u32 kind = rng.below(4);
    const u32 len = 1 + rng.below(kind == 0 ? 300 : 6);
    const u8 v = kind == 1 ? 0 : static_cast<u8>(rng.below(256));
    for (u32 i = 0; i < len && idx.size() < count; ++i) idx.push_back(kind == 3 ? static_cast<u8>(rng.below(256)) : v);
  }
  return idx;
}

constexpr u32 kEncodings[] = {0, pid_flags::kCompressed};

TEST(PidRoundTrip, RandomImagesBothEncodingsWithAndWithoutPalette) {
  Rng rng{5};
  const Palette pal = make_palette(9);
  for (int iter = 0; iter < 300; ++iter) {
    const u32 w = rng.below(70);
    const u32 h = rng.below(40);
    const Bytes idx = random_indices(rng, w * h);
    for (u32 enc : kEncodings) {
      for (bool embed : {false, true}) {
        PidImage img;
        img.indices = idx.data();
        img.width = w;
        img.height = h;
        img.flags = enc | (embed ? pid_flags::kEmbeddedPalette : 0);
        img.palette = embed ? &pal : nullptr;
        const Bytes file = encode(img);
        Bytes got;
        ASSERT_EQ(indices_of(file, &got), Status::Ok) << w << "x" << h << " flags " << img.flags;
        ASSERT_EQ(got, idx) << w << "x" << h << " flags " << img.flags;
        ASSERT_EQ(rgba_of(file, &pal, &got), Status::Ok);
        ASSERT_EQ(got, expected_rgba(idx, pal));
      }
    }
  }
}

TEST(PidRoundTrip, EveryIndexValueAndThePlainEncodingsRunsOfOne) {
  Bytes idx(256);
  for (u32 i = 0; i < 256; ++i) idx[i] = static_cast<u8>(i);
  for (u32 enc : kEncodings) {
    PidImage img;
    img.indices = idx.data();
    img.width = 16;
    img.height = 16;
    img.flags = enc;
    const Bytes file = encode(img);
    Bytes got;
    ASSERT_EQ(indices_of(file, &got), Status::Ok);
    EXPECT_EQ(got, idx);
    if (enc == 0) {  // 0..192 one byte each, 193..255 as (193, v): 193 + 63 * 2 stream bytes
      ASSERT_EQ(file.size(), kPidHeaderSize + 193 + 63 * 2);
      for (u32 v = 193; v < 256; ++v) {
        const size_t at = kPidHeaderSize + 193 + (v - 193) * 2;
        EXPECT_EQ(file[at], 193);
        EXPECT_EQ(file[at + 1], v);
      }
    }
  }
}

TEST(PidRoundTrip, RunsAndSkipsCrossRowEnds) {
  // 5 pixels wide, 10 rows of one value: one run of 50 (plain) or one literal chain (compressed).
  const Bytes idx(50, 7);
  PidImage img;
  img.indices = idx.data();
  img.width = 5;
  img.height = 10;
  const Bytes plain = encode(img);
  EXPECT_EQ(plain, raw_file(0, 5, 10, {192 + 50, 7}));
  const Bytes zeros(50, 0);
  img.indices = zeros.data();
  img.flags = pid_flags::kCompressed;
  EXPECT_EQ(encode(img), raw_file(pid_flags::kCompressed, 5, 10, {128 + 50}));
  // Hand-written: a skip of 7 and a run of 6 over 3-pixel rows.
  Bytes got;
  ASSERT_EQ(indices_of(raw_file(pid_flags::kCompressed, 3, 4, {128 + 7, 5, 1, 2, 3, 4, 5}), &got), Status::Ok);
  EXPECT_EQ(got, Bytes({0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5}));
  ASSERT_EQ(indices_of(raw_file(0, 3, 3, {192 + 6, 9, 4, 0, 192}), &got), Status::Ok);
  EXPECT_EQ(got, Bytes({9, 9, 9, 9, 9, 9, 4, 0, 192}));
}

TEST(PidRoundTrip, HeaderFieldsAndUnknownFlagBitsAreKept) {
  const Palette pal = make_palette(1);
  const Bytes idx = {1, 2, 3, 0, 200, 200};
  for (u32 flags : {0u, 0x20u, 0x80u, 0xA0u, 0x5Fu, 0xFFFFFFFFu, 0xFFFFFF5Fu, 0x100u}) {
    PidImage img;
    img.indices = idx.data();
    img.width = 3;
    img.height = 2;
    img.flags = flags;
    img.offset_x = -17;
    img.offset_y = 40000;
    img.file_desc = 0xDEADBEEF;
    img.unk0 = 11;
    img.unk1 = 12;
    img.palette = (flags & pid_flags::kEmbeddedPalette) ? &pal : nullptr;
    const Bytes file = encode(img);
    PidInfo info{};
    ASSERT_EQ(pid_parse(span(file), &info), Status::Ok) << flags;
    EXPECT_EQ(info.header.flags, flags);
    EXPECT_EQ(info.header.offset_x, -17);
    EXPECT_EQ(info.header.offset_y, 40000);
    EXPECT_EQ(info.header.file_desc, 0xDEADBEEFu);
    EXPECT_EQ(info.header.unk0, 11u);
    EXPECT_EQ(info.header.unk1, 12u);
    EXPECT_EQ(info.pixel_count, 6u);
    EXPECT_EQ(info.pixels_offset, kPidHeaderSize);
    const bool embedded = img.palette != nullptr;
    EXPECT_EQ(info.palette_offset, embedded ? file.size() - kPalSize : 0u);
    EXPECT_EQ(info.pixels_size, file.size() - kPidHeaderSize - (embedded ? kPalSize : 0));
    Bytes got;
    ASSERT_EQ(indices_of(file, &got), Status::Ok) << flags;
    EXPECT_EQ(got, idx);
  }
}

TEST(PidPalette, EmbeddedPaletteIsUsedWhenNoneIsGivenAndAGivenOneWins) {
  const Palette inside = make_palette(3);
  const Palette given = make_palette(100);
  const Bytes idx = {0, 1, 2, 255, 128, 0, 77, 77};
  for (u32 enc : kEncodings) {
    PidImage img;
    img.indices = idx.data();
    img.width = 4;
    img.height = 2;
    img.flags = enc | pid_flags::kEmbeddedPalette;
    img.palette = &inside;
    const Bytes file = encode(img);
    Palette read{};
    ASSERT_EQ(pid_embedded_palette(span(file), &read), Status::Ok);
    EXPECT_EQ(std::memcmp(read.rgb, inside.rgb, kPalSize), 0);
    Bytes got;
    ASSERT_EQ(rgba_of(file, nullptr, &got), Status::Ok);
    EXPECT_EQ(got, expected_rgba(idx, inside));
    ASSERT_EQ(rgba_of(file, &given, &got), Status::Ok);
    EXPECT_EQ(got, expected_rgba(idx, given));
  }
}

TEST(PidPalette, NoPaletteAnywhereIsInvalidArgument) {
  const Bytes file = raw_file(0, 1, 1, {5});
  u8 rgba[4];
  EXPECT_EQ(pid_decode_rgba(span(file), nullptr, rgba, 4), Status::InvalidArgument);
  Palette p{};
  EXPECT_EQ(pid_embedded_palette(span(file), &p), Status::InvalidArgument);
}

TEST(PidDecode, TrailingBytesAfterTheLastPixelAreIgnored) {
  const Palette pal = make_palette(2);
  const Bytes idx = {4, 4, 4, 0, 0, 9};
  for (u32 enc : kEncodings) {
    for (bool embed : {false, true}) {
      PidImage img;
      img.indices = idx.data();
      img.width = 3;
      img.height = 2;
      img.flags = enc | (embed ? pid_flags::kEmbeddedPalette : 0);
      img.palette = embed ? &pal : nullptr;
      Bytes file = encode(img);
      const size_t stream_end = file.size() - (embed ? kPalSize : 0);
      file.insert(file.begin() + static_cast<std::ptrdiff_t>(stream_end), {0xFF, 0xC5, 0x00});
      Bytes got;
      ASSERT_EQ(indices_of(file, &got), Status::Ok);
      EXPECT_EQ(got, idx);
      if (embed) {
        ASSERT_EQ(rgba_of(file, nullptr, &got), Status::Ok);
        EXPECT_EQ(got, expected_rgba(idx, pal));
      }
    }
  }
}

TEST(PidReject, EveryPrefixOfAValidFileIsTruncated) {
  Rng rng{77};
  const Palette pal = make_palette(4);
  const Bytes idx = random_indices(rng, 6 * 5);
  for (u32 enc : kEncodings) {
    for (bool embed : {false, true}) {
      PidImage img;
      img.indices = idx.data();
      img.width = 6;
      img.height = 5;
      img.flags = enc | (embed ? pid_flags::kEmbeddedPalette : 0);
      img.palette = embed ? &pal : nullptr;
      const Bytes file = encode(img);
      for (size_t len = 0; len < file.size(); ++len) {
        const ByteSpan cut(file.data(), static_cast<u32>(len));
        Bytes out(30 * 4);
        EXPECT_EQ(pid_decode_indices(cut, out.data(), 30), Status::Truncated) << "len " << len;
        EXPECT_EQ(pid_decode_rgba(cut, &pal, out.data(), 120), Status::Truncated) << "len " << len;
      }
    }
  }
}

TEST(PidReject, ParseRefusesMorePixelsThanTheDensestStreamCouldHold) {
  // The densest streams: one compressed byte skips 127 pixels, two plain bytes run 63 pixels.
  const u32 c = pid_flags::kCompressed;
  PidInfo info{};
  Bytes got;
  ASSERT_EQ(indices_of(raw_file(c, 127, 1, {0xFF}), &got), Status::Ok);
  EXPECT_EQ(got, Bytes(127, 0));
  EXPECT_EQ(pid_parse(span(raw_file(c, 128, 1, {0xFF})), &info), Status::Truncated);
  ASSERT_EQ(indices_of(raw_file(0, 9, 7, {0xFF, 3}), &got), Status::Ok);
  EXPECT_EQ(got, Bytes(63, 3));
  EXPECT_EQ(pid_parse(span(raw_file(0, 64, 1, {0xFF, 3})), &info), Status::Truncated);
  EXPECT_EQ(pid_parse(span(raw_file(0, 1, 1, {})), &info), Status::Truncated);
  EXPECT_EQ(pid_parse(span(raw_file(c, 0, kPidMaxSide, {})), &info), Status::Ok);  // empty image
}

struct Damaged {
  const char* what;
  Bytes file;
  Status want;
};

TEST(PidReject, DamagedInputsGetTheirSpecificStatus) {
  const u32 c = pid_flags::kCompressed;
  const u32 e = pid_flags::kEmbeddedPalette;
  Bytes pal_only(kPalSize, 1);
  Bytes short_pal(kPalSize - 1, 1);
  const Damaged table[] = {
      {"empty", {}, Status::Truncated},
      {"header cut", Bytes(31, 0), Status::Truncated},
      {"width above max", raw_file(0, kPidMaxSide + 1, 1, {1}), Status::Oversized},
      {"height above max", raw_file(0, 1, kPidMaxSide + 1, {1}), Status::Oversized},
      {"4-billion sides", raw_file(c, 0xFFFFFFFF, 0xFFFFFFFF, {}), Status::Oversized},
      {"max sides, tiny stream", raw_file(c, kPidMaxSide, kPidMaxSide, {0xFF, 0xFF}), Status::Truncated},
      {"pixels but no stream", raw_file(0, 2, 2, {}), Status::Truncated},
      {"plain stream ends early", raw_file(0, 2, 2, {1, 2, 3}), Status::Truncated},
      {"plain run without its value", raw_file(0, 2, 2, {1, 0xC3}), Status::Truncated},
      {"plain run past the end", raw_file(0, 2, 2, {1, 0xC4, 7}), Status::Malformed},
      {"plain run past the end, one row", raw_file(0, 3, 1, {0xFF, 7}), Status::Malformed},
      {"skip past the end", raw_file(c, 2, 2, {1, 9, 0x84}), Status::Malformed},
      {"literals past the end", raw_file(c, 2, 2, {5, 1, 2, 3, 4, 5}), Status::Malformed},
      {"literals cut", raw_file(c, 2, 2, {4, 1, 2}), Status::Truncated},
      {"compressed stream ends early", raw_file(c, 2, 2, {0x82}), Status::Truncated},
      {"zero-length literals only", raw_file(c, 1, 1, {0, 0, 0}), Status::Truncated},
      {"embedded flag, no room for it", raw_file(e, 1, 1, {1}), Status::Truncated},
      {"embedded flag, one byte short", raw_file(e, 0, 0, short_pal), Status::Truncated},
      {"embedded palette eats the stream", raw_file(e, 1, 1, pal_only), Status::Truncated},
      {"compressed and embedded, stream short", raw_file(c | e, 2, 1, [] {
         Bytes s = {2, 5};
         s.resize(2 + kPalSize, 3);
         return s;
       }()), Status::Truncated},
  };
  for (const Damaged& d : table) {
    Bytes out(64, 0);
    const Palette pal = make_palette(0);
    EXPECT_EQ(pid_decode_indices(span(d.file), out.data(), 16), d.want) << d.what;
    EXPECT_EQ(pid_decode_rgba(span(d.file), &pal, out.data(), 64), d.want) << d.what;
  }
}

TEST(PidReject, BadCallerArguments) {
  const Bytes file = raw_file(0, 2, 2, {1, 2, 3, 4});
  u8 out[16];
  EXPECT_EQ(pid_decode_indices(span(file), out, 3), Status::InvalidArgument);
  EXPECT_EQ(pid_decode_indices(span(file), nullptr, 4), Status::InvalidArgument);
  const Palette pal = make_palette(0);
  EXPECT_EQ(pid_decode_rgba(span(file), &pal, out, 15), Status::InvalidArgument);
  EXPECT_EQ(pid_parse(span(file), nullptr), Status::InvalidArgument);

  const u8 idx[4] = {1, 2, 3, 4};
  PidImage img;
  img.indices = idx;
  img.width = 2;
  img.height = 2;
  img.flags = pid_flags::kEmbeddedPalette;  // flag without a palette
  EXPECT_EQ(pid_encoded_size(img).status, Status::InvalidArgument);
  img.flags = 0;
  img.palette = &pal;  // palette without the flag
  EXPECT_EQ(pid_encoded_size(img).status, Status::InvalidArgument);
  img.palette = nullptr;
  img.width = kPidMaxSide + 1;
  EXPECT_EQ(pid_encoded_size(img).status, Status::Oversized);
  img.width = 2;
  img.indices = nullptr;
  EXPECT_EQ(pid_encoded_size(img).status, Status::InvalidArgument);
  img.indices = idx;
  const Result<u32> size = pid_encoded_size(img);
  ASSERT_TRUE(size.ok());
  Bytes buf(size.value);
  EXPECT_EQ(pid_encode(img, buf.data(), size.value - 1).status, Status::InvalidArgument);
  EXPECT_EQ(pid_encode(img, buf.data(), size.value).value, size.value);
}

TEST(PidReject, RandomBytesNeverCrashAndRgbaAgreesWithIndices) {
  // A smoke test, not the fuzzer: small random headers over random streams.
  Rng rng{123};
  const Palette pal = make_palette(6);
  for (int iter = 0; iter < 20000; ++iter) {
    const u32 flags = static_cast<u32>(rng.next()) & (iter % 2 ? 0xFFu : 0xA0u);
    Bytes stream(rng.below(iter % 10 == 0 ? 1000 : 60));
    for (u8& b : stream) b = static_cast<u8>(rng.below(256));
    const Bytes file = raw_file(flags, rng.below(9), rng.below(9), stream);
    Bytes idx, rgba;
    const Status a = indices_of(file, &idx);
    const Status b = rgba_of(file, &pal, &rgba);
    ASSERT_EQ(a, b);
    ASSERT_TRUE(a == Status::Ok || a == Status::Truncated || a == Status::Malformed) << status_name(a);
    if (a == Status::Ok) {
      ASSERT_EQ(rgba, expected_rgba(idx, pal));
    }
  }
}

}  // namespace
}  // namespace oc::formats
