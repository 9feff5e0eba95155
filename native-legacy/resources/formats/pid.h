// PID: one image of the legacy game. A 32-byte header, a stream of palette indices in one of two
// run-length encodings, and optionally a 768-byte palette at the file's end (flag 0x80). Readers take
// the whole file as a span; nothing here allocates or keeps a pointer into the input.
//
// Decisions the format leaves open, made once here:
// - The pixel stream is one row-major sequence of width*height pixels, so runs and skips may cross
//   row ends. A run, skip or literal block that goes past the last pixel is Malformed; a stream that
//   ends before the last pixel is Truncated. Bytes after the last pixel (before the embedded palette,
//   if any) are allowed and ignored: they are never read.
// - A skipped pixel (compressed encoding) decodes to index 0, which is the transparent index, so
//   pid_decode_rgba(x) == pal_to_rgba applied to pid_decode_indices(x), always.
// - Width or height above kPidMaxSide is Oversized; 0 is allowed (an empty image decodes to nothing).
//   Before any decoding, an image with more pixels than its stream could encode at the densest
//   possible rate is Truncated, so a huge header cannot make a caller allocate for nothing.
// - Flag bits other than 0x20 and 0x80 do not change the layout; they are kept, never rejected.
#pragma once

#include "memory/types.h"
#include "resources/formats/pal.h"
#include "resources/formats/span.h"

namespace oc::formats {

namespace pid_flags {
constexpr u32 kTransparency = 0x01;
constexpr u32 kVideoMemory = 0x02;
constexpr u32 kSystemMemory = 0x04;
constexpr u32 kMirror = 0x08;
constexpr u32 kInvert = 0x10;
constexpr u32 kCompressed = 0x20;
constexpr u32 kLights = 0x40;
constexpr u32 kEmbeddedPalette = 0x80;
}  // namespace pid_flags

constexpr u32 kPidHeaderSize = 32;
constexpr u32 kPidMaxSide = 16384;  // so width*height*4 (the RGBA size) always fits a u32

struct PidHeader {
  u32 file_desc;
  u32 flags;
  u32 width;
  u32 height;
  i32 offset_x;  // drawing anchor: x - width/2 + offset_x
  i32 offset_y;
  u32 unk0;
  u32 unk1;
};

struct PidInfo {
  PidHeader header;
  u32 pixel_count;     // width * height (fits: both sides are at most kPidMaxSide)
  u32 pixels_offset;   // start of the pixel stream in the span (always kPidHeaderSize)
  u32 pixels_size;     // bytes of the pixel stream, embedded palette excluded
  u32 palette_offset;  // start of the embedded palette in the span; 0 when the file has none
};

// Parses and checks the header (no pixel is decoded). Truncated: shorter than the header, than the
// embedded palette, or than width*height could be encoded in; Oversized: a side above kPidMaxSide.
Status pid_parse(ByteSpan in, PidInfo* out) noexcept;

// The embedded palette; InvalidArgument when the file has none (check palette_offset first).
Status pid_embedded_palette(ByteSpan in, Palette* out) noexcept;

// Decodes to one palette index per pixel, row-major, into out[0 .. width*height). InvalidArgument
// when out_size is smaller than that. On failure `out` holds a partial image.
Status pid_decode_indices(ByteSpan in, u8* out, u32 out_size) noexcept;

// Decodes to RGBA (4 bytes per pixel, row-major) into out[0 .. width*height*4) with `palette`, or
// with the file's embedded palette when `palette` is null (InvalidArgument if it has none), mapped
// through pal_to_rgba: index 0 and every skipped pixel become (0, 0, 0, 0), others (R, G, B, 255).
Status pid_decode_rgba(ByteSpan in, const Palette* palette, u8* out, u32 out_size) noexcept;

// What the encoder writes: the packer's and the test fixtures' side of the readers.
struct PidImage {
  const u8* indices = nullptr;  // width*height palette indices, row-major
  u32 width = 0;
  u32 height = 0;
  u32 flags = 0;  // kCompressed selects the encoding; kEmbeddedPalette must be set iff palette != null
  i32 offset_x = 0;
  i32 offset_y = 0;
  u32 file_desc = 0;
  u32 unk0 = 0;
  u32 unk1 = 0;
  const Palette* palette = nullptr;  // written as the file's last 768 bytes
};

// The exact size pid_encode will write. The compressed encoding writes index 0 as skips, so decoding
// gives back the same indices; the uncompressed one writes indices 193..255 as runs of length 1.
// InvalidArgument: null indices for a non-empty image, or flag and palette disagree; Oversized: a
// side above kPidMaxSide.
Result<u32> pid_encoded_size(const PidImage& image) noexcept;

// Encodes into out[0 .. capacity); the value is the number of bytes written. InvalidArgument when
// capacity is below pid_encoded_size(image), plus that function's errors.
Result<u32> pid_encode(const PidImage& image, u8* out, u32 capacity) noexcept;

}  // namespace oc::formats
