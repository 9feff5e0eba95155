// The fixture writer of WWD images; the reader's layout constants are the only source of offsets.
#include "resources/formats/wwd_writer.h"

#include <cstring>

namespace oc::formats {
namespace {

class Out {
 public:
  std::vector<u8> bytes;
  u32 size() const { return static_cast<u32>(bytes.size()); }
  void grow(u32 n) { bytes.resize(bytes.size() + n, 0); }
  template <typename T>
  void put(u32 at, T v) { std::memcpy(bytes.data() + at, &v, sizeof v); }
  void text(u32 at, const std::string& s, u32 field) {
    std::memcpy(bytes.data() + at, s.data(), s.size() < field ? s.size() : field);
  }
  void append(const void* p, u32 n) {
    const u8* b = static_cast<const u8*>(p);
    bytes.insert(bytes.end(), b, b + n);
  }
};

constexpr u32 kImageSetAt[4] = {884, 1012, 1140, 1268};
constexpr u32 kPrefixAt[4] = {1396, 1428, 1460, 1492};

void write_header(const WwdSpec& spec, Out* o) {
  o->put<u32>(0, kWwdSignature);
  o->put<u32>(8, spec.flags);
  o->text(16, spec.level_name, 64);
  o->text(80, spec.author, 64);
  o->text(144, spec.birth, 64);
  o->text(208, spec.rez_file, 256);
  o->text(464, spec.image_directory, 128);
  o->text(592, spec.palette_path, 128);
  o->put<i32>(720, spec.start_x);
  o->put<i32>(724, spec.start_y);
  o->put<u32>(732, static_cast<u32>(spec.planes.size()));
  o->put<u32>(736, kWwdHeaderSize);
  o->put<u32>(748, spec.checksum);
  o->text(756, spec.launch_app, 128);
  for (u32 i = 0; i < 4; ++i) {
    o->text(kImageSetAt[i], spec.image_sets[i], 128);
    o->text(kPrefixAt[i], spec.prefixes[i], 32);
  }
}

void write_plane_header(const WwdPlaneSpec& p, u32 at, Out* o) {
  o->put<u32>(at + 0, kWwdPlaneSize);
  o->put<u32>(at + 8, p.flags);
  o->text(at + 16, p.name, 64);
  o->put<u32>(at + 80, p.pixel_width);
  o->put<u32>(at + 84, p.pixel_height);
  o->put<u32>(at + 88, p.tile_width);
  o->put<u32>(at + 92, p.tile_height);
  o->put<u32>(at + 96, p.tiles_x);
  o->put<u32>(at + 100, p.tiles_y);
  o->put<i32>(at + 112, p.movement_percent_x);
  o->put<i32>(at + 116, p.movement_percent_y);
  o->put<u32>(at + 120, p.fill_color);
  o->put<u32>(at + 124, static_cast<u32>(p.image_sets.size()));
  o->put<u32>(at + 128, static_cast<u32>(p.objects.size()));
  o->put<i32>(at + 144, p.z);
}

void write_plane_body(const WwdPlaneSpec& p, u32 header_at, Out* o) {
  o->put<u32>(header_at + 132, o->size());
  if (!p.tiles.empty()) o->append(p.tiles.data(), static_cast<u32>(p.tiles.size() * sizeof(i32)));
  o->put<u32>(header_at + 136, o->size());
  for (const std::string& s : p.image_sets) o->append(s.c_str(), static_cast<u32>(s.size() + 1));
  o->put<u32>(header_at + 140, o->size());
  for (const WwdObjectSpec& spec : p.objects) {
    WwdObject fields = spec.fields;
    fields.name.length = static_cast<u32>(spec.name.size());
    fields.logic.length = static_cast<u32>(spec.logic.size());
    fields.image_set.length = static_cast<u32>(spec.image_set.size());
    fields.sound.length = static_cast<u32>(spec.sound.size());
    const u32 at = o->size();
    o->grow(kWwdObjectFixedSize);
    wwd_object_encode(fields, o->bytes.data() + at);
    for (const std::string* s : {&spec.name, &spec.logic, &spec.image_set, &spec.sound}) {
      o->append(s->data(), static_cast<u32>(s->size()));
    }
  }
}

void write_tile_descriptions(const std::vector<WwdTileDescription>& tiles, Out* o) {
  const u32 preamble[8] = {kWwdTilePreambleSize, 0, static_cast<u32>(tiles.size()), 0, 0, 0, 0, 0};
  o->append(preamble, sizeof preamble);
  for (const WwdTileDescription& d : tiles) {
    const u32 at = o->size();
    const bool dbl = d.type == kWwdTileDouble;
    o->grow(dbl ? kWwdTileDoubleSize : kWwdTileSingleSize);
    o->put<u32>(at + 0, d.type);
    o->put<u32>(at + 4, d.unknown);
    o->put<u32>(at + 8, d.width);
    o->put<u32>(at + 12, d.height);
    if (dbl) {
      o->put<u32>(at + 16, d.outside_attrib);
      o->put<u32>(at + 20, d.inside_attrib);
      o->put<i32>(at + 24, d.rect.left);
      o->put<i32>(at + 28, d.rect.top);
      o->put<i32>(at + 32, d.rect.right);
      o->put<i32>(at + 36, d.rect.bottom);
    } else {
      o->put<u32>(at + 16, d.inside_attrib);
    }
  }
}

}  // namespace

std::vector<u8> wwd_write_image(const WwdSpec& spec) {
  Out o;
  o.grow(kWwdHeaderSize);
  write_header(spec, &o);
  const u32 table = o.size();
  o.grow(static_cast<u32>(spec.planes.size()) * kWwdPlaneSize);
  // Headers first: each body write records its offsets into its plane's header.
  for (u32 i = 0; i < spec.planes.size(); ++i) {
    write_plane_header(spec.planes[i], table + i * kWwdPlaneSize, &o);
  }
  for (u32 i = 0; i < spec.planes.size(); ++i) {
    write_plane_body(spec.planes[i], table + i * kWwdPlaneSize, &o);
  }
  o.put<u32>(740, o.size());
  write_tile_descriptions(spec.tile_descriptions, &o);
  o.put<u32>(744, o.size() - kWwdHeaderSize);
  return o.bytes;
}

}  // namespace oc::formats
