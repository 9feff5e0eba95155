// .clawinput v1: the input bits of a play session, one byte per frame, so that a session recorded in
// one build replays in the other. engine/game/input-recording.ts is the TypeScript twin.
//
// Layout (little-endian): a 32-byte header {u32 magic "OCIN", u16 version 1, u16 header_size 32,
// u32 frame_count, u32 level_hash lo/hi (World.level_hash, 0 = any level), u32 start_frame lo/hi (the
// state region's frame counter when recording began), u32 checksum (low 32 bits of XXH3-64 of the
// frame bytes)}, then frame_count bytes of InputBits (bits 0..5).
#pragma once

#include <vector>

#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc::desktop {

constexpr u32 kInputMagic = 0x4E49434Fu;  // "OCIN" little-endian
constexpr u16 kInputVersion = 1;
constexpr u32 kInputHeaderSize = 32;
constexpr u8 kInputFrameMask = 0x3Fu;     // game::kInputMask: the bits a frame byte may hold

struct InputStream {
  u64 level_hash = 0;   // 0: not bound to a level
  u64 start_frame = 0;  // 0: recorded from a fresh level load
  std::vector<u8> frames;
};

// The low 32 bits of XXH3-64 (seed 0) of the frame bytes: the header's checksum word.
u32 input_checksum(const u8* frames, u32 count) noexcept;

// Parses a whole .clawinput file. The checks, in order: Truncated (shorter than the header),
// BadMagic, VersionTooOld (version 0), VersionTooNew (above 1), SizeMismatch (header_size not 32),
// Truncated / SizeMismatch (the file shorter / longer than 32 + frame_count), ChecksumMismatch,
// Malformed (a frame byte with bit 6 or 7 set). `out` is written only on success.
Status parse_input(formats::ByteSpan file, InputStream* out);

// The file's bytes. InvalidArgument when a frame byte has bit 6 or 7 set or there are more than
// 0xFFFFFFFF frames (nothing is written to `out` then).
Status encode_input(const InputStream& stream, std::vector<u8>* out);

}  // namespace oc::desktop
