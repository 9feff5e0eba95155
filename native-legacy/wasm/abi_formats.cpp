// Legacy-format readers through the C ABI (abi.h, "legacy formats"): PAL, PID, ANI and WWD over bytes
// the caller placed in linear memory. Records leave as u32 words in the order abi.h lists; nothing is
// kept between calls (each call re-parses the header it needs, which costs a few dozen bytes of reads
// against the decode it guards). Buffers are caller-owned; the only allocations are short-lived
// process-side vectors whose size the reader bounded against the input first.
#include <stdint.h>
#include <string.h>

#include <vector>

#include "resources/formats/ani.h"
#include "resources/formats/pal.h"
#include "resources/formats/pid.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"
#include "resources/formats/wwd_tiles.h"
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;
using namespace oc::formats;

static_assert(OC_PAL_SIZE == kPalSize && OC_PAL_RGBA_SIZE == kPalRgbaSize, "abi.h and pal.h agree");

namespace {

// The input span; false (InvalidArgument) for a null pointer with a length.
bool input(uintptr_t ptr, u32 len, ByteSpan* out) noexcept {
  if (ptr == 0 && len != 0) {
    set_status(Status::InvalidArgument);
    return false;
  }
  *out = ByteSpan(reinterpret_cast<const u8*>(ptr), len);
  return true;
}

// A caller's output buffer of `need` bytes: null with a need is InvalidArgument.
bool output(uintptr_t ptr, u64 need) noexcept {
  if (ptr == 0 && need != 0) {
    set_status(Status::InvalidArgument);
    return false;
  }
  return true;
}

u32 bits(i32 v) noexcept { return static_cast<u32>(v); }

u32* put_text(u32* w, TextRef t) noexcept {
  w[0] = t.offset;
  w[1] = t.length;
  return w + 2;
}

u32* put_rect(u32* w, const WwdRect& r) noexcept {
  w[0] = bits(r.left);
  w[1] = bits(r.top);
  w[2] = bits(r.right);
  w[3] = bits(r.bottom);
  return w + 4;
}

// An optional 768-byte palette at palette_ptr (copied: linear memory gives no alignment or lifetime).
const Palette* palette_at(uintptr_t palette_ptr, Palette* storage) noexcept {
  if (palette_ptr == 0) return nullptr;
  memcpy(storage->rgb, reinterpret_cast<const void*>(palette_ptr), kPalSize);
  return storage;
}

// PidImage from OC_PID_PARAM_WORDS words: width, height, flags, offset_x, offset_y, file_desc, unk0, unk1.
bool pid_image(uintptr_t indices_ptr, uintptr_t params_ptr, uintptr_t palette_ptr, Palette* storage,
               PidImage* out) noexcept {
  if (params_ptr == 0) {
    set_status(Status::InvalidArgument);
    return false;
  }
  u32 p[OC_PID_PARAM_WORDS];
  memcpy(p, reinterpret_cast<const void*>(params_ptr), sizeof p);
  out->indices = reinterpret_cast<const u8*>(indices_ptr);
  out->width = p[0];
  out->height = p[1];
  out->flags = p[2];
  out->offset_x = static_cast<i32>(p[3]);
  out->offset_y = static_cast<i32>(p[4]);
  out->file_desc = p[5];
  out->unk0 = p[6];
  out->unk1 = p[7];
  out->palette = palette_at(palette_ptr, storage);
  return true;
}

// The parsed image and plane `index` of a rebuilt WWD image.
Status wwd_plane_of(ByteSpan image, u32 index, WwdHeader* header, WwdPlane* plane) noexcept {
  Status s = wwd_parse_image(image, header);
  if (s == Status::Ok) s = wwd_plane(image, *header, index, plane);
  return s;
}

void header_words(const WwdHeader& h, u32 out[OC_WWD_HEADER_WORDS]) noexcept {
  u32* w = out;
  *w++ = h.signature;
  *w++ = h.flags;
  for (TextRef t : {h.level_name, h.author, h.birth, h.rez_file, h.image_directory, h.palette_path, h.launch_app}) {
    w = put_text(w, t);
  }
  for (TextRef t : h.image_sets) w = put_text(w, t);
  for (TextRef t : h.prefixes) w = put_text(w, t);
  *w++ = bits(h.start_x);
  *w++ = bits(h.start_y);
  *w++ = h.num_planes;
  *w++ = h.planes_offset;
  *w++ = h.tile_descriptions_offset;
  *w++ = h.main_block_length;
  *w++ = h.checksum;
}

void object_words(const WwdObject& o, u32 out[OC_WWD_OBJECT_WORDS]) noexcept {
  u32* w = out;
  *w++ = o.offset;
  for (i32 v : {o.id, o.x, o.y, o.z, o.i}) *w++ = bits(v);
  for (u32 v : {o.add_flags, o.dynamic_flags, o.draw_flags, o.user_flags}) *w++ = v;
  for (i32 v : {o.score, o.points, o.powerup, o.damage, o.smarts, o.health}) *w++ = bits(v);
  for (const WwdRect* r : {&o.move_rect, &o.hit_rect, &o.attack_rect, &o.clip_rect, &o.user_rect1, &o.user_rect2}) {
    w = put_rect(w, *r);
  }
  for (i32 v : o.user_values) *w++ = bits(v);
  for (i32 v : {o.min_x, o.min_y, o.max_x, o.max_y, o.speed_x, o.speed_y, o.tweak_x, o.tweak_y, o.counter, o.speed,
                o.width, o.height, o.direction, o.face_dir, o.time_delay, o.frame_delay}) {
    *w++ = bits(v);
  }
  *w++ = o.object_type;
  *w++ = o.hit_type_flags;
  *w++ = bits(o.move_res_x);
  *w++ = bits(o.move_res_y);
  for (TextRef t : {o.name, o.logic, o.image_set, o.sound}) w = put_text(w, t);
}

}  // namespace

