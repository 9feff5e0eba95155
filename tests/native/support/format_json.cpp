#include "support/format_json.h"

#include <cstdint>
#include <cstdio>
#include <vector>

#include "resources/formats/ani.h"
#include "resources/formats/pal.h"
#include "resources/formats/pid.h"
#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"
#include "resources/formats/wwd_tiles.h"

namespace oc::test {
namespace {

using namespace oc::formats;

// A streaming writer that places the commas itself, so the dumps below read as a list of fields.
class Json {
 public:
  Json& begin_object() { return open('{'); }
  Json& end_object() { return close('}'); }
  Json& begin_array() { return open('['); }
  Json& end_array() { return close(']'); }
  Json& key(const char* k) {
    separate();
    out_ += '"';
    out_ += k;
    out_ += "\": ";
    after_key_ = true;
    return *this;
  }
  Json& num(std::int64_t v) { return raw(std::to_string(v)); }
  Json& boolean(bool v) { return raw(v ? "true" : "false"); }
  Json& null() { return raw("null"); }
  Json& text(const u8* bytes, u32 length) {
    std::string s = "\"";
    for (u32 i = 0; i < length; ++i) {
      const u8 c = bytes[i];
      if (c == '"' || c == '\\') {
        s += '\\';
        s += static_cast<char>(c);
      } else if (c < 0x20 || c >= 0x7F) {
        char esc[8];
        std::snprintf(esc, sizeof esc, "\\u%04x", c);
        s += esc;
      } else {
        s += static_cast<char>(c);
      }
    }
    return raw(s + "\"");
  }
  Json& text(const std::string& s) { return text(reinterpret_cast<const u8*>(s.data()), static_cast<u32>(s.size())); }
  Json& hex(const u8* bytes, u32 length) {
    static const char kDigits[] = "0123456789abcdef";
    std::string s = "\"";
    for (u32 i = 0; i < length; ++i) {
      s += kDigits[bytes[i] >> 4];
      s += kDigits[bytes[i] & 15];
    }
    return raw(s + "\"");
  }
  std::string take() { return std::move(out_); }

