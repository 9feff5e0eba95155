// Tracker::report_json: the TrackerReport of engine/tracking/report.ts as one line of JSON. That file
// is the contract (and tools/stats/schema.json its schema): field names and order follow it.
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

// The report's reader of the tracker's tables, so that the writer below stays a list of fields.
struct ReportContext {
  const Tracker& t;
  const u8* debug;
  detail::JsonWriter& w;

  void text_at(u32 offset, u32 length) const noexcept {
    w.str(reinterpret_cast<const char*>(debug + offset), length);
  }
  void site(u32 id) const noexcept {
    char buf[kSiteTextMax];
    const u32 n = t.site_text(id, buf, kSiteTextMax);
    w.str(buf, n < kSiteTextMax ? n : kSiteTextMax);
  }
  void site_or_null(u32 id) const noexcept {
    if (id == 0) {
      w.raw("null");
    } else {
      site(id);
    }
  }
  void tag(u32 id) const noexcept {
    char buf[kSiteTextMax];
    const u32 n = t.tag_name(id, buf, kSiteTextMax);
    w.str(buf, n < kSiteTextMax ? n : kSiteTextMax);
  }
};

}  // namespace

u32 Tracker::report_json(u32 mark, char* out, u32 max) noexcept {
  publish();
  detail::JsonWriter w(out, max);
  const ReportContext c{*this, debug_->base(), w};
  const TrackerHeader& h = *hdr_;

  w.raw("{");
  w.key("format", true);
  w.str("claw-stats");
  w.key("version");
  w.num(1);
  w.key("mode");
  w.str(mode_name(mode_));
  w.key("frame");
  w.num(h.frame);

  w.key("records");
  w.raw("{");
  w.key("capacity", true);
  w.num(h.record_capacity);
  w.key("used");
  w.num(h.records_used);
  w.key("overflow");
  w.num(h.overflow);
  w.key("unrecordedFrees");
  w.num(h.unrecorded_frees);
  w.key("bytes");  // what the records cost in the debug region: the table and its index
  w.num(static_cast<u64>(h.record_capacity) * sizeof(TrackRecord) +
        static_cast<u64>(h.index_capacity) * sizeof(TrackIndexEntry));
  w.raw("}");

  u64 live_count = 0, live_bytes = 0;
  for (u32 i = 0; i < h.tag_count; ++i) {
    live_count += tags_[i].live_count;
    live_bytes += tags_[i].live_bytes;
  }
  w.key("totals");
  w.raw("{");
  w.key("allocs", true);
  w.num(h.allocs);
  w.key("frees");
  w.num(h.frees);
  w.key("bytesAllocated");
  w.num(h.bytes_allocated);
  w.key("bytesFreed");
  w.num(h.bytes_freed);
  w.key("liveCount");
  w.num(live_count);
  w.key("liveBytes");
  w.num(live_bytes);
  w.raw("}");

  u64 frame_allocs = 0, frame_frees = 0, frame_bytes = 0;
  for (u32 i = 0; i < h.frame_count; ++i) {
    frame_allocs += frames_[i].allocs;
    frame_frees += frames_[i].frees;
    frame_bytes += frames_[i].bytes_allocated;
  }
  w.key("rate");
  w.raw("{");
  w.key("frames", true);
  w.num(h.frame_count);
  w.key("allocsPerFrame");
  w.ratio(frame_allocs, h.frame_count);
  w.key("freesPerFrame");
  w.ratio(frame_frees, h.frame_count);
  w.key("bytesPerFrame");
  w.ratio(frame_bytes, h.frame_count);
  w.raw("}");

  w.key("tags");
  w.raw("[");
  for (u32 i = 0; i < h.tag_count; ++i) {
    const TrackTag& t = tags_[i];
    w.raw(i == 0 ? "{" : ",{");
    w.key("id", true);
    w.num(i + 1);
    w.key("name");
    c.text_at(t.name_offset, t.name_length);
    w.key("liveCount");
    w.num(t.live_count);
    w.key("liveBytes");
    w.num(t.live_bytes);
    w.key("peakBytes");
    w.num(t.peak_bytes);
    w.key("allocs");
    w.num(t.allocs);
    w.key("frees");
    w.num(t.frees);
    w.key("bytesAllocated");
    w.num(t.bytes_allocated);
    w.raw("}");
  }
  w.raw("]");

  // Allocators by kind, each list in (region slot, id) order.
  const u32 kinds[3] = {kKindPool, kKindSlab, kKindArena};
  const char* lists[3] = {"pools", "slabs", "arenas"};
  for (u32 k = 0; k < 3; ++k) {
    w.key(lists[k]);
    w.raw("[");
    bool first = true;
    for (u32 s = 0; s < kTrackMaxRegions; ++s) {
      Region* region = slots_[s];
      if (region == nullptr) continue;
      for (u32 id = 1; id < 256; ++id) {
        const TrackAllocator& a = allocators_[s * 256 + id];
        if (books_->fast[s][id].kind != kinds[k]) continue;
        w.raw(first ? "{" : ",{");
        first = false;
        w.key("id", true);
        w.num(id);
        w.key("name");
        if (a.name_length == 0) {
          w.raw("null");
        } else {
          c.text_at(a.name_offset, a.name_length);
        }
        w.key("region");
        c.text_at(regions_[s].name_offset, regions_[s].name_length);
        w.key("tag");
        c.tag(a.tag);
        if (kinds[k] == kKindPool) {
          const auto& ph = *region->at<FixedPoolHeader>(a.header_offset);
          w.key("capacity");
          w.num(ph.capacity);
          w.key("live");
          w.num(ph.live);
          w.key("peak");
          w.num(ph.peak);
          w.key("slotSize");
          w.num(ph.slot_size);
          w.key("liveBytes");
          w.num(static_cast<u64>(ph.live) * ph.slot_size);
          w.key("failures");
          w.num(ph.failures);
          w.key("allocs");
          w.num(ph.total_allocs);
          w.key("frees");
          w.num(ph.total_frees);
        } else if (kinds[k] == kKindSlab) {
          const Result<SlabAllocator> slab = SlabAllocator::attach(*region, a.header_offset);
          const SlabStats st = slab.ok() ? slab.value.stats() : SlabStats{};
          w.key("arenaBytes");
          w.num(st.arena_bytes);
          w.key("reservedBytes");
          w.num(st.reserved_bytes);
          w.key("liveBytes");
          w.num(st.live_bytes);
          w.key("liveBlocks");
          w.num(st.live_blocks);
          w.key("failures");
          w.num(st.failures);
          w.key("allocs");
          w.num(st.total_allocs);
          w.key("frees");
          w.num(st.total_frees);
        } else {
          const auto& ah = *region->at<FrameArenaHeader>(a.header_offset);
          w.key("capacity");
          w.num(ah.end - ah.begin);
          w.key("used");
          w.num(ah.top - ah.begin);
          w.key("peak");
          w.num(ah.peak - ah.begin);
          w.key("failures");
          w.num(ah.failures);
          w.key("allocs");
          w.num(ah.total_allocs);
          w.key("resets");
          w.num(ah.resets);
        }
        w.raw("}");
      }
    }
    w.raw("]");
  }

  w.key("regions");
  w.raw("[");
  bool first_region = true;
  for (u32 s = 0; s < kTrackMaxRegions; ++s) {
    if (slots_[s] == nullptr) continue;
    const TrackRegion& r = regions_[s];
    w.raw(first_region ? "{" : ",{");
    first_region = false;
    w.key("name", true);
    c.text_at(r.name_offset, r.name_length);
    w.key("size");
    w.num(r.size);
    w.key("used");
    w.num(r.used);
    w.key("liveBytes");
    w.num(r.live_bytes);
    w.raw("}");
  }
  w.raw("]");

  w.key("frames");
  w.raw("[");
  for (u32 i = 0; i < h.frame_count; ++i) {
    // Oldest first: the ring's oldest frame is at head when the ring is full, at 0 before.
    const u32 at = (h.frame_head + h.frame_capacity - h.frame_count + i) % h.frame_capacity;
    const TrackFrame& f = frames_[at];
    w.raw(i == 0 ? "{" : ",{");
    w.key("frame", true);
    w.num(f.frame);
    w.key("allocs");
    w.num(f.allocs);
    w.key("frees");
    w.num(f.frees);
    w.key("bytesAllocated");
    w.num(f.bytes_allocated);
    w.key("bytesFreed");
    w.num(f.bytes_freed);
    w.key("liveCount");
    w.num(f.live_count);
    w.key("liveBytes");
    w.num(f.live_bytes);
    w.raw("}");
  }
  w.raw("]");

  // Leaks: since `mark`, or the newest mark, or (no usable mark) every live record.
  w.key("leaks");
  w.raw("{");
  w.key("available", true);
  w.raw(mode_ == TrackMode::Full ? "true" : "false");
  u64 stamp = 0;
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
  w.key("groups");
  w.raw("[");
  if (mode_ == TrackMode::Full && h.records_used != 0) {
    LeakGroup* groups = new (std::nothrow) LeakGroup[h.records_used];
    u32 count = 0;
    if (groups != nullptr && group_records(stamp, 0, 0, groups, h.records_used, &count) == Status::Ok) {
      for (u32 i = 0; i < count; ++i) {
        w.raw(i == 0 ? "{" : ",{");
        w.key("tag", true);
        c.tag(groups[i].tag);
        w.key("site");
        c.site(groups[i].site);
        w.key("count");
        w.num(groups[i].count);
        w.key("bytes");
        w.num(groups[i].bytes);
        w.key("oldestFrame");
        w.num(groups[i].oldest_frame);
        w.raw("}");
      }
    }
    delete[] groups;
  }
  w.raw("]}");

  w.key("misuse");
  w.raw("{");
  w.key("total", true);
  w.num(h.misuse_total);
  w.key("reports");
  w.raw("[");
  const u32 kept = h.misuse_total < h.misuse_capacity ? static_cast<u32>(h.misuse_total) : h.misuse_capacity;
  for (u32 i = 0; i < kept; ++i) {
    const TrackMisuse& m = misuse_[(h.misuse_head + h.misuse_capacity - kept + i) % h.misuse_capacity];
    w.raw(i == 0 ? "{" : ",{");
    w.key("kind", true);
    w.str(status_name(static_cast<Status>(m.status)));
    w.key("site");
    c.site(m.site);
    w.key("allocSite");
    c.site_or_null(m.alloc_site);
    w.key("freeSite");
    c.site_or_null(m.free_site);
    w.key("region");
    const TrackRegion& r = regions_[m.region < kTrackMaxRegions ? m.region : 0];
    c.text_at(r.name_offset, r.name_length);
    w.key("allocator");
    w.num(m.allocator);
    w.key("tag");
    if (m.tag == 0) {
      w.raw("null");
    } else {
      c.tag(m.tag);
    }
    w.key("offset");
    w.num(m.offset);
    w.key("handle");
    w.num(m.handle);
    w.key("frame");
    w.num(m.frame);
    w.raw("}");
  }
  w.raw("]}}");
  return w.length();
}

}  // namespace oc
