// Tracker::report_json: the TrackerReport of engine/tracking/report.ts as one line of JSON. That file
// is the contract (and tools/stats/schema.json its schema): field names and order follow it.
#include <initializer_list>
#include <new>

#include "detail/books.h"
#include "detail/json_writer.h"
#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/slab_allocator.h"
#include "tracker.h"

namespace oc {

namespace {

constexpr u32 kSiteTextMax = 512;  // longer paths are cut (a site's text is for people, not lookups)

const char* mode_name(TrackMode m) noexcept {
  switch (m) {
    case TrackMode::Off: return "off";
    case TrackMode::Counters: return "counters";
    case TrackMode::Full: return "full";
  }
  return "off";
}

struct Field {
  const char* key;
  u64 value;
};

// The same six figures, in the same order, for the totals and for every frame of the ring.
struct Traffic {
  u64 allocs, frees, bytes_allocated, bytes_freed, live_count, live_bytes;
};

// The report's reader of the tracker's tables, so that the writer below stays a list of fields.
struct ReportContext {
  const Tracker& t;
  const u8* debug;
  detail::JsonWriter& w;

  // ,"key":value for each field (no comma before the first when it opens its object).
  void fields(std::initializer_list<Field> list, bool opens = false) const noexcept {
    for (const Field& f : list) {
      w.key(f.key, opens);
      w.num(f.value);
      opens = false;
    }
  }
  void object(std::initializer_list<Field> list) const noexcept {
    w.raw("{");
    fields(list, true);
    w.raw("}");
  }
  void traffic(const Traffic& x, bool opens = false) const noexcept {
    fields({{"allocs", x.allocs}, {"frees", x.frees}, {"bytesAllocated", x.bytes_allocated},
            {"bytesFreed", x.bytes_freed}, {"liveCount", x.live_count}, {"liveBytes", x.live_bytes}},
           opens);
  }
  void text_at(u32 offset, u32 length) const noexcept {
    w.str(reinterpret_cast<const char*>(debug + offset), length);
  }
  void text_or_null(u32 offset, u32 length) const noexcept {
    if (length == 0) {
      w.raw("null");
    } else {
      text_at(offset, length);
    }
  }
  // A cut text ends on a character boundary: half a character is invalid UTF-8, and a reader
  // (claw-stats) rejects the whole report for it. One byte past the cut says where a character starts.
  void site(u32 id) const noexcept {
    char buf[kSiteTextMax + 1];
    const u32 n = t.site_text(id, buf, kSiteTextMax + 1);
    w.str(buf, n <= kSiteTextMax ? n : detail::utf8_boundary(buf, kSiteTextMax));
  }
  void tag(u32 id) const noexcept {
    char buf[kSiteTextMax + 1];
    const u32 n = t.tag_name(id, buf, kSiteTextMax + 1);
    w.str(buf, n <= kSiteTextMax ? n : detail::utf8_boundary(buf, kSiteTextMax));
  }
  // Site and tag id 0 mean unknown: null in the report.
  void site_or_null(u32 id) const noexcept {
    if (id == 0) {
      w.raw("null");
    } else {
      site(id);
    }
  }
  void tag_or_null(u32 id) const noexcept {
    if (id == 0) {
      w.raw("null");
    } else {
      tag(id);
    }
  }
};

// "key":[{...},{...}]: next() before each object's fields, close() after the last one.
class ObjectList {
 public:
  ObjectList(detail::JsonWriter& w, const char* key) noexcept : w_(w) {
    w_.key(key);
    w_.raw("[");
  }
  void next() noexcept {
    w_.raw(empty_ ? "{" : "},{");
    empty_ = false;
  }
  void close() noexcept { w_.raw(empty_ ? "]" : "}]"); }

