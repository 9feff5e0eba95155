// The state region and one frame of it (game_state.h).
#include "desktop/game_state.h"

#include "memory/slab_allocator.h"
#include "snapshot/snapshot.h"

namespace oc::desktop {

Status make_game_state(GameState* out) noexcept {
  Status s = out->region.init(kStateRegionBytes);
  if (s != Status::Ok) return s;
  const Result<SlabAllocator> slab = SlabAllocator::create(out->region, kStateSlabBytes, SlabOptions{});
  if (!slab.ok()) return slab.status;
  SlabAllocator slab_view = slab.value;
  game::GameOptions options;
  options.entity_capacity = kEntityCapacity;
  const Result<Offset> world = game::create_world(out->region, slab_view, options);
  if (!world.ok()) return world.status;
  return game::Game::open(out->region, &out->game);
}

Status load_level(GameState& state, formats::ByteSpan image) noexcept { return state.game.load_level(image); }

Status restore_game_state(GameState& state, const u8* bytes, u32 len) noexcept {
  {
    Region scratch;
    Status s = scratch.init(state.region.size());
    if (s != Status::Ok) return s;
    s = restore(scratch, bytes, len);
    if (s != Status::Ok) return s;
    game::Game probe;
    s = game::Game::open(scratch, &probe);
    if (s != Status::Ok) return s;
  }
  // The same bytes passed every check above, so this restore succeeds unless its staging buffer cannot
  // be had (OutOfMemory), and then the live region is untouched too.
  const Status s = restore(state.region, bytes, len);
  if (s != Status::Ok) return s;
  return game::Game::open(state.region, &state.game);
}

Status save_game_state(const GameState& state, std::vector<u8>* out) {
  const u32 cap = snapshot_max_size(state.region);
  if (cap == 0) return Status::CorruptState;
  if (cap == 0xFFFFFFFFu) return Status::Oversized;
  out->resize(cap);
  const Result<u32> n = capture(state.region, out->data(), cap);
  if (!n.ok()) {
    out->clear();
    return n.status;
  }
  out->resize(n.value);
  return Status::Ok;
}

Status step_game(GameState& state, u32 input, u64* frame, u64* checksum) noexcept {
  const Status s = state.game.tick(input);
  if (s != Status::Ok) return s;
  // engine.endFrame() refuses to wrap the counter; so does this.
  const u64 now = state.region.frame();
  if (now == ~u64{0}) return Status::OutOfRange;
  state.region.set_frame(now + 1);
  *frame = now + 1;
  *checksum = region_checksum(state.region);
  return Status::Ok;
}

}  // namespace oc::desktop
