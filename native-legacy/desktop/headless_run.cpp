// The headless run (headless_run.h).
#include "desktop/headless_run.h"

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "desktop/files.h"
#include "desktop/game_state.h"
#include "desktop/input_stream.h"
#include "desktop/rez_level.h"
#include "desktop/stats.h"
#include "snapshot/snapshot.h"

namespace oc::desktop {
namespace {

RunOutcome refuse(int code, const std::string& file, Status s, const std::string& detail = {}) {
  std::string m = file + ": " + status_name(s);
  if (!detail.empty()) m += " (" + detail + ")";
  return RunOutcome{code, m};
}

RunOutcome io_failure(int code, const std::string& file, const char* doing, int error) {
  return RunOutcome{code, file + ": cannot " + doing + ": " + std::strerror(error)};
}

RunOutcome read_input(const DesktopOptions& o, InputStream* in) {
  if (o.input.empty()) {
    in->frames.assign(o.frames, 0);
    return {};
  }
  std::vector<u8> bytes;
  if (const int e = read_whole_file(o.input, &bytes); e != 0) return io_failure(2, o.input, "read", e);
  const Status s = parse_input(formats::ByteSpan(bytes.data(), static_cast<u32>(bytes.size())), in);
  if (s != Status::Ok) return refuse(2, o.input, s, "not a valid .clawinput v1");
  if (o.frames > in->frames.size()) {
    return refuse(2, o.input, Status::OutOfRange,
                  "--frames " + std::to_string(o.frames) + " but it holds " + std::to_string(in->frames.size()) + " frames");
  }
  return {};
}

RunOutcome start_state(const DesktopOptions& o, GameState& state, RunTracking& tracking) {
  if (!o.load.empty()) {
    std::vector<u8> bytes;
    if (const int e = read_whole_file(o.load, &bytes); e != 0) return io_failure(2, o.load, "read", e);
    const Status s = restore_game_state(state, bytes.data(), static_cast<u32>(bytes.size()));
    if (s != Status::Ok) return refuse(2, o.load, s, "snapshot refused, nothing loaded");
    return {};
  }
  std::vector<u8> image;
  const RezLevelError err = read_rez_level(o.rez, o.level, &image);
  if (err.status != Status::Ok) return refuse(2, o.rez, err.status, err.detail);
  const Status s = tracking.load_level(state, formats::ByteSpan(image.data(), static_cast<u32>(image.size())));
  if (s != Status::Ok) return refuse(2, o.rez + ":" + level_world_path(o.level), s, "the game refused the level");
  return {};
}

RunOutcome check_binding(const DesktopOptions& o, const InputStream& in, const GameState& state) {
  if (o.input.empty()) return {};
  const game::World& w = state.game.world();
  const u64 level = w.level_hash_lo | static_cast<u64>(w.level_hash_hi) << 32;
  char text[96];
  if (in.level_hash != 0 && in.level_hash != level) {
    std::snprintf(text, sizeof text, "recorded on level %016" PRIx64 ", the state holds %016" PRIx64, in.level_hash, level);
    return refuse(2, o.input, Status::BaseMismatch, text);
  }
  if (in.start_frame != state.region.frame()) {
    std::snprintf(text, sizeof text, "recorded from frame %" PRIu64 ", the state is at frame %" PRIu64, in.start_frame,
                  state.region.frame());
    return refuse(2, o.input, Status::BaseMismatch, text);
  }
  return {};
}

void append_line(std::string* out, u64 frame, u64 checksum) {
  char line[48];
  const int n = std::snprintf(line, sizeof line, "%" PRIu64 " %016" PRIx64 "\n", frame, checksum);
  out->append(line, static_cast<size_t>(n));
}

}  // namespace

RunOutcome run_headless(const DesktopOptions& o, RunSummary* summary, std::FILE* report_out) {
  RunSummary local;
  RunSummary& sum = summary != nullptr ? *summary : local;
  sum = RunSummary{};
  InputStream in;
  if (RunOutcome r = read_input(o, &in); r.exit_code != 0) return r;

  // 16 MiB of region plus the Game view: on the heap, and it must not move once made.
  auto state = std::make_unique<GameState>();
  if (const Status s = make_game_state(state.get()); s != Status::Ok) return refuse(1, "state region", s, "cannot create");
  // After the state (it goes first: the tracker detaches from the state region). Attached before the
  // load so that the level's blocks are recorded with their tag and site; a restore resyncs it.
  RunTracking tracking;
  if (o.stats) {
    if (const Status s = tracking.attach(*state); s != Status::Ok) return refuse(1, "--stats", s, "cannot attach the tracker");
  }
  if (RunOutcome r = start_state(o, *state, tracking); r.exit_code != 0) return r;
  tracking.mark();
  if (RunOutcome r = check_binding(o, in, *state); r.exit_code != 0) return r;

  sum.first_frame = state->region.frame();
  sum.last_frame = sum.first_frame;
  sum.last_checksum = region_checksum(state->region);
  std::string lines;
  if (!o.checksums.empty()) lines.reserve(static_cast<size_t>(o.frames) * 34);
  std::vector<u8> snapshot;
  const bool save = !o.save.empty();
  auto save_now = [&]() -> RunOutcome {
    const Status s = save_game_state(*state, &snapshot);
    if (s != Status::Ok) return refuse(1, o.save, s, "capture failed");
    sum.saved = true;
    sum.saved_frame = state->region.frame();
    return {};
  };
  if (save && o.save_at_given && o.save_at == sum.first_frame) {
    if (RunOutcome r = save_now(); r.exit_code != 0) return r;
  }
  for (u32 i = 0; i < o.frames; ++i) {
    const Status s = step_game(*state, in.frames[i], &sum.last_frame, &sum.last_checksum);
    if (s != Status::Ok) {
      return refuse(1, o.input.empty() ? std::string("simulation") : o.input, s,
                    "step " + std::to_string(i) + " at frame " + std::to_string(state->region.frame()));
    }
    tracking.frame_end();
    if (!o.checksums.empty()) append_line(&lines, sum.last_frame, sum.last_checksum);
    if (save && !sum.saved && o.save_at_given && o.save_at == sum.last_frame) {
      if (RunOutcome r = save_now(); r.exit_code != 0) return r;
    }
  }
  if (save && !sum.saved) {
    if (RunOutcome r = save_now(); r.exit_code != 0) return r;
  }

  if (!o.checksums.empty()) {
    const int e = write_whole_file(o.checksums, reinterpret_cast<const u8*>(lines.data()), lines.size());
    if (e != 0) return io_failure(1, o.checksums, "write", e);
  }
  if (save) {
    const int e = write_whole_file(o.save, snapshot.data(), snapshot.size());
    if (e != 0) return io_failure(1, o.save, "write", e);
  }
  if (o.stats) {
    // Last, after every checksum and the snapshot: the unload changes the state region.
    const Status s = tracking.finish(*state, &sum.stats_report, &sum.leak_groups);
    if (s != Status::Ok) return refuse(1, "--stats", s, "the level's unload or the report failed");
    if (report_out != nullptr) {
      std::fputs(sum.stats_report.c_str(), report_out);
      std::fputc('\n', report_out);
      if (std::fflush(report_out) != 0 || std::ferror(report_out) != 0) return io_failure(1, "the stats report", "write", errno);
    }
  }
  return {};
}

}  // namespace oc::desktop
