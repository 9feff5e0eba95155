// ANI: one actor animation (a list of frames naming images of an image set, with durations and
// optional sound events). Parsed in two steps so that nothing is allocated before the frame count is
// known to fit the span: ani_parse checks the header and returns the count, the caller provides room,
// ani_read_frames fills it. Everything that refers into the file is a u32 offset into the span.
#pragma once

#include <vector>

#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc::formats {

constexpr u32 kAniHeaderSize = 32;
constexpr u32 kAniFrameSize = 20;
constexpr u16 kAniEventFlag = 2;    // the frame is followed by a NUL-terminated event name
constexpr u32 kAniNoEvent = ~0u;    // AniFrame::event_offset of a frame without an event

struct AniInfo {
  u32 signature;
  u32 frames_count;
  u32 image_set_offset;  // the image-set path: exactly image_set_length bytes, no NUL
  u32 image_set_length;
  u32 frames_offset;     // where the first frame starts
};

struct AniFrame {
  u16 event_flag;
  u16 image_id;       // names "frameNNN" of the image set
  u16 duration_ms;
  u16 reserved;
  u32 event_offset;   // kAniNoEvent, or the event name (length event_length, NUL excluded)
  u32 event_length;
};

// Truncated when the header or the path is cut; Oversized when framesCount frames of 20 bytes cannot
// fit in what follows the path (checked before any caller allocates).
Status ani_parse(ByteSpan file, AniInfo* out);

// Fills out[0, info.frames_count). InvalidArgument when capacity < frames_count; Truncated when a
// frame is cut; Malformed when an event name has no NUL before the end of the file. *end (optional)
// receives the offset after the last frame.
Status ani_read_frames(ByteSpan file, const AniInfo& info, AniFrame* out, u32 capacity, u32* end);

// The writer the tests and the asset tools use: a frame with event_flag == kAniEventFlag is followed
// by its event name and a NUL.
struct AniFrameSpec {
  u16 image_id;
  u16 duration_ms;
  u16 event_flag;
  const char* event;  // used when event_flag == kAniEventFlag
};
std::vector<u8> ani_write(const char* image_set_path, const AniFrameSpec* frames, u32 count,
                          u32 signature = 0);

}  // namespace oc::formats
