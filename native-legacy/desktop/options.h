// The command line of openclaw-desktop (usage in options.cpp, kUsage): the headless mode (--headless)
// and the window mode (without it, window/window_run.h).
#pragma once

#include <string>

#include "memory/types.h"

namespace oc::desktop {

constexpr const char* kDefaultRez = "build/assets/demo.rez";

struct DesktopOptions {
  bool headless = false;
  bool help = false;
  u32 frames = 0;
  bool frames_given = false;
  std::string input;      // .clawinput; empty: every frame's input is 0
  std::string rez = kDefaultRez;
  u32 level = 1;
  std::string load;       // .clawsnap to start from (then the REZ is not read: the snapshot holds the level)
  std::string save;       // .clawsnap to write
  u64 save_at = 0;        // with save_at_given: save when the frame counter reaches it (else at the end)
  bool save_at_given = false;
  std::string checksums;  // one "<frame> <16 hex>" line per step
  bool stats = false;     // both modes: the claw-stats report on stdout at exit
  // The window mode only.
  std::string record;      // .clawinput: the input bits of every step played, written at exit
  u32 scale = 2;           // window pixels per logical pixel (the view is 640x480), 1 .. kMaxScale
  std::string screenshot;  // .bmp: after --frames N steps, save the window's pixels and exit
};

constexpr u32 kMaxScale = 8;

// The usage text, for --help and for errors.
const char* usage_text() noexcept;

// Parses argv[1..argc). On failure returns false with a one-line reason in *error (options are then
// unspecified). Checks: known flags, a value after each flag that takes one, decimal numbers in range
// (--frames and --level u32, --level >= 1, --save-at u64, --scale 1..kMaxScale), --save-at only with
// --save, no flag twice. Headless (unless --help): --frames is required, --scale and --screenshot are
// refused. Window mode: --frames is optional (the window closes after N steps), --screenshot needs it,
// --save, --save-at, --checksums and --stats are refused (they are the headless mode's).
bool parse_options(int argc, const char* const* argv, DesktopOptions* out, std::string* error);

}  // namespace oc::desktop
