#include "resources/formats/pal.h"

#include <cstring>

namespace oc::formats {

Status pal_read(ByteSpan in, Palette* out) noexcept {
  if (out == nullptr) return Status::InvalidArgument;
  if (in.size() < kPalSize) return Status::Truncated;
  if (in.size() > kPalSize) return Status::Oversized;
  std::memcpy(out->rgb, in.data(), kPalSize);
  return Status::Ok;
}

void pal_write(const Palette& pal, u8 out[kPalSize]) noexcept { std::memcpy(out, pal.rgb, kPalSize); }

void pal_to_rgba(const Palette& pal, u8 out[kPalRgbaSize]) noexcept {
  out[0] = out[1] = out[2] = out[3] = 0;
  for (u32 i = 1; i < kPalColors; ++i) {
    out[i * 4 + 0] = pal.rgb[i * 3 + 0];
    out[i * 4 + 1] = pal.rgb[i * 3 + 1];
    out[i * 4 + 2] = pal.rgb[i * 3 + 2];
    out[i * 4 + 3] = 255;
  }
}

}  // namespace oc::formats
