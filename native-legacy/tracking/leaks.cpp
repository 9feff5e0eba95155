// Marks and leak deltas (full mode): a mark remembers the allocation stamp at the time it was made;
// leaks_since() groups the live records stamped after it by (tag, site), older_than() the live
// records at least N frames old. Both scan the record table once and sort what matched: the queries
// run at a level's unload or on a key press, never per allocation.
#include <algorithm>
#include <new>

#include "detail/books.h"
#include "tracker.h"

namespace oc {

namespace {

struct Match {
  u64 key;   // tag << 32 | site
  u32 age;   // frames since the allocation
  u32 frame;
  u32 size;
};

}  // namespace

u32 Tracker::mark() noexcept {
  if (mode_ != TrackMode::Full) return 0;
  const u32 id = hdr_->mark_next++;
  TrackMark& m = marks_[(id - 1) % kTrackMarks];
  m.seq = hdr_->seq + 1;  // the stamp of the last allocation so far (detail::kStampRegistered)
  m.frame = hdr_->frame;
  m.id = id;
  m.epoch = epoch_;
  return id;
}

Status Tracker::mark_of(u32 mark, u64* stamp) const noexcept {
  if (mode_ != TrackMode::Full) return Status::NotTracking;
  if (mark == 0 || mark >= hdr_->mark_next || hdr_->mark_next - mark > kTrackMarks) return Status::UnknownMark;
  const TrackMark& m = marks_[(mark - 1) % kTrackMarks];
  if (m.id != mark || m.epoch != epoch_) return Status::UnknownMark;
  *stamp = m.seq;
  return Status::Ok;
}

Status Tracker::leaks_since(u32 mark, LeakGroup* out, u32 max, u32* count) const noexcept {
  if (count == nullptr || (out == nullptr && max != 0)) return Status::InvalidArgument;
  *count = 0;
  u64 stamp = 0;
  const Status s = mark_of(mark, &stamp);
  if (s != Status::Ok) return s;
  return group_records(stamp, 0, 0, out, max, count);
}

Status Tracker::older_than(u32 frames, u32 tag, LeakGroup* out, u32 max, u32* count) const noexcept {
  if (count == nullptr || (out == nullptr && max != 0) || tag > hdr_->tag_count) return Status::InvalidArgument;
  *count = 0;
  if (mode_ != TrackMode::Full) return Status::NotTracking;
  return group_records(0, frames, tag, out, max, count);
}

Status Tracker::group_records(u64 after_stamp, u32 min_age, u32 tag, LeakGroup* out, u32 max,
                              u32* count) const noexcept {
  const u32 used = hdr_->records_used;
  *count = 0;
  if (used == 0) return Status::Ok;
  Match* matches = new (std::nothrow) Match[used];
  if (matches == nullptr) return Status::OutOfMemory;
  const u32 now = static_cast<u32>(hdr_->frame);
  u32 n = 0;
  for (u32 i = 0, seen = 0; i < hdr_->record_slots && seen < used; ++i) {
    const TrackRecord& r = records_[i];
    if (!track_live(r)) continue;
    ++seen;
    const u32 age = now - r.frame;
    if (r.seq <= after_stamp || age < min_age || (tag != 0 && r.tag != tag)) continue;
    matches[n++] = Match{static_cast<u64>(r.tag) << 32 | r.site, age, r.frame, r.size};
  }
  std::sort(matches, matches + n, [](const Match& a, const Match& b) { return a.key < b.key; });
  LeakGroup* groups = new (std::nothrow) LeakGroup[n == 0 ? 1 : n];
  if (groups == nullptr) {
    delete[] matches;
    return Status::OutOfMemory;
  }
  u32 g = 0;
  for (u32 i = 0; i < n;) {
    LeakGroup group{static_cast<u32>(matches[i].key >> 32), static_cast<u32>(matches[i].key), 0, matches[i].frame, 0};
    u32 oldest_age = matches[i].age;
    u32 j = i;
    for (; j < n && matches[j].key == matches[i].key; ++j) {
      group.count++;
      group.bytes += matches[j].size;
      if (matches[j].age > oldest_age) {
        oldest_age = matches[j].age;
        group.oldest_frame = matches[j].frame;
      }
    }
    groups[g++] = group;
    i = j;
  }
  delete[] matches;
  // Largest first; ties broken by count, then tag and site, so the order is deterministic.
  std::sort(groups, groups + g, [](const LeakGroup& a, const LeakGroup& b) {
    if (a.bytes != b.bytes) return a.bytes > b.bytes;
    if (a.count != b.count) return a.count > b.count;
    if (a.tag != b.tag) return a.tag < b.tag;
    return a.site < b.site;
  });
  for (u32 i = 0; i < g && i < max; ++i) out[i] = groups[i];
  delete[] groups;
  *count = g;
  return Status::Ok;
}

}  // namespace oc
