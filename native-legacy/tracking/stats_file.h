// StatsFile: a native program's tracker reports, as stats lines for claw-stats (docs/claw-stats.md).
// Each line is one Tracker::report_json() followed by '\n', appended to a file: every `every` frames
// (when the program calls frame() after Tracker::frame_end()) and once more at the end (finish(), or
// the destructor). Lines are flushed as they are written, so `claw-stats --watch` sees each one whole.
//
// The file is named by the program (StatsFileOptions::path) or by the environment, so that any
// program built on the SDK can be asked for stats without a flag of its own:
//   OPENCLAW_STATS=<path>         append the reports to <path> (unset or empty: no stats file)
//   OPENCLAW_STATS_EVERY=<n>      also every n frames (unset or 0: only at the end)
//
// The report is read from the tracker's tables and written with stdio: the hot paths never see it.
// Not for the wasm build (no file system there): the engine's tracker.reportJson() is its twin.
#pragma once

#include <cstdio>

#include "memory/types.h"

namespace oc {

class Tracker;

struct StatsFileOptions {
  const char* path = nullptr;  // nullptr: $OPENCLAW_STATS
  u32 every = 0;               // frames between lines; 0: $OPENCLAW_STATS_EVERY (unset: only at the end)
  u32 mark = 0;                // the mark the reports' leak lists are relative to (0: the newest)
};

class StatsFile {
 public:
  StatsFile() = default;
  ~StatsFile();  // finish()
  StatsFile(const StatsFile&) = delete;
  StatsFile& operator=(const StatsFile&) = delete;

  // Binds to `tracker` (which must outlive this object, or be unbound by finish() first). Ok and
  // disabled when no path is given or set; InvalidArgument for an OPENCLAW_STATS_EVERY that is not a
  // whole number, or a second open(). The file is created on the first line.
  Status open(Tracker& tracker, const StatsFileOptions& options = {}) noexcept;
  bool enabled() const noexcept { return tracker_ != nullptr; }
  const char* path() const noexcept { return path_; }
  u32 every() const noexcept { return every_; }

  // One frame has ended: appends a line every `every` frames. false when the write failed (errno).
  bool frame() noexcept;
  // Appends a line now. false when the file cannot be opened or written (errno says why), or when
  // `mark` is no longer usable (EINVAL: Tracker::report_json refuses it, e.g. after a resync).
  bool write() noexcept;
  // The last line (unless one was just written for this frame), then closes the file and unbinds.
  // Runs once; false when a write failed (now or earlier).
  bool finish() noexcept;

  u32 lines() const noexcept { return lines_; }

 private:
  Tracker* tracker_ = nullptr;
  const char* path_ = nullptr;
  std::FILE* file_ = nullptr;
  char* buffer_ = nullptr;
  u32 capacity_ = 0;
  u32 every_ = 0;
  u32 mark_ = 0;
  u32 frames_ = 0;       // frames ended since the last line
  u32 lines_ = 0;
  bool failed_ = false;
};

}  // namespace oc
