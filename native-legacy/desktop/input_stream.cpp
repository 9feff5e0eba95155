// .clawinput reader and writer (input_stream.h).
#include "desktop/input_stream.h"

#include <cstring>

#include "snapshot/checksum.h"

namespace oc::desktop {
namespace {

void put_u16(u8* at, u16 v) noexcept { std::memcpy(at, &v, sizeof v); }
void put_u32(u8* at, u32 v) noexcept { std::memcpy(at, &v, sizeof v); }

bool frames_valid(const u8* frames, u32 count) noexcept {
  for (u32 i = 0; i < count; ++i) {
    if ((frames[i] & ~kInputFrameMask) != 0) return false;
  }
  return true;
}

}  // namespace

u32 input_checksum(const u8* frames, u32 count) noexcept {
  return static_cast<u32>(checksum64(frames, count));
}

Status parse_input(formats::ByteSpan file, InputStream* out) {
  u32 magic = 0, frame_count = 0, hash_lo = 0, hash_hi = 0, start_lo = 0, start_hi = 0, checksum = 0;
  u16 version = 0, header_size = 0;
  if (!file.u32_at(0, &magic) || !file.u16_at(4, &version) || !file.u16_at(6, &header_size) ||
      !file.u32_at(8, &frame_count) || !file.u32_at(12, &hash_lo) || !file.u32_at(16, &hash_hi) ||
      !file.u32_at(20, &start_lo) || !file.u32_at(24, &start_hi) || !file.u32_at(28, &checksum)) {
    return file.size() >= 4 && magic != kInputMagic ? Status::BadMagic : Status::Truncated;
  }
  if (magic != kInputMagic) return Status::BadMagic;
  if (version == 0) return Status::VersionTooOld;
  if (version > kInputVersion) return Status::VersionTooNew;
  if (header_size != kInputHeaderSize) return Status::SizeMismatch;
  // 64-bit sum: frame_count near 4 GiB must not wrap the comparison.
  const u64 expected = static_cast<u64>(kInputHeaderSize) + frame_count;
  if (file.size() < expected) return Status::Truncated;
  if (file.size() > expected) return Status::SizeMismatch;
  const u8* frames = file.data() + kInputHeaderSize;
  if (input_checksum(frames, frame_count) != checksum) return Status::ChecksumMismatch;
  if (!frames_valid(frames, frame_count)) return Status::Malformed;
  out->level_hash = hash_lo | static_cast<u64>(hash_hi) << 32;
  out->start_frame = start_lo | static_cast<u64>(start_hi) << 32;
  out->frames.assign(frames, frames + frame_count);
  return Status::Ok;
}

Status encode_input(const InputStream& stream, std::vector<u8>* out) {
  if (stream.frames.size() > 0xFFFFFFFFu) return Status::InvalidArgument;
  const u32 count = static_cast<u32>(stream.frames.size());
  if (!frames_valid(stream.frames.data(), count)) return Status::InvalidArgument;
  out->assign(kInputHeaderSize + static_cast<size_t>(count), 0);
  u8* h = out->data();
  put_u32(h + 0, kInputMagic);
  put_u16(h + 4, kInputVersion);
  put_u16(h + 6, static_cast<u16>(kInputHeaderSize));
  put_u32(h + 8, count);
  put_u32(h + 12, static_cast<u32>(stream.level_hash));
  put_u32(h + 16, static_cast<u32>(stream.level_hash >> 32));
  put_u32(h + 20, static_cast<u32>(stream.start_frame));
  put_u32(h + 24, static_cast<u32>(stream.start_frame >> 32));
  put_u32(h + 28, input_checksum(stream.frames.data(), count));
  if (count != 0) std::memcpy(h + kInputHeaderSize, stream.frames.data(), count);
  return Status::Ok;
}

}  // namespace oc::desktop
