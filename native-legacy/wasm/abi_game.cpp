// Game entry points (abi.h). A region holds at most one game (its root), so the region id names it.
// Nothing is cached between calls: each one opens the Game from the region's root, so a restore or a
// rewind in between needs no re-attachment.
#include <string.h>

#include "game/game.h"
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

namespace {

// The game at the region's root, or a status (InvalidArgument for an unknown region id).
Status open_game(uint32_t region, game::Game* out) noexcept {
  Region* r = region_of(region);
  if (r == nullptr) return Status::InvalidArgument;
  return game::Game::open(*r, out);
}

}  // namespace

extern "C" {

uint32_t oc_game_create(uint32_t region, uint32_t slab, uint32_t entity_capacity) {
  Region* r = region_of(region);
  if (r == nullptr || !is_kind(slab, Kind::Slab) || g_slots[slab].region != region) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  game::GameOptions options;
  if (entity_capacity != 0) options.entity_capacity = entity_capacity;
  const Result<Offset> w = game::create_world(*r, g_slabs[slab], options);
  set_status(w.status);
  return w.ok() ? w.value : 0;
}

uint32_t oc_game_world(uint32_t region) {
  game::Game g;
  const Status s = open_game(region, &g);
  set_status(s);
  return s == Status::Ok ? g.region().root() : 0;
}

uint32_t oc_game_entity_pool(uint32_t region) {
  game::Game g;
  const Status s = open_game(region, &g);
  if (s != Status::Ok) {
    set_status(s);
    return 0;
  }
  return oc_allocator_find(region, g.world().entity_pool);  // sets the status
}

int32_t oc_game_load_level(uint32_t region, uintptr_t image_ptr, uint32_t image_len) {
  game::Game g;
  const Status s = open_game(region, &g);
  if (s != Status::Ok) return set_status(s);
  if (image_ptr == 0 && image_len != 0) return set_status(Status::InvalidArgument);
  const formats::ByteSpan image(reinterpret_cast<const u8*>(image_ptr), image_len);
  return set_status(g.load_level(image));
}

int32_t oc_game_unload_level(uint32_t region) {
  game::Game g;
  const Status s = open_game(region, &g);
  if (s != Status::Ok) return set_status(s);
  return set_status(g.unload_level());
}

int32_t oc_game_tick(uint32_t region, uint32_t input_bits) {
  game::Game g;
  const Status s = open_game(region, &g);
  if (s != Status::Ok) return set_status(s);
  return set_status(g.tick(input_bits));
}

int32_t oc_game_tick_many(uint32_t region, uintptr_t inputs_ptr, uint32_t count) {
  game::Game g;
  const Status s = open_game(region, &g);
  if (s != Status::Ok) return set_status(s);
  if (inputs_ptr == 0 && count != 0) return set_status(Status::InvalidArgument);
  for (u32 i = 0; i < count; ++i) {
    u32 input = 0;
    // memcpy: natively the caller's array need not be 4-byte aligned.
    memcpy(&input, reinterpret_cast<const u8*>(inputs_ptr) + 4ull * i, sizeof input);
    const Status t = g.tick(input);
    if (t != Status::Ok) return set_status(t);
  }
  return set_status(Status::Ok);
}

int32_t oc_game_check(uint32_t region) {
  game::Game g;
  const Status s = open_game(region, &g);
  if (s != Status::Ok) return set_status(s);
  return set_status(g.check());
}

}  // extern "C"
