// The first 16 bytes of every resource-cache entry the streamer writes, so that the assets region
// alone describes what it holds (a debugger or a worker reads kind and size without the host's maps).
#pragma once

#include <cstddef>
#include <cstdint>

#include "memory/types.h"

namespace oc {

constexpr u32 kAssetRaw = 1;    // the file's bytes, unchanged
constexpr u32 kAssetImage = 2;  // RGBA, row-major, width * height * 4 bytes

struct AssetHeader {
  u32 kind;           // kAssetRaw or kAssetImage
  u32 payload_bytes;  // bytes after this header
  u16 width;          // 0 for raw
  u16 height;         // 0 for raw
  std::int16_t offset_x;       // the image's hot spot (PID offsets), 0 for raw
  std::int16_t offset_y;
};
static_assert(sizeof(AssetHeader) == 16, "AssetHeader is a region record");
static_assert(offsetof(AssetHeader, width) == 8 && offsetof(AssetHeader, offset_y) == 14,
              "AssetHeader field offsets are fixed: TypeScript and workers write them directly");

}  // namespace oc
