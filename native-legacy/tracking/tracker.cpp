// Tracker: creation (the tables carved from the debug region in one piece), attaching regions and
// registering their allocators, modes, tags and names. The hooks are in tracker_hooks.cpp, records in
// records.cpp, the rebuild from the allocators' walks in resync.cpp.
#include "tracker.h"

#include <cstring>

#include "detail/books.h"
#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/slab_allocator.h"

namespace oc {

namespace {

constexpr u32 kTableAlign = 8;
constexpr u32 kMaxRecords = 1u << 24;   // record refs keep 30 bits (records and graveyard together stay
                                        // below 2^25); the index stays below 2^26 buckets
constexpr u32 kMaxRing = 1u << 24;      // graveyard, frames, sites, misuse
constexpr u32 kMaxBytes = 1u << 30;     // strings and tag-map room

u32 index_capacity_for(u32 records) noexcept {
  u32 cap = 2;
  while (cap < 2 * records) cap <<= 1;
  return cap;
}

// Offsets of every table from the start of the carve; `total` is the carve's size.
struct TablePlan {
  u64 tags, frames, regions, allocators, sites, strings, records, index, free_ring, misuse, marks, tagmap, total;
};

TablePlan plan_tables(const TrackerOptions& o) noexcept {
  TablePlan p{};
  u64 at = 0;
  auto take = [&at](u64 bytes) {
    const u64 start = (at + (kTableAlign - 1)) & ~static_cast<u64>(kTableAlign - 1);
    at = start + bytes;
    return start;
  };
  take(sizeof(TrackerHeader));
  p.tags = take(static_cast<u64>(o.tags) * sizeof(TrackTag));
  p.frames = take(static_cast<u64>(o.frames) * sizeof(TrackFrame));
  p.regions = take(static_cast<u64>(kTrackMaxRegions) * sizeof(TrackRegion));
  p.allocators = take(static_cast<u64>(kTrackMaxRegions) * 256 * sizeof(TrackAllocator));
  p.sites = take(static_cast<u64>(o.sites) * sizeof(TrackSite));
  p.strings = take(o.string_bytes);
  // The freed records kept for misuse reports are records too: the table has room for them beyond the
  // live ones (tracker_layout.h, TrackRecord), and the free ring for every record.
  const u64 slots = static_cast<u64>(o.records) + o.graveyard;
  p.records = take(slots * sizeof(TrackRecord));
  p.index = take(static_cast<u64>(index_capacity_for(o.records)) * sizeof(TrackIndexEntry));
  p.free_ring = take(slots * sizeof(u32));
  p.misuse = take(static_cast<u64>(o.misuse) * sizeof(TrackMisuse));
  p.marks = take(static_cast<u64>(kTrackMarks) * sizeof(TrackMark));
  p.tagmap = take(o.tagmap_bytes);
  p.total = (at + (kTableAlign - 1)) & ~static_cast<u64>(kTableAlign - 1);
  return p;
}

bool options_valid(const TrackerOptions& o) noexcept {
  return o.records != 0 && o.records <= kMaxRecords && o.graveyard != 0 && o.graveyard <= kMaxRing &&
         o.frames != 0 && o.frames <= kMaxRing && o.sites != 0 && o.sites <= kMaxRing && o.tags != 0 &&
         o.tags <= kTrackMaxTags && o.misuse != 0 && o.misuse <= kMaxRing && o.string_bytes != 0 &&
         o.string_bytes <= kMaxBytes && o.tagmap_bytes <= kMaxBytes &&
         static_cast<u32>(o.mode) <= static_cast<u32>(TrackMode::Full);
}

}  // namespace

u32 Tracker::bytes_needed(const TrackerOptions& options) noexcept {
  if (!options_valid(options)) return 0;
  const u64 total = plan_tables(options).total;
  return total > 0xFFFFFFFFull ? 0 : static_cast<u32>(total);
}

Result<Tracker*> Tracker::create(Region& debug, const TrackerOptions& options) noexcept {
  using R = Result<Tracker*>;
  if (!debug.valid() || !options_valid(options)) return R::fail(Status::InvalidArgument);
  const TablePlan plan = plan_tables(options);
  if (plan.total > debug.size()) return R::fail(Status::Exhausted);
  // The process-side parts first: when the heap refuses, the region has not been touched.
  Tracker* t = new (std::nothrow) Tracker();
  if (t == nullptr) return R::fail(Status::OutOfMemory);
  t->books_ = new (std::nothrow) Books();
  u32 cache = 64;
  while (cache < 4 * options.sites && cache < (1u << 16)) cache <<= 1;
  if (t->books_ != nullptr) t->books_->site_cache = new (std::nothrow) detail::SiteCacheEntry[cache]();
  if (t->books_ == nullptr || t->books_->site_cache == nullptr) {
    delete t;
    return R::fail(Status::OutOfMemory);
  }
  t->books_->site_cache_mask = cache - 1;
  const Result<Offset> carved = debug.carve(static_cast<u32>(plan.total), kTableAlign);
  if (!carved.ok()) {
    delete t;
    return R::fail(carved.status);
  }
  t->debug_ = &debug;
  t->carve_tables(carved.value, options);
  return R{t, Status::Ok};
}

void Tracker::carve_tables(u32 at, const TrackerOptions& o) noexcept {
  const TablePlan p = plan_tables(o);
  u8* base = debug_->base();
  auto off = [at](u64 rel) { return at + static_cast<u32>(rel); };
  hdr_ = reinterpret_cast<TrackerHeader*>(base + at);
  TrackerHeader& h = *hdr_;
  h.magic = kTrackerMagic;
  h.version = kTrackerVersion;
  h.header_size = static_cast<u16>(sizeof(TrackerHeader));
  h.compiled_mode = static_cast<u32>(compiled_mode());
  h.tag_capacity = o.tags;
  h.tags_offset = off(p.tags);
  h.frame_capacity = o.frames;
  h.frames_offset = off(p.frames);
  h.regions_offset = off(p.regions);
  h.allocators_offset = off(p.allocators);
  h.site_capacity = o.sites;
  h.sites_offset = off(p.sites);
  h.string_capacity = o.string_bytes;
  h.strings_offset = off(p.strings);
  h.record_capacity = o.records;
  h.records_offset = off(p.records);
  h.index_capacity = index_capacity_for(o.records);
  h.index_offset = off(p.index);
  h.graveyard_capacity = o.graveyard;
  h.record_slots = o.records + o.graveyard;
  h.free_ring_offset = off(p.free_ring);
  h.misuse_capacity = o.misuse;
  h.misuse_offset = off(p.misuse);
  h.marks_offset = off(p.marks);
  h.mark_next = 1;

  tags_ = reinterpret_cast<TrackTag*>(base + h.tags_offset);
  frames_ = reinterpret_cast<TrackFrame*>(base + h.frames_offset);
  regions_ = reinterpret_cast<TrackRegion*>(base + h.regions_offset);
  allocators_ = reinterpret_cast<TrackAllocator*>(base + h.allocators_offset);
  sites_ = reinterpret_cast<TrackSite*>(base + h.sites_offset);
  strings_ = base + h.strings_offset;
  records_ = reinterpret_cast<TrackRecord*>(base + h.records_offset);
  index_ = reinterpret_cast<TrackIndexEntry*>(base + h.index_offset);
  free_ring_ = reinterpret_cast<u32*>(base + h.free_ring_offset);
  misuse_ = reinterpret_cast<TrackMisuse*>(base + h.misuse_offset);
  marks_ = reinterpret_cast<TrackMark*>(base + h.marks_offset);
  index_shift_ = 32u - static_cast<u32>(__builtin_ctz(h.index_capacity));
  tagmap_begin_ = tagmap_top_ = off(p.tagmap);
  tagmap_end_ = tagmap_begin_ + o.tagmap_bytes;

  drop_all_records();  // every record unused: the free ring holds them all

  static const char kUntagged[] = "untagged";
  tag(kUntagged, sizeof(kUntagged) - 1);
  const TrackMode m = static_cast<u32>(o.mode) > static_cast<u32>(compiled_mode()) ? compiled_mode() : o.mode;
  mode_ = m;
  h.mode = static_cast<u32>(m);
}

Tracker::~Tracker() {
  for (u32 s = 0; s < kTrackMaxRegions; ++s) {
    if (slots_[s] != nullptr) detach(*slots_[s]);
  }
  delete books_;
}

TrackMode Tracker::mode() const noexcept { return mode_; }
const TrackerHeader& Tracker::header() const noexcept { return *hdr_; }
Offset Tracker::header_offset() const noexcept { return debug_->offset_of(hdr_); }
const Region& Tracker::debug_region() const noexcept { return *debug_; }

u32 Tracker::slot_of(const Region& r) const noexcept {
  for (u32 s = 0; s < kTrackMaxRegions; ++s) {
    if (slots_[s] == &r) return s;
  }
  return kTrackMaxRegions;
}

// Appends text to the strings table; returns its length (0 when it does not fit or is empty).
u32 Tracker::intern_string(const char* text, u32 length, u32* offset) noexcept {
  *offset = 0;
  if (text == nullptr || length == 0 || length > hdr_->string_capacity - hdr_->string_used) return 0;
  std::memcpy(strings_ + hdr_->string_used, text, length);
  *offset = hdr_->strings_offset + hdr_->string_used;
  hdr_->string_used += length;
  return length;
}

u32 Tracker::tag(const char* name, u32 length) noexcept {
  if (name == nullptr || length == 0) return 0;
  const u8* base = debug_->base();
  for (u32 i = 0; i < hdr_->tag_count; ++i) {
    const TrackTag& t = tags_[i];
    if (t.name_length == length && std::memcmp(base + t.name_offset, name, length) == 0) return i + 1;
  }
  if (hdr_->tag_count >= hdr_->tag_capacity) return 0;
  u32 offset = 0;
  if (intern_string(name, length, &offset) == 0) return 0;
  TrackTag& t = tags_[hdr_->tag_count];
  t.name_offset = offset;
  t.name_length = length;
  return ++hdr_->tag_count;
}

Status Tracker::set_allocator_tag(const Region& region, u32 allocator_id, u32 tag) noexcept {
  const u32 slot = slot_of(region);
  if (slot == kTrackMaxRegions || allocator_id == 0 || allocator_id > 255) return Status::InvalidArgument;
  if (tag == 0 || tag > hdr_->tag_count) return Status::InvalidArgument;
  detail::AllocFast& f = books_->fast[slot][allocator_id];
  if (f.kind == 0) return Status::InvalidArgument;
  if (f.kind != kKindArena && tag != f.tag && mode_ != TrackMode::Off) {
    retag_default_blocks(slot, allocator_id, f.tag, tag);
  }
  f.tag = tag;
  allocators_[slot * 256 + allocator_id].tag = tag;
  return Status::Ok;
}

Status Tracker::set_allocator_name(const Region& region, u32 allocator_id, const char* name, u32 length) noexcept {
  const u32 slot = slot_of(region);
  if (slot == kTrackMaxRegions || allocator_id == 0 || allocator_id > 255) return Status::InvalidArgument;
  if (books_->fast[slot][allocator_id].kind == 0 || (length != 0 && name == nullptr)) return Status::InvalidArgument;
  TrackAllocator& a = allocators_[slot * 256 + allocator_id];
  if (length == 0) {
    a.name_offset = a.name_length = 0;
    return Status::Ok;
  }
  // The same name again costs no string space (programs name their pools once, maybe per restore).
  if (a.name_length == length && std::memcmp(debug_->base() + a.name_offset, name, length) == 0) return Status::Ok;
  u32 offset = 0;
  if (intern_string(name, length, &offset) == 0) return Status::Exhausted;
  a.name_offset = offset;
  a.name_length = length;
  return Status::Ok;
}

void Tracker::set_context(u32 tag, u32 site) noexcept {
  context_tag_ = hdr_->context_tag = tag <= hdr_->tag_count ? tag : 0;
  hdr_->context_site = site <= hdr_->site_count ? site : 0;
}

Status Tracker::attach(Region& region, const char* name, u32 name_length) noexcept {
  if (!region.valid() || &region == debug_ || region.base() == debug_->base()) return Status::InvalidArgument;
  // The owner, not the sinks: a tracker in Off mode owns its regions without being fed by them.
  if (slot_of(region) != kTrackMaxRegions || region.tracker() != nullptr) return Status::InvalidArgument;
  if (name_length != 0 && name == nullptr) return Status::InvalidArgument;
  u32 slot = 0;
  while (slot < kTrackMaxRegions && slots_[slot] != nullptr) ++slot;
  if (slot == kTrackMaxRegions) return Status::Exhausted;
  slots_[slot] = &region;
  TrackRegion& tr = regions_[slot];
  const u32 epoch = tr.epoch;
  tr = TrackRegion{};
  tr.size = region.size();
  tr.used = region.used();
  tr.epoch = epoch;
  tr.name_length = intern_string(name, name_length, &tr.name_offset);
  for (u32 id = 1; id < 256; ++id) {
    books_->fast[slot][id] = detail::AllocFast{};
    allocators_[slot * 256 + id] = TrackAllocator{};
  }
  region.for_each_allocator([&](const AllocatorHeader& h) { register_allocator(slot, h); });
  if (mode_ != TrackMode::Off) rebuild_slot(slot, false, mode_ == TrackMode::Full);
  apply_sinks(slot);
  return Status::Ok;
}

void Tracker::detach(Region& region) noexcept {
  const u32 slot = slot_of(region);
  if (slot == kTrackMaxRegions) return;
  drop_slot_records(slot);
  // The region's live blocks leave the figures as if freed (not as frame traffic), so that every
  // tag's totals stay balanced; its history stays in the totals.
  if (mode_ != TrackMode::Off) publish();
  Books& b = *books_;
  for (u32 id = 1; id < 256; ++id) {
    const detail::AllocFast& f = b.fast[slot][id];
    if (f.kind == kKindPool) {
      const auto& ph = *region.at<FixedPoolHeader>(allocators_[slot * 256 + id].header_offset);
      b.others[f.tag].shift(ph.live, 0, static_cast<u64>(ph.live) * ph.slot_size, 0);
    }
    detail::release(b.fast[slot][id]);
    allocators_[slot * 256 + id] = TrackAllocator{};
  }
  for (u32 t = 0; t <= kTrackMaxTags; ++t) {
    detail::Totals& e = b.events[slot][t];
    e.frees = e.allocs;
    e.bytes_freed = e.bytes_allocated;
    b.others[t].add(e);
    e = detail::Totals{};
  }
  reset_sums();
  const u32 epoch = regions_[slot].epoch;
  regions_[slot] = TrackRegion{};
  regions_[slot].epoch = epoch;  // a later attach in this slot does not reuse an old epoch
  region.set_tracking(nullptr, 0, false, false);
  slots_[slot] = nullptr;
  bool any = false;
  for (Region* r : slots_) any = any || r != nullptr;
  // Tag maps are bump-allocated; with nothing attached none is in use.
  if (!any) tagmap_top_ = tagmap_begin_;
}

void Tracker::apply_sinks(u32 slot) noexcept {
  Region* r = slots_[slot];
  if (r == nullptr) return;
  r->set_tracking(this, slot, mode_ != TrackMode::Off, mode_ == TrackMode::Full);
}

void Tracker::region_moved(const Region& from, Region& to) noexcept {
  const u32 slot = slot_of(from);
  if (slot != kTrackMaxRegions) slots_[slot] = &to;
}

void Tracker::set_mode(TrackMode mode) noexcept {
  if (static_cast<u32>(mode) > static_cast<u32>(compiled_mode())) mode = compiled_mode();
  if (mode == mode_) return;
  const TrackMode old = mode_;
  if (old != TrackMode::Off) publish();  // what was counted so far is credited under the old mode's rules
  if (old == TrackMode::Full) {
    drop_all_records();
    epoch_++;  // marks made while recording can no longer be answered
  }
  mode_ = mode;
  hdr_->mode = static_cast<u32>(mode);
  // Off missed every event: rebuild the event-fed figures from the allocators (keeping the slab tag
  // maps where a live block still starts at a mapped granule). Blocks already live get no record.
  if (old == TrackMode::Off) {
    for (u32 s = 0; s < kTrackMaxRegions; ++s) {
      if (slots_[s] != nullptr) rebuild_slot(s, true, false);
    }
  }
  for (u32 s = 0; s < kTrackMaxRegions; ++s) apply_sinks(s);
}

void Tracker::register_allocator(u32 slot, const AllocatorHeader& h) noexcept {
  const u32 id = h.id;
  if (id == 0 || id > 255) return;
  Region& region = *slots_[slot];
  const Offset header_offset = region.offset_of(&h);
  TrackAllocator& a = allocators_[slot * 256 + id];
  detail::AllocFast& f = books_->fast[slot][id];
  u32 span_begin = 0;
  u32 granules = 0;
  if (h.kind == kKindSlab) {
    const auto& sh = reinterpret_cast<const SlabHeader&>(h);
    span_begin = sh.span_begin;
    granules = sh.span_end > sh.span_begin ? (sh.span_end - sh.span_begin) / kTrackGranule : 0;
  }
  u32 pool_capacity = 0, slots_offset = 0, slot_size = 0;
  if (h.kind == kKindPool) {
    const auto& ph = reinterpret_cast<const FixedPoolHeader&>(h);
    pool_capacity = ph.capacity;
    slots_offset = ph.slots_offset;
    slot_size = ph.slot_size;
  }
  // The same allocator seen again (a resync): keep its tag, name and maps.
  if (f.kind == h.kind && a.header_offset == header_offset && f.span_begin == span_begin &&
      f.granules == granules && f.pool_capacity == pool_capacity && f.pool_slots_offset == slots_offset &&
      f.pool_slot_size == slot_size) {
    return;
  }
  detail::release(f);
  a = TrackAllocator{};
  a.kind = h.kind;
  a.header_offset = header_offset;
  a.tag = kTrackUntagged;
  f.kind = h.kind;
  f.tag = kTrackUntagged;
  f.span_begin = span_begin;
  f.granules = granules;
  if (h.kind == kKindSlab && granules != 0 && granules <= tagmap_end_ - tagmap_top_) {
    a.tagmap_offset = tagmap_top_;
    tagmap_top_ += align_up(granules, kTableAlign);
    f.tagmap = debug_->base() + a.tagmap_offset;
    std::memset(f.tagmap, 0, granules);
  } else if (h.kind == kKindSlab) {
    // No room for a map (f.tagmap stays null): frees fall back to the slab's default tag.
  } else if (h.kind == kKindArena) {
    f.arena = new (std::nothrow) detail::ArenaBook();
    if (f.arena != nullptr) {
      f.arena->counts = new (std::nothrow) u32[kTrackMaxTags + 1]();
      if (f.arena->counts == nullptr) {
        delete f.arena;
        f.arena = nullptr;
      }
    }
  } else if (h.kind == kKindPool) {
    const auto& ph = reinterpret_cast<const FixedPoolHeader&>(h);
    a.last_allocs = static_cast<u32>(ph.total_allocs);
    a.last_frees = static_cast<u32>(ph.total_frees);
    f.pool_capacity = pool_capacity;
    f.pool_index_mask = ph.index_bits < 32 ? (1u << ph.index_bits) - 1 : 0;
    f.pool_slots_offset = slots_offset;
    f.pool_slot_size = slot_size;
    if (pool_capacity != 0 && pool_capacity <= kPoolMaxCapacity) f.pool_refs = new (std::nothrow) u32[pool_capacity]();
  }
}

void Tracker::on_allocator_created(const Region& r, const AllocatorHeader& h) noexcept {
  const u32 slot = slot_of(r);
  if (slot != kTrackMaxRegions) register_allocator(slot, h);
}

}  // namespace oc
