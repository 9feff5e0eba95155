// The layout table of region-resident types (see layout.h). The list below is THE place to register
// a type stored in a region: every allocator helper appends its own headers here (after the ones
// already listed, so existing lines keep their order).
#include "layout.h"

#include <cstddef>

#include "allocator_header.h"
#include "fixed_pool.h"
#include "frame_arena.h"
#include "game/entity.h"
#include "game/world.h"
#include "region.h"
#include "resources/asset_header.h"
#include "resources/cache_layout.h"
#include "slab_allocator.h"
#include "tlsf.h"
#include "tracking/tracker_layout.h"
#include "workload.h"

namespace oc {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "region bytes are little-endian on every target");

namespace {

struct LayoutEntry {
  const char* type;
  const char* field;  // nullptr for the "sizeof" line
  u32 offset;
  u32 size;
};

#define OC_FIELD(T, f) {#T, #f, static_cast<u32>(offsetof(T, f)), static_cast<u32>(sizeof(T::f))},
#define OC_SIZEOF(T) {#T, nullptr, 0, static_cast<u32>(sizeof(T))},

// ---- every type stored in a region: append new types at the end ----------------------------------
constexpr LayoutEntry kLayout[] = {
    OC_FIELD(RegionHeader, magic)
    OC_FIELD(RegionHeader, version)
    OC_FIELD(RegionHeader, header_size)
    OC_FIELD(RegionHeader, size)
    OC_FIELD(RegionHeader, carve_top)
    OC_FIELD(RegionHeader, first_allocator)
    OC_FIELD(RegionHeader, last_allocator)
    OC_FIELD(RegionHeader, allocator_count)
    OC_FIELD(RegionHeader, next_allocator_id)
    OC_FIELD(RegionHeader, flags)
    OC_FIELD(RegionHeader, frame_lo)
    OC_FIELD(RegionHeader, frame_hi)
    OC_FIELD(RegionHeader, root)
    OC_FIELD(RegionHeader, reserved)
    OC_SIZEOF(RegionHeader)

    OC_FIELD(AllocatorHeader, kind)
    OC_FIELD(AllocatorHeader, next)
    OC_FIELD(AllocatorHeader, id)
    OC_FIELD(AllocatorHeader, header_size)
    OC_SIZEOF(AllocatorHeader)

    OC_FIELD(FixedPoolHeader, common)
    OC_FIELD(FixedPoolHeader, slot_size)
    OC_FIELD(FixedPoolHeader, slot_align)
    OC_FIELD(FixedPoolHeader, capacity)
    OC_FIELD(FixedPoolHeader, index_bits)
    OC_FIELD(FixedPoolHeader, slots_offset)
    OC_FIELD(FixedPoolHeader, gens_offset)
    OC_FIELD(FixedPoolHeader, free_head)
    OC_FIELD(FixedPoolHeader, bump)
    OC_FIELD(FixedPoolHeader, live)
    OC_FIELD(FixedPoolHeader, peak)
    OC_FIELD(FixedPoolHeader, failures)
    OC_FIELD(FixedPoolHeader, links_offset)
    OC_FIELD(FixedPoolHeader, total_allocs)
    OC_FIELD(FixedPoolHeader, total_frees)
    OC_SIZEOF(FixedPoolHeader)

    OC_FIELD(FrameArenaHeader, common)
    OC_FIELD(FrameArenaHeader, begin)
    OC_FIELD(FrameArenaHeader, end)
    OC_FIELD(FrameArenaHeader, top)
    OC_FIELD(FrameArenaHeader, peak)
    OC_FIELD(FrameArenaHeader, failures)
    OC_FIELD(FrameArenaHeader, reserved0)
    OC_FIELD(FrameArenaHeader, total_allocs)
    OC_FIELD(FrameArenaHeader, resets)
    OC_SIZEOF(FrameArenaHeader)

    OC_FIELD(SlabHeader, common)
    OC_FIELD(SlabHeader, version)
    OC_FIELD(SlabHeader, page_size)
    OC_FIELD(SlabHeader, page_shift)
    OC_FIELD(SlabHeader, class_steps)
    OC_FIELD(SlabHeader, class_count)
    OC_FIELD(SlabHeader, span_begin)
    OC_FIELD(SlabHeader, span_end)
    OC_FIELD(SlabHeader, frame_count)
    OC_FIELD(SlabHeader, classes_offset)
    OC_FIELD(SlabHeader, class_map_offset)
    OC_FIELD(SlabHeader, tlsf_offset)
    OC_FIELD(SlabHeader, frames_offset)
    OC_FIELD(SlabHeader, metadata_bytes)
    OC_FIELD(SlabHeader, pages_in_use)
    OC_FIELD(SlabHeader, fallback_blocks)
    OC_FIELD(SlabHeader, fallback_bytes)
    OC_FIELD(SlabHeader, failures)
    OC_FIELD(SlabHeader, links_offset)
    OC_FIELD(SlabHeader, fallback_high_water)
    OC_FIELD(SlabHeader, reserved0)
    OC_FIELD(SlabHeader, total_allocs)
    OC_FIELD(SlabHeader, total_frees)
    OC_SIZEOF(SlabHeader)

    OC_FIELD(SlabClass, block_size)
    OC_FIELD(SlabClass, blocks_per_page)
    OC_FIELD(SlabClass, bitmap_at)
    OC_FIELD(SlabClass, page_bytes)
    OC_FIELD(SlabClass, recip)
    OC_FIELD(SlabClass, current)
    OC_FIELD(SlabClass, partial)
    OC_FIELD(SlabClass, pages)
    OC_FIELD(SlabClass, live_blocks)
    OC_FIELD(SlabClass, reserved0)
    OC_SIZEOF(SlabClass)

    OC_FIELD(SlabFrame, page)
    OC_FIELD(SlabFrame, bits0)
    OC_FIELD(SlabFrame, free_head)
    OC_FIELD(SlabFrame, bump)
    OC_FIELD(SlabFrame, live)
    OC_FIELD(SlabFrame, cls)
    OC_FIELD(SlabFrame, flags)
    OC_SIZEOF(SlabFrame)

    OC_FIELD(TlsfHeader, magic)
    OC_FIELD(TlsfHeader, begin)
    OC_FIELD(TlsfHeader, end)
    OC_FIELD(TlsfHeader, first)
    OC_FIELD(TlsfHeader, sentinel)
    OC_FIELD(TlsfHeader, map_offset)
    OC_FIELD(TlsfHeader, map_words)
    OC_FIELD(TlsfHeader, fl_bitmap)
    OC_FIELD(TlsfHeader, live_blocks)
    OC_FIELD(TlsfHeader, used_bytes)
    OC_FIELD(TlsfHeader, free_bytes)
    OC_FIELD(TlsfHeader, high_water)
    OC_FIELD(TlsfHeader, failures)
    OC_FIELD(TlsfHeader, free_blocks)
    OC_FIELD(TlsfHeader, total_allocs)
    OC_FIELD(TlsfHeader, total_frees)
    OC_FIELD(TlsfHeader, sl_bitmap)
    OC_FIELD(TlsfHeader, heads)
    OC_SIZEOF(TlsfHeader)

    OC_FIELD(SlabLink, next)
    OC_FIELD(SlabLink, prev)
    OC_SIZEOF(SlabLink)

    OC_FIELD(WorkloadBlock, offset)
    OC_FIELD(WorkloadBlock, size)
    OC_SIZEOF(WorkloadBlock)

    OC_FIELD(WorkloadState, magic)
    OC_FIELD(WorkloadState, version)
    OC_FIELD(WorkloadState, pool_tag)
    OC_FIELD(WorkloadState, slab_tag)
    OC_FIELD(WorkloadState, rng_state)
    OC_FIELD(WorkloadState, rng_inc)
    OC_FIELD(WorkloadState, pool_capacity)
    OC_FIELD(WorkloadState, pool_live)
    OC_FIELD(WorkloadState, handles_offset)
    OC_FIELD(WorkloadState, block_capacity)
    OC_FIELD(WorkloadState, block_live)
    OC_FIELD(WorkloadState, blocks_offset)
    OC_FIELD(WorkloadState, slab_failures)
    OC_FIELD(WorkloadState, reserved0)
    OC_FIELD(WorkloadState, steps)
    OC_FIELD(WorkloadState, ops)
    OC_SIZEOF(WorkloadState)
};
// ---- end of the list -------------------------------------------------------------------------------

// The tracker's tables (tracking/tracker_layout.h). They live in the debug region, which is never
// snapshotted, so they are printed (TypeScript reads their offsets from the table) but kept out of
// layout_id(): a change to the tracker must not make every saved snapshot unloadable.
constexpr LayoutEntry kTrackerLayout[] = {
    OC_FIELD(TrackTag, name_offset)
    OC_FIELD(TrackTag, name_length)
    OC_FIELD(TrackTag, live_count)
    OC_FIELD(TrackTag, live_bytes)
    OC_FIELD(TrackTag, peak_bytes)
    OC_FIELD(TrackTag, pools)
    OC_FIELD(TrackTag, allocs)
    OC_FIELD(TrackTag, frees)
    OC_FIELD(TrackTag, bytes_allocated)
    OC_SIZEOF(TrackTag)

    OC_FIELD(TrackFrame, frame)
    OC_FIELD(TrackFrame, allocs)
    OC_FIELD(TrackFrame, frees)
    OC_FIELD(TrackFrame, bytes_allocated)
    OC_FIELD(TrackFrame, bytes_freed)
    OC_FIELD(TrackFrame, live_count)
    OC_FIELD(TrackFrame, live_bytes)
    OC_FIELD(TrackFrame, region_live_bytes)
    OC_SIZEOF(TrackFrame)

    OC_FIELD(TrackRegion, size)
    OC_FIELD(TrackRegion, used)
    OC_FIELD(TrackRegion, live_bytes)
    OC_FIELD(TrackRegion, name_offset)
    OC_FIELD(TrackRegion, name_length)
    OC_FIELD(TrackRegion, epoch)
    OC_FIELD(TrackRegion, reserved)
    OC_SIZEOF(TrackRegion)

    OC_FIELD(TrackAllocator, kind)
    OC_FIELD(TrackAllocator, header_offset)
    OC_FIELD(TrackAllocator, tag)
    OC_FIELD(TrackAllocator, name_offset)
    OC_FIELD(TrackAllocator, name_length)
    OC_FIELD(TrackAllocator, tagmap_offset)
    OC_FIELD(TrackAllocator, last_allocs)
    OC_FIELD(TrackAllocator, last_frees)
    OC_SIZEOF(TrackAllocator)

    OC_FIELD(TrackSite, file_offset)
    OC_FIELD(TrackSite, file_length)
    OC_FIELD(TrackSite, line)
    OC_FIELD(TrackSite, reserved)
    OC_SIZEOF(TrackSite)

    OC_FIELD(TrackRecord, offset)
    OC_FIELD(TrackRecord, handle)
    OC_FIELD(TrackRecord, size)
    OC_FIELD(TrackRecord, site)
    OC_FIELD(TrackRecord, seq)
    OC_FIELD(TrackRecord, frame)
    OC_FIELD(TrackRecord, tag)
    OC_FIELD(TrackRecord, region)
    OC_FIELD(TrackRecord, allocator)
    OC_SIZEOF(TrackRecord)

    OC_FIELD(TrackIndexEntry, offset)
    OC_FIELD(TrackIndexEntry, ref)
    OC_SIZEOF(TrackIndexEntry)

    OC_FIELD(TrackMisuse, status)
    OC_FIELD(TrackMisuse, site)
    OC_FIELD(TrackMisuse, alloc_site)
    OC_FIELD(TrackMisuse, free_site)
    OC_FIELD(TrackMisuse, offset)
    OC_FIELD(TrackMisuse, handle)
    OC_FIELD(TrackMisuse, frame)
    OC_FIELD(TrackMisuse, region)
    OC_FIELD(TrackMisuse, allocator)
    OC_FIELD(TrackMisuse, tag)
    OC_SIZEOF(TrackMisuse)

    OC_FIELD(TrackMark, seq)
    OC_FIELD(TrackMark, frame)
    OC_FIELD(TrackMark, id)
    OC_FIELD(TrackMark, epoch)
    OC_SIZEOF(TrackMark)

    OC_FIELD(TrackerHeader, magic)
    OC_FIELD(TrackerHeader, version)
    OC_FIELD(TrackerHeader, header_size)
    OC_FIELD(TrackerHeader, mode)
    OC_FIELD(TrackerHeader, compiled_mode)
    OC_FIELD(TrackerHeader, tag_capacity)
    OC_FIELD(TrackerHeader, tag_count)
    OC_FIELD(TrackerHeader, tags_offset)
    OC_FIELD(TrackerHeader, frame_capacity)
    OC_FIELD(TrackerHeader, frame_count)
    OC_FIELD(TrackerHeader, frame_head)
    OC_FIELD(TrackerHeader, frames_offset)
    OC_FIELD(TrackerHeader, regions_offset)
    OC_FIELD(TrackerHeader, allocators_offset)
    OC_FIELD(TrackerHeader, site_capacity)
    OC_FIELD(TrackerHeader, site_count)
    OC_FIELD(TrackerHeader, sites_offset)
    OC_FIELD(TrackerHeader, string_capacity)
    OC_FIELD(TrackerHeader, string_used)
    OC_FIELD(TrackerHeader, strings_offset)
    OC_FIELD(TrackerHeader, record_capacity)
    OC_FIELD(TrackerHeader, records_used)
    OC_FIELD(TrackerHeader, records_offset)
    OC_FIELD(TrackerHeader, index_capacity)
    OC_FIELD(TrackerHeader, index_offset)
    OC_FIELD(TrackerHeader, graveyard_capacity)
    OC_FIELD(TrackerHeader, record_slots)
    OC_FIELD(TrackerHeader, record_free_tail)
    OC_FIELD(TrackerHeader, free_ring_offset)
    OC_FIELD(TrackerHeader, misuse_capacity)
    OC_FIELD(TrackerHeader, misuse_head)
    OC_FIELD(TrackerHeader, misuse_offset)
    OC_FIELD(TrackerHeader, mark_next)
    OC_FIELD(TrackerHeader, marks_offset)
    OC_FIELD(TrackerHeader, context_tag)
    OC_FIELD(TrackerHeader, context_site)
    OC_FIELD(TrackerHeader, reserved1)
    OC_FIELD(TrackerHeader, seq)
    OC_FIELD(TrackerHeader, frame)
    OC_FIELD(TrackerHeader, overflow)
    OC_FIELD(TrackerHeader, unrecorded_frees)
    OC_FIELD(TrackerHeader, misuse_total)
    OC_FIELD(TrackerHeader, allocs)
    OC_FIELD(TrackerHeader, frees)
    OC_FIELD(TrackerHeader, bytes_allocated)
    OC_FIELD(TrackerHeader, bytes_freed)
    OC_FIELD(TrackerHeader, current)
    OC_SIZEOF(TrackerHeader)
};

// The resource cache's records and the streamer's AssetHeader (resources/cache_layout.h,
// resources/asset_header.h). They live in the assets region, which is never snapshotted: printed for
// the TypeScript views, kept out of layout_id() like the tracker's tables.
constexpr LayoutEntry kCacheLayout[] = {
    OC_FIELD(CacheList, head)
    OC_FIELD(CacheList, tail)
    OC_FIELD(CacheList, count)
    OC_FIELD(CacheList, bytes)
    OC_SIZEOF(CacheList)
    OC_FIELD(CacheEntry, id)
    OC_FIELD(CacheEntry, handle)
    OC_FIELD(CacheEntry, data)
    OC_FIELD(CacheEntry, size)
    OC_FIELD(CacheEntry, gpu_bytes)
    OC_FIELD(CacheEntry, pins)
    OC_FIELD(CacheEntry, ram_prev)
    OC_FIELD(CacheEntry, ram_next)
    OC_FIELD(CacheEntry, gpu_prev)
    OC_FIELD(CacheEntry, gpu_next)
    OC_FIELD(CacheEntry, reserved)
    OC_SIZEOF(CacheEntry)
    OC_FIELD(CacheIndexSlot, id)
    OC_FIELD(CacheIndexSlot, entry)
    OC_FIELD(CacheIndexSlot, reserved)
    OC_SIZEOF(CacheIndexSlot)
    OC_FIELD(CacheHeader, magic)
    OC_FIELD(CacheHeader, version)
    OC_FIELD(CacheHeader, pool_offset)
    OC_FIELD(CacheHeader, slab_offset)
    OC_FIELD(CacheHeader, index_offset)
    OC_FIELD(CacheHeader, index_slots)
    OC_FIELD(CacheHeader, max_entries)
    OC_FIELD(CacheHeader, ram_budget)
    OC_FIELD(CacheHeader, vram_budget)
    OC_FIELD(CacheHeader, ram_bytes)
    OC_FIELD(CacheHeader, vram_bytes)
    OC_FIELD(CacheHeader, ram_peak)
    OC_FIELD(CacheHeader, vram_peak)
    OC_FIELD(CacheHeader, entries)
    OC_FIELD(CacheHeader, pinned)
    OC_FIELD(CacheHeader, reserved0)
    OC_FIELD(CacheHeader, ram_lru)
    OC_FIELD(CacheHeader, gpu_lru)
    OC_FIELD(CacheHeader, hits)
    OC_FIELD(CacheHeader, misses)
    OC_FIELD(CacheHeader, inserts)
    OC_FIELD(CacheHeader, evictions)
    OC_FIELD(CacheHeader, removals)
    OC_FIELD(CacheHeader, evicted_bytes)
    OC_FIELD(CacheHeader, evicted_gpu_bytes)
    OC_FIELD(CacheHeader, budget_failures)
    OC_SIZEOF(CacheHeader)
    OC_FIELD(AssetHeader, kind)
    OC_FIELD(AssetHeader, payload_bytes)
    OC_FIELD(AssetHeader, width)
    OC_FIELD(AssetHeader, height)
    OC_FIELD(AssetHeader, offset_x)
    OC_FIELD(AssetHeader, offset_y)
    OC_SIZEOF(AssetHeader)
};

// The game's types (game/world.h, game/entity.h): they live in the state region and so in snapshots,
// but they carry their own version (World.magic/version, checked by Game::open), so they are printed
// for the TypeScript views and the two builds' comparison and kept out of layout_id(): a change to the
// game must not make every saved snapshot of the memory layer unloadable.
using game::Entity;
using game::TileAttr;
using game::World;
constexpr LayoutEntry kGameLayout[] = {
    OC_FIELD(World, magic)
    OC_FIELD(World, version)
    OC_FIELD(World, entity_pool)
    OC_FIELD(World, slab)
    OC_FIELD(World, entities_offset)
    OC_FIELD(World, entity_stride)
    OC_FIELD(World, entity_capacity)
    OC_FIELD(World, entity_high)
    OC_FIELD(World, status)
    OC_FIELD(World, status_frames)
    OC_FIELD(World, tick)
    OC_FIELD(World, rng)
    OC_FIELD(World, input)
    OC_FIELD(World, events)
    OC_FIELD(World, player)
    OC_FIELD(World, score)
    OC_FIELD(World, health)
    OC_FIELD(World, lives)
    OC_FIELD(World, checkpoint_x)
    OC_FIELD(World, checkpoint_y)
    OC_FIELD(World, start_x)
    OC_FIELD(World, start_y)
    OC_FIELD(World, tiles_offset)
    OC_FIELD(World, tiles_x)
    OC_FIELD(World, tiles_y)
    OC_FIELD(World, tile_w)
    OC_FIELD(World, tile_h)
    OC_FIELD(World, attrs_offset)
    OC_FIELD(World, attrs_count)
    OC_FIELD(World, spawned)
    OC_FIELD(World, ignored)
    OC_FIELD(World, treasure_total)
    OC_FIELD(World, treasure_taken)
    OC_FIELD(World, crates_total)
    OC_FIELD(World, crates_broken)
    OC_FIELD(World, enemies_total)
    OC_FIELD(World, enemies_defeated)
    OC_FIELD(World, damage_taken)
    OC_FIELD(World, level_hash_lo)
    OC_FIELD(World, level_hash_hi)
    OC_FIELD(World, invulnerable)
    OC_FIELD(World, reserved)
    OC_SIZEOF(World)
    OC_FIELD(Entity, kind)
    OC_FIELD(Entity, flags)
    OC_FIELD(Entity, self)
    OC_FIELD(Entity, x)
    OC_FIELD(Entity, y)
    OC_FIELD(Entity, vx)
    OC_FIELD(Entity, vy)
    OC_FIELD(Entity, half_w)
    OC_FIELD(Entity, half_h)
    OC_FIELD(Entity, state)
    OC_FIELD(Entity, state_frames)
    OC_FIELD(Entity, hp)
    OC_FIELD(Entity, variant)
    OC_FIELD(Entity, value)
    OC_FIELD(Entity, min_x)
    OC_FIELD(Entity, max_x)
    OC_FIELD(Entity, link)
    OC_FIELD(Entity, timer)
    OC_FIELD(Entity, source)
    OC_FIELD(Entity, spawn_id)
    OC_FIELD(Entity, reserved)
    OC_SIZEOF(Entity)
    OC_FIELD(TileAttr, type)
    OC_FIELD(TileAttr, inside)
    OC_FIELD(TileAttr, outside)
    OC_FIELD(TileAttr, left)
    OC_FIELD(TileAttr, top)
    OC_FIELD(TileAttr, right)
    OC_FIELD(TileAttr, bottom)
    OC_SIZEOF(TileAttr)
};

#undef OC_FIELD
#undef OC_SIZEOF

// Generous: ~40 bytes a line; grow it if a static_assert below ever fires.
constexpr u32 kTableCapacity =
    64 * (sizeof(kLayout) / sizeof(kLayout[0]) + sizeof(kTrackerLayout) / sizeof(kTrackerLayout[0]) +
          sizeof(kCacheLayout) / sizeof(kCacheLayout[0]) + sizeof(kGameLayout) / sizeof(kGameLayout[0])) +
    1;

class TableText {
 public:
  TableText() noexcept {
    for (const LayoutEntry& e : kLayout) line(e);
    snapshot_len_ = len_;
    for (const LayoutEntry& e : kTrackerLayout) line(e);
    for (const LayoutEntry& e : kCacheLayout) line(e);
    for (const LayoutEntry& e : kGameLayout) line(e);
    text_[len_] = '\0';
  }
  const char* text() const noexcept { return text_; }
  u32 len() const noexcept { return len_; }
  u32 snapshot_len() const noexcept { return snapshot_len_; }

 private:
  void line(const LayoutEntry& e) noexcept {
    put(e.type);
    if (e.field != nullptr) {
      put(".");
      put(e.field);
      put(" ");
      put_u32(e.offset);
      put(" ");
      put_u32(e.size);
    } else {
      put(" sizeof ");
      put_u32(e.size);
    }
    put("\n");
  }
  void put(const char* s) noexcept {
    // Truncation cannot happen with the names above; the guard keeps a typo from overrunning.
    while (*s != '\0' && len_ + 1 < kTableCapacity) text_[len_++] = *s++;
  }
  void put_u32(u32 v) noexcept {
    char digits[10];
    u32 n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0 && len_ + 1 < kTableCapacity) text_[len_++] = digits[--n];
  }

  char text_[kTableCapacity] = {};
  u32 len_ = 0;
  u32 snapshot_len_ = 0;  // the lines of kLayout: what layout_id() hashes
};

const TableText& table() noexcept {
  static const TableText t;
  return t;
}

}  // namespace

const char* layout_table(u32* len) noexcept {
  if (len != nullptr) *len = table().len();
  return table().text();
}

u64 layout_id() noexcept { return fnv1a64(table().text(), table().snapshot_len()); }

}  // namespace oc
