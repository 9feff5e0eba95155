// Level load and unload: a WWD image becomes slab blocks (the main plane's tiles, the tile
// attributes) and pool slots (the player and the objects the game knows). All or nothing: every
// count is known before the first allocation, and a failure part way releases what was made.
#include <cstddef>
#include <cstring>

#include "game/game.h"
#include "game/logic_kinds.h"
#include "game/rng.h"
#include "game/sim.h"
#include "game/tuning.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"
#include "resources/formats/wwd_tiles.h"

namespace oc::game {

namespace {

using formats::ByteSpan;
using formats::WwdHeader;
using formats::WwdObject;
using formats::WwdObjectCursor;
using formats::WwdPlane;

const char* text_of(ByteSpan image, formats::TextRef t) noexcept {
  return reinterpret_cast<const char*>(image.data()) + t.offset;
}

// The main plane: flag 1, else the plane named "Action", else plane 1 of three, else plane 0.
Status main_plane(ByteSpan image, const WwdHeader& h, WwdPlane* out) noexcept {
  if (h.num_planes == 0) return Status::Malformed;
  u32 named = h.num_planes;
  for (u32 i = 0; i < h.num_planes; ++i) {
    WwdPlane p{};
    const Status s = formats::wwd_plane(image, h, i, &p);
    if (s != Status::Ok) return s;
    if (p.flags & formats::kWwdPlaneMain) {
      *out = p;
      return Status::Ok;
    }
    if (named == h.num_planes && name_equals(text_of(image, p.name), p.name.length, "ACTION")) named = i;
  }
  const u32 index = named != h.num_planes ? named : (h.num_planes == 3 ? 1 : 0);
  return formats::wwd_plane(image, h, index, out);
}

struct LevelCounts {
  u32 spawned = 0, ignored = 0, drops = 0;
};

// The first pass: every object read (so a truncated one fails before anything is allocated), counted.
Status count_objects(ByteSpan image, const WwdPlane& plane, LevelCounts* c) noexcept {
  WwdObjectCursor cursor(image, plane);
  WwdObject o{};
  while (cursor.remaining() > 0) {
    const Status s = cursor.next(&o);
    if (s != Status::Ok) return s;
    const EntityKind kind = kind_of_logic(text_of(image, o.logic), o.logic.length);
    if (kind == kKindNone) {
      c->ignored++;
      continue;
    }
    if (o.x < -kMaxCoordinate || o.x > kMaxCoordinate || o.y < -kMaxCoordinate || o.y > kMaxCoordinate) {
      return Status::OutOfRange;
    }
    c->spawned++;
    if (kind == kKindCrate && crate_drop_of(o.powerup) != kTreasureNone) c->drops++;
  }
  return Status::Ok;
}

void init_entity(Entity& e, Handle h, EntityKind kind, i32 x_px, i32 y_px, u16 half_w, u16 half_h) noexcept {
  e.kind = kind;
  e.self = h;
  e.x = x_px * kSubpixel;
  e.y = y_px * kSubpixel;
  e.half_w = half_w;
  e.half_h = half_h;
  e.source = kSourceRuntime;
}

// A type-2 rect bound, inclusive px inside a tile of `size` px: anything past the tile means the same
// as its edge, and clamping keeps `bound + 1` (tiles.cpp) inside i32.
i32 clamp_rect_bound(i32 v, u32 size) noexcept {
  const i32 hi = static_cast<i32>(size);
  return v < -1 ? -1 : v > hi ? hi : v;
}

void treasure_size(TreasureVariant v, u16* half_w, u16* half_h) noexcept {
  *half_w = v == kTreasureChalice ? tuning::kChaliceHalfW : tuning::kCoinHalf;
  *half_h = v == kTreasureChalice ? tuning::kChaliceHalfH : tuning::kCoinHalf;
}

// Frees every live entity slot and the level's blocks, and zeroes the World's level fields. Works on
// a partly loaded level too (what load_level leaves behind when it fails part way).
void release_level(Region& region, World& w, FixedPool& pool, SlabAllocator& slab) noexcept {
  Entity* slots = region.at<Entity>(w.entities_offset);
  const u32* gens = region.at<const u32>(pool.header().gens_offset);
  // Every live slot is freed one by one (a tracker sees each free), then the free list is put back
  // in index order: slots freed during play sat on it in play order, and the next load must get
  // slots 0, 1, 2 ... (the player first in update order) whatever was played before.
  for (u32 i = w.entity_high; i-- > 0;) {
    if ((gens[i] & 1u) == 0) continue;  // free: never read (poisoned under ASan)
    Entity& e = slots[i];
    const Handle h = e.self;
    std::memset(&e, 0, sizeof(Entity));
    (void)pool.free(h, Site::none());
  }
  (void)pool.sort_free_list();
  if (w.tiles_offset != 0) (void)slab.free(w.tiles_offset, 0, Site::none());
  if (w.attrs_offset != 0) (void)slab.free(w.attrs_offset, 0, Site::none());
  // Everything after the allocator fields goes back to zero; the RNG keeps a valid state.
  const u32 keep = offsetof(World, entity_high);
  std::memset(reinterpret_cast<u8*>(&w) + keep, 0, sizeof(World) - keep);
  w.rng = rng_seed(0);
}

}  // namespace

Status Game::unload_level() noexcept {
  if (!valid()) return Status::InvalidArgument;
  release_level(*region_, *world_, pool_, slab_);
  return Status::Ok;
}

Status Game::load_level(ByteSpan image, const LevelOptions& options) noexcept {
  if (!valid()) return Status::InvalidArgument;
  if (world_->status != kWorldEmpty || options.lives < 1 || options.lives > tuning::kMaxLives) {
    return Status::InvalidArgument;
  }
  const Status s = spawn_level(image, options);
  if (s != Status::Ok) release_level(*region_, *world_, pool_, slab_);
  return s;
}

Status Game::spawn_level(ByteSpan image, const LevelOptions& options) noexcept {
  World& w = *world_;
  WwdHeader h{};
  Status s = formats::wwd_parse_image(image, &h);
  if (s != Status::Ok) return s;
  WwdPlane plane{};
  s = main_plane(image, h, &plane);
  if (s != Status::Ok) return s;
  if (plane.tiles_x == 0 || plane.tiles_y == 0 || plane.tiles_x > kMaxTilesPerSide ||
      plane.tiles_y > kMaxTilesPerSide || plane.tile_width < kMinTileSize || plane.tile_height < kMinTileSize ||
      plane.tile_width > kMaxTileSize || plane.tile_height > kMaxTileSize) {
    return Status::Malformed;
  }
  // Each factor is bounded above, so the products fit 64 bits easily.
  if (u64{plane.tiles_x} * plane.tile_width > u64{kMaxCoordinate} ||
      u64{plane.tiles_y} * plane.tile_height > u64{kMaxCoordinate}) {
    return Status::Oversized;
  }
  if (h.start_x < -kMaxCoordinate || h.start_x > kMaxCoordinate || h.start_y < -kMaxCoordinate ||
      h.start_y > kMaxCoordinate) {
    return Status::OutOfRange;
  }
  u32 attr_count = 0;
  s = formats::wwd_tile_descriptions_count(image, h, &attr_count);
  if (s != Status::Ok) return s;
  LevelCounts counts;
  s = count_objects(image, plane, &counts);
  if (s != Status::Ok) return s;
  const u64 needed = 1ull + counts.spawned + counts.drops;
  if (needed > u64{pool_.header().capacity} - pool_.header().live) return Status::Exhausted;

  // The tile grid, copied as is (i32 little-endian on both targets).
  const u32 cells = plane.tiles_x * plane.tiles_y;  // wwd_plane checked that the grid fits the image
  if (4ull * cells > 0xFFFFFFFFu) return Status::Oversized;
  w.tiles_offset = slab_.alloc(4 * cells, 16, &s, Site::none());
  if (w.tiles_offset == kNullOffset) return s;
  std::memcpy(region_->at<u8>(w.tiles_offset), image.data() + plane.tiles_offset, 4u * cells);
  w.tiles_x = plane.tiles_x;
  w.tiles_y = plane.tiles_y;
  w.tile_w = plane.tile_width;
  w.tile_h = plane.tile_height;

  // The tile descriptions: read into a scratch block, kept in the simulation's smaller form.
  if (attr_count != 0) {
    w.attrs_offset = slab_.alloc(attr_count * static_cast<u32>(sizeof(TileAttr)), 16, &s, Site::none());
    if (w.attrs_offset == kNullOffset) return s;
    w.attrs_count = attr_count;
    const u64 scratch_bytes = u64{attr_count} * sizeof(formats::WwdTileDescription);
    if (scratch_bytes > 0xFFFFFFFFu) return Status::Exhausted;
    const Offset scratch = slab_.alloc_raw(static_cast<u32>(scratch_bytes), 16, &s, Site::none());
    if (scratch == kNullOffset) return s;
    auto* desc = region_->at<formats::WwdTileDescription>(scratch);
    s = formats::wwd_read_tile_descriptions(image, h, desc, attr_count);
    if (s == Status::Ok) {
      auto* attrs = region_->at<TileAttr>(w.attrs_offset);
      for (u32 i = 0; i < attr_count; ++i) {
        attrs[i].type = desc[i].type;
        attrs[i].inside = desc[i].inside_attrib;
        attrs[i].outside = desc[i].type == formats::kWwdTileDouble ? desc[i].outside_attrib : 0;
        attrs[i].left = clamp_rect_bound(desc[i].rect.left, plane.tile_width);
        attrs[i].top = clamp_rect_bound(desc[i].rect.top, plane.tile_height);
        attrs[i].right = clamp_rect_bound(desc[i].rect.right, plane.tile_width);
        attrs[i].bottom = clamp_rect_bound(desc[i].rect.bottom, plane.tile_height);
        if (desc[i].type != formats::kWwdTileDouble) attrs[i].left = attrs[i].top = attrs[i].right = attrs[i].bottom = 0;
      }
    }
    (void)slab_.free(scratch, static_cast<u32>(scratch_bytes), Site::none());
    if (s != Status::Ok) return s;
  }

  // Entities: the player first (slot order is update order), then the objects in file order, each
  // crate's drop right after its crate. The pool has room for all of them (checked above).
  auto spawn = [&](EntityKind kind, i32 x, i32 y, u16 hw, u16 hh) -> Entity* {
    Status as = Status::Ok;
    const Handle handle = pool_.alloc(&as, Site::none());
    if (handle == kNullHandle) return nullptr;
    const u32 index = pool_.index_of(handle);
    if (index + 1 > w.entity_high) w.entity_high = index + 1;
    Entity& e = entities_[index];
    init_entity(e, handle, kind, x, y, hw, hh);
    return &e;
  };
  Entity* player = spawn(kKindPlayer, h.start_x, h.start_y, tuning::kPlayerHalfW, tuning::kPlayerHalfH);
  if (player == nullptr) return Status::Exhausted;
  w.player = player->self;

  WwdObjectCursor cursor(image, plane);
  WwdObject o{};
  for (u32 index = 0; cursor.remaining() > 0; ++index) {
    s = cursor.next(&o);
    if (s != Status::Ok) return s;
    const EntityKind kind = kind_of_logic(text_of(image, o.logic), o.logic.length);
    if (kind == kKindNone) continue;
    u16 hw = 0, hh = 0;
    TreasureVariant variant = kTreasureNone;
    switch (kind) {
      case kKindCrate: hw = tuning::kCrateHalfW; hh = tuning::kCrateHalfH; break;
      case kKindTreasure:
        variant = treasure_variant_of(text_of(image, o.image_set), o.image_set.length);
        treasure_size(variant, &hw, &hh);
        break;
      case kKindCrab: hw = tuning::kCrabHalfW; hh = tuning::kCrabHalfH; break;
      case kKindRatGuard: hw = tuning::kRatGuardHalfW; hh = tuning::kRatGuardHalfH; break;
      default: hw = tuning::kFlagHalfW; hh = tuning::kFlagHalfH; break;  // checkpoints, the level end
    }
    Entity* e = spawn(kind, o.x, o.y, hw, hh);
    if (e == nullptr) return Status::Exhausted;
    e->source = index < kSourceRuntime ? static_cast<u16>(index) : kSourceRuntime;
    e->spawn_id = o.id;
    switch (kind) {
      case kKindCrate: {
        e->hp = 1;
        w.crates_total++;
        const TreasureVariant drop = crate_drop_of(o.powerup);
        e->variant = drop;
        if (drop == kTreasureNone) break;
        u16 dw = 0, dh = 0;
        treasure_size(drop, &dw, &dh);
        // Resting where the crate stands: on its bottom edge.
        Entity* t = spawn(kKindTreasure, o.x, o.y + tuning::kCrateHalfH - dh, dw, dh);
        if (t == nullptr) return Status::Exhausted;
        t->flags = kFlagHidden;
        t->variant = drop;
        t->value = treasure_score(drop, 0);
        t->source = e->source;
        t->spawn_id = o.id;
        t->link = e->self;
        e->link = t->self;
        w.treasure_total++;
        break;
      }
      case kKindTreasure:
        e->variant = variant;
        e->value = treasure_score(variant, o.score);
        w.treasure_total++;
        break;
      case kKindCrab:
      case kKindRatGuard: {
        const bool crab = kind == kKindCrab;
        e->hp = static_cast<i16>(o.health > 0 && o.health < 0x7FFF ? o.health : (crab ? tuning::kCrabHp : tuning::kRatGuardHp));
        e->value = o.damage > 0 && o.damage <= tuning::kMaxHealth ? o.damage : (crab ? tuning::kCrabDamage : tuning::kRatGuardDamage);
        const bool ranged = o.min_x != 0 && o.max_x != 0 && o.min_x < o.max_x;
        e->min_x = ranged ? o.min_x : o.x - tuning::kPatrolHalfRange;
        e->max_x = ranged ? o.max_x : o.x + tuning::kPatrolHalfRange;
        e->flags = kFlagFacingLeft;
        e->state = kStateWalk;
        w.enemies_total++;
        break;
      }
      default: break;
    }
  }
  w.spawned = counts.spawned;
  w.ignored = counts.ignored;
  w.start_x = h.start_x;
  w.start_y = h.start_y;
  w.checkpoint_x = h.start_x;
  w.checkpoint_y = h.start_y;
  w.health = tuning::kMaxHealth;
  w.lives = options.lives;
  w.score = 0;
  const u64 hash = fnv1a64(image.data(), image.size());
  w.level_hash_lo = static_cast<u32>(hash);
  w.level_hash_hi = static_cast<u32>(hash >> 32);
  w.rng = rng_seed(w.level_hash_lo ^ w.level_hash_hi ^ (options.seed * 0x9E3779B9u));
  w.tick = 0;
  w.status = kWorldPlaying;
  w.status_frames = 0;
  return Status::Ok;
}

}  // namespace oc::game