extern "C" {

int32_t oc_pal_read(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_rgba_ptr) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_rgba_ptr, kPalRgbaSize)) return last_status();
  Palette pal;
  const Status s = pal_read(in, &pal);
  if (s == Status::Ok) {
    u8 rgba[kPalRgbaSize];
    pal_to_rgba(pal, rgba);
    memcpy(reinterpret_cast<void*>(out_rgba_ptr), rgba, sizeof rgba);
  }
  return set_status(s);
}

int32_t oc_pid_info(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_words_ptr) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_words_ptr, OC_PID_INFO_WORDS)) return last_status();
  PidInfo info;
  const Status s = pid_parse(in, &info);
  if (s == Status::Ok) {
    const PidHeader& h = info.header;
    const u32 w[OC_PID_INFO_WORDS] = {h.file_desc,       h.flags,          h.width,           h.height,
                                      bits(h.offset_x),  bits(h.offset_y), h.unk0,            h.unk1,
                                      info.pixel_count,  info.pixels_offset, info.pixels_size, info.palette_offset};
    put_words(out_words_ptr, w, OC_PID_INFO_WORDS);
  }
  return set_status(s);
}

int32_t oc_pid_decode_rgba(uintptr_t in_ptr, uint32_t in_len, uintptr_t palette_ptr, uintptr_t out_ptr,
                           uint32_t out_cap) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_ptr, out_cap)) return last_status();
  Palette storage;
  return set_status(pid_decode_rgba(in, palette_at(palette_ptr, &storage), reinterpret_cast<u8*>(out_ptr), out_cap));
}

int32_t oc_pid_decode_indices(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_ptr, uint32_t out_cap) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_ptr, out_cap)) return last_status();
  return set_status(pid_decode_indices(in, reinterpret_cast<u8*>(out_ptr), out_cap));
}

int32_t oc_pid_palette(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_rgb_ptr) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_rgb_ptr, kPalSize)) return last_status();
  Palette pal;
  const Status s = pid_embedded_palette(in, &pal);
  if (s == Status::Ok) memcpy(reinterpret_cast<void*>(out_rgb_ptr), pal.rgb, kPalSize);
  return set_status(s);
}