 private:
  detail::JsonWriter& w_;
  bool empty_ = true;
};

// An allocator's own figures, read from its header in its region (a slab through attach(): not const).
void allocator_figures(const ReportContext& c, Region& region, u32 kind, Offset header_offset) noexcept {
  if (kind == kKindPool) {
    const auto& ph = *region.at<FixedPoolHeader>(header_offset);
    c.fields({{"capacity", ph.capacity}, {"live", ph.live}, {"peak", ph.peak}, {"slotSize", ph.slot_size},
              {"liveBytes", static_cast<u64>(ph.live) * ph.slot_size}, {"failures", ph.failures},
              {"allocs", ph.total_allocs}, {"frees", ph.total_frees}});
  } else if (kind == kKindSlab) {
    const Result<SlabAllocator> slab = SlabAllocator::attach(region, header_offset);
    const SlabStats st = slab.ok() ? slab.value.stats() : SlabStats{};
    c.fields({{"arenaBytes", st.arena_bytes}, {"reservedBytes", st.reserved_bytes}, {"liveBytes", st.live_bytes},
              {"liveBlocks", st.live_blocks}, {"failures", st.failures}, {"allocs", st.total_allocs},
              {"frees", st.total_frees}});
  } else {
    const auto& ah = *region.at<FrameArenaHeader>(header_offset);
    c.fields({{"capacity", ah.end - ah.begin}, {"used", ah.top - ah.begin}, {"peak", ah.peak - ah.begin},
              {"failures", ah.failures}, {"allocs", ah.total_allocs}, {"resets", ah.resets}});
  }
}

}  // namespace

u32 Tracker::report_json(u32 mark, char* out, u32 max, Status* status) noexcept {
  if (status != nullptr) *status = Status::Ok;
  u64 stamp = 0;
  if (mode_ == TrackMode::Full && mark != 0 && mark_of(mark, &stamp) != Status::Ok) {
    if (status != nullptr) *status = Status::UnknownMark;
    return 0;
  }
  publish();
  detail::JsonWriter w(out, max);
  const ReportContext c{*this, debug_->base(), w};
  const TrackerHeader& h = *hdr_;

  w.raw("{");
  w.key("format", true);
  w.str("claw-stats");
  c.fields({{"version", 1}});
  w.key("mode");
  w.str(mode_name(mode_));
  c.fields({{"frame", h.frame}});

  w.key("records");
  // What the record capacity costs in the debug region (docs/tracking.md, Capacity): per record, the
  // record and its entry in the list of free records; and the index.
  const u64 record_bytes = static_cast<u64>(h.record_capacity) * (sizeof(TrackRecord) + sizeof(u32)) +
                           static_cast<u64>(h.index_capacity) * sizeof(TrackIndexEntry);
  c.object({{"capacity", h.record_capacity}, {"used", h.records_used}, {"overflow", h.overflow},
            {"unrecordedFrees", h.unrecorded_frees}, {"bytes", record_bytes}});

  u64 live_count = 0, live_bytes = 0;
  for (u32 i = 0; i < h.tag_count; ++i) {
    live_count += tags_[i].live_count;
    live_bytes += tags_[i].live_bytes;
  }
  w.key("totals");
  w.raw("{");
  c.traffic({h.allocs, h.frees, h.bytes_allocated, h.bytes_freed, live_count, live_bytes}, true);
  w.raw("}");

  u64 frame_allocs = 0, frame_frees = 0, frame_bytes = 0;
  for (u32 i = 0; i < h.frame_count; ++i) {
    frame_allocs += frames_[i].allocs;
    frame_frees += frames_[i].frees;
    frame_bytes += frames_[i].bytes_allocated;
  }
  const Field per_frame[] = {{"allocsPerFrame", frame_allocs}, {"freesPerFrame", frame_frees},
                             {"bytesPerFrame", frame_bytes}};
  w.key("rate");
  w.raw("{");
  w.key("frames", true);
  w.num(h.frame_count);
  for (const Field& f : per_frame) {
    w.key(f.key);
    w.ratio(f.value, h.frame_count);
  }
  w.raw("}");

  ObjectList tags(w, "tags");
  for (u32 i = 0; i < h.tag_count; ++i) {
    const TrackTag& t = tags_[i];
    tags.next();
    c.fields({{"id", i + 1}}, true);
    w.key("name");
    c.text_at(t.name_offset, t.name_length);
    c.fields({{"liveCount", t.live_count}, {"liveBytes", t.live_bytes}, {"peakBytes", t.peak_bytes},
              {"allocs", t.allocs}, {"frees", t.frees}, {"bytesAllocated", t.bytes_allocated}});
  }
  tags.close();

  // Allocators by kind, each list in (region slot, id) order.
  const u32 kinds[3] = {kKindPool, kKindSlab, kKindArena};
  const char* kind_lists[3] = {"pools", "slabs", "arenas"};
  for (u32 k = 0; k < 3; ++k) {
    ObjectList list(w, kind_lists[k]);
    for (u32 s = 0; s < kTrackMaxRegions; ++s) {
      if (slots_[s] == nullptr) continue;
      for (u32 id = 1; id < 256; ++id) {
        if (books_->fast[s][id].kind != kinds[k]) continue;
        const TrackAllocator& a = allocators_[s * 256 + id];
        list.next();
        c.fields({{"id", id}}, true);
        w.key("name");
        c.text_or_null(a.name_offset, a.name_length);
        w.key("region");
        c.text_at(regions_[s].name_offset, regions_[s].name_length);
        w.key("tag");
        c.tag(a.tag);
        allocator_figures(c, *slots_[s], kinds[k], a.header_offset);
      }
    }
    list.close();
  }

  ObjectList regions(w, "regions");
  for (u32 s = 0; s < kTrackMaxRegions; ++s) {
    if (slots_[s] == nullptr) continue;
    const TrackRegion& r = regions_[s];
    regions.next();
    w.key("name", true);
    c.text_at(r.name_offset, r.name_length);
    c.fields({{"size", r.size}, {"used", r.used}, {"liveBytes", r.live_bytes}});
  }
  regions.close();

  ObjectList frames(w, "frames");
  for (u32 i = 0; i < h.frame_count; ++i) {
    // Oldest first: the ring's oldest frame is at head when the ring is full, at 0 before.
    const TrackFrame& f = frames_[(h.frame_head + h.frame_capacity - h.frame_count + i) % h.frame_capacity];
    frames.next();
    c.fields({{"frame", f.frame}}, true);
    c.traffic({f.allocs, f.frees, f.bytes_allocated, f.bytes_freed, f.live_count, f.live_bytes});
  }
  frames.close();

  // Leaks: since `mark`, or the newest mark, or (no usable mark) every live record.
  w.key("leaks");
  w.raw("{");
  w.key("available", true);
  w.raw(mode_ == TrackMode::Full ? "true" : "false");
  u32 used_mark = 0;
  if (mode_ == TrackMode::Full) {
    const u32 wanted = mark != 0 ? mark : hdr_->mark_next - 1;
    if (wanted != 0 && mark_of(wanted, &stamp) == Status::Ok) used_mark = wanted;
  }
  w.key("mark");
  if (used_mark == 0) {
    w.raw("null");
  } else {
    w.num(used_mark);
  }
  ObjectList groups(w, "groups");
  if (mode_ == TrackMode::Full && h.records_used != 0) {
    LeakGroup* rows = new (std::nothrow) LeakGroup[h.records_used];
    u32 count = 0;
    if (rows != nullptr && group_records(stamp, 0, 0, rows, h.records_used, &count) == Status::Ok) {
      for (u32 i = 0; i < count; ++i) {
        groups.next();
        w.key("tag", true);
        c.tag(rows[i].tag);
        w.key("site");
        c.site(rows[i].site);
        c.fields({{"count", rows[i].count}, {"bytes", rows[i].bytes}, {"oldestFrame", rows[i].oldest_frame}});
      }
    }
    delete[] rows;
  }
  groups.close();
  w.raw("}");

  w.key("misuse");
  w.raw("{");
  c.fields({{"total", h.misuse_total}}, true);
  ObjectList reports(w, "reports");
  const u32 kept = h.misuse_total < h.misuse_capacity ? static_cast<u32>(h.misuse_total) : h.misuse_capacity;
  for (u32 i = 0; i < kept; ++i) {
    const TrackMisuse& m = misuse_[(h.misuse_head + h.misuse_capacity - kept + i) % h.misuse_capacity];
    const TrackRegion& r = regions_[m.region < kTrackMaxRegions ? m.region : 0];
    reports.next();
    w.key("kind", true);
    w.str(status_name(static_cast<Status>(m.status)));
    w.key("site");
    c.site(m.site);
    w.key("allocSite");
    c.site_or_null(m.alloc_site);
    w.key("freeSite");
    c.site_or_null(m.free_site);
    w.key("region");
    c.text_at(r.name_offset, r.name_length);
    c.fields({{"allocator", m.allocator}});
    w.key("tag");
    c.tag_or_null(m.tag);
    c.fields({{"offset", m.offset}, {"handle", m.handle}, {"frame", m.frame}});
  }
  reports.close();
  w.raw("}}");
  return w.length();
}

}  // namespace oc
