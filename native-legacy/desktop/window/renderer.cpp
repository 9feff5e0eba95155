// Drawing a frame (renderer.h).
#include "desktop/window/renderer.h"

#include <cstdint>

#include "desktop/window/asset_paths.h"
#include "desktop/window/font.h"
#include "game/tuning.h"

namespace oc::desktop::window {
namespace {

int64_t floor_div(int64_t a, int64_t b) noexcept { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int64_t wrap(int64_t v, int64_t n) noexcept { return ((v % n) + n) % n; }

// Fallback box colours by kind (player, crate, treasure, crab, rat guard, checkpoint, level end), as the page.
constexpr u32 kKindTint[8] = {0xffffff, 0x3f7fff, 0x9a6b3a, 0xffd700, 0xe04020, 0xb02060, 0x20c060, 0xffffff};

bool stands_on_feet(u32 kind) noexcept {
  return kind == game::kKindPlayer || kind == game::kKindCrab || kind == game::kKindRatGuard;
}

const char* status_text(u32 status) noexcept {
  switch (status) {
    case game::kWorldRespawning: return "OUCH! BACK TO THE CHECKPOINT";
    case game::kWorldComplete: return "LEVEL COMPLETE!";
    case game::kWorldGameOver: return "GAME OVER";
    default: return "";
  }
}

}  // namespace

void Renderer::plane(u32 index, const Camera& camera) {
  const PlaneLayout& p = level_.planes[index];
  if ((p.flags & kPlaneFlagNoDraw) != 0 || p.tiles_x == 0 || p.tiles_y == 0 || !plane_drawable(p)) return;
  const int64_t tw = p.tile_w, th = p.tile_h;
  const int64_t ox = floor_div(static_cast<int64_t>(camera.x()) * p.movement_x, 100);
  const int64_t oy = floor_div(static_cast<int64_t>(camera.y()) * p.movement_y, 100);
  const int64_t tx0 = floor_div(ox, tw), ty0 = floor_div(oy, th);
  const int64_t cols = (kViewW + tw - 1) / tw + 1, rows = (kViewH + th - 1) / th + 1;
  const bool wrap_x = (p.flags & kPlaneFlagWrapX) != 0, wrap_y = (p.flags & kPlaneFlagWrapY) != 0;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t ty = ty0 + r;
    if (wrap_y) ty = wrap(ty, p.tiles_y);
    for (int64_t c = 0; c < cols; ++c) {
      int64_t tx = tx0 + c;
      if (wrap_x) tx = wrap(tx, p.tiles_x);
      if (tx < 0 || ty < 0 || tx >= p.tiles_x || ty >= p.tiles_y) continue;
      const i32 id = p.tiles[static_cast<size_t>(ty * p.tiles_x + tx)];
      if (id < 0) continue;
      const Picture* pic = textures_.get(tile_path(level_, index, id));
      if (pic == nullptr) continue;
      const SDL_Rect dst{static_cast<i32>((tx0 + c) * tw - ox), static_cast<i32>((ty0 + r) * th - oy), pic->w, pic->h};
      SDL_RenderCopy(sdl_, pic->texture, nullptr, &dst);
    }
  }
}

void Renderer::entity(const game::Entity& e, u64 frame, const Camera& camera) {
  if ((e.flags & game::kFlagHidden) != 0) return;
  // Invulnerable after a hit: visible every other 4 frames.
  if ((e.flags & game::kFlagBlink) != 0 && ((frame >> 2) & 1) != 0) return;
  const ClipArt* clip = &art_.clips[clip_slot(e.kind, e.state, e.variant)];
  if (clip->paths.empty()) clip = &art_.clips[clip_slot(e.kind, 0, e.variant)];
  const Picture* pic = nullptr;
  if (!clip->paths.empty()) {
    const u32 f = pick_frame(clip->mode, clip->table, static_cast<u32>(clip->paths.size()), e.state_frames);
    pic = textures_.get(clip->paths[f < clip->paths.size() ? f : 0]);
  }
  if (pic == nullptr && e.kind < 8 && !art_.fallbacks[e.kind].empty()) pic = textures_.get(art_.fallbacks[e.kind]);
  const i32 x = (e.x >> 8) - camera.x(), y = (e.y >> 8) - camera.y();
  if (pic == nullptr) {
    const u32 tint = kKindTint[e.kind & 7];
    SDL_SetRenderDrawColor(sdl_, static_cast<u8>(tint >> 16), static_cast<u8>(tint >> 8), static_cast<u8>(tint), 255);
    const i32 hw = e.half_w < 1 ? 1 : e.half_w, hh = e.half_h < 1 ? 1 : e.half_h;
    const SDL_Rect box{x - hw, y - hh, hw * 2, hh * 2};
    SDL_RenderFillRect(sdl_, &box);
    return;
  }
  // The frame's centre is the entity's position (the original's anchor rule), except that characters
  // stand on the hitbox's bottom row.
  const i32 cy = stands_on_feet(e.kind) ? y + e.half_h - pic->h / 2 : y;
  const SDL_Rect dst{x - pic->w / 2 + pic->offset_x, cy - pic->h / 2 + pic->offset_y, pic->w, pic->h};
  SDL_SetTextureAlphaMod(pic->texture, (e.flags & game::kFlagDying) != 0 ? 153 : 255);
  const SDL_RendererFlip flip = (e.flags & game::kFlagFacingLeft) != 0 ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE;
  SDL_RenderCopyEx(sdl_, pic->texture, nullptr, &dst, 0.0, nullptr, flip);
}

void Renderer::text(i32 x, i32 y, const std::string& s, i32 scale, SDL_Color colour) {
  SDL_SetRenderDrawColor(sdl_, colour.r, colour.g, colour.b, colour.a);
  for (char c : s) {
    if (const u8* rows = glyph(c)) {
      for (i32 r = 0; r < kGlyphH; ++r) {
        for (i32 b = 0; b < kGlyphW; ++b) {
          if ((rows[r] & (0x10 >> b)) == 0) continue;
          const SDL_Rect px{x + b * scale, y + r * scale, scale, scale};
          SDL_RenderFillRect(sdl_, &px);
        }
      }
    }
    x += kGlyphAdvance * scale;
  }
}

void Renderer::hud(const game::World& w, const std::string& message) {
  SDL_SetRenderDrawBlendMode(sdl_, SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(sdl_, 0, 0, 0, 140);
  const SDL_Rect band{0, 0, kViewW, 24};
  SDL_RenderFillRect(sdl_, &band);
  const SDL_Color white{255, 255, 255, 255}, gold{255, 215, 0, 255};
  text(8, 5, "SCORE " + std::to_string(w.score), 2, gold);
  text(200, 5, "HEALTH", 2, white);
  // The health bar: kMaxHealth is a full bar.
  const i32 health = w.health < 0 ? 0 : (w.health > game::tuning::kMaxHealth ? game::tuning::kMaxHealth : w.health);
  SDL_SetRenderDrawColor(sdl_, 80, 20, 20, 255);
  const SDL_Rect bar{276, 6, 100, 12};
  SDL_RenderFillRect(sdl_, &bar);
  SDL_SetRenderDrawColor(sdl_, 220, 40, 40, 255);
  const SDL_Rect fill{276, 6, health * 100 / game::tuning::kMaxHealth, 12};
  SDL_RenderFillRect(sdl_, &fill);
  text(384, 5, std::to_string(health), 2, white);
  text(440, 5, "LIVES " + std::to_string(w.lives), 2, white);
  text(548, 5, std::to_string(w.treasure_taken) + "/" + std::to_string(w.treasure_total), 2, gold);
  const char* status = status_text(w.status);
  if (status[0] != 0) {
    const i32 width = static_cast<i32>(std::string(status).size()) * kGlyphAdvance * 3;
    text((kViewW - width) / 2, kViewH / 2 - 30, status, 3, white);
  }
  if (!message.empty()) {
    const std::string line = message.size() > 100 ? message.substr(0, 100) : message;
    SDL_SetRenderDrawColor(sdl_, 0, 0, 0, 170);
    const SDL_Rect back{0, kViewH - 20, kViewW, 20};
    SDL_RenderFillRect(sdl_, &back);
    text(6, kViewH - 16, line, 1, white);
  }
}

void Renderer::draw(const game::Game& game, const Camera& camera, u64 frame, const std::string& message) {
  SDL_SetRenderDrawColor(sdl_, 0, 0, 0, 255);
  SDL_RenderClear(sdl_);
  const u32 main = level_.main_plane;
  for (u32 i = 0; i < level_.planes.size() && i <= main; ++i) plane(i, camera);
  const game::World& w = game.world();
  // Entities are in main-plane pixels; the player last, on top of what it overlaps.
  i32 player = -1;
  for (u32 i = 0; i < w.entity_high && i < w.entity_capacity; ++i) {
    if (!game.live(i)) continue;
    const game::Entity& e = game.entity(i);
    if (e.kind == game::kKindNone) continue;
    if (e.kind == game::kKindPlayer) {
      player = static_cast<i32>(i);
      continue;
    }
    entity(e, frame, camera);
  }
  if (player >= 0) entity(game.entity(static_cast<u32>(player)), frame, camera);
  for (u32 i = main + 1; i < level_.planes.size(); ++i) plane(i, camera);
  hud(w, message);
}

}  // namespace oc::desktop::window