uint32_t oc_pid_encoded_size(uintptr_t indices_ptr, uintptr_t params_words_ptr, uintptr_t palette_ptr) {
  Palette storage;
  PidImage image;
  if (!pid_image(indices_ptr, params_words_ptr, palette_ptr, &storage, &image)) return 0;
  const Result<u32> r = pid_encoded_size(image);
  set_status(r.status);
  return r.ok() ? r.value : 0;
}

uint32_t oc_pid_encode(uintptr_t indices_ptr, uintptr_t params_words_ptr, uintptr_t palette_ptr, uintptr_t out_ptr,
                       uint32_t out_cap) {
  Palette storage;
  PidImage image;
  if (!output(out_ptr, out_cap) || !pid_image(indices_ptr, params_words_ptr, palette_ptr, &storage, &image)) return 0;
  const Result<u32> r = pid_encode(image, reinterpret_cast<u8*>(out_ptr), out_cap);
  set_status(r.status);
  return r.ok() ? r.value : 0;
}

int32_t oc_ani_info(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_words_ptr) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_words_ptr, OC_ANI_INFO_WORDS)) return last_status();
  AniInfo info;
  const Status s = ani_parse(in, &info);
  if (s == Status::Ok) {
    const u32 w[OC_ANI_INFO_WORDS] = {info.signature, info.frames_count, info.image_set_offset,
                                      info.image_set_length, info.frames_offset};
    put_words(out_words_ptr, w, OC_ANI_INFO_WORDS);
  }
  return set_status(s);
}

int32_t oc_ani_frames(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_rows_ptr, uint32_t max_frames) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in)) return last_status();
  AniInfo info;
  Status s = ani_parse(in, &info);
  if (s != Status::Ok) return set_status(s);
  // Checked before allocating: ani_parse bounded frames_count by the file, max_frames by the caller.
  if (max_frames < info.frames_count || !output(out_rows_ptr, info.frames_count)) {
    return set_status(Status::InvalidArgument);
  }
  std::vector<AniFrame> frames(info.frames_count);
  s = ani_read_frames(in, info, frames.data(), info.frames_count, nullptr);
  if (s != Status::Ok) return set_status(s);
  for (u32 i = 0; i < info.frames_count; ++i) {
    const AniFrame& f = frames[i];
    const u32 w[OC_ANI_FRAME_WORDS] = {f.event_flag, f.image_id, f.duration_ms, f.event_offset, f.event_length};
    put_words(out_rows_ptr + static_cast<uintptr_t>(i) * sizeof w, w, OC_ANI_FRAME_WORDS);
  }
  return set_status(Status::Ok);
}

int32_t oc_wwd_header(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_words_ptr) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_words_ptr, OC_WWD_HEADER_WORDS)) return last_status();
  WwdHeader h;
  const Status s = wwd_parse_header(in, &h);
  if (s == Status::Ok) {
    u32 w[OC_WWD_HEADER_WORDS];
    header_words(h, w);
    put_words(out_words_ptr, w, OC_WWD_HEADER_WORDS);
  }
  return set_status(s);
}

int32_t oc_wwd_image(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_words_ptr) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_words_ptr, OC_WWD_HEADER_WORDS)) return last_status();
  WwdHeader h;
  const Status s = wwd_parse_image(in, &h);
  if (s == Status::Ok) {
    u32 w[OC_WWD_HEADER_WORDS];
    header_words(h, w);
    put_words(out_words_ptr, w, OC_WWD_HEADER_WORDS);
  }
  return set_status(s);
}

int32_t oc_wwd_plane(uintptr_t in_ptr, uint32_t in_len, uint32_t index, uintptr_t out_words_ptr) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in) || !output(out_words_ptr, OC_WWD_PLANE_WORDS)) return last_status();
  WwdHeader h;
  WwdPlane p;
  const Status s = wwd_plane_of(in, index, &h, &p);
  if (s == Status::Ok) {
    // The last word is reserved (0): abi.h sizes the record at 22 words for 21 fields.
    const u32 w[OC_WWD_PLANE_WORDS] = {p.offset,      p.signature,      p.flags,        p.name.offset,
                                       p.name.length, p.pixel_width,    p.pixel_height, p.tile_width,
                                       p.tile_height, p.tiles_x,        p.tiles_y,      bits(p.movement_percent_x),
                                       bits(p.movement_percent_y),      p.fill_color,   p.image_sets_count,
                                       p.objects_count, p.tiles_offset, p.image_sets_offset, p.objects_offset,
                                       bits(p.z),     p.tiles_count,    0};
    put_words(out_words_ptr, w, OC_WWD_PLANE_WORDS);
  }
  return set_status(s);
}

