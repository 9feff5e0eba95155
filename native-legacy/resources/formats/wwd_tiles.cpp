// WWD tile descriptions. The layout is in ../shared/LEGACY-FORMATS.md.
#include "resources/formats/wwd_tiles.h"

namespace oc::formats {

Status wwd_tile_descriptions_count(ByteSpan image, const WwdHeader& header, u32* count) {
  if (count == nullptr) return Status::InvalidArgument;
  const u32 at = header.tile_descriptions_offset;
  if (!image.has(at, kWwdTilePreambleSize)) return Status::Truncated;
  u32 words[8];
  for (u32 k = 0; k < 8; ++k) image.u32_at(at + 4 * k, &words[k]);
  // The fixed words are the only check that the offset really points at the table: a stray offset
  // into tiles or objects would otherwise decode as plausible records.
  if (words[0] != kWwdTilePreambleSize) return Status::Malformed;
  for (u32 k = 1; k < 8; ++k) {
    if (k != 2 && words[k] != 0) return Status::Malformed;
  }
  const u64 room = static_cast<u64>(image.size()) - at - kWwdTilePreambleSize;
  if (static_cast<u64>(words[2]) * kWwdTileSingleSize > room) return Status::Oversized;
  *count = words[2];
  return Status::Ok;
}

Status wwd_read_tile_descriptions(ByteSpan image, const WwdHeader& header, WwdTileDescription* out,
                                  u32 capacity) {
  u32 count = 0;
  const Status st = wwd_tile_descriptions_count(image, header, &count);
  if (st != Status::Ok) return st;
  if (count > 0 && (out == nullptr || capacity < count)) return Status::InvalidArgument;
  u64 at = static_cast<u64>(header.tile_descriptions_offset) + kWwdTilePreambleSize;
  for (u32 i = 0; i < count; ++i) {
    ByteSpan rec;
    if (at > image.size() || !image.sub(static_cast<u32>(at), kWwdTileSingleSize, &rec)) {
      return Status::Truncated;
    }
    WwdTileDescription d{};
    rec.u32_at(0, &d.type);
    rec.u32_at(4, &d.unknown);
    rec.u32_at(8, &d.width);
    rec.u32_at(12, &d.height);
    if (d.type == kWwdTileSingle) {
      rec.u32_at(16, &d.inside_attrib);
      at += kWwdTileSingleSize;
    } else if (d.type == kWwdTileDouble) {
      if (!image.sub(static_cast<u32>(at), kWwdTileDoubleSize, &rec)) return Status::Truncated;
      rec.u32_at(16, &d.outside_attrib);
      rec.u32_at(20, &d.inside_attrib);
      rec.i32_at(24, &d.rect.left);
      rec.i32_at(28, &d.rect.top);
      rec.i32_at(32, &d.rect.right);
      rec.i32_at(36, &d.rect.bottom);
      at += kWwdTileDoubleSize;
    } else {
      return Status::Malformed;
    }
    out[i] = d;
  }
  return Status::Ok;
}

}  // namespace oc::formats
