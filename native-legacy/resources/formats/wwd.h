// WWD level: the header, the planes, their tiles and image sets. The file stores the 1,524-byte header
// raw and the rest as one zlib stream that the HOST inflates (DecompressionStream, zlib natively); the
// readers below take the rebuilt image (header + inflated body) in which every offset is absolute.
// Objects are in wwd_objects.h, tile descriptions in wwd_tiles.h, the fixture writer in wwd_writer.h.
// Nothing here allocates: counts are validated against the image, then the caller provides room.
#pragma once

#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc::formats {

constexpr u32 kWwdHeaderSize = 1524;
constexpr u32 kWwdSignature = 1524;
constexpr u32 kWwdPlaneSize = 160;
constexpr u32 kWwdFlagUseZ = 1;
constexpr u32 kWwdFlagCompressed = 2;
// The host allocates mainBlockLength bytes to inflate into: refuse absurd values before it does.
// Real levels inflate to a few MB.
constexpr u32 kWwdMaxBodySize = 256u << 20;

// A string inside the span: [offset, offset + length), NUL excluded.
struct TextRef {
  u32 offset;
  u32 length;
};

struct WwdHeader {
  u32 signature;
  u32 flags;
  // Fixed char fields: the text up to the first NUL, or the whole field when it has none.
  TextRef level_name, author, birth, rez_file, image_directory, palette_path, launch_app;
  TextRef image_sets[4];
  TextRef prefixes[4];
  i32 start_x, start_y;
  u32 num_planes;
  u32 planes_offset;             // where the body (the zlib stream in the raw file) starts
  u32 tile_descriptions_offset;
  u32 main_block_length;         // the body's size once inflated
  u32 checksum;
};

// Parses the header of the raw file or of the rebuilt image (the same first bytes). Truncated under
// 1,524 bytes, BadMagic for another signature, OutOfRange when planesOffset lies inside the header or
// past the span, Oversized when mainBlockLength exceeds kWwdMaxBodySize.
Status wwd_parse_header(ByteSpan file, WwdHeader* out);

// The size of the rebuilt image: the header bytes up to planesOffset plus the inflated body.
inline u64 wwd_image_size(const WwdHeader& h) {
  return static_cast<u64>(h.planes_offset) + h.main_block_length;
}

// Parses the header of a rebuilt image and checks the plane table: numPlanes headers of 160 bytes at
// planesOffset (Oversized when they cannot fit the image at all, Truncated when they run past its end),
// and that what the planes declare together (tiles, image sets at one byte each, objects at 284 bytes
// each) fits in the body (Oversized): planes sharing one range cannot multiply what a reader builds.
Status wwd_parse_image(ByteSpan image, WwdHeader* out);

struct WwdPlane {
  u32 offset;  // of its 160-byte header
  u32 signature;
  u32 flags;  // 1 main, 2 no draw, 4 x-wrap, 8 y-wrap, 16 auto tile size
  TextRef name;
  u32 pixel_width, pixel_height, tile_width, tile_height, tiles_x, tiles_y;
  i32 movement_percent_x, movement_percent_y;
  u32 fill_color;
  u32 image_sets_count, objects_count;
  u32 tiles_offset, image_sets_offset, objects_offset;
  i32 z;
  u32 tiles_count;  // tiles_x * tiles_y, checked to fit the image
};

constexpr u32 kWwdPlaneMain = 1;
constexpr i32 kWwdEmptyTile = -1;

// Reads and checks plane `index` of a parsed image: the tile grid inside the image (tilesX*tilesY in
// 64 bits: Oversized when larger than the image, OutOfRange when it runs past its end, Overlap when it
// shares bytes with the plane table), and the image-set and object counts against the bytes after
// their offsets (each image set needs >= 1 byte, each object >= 284). InvalidArgument for a bad index.
Status wwd_plane(ByteSpan image, const WwdHeader& header, u32 index, WwdPlane* out);

// Tile (x, y) of a checked plane; OutOfRange outside the grid.
Status wwd_tile(ByteSpan image, const WwdPlane& plane, u32 x, u32 y, i32* out);

// Fills out[0, plane.image_sets_count) with the NUL-terminated image-set names. InvalidArgument when
// capacity is short, Malformed when a name has no NUL before the end of the image.
Status wwd_read_image_sets(ByteSpan image, const WwdPlane& plane, TextRef* out, u32 capacity);

}  // namespace oc::formats