int32_t oc_wwd_image_sets(uintptr_t in_ptr, uint32_t in_len, uint32_t plane, uintptr_t out_pairs_ptr,
                          uint32_t max_sets) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in)) return last_status();
  WwdHeader h;
  WwdPlane p;
  Status s = wwd_plane_of(in, plane, &h, &p);
  if (s != Status::Ok) return set_status(s);
  if (max_sets < p.image_sets_count || !output(out_pairs_ptr, p.image_sets_count)) {
    return set_status(Status::InvalidArgument);
  }
  std::vector<TextRef> sets(p.image_sets_count);
  s = wwd_read_image_sets(in, p, sets.data(), p.image_sets_count);
  if (s != Status::Ok) return set_status(s);
  for (u32 i = 0; i < p.image_sets_count; ++i) {
    const u32 w[2] = {sets[i].offset, sets[i].length};
    put_words(out_pairs_ptr + static_cast<uintptr_t>(i) * sizeof w, w, 2);
  }
  return set_status(Status::Ok);
}

int32_t oc_wwd_objects(uintptr_t in_ptr, uint32_t in_len, uint32_t plane, uintptr_t out_rows_ptr,
                       uint32_t max_objects) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in)) return last_status();
  WwdHeader h;
  WwdPlane p;
  const Status s = wwd_plane_of(in, plane, &h, &p);
  if (s != Status::Ok) return set_status(s);
  if (max_objects < p.objects_count || !output(out_rows_ptr, p.objects_count)) {
    return set_status(Status::InvalidArgument);
  }
  WwdObjectCursor cursor(in, p);
  constexpr uintptr_t kRowBytes = OC_WWD_OBJECT_WORDS * sizeof(u32);
  for (u32 i = 0; cursor.remaining() != 0; ++i) {
    WwdObject o;
    const Status n = cursor.next(&o);
    if (n != Status::Ok) return set_status(n);
    u32 w[OC_WWD_OBJECT_WORDS];
    object_words(o, w);
    put_words(out_rows_ptr + i * kRowBytes, w, OC_WWD_OBJECT_WORDS);
  }
  return set_status(Status::Ok);
}

uint32_t oc_wwd_tile_descriptions(uintptr_t in_ptr, uint32_t in_len, uintptr_t out_rows_ptr, uint32_t max_rows) {
  ByteSpan in;
  if (!input(in_ptr, in_len, &in)) return 0;
  WwdHeader h;
  u32 count = 0;
  Status s = wwd_parse_image(in, &h);
  if (s == Status::Ok) s = wwd_tile_descriptions_count(in, h, &count);
  if (s != Status::Ok) {
    set_status(s);
    return 0;
  }
  if (max_rows < count || count == 0) {
    set_status(Status::Ok);
    return count;
  }
  if (!output(out_rows_ptr, count)) return 0;
  std::vector<WwdTileDescription> rows(count);
  s = wwd_read_tile_descriptions(in, h, rows.data(), count);
  if (s != Status::Ok) {
    set_status(s);
    return 0;
  }
  for (u32 i = 0; i < count; ++i) {
    const WwdTileDescription& d = rows[i];
    const u32 w[OC_WWD_TILE_DESC_WORDS] = {d.type,          d.unknown,           d.width,           d.height,
                                           d.inside_attrib, d.outside_attrib,    bits(d.rect.left), bits(d.rect.top),
                                           bits(d.rect.right), bits(d.rect.bottom)};
    put_words(out_rows_ptr + static_cast<uintptr_t>(i) * sizeof w, w, OC_WWD_TILE_DESC_WORDS);
  }
  set_status(Status::Ok);
  return count;
}

}  // extern "C"
