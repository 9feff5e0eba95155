// The entities' pictures (level_art.h).
#include "desktop/window/level_art.h"

#include <algorithm>
#include <map>

#include "game/entity.h"
#include "resources/formats/ani.h"

namespace oc::desktop::window {
namespace {

struct AniData {
  std::string image_set;
  std::vector<u16> images, durations;
};

bool read_ani(RezArchiveFile& archive, const std::string& path, AniData* out) {
  std::vector<u8> bytes;
  if (archive.read(path, &bytes) != Status::Ok) return false;
  const formats::ByteSpan span(bytes.data(), static_cast<u32>(bytes.size()));
  formats::AniInfo info;
  if (formats::ani_parse(span, &info) != Status::Ok) return false;
  std::vector<formats::AniFrame> frames(info.frames_count);
  if (formats::ani_read_frames(span, info, frames.data(), info.frames_count, nullptr) != Status::Ok) return false;
  out->image_set.assign(reinterpret_cast<const char*>(bytes.data() + info.image_set_offset), info.image_set_length);
  for (const formats::AniFrame& f : frames) {
    out->images.push_back(f.image_id);
    out->durations.push_back(f.duration_ms);
  }
  return true;
}

// The set's first frame file (PIDs sorted by path, as the page's imageSetFrames), "" when none.
std::string first_frame(const LevelLayout& level, RezArchiveFile& archive, const std::string& set) {
  if (set.empty()) return {};
  const std::string dir = image_set_dir(level, set, archive);
  std::vector<u32> children;
  if (archive.index().list(dir, &children) != Status::Ok) return {};
  std::string best;
  for (u32 e : children) {
    const formats::RezTreeEntry& entry = archive.index().tree().entries[e];
    const std::string& path = archive.index().path(e);
    if (entry.isDirectory != 0 || path.size() < 4) continue;
    std::string ext = path.substr(path.size() - 4);
    for (char& c : ext) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (ext != ".PID") continue;
    if (best.empty() || path < best) best = path;
  }
  return best;
}

}  // namespace

LevelArt level_art(const LevelLayout& level, RezArchiveFile& archive) {
  LevelArt art;
  art.clips.resize(kClipSlots);
  const std::vector<ClipSpec> specs = demo_clips();
  std::map<std::string, AniData> anis;
  for (const ClipSpec& spec : specs) {
    if (spec.ani.empty() || anis.count(spec.ani) != 0) continue;
    if (std::find(art.missing_anis.begin(), art.missing_anis.end(), spec.ani) != art.missing_anis.end()) continue;
    AniData data;
    if (read_ani(archive, ani_path(level.level, spec.ani, archive), &data) && !data.images.empty()) {
      anis.emplace(spec.ani, std::move(data));
    } else {
      art.missing_anis.push_back(spec.ani);
    }
  }
  for (u32 slot = 0; slot < kClipSlots; ++slot) {
    const ClipSpec& spec = specs[slot];
    if (spec.set.empty()) continue;
    ClipArt& clip = art.clips[slot];
    if (spec.ani.empty()) {
      const std::string path = frame_file(image_set_dir(level, "LEVEL_" + spec.set, archive), spec.image);
      if (!archive.is_file(path)) continue;
      clip.mode = spec.mode;
      clip.table = {0};
      clip.paths = {path};
      continue;
    }
    const auto it = anis.find(spec.ani);
    if (it == anis.end()) continue;
    const std::string dir = image_set_dir(level, it->second.image_set, archive);
    clip.mode = spec.mode;
    clip.table = frame_table(it->second.durations);
    for (u16 image : it->second.images) clip.paths.push_back(frame_file(dir, image));
  }
  art.fallbacks[game::kKindPlayer] = first_frame(level, archive, player_set(level, archive));
  for (u32 kind = game::kKindCrate; kind < game::kKindCount; ++kind) {
    art.fallbacks[kind] = first_frame(level, archive, level.kind_sets[kind]);
  }
  return art;
}

}  // namespace oc::desktop::window
