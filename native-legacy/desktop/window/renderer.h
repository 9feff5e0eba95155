// One picture of the game: the tile planes with their parallax (behind the entities up to the main
// plane, in front after it, the original's order), the entities with their clips' frames (the player
// last, on top), the HUD (score, health, lives, treasure, the level's state) in the built-in font, and
// a message line. Reads the World and the entity slots; changes nothing in the state region.
#pragma once

#include <SDL.h>

#include <string>

#include "desktop/window/camera.h"
#include "desktop/window/level_art.h"
#include "desktop/window/level_layout.h"
#include "desktop/window/texture_cache.h"
#include "game/game.h"

namespace oc::desktop::window {

constexpr i32 kViewW = 640;
constexpr i32 kViewH = 480;

class Renderer {
 public:
  Renderer(SDL_Renderer* sdl, const LevelLayout& level, const LevelArt& art, TextureCache& textures) noexcept
      : sdl_(sdl), level_(level), art_(art), textures_(textures) {}

  // `frame` drives the blink of an invulnerable entity; `message` ("" for none) shows under the HUD.
  void draw(const game::Game& game, const Camera& camera, u64 frame, const std::string& message);

  // The string drawn with the built-in font at (x, y), `scale` pixels per font pixel.
  void text(i32 x, i32 y, const std::string& s, i32 scale, SDL_Color colour);

 private:
  void plane(u32 index, const Camera& camera);
  void entity(const game::Entity& e, u64 frame, const Camera& camera);
  void hud(const game::World& w, const std::string& message);

  SDL_Renderer* sdl_;
  const LevelLayout& level_;
  const LevelArt& art_;
  TextureCache& textures_;
};

}  // namespace oc::desktop::window
