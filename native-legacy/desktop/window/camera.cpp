// The camera (camera.h).
#include "desktop/window/camera.h"

namespace oc::desktop::window {

// Dead zone half-extents: 10% x 12% of the view, rounded (the page's defaults).
Camera::Camera(i32 view_w, i32 view_h) noexcept
    : view_w_(view_w), view_h_(view_h), dead_x_((view_w * 10 + 50) / 100), dead_y_((view_h * 12 + 50) / 100) {}

void Camera::set_level(i32 width, i32 height) noexcept {
  level_w_ = width;
  level_h_ = height;
  clamp();
}

void Camera::snap(i32 tx, i32 ty) noexcept {
  x_ = tx - view_w_ / 2;
  y_ = ty - view_h_ / 2;
  clamp();
}

void Camera::follow(i32 tx, i32 ty) noexcept {
  const i32 cx = x_ + view_w_ / 2;
  const i32 cy = y_ + view_h_ / 2;
  if (tx < cx - dead_x_) x_ = tx + dead_x_ - view_w_ / 2;
  else if (tx > cx + dead_x_) x_ = tx - dead_x_ - view_w_ / 2;
  if (ty < cy - dead_y_) y_ = ty + dead_y_ - view_h_ / 2;
  else if (ty > cy + dead_y_) y_ = ty - dead_y_ - view_h_ / 2;
  clamp();
}

void Camera::clamp() noexcept {
  const i32 max_x = level_w_ > view_w_ ? level_w_ - view_w_ : 0;
  const i32 max_y = level_h_ > view_h_ ? level_h_ - view_h_ : 0;
  x_ = x_ < 0 ? 0 : (x_ > max_x ? max_x : x_);
  y_ = y_ < 0 ? 0 : (y_ > max_y ? max_y : y_);
}

}  // namespace oc::desktop::window
