// Decoded pictures in the ResourceCache, as SDL textures (texture_cache.h).
#include "desktop/window/texture_cache.h"

#include <cstdio>
#include <vector>

#include "resources/formats/pid.h"
#include "resources/resource_id.h"

namespace oc::desktop::window {

TextureCache::~TextureCache() {
  for (auto& [id, picture] : pictures_) SDL_DestroyTexture(picture.texture);
}

Status TextureCache::init(const std::string& palette_path, const CacheBudget& budget, std::string* detail) {
  Status s = region_.init(budget.region_bytes);
  if (s != Status::Ok) {
    *detail = "assets region";
    return s;
  }
  CacheConfig config;
  config.max_entries = budget.max_entries;
  config.data_bytes = budget.data_bytes;
  config.ram_budget = budget.ram_budget;
  config.vram_budget = budget.vram_budget;
  const Result<ResourceCache> cache = ResourceCache::create(region_, config);
  if (!cache.ok()) {
    *detail = "resource cache";
    return cache.status;
  }
  cache_ = cache.value;
  cache_.set_evict_callback(&TextureCache::on_evict, this);
  std::vector<u8> bytes;
  if (archive_.read(palette_path, &bytes) == Status::Ok &&
      formats::pal_read(formats::ByteSpan(bytes.data(), static_cast<u32>(bytes.size())), &palette_) == Status::Ok) {
    has_palette_ = true;
  }
  return Status::Ok;
}

void TextureCache::on_evict(void* self, u64 id, u32) {
  auto* cache = static_cast<TextureCache*>(self);
  const auto it = cache->pictures_.find(id);
  if (it == cache->pictures_.end()) return;
  // SDL flushes queued draws that use a texture before destroying it, so this is safe mid-frame.
  SDL_DestroyTexture(it->second.texture);
  cache->pictures_.erase(it);
}

const Picture* TextureCache::get(const std::string& path) {
  const u64 id = resource_id(path);
  if (failed_.count(id) != 0) return nullptr;
  // acquire + release: counted as a hit or a miss, and a hit moves the entry to the front of the LRU
  // order, so what is on screen is the last to be evicted.
  const Result<CacheHandle> h = cache_.acquire(id);
  if (h.ok()) {
    cache_.release(h.value);
    const auto it = pictures_.find(id);
    if (it != pictures_.end()) return &it->second;
  }
  const Picture* p = load(id, path);
  if (p == nullptr) failed_.insert(id);
  return p;
}

const Picture* TextureCache::load(u64 id, const std::string& path) {
  std::vector<u8> file;
  if (archive_.read(path, &file) != Status::Ok) return nullptr;
  const formats::ByteSpan span(file.data(), static_cast<u32>(file.size()));
  formats::PidInfo info;
  if (formats::pid_parse(span, &info) != Status::Ok || info.pixel_count == 0) return nullptr;
  if (info.palette_offset == 0 && !has_palette_) return nullptr;
  const u32 bytes = info.pixel_count * 4;
  if (cache_.contains(id)) cache_.remove(id);  // bytes without a texture (a failed upload): decode again
  const Result<CacheHandle> h = cache_.insert(id, bytes);
  if (!h.ok()) {
    std::fprintf(stderr, "openclaw-desktop: %s: %s (the picture cache)\n", path.c_str(), status_name(h.status));
    return nullptr;
  }
  const Result<u32> off = cache_.offset(h.value);
  u8* rgba = region_.base() + off.value;
  const formats::Palette* pal = info.palette_offset != 0 ? nullptr : &palette_;
  if (!off.ok() || formats::pid_decode_rgba(span, pal, rgba, bytes) != Status::Ok) {
    cache_.release(h.value);
    cache_.remove(id);
    return nullptr;
  }
  const i32 w = static_cast<i32>(info.header.width);
  const i32 hgt = static_cast<i32>(info.header.height);
  SDL_Texture* t = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, hgt);
  if (t == nullptr || SDL_UpdateTexture(t, nullptr, rgba, w * 4) != 0) {
    std::fprintf(stderr, "openclaw-desktop: %s: no texture (%s)\n", path.c_str(), SDL_GetError());
    if (t != nullptr) SDL_DestroyTexture(t);
    cache_.release(h.value);
    cache_.remove(id);
    return nullptr;
  }
  SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
  Picture& p = pictures_[id];
  p = Picture{t, w, hgt, info.header.offset_x, info.header.offset_y};
  if (cache_.set_gpu_bytes(h.value, bytes) != Status::Ok) {
    // Over the VRAM budget even after evictions: drop it, it is drawn as a fallback.
    cache_.release(h.value);
    cache_.remove(id);  // the callback destroys the texture and the map entry
    return nullptr;
  }
  cache_.release(h.value);
  return &pictures_[id];
}

}  // namespace oc::desktop::window
