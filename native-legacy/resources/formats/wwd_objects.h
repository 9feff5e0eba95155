// WWD objects: a plane's objectsCount records, each a 284-byte fixed part and four strings without
// NUL whose lengths the fixed part gives. They are read one at a time through a cursor over the
// image, so walking a level's thousands of objects allocates nothing; strings are offsets into it.
#pragma once

#include "memory/types.h"
#include "resources/formats/span.h"
#include "resources/formats/wwd.h"

namespace oc::formats {

constexpr u32 kWwdObjectFixedSize = 284;

struct WwdRect {
  i32 left, top, right, bottom;
};

// Fields in file order; the offsets are those of LEGACY-FORMATS.md.
struct WwdObject {
  u32 offset;  // of its fixed part in the image
  i32 id;
  i32 x, y, z, i;
  u32 add_flags, dynamic_flags, draw_flags, user_flags;
  i32 score, points, powerup, damage, smarts, health;
  WwdRect move_rect, hit_rect, attack_rect, clip_rect, user_rect1, user_rect2;
  i32 user_values[8];
  i32 min_x, min_y, max_x, max_y;
  i32 speed_x, speed_y, tweak_x, tweak_y;
  i32 counter, speed, width, height;
  i32 direction, face_dir, time_delay, frame_delay;
  u32 object_type;  // 1 generic, 2 player, 4 enemy, 8 powerup, 16 shot...
  u32 hit_type_flags;
  i32 move_res_x, move_res_y;
  TextRef name, logic, image_set, sound;
};

class WwdObjectCursor {
 public:
  // `plane` must come from wwd_plane on the same image (its count is already bounded by it).
  WwdObjectCursor(ByteSpan image, const WwdPlane& plane) noexcept
      : image_(image), at_(plane.objects_offset), remaining_(plane.objects_count) {}

  u32 remaining() const noexcept { return remaining_; }
  // The offset of the next object (after the last one once remaining() is 0).
  u32 position() const noexcept { return at_; }

  // Reads the next object. InvalidArgument when none remain; Truncated when its fixed part or its
  // strings run past the image. After an error the cursor is exhausted.
  Status next(WwdObject* out) noexcept;

 private:
  ByteSpan image_;
  u32 at_;
  u32 remaining_;
};

// The fixed part of `object` (its offset and string offsets ignored; the string lengths written are
// name.length etc.) into out[0, 284): the writer's half, kept next to the reader's so both use one
// field table.
void wwd_object_encode(const WwdObject& object, u8* out);

}  // namespace oc::formats
