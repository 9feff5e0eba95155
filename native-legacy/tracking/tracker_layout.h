// The tracker's tables, as they lie in the `debug` region (DESIGN.md: debug holds the allocation
// tracker's records; it is never snapshotted). Fixed-width fields only, registered in
// memory/layout.cpp, so that TypeScript reads them through typed-array views at offsets taken from the
// layout table (engine/tracking reads TrackerHeader, TrackTag, TrackFrame by field name).
//
// One TrackerHeader, then the tables it points at, all carved from the debug region at create():
//   tags[tag_capacity]            TrackTag     per-tag counters (tag ids are 1-based: tags[id - 1])
//   frames[frame_capacity]        TrackFrame   ring of the last frames' counters
//   regions[kTrackMaxRegions]     TrackRegion  the attached regions
//   allocators[kTrackMaxRegions * 256]  TrackAllocator  per (attached region, allocator id in it)
//   sites[site_capacity]          TrackSite    interned sites (site ids are 1-based: sites[id - 1])
//   strings[string_capacity]      bytes        tag names, site files and labels, allocator names
//   records[record_slots]         TrackRecord  live allocations (full mode), and the freed ones kept
//                                              to name a misuse's original allocation and free:
//                                              record_slots = record_capacity + graveyard_capacity
//   index[index_capacity]         TrackIndexEntry  open-addressing map (region, offset) -> record
//   free ring[record_slots]       u32          indices of the records not live, oldest free first
//   misuse[misuse_capacity]       TrackMisuse  ring of misuse reports
//   marks[kTrackMarks]            TrackMark    ring of marks
//   tag maps                      u8 per 16-byte granule of each attached slab's span: the tag of a
//                                 live block starting there when it differs from the slab's default
//                                 (0 = the default). They give a freed slab block's tag in counters
//                                 mode, and the heat map. Carved when a slab is first seen. Pools
//                                 have none: a pool's blocks always carry the pool's tag.
// Offsets in the header are offsets in the debug region.
#pragma once

#include "memory/types.h"

