// --stats of openclaw-desktop: a full-mode allocation tracker on the state region, as the web page has
// one (engine.tracker), so that a native run can be asked the same questions: what each tag holds, the
// alloc rate, misuse, and whether the level's blocks all came back when it was unloaded.
//
// The tracker lives in a debug region of its own and keeps its tables there: the state region's bytes
// are the same with and without it (the per-frame checksums equal the untracked run's and the wasm
// build's). Tags and sites follow engine/game/game.ts: the level's slab blocks carry tag 'level' and
// site 'game.loadLevel', the entity pool is 'entities', unload frees carry 'game.unloadLevel'.
//
// Lifetime: declare a RunTracking after the GameState it watches, so that it goes first (deleting the
// tracker detaches it from the state region, which must still exist then).
#pragma once

#include <string>

#include "desktop/game_state.h"
#include "memory/region.h"
#include "memory/types.h"
#include "resources/formats/span.h"

namespace oc {
class Tracker;
}  // namespace oc

namespace oc::desktop {

class RunTracking {
 public:
  RunTracking() = default;
  ~RunTracking();
  RunTracking(const RunTracking&) = delete;
  RunTracking& operator=(const RunTracking&) = delete;

  // A full-mode tracker in a new debug region, attached to state.region (blocks already live are
  // registered with their allocators' default tags), with the game's allocators named. Attach before
  // load_level so that the level's blocks are seen with their tag and site; after a snapshot restore
  // is fine too (the restored blocks are then registered as they are). Once only (InvalidArgument).
  Status attach(GameState& state) noexcept;
  bool attached() const noexcept { return tracker_ != nullptr; }

  // load_level (game_state.h) under tag 'level' and site 'game.loadLevel'.
  Status load_level(GameState& state, formats::ByteSpan image) noexcept;
  // The start of play: the exit report's leak list counts what is allocated after this and still alive.
  void mark() noexcept;
  // After each step (the tracker's frame ring and alloc rate).
  void frame_end() noexcept;

  // Unloads the level (site 'game.unloadLevel') and writes the report, one line of JSON in claw-stats
  // format (docs/claw-stats.md) without the newline, with the leaks since mark(). *leak_groups is
  // the number of (tag, site) groups still alive: 0 when everything allocated in play was freed.
  // NotTracking before attach(); the unload's status when it fails; UnknownMark if the mark expired.
  Status finish(GameState& state, std::string* report, u32* leak_groups) noexcept;

 private:
  Region debug_;
  Tracker* tracker_ = nullptr;
  u32 mark_ = 0;
};

}  // namespace oc::desktop
