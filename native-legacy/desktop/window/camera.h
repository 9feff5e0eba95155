// The camera, as web/game/camera.ts: the view's top-left in main-plane pixels, following a target with
// a dead zone around the view's centre and clamped to the level. Whole pixels only (sub-pixel
// scrolling would shimmer the pixel-art tiles).
#pragma once

#include "memory/types.h"

namespace oc::desktop::window {

class Camera {
 public:
  Camera(i32 view_w, i32 view_h) noexcept;
  void set_level(i32 width, i32 height) noexcept;
  void snap(i32 tx, i32 ty) noexcept;    // centre on the target at once
  void follow(i32 tx, i32 ty) noexcept;  // move just enough to keep it in the dead zone
  i32 x() const noexcept { return x_; }
  i32 y() const noexcept { return y_; }

 private:
  void clamp() noexcept;
  i32 x_ = 0, y_ = 0, view_w_, view_h_, dead_x_, dead_y_, level_w_ = 0, level_h_ = 0;
};

}  // namespace oc::desktop::window
