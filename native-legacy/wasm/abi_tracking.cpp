// Allocation tracker entry points (abi.h, "allocation tracker"): trackers behind small ids, like
// regions, each remembering its debug region and the regions attached through this layer, so that
// destroying a region detaches it first (and destroying a tracker's debug region destroys the tracker).
// The *_at allocator calls are here too: a site id, and for the slab and the arena a tag, which
// reaches the tracker as its context for the one call (saved and put back around it).
#include <new>
#include <stdint.h>
#include <stdlib.h>

#include "tracking/tracker.h"
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

namespace {

constexpr u32 kMaxTrackers = 8;  // ids 1..7

struct TrackerSlot {
  Tracker* tracker;
  u32 debug_region;              // ABI region id of its debug region
  u32 attached[kTrackMaxRegions]; // ABI region ids attached through oc_tracker_attach, 0 = none
};

TrackerSlot g_trackers[kMaxTrackers];

TrackerSlot* slot_or_fail(u32 id) noexcept {
  if (id != 0 && id < kMaxTrackers && g_trackers[id].tracker != nullptr) return &g_trackers[id];
  set_status(Status::InvalidArgument);
  return nullptr;
}

Tracker* tracker_or_fail(u32 id) noexcept {
  TrackerSlot* s = slot_or_fail(id);
  return s != nullptr ? s->tracker : nullptr;
}

// For the calls that write up to `max` bytes or rows at out_ptr: a null buffer with room is refused.
Tracker* tracker_for_output(u32 id, uintptr_t out_ptr, u32 max) noexcept {
  Tracker* t = tracker_or_fail(id);
  if (t != nullptr && out_ptr == 0 && max != 0) {
    set_status(Status::InvalidArgument);
    return nullptr;
  }
  return t;
}

// Tracker::tag and Tracker::site_label: an id for a name, 0 when the table or the strings are full.
using InternFn = u32 (Tracker::*)(const char*, u32) noexcept;

uint32_t intern(u32 tracker, InternFn fn, uintptr_t text_ptr, u32 len) noexcept {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return 0;
  if (text_ptr == 0 || len == 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  const u32 id = (t->*fn)(reinterpret_cast<const char*>(text_ptr), len);
  set_status(id != 0 ? Status::Ok : Status::Exhausted);
  return id;
}

// Tracker::site_text and Tracker::tag_name: the text's length, 0 for an unknown id.
using TextFn = u32 (Tracker::*)(u32, char*, u32) const noexcept;

uint32_t text_of(u32 tracker, TextFn fn, u32 id, uintptr_t out_ptr, u32 max) noexcept {
  Tracker* t = tracker_for_output(tracker, out_ptr, max);
  if (t == nullptr) return 0;
  const u32 n = (t->*fn)(id, reinterpret_cast<char*>(out_ptr), max);
  set_status(n != 0 ? Status::Ok : Status::InvalidArgument);
  return n;
}

// TrackerOptions from OC_TRACKER_OPTION_WORDS words (0 = the default); false when the mode is unknown.
bool read_options(uintptr_t words_ptr, TrackerOptions* out) noexcept {
  TrackerOptions o;
  if (words_ptr != 0) {
    u32 w[OC_TRACKER_OPTION_WORDS];
    memcpy(w, reinterpret_cast<const void*>(words_ptr), sizeof w);
    u32* const fields[] = {&o.records, &o.graveyard, &o.frames, &o.sites, &o.tags, &o.misuse,
                           &o.string_bytes, &o.tagmap_bytes};
    static_assert(sizeof fields / sizeof fields[0] == OC_TRACKER_OPTION_WORDS - 1, "option words");
    for (u32 i = 0; i + 1 < OC_TRACKER_OPTION_WORDS; ++i) {
      if (w[i] != 0) *fields[i] = w[i];
    }
    const u32 mode = w[OC_TRACKER_OPTION_WORDS - 1];
    if (mode > static_cast<u32>(Tracker::compiled_mode())) return false;
    if (mode != 0) o.mode = static_cast<TrackMode>(mode);
  }
  *out = o;
  return true;
}

bool is_attached(const TrackerSlot& s, u32 region) noexcept {
  for (u32 r : s.attached) {
    if (r == region) return true;
  }
  return false;
}

void destroy_slot(TrackerSlot& s) noexcept {
  delete s.tracker;  // detaches it from every region
  s = TrackerSlot{};
}

// Writes LeakGroup rows as OC_TRACK_GROUP_WORDS words each. LeakGroup is those words on a
// little-endian target (bytes as lo, hi), so an aligned buffer is written in place.
static_assert(sizeof(LeakGroup) == OC_TRACK_GROUP_WORDS * sizeof(u32), "LeakGroup is a leak row");

template <typename Query>
uint32_t leak_rows(u32 tracker, uintptr_t out_ptr, u32 max, Query&& query) noexcept {
  Tracker* t = tracker_for_output(tracker, out_ptr, max);
  if (t == nullptr) return 0;
  u32 count = 0;
  Status s;
  if (max == 0 || out_ptr % alignof(LeakGroup) == 0) {
    s = query(t, reinterpret_cast<LeakGroup*>(out_ptr), max, &count);
  } else {
    // An unaligned buffer gets the rows through an aligned copy. There are never more groups than
    // live records, so the copy needs no more rows than that whatever `max` says (a huge max would
    // wrap a 32-bit size_t); sizes are computed in 64 bits and checked against size_t.
    const u32 used = t->header().records_used;
    const u32 rows_max = max < used ? max : used;
    const u64 bytes = static_cast<u64>(rows_max) * sizeof(LeakGroup);
    LeakGroup* rows = nullptr;
    if (rows_max != 0) {
      rows = bytes <= SIZE_MAX ? static_cast<LeakGroup*>(malloc(static_cast<size_t>(bytes))) : nullptr;
      if (rows == nullptr) {
        set_status(Status::OutOfMemory);
        return 0;
      }
    }
    s = query(t, rows, rows_max, &count);
    if (s == Status::Ok && rows != nullptr) {
      const u32 written = count < rows_max ? count : rows_max;
      memcpy(reinterpret_cast<void*>(out_ptr), rows, static_cast<size_t>(written) * sizeof(LeakGroup));
    }
    free(rows);
  }
  set_status(s);
  return s == Status::Ok ? count : 0;
}

// The tracker fed by an allocator's region, or nullptr when none is in a counting mode.
Tracker* counting_tracker(u32 allocator) noexcept {
  const Region* r = region_of(g_slots[allocator].region);
  return r != nullptr ? r->counter_sink() : nullptr;
}

// Makes `tag` the tracker's context tag for one allocator call (site ids travel in the Site).
class ContextTag {
 public:
  ContextTag(Tracker* t, u32 tag) noexcept : t_(tag != 0 ? t : nullptr) {
    if (t_ == nullptr) return;
    old_tag_ = t_->header().context_tag;
    old_site_ = t_->header().context_site;
    t_->set_context(tag, old_site_);
  }
  ~ContextTag() {
    if (t_ != nullptr) t_->set_context(old_tag_, old_site_);
  }
  ContextTag(const ContextTag&) = delete;
  ContextTag& operator=(const ContextTag&) = delete;

 private:
  Tracker* t_;
  u32 old_tag_ = 0;
  u32 old_site_ = 0;
};

// A slab's or an arena's allocation (`table` g_slabs or g_arenas) with a site id, and a tag that is
// the tracker's context for this one call (0 leaves the context as it is).
template <typename Allocator>
uint32_t alloc_at(Allocator* table, Kind kind, u32 id, u32 size, u32 align, u32 tag, u32 site) noexcept {
  if (!is_kind(id, kind)) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  const ContextTag context(counting_tracker(id), tag);
  return table[id].alloc(size, align, &g_last_status, Site::id(site));
}

}  // namespace

namespace oc::abi {

void trackers_forget_region(u32 region) noexcept {
  Region* r = region_of(region);
  if (r == nullptr) return;
  for (TrackerSlot& s : g_trackers) {
    if (s.tracker == nullptr) continue;
    if (s.debug_region == region) {
      destroy_slot(s);
      continue;
    }
    for (u32& a : s.attached) {
      if (a == region) {
        s.tracker->detach(*r);
        a = 0;
      }
    }
  }
}

bool region_hosts_tracker(u32 region) noexcept {
  for (const TrackerSlot& s : g_trackers) {
    if (s.tracker != nullptr && s.debug_region == region) return true;
  }
  return false;
}

}  // namespace oc::abi

extern "C" {

uint32_t oc_tracker_compiled_mode(void) {
  set_status(Status::Ok);
  return static_cast<u32>(Tracker::compiled_mode());
}

uint32_t oc_tracker_bytes_needed(uintptr_t options_words_ptr) {
  TrackerOptions o;
  const u32 n = read_options(options_words_ptr, &o) ? Tracker::bytes_needed(o) : 0;
  set_status(n != 0 ? Status::Ok : Status::InvalidArgument);
  return n;
}

uint32_t oc_tracker_create(uint32_t debug_region, uintptr_t options_words_ptr) {
  Region* r = region_of(debug_region);
  TrackerOptions o;
  if (r == nullptr || !read_options(options_words_ptr, &o)) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 id = 1;
  while (id < kMaxTrackers && g_trackers[id].tracker != nullptr) ++id;
  if (id == kMaxTrackers) {
    set_status(Status::Exhausted);
    return 0;
  }
  const Result<Tracker*> t = Tracker::create(*r, o);
  if (!t.ok()) {
    set_status(t.status);
    return 0;
  }
  g_trackers[id] = TrackerSlot{t.value, debug_region, {}};
  set_status(Status::Ok);
  return id;
}

int32_t oc_tracker_destroy(uint32_t tracker) {
  TrackerSlot* s = slot_or_fail(tracker);
  if (s == nullptr) return last_status();
  destroy_slot(*s);
  return set_status(Status::Ok);
}

int32_t oc_tracker_attach(uint32_t tracker, uint32_t region, uintptr_t name_ptr, uint32_t name_len) {
  TrackerSlot* s = slot_or_fail(tracker);
  if (s == nullptr) return last_status();
  Region* r = region_of(region);
  // The debug region holds the tracker's own tables: tracking them would feed the tracker itself.
  if (r == nullptr || region == s->debug_region || (name_ptr == 0 && name_len != 0)) {
    return set_status(Status::InvalidArgument);
  }
  u32* free_entry = nullptr;
  for (u32& a : s->attached) {
    if (a == region) return set_status(Status::InvalidArgument);  // attached already
    if (a == 0 && free_entry == nullptr) free_entry = &a;
  }
  if (free_entry == nullptr) return set_status(Status::TooManyAllocators);
  const Status st = s->tracker->attach(*r, reinterpret_cast<const char*>(name_ptr), name_len);
  if (st == Status::Ok) *free_entry = region;
  return set_status(st);
}

int32_t oc_tracker_set_mode(uint32_t tracker, uint32_t mode) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return last_status();
  if (mode > static_cast<u32>(Tracker::compiled_mode())) return set_status(Status::InvalidArgument);
  t->set_mode(static_cast<TrackMode>(mode));
  return set_status(Status::Ok);
}

uint32_t oc_tracker_mode(uint32_t tracker) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return 0;
  set_status(Status::Ok);
  return static_cast<u32>(t->mode());
}

