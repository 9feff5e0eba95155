#include "resources/formats/rez_header.h"

namespace oc::formats {
namespace {

// The text is free-form (the real archive starts with a line break and a copyright line), so the
// tool's name is searched for rather than expected at byte 0.
bool names_rez_tool(ByteSpan text) noexcept {
  static const char* const kTools[] = {"RezMgr", "WinRez"};
  for (const char* tool : kTools) {
    const u32 len = static_cast<u32>(std::strlen(tool));
    for (u32 at = 0; at + len <= kRezVersionAt; ++at) {
      if (std::memcmp(text.data() + at, tool, len) == 0) return true;
    }
  }
  return false;
}

}  // namespace

Status parse_rez_header(ByteSpan head, u64 archiveLength, RezHeader* out) noexcept {
  if (out == nullptr) return Status::InvalidArgument;
  RezHeader h;
  if (!head.u32_at(kRezVersionAt, &h.version) || !head.u32_at(kRezDirOffsetAt, &h.dirOffset) ||
      !head.u32_at(kRezDirSizeAt, &h.dirSize)) {
    return Status::Truncated;
  }
  if (!names_rez_tool(head)) return Status::BadMagic;
  if (h.dirOffset < kRezHeaderSize) return Status::OutOfRange;
  if (h.dirSize > kRezMaxDirectoryBytes) return Status::Oversized;
  const u64 end = static_cast<u64>(h.dirOffset) + h.dirSize;
  // Offsets are u32 and the directory ends the archive: nothing past 4 GiB can be addressed.
  if (end > 0xFFFFFFFFu) return Status::Oversized;
  if (end > archiveLength) return Status::Truncated;
  if (end < archiveLength) return Status::Malformed;
  *out = h;
  return Status::Ok;
}

}  // namespace oc::formats
