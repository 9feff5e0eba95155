// Tracker: the allocation tracker. Every allocator of a region it is attached to feeds it (FixedPool,
// SlabAllocator, FrameArena; an arena reset counts as a bulk free), and it keeps, in the `debug`
// region (tracker_layout.h):
//   - tags: a small id per subsystem ("actors", "tiles"), each with live bytes and count, peak, totals;
//   - sites: file:line of C++ calls (site.h), labels from TypeScript;
//   - per-frame counters and a ring of the last N frames;
//   - marks and leak deltas: leaks_since(mark) groups the allocations made after the mark and still
//     alive by (tag, site); older_than(frames, tag) does the same for old live allocations;
//   - misuse reports (double free, stale handle, foreign handle or offset, wrong size class) with the
//     site of the bad call and, from the live and the freed records (tracker_layout.h, TrackRecord:
//     the table keeps the latest frees), the sites of the original allocation and free.
//
// Modes (run time, capped by the compile-time OPENCLAW_TRACKING = 0 off, 1 counters, 2 full; default 2):
//   Off       allocators skip the tracker: one predictable branch on a pointer in the Region.
//   Counters  tag, frame and region counters. Pools cost nothing: their figures are derived from the
//             pool headers' own counters at publish(). Slab and arena calls update the counters and
//             the slab tag map (so a free knows its block's tag).
//   Full      plus a record per live allocation (pool, slab and arena), freed records, sites.
// OPENCLAW_TRACKING=0 compiles every hook out: the allocators are exactly the untracked ones.
//
// Capacity: records, sites, tags, misuse reports and strings are fixed at create(). When records are
// full the allocation still succeeds, counters stay exact, and `overflow` counts what was not recorded;
// a later free of such a block counts in `unrecorded_frees`. Nothing the tracker does can make an
// allocation or a free fail.
//
// Sizes: every byte figure is a block's usable size (a pool's slot size, a slab class size, a
// fallback block's usable size, an arena allocation's size including its alignment padding).
//
// Restores: a snapshot restore or a rewind replaces a region's bytes under the tracker. restore() and
// RewindRing::rewind() call resync(): the records, tag maps and counters of that region are rebuilt
// from the allocators' walks (each live block gets its allocator's default tag and site 0 = unknown),
// and the region's epoch is bumped: leaks_since() of a mark made before the resync fails with
// UnknownMark (its comparison would be meaningless).
//
// The debug region belongs to the tracker: its tables hold ring indices and counts the tracker trusts
// without checking, so nothing else may write those bytes. Do not restore or rewind it (the ABI
// refuses oc_snapshot_capture*, oc_snapshot_restore and oc_rewind_create on a region that hosts a
// live tracker), and do not attach it to a tracker. Delete the tracker before its debug region goes:
// a tracked region's destructor detaches it, which reads the tracker's tables.
//
// One owner, like the allocators: not thread-safe.
#pragma once

#include "memory/region.h"
#include "memory/types.h"
#include "site.h"
#include "tracker_layout.h"

#ifndef OPENCLAW_TRACKING
#define OPENCLAW_TRACKING 2
#endif

namespace oc {

namespace detail {
struct Totals;  // tracking/detail/books.h
}  // namespace detail

struct TrackerOptions {
  u32 records = 65536;          // live allocations recorded in full mode
  u32 graveyard = 4096;         // freed records kept at least, beyond `records`, to name a misuse's
                                // original sites (more are kept while fewer than `records` are live)
  u32 frames = 600;             // frame ring: 10 s at 60 Hz
  u32 sites = 4096;
  u32 tags = 64;                // <= kTrackMaxTags
  u32 misuse = 256;             // reports kept; misuse_total counts them all
  u32 string_bytes = 64 * 1024; // tag names, site files and labels, allocator and region names
  u32 tagmap_bytes = 1u << 20;  // room for slab tag maps (u8 per 16-byte granule of a slab's span)
  TrackMode mode = TrackMode::Counters;
};

// A (tag, site) group of live allocations: leaks_since() and older_than() rows.
struct LeakGroup {
  u32 tag;
  u32 site;
  u32 count;
  u32 oldest_frame;   // low 32 bits of the tracker frame of the group's oldest allocation
  u64 bytes;
};

class Tracker {
 public:
  // Bytes of debug region the tables need (header, tables, tag-map room), alignment included.
  static u32 bytes_needed(const TrackerOptions& options) noexcept;
  // Carves the tables from `debug` and returns a heap-allocated tracker (delete it, or destroy()).
  // InvalidArgument for a zero or over-limit capacity, Exhausted when the region is too small.
  static Result<Tracker*> create(Region& debug, const TrackerOptions& options = {}) noexcept;
  ~Tracker();  // detaches from every region
  Tracker(const Tracker&) = delete;
  Tracker& operator=(const Tracker&) = delete;