uint32_t oc_tracker_header(uint32_t tracker) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return 0;
  set_status(Status::Ok);
  return t->header_offset();
}

uint32_t oc_tracker_tag(uint32_t tracker, uintptr_t name_ptr, uint32_t len) {
  return intern(tracker, &Tracker::tag, name_ptr, len);
}

uint32_t oc_tracker_site(uint32_t tracker, uintptr_t label_ptr, uint32_t len) {
  return intern(tracker, &Tracker::site_label, label_ptr, len);
}

int32_t oc_tracker_set_allocator_tag(uint32_t tracker, uint32_t allocator, uint32_t tag) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return last_status();
  const u32 in_region = in_region_id(allocator);
  if (in_region == 0) return set_status(Status::InvalidArgument);
  return set_status(t->set_allocator_tag(*region_of(g_slots[allocator].region), in_region, tag));
}

int32_t oc_tracker_set_allocator_name(uint32_t tracker, uint32_t allocator, uintptr_t name_ptr, uint32_t len) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return last_status();
  const u32 in_region = in_region_id(allocator);
  if (in_region == 0 || (name_ptr == 0 && len != 0)) return set_status(Status::InvalidArgument);
  return set_status(t->set_allocator_name(*region_of(g_slots[allocator].region), in_region,
                                          reinterpret_cast<const char*>(name_ptr), len));
}

