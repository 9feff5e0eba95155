// The window mode of openclaw-desktop: the level from the REZ in an SDL2 window (640x480 logical, scaled),
// played at a fixed 60 Hz with the same step_game() as the headless mode, so a session plays the same
// frames in the window, headless and in the browser. Keyboard and gamepad input (key_map.h), F5/F9
// quick save/load of the XDG quick slot (save_paths.h), Enter replays a finished level, Esc quits.
// --input plays a recording first (then the keyboard takes over); --frames N ends after N steps; with
// --screenshot those steps run unpaced, then one frame is drawn and saved as a BMP (for tests).
// --record writes the session's input bits (.clawinput, from the last load) at exit; --stats prints the
// tracker's claw-stats line at exit, as the headless mode does.
#pragma once

#include "desktop/headless_run.h"
#include "desktop/options.h"

namespace oc::desktop::window {

// Exit codes as run_headless: 0, 1 (SDL, a step or the screenshot failed), 2 (a refused file).
RunOutcome run_window(const DesktopOptions& options);

}  // namespace oc::desktop::window
