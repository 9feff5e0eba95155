// Pictures as SDL textures, decoded lazily from the archive's PIDs with the core's PID/PAL readers and
// kept in the core's ResourceCache under a RAM budget, as the web build keeps its decoded images: one
// cache entry per picture (its RGBA in the cache's region) and one texture per entry. An entry is pinned
// only while it is decoded and uploaded; when the cache evicts it (the budget needs room) its texture
// is destroyed through the cache's eviction callback, and the next draw decodes it again.
#pragma once

#include <SDL.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "desktop/rez_file.h"
#include "memory/region.h"
#include "resources/formats/pal.h"
#include "resources/resource_cache.h"

namespace oc::desktop::window {

struct CacheBudget {
  u32 region_bytes = 96u << 20;
  u32 data_bytes = 80u << 20;
  u32 ram_budget = 64u << 20;   // decoded RGBA bytes
  u32 vram_budget = 64u << 20;  // texture bytes
  u32 max_entries = 8192;
};

struct Picture {
  SDL_Texture* texture = nullptr;
  i32 w = 0, h = 0, offset_x = 0, offset_y = 0;
};

class TextureCache {
 public:
  TextureCache(SDL_Renderer* renderer, RezFile& archive) noexcept : renderer_(renderer), archive_(archive) {}
  TextureCache(const TextureCache&) = delete;
  TextureCache& operator=(const TextureCache&) = delete;
  ~TextureCache();

  // The cache's region and the level's palette (a PID with its own palette uses that instead; without
  // a level palette such PIDs are the only ones drawn). detail says what failed.
  Status init(const std::string& palette_path, const CacheBudget& budget, std::string* detail);
  // The picture of an archive path, decoded now if needed; nullptr when the file is missing or does not
  // decode (remembered: it is not read again) or does not fit the budget.
  const Picture* get(const std::string& path);
  CacheStats stats() const noexcept { return cache_.stats(); }
  u32 failed() const noexcept { return static_cast<u32>(failed_.size()); }

 private:
  static void on_evict(void* self, u64 id, u32 gpu_bytes);
  const Picture* load(u64 id, const std::string& path);

  SDL_Renderer* renderer_;
  RezFile& archive_;
  Region region_;
  ResourceCache cache_;
  formats::Palette palette_{};
  bool has_palette_ = false;
  std::unordered_map<u64, Picture> pictures_;
  std::unordered_set<u64> failed_;
};

}  // namespace oc::desktop::window