  // Feeds the tracker from every allocator of `region`, present and future (Region::link_allocator
  // tells it of new ones). Existing live blocks are registered as in resync(). At most
  // kTrackMaxRegions; a region feeds one tracker at a time (InvalidArgument otherwise).
  Status attach(Region& region, const char* name = "", u32 name_length = 0) noexcept;
  void detach(Region& region) noexcept;
  // Region's move operations: the attached region now lives at `to` (its sinks moved with it).
  void region_moved(const Region& from, Region& to) noexcept;

  // Never above compiled_mode(); switching to Full starts recording from now (blocks already live are
  // not recorded; their frees count as unrecorded_frees). Switching down drops the records.
  void set_mode(TrackMode mode) noexcept;
  TrackMode mode() const noexcept;
  static constexpr TrackMode compiled_mode() noexcept { return static_cast<TrackMode>(OPENCLAW_TRACKING); }

  // Interned ids (1-based; 0 on failure: table or strings full, empty name).
  u32 tag(const char* name, u32 length) noexcept;
  u32 site_label(const char* label, u32 length) noexcept;
  // The default tag of an allocator's allocations (its id inside region), and a name for reports.
  Status set_allocator_tag(const Region& region, u32 allocator_id, u32 tag) noexcept;
  Status set_allocator_name(const Region& region, u32 allocator_id, const char* name, u32 length) noexcept;
  // Tag and site for slab and arena allocations that do not name theirs (0 = none: the allocator's
  // default tag; site unknown). A pool's allocations always carry the pool's tag.
  void set_context(u32 tag, u32 site) noexcept;

  // Ends a frame: publishes (see TrackTag), closes the current frame's counters into the ring and
  // starts the next frame.
  void frame_end() noexcept;
  // Refreshes the published figures (tags, regions, the current frame's pool part) without ending
  // the frame. Reports call it.
  void publish() noexcept;

  // Marks and leaks (full mode). mark() returns an id >= 1 (0 in other modes).
  u32 mark() noexcept;
  // Groups of the allocations made after `mark` and still alive, by (tag, site), largest bytes first.
  // Writes min(groups, max) rows and sets *count to the number of groups. UnknownMark for a mark
  // never made, more than kTrackMarks marks old, or made before a resync; NotTracking outside full
  // mode.
  Status leaks_since(u32 mark, LeakGroup* out, u32 max, u32* count) const noexcept;
  // Live allocations made at least `frames` frames ago, with tag `tag` (0 = any), grouped likewise.
  Status older_than(u32 frames, u32 tag, LeakGroup* out, u32 max, u32* count) const noexcept;

  // After a region's bytes were replaced (restore, rewind): see the class comment.
  void resync(Region& region) noexcept;

  // Text of a site ("memory/workload.cpp:42": the file's last two path components; a label as is)
  // or a tag name; the length, writing at most max bytes (no NUL). A cut at max may fall inside a
  // UTF-8 character: callers that keep a cut text back up to a boundary (report_json does).
  u32 site_text(u32 site, char* out, u32 max) const noexcept;
  u32 tag_name(u32 tag, char* out, u32 max) const noexcept;

