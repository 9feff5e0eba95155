// decode(): a snapshot's chunks back into a region image, then the image hash check: one one-shot
// XXH3 call over the image (faster than hashing page by page through the streaming API, see
// capture.cpp).
#include "snapshot/decode.h"

#include "snapshot/checksum.h"
#include "snapshot/snapshot.h"

namespace oc {
namespace snap {

namespace {

u32 bytes_in_page(const ParsedSnapshot& s, u64 a) noexcept {
  const u64 left = s.header.region_used - a;
  return left < s.header.page_size ? static_cast<u32>(left) : s.header.page_size;
}

Status decode_full(const ParsedSnapshot& s, u8* image, u32 image_size) noexcept {
  alignas(64) u8 scratch[kSnapshotPageSize];
  PageCursor cursor;
  for (u32 p = 0; p < s.page_count; ++p) {
    const u64 a = static_cast<u64>(p) * s.header.page_size;
    const u32 n = bytes_in_page(s, a);
    const u8* page = full_image_page(s, cursor, p, scratch);
    if (page == zero_page()) {
      std::memset(image + a, 0, n);
    } else {
      std::memcpy(image + a, page, n);
    }
  }
  std::memset(image + s.header.region_used, 0, image_size - s.header.region_used);
  return checksum64(image, s.header.region_used) == s.header.image_hash ? Status::Ok : Status::ChecksumMismatch;
}

// The base image is in `image` already; the delta's present pages and its REGN replace their bytes.
Status apply_delta(const ParsedSnapshot& s, u8* image, u32 image_size) noexcept {
  const u32 ps = s.header.page_size;
  u32 stored = 0;
  for (u32 p = 0; p < s.page_count; ++p) {
    const u64 a = static_cast<u64>(p) * ps;
    if (s.present(p)) std::memcpy(image + a, s.pages + static_cast<u64>(stored++) * ps, bytes_in_page(s, a));
  }
  std::memcpy(image, s.overlays[0].data, s.overlays[0].length);  // REGN
  std::memset(image + s.header.region_used, 0, image_size - s.header.region_used);
  return checksum64(image, s.header.region_used) == s.header.image_hash ? Status::Ok : Status::ChecksumMismatch;
}

}  // namespace

Status decode_verified(const ParsedSnapshot& s, u8* image, u32 image_size, const u8* base, u32 base_len) noexcept {
  if (image == nullptr) return Status::InvalidArgument;
  if (image_size != s.header.region_size) return Status::SizeMismatch;
  if (!s.delta()) return decode_full(s, image, image_size);

  if (base != nullptr) {
    ParsedSnapshot b;
    Status st = parse_snapshot(base, base_len, ParseMode::Verified, &b);
    if (st != Status::Ok) return st;
    if (b.delta() || b.header.region_size != s.header.region_size || b.header.image_hash != s.header.base_hash) {
      return Status::BaseMismatch;
    }
    st = decode_full(b, image, image_size);
    if (st != Status::Ok) return st;
  } else {
    // The image itself is the base: its used bytes must hash to the base hash.
    RegionHeader rh;
    std::memcpy(&rh, image, sizeof rh);
    if (rh.carve_top < sizeof(RegionHeader) || rh.carve_top > image_size ||
        checksum64(image, rh.carve_top) != s.header.base_hash) {
      return Status::BaseMismatch;
    }
    std::memset(image + rh.carve_top, 0, image_size - rh.carve_top);
  }
  return apply_delta(s, image, image_size);
}

}  // namespace snap

Status decode(const u8* bytes, u32 len, u8* image, u32 image_size, const u8* base, u32 base_len) noexcept {
  snap::ParsedSnapshot s;
  Status st = snap::parse_snapshot(bytes, len, snap::ParseMode::Verified, &s);
  if (st != Status::Ok) return st;
  return snap::decode_verified(s, image, image_size, base, base_len);
}

}  // namespace oc
