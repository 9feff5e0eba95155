// REZ archive header: the first 139 bytes of an archive. Parsing it is the first of the two reads a
// lazy opener makes; it says which byte range holds the directory tree (the second read). The file
// data itself is never needed to open an archive.
#pragma once

#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc::formats {

constexpr u32 kRezHeaderSize = 139;
constexpr u32 kRezVersionAt = 127;
constexpr u32 kRezDirOffsetAt = 131;
constexpr u32 kRezDirSizeAt = 135;
// The directory of the real 119 MB archive is well under 1 MiB; a caller will allocate and fetch
// dirSize bytes, so a header claiming more than this is refused before anything is fetched.
constexpr u32 kRezMaxDirectoryBytes = 64u << 20;

struct RezHeader {
  u32 version = 0;
  u32 dirOffset = 0;  // absolute start of the root directory block
  u32 dirSize = 0;    // its length; the directory tree lies in [dirOffset, dirOffset + dirSize)
};

// Parses `head` (at least the first 139 bytes of an archive of `archiveLength` bytes).
//   Truncated  head shorter than 139 bytes, or dirOffset + dirSize > archiveLength (a partial file)
//   BadMagic   the text part names neither "RezMgr" nor "WinRez"
//   OutOfRange dirOffset inside the header
//   Malformed  dirOffset + dirSize < archiveLength (bytes after the directory: not a REZ layout)
//   Oversized  dirSize above kRezMaxDirectoryBytes, or a directory ending past 4 GiB (u32 offsets)
Status parse_rez_header(ByteSpan head, u64 archiveLength, RezHeader* out) noexcept;

}  // namespace oc::formats
