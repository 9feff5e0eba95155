// Misuse reports: a bad free or a bad handle, reported by the allocators' cold paths, is stored with
// the site of the bad call and, when the tracker still knows the block, the sites where it was
// allocated and freed: from its live record, or from its freed record, which stays in the table
// until the free ring comes round to it (tracker_layout.h, TrackRecord). The lookups scan linearly:
// misuse is rare, and the hot paths must not pay for an index that only misuse would use.
#include "detail/books.h"
#include "detail/hot_paths.h"
#include "memory/fixed_pool.h"
#include "tracker.h"

namespace oc {

namespace {

bool free_first(Status s) noexcept { return s == Status::DoubleFree || s == Status::StaleHandle; }

}  // namespace

void Tracker::misuse_hook(const Region& r, u32 allocator, Status status, Handle h, Offset off, const char* file,
                          u32 line) noexcept {
  const Site site{file, line};
  const u32 slot = r.track_slot();
  hdr_->misuse_total++;
  TrackMisuse m{};
  m.status = static_cast<u32>(status);
  m.site = resolve_site(site);
  m.frame = static_cast<u32>(hdr_->frame);
  m.region = static_cast<u8>(slot);
  m.allocator = static_cast<u8>(allocator);
  m.handle = h;
  m.offset = off;
  // A pool handle names its pool in its top 8 bits: a foreign handle is looked up in its own pool.
  const u32 owner = h != kNullHandle ? h >> 24 : allocator;
  if (h != kNullHandle && off == 0 && slot < kTrackMaxRegions && books_->fast[slot][owner].kind == kKindPool) {
    const auto& ph = *r.at<FixedPoolHeader>(allocators_[slot * 256 + owner].header_offset);
    const u32 index = h & ((1u << ph.index_bits) - 1);
    if (index < ph.capacity) m.offset = ph.slots_offset + index * ph.slot_size;
  }
  auto matches = [&](const TrackRecord& rec) {
    if (rec.region != slot) return false;
    if (h != kNullHandle) return rec.handle == h && rec.allocator == owner;
    return off >= rec.offset && off - rec.offset < (rec.size == 0 ? 1 : rec.size);
  };
  bool found = false;
  // Newest free first: the ring's tail end. A block freed, reallocated and freed again has several
  // freed records; the latest free is the one a double free or a stale handle repeats.
  auto from_freed = [&]() {
    const TrackerHeader& th = *hdr_;
    const u32 n = th.record_slots - th.records_used;
    for (u32 k = 1; k <= n && !found; ++k) {
      const u32 at = th.record_free_tail >= k ? th.record_free_tail - k : th.record_free_tail + th.record_slots - k;
      const TrackRecord& rec = records_[free_ring_[at]];
      if (!track_freed(rec) || rec.region != slot) continue;
      // Freed blocks match exactly: an interior offset of a block that is gone names nothing.
      const bool same = h != kNullHandle ? rec.handle == h && rec.allocator == owner : rec.offset == off;
      if (same) {
        m.alloc_site = rec.site;
        m.free_site = track_free_site(rec);
        m.tag = rec.tag;
        found = true;
      }
    }
  };
  auto from_records = [&]() {
    if (h == kNullHandle) {
      const u32 ref = record_find(slot, off);
      if (ref != 0) {
        m.alloc_site = records_[ref - 1].site;
        m.tag = records_[ref - 1].tag;
        found = true;
        return;
      }
    }
    for (u32 i = 0, seen = 0; i < hdr_->record_slots && seen < hdr_->records_used && !found; ++i) {
      const TrackRecord& rec = records_[i];
      if (!track_live(rec)) continue;
      ++seen;
      if (matches(rec)) {
        m.alloc_site = rec.site;
        m.tag = rec.tag;
        found = true;
      }
    }
  };
  if (free_first(status)) {
    from_freed();
    if (!found) from_records();
  } else {
    from_records();
    if (!found) from_freed();
  }
  misuse_[hdr_->misuse_head] = m;
  hdr_->misuse_head = hdr_->misuse_head + 1 == hdr_->misuse_capacity ? 0 : hdr_->misuse_head + 1;
}

}  // namespace oc
