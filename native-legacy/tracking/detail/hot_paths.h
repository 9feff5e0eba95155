// The tracker's hottest steps, inline so that a pool's full-mode hook is one call deep: the site of a
// call (a one-entry cache in front of the site cache: loops allocate from one line), the record free
// list and the graveyard. Included by the translation units that use them.
#pragma once

#include "books.h"

namespace oc {

inline u32 Tracker::resolve_site(Site site) noexcept {
  if (site.file == nullptr) {
    if (site.line == 0) return hdr_->context_site;
    return site.line <= hdr_->site_count ? site.line : 0;
  }
  const detail::SiteCacheEntry& last = books_->last_site;
  if (site.file == last.file && site.line == last.line) return last.id;
  return cached_site(site);
}

inline void Tracker::record_release(u32 index) noexcept {
  // seq == 0 is what marks a record free; the other fields are left as they were.
  records_[index].seq = 0;
  free_stack_[hdr_->record_free_head++] = index;
  hdr_->records_used--;
}

inline void Tracker::grave_push(const TrackRecord& r, u32 free_site) noexcept {
  TrackGrave& g = graves_[hdr_->graveyard_head];
  g.record = r;
  g.free_site = free_site;
  g.free_frame = static_cast<u32>(hdr_->frame);
  hdr_->graveyard_head = hdr_->graveyard_head + 1 == hdr_->graveyard_capacity ? 0 : hdr_->graveyard_head + 1;
  if (hdr_->graveyard_count < hdr_->graveyard_capacity) hdr_->graveyard_count++;
}

}  // namespace oc
