// The level's planes and paths (level_layout.h).
#include "desktop/window/level_layout.h"

#include "game/logic_kinds.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"

namespace oc::desktop::window {
namespace {

std::string text(formats::ByteSpan image, formats::TextRef ref) {
  if (ref.length == 0 || static_cast<u64>(ref.offset) + ref.length > image.size()) return {};
  return std::string(reinterpret_cast<const char*>(image.data() + ref.offset), ref.length);
}

bool equals_ignoring_case(const std::string& a, const char* upper) {
  size_t i = 0;
  for (; i < a.size() && upper[i] != 0; ++i) {
    char c = a[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return i == a.size() && upper[i] == 0;
}

}  // namespace

u32 main_plane_index(const std::vector<PlaneLayout>& planes) {
  for (u32 i = 0; i < planes.size(); ++i) {
    if ((planes[i].flags & kPlaneFlagMain) != 0) return i;
  }
  for (u32 i = 0; i < planes.size(); ++i) {
    if (equals_ignoring_case(planes[i].name, "ACTION")) return i;
  }
  return planes.size() == 3 ? 1 : 0;
}

bool plane_drawable(const PlaneLayout& p) {
  return p.tile_w >= kMinDrawTile && p.tile_w <= kMaxDrawTile && p.tile_h >= kMinDrawTile && p.tile_h <= kMaxDrawTile;
}

Status read_level_layout(formats::ByteSpan image, u32 level, LevelLayout* out, std::string* detail) {
  *out = LevelLayout{};
  out->level = level;
  formats::WwdHeader h;
  Status s = formats::wwd_parse_image(image, &h);
  if (s != Status::Ok) {
    *detail = "WWD image";
    return s;
  }
  out->image_directory = text(image, h.image_directory);
  out->palette_path = text(image, h.palette_path);
  for (u32 i = 0; i < 4; ++i) {
    out->prefixes[i] = text(image, h.prefixes[i]);
    out->prefix_dirs[i] = text(image, h.image_sets[i]);
  }
  std::vector<formats::WwdPlane> raw(h.num_planes);
  for (u32 p = 0; p < h.num_planes; ++p) {
    s = formats::wwd_plane(image, h, p, &raw[p]);
    if (s != Status::Ok) {
      *detail = "plane " + std::to_string(p);
      return s;
    }
    const formats::WwdPlane& w = raw[p];
    PlaneLayout plane;
    plane.name = text(image, w.name);
    plane.flags = w.flags;
    plane.tile_w = w.tile_width;
    plane.tile_h = w.tile_height;
    plane.tiles_x = w.tiles_x;
    plane.tiles_y = w.tiles_y;
    plane.movement_x = w.movement_percent_x;
    plane.movement_y = w.movement_percent_y;
    if (w.image_sets_count > 0) {
      std::vector<formats::TextRef> sets(w.image_sets_count);
      s = formats::wwd_read_image_sets(image, w, sets.data(), w.image_sets_count);
      if (s != Status::Ok) {
        *detail = "image sets of plane " + std::to_string(p);
        return s;
      }
      plane.image_set = text(image, sets[0]);
    }
    plane.tiles.resize(w.tiles_count);
    for (u32 y = 0, k = 0; y < w.tiles_y; ++y) {
      for (u32 x = 0; x < w.tiles_x; ++x, ++k) {
        s = formats::wwd_tile(image, w, x, y, &plane.tiles[k]);
        if (s != Status::Ok) {
          *detail = "tiles of plane " + std::to_string(p);
          return s;
        }
      }
    }
    out->planes.push_back(std::move(plane));
  }
  out->main_plane = main_plane_index(out->planes);
  if (out->main_plane >= raw.size()) return Status::Ok;
  formats::WwdObjectCursor cursor(image, raw[out->main_plane]);
  formats::WwdObject object;
  while (cursor.remaining() > 0) {
    s = cursor.next(&object);
    if (s != Status::Ok) {
      *detail = "objects of the main plane";
      return s;
    }
    const std::string logic = text(image, object.logic);
    const game::EntityKind kind = game::kind_of_logic(logic.data(), static_cast<u32>(logic.size()));
    if (kind == game::kKindNone || !out->kind_sets[kind].empty()) continue;
    out->kind_sets[kind] = text(image, object.image_set);
  }
  return Status::Ok;
}

}  // namespace oc::desktop::window
