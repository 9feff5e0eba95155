// The headless mode of openclaw-desktop: a fresh level from a REZ (or a snapshot), N frames of recorded
// input, per-frame checksums and a snapshot written to files. What the cross-build tests drive.
#pragma once

#include <cstdio>
#include <string>

#include "desktop/options.h"
#include "memory/types.h"

namespace oc::desktop {

struct RunOutcome {
  int exit_code = 0;    // 0 ok; 1 a failure while running or writing; 2 a refused argument or input file
  std::string message;  // one line naming the file and the status (empty when exit_code is 0)
};

struct RunSummary {
  u64 first_frame = 0;    // the frame counter before the first step (the snapshot's, or 0)
  u64 last_frame = 0;     // after the last step
  u64 last_checksum = 0;  // of the state after the last step (before any step: of the start state)
  u64 saved_frame = 0;    // the frame counter of the written snapshot
  bool saved = false;
  // --stats: the tracker's report (one JSON line, docs/claw-stats.md; also printed to stdout) and the
  // number of (tag, site) groups allocated after the level load and still alive after its unload.
  std::string stats_report;
  u32 leak_groups = 0;
};

// Runs options.frames steps as options say (options.h). Input files are checked before anything runs;
// outputs (--checksums, --save) are written only once every step has succeeded, so a refused input or
// a failed step writes no file. The input must fit the start state: BaseMismatch when it is bound to
// another level (its level_hash is not World.level_hash) or was recorded from another frame (its
// start_frame is not the frame counter after the load). --stats attaches a full-mode tracker to the
// state region (stats.h; the checksums do not change) and, once everything else succeeded, unloads
// the level and prints the tracker's report as one claw-stats line on stdout: its leak list holds
// what was allocated after the load and is still alive after the unload (empty for a sound game).
// The --stats report line goes to `report_out` (nullptr: only into summary->stats_report).
RunOutcome run_headless(const DesktopOptions& options, RunSummary* summary = nullptr, std::FILE* report_out = stdout);

}  // namespace oc::desktop
