// WWD object records. One field table serves the decoder and the encoder, so they cannot disagree.
#include "resources/formats/wwd_objects.h"

#include <cstring>

namespace oc::formats {
namespace {

// Calls f(byte offset, field) for each 4-byte field of the fixed part, in file order. The four string
// lengths (at 4..19) are handled by the callers, since they live in the TextRefs.
template <typename Obj, typename F>
void each_field(Obj& o, F&& f) {
  f(0u, o.id);
  f(20u, o.x);
  f(24u, o.y);
  f(28u, o.z);
  f(32u, o.i);
  f(36u, o.add_flags);
  f(40u, o.dynamic_flags);
  f(44u, o.draw_flags);
  f(48u, o.user_flags);
  f(52u, o.score);
  f(56u, o.points);
  f(60u, o.powerup);
  f(64u, o.damage);
  f(68u, o.smarts);
  f(72u, o.health);
  auto rect = [&f](u32 at, auto& r) {
    f(at, r.left);
    f(at + 4, r.top);
    f(at + 8, r.right);
    f(at + 12, r.bottom);
  };
  rect(76u, o.move_rect);
  rect(92u, o.hit_rect);
  rect(108u, o.attack_rect);
  rect(124u, o.clip_rect);
  rect(140u, o.user_rect1);
  rect(156u, o.user_rect2);
  for (u32 k = 0; k < 8; ++k) f(172u + 4 * k, o.user_values[k]);
  f(204u, o.min_x);
  f(208u, o.min_y);
  f(212u, o.max_x);
  f(216u, o.max_y);
  f(220u, o.speed_x);
  f(224u, o.speed_y);
  f(228u, o.tweak_x);
  f(232u, o.tweak_y);
  f(236u, o.counter);
  f(240u, o.speed);
  f(244u, o.width);
  f(248u, o.height);
  f(252u, o.direction);
  f(256u, o.face_dir);
  f(260u, o.time_delay);
  f(264u, o.frame_delay);
  f(268u, o.object_type);
  f(272u, o.hit_type_flags);
  f(276u, o.move_res_x);
  f(280u, o.move_res_y);
}

}  // namespace

Status WwdObjectCursor::next(WwdObject* out) noexcept {
  if (out == nullptr || remaining_ == 0) return Status::InvalidArgument;
  ByteSpan fixed;
  if (!image_.sub(at_, kWwdObjectFixedSize, &fixed)) {
    remaining_ = 0;
    return Status::Truncated;
  }
  WwdObject o{};
  o.offset = at_;
  each_field(o, [&fixed](u32 at, auto& field) { std::memcpy(&field, fixed.data() + at, 4); });
  TextRef* strings[4] = {&o.name, &o.logic, &o.image_set, &o.sound};
  u64 next = static_cast<u64>(at_) + kWwdObjectFixedSize;
  for (u32 k = 0; k < 4; ++k) {
    u32 length = 0;
    fixed.u32_at(4 + 4 * k, &length);
    // Summed in 64 bits: four lengths near 4 GiB cannot wrap past the check.
    if (next + length > image_.size()) {
      remaining_ = 0;
      return Status::Truncated;
    }
    *strings[k] = TextRef{static_cast<u32>(next), length};
    next += length;
  }
  at_ = static_cast<u32>(next);
  --remaining_;
  *out = o;
  return Status::Ok;
}

void wwd_object_encode(const WwdObject& object, u8* out) {
  std::memset(out, 0, kWwdObjectFixedSize);
  each_field(object, [out](u32 at, const auto& field) { std::memcpy(out + at, &field, 4); });
  const u32 lengths[4] = {object.name.length, object.logic.length, object.image_set.length,
                          object.sound.length};
  std::memcpy(out + 4, lengths, sizeof lengths);
}

}  // namespace oc::formats