  // The report as one line of JSON (docs/claw-stats.md: tags, pools, slabs, arenas, regions, frames,
  // leaks since `mark` — 0: the newest mark, or every record when there is none — and misuse).
  // Returns the full length; writes at most max bytes (no NUL). Calls publish(). In full mode a
  // non-zero mark that leaks_since() would refuse (never made, expired, older than a resync) writes
  // nothing and returns 0 with *status = UnknownMark: its leak list would silently be every live
  // record. Outside full mode the report has no leak list and the mark is not looked at.
  u32 report_json(u32 mark, char* out, u32 max, Status* status = nullptr) noexcept;

  // A picture of `region`: out[i] describes bytes [i * bpp, (i + 1) * bpp) with
  // bpp = ceil(region.size() / pixels): 0 free (or past the carve top), 255 allocator metadata and
  // the region header, else the tag of a live block overlapping the pixel (live wins over free and
  // metadata; the later block in address order wins between two live ones).
  Status heat_map(const Region& region, u8* out, u32 pixels) const noexcept;

  const TrackerHeader& header() const noexcept;
  Offset header_offset() const noexcept;
  const Region& debug_region() const noexcept;

  // ---- hooks: called by the allocators (tracking/hooks.h), not by programs -----------------------
  // r is the allocator's region, allocator its id in the region; sizes are usable sizes. A Site
  // crosses them as its two scalars: wasm32 passes a struct argument through a copy in memory (shadow
  // stack), which cost more than the whole counters-mode hook.
  // Inline (detail/hooks_inl.h, included by hooks.h), with calls for their rare cases.
  // Pools, through the region's record sink (full mode only). A pool handle names its pool (top 8
  // bits) and its slot, and the tracker keeps each pool's geometry: the handle is all it needs.
  void pool_alloc_hook(const Region& r, Handle h, const char* file, u32 line) noexcept;
  void pool_free_hook(const Region& r, Handle h, const char* file, u32 line) noexcept;
  // Slabs and arenas, through the counter sink (counters and full modes).
  void slab_alloc_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file, u32 line) noexcept;
  void slab_free_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file, u32 line) noexcept;
  void on_arena_alloc(const Region& r, u32 allocator, Offset off, u32 size, Site site) noexcept {
    arena_alloc_hook(r, allocator, off, size, site.file, site.line);
  }
  void on_arena_release(const Region& r, u32 allocator, Offset from, u32 bytes, bool reset) noexcept;
  void on_misuse(const Region& r, u32 allocator, Status status, Handle h, Offset off, Site site) noexcept {
    misuse_hook(r, allocator, status, h, off, site.file, site.line);
  }
  void on_allocator_created(const Region& r, const AllocatorHeader& h) noexcept;

 private:
  // Process-side bookkeeping (tracking/detail/books.h): per-allocator hot-path caches, arena books,
  // the site-pointer cache. Never in the debug region: it holds pointers.
  struct Books;
  Tracker() = default;

  // ---- records.cpp: the pool and slab hooks' uncommon cases; tracker_hooks.cpp, misuse.cpp: the
  // arena's and the misuse hook's bodies
  void pool_alloc_site_miss(const Region& r, Handle h, const char* file, u32 line) noexcept;
  void pool_free_site_miss(const Region& r, Handle h, const char* file, u32 line) noexcept;
  void pool_alloc_general(u32 slot, Handle h, u32 site) noexcept;
  void pool_free_general(u32 slot, Handle h, u32 site) noexcept;
  void slab_full_alloc(u32 slot, u32 allocator, Offset off, u32 size, u32 tag, const char* file, u32 line) noexcept;
  void slab_full_free(u32 slot, Offset off, const char* file, u32 line) noexcept;
  void arena_alloc_hook(const Region& r, u32 allocator, Offset off, u32 size, const char* file, u32 line) noexcept;
  void misuse_hook(const Region& r, u32 allocator, Status status, Handle h, Offset off, const char* file,
                   u32 line) noexcept;
  // ---- tracker.cpp: tables and registration
  void carve_tables(u32 at, const TrackerOptions& o) noexcept;
  void register_allocator(u32 slot, const AllocatorHeader& h) noexcept;
  void apply_sinks(u32 slot) noexcept;
  u32 intern_string(const char* text, u32 length, u32* offset) noexcept;
  u32 slot_of(const Region& r) const noexcept;
  // ---- resync.cpp: a slot's event-fed counters, tag maps and records rebuilt from the walks
  void rebuild_slot(u32 slot, bool keep_tags, bool records) noexcept;
  void reregister_allocators(u32 slot) noexcept;
  void retag_default_blocks(u32 slot, u32 allocator, u32 old_tag, u32 new_tag) noexcept;
  // ---- records.cpp (and detail/hot_paths.h): record table, index, free ring (full mode)
  void drop_slot_records(u32 slot) noexcept;
  u32 record_add(u32 slot, u32 allocator, Handle h, Offset off, u32 size, u32 tag, u32 site, u64 stamp) noexcept;
  // Pool slots find their record through a per-pool map (record ref per slot index), not the index.
  u32 pool_record_add(u32 slot, u32 allocator, Handle h, Offset off, u32 size, u32 tag, u32 site, u64 stamp) noexcept;
  u32 record_take() noexcept;  // the oldest record of the free ring (the caller checked the capacity)
  u32 record_find(u32 slot, Offset off) const noexcept;  // record index + 1, 0 = none
  // A free: the record stays in the table as freed at free_site (TrackRecord), queued for reuse.
  bool record_remove(u32 slot, Offset off, u32 free_site) noexcept;
  void record_free(u32 index, u32 free_site) noexcept;
  void record_release(u32 index) noexcept;  // not a free (reset, unwind, drop): unused. Unindexed already
  u32 bucket_of(u32 slot, Offset off) const noexcept;
  void index_erase(u32 slot, Offset off) noexcept;
  void drop_all_records() noexcept;
  // ---- sites.cpp (resolve_site, quick_site: detail/hot_paths.h)
  u32 resolve_site(Site site) noexcept;
  bool quick_site(Site site, u32* id) const noexcept;  // false: only the site cache knows (cached_site)
  u32 cached_site(const char* file, u32 line) noexcept;
  u32 cache_lookup(Site site) noexcept;
  u32 intern_file_site(const char* file, u32 line) noexcept;
  // ---- publish.cpp
  u32 region_live_bytes(u32 slot) const noexcept;
  detail::Totals tag_totals(u32 tag) const noexcept;
  detail::Totals all_totals() const noexcept;
  void credit_events() noexcept;  // the tag totals' growth since the last publish into the frame
  void reset_sums() noexcept;     // the current tag totals become the base of the next credit
  // ---- leaks.cpp
  Status mark_of(u32 mark, u64* stamp) const noexcept;
  Status group_records(u64 after_stamp, u32 min_age, u32 tag, LeakGroup* out, u32 max, u32* count) const noexcept;

  Region* debug_ = nullptr;
  TrackerHeader* hdr_ = nullptr;
  TrackTag* tags_ = nullptr;
  TrackFrame* frames_ = nullptr;
  TrackRegion* regions_ = nullptr;
  TrackAllocator* allocators_ = nullptr;  // [slot * 256 + allocator id]
  TrackSite* sites_ = nullptr;
  u8* strings_ = nullptr;
  TrackRecord* records_ = nullptr;
  TrackIndexEntry* index_ = nullptr;
  u32* free_ring_ = nullptr;      // indices of the records not live, oldest free first (TrackRecord)
  TrackMisuse* misuse_ = nullptr;
  TrackMark* marks_ = nullptr;
  u32 index_shift_ = 0;          // 32 - log2(index_capacity): the hash's top bits pick the bucket
  u32 tagmap_begin_ = 0;         // tag-map room in the debug region, bump-allocated
  u32 tagmap_top_ = 0;
  u32 tagmap_end_ = 0;
  u32 epoch_ = 0;                // bumped by every resync and whenever records are dropped
  u32 context_tag_ = 0;          // TrackerHeader.context_tag, where the slab and arena hooks need one load
  TrackMode mode_ = TrackMode::Off;
  Region* slots_[kTrackMaxRegions] = {};
  Books* books_ = nullptr;
};

}  // namespace oc
