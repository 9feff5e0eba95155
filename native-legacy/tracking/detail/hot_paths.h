// The tracker's hottest steps, inline for the hooks (detail/hooks_inl.h) and their general paths: the
// site of a call (a one-entry cache in front of the site cache: loops allocate from one line) and the
// free ring of records (tracker_layout.h, TrackRecord).
#pragma once

#include "books.h"

namespace oc {

inline bool Tracker::quick_site(Site site, u32* id) const noexcept {
  const detail::SiteCacheEntry& last = books_->last_site;
  if (site.file == last.file && site.line == last.line) {
    *id = last.id;
    return true;
  }
  if (site.file != nullptr) return false;
  const TrackerHeader& h = *hdr_;
  *id = site.line == 0 ? h.context_site : site.line <= h.site_count ? site.line : 0;
  return true;
}

inline u32 Tracker::resolve_site(Site site) noexcept {
  u32 id;
  return quick_site(site, &id) ? id : cached_site(site.file, site.line);
}

inline u32 Tracker::record_take() noexcept {
  TrackerHeader& h = *hdr_;
  // The ring holds the record_slots - records_used records that are not live, oldest first, ending
  // at the tail: the oldest is records_used past the tail, mod record_slots.
  const u32 used = h.records_used;
  u32 at = h.record_free_tail + used;
  if (at >= h.record_slots) at -= h.record_slots;
  h.records_used = used + 1;
  return free_ring_[at];
}

inline void Tracker::record_free(u32 index, u32 free_site) noexcept {
  TrackerHeader& h = *hdr_;
  // The rest of the record stays as it was: its allocation's site and tag name it in misuse reports.
  records_[index].seq = kTrackFreed | free_site;
  const u32 tail = h.record_free_tail;
  free_ring_[tail] = index;
  h.record_free_tail = tail + 1 == h.record_slots ? 0 : tail + 1;
  h.records_used--;
}

inline void Tracker::record_release(u32 index) noexcept {
  TrackerHeader& h = *hdr_;
  records_[index].seq = 0;
  const u32 tail = h.record_free_tail;
  free_ring_[tail] = index;
  h.record_free_tail = tail + 1 == h.record_slots ? 0 : tail + 1;
  h.records_used--;
}

}  // namespace oc