int32_t oc_tracker_set_context(uint32_t tracker, uint32_t tag, uint32_t site) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return last_status();
  t->set_context(tag, site);
  return set_status(Status::Ok);
}

int32_t oc_tracker_frame_end(uint32_t tracker) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return last_status();
  t->frame_end();
  return set_status(Status::Ok);
}

int32_t oc_tracker_publish(uint32_t tracker) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return last_status();
  t->publish();
  return set_status(Status::Ok);
}

uint32_t oc_tracker_mark(uint32_t tracker) {
  Tracker* t = tracker_or_fail(tracker);
  if (t == nullptr) return 0;
  const u32 mark = t->mark();
  set_status(mark != 0 ? Status::Ok : Status::NotTracking);
  return mark;
}

uint32_t oc_tracker_leaks(uint32_t tracker, uint32_t mark, uintptr_t out_rows_ptr, uint32_t max_groups) {
  return leak_rows(tracker, out_rows_ptr, max_groups, [mark](Tracker* t, LeakGroup* rows, u32 max, u32* count) {
    return t->leaks_since(mark, rows, max, count);
  });
}

uint32_t oc_tracker_older_than(uint32_t tracker, uint32_t frames, uint32_t tag, uintptr_t out_rows_ptr,
                               uint32_t max_groups) {
  return leak_rows(tracker, out_rows_ptr, max_groups, [frames, tag](Tracker* t, LeakGroup* rows, u32 max, u32* count) {
    return t->older_than(frames, tag, rows, max, count);
  });
}