 private:
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ", ";
      first_.back() = false;
    }
  }
  Json& raw(const std::string& s) {
    separate();
    out_ += s;
    return *this;
  }
  Json& open(char c) {
    separate();
    out_ += c;
    first_.push_back(true);
    return *this;
  }
  Json& close(char c) {
    out_ += c;
    first_.pop_back();
    return *this;
  }

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

ByteSpan span_of(const FormatFixture& f) { return ByteSpan(f.bytes.data(), static_cast<u32>(f.bytes.size())); }

void text_ref(Json* j, ByteSpan in, TextRef t) { j->text(in.data() + t.offset, t.length); }

void rect(Json* j, const char* name, const WwdRect& r) {
  j->key(name).begin_object();
  j->key("left").num(r.left).key("top").num(r.top).key("right").num(r.right).key("bottom").num(r.bottom);
  j->end_object();
}

Status pal_json(ByteSpan in, Json* j) {
  Palette pal{};
  const Status s = pal_read(in, &pal);
  if (s != Status::Ok) return s;
  u8 rgba[kPalRgbaSize];
  pal_to_rgba(pal, rgba);
  j->begin_object().key("rgb").hex(pal.rgb, kPalSize).key("rgba").hex(rgba, kPalRgbaSize).end_object();
  return Status::Ok;
}

Status pid_json(ByteSpan in, Json* j) {
  PidInfo info{};
  const Status s = pid_parse(in, &info);
  if (s != Status::Ok) return s;
  const PidHeader& h = info.header;
  j->begin_object();
  j->key("fileDesc").num(h.file_desc).key("flags").num(h.flags).key("width").num(h.width);
  j->key("height").num(h.height).key("offsetX").num(h.offset_x).key("offsetY").num(h.offset_y);
  j->key("unk0").num(h.unk0).key("unk1").num(h.unk1).key("pixelCount").num(info.pixel_count);
  j->key("pixelsOffset").num(info.pixels_offset).key("pixelsSize").num(info.pixels_size);
  j->key("paletteOffset").num(info.palette_offset).key("hasPalette").boolean(info.palette_offset != 0);
  j->end_object();
  return Status::Ok;
}

Status ani_json(ByteSpan in, Json* j) {
  AniInfo info{};
  Status s = ani_parse(in, &info);
  if (s != Status::Ok) return s;
  std::vector<AniFrame> frames(info.frames_count);
  s = ani_read_frames(in, info, frames.data(), info.frames_count, nullptr);
  if (s != Status::Ok) return s;
  j->begin_object().key("signature").num(info.signature).key("imageSet");
  j->text(in.data() + info.image_set_offset, info.image_set_length);
  j->key("frames").begin_array();
  for (const AniFrame& f : frames) {
    j->begin_object().key("imageId").num(f.image_id).key("durationMs").num(f.duration_ms);
    j->key("eventFlag").num(f.event_flag).key("event");
    if (f.event_offset == kAniNoEvent) j->null();
    else j->text(in.data() + f.event_offset, f.event_length);
    j->end_object();
  }
  j->end_array().end_object();
  return Status::Ok;
}

void wwd_header_json(ByteSpan in, const WwdHeader& h, Json* j) {
  j->begin_object().key("signature").num(h.signature).key("flags").num(h.flags);
  const std::pair<const char*, TextRef> texts[] = {
      {"levelName", h.level_name},   {"author", h.author},       {"birth", h.birth},
      {"rezFile", h.rez_file},       {"imageDirectory", h.image_directory},
      {"palettePath", h.palette_path}, {"launchApp", h.launch_app}};
  for (const auto& t : texts) {
    j->key(t.first);
    text_ref(j, in, t.second);
  }
  j->key("imageSets").begin_array();
  for (const TextRef& t : h.image_sets) text_ref(j, in, t);
  j->end_array().key("prefixes").begin_array();
  for (const TextRef& t : h.prefixes) text_ref(j, in, t);
  j->end_array();
  j->key("startX").num(h.start_x).key("startY").num(h.start_y).key("numPlanes").num(h.num_planes);
  j->key("planesOffset").num(h.planes_offset).key("tileDescriptionsOffset").num(h.tile_descriptions_offset);
  j->key("mainBlockLength").num(h.main_block_length).key("checksum").num(h.checksum);
  j->end_object();
}

void wwd_object_json(ByteSpan in, const WwdObject& o, Json* j) {
  j->begin_object().key("offset").num(o.offset).key("id").num(o.id);
  j->key("x").num(o.x).key("y").num(o.y).key("z").num(o.z).key("i").num(o.i);
  j->key("addFlags").num(o.add_flags).key("dynamicFlags").num(o.dynamic_flags);
  j->key("drawFlags").num(o.draw_flags).key("userFlags").num(o.user_flags);
  j->key("score").num(o.score).key("points").num(o.points).key("powerup").num(o.powerup);
  j->key("damage").num(o.damage).key("smarts").num(o.smarts).key("health").num(o.health);
  rect(j, "moveRect", o.move_rect);
  rect(j, "hitRect", o.hit_rect);
  rect(j, "attackRect", o.attack_rect);
  rect(j, "clipRect", o.clip_rect);
  rect(j, "userRect1", o.user_rect1);
  rect(j, "userRect2", o.user_rect2);
  j->key("userValues").begin_array();
  for (i32 v : o.user_values) j->num(v);
  j->end_array();
  j->key("minX").num(o.min_x).key("minY").num(o.min_y).key("maxX").num(o.max_x).key("maxY").num(o.max_y);
  j->key("speedX").num(o.speed_x).key("speedY").num(o.speed_y);
  j->key("tweakX").num(o.tweak_x).key("tweakY").num(o.tweak_y);
  j->key("counter").num(o.counter).key("speed").num(o.speed).key("width").num(o.width);
  j->key("height").num(o.height).key("direction").num(o.direction).key("faceDir").num(o.face_dir);
  j->key("timeDelay").num(o.time_delay).key("frameDelay").num(o.frame_delay);
  j->key("objectType").num(o.object_type).key("hitTypeFlags").num(o.hit_type_flags);
  j->key("moveResX").num(o.move_res_x).key("moveResY").num(o.move_res_y);
  const std::pair<const char*, TextRef> texts[] = {
      {"name", o.name}, {"logic", o.logic}, {"imageSet", o.image_set}, {"sound", o.sound}};
  for (const auto& t : texts) {
    j->key(t.first);
    text_ref(j, in, t.second);
  }
  j->end_object();
}

Status wwd_plane_json(ByteSpan in, const WwdHeader& h, u32 index, Json* j) {
  WwdPlane p{};
  Status s = wwd_plane(in, h, index, &p);
  if (s != Status::Ok) return s;
  j->begin_object().key("offset").num(p.offset).key("signature").num(p.signature).key("flags").num(p.flags);
  j->key("name");
  text_ref(j, in, p.name);
  j->key("pixelWidth").num(p.pixel_width).key("pixelHeight").num(p.pixel_height);
  j->key("tileWidth").num(p.tile_width).key("tileHeight").num(p.tile_height);
  j->key("tilesX").num(p.tiles_x).key("tilesY").num(p.tiles_y);
  j->key("movementPercentX").num(p.movement_percent_x).key("movementPercentY").num(p.movement_percent_y);
  j->key("fillColor").num(p.fill_color).key("imageSetsCount").num(p.image_sets_count);
  j->key("objectsCount").num(p.objects_count).key("tilesOffset").num(p.tiles_offset);
  j->key("imageSetsOffset").num(p.image_sets_offset).key("objectsOffset").num(p.objects_offset);
  j->key("z").num(p.z).key("tilesCount").num(p.tiles_count);
  j->key("tiles").begin_array();
  for (u32 y = 0; y < p.tiles_y; ++y) {
    for (u32 x = 0; x < p.tiles_x; ++x) {
      i32 tile = 0;
      s = wwd_tile(in, p, x, y, &tile);
      if (s != Status::Ok) return s;
      j->num(tile);
    }
  }
  std::vector<TextRef> sets(p.image_sets_count);
  s = wwd_read_image_sets(in, p, sets.data(), p.image_sets_count);
  if (s != Status::Ok) return s;
  j->end_array().key("imageSets").begin_array();
  for (const TextRef& t : sets) text_ref(j, in, t);
  j->end_array().key("objects").begin_array();
  WwdObjectCursor cursor(in, p);
  while (cursor.remaining() > 0) {
    WwdObject o{};
    s = cursor.next(&o);
    if (s != Status::Ok) return s;
    wwd_object_json(in, o, j);
  }
  j->end_array().end_object();
  return Status::Ok;
}

Status wwd_json(ByteSpan in, Json* j) {
  WwdHeader h{};
  Status s = wwd_parse_image(in, &h);
  if (s != Status::Ok) return s;
  j->begin_object().key("header");
  wwd_header_json(in, h, j);
  j->key("planes").begin_array();
  for (u32 p = 0; p < h.num_planes; ++p) {
    s = wwd_plane_json(in, h, p, j);
    if (s != Status::Ok) return s;
  }
  u32 count = 0;
  s = wwd_tile_descriptions_count(in, h, &count);
  if (s != Status::Ok) return s;
  std::vector<WwdTileDescription> descs(count);
  s = wwd_read_tile_descriptions(in, h, descs.data(), count);
  if (s != Status::Ok) return s;
  j->end_array().key("tileDescriptions").begin_array();
  for (const WwdTileDescription& d : descs) {
    j->begin_object().key("type").num(d.type).key("unknown").num(d.unknown);
    j->key("width").num(d.width).key("height").num(d.height);
    j->key("insideAttrib").num(d.inside_attrib).key("outsideAttrib").num(d.outside_attrib);
    rect(j, "rect", d.rect);
    j->end_object();
  }
  j->end_array().end_object();
  return Status::Ok;
}

Status rez_json(ByteSpan in, Json* j) {
  RezHeader h{};
  Status s = parse_rez_header(in, in.size(), &h);
  if (s != Status::Ok) return s;
  RezTree tree;
  s = parse_rez_tree(h, in, 0, RezLimits{}, &tree);
  if (s != Status::Ok) return s;
  RezIndex index;
  s = index.build(std::move(tree));
  if (s != Status::Ok) return s;
  j->begin_object().key("version").num(h.version).key("dirOffset").num(h.dirOffset);
  j->key("dirSize").num(h.dirSize).key("entryCount").num(index.size()).key("entries").begin_array();
  for (u32 i = 0; i < index.size(); ++i) {
    const RezTreeEntry& e = index.tree().entries[i];
    const std::string& path = index.path(i);
    // The tree keeps the extension apart; RezEntry.name is the path's last component.
    j->begin_object().key("path").text(path).key("name").text(path.substr(path.rfind('/') + 1));
    j->key("isDirectory").boolean(e.isDirectory != 0).key("offset").num(e.offset).key("size").num(e.size);
    j->key("dateTime").num(e.dateTime).key("fileId").num(e.fileId).key("childCount").num(e.childCount);
    j->end_object();
  }
  j->end_array().end_object();
  return Status::Ok;
}

}  // namespace

Status fixture_record_json(const FormatFixture& fixture, std::string* out) {
  Json j;
  const ByteSpan in = span_of(fixture);
  Status s = Status::InvalidArgument;
  switch (fixture.kind) {
    case FixtureKind::Pal: s = pal_json(in, &j); break;
    case FixtureKind::Pid: s = pid_json(in, &j); break;
    case FixtureKind::Ani: s = ani_json(in, &j); break;
    case FixtureKind::Wwd: s = wwd_json(in, &j); break;
    case FixtureKind::Rez: s = rez_json(in, &j); break;
  }
  if (s == Status::Ok) *out = j.take() + "\n";
  return s;
}

}  // namespace oc::test
