// The formats workloads (area `formats`): PID decoding to RGBA, natively and in wasm from this one
// source, so the wasm/native ratio compares the same decoder. Two image sets stand for what a level
// streams: sprites in the compressed encoding (transparent margins as skips, literal runs inside) and
// tiles in the uncompressed one (colour bands as runs, texture as single pixels, indices 193..255 as
// runs of one). Each run decodes the whole set `rounds` times and reports MB of RGBA per second; a
// plain copy of the same RGBA bytes is reported alongside as the memory-bandwidth yardstick.
#include <cstring>
#include <vector>

#include "resources/formats/pal.h"
#include "resources/formats/pid.h"
#include "workloads.h"
#include "xorshift.h"

namespace ocb {

namespace {

namespace fmt = oc::formats;

constexpr u32 kImages = 48;
constexpr u32 kSpriteSide = 96;
constexpr u32 kTileSide = 64;

struct ImageSet {
  std::vector<std::vector<oc::u8>> files;
  u64 rgba_bytes = 0;  // of one pass over the set
  u32 max_rgba = 0;
  u32 centre = 0;  // byte offset of the centre pixel's green: inside every sprite
  const char* error = nullptr;
};

// A sprite: an ellipse of shaded literal pixels on a transparent field (index 0 is written as skips).
void draw_sprite(std::vector<oc::u8>& px, u32 side, Xorshift32& rng) {
  const int c = static_cast<int>(side) / 2;
  const int rx = c - 4 - static_cast<int>(rng.below(12));
  const int ry = c - 2 - static_cast<int>(rng.below(8));
  const oc::u8 base = static_cast<oc::u8>(16 + rng.below(160));
  for (u32 y = 0; y < side; ++y) {
    for (u32 x = 0; x < side; ++x) {
      const int dx = static_cast<int>(x) - c, dy = static_cast<int>(y) - c;
      const bool inside = static_cast<long>(dx) * dx * ry * ry + static_cast<long>(dy) * dy * rx * rx <=
                          static_cast<long>(rx) * rx * ry * ry;
      // Shading bands of a few pixels with some noise: what pixel art looks like to the encoder.
      px[y * side + x] = inside ? static_cast<oc::u8>(base + (y / 6) % 8 + (rng.below(8) == 0 ? 1 : 0)) : 0;
    }
  }
}

// A tile: horizontal bands (runs) with scattered texture pixels, some in 193..255.
void draw_tile(std::vector<oc::u8>& px, u32 side, Xorshift32& rng) {
  const oc::u8 band0 = static_cast<oc::u8>(1 + rng.below(250));
  for (u32 y = 0; y < side; ++y) {
    const oc::u8 band = static_cast<oc::u8>(band0 + y / 8);
    for (u32 x = 0; x < side; ++x) {
      const u32 r = rng.below(16);
      px[y * side + x] = r == 0 ? static_cast<oc::u8>(193 + rng.below(63)) : r == 1 ? static_cast<oc::u8>(1 + rng.below(192)) : band;
    }
  }
}

ImageSet make_set(bool compressed) {
  ImageSet set;
  // The same images on every run and in both builds; sprites and tiles from different streams.
  Xorshift32 rng(compressed ? 0x2545F491u : 0x68E31DA4u);
  const u32 side = compressed ? kSpriteSide : kTileSide;
  std::vector<oc::u8> px(side * side);
  for (u32 i = 0; i < kImages; ++i) {
    if (compressed) draw_sprite(px, side, rng); else draw_tile(px, side, rng);
    fmt::PidImage img;
    img.indices = px.data();
    img.width = side;
    img.height = side;
    img.flags = compressed ? (fmt::pid_flags::kCompressed | fmt::pid_flags::kTransparency) : 0;
    const oc::Result<u32> size = fmt::pid_encoded_size(img);
    if (!size.ok()) { set.error = "pid_encoded_size failed"; return set; }
    std::vector<oc::u8> file(size.value);
    if (!fmt::pid_encode(img, file.data(), size.value).ok()) { set.error = "pid_encode failed"; return set; }
    set.files.push_back(std::move(file));
    set.rgba_bytes += side * side * 4u;
    set.max_rgba = side * side * 4u;
    set.centre = ((side / 2) * side + side / 2) * 4u + 1u;
  }
  return set;
}

const fmt::Palette& palette() {
  static const fmt::Palette pal = [] {
    fmt::Palette p;
    for (u32 i = 0; i < fmt::kPalSize; ++i) p.rgb[i] = static_cast<oc::u8>(i * 7u + 3u);
    return p;
  }();
  return pal;
}

void run_decode(const ImageSet& set, u32 rounds, Outcome& out) {
  if (set.error != nullptr) return out.fail(set.error);
  static std::vector<oc::u8> rgba;
  rgba.assign(set.max_rgba, 0);
  u64 checksum = 0;
  const double t0 = now_ns();
  for (u32 r = 0; r < rounds; ++r) {
    for (const std::vector<oc::u8>& f : set.files) {
      const fmt::ByteSpan in(f.data(), static_cast<u32>(f.size()));
      if (fmt::pid_decode_rgba(in, &palette(), rgba.data(), set.max_rgba) != oc::Status::Ok) return out.fail("decode failed");
      checksum += rgba[set.centre];  // keeps the decode observable
    }
  }
  const double ns = now_ns() - t0;
  const double bytes = static_cast<double>(set.rgba_bytes) * rounds;
  out.set("mb_per_s", bytes / (ns / 1e9) / 1e6);
  out.set("ns_per_image", ns / (static_cast<double>(rounds) * set.files.size()));
  out.set("rgba_bytes_per_pass", static_cast<double>(set.rgba_bytes));
  out.set("checksum", static_cast<double>(checksum % 1000003u));
}

const ImageSet& sprites() {
  static const ImageSet s = make_set(true);
  return s;
}
const ImageSet& tiles() {
  static const ImageSet s = make_set(false);
  return s;
}

}  // namespace

void run_fmt_pid_compressed(u32 rounds, Outcome& out) { run_decode(sprites(), rounds, out); }
void run_fmt_pid_raw(u32 rounds, Outcome& out) { run_decode(tiles(), rounds, out); }

// The same RGBA volume as one pass over the sprites, copied: what decoding would cost if it were free.
void run_fmt_rgba_copy(u32 rounds, Outcome& out) {
  const u32 bytes = static_cast<u32>(sprites().rgba_bytes);
  static std::vector<oc::u8> src, dst;
  if (src.size() != bytes) {
    src.assign(bytes, 0x5A);
    dst.assign(bytes, 0);
  }
  const u32 image = kSpriteSide * kSpriteSide * 4u;
  const double t0 = now_ns();
  for (u32 r = 0; r < rounds; ++r) {
    for (u32 at = 0; at + image <= bytes; at += image) std::memcpy(dst.data() + at, src.data() + at, image);
    src[r % bytes] = dst[(r * 7u) % bytes];
  }
  const double ns = now_ns() - t0;
  out.set("mb_per_s", static_cast<double>(bytes) * rounds / (ns / 1e9) / 1e6);
}

}  // namespace ocb