int32_t oc_tracker_resync(uint32_t tracker, uint32_t region) {
  TrackerSlot* s = slot_or_fail(tracker);
  if (s == nullptr) return last_status();
  Region* r = region_of(region);
  if (r == nullptr || !is_attached(*s, region)) return set_status(Status::InvalidArgument);
  s->tracker->resync(*r);
  return set_status(Status::Ok);
}

uint32_t oc_tracker_site_text(uint32_t tracker, uint32_t site, uintptr_t out_ptr, uint32_t max) {
  return text_of(tracker, &Tracker::site_text, site, out_ptr, max);
}

uint32_t oc_tracker_tag_name(uint32_t tracker, uint32_t tag, uintptr_t out_ptr, uint32_t max) {
  return text_of(tracker, &Tracker::tag_name, tag, out_ptr, max);
}

uint32_t oc_tracker_report_json(uint32_t tracker, uint32_t mark, uintptr_t out_ptr, uint32_t max) {
  Tracker* t = tracker_for_output(tracker, out_ptr, max);
  if (t == nullptr) return 0;
  Status status = Status::Ok;
  const u32 n = t->report_json(mark, reinterpret_cast<char*>(out_ptr), max, &status);
  set_status(status);
  return n;
}

int32_t oc_tracker_heat_map(uint32_t tracker, uint32_t region, uintptr_t out_ptr, uint32_t pixels) {
  Tracker* t = tracker_for_output(tracker, out_ptr, pixels);
  if (t == nullptr) return last_status();
  Region* r = region_of(region);
  if (r == nullptr) return set_status(Status::InvalidArgument);
  return set_status(t->heat_map(*r, reinterpret_cast<u8*>(out_ptr), pixels));
}

/* ---- allocator calls with a site --------------------------------------------------------------- */

uint32_t oc_pool_alloc_at(uint32_t pool, uint32_t site) {
  if (pool >= kMaxAllocators || !g_pools[pool].valid()) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  return g_pools[pool].alloc(&g_last_status, Site::id(site));
}

int32_t oc_pool_free_at(uint32_t pool, uint32_t handle, uint32_t site) {
  if (pool >= kMaxAllocators || !g_pools[pool].valid()) return set_status(Status::InvalidArgument);
  return set_status(g_pools[pool].free(handle, Site::id(site)));
}

uint32_t oc_slab_alloc_at(uint32_t slab, uint32_t size, uint32_t align, uint32_t tag, uint32_t site) {
  return alloc_at(g_slabs, Kind::Slab, slab, size, align, tag, site);
}

int32_t oc_slab_free_at(uint32_t slab, uint32_t offset, uint32_t size, uint32_t site) {
  if (!is_kind(slab, Kind::Slab)) return set_status(Status::InvalidArgument);
  return set_status(g_slabs[slab].free(offset, size, Site::id(site)));
}

uint32_t oc_arena_alloc_at(uint32_t arena, uint32_t size, uint32_t align, uint32_t tag, uint32_t site) {
  return alloc_at(g_arenas, Kind::Arena, arena, size, align, tag, site);
}

}  // extern "C"
