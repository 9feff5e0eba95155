// PAL: the 768-byte palette of the legacy game (256 x R, G, B; index 0 is the transparent colour).
// The palette is plain bytes with no pointers, so it can live in a region or be copied freely.
#pragma once

#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc::formats {

constexpr u32 kPalColors = 256;
constexpr u32 kPalSize = kPalColors * 3;      // the whole file
constexpr u32 kPalRgbaSize = kPalColors * 4;  // the RGBA lookup table made from it

struct Palette {
  u8 rgb[kPalSize];  // R, G, B of index 0, then of index 1, ...
};
static_assert(sizeof(Palette) == kPalSize, "a Palette is exactly the file's bytes");

// Reads a whole PAL file: Truncated below 768 bytes, Oversized above (a PAL has no header that could
// explain extra bytes, so a longer span is most likely the wrong entry).
Status pal_read(ByteSpan in, Palette* out) noexcept;

// Writes the 768 file bytes of `pal` to `out` (the packer's side of pal_read).
void pal_write(const Palette& pal, u8 out[kPalSize]) noexcept;

// The RGBA table the decoders use: index 0 becomes (0, 0, 0, 0), transparent whether the consumer reads
// straight or premultiplied alpha (its RGB would glow under premultiplied); every other index is
// (R, G, B, 255).
void pal_to_rgba(const Palette& pal, u8 out[kPalRgbaSize]) noexcept;

}  // namespace oc::formats
