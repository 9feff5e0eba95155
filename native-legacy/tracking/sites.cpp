// Sites: interning file:line pairs and labels into 1-based ids, and their text.
//
// A C++ Site carries a pointer to a string literal and a line. The hot path never reads the text: a
// small open-addressing cache keyed by (pointer, line) maps it to the id. Only a miss (the first call
// from a given line of a given translation unit) compares text, so two literals of the same file
// (one per translation unit) still share one site per line and one copy of the path.
#include <cstdint>
#include <cstring>

#include "detail/books.h"
#include "detail/hot_paths.h"
#include "tracker.h"

namespace oc {

namespace {

constexpr u32 kSiteProbes = 8;  // a cache run longer than this is a miss that is not cached
constexpr char kUnknownSite[] = "(unknown)";

u32 put(char* out, u32 max, u32 at, const char* text, u32 length) noexcept {
  for (u32 i = 0; i < length; ++i) {
    if (at + i < max) out[at + i] = text[i];
  }
  return at + length;
}

}  // namespace

u32 Tracker::intern_file_site(const char* file, u32 line) noexcept {
  const u32 length = static_cast<u32>(std::strlen(file));
  if (length == 0) return 0;
  const u8* base = debug_->base();
  u32 file_offset = 0;
  for (u32 i = 0; i < hdr_->site_count; ++i) {
    const TrackSite& s = sites_[i];
    if (s.line == 0 || s.file_length != length || std::memcmp(base + s.file_offset, file, length) != 0) continue;
    if (s.line == line) return i + 1;
    file_offset = s.file_offset;
  }
  if (hdr_->site_count >= hdr_->site_capacity) return 0;
  if (file_offset == 0 && intern_string(file, length, &file_offset) == 0) return 0;
  TrackSite& s = sites_[hdr_->site_count];
  s.file_offset = file_offset;
  s.file_length = length;
  s.line = line;
  return ++hdr_->site_count;
}

// Out of line (the hooks inline only the one-entry check): the cache lookup, and the interning on a
// miss. The Site comes as two scalars: in wasm a struct argument is a copy in the caller's stack frame,
// and the hooks that may call this have none otherwise.
u32 Tracker::cached_site(const char* file, u32 line) noexcept {
  const Site site{file, line};
  Books& b = *books_;
  const u32 id = cache_lookup(site);
  b.last_site = detail::SiteCacheEntry{site.file, site.line, id};
  return id;
}

u32 Tracker::cache_lookup(Site site) noexcept {
  Books& b = *books_;
  const u32 mask = b.site_cache_mask;
  u32 h = (static_cast<u32>(reinterpret_cast<uintptr_t>(site.file)) ^ (site.line * 0x85EBCA6Bu)) * 0x9E3779B1u;
  h >>= 16;
  for (u32 probe = 0; probe < kSiteProbes; ++probe) {
    detail::SiteCacheEntry& e = b.site_cache[(h + probe) & mask];
    if (e.file == site.file && e.line == site.line) return e.id;
    if (e.file == nullptr) {
      // A full site table gives 0 now and forever (sites are never dropped): caching it keeps the
      // slow path off the allocation path.
      e.file = site.file;
      e.line = site.line;
      e.id = intern_file_site(site.file, site.line);
      return e.id;
    }
  }
  return intern_file_site(site.file, site.line);
}

u32 Tracker::site_label(const char* label, u32 length) noexcept {
  if (label == nullptr || length == 0) return 0;
  const u8* base = debug_->base();
  for (u32 i = 0; i < hdr_->site_count; ++i) {
    const TrackSite& s = sites_[i];
    if (s.line == 0 && s.file_length == length && std::memcmp(base + s.file_offset, label, length) == 0) return i + 1;
  }
  if (hdr_->site_count >= hdr_->site_capacity) return 0;
  u32 offset = 0;
  if (intern_string(label, length, &offset) == 0) return 0;
  TrackSite& s = sites_[hdr_->site_count];
  s.file_offset = offset;
  s.file_length = length;
  s.line = 0;
  return ++hdr_->site_count;
}

u32 Tracker::site_text(u32 site, char* out, u32 max) const noexcept {
  if (out == nullptr) max = 0;
  if (site == 0 || site > hdr_->site_count) return put(out, max, 0, kUnknownSite, sizeof(kUnknownSite) - 1);
  const TrackSite& s = sites_[site - 1];
  const char* text = reinterpret_cast<const char*>(debug_->base() + s.file_offset);
  if (s.line == 0) return put(out, max, 0, text, s.file_length);
  // The file's last two path components: enough to tell memory/pool.cpp from game/pool.cpp, short
  // enough for a table column, and the same whatever directory the build ran in.
  u32 start = s.file_length;
  u32 separators = 0;
  while (start > 0) {
    const char c = text[start - 1];
    if ((c == '/' || c == '\\') && ++separators == 2) break;
    --start;
  }
  u32 at = put(out, max, 0, text + start, s.file_length - start);
  char digits[10];
  u32 n = 0;
  u32 line = s.line;
  do {
    digits[n++] = static_cast<char>('0' + line % 10);
    line /= 10;
  } while (line != 0);
  at = put(out, max, at, ":", 1);
  while (n > 0) at = put(out, max, at, &digits[--n], 1);
  return at;
}

u32 Tracker::tag_name(u32 tag, char* out, u32 max) const noexcept {
  if (out == nullptr) max = 0;
  if (tag == 0 || tag > hdr_->tag_count) return 0;
  const TrackTag& t = tags_[tag - 1];
  return put(out, max, 0, reinterpret_cast<const char*>(debug_->base() + t.name_offset), t.name_length);
}

}  // namespace oc
