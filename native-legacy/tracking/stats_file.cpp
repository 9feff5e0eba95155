// StatsFile (stats_file.h): tracker reports appended to a file as JSON Lines.
#include "tracking/stats_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "tracking/tracker.h"

namespace oc {

namespace {

// A whole decimal number within u32, nothing else (so "10x" or "-1" is an error, not 10 or 2^32-1).
bool parse_u32(const char* s, u32* out) noexcept {
  if (s == nullptr || *s < '0' || *s > '9') return false;
  u64 v = 0;
  for (; *s != '\0'; ++s) {
    if (*s < '0' || *s > '9') return false;
    v = v * 10 + static_cast<u64>(*s - '0');
    if (v > 0xFFFFFFFFull) return false;
  }
  *out = static_cast<u32>(v);
  return true;
}

}  // namespace

StatsFile::~StatsFile() {
  finish();
  std::free(buffer_);
}

Status StatsFile::open(Tracker& tracker, const StatsFileOptions& options) noexcept {
  if (tracker_ != nullptr || lines_ != 0) return Status::InvalidArgument;
  const char* path = options.path != nullptr ? options.path : std::getenv("OPENCLAW_STATS");
  u32 every = options.every;
  if (every == 0) {
    const char* text = std::getenv("OPENCLAW_STATS_EVERY");
    if (text != nullptr && *text != '\0' && !parse_u32(text, &every)) return Status::InvalidArgument;
  }
  if (path == nullptr || *path == '\0') return Status::Ok;
  tracker_ = &tracker;
  path_ = path;
  every_ = every;
  mark_ = options.mark;
  return Status::Ok;
}

bool StatsFile::write() noexcept {
  if (tracker_ == nullptr) return true;
  frames_ = 0;
  // The report's length is known only by writing it: grow the buffer and write again when short.
  Status status = Status::Ok;
  u32 n = tracker_->report_json(mark_, buffer_, capacity_, &status);
  if (status != Status::Ok) {  // the mark expired (a resync): a leak list against it would be wrong
    errno = EINVAL;
    failed_ = true;
    return false;
  }
  if (n >= capacity_) {
    const u32 want = n + n / 4 + 1024;
    char* grown = static_cast<char*>(std::realloc(buffer_, want));
    if (grown == nullptr) {
      errno = ENOMEM;
      failed_ = true;
      return false;
    }
    buffer_ = grown;
    capacity_ = want;
    n = tracker_->report_json(mark_, buffer_, capacity_);
    if (n >= capacity_) {  // nothing allocates between the two calls; a report that grew is a bug
      errno = EOVERFLOW;
      failed_ = true;
      return false;
    }
  }
  if (file_ == nullptr && (file_ = std::fopen(path_, "a")) == nullptr) {
    failed_ = true;
    return false;
  }
  buffer_[n] = '\n';
  const bool ok = std::fwrite(buffer_, 1, n + 1, file_) == n + 1 && std::fflush(file_) == 0;
  if (ok) ++lines_;
  failed_ = failed_ || !ok;
  return ok;
}

bool StatsFile::frame() noexcept {
  if (tracker_ == nullptr) return true;
  ++frames_;
  return every_ == 0 || frames_ < every_ || write();
}

bool StatsFile::finish() noexcept {
  if (tracker_ == nullptr) return !failed_;
  // A line was just written for the last frame: the final one would repeat it.
  if (frames_ != 0 || lines_ == 0) write();
  if (file_ != nullptr && std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  tracker_ = nullptr;
  return !failed_;
}

}  // namespace oc