namespace oc {

constexpr u32 kTrackerMagic = 0x4B54434Fu;  // "OCTK"
constexpr u16 kTrackerVersion = 2;        // 2: freed records stay in the table (no graveyard)
constexpr u32 kTrackMaxRegions = 4;         // attached regions (the engine uses state and frame)
constexpr u32 kTrackMaxTags = 254;          // tag ids 1..254 fit the u8 tag maps (0 = none)
constexpr u32 kTrackMarks = 64;             // marks older than the last 64 expire
constexpr u32 kTrackGranule = 16;           // slab tag-map granule (every slab block is 16-aligned)
constexpr u32 kTrackUntagged = 1;           // tag 1 is created with the tracker: "untagged"

enum class TrackMode : u32 { Off = 0, Counters = 1, Full = 2 };

// Per-tag counters, all published values (publish(): every frame_end(), and before a report): pool
// figures are derived from the pools' own headers (live, total_allocs, total_frees: no cost on the
// pool's hot path) and added to the event-fed slab/arena figures, which the tracker keeps process-side
// (a slab or arena event costs two increments; the debug region is written once per publish).
struct TrackTag {
  u32 name_offset;      // in the debug region
  u32 name_length;
  u32 live_count;
  u32 live_bytes;       // usable bytes of live blocks (a pool's slot size, a slab block's class size)
  u32 peak_bytes;       // highest live_bytes at any publish
  u32 pools;            // allocators whose default tag this is
  u64 allocs;
  u64 frees;
  u64 bytes_allocated;
};
static_assert(sizeof(TrackTag) == 48, "TrackTag is read through views");

// One frame's counters (every tag, every attached region). The ring holds the last frame_capacity.
// The u32 figures saturate at 0xFFFFFFFF (4 GiB in one frame); the header's u64 totals stay exact.
struct TrackFrame {
  u64 frame;            // the tracker's frame number: frame_end() calls before this frame's
  u32 allocs;
  u32 frees;            // an arena reset counts each allocation it releases
  u32 bytes_allocated;
  u32 bytes_freed;
  u32 live_count;       // at the frame's end, all attached regions
  u32 live_bytes;
  u32 region_live_bytes[kTrackMaxRegions];  // by attached-region slot
};
static_assert(sizeof(TrackFrame) == 48, "TrackFrame is read through views");

struct TrackRegion {
  u32 size;             // 0 = slot unused
  u32 used;             // carve top at the last publish
  u32 live_bytes;       // at the last publish
  u32 name_offset;
  u32 name_length;
  u32 epoch;            // bumped by resync() (a restore or a rewind replaced the bytes)
  u32 reserved[2];
};
static_assert(sizeof(TrackRegion) == 32, "TrackRegion layout");

struct TrackAllocator {
  u32 kind;             // AllocatorKind, 0 = not seen
  u32 header_offset;    // in its region
  u32 tag;              // default tag of its allocations
  u32 name_offset;      // optional name (0/0 = none)
  u32 name_length;
  u32 tagmap_offset;    // in the debug region; 0 = none
  u32 last_allocs;      // pools: low 32 bits of total_allocs/total_frees at the last publish
  u32 last_frees;
};
static_assert(sizeof(TrackAllocator) == 32, "TrackAllocator layout");

struct TrackSite {
  u32 file_offset;      // the file path or the label, in the debug region
  u32 file_length;
  u32 line;             // 0 for a label
  u32 reserved;
};
static_assert(sizeof(TrackSite) == 16, "TrackSite layout");

// An allocation (full mode). seq tells the record's state:
//   0                         unused: never used, or released without a free (an arena reset or
//                             unwind, records dropped by a mode change, a detach or a resync);
//   1 .. kTrackFreed - 1      live: the allocation's stamp (marks compare against it);
//   kTrackFreed | free site   freed by a pool or slab free (the other fields are the allocation's).
// Records that are not live wait in the free ring (u32[record_slots], carved after the index) in the
// order they were freed, and allocations reuse the oldest. So a freed record keeps its allocation's
// site and tag, and its free site, until record_slots - records_used later frees have been queued
// behind it: the table is its own graveyard, and a free copies nothing. The table holds
// graveyard_capacity records beyond record_capacity (records_used never exceeds record_capacity), so
// at least that many of the latest frees are always kept.
constexpr u64 kTrackFreed = 1ull << 63;
struct TrackRecord {
  u32 offset;           // the block's offset in its region
  u32 handle;           // a pool slot's handle, 0 for slab and arena blocks
  u32 size;             // usable bytes
  u32 site;             // site id of the allocation (0 = unknown)
  u64 seq;              // see above
  u32 frame;            // low 32 bits of the tracker frame at allocation
  u16 tag;
  u8 region;            // attached-region slot
  u8 allocator;         // allocator id in the region
};
static_assert(sizeof(TrackRecord) == 32, "TrackRecord layout");

constexpr bool track_live(const TrackRecord& r) noexcept { return r.seq - 1 < kTrackFreed - 1; }
constexpr bool track_freed(const TrackRecord& r) noexcept { return (r.seq & kTrackFreed) != 0; }
constexpr u32 track_free_site(const TrackRecord& r) noexcept { return static_cast<u32>(r.seq); }

struct TrackIndexEntry {
  u32 offset;           // key: the block's offset (0 = empty bucket; offset 0 is never a block)
  u32 ref;              // record index + 1, region slot in the top 2 bits
};
static_assert(sizeof(TrackIndexEntry) == 8, "TrackIndexEntry layout");

struct TrackMisuse {
  u32 status;           // Status: DoubleFree, StaleHandle, ForeignHandle, InvalidOffset, WrongSizeClass
  u32 site;             // where the bad call was made
  u32 alloc_site;       // where the block was allocated (0 = unknown)
  u32 free_site;        // where it was freed, for a double free or a stale handle (0 = unknown)
  u32 offset;           // the offset passed (slab) or the slot's offset (pool; 0 if none)
  u32 handle;           // the handle passed (pool), 0 otherwise
  u32 frame;            // tracker frame of the bad call
  u8 region;
  u8 allocator;
  u16 tag;              // the original allocation's tag (0 = unknown)
};
static_assert(sizeof(TrackMisuse) == 32, "TrackMisuse layout");

struct TrackMark {
  u64 seq;              // allocations with a larger seq were made after the mark
  u64 frame;
  u32 id;               // 1-based; marks[(id - 1) % kTrackMarks]
  u32 epoch;            // the tracker's epoch when marked: one counter, bumped by every resync of any
                        // region and whenever records are dropped; a mark of another epoch is unknown
};
static_assert(sizeof(TrackMark) == 24, "TrackMark layout");

struct TrackerHeader {
  u32 magic;
  u16 version;
  u16 header_size;
  u32 mode;             // TrackMode
  u32 compiled_mode;    // the highest mode this build supports (OPENCLAW_TRACKING)
  // Tables (offsets in the debug region) and their fill.
  u32 tag_capacity, tag_count, tags_offset;
  u32 frame_capacity, frame_count, frame_head, frames_offset;  // frame_head: next ring slot
  u32 regions_offset, allocators_offset;
  u32 site_capacity, site_count, sites_offset;
  u32 string_capacity, string_used, strings_offset;
  u32 record_capacity, records_used, records_offset;
  u32 index_capacity, index_offset;                                      // power of two
  // The free ring (see TrackRecord): the next free is queued at record_free_tail; the oldest waits
  // records_used past it (mod record_slots).
  u32 graveyard_capacity, record_slots, record_free_tail, free_ring_offset;
  u32 misuse_capacity, misuse_head, misuse_offset;
  u32 mark_next, marks_offset;                                           // next mark id
  u32 context_tag, context_site;                                         // Tracker::set_context
  u32 reserved1;             // no implicit padding before the u64 counters (layout test)
  // Counters, exact whatever the capacities.
  u64 seq;              // allocations seen: at once in full mode (records take it as their stamp); in
                        // counters mode it catches up at publish() and frame_end()
  u64 frame;            // frame_end() calls
  u64 overflow;         // allocations not recorded because the records were full (full mode)
  u64 unrecorded_frees; // frees of blocks that had no record (allocated before full mode, or overflow)
  u64 misuse_total;
  u64 allocs, frees, bytes_allocated, bytes_freed;  // all tags, since create (pools at publish)
  TrackFrame current;   // the frame being counted, as of the last publish()
};

}  // namespace oc
