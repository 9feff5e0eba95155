// ANI reader and writer. The layout is in ../shared/LEGACY-FORMATS.md.
#include "resources/formats/ani.h"

#include <cstring>

namespace oc::formats {
namespace {

constexpr u32 kFramesCountAt = 12;
constexpr u32 kPathLengthAt = 16;
constexpr u32 kFlagAt = 0;
constexpr u32 kImageIdAt = 8;
constexpr u32 kDurationAt = 10;

void put_u16(std::vector<u8>* out, u32 at, u16 v) { std::memcpy(out->data() + at, &v, sizeof v); }
void put_u32(std::vector<u8>* out, u32 at, u32 v) { std::memcpy(out->data() + at, &v, sizeof v); }

}  // namespace

Status ani_parse(ByteSpan file, AniInfo* out) {
  if (out == nullptr) return Status::InvalidArgument;
  AniInfo info{};
  u32 path_length = 0;
  if (!file.u32_at(0, &info.signature) || !file.u32_at(kFramesCountAt, &info.frames_count) ||
      !file.u32_at(kPathLengthAt, &path_length) || !file.has(0, kAniHeaderSize)) {
    return Status::Truncated;
  }
  if (!file.has(kAniHeaderSize, path_length)) return Status::Truncated;
  info.image_set_offset = kAniHeaderSize;
  info.image_set_length = path_length;
  info.frames_offset = kAniHeaderSize + path_length;
  // Every frame takes at least 20 bytes: a count the rest of the file cannot hold is refused here, in
  // 64 bits, before anyone sizes an array by it.
  const u64 room = file.size() - info.frames_offset;
  if (static_cast<u64>(info.frames_count) * kAniFrameSize > room) return Status::Oversized;
  *out = info;
  return Status::Ok;
}

Status ani_read_frames(ByteSpan file, const AniInfo& info, AniFrame* out, u32 capacity, u32* end) {
  if (info.frames_count > 0 && (out == nullptr || capacity < info.frames_count)) {
    return Status::InvalidArgument;
  }
  u32 at = info.frames_offset;
  for (u32 i = 0; i < info.frames_count; ++i) {
    AniFrame frame{};
    if (!file.has(at, kAniFrameSize) || !file.u16_at(at + kFlagAt, &frame.event_flag) ||
        !file.u16_at(at + kImageIdAt, &frame.image_id) ||
        !file.u16_at(at + kDurationAt, &frame.duration_ms)) {
      return Status::Truncated;
    }
    at += kAniFrameSize;
    frame.event_offset = kAniNoEvent;
    if (frame.event_flag == kAniEventFlag) {
      u32 length = 0;
      if (at >= file.size()) return Status::Truncated;
      if (!file.cstring_at(at, file.size() - at, &length)) return Status::Malformed;
      frame.event_offset = at;
      frame.event_length = length;
      at += length + 1;
    }
    out[i] = frame;
  }
  if (end != nullptr) *end = at;
  return Status::Ok;
}

std::vector<u8> ani_write(const char* image_set_path, const AniFrameSpec* frames, u32 count,
                          u32 signature) {
  const u32 path_length = static_cast<u32>(std::strlen(image_set_path));
  std::vector<u8> out(kAniHeaderSize + path_length, 0);
  put_u32(&out, 0, signature);
  put_u32(&out, kFramesCountAt, count);
  put_u32(&out, kPathLengthAt, path_length);
  std::memcpy(out.data() + kAniHeaderSize, image_set_path, path_length);
  for (u32 i = 0; i < count; ++i) {
    const u32 at = static_cast<u32>(out.size());
    out.resize(out.size() + kAniFrameSize, 0);
    put_u16(&out, at + kFlagAt, frames[i].event_flag);
    put_u16(&out, at + kImageIdAt, frames[i].image_id);
    put_u16(&out, at + kDurationAt, frames[i].duration_ms);
    if (frames[i].event_flag == kAniEventFlag) {
      const char* name = frames[i].event != nullptr ? frames[i].event : "";
      out.insert(out.end(), name, name + std::strlen(name) + 1);
    }
  }
  return out;
}

}  // namespace oc::formats
