// Archive paths of a level's files (asset_paths.h).
#include "desktop/window/asset_paths.h"

#include <algorithm>
#include <cstdio>

namespace oc::desktop::window {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string underscores_to_slashes(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '_', '/');
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

std::string archive_path(std::string_view path) {
  std::string out;
  out.reserve(path.size() + 1);
  for (char c : path) {
    if (c == '\\') c = '/';
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  if (!out.empty() && out.back() == '/') out.pop_back();
  if (out.empty() || out.front() != '/') out.insert(out.begin(), '/');
  return out;
}

std::string plane_folder(const PlaneLayout& plane) {
  if (!plane.image_set.empty()) return archive_path(plane.image_set).substr(1);
  const std::string name = upper(plane.name);
  if (name == "BACKGROUND") return "BACK";
  if (name == "ACTION") return "ACTION";
  if (name == "FRONT") return "FRONT";
  return name;
}

std::string frame_file(const std::string& dir, u32 image) {
  char name[32];
  std::snprintf(name, sizeof name, "/FRAME%03u.PID", image);
  return dir + name;
}

std::string tile_path(const LevelLayout& level, u32 plane, i32 id) {
  char name[24];
  std::snprintf(name, sizeof name, "/%03d.PID", id);
  return archive_path(level.image_directory) + "/" + plane_folder(level.planes[plane]) + name;
}

std::string palette_path(const LevelLayout& level) {
  if (!level.palette_path.empty()) return archive_path(level.palette_path);
  return "/LEVEL" + std::to_string(level.level) + "/PALETTES/MAIN.PAL";
}

std::vector<std::string> image_set_candidates(const LevelLayout& level, std::string_view set_name) {
  // trim, as the page does
  while (!set_name.empty() && set_name.front() == ' ') set_name.remove_prefix(1);
  while (!set_name.empty() && set_name.back() == ' ') set_name.remove_suffix(1);
  const std::string name(set_name);
  const std::string up = upper(name);
  std::vector<std::pair<std::string, std::string>> roots;
  for (u32 i = 0; i < 4; ++i) {
    if (!level.prefixes[i].empty() && !level.prefix_dirs[i].empty()) {
      roots.emplace_back(upper(level.prefixes[i]) + "_", archive_path(level.prefix_dirs[i]));
    }
  }
  roots.emplace_back("LEVEL_", "/LEVEL" + std::to_string(level.level) + "/IMAGES");
  roots.emplace_back("GAME_", "/GAME/IMAGES");
  roots.emplace_back("CLAW_", "/CLAW/IMAGES");
  std::vector<std::string> out;
  auto add = [&out](std::string p) {
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
  };
  for (const auto& [prefix, dir] : roots) {
    if (up == prefix.substr(0, prefix.size() - 1)) add(dir);  // CLAW alone -> /CLAW/IMAGES
    if (!starts_with(up, prefix)) continue;
    const std::string rest = name.substr(prefix.size());
    if (rest.empty()) continue;
    add(dir + "/" + underscores_to_slashes(rest));
    add(dir + "/" + rest);
  }
  add("/" + underscores_to_slashes(name));
  return out;
}

std::string image_set_dir(const LevelLayout& level, std::string_view set_name, const ArchiveProbe& archive) {
  const std::vector<std::string> c = image_set_candidates(level, set_name);
  for (const std::string& dir : c) {
    if (archive.is_dir(dir)) return dir;
  }
  return c.front();
}

std::string ani_path(u32 level, std::string_view name, const ArchiveProbe& archive) {
  const std::string up = upper(name);
  const std::string lv = "/LEVEL" + std::to_string(level);
  std::vector<std::string> c;
  const std::pair<const char*, std::string> roots[] = {{"LEVEL_", lv}, {"CLAW_", "/CLAW"}, {"GAME_", "/GAME"}};
  for (const auto& [prefix, root] : roots) {
    if (starts_with(up, prefix)) c.push_back(root + "/ANIS/" + underscores_to_slashes(name.substr(std::string_view(prefix).size())) + ".ANI");
  }
  c.push_back(lv + "/ANIS/" + std::string(name) + ".ANI");
  c.push_back(lv + "/ANIS/" + underscores_to_slashes(name) + ".ANI");
  for (const std::string& p : c) {
    if (archive.is_file(p)) return p;
  }
  return c.front();
}

std::string player_set(const LevelLayout& level, const ArchiveProbe& archive) {
  return archive.is_dir(image_set_dir(level, "LEVEL_PLAYER", archive)) ? "LEVEL_PLAYER" : "CLAW";
}

}  // namespace oc::desktop::window
