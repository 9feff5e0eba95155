// The World's creation, the view's validation (open) and the tick loop (see game.h).
#include "game/game.h"

#include <cstring>

#include "game/rng.h"
#include "game/sim.h"
#include "game/tuning.h"

namespace oc::game {

namespace {

constexpr u32 kWorldAlign = 16;
constexpr u32 kEntityAlign = 16;

// True when [a0, a1) and [b0, b1) share bytes (64-bit: untrusted sums).
bool ranges_meet(u64 a0, u64 a1, u64 b0, u64 b1) noexcept { return a0 < b1 && b0 < a1; }

// The level fields of a World that says a level is loaded, against the slab's live blocks.
Status check_level_blocks(const World& w, const SlabAllocator& slab) noexcept {
  if (w.tile_w < kMinTileSize || w.tile_h < kMinTileSize || w.tile_w > kMaxTileSize || w.tile_h > kMaxTileSize ||
      w.tiles_x == 0 || w.tiles_y == 0 || w.tiles_x > kMaxTilesPerSide || w.tiles_y > kMaxTilesPerSide ||
      u64{w.tiles_x} * w.tile_w > u64{kMaxCoordinate} || u64{w.tiles_y} * w.tile_h > u64{kMaxCoordinate}) {
    return Status::CorruptState;
  }
  const Result<u32> tiles = slab.usable_size(w.tiles_offset);
  if (!tiles.ok() || tiles.value < 4ull * w.tiles_x * w.tiles_y || w.tiles_offset % 4 != 0) return Status::CorruptState;
  if (w.attrs_count != 0) {
    const Result<u32> attrs = slab.usable_size(w.attrs_offset);
    if (!attrs.ok() || attrs.value < u64{sizeof(TileAttr)} * w.attrs_count || w.attrs_offset % 4 != 0) {
      return Status::CorruptState;
    }
  } else if (w.attrs_offset != 0) {
    return Status::CorruptState;
  }
  return Status::Ok;
}

}  // namespace

Result<Offset> create_world(Region& region, SlabAllocator& slab, const GameOptions& options) noexcept {
  if (!region.valid() || region.root() != 0 || !slab.valid() || options.entity_capacity == 0) {
    return Result<Offset>::fail(Status::InvalidArgument);
  }
  // The slab must be this region's: its header is the one the region lists under its id.
  const AllocatorHeader* listed = region.find_allocator(slab.id());
  if (listed == nullptr || listed != &slab.header().common) return Result<Offset>::fail(Status::InvalidArgument);
  const Result<Offset> at = region.carve(sizeof(World), kWorldAlign);
  if (!at.ok()) return at;
  const Result<FixedPool> pool = FixedPool::create(region, sizeof(Entity), kEntityAlign, options.entity_capacity);
  if (!pool.ok()) return Result<Offset>::fail(pool.status);
  auto* w = region.at<World>(at.value);
  w->magic = kWorldMagic;
  w->version = kWorldVersion;
  w->entity_pool = pool.value.id();
  w->slab = slab.id();
  w->entities_offset = pool.value.header().slots_offset;
  w->entity_stride = sizeof(Entity);
  w->entity_capacity = pool.value.header().capacity;
  w->rng = rng_seed(0);
  const Status s = region.set_root(at.value);
  if (s != Status::Ok) return Result<Offset>::fail(s);
  return Result<Offset>{at.value, Status::Ok};
}

Status Game::open(Region& region, Game* out) noexcept {
  if (out == nullptr || !region.valid()) return Status::InvalidArgument;
  *out = Game();
  if (region.check() != Status::Ok) return Status::CorruptState;
  const Offset root = region.root();
  if (root == 0 || root % kWorldAlign != 0 || !region.contains(root, sizeof(World)) ||
      u64{root} + sizeof(World) > region.used()) {
    return Status::CorruptState;
  }
  auto* w = region.at<World>(root);
  if (w->magic != kWorldMagic || w->version != kWorldVersion || w->entity_stride != sizeof(Entity) ||
      w->status > kWorldGameOver || w->entity_high > w->entity_capacity || w->rng == 0) {
    return Status::CorruptState;
  }
  const AllocatorHeader* ph = region.find_allocator(w->entity_pool);
  const AllocatorHeader* sh = region.find_allocator(w->slab);
  if (ph == nullptr || sh == nullptr || ph->kind != kKindPool || sh->kind != kKindSlab) return Status::CorruptState;
  const Result<FixedPool> pool = FixedPool::attach(region, region.offset_of(ph));
  const Result<SlabAllocator> slab = SlabAllocator::attach(region, region.offset_of(sh));
  if (!pool.ok() || !slab.ok()) return Status::CorruptState;
  const FixedPoolHeader& p = pool.value.header();
  if (p.slot_size != sizeof(Entity) || p.capacity != w->entity_capacity || p.slots_offset != w->entities_offset) {
    return Status::CorruptState;
  }
  // The World must lie outside the allocators' storage, or writing it would write their bytes.
  const u64 world_end = u64{root} + sizeof(World);
  if (ranges_meet(root, world_end, p.slots_offset, u64{p.slots_offset} + u64{p.slot_size} * p.capacity) ||
      ranges_meet(root, world_end, slab.value.header().span_begin, slab.value.header().span_end)) {
    return Status::CorruptState;
  }
  if (w->status != kWorldEmpty) {
    if (check_level_blocks(*w, slab.value) != Status::Ok) return Status::CorruptState;
  } else if (w->player != kNullHandle || w->tiles_offset != 0 || w->attrs_offset != 0) {
    return Status::CorruptState;
  }
  out->region_ = &region;
  out->world_ = w;
  out->entities_ = region.at<Entity>(w->entities_offset);
  out->gens_ = region.at<const u32>(p.gens_offset);
  out->pool_ = pool.value;
  out->slab_ = slab.value;
  // A loaded world's player must be a live player slot, and every value tick() does arithmetic on
  // must be in range: tick() relies on both.
  if (w->status != kWorldEmpty) {
    const Entity* player = out->resolve(w->player);
    if (player == nullptr || player->kind != kKindPlayer ||
        check_bounds(*w, out->entities_, out->gens_) != Status::Ok) {
      *out = Game();
      return Status::CorruptState;
    }
  }
  return Status::Ok;
}

Entity* Game::resolve(Handle h) const noexcept {
  Offset off = 0;
  if (h == kNullHandle || pool_.resolve(h, &off) != Status::Ok) return nullptr;
  return region_->at<Entity>(off);
}

void free_entity(Sim& sim, Entity& e) noexcept {
  const Handle h = e.self;
  std::memset(&e, 0, sizeof(Entity));
  // The handle came from the slot itself and the slot was live: a failure here cannot happen short
  // of corrupted bytes, which check() reports.
  (void)sim.pool.free(h, Site::none());
}

Status Game::tick(u32 input_bits) noexcept {
  if (!valid()) return Status::InvalidArgument;
  World& w = *world_;
  if (w.status == kWorldEmpty) return Status::InvalidArgument;
  const u32 held = input_bits & kInputMask;
  Sim sim{region_, world_, entities_, gens_, pool_, tile_grid(*region_, w), held, held & ~w.input, resolve(w.player)};
  w.events = 0;
  w.tick++;
  if (w.status_frames != 0xFFFFFFFFu) w.status_frames++;
  if (w.status == kWorldPlaying || w.status == kWorldRespawning) {
    if (w.invulnerable > 0) w.invulnerable--;
    if (w.status == kWorldRespawning && w.status_frames >= tuning::kRespawnFrames) respawn_player(sim);
    // Slot order, whatever the kinds: the one order both builds and every replay share.
    const u32 high = w.entity_high;
    for (u32 i = 0; i < high && (w.status == kWorldPlaying || w.status == kWorldRespawning); ++i) {
      if (!sim.live(i)) continue;
      Entity& e = entities_[i];
      if (e.state_frames != 0xFFFF) e.state_frames++;
      switch (e.kind) {
        case kKindPlayer: update_player(sim, e); break;
        case kKindCrab:
        case kKindRatGuard: update_enemy(sim, e); break;
        case kKindCrate: update_crate(sim, e); break;
        case kKindTreasure: update_treasure(sim, e); break;
        case kKindCheckpoint:
        case kKindLevelEnd: update_marker(sim, e); break;
        default: break;
      }
    }
  }
  w.input = held;
  return Status::Ok;
}

}  // namespace oc::game
