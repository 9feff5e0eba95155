// The pictures a level's entities use, resolved against its archive as web/game/level-art.ts:
// the demo's clips with their ANIs read and their frames' PID paths, and per entity kind a fallback
// picture (frame 1 of the image set of the level's first object of that kind, or of the player's set),
// so a player's CLAW.REZ without the demo's ANIs still shows its own sprites.
#pragma once

#include <string>
#include <vector>

#include "desktop/window/clips.h"
#include "desktop/window/level_layout.h"
#include "desktop/window/archive.h"

namespace oc::desktop::window {

struct ClipArt {
  ClipMode mode = ClipMode::First;
  std::vector<u16> table;          // tick -> frame
  std::vector<std::string> paths;  // a PID per frame; empty: no clip for this slot
};

struct LevelArt {
  std::vector<ClipArt> clips;  // by clip slot (kClipSlots)
  std::string fallbacks[8];    // by kind, "" for none
  std::vector<std::string> missing_anis;
};

LevelArt level_art(const LevelLayout& level, RezArchiveFile& archive);

}  // namespace oc::desktop::window
