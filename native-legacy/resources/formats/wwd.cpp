// WWD header, planes, tiles and image sets. The layout is in ../shared/LEGACY-FORMATS.md.
#include "resources/formats/wwd.h"

namespace oc::formats {
namespace {

// A fixed char field: its text ends at the first NUL, or fills the field (names of exactly 64
// characters exist in hand-edited levels; refusing them would gain nothing).
TextRef fixed_text(ByteSpan span, u32 at, u32 field) {
  u32 length = field;
  if (!span.cstring_at(at, field, &length)) length = field;
  return TextRef{at, length};
}

constexpr u32 kImageSetAt[4] = {884, 1012, 1140, 1268};
constexpr u32 kPrefixAt[4] = {1396, 1428, 1460, 1492};

}  // namespace

Status wwd_parse_header(ByteSpan file, WwdHeader* out) {
  if (out == nullptr) return Status::InvalidArgument;
  if (!file.has(0, kWwdHeaderSize)) return Status::Truncated;
  WwdHeader h{};
  file.u32_at(0, &h.signature);
  if (h.signature != kWwdSignature) return Status::BadMagic;
  // Every read below is inside the 1,524 bytes checked above.
  file.u32_at(8, &h.flags);
  h.level_name = fixed_text(file, 16, 64);
  h.author = fixed_text(file, 80, 64);
  h.birth = fixed_text(file, 144, 64);
  h.rez_file = fixed_text(file, 208, 256);
  h.image_directory = fixed_text(file, 464, 128);
  h.palette_path = fixed_text(file, 592, 128);
  file.i32_at(720, &h.start_x);
  file.i32_at(724, &h.start_y);
  file.u32_at(732, &h.num_planes);
  file.u32_at(736, &h.planes_offset);
  file.u32_at(740, &h.tile_descriptions_offset);
  file.u32_at(744, &h.main_block_length);
  file.u32_at(748, &h.checksum);
  h.launch_app = fixed_text(file, 756, 128);
  for (u32 i = 0; i < 4; ++i) {
    h.image_sets[i] = fixed_text(file, kImageSetAt[i], 128);
    h.prefixes[i] = fixed_text(file, kPrefixAt[i], 32);
  }
  if (h.planes_offset < kWwdHeaderSize || h.planes_offset > file.size()) return Status::OutOfRange;
  if (h.main_block_length > kWwdMaxBodySize) return Status::Oversized;
  *out = h;
  return Status::Ok;
}

Status wwd_parse_image(ByteSpan image, WwdHeader* out) {
  if (out == nullptr) return Status::InvalidArgument;
  WwdHeader h{};
  const Status st = wwd_parse_header(image, &h);
  if (st != Status::Ok) return st;
  const u64 table = static_cast<u64>(h.num_planes) * kWwdPlaneSize;
  if (table > image.size()) return Status::Oversized;
  if (h.planes_offset + table > image.size()) return Status::Truncated;
  // Each plane's tiles, image sets and objects are checked against the image on their own by
  // wwd_plane(); together they must fit too, or planes sharing one range would let a small file make
  // a reader build N copies of it.
  u64 declared = table;
  for (u32 i = 0; i < h.num_planes; ++i) {
    const u32 at = h.planes_offset + i * kWwdPlaneSize;  // inside the table checked above
    u32 tiles_x = 0, tiles_y = 0, sets = 0, objects = 0;
    image.u32_at(at + 96, &tiles_x);
    image.u32_at(at + 100, &tiles_y);
    image.u32_at(at + 124, &sets);
    image.u32_at(at + 128, &objects);
    declared += static_cast<u64>(tiles_x) * tiles_y * 4 + sets + static_cast<u64>(objects) * 284;
    if (declared > image.size() - h.planes_offset) return Status::Oversized;
  }
  *out = h;
  return Status::Ok;
}

Status wwd_plane(ByteSpan image, const WwdHeader& header, u32 index, WwdPlane* out) {
  if (out == nullptr || index >= header.num_planes) return Status::InvalidArgument;
  const u64 at64 = header.planes_offset + static_cast<u64>(index) * kWwdPlaneSize;
  if (at64 + kWwdPlaneSize > image.size()) return Status::Truncated;
  const u32 at = static_cast<u32>(at64);
  WwdPlane p{};
  p.offset = at;
  // All reads are inside the 160 bytes checked above.
  image.u32_at(at + 0, &p.signature);
  image.u32_at(at + 8, &p.flags);
  p.name = fixed_text(image, at + 16, 64);
  image.u32_at(at + 80, &p.pixel_width);
  image.u32_at(at + 84, &p.pixel_height);
  image.u32_at(at + 88, &p.tile_width);
  image.u32_at(at + 92, &p.tile_height);
  image.u32_at(at + 96, &p.tiles_x);
  image.u32_at(at + 100, &p.tiles_y);
  image.i32_at(at + 112, &p.movement_percent_x);
  image.i32_at(at + 116, &p.movement_percent_y);
  image.u32_at(at + 120, &p.fill_color);
  image.u32_at(at + 124, &p.image_sets_count);
  image.u32_at(at + 128, &p.objects_count);
  image.u32_at(at + 132, &p.tiles_offset);
  image.u32_at(at + 136, &p.image_sets_offset);
  image.u32_at(at + 140, &p.objects_offset);
  image.i32_at(at + 144, &p.z);

  const u64 size = image.size();
  // tilesX * tilesY * 4 is done in 64 bits: two u32 factors cannot overflow it.
  const u64 tiles = static_cast<u64>(p.tiles_x) * p.tiles_y;
  if (tiles > 0) {
    if (tiles * 4 > size) return Status::Oversized;
    if (p.tiles_offset + tiles * 4 > size) return Status::OutOfRange;
    const u64 table_begin = header.planes_offset;
    const u64 table_end = table_begin + static_cast<u64>(header.num_planes) * kWwdPlaneSize;
    if (p.tiles_offset < table_end && p.tiles_offset + tiles * 4 > table_begin) return Status::Overlap;
  }
  p.tiles_count = static_cast<u32>(tiles);
  if (p.image_sets_count > 0) {
    if (p.image_sets_offset > size) return Status::OutOfRange;
    if (p.image_sets_count > size - p.image_sets_offset) return Status::Oversized;
  }
  if (p.objects_count > 0) {
    constexpr u64 kObjectMin = 284;  // the fixed part of an object (wwd_objects.h)
    if (p.objects_offset > size) return Status::OutOfRange;
    if (p.objects_count * kObjectMin > size - p.objects_offset) return Status::Oversized;
  }
  *out = p;
  return Status::Ok;
}

Status wwd_tile(ByteSpan image, const WwdPlane& plane, u32 x, u32 y, i32* out) {
  if (out == nullptr) return Status::InvalidArgument;
  if (x >= plane.tiles_x || y >= plane.tiles_y) return Status::OutOfRange;
  const u64 at = plane.tiles_offset + (static_cast<u64>(y) * plane.tiles_x + x) * 4;
  if (at > image.size() || !image.i32_at(static_cast<u32>(at), out)) return Status::OutOfRange;
  return Status::Ok;
}

Status wwd_read_image_sets(ByteSpan image, const WwdPlane& plane, TextRef* out, u32 capacity) {
  if (plane.image_sets_count > 0 && (out == nullptr || capacity < plane.image_sets_count)) {
    return Status::InvalidArgument;
  }
  u64 at = plane.image_sets_offset;
  for (u32 i = 0; i < plane.image_sets_count; ++i) {
    u32 length = 0;
    if (at >= image.size()) return Status::Truncated;
    if (!image.cstring_at(static_cast<u32>(at), image.size() - static_cast<u32>(at), &length)) {
      return Status::Malformed;
    }
    out[i] = TextRef{static_cast<u32>(at), length};
    at += static_cast<u64>(length) + 1;
  }
  return Status::Ok;
}

}  // namespace oc::formats
