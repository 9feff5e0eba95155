// The window's camera (desktop/window/camera.h): the page's dead zone and clamping, in whole pixels.
#include <gtest/gtest.h>

#include "desktop/window/camera.h"

namespace oc::desktop::window {
namespace {

TEST(WindowCamera, SnapsCentredAndClampsToTheLevel) {
  Camera c(640, 480);
  c.set_level(4000, 1000);
  c.snap(2000, 500);
  EXPECT_EQ(c.x(), 1680);
  EXPECT_EQ(c.y(), 260);
  c.snap(10, 10);
  EXPECT_EQ(c.x(), 0);
  EXPECT_EQ(c.y(), 0);
  c.snap(99999, 99999);
  EXPECT_EQ(c.x(), 4000 - 640);
  EXPECT_EQ(c.y(), 1000 - 480);
  c.set_level(300, 200);  // smaller than the view: pinned at 0
  EXPECT_EQ(c.x(), 0);
  EXPECT_EQ(c.y(), 0);
}

TEST(WindowCamera, FollowsOnlyOutsideTheDeadZone) {
  Camera c(640, 480);  // dead zone: 64 x 58 px each side of the centre
  c.set_level(4000, 4000);
  c.snap(1000, 1000);
  const i32 x0 = c.x(), y0 = c.y();
  c.follow(1000 + 64, 1000 - 58);
  EXPECT_EQ(c.x(), x0);
  EXPECT_EQ(c.y(), y0);
  c.follow(1000 + 70, 1000 - 60);
  EXPECT_EQ(c.x(), x0 + 6);
  EXPECT_EQ(c.y(), y0 - 2);
}

}  // namespace
}  // namespace oc::desktop::window
