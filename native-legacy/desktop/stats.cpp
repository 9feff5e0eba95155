// The headless run's allocation tracker (stats.h).
#include "desktop/stats.h"

#include <string>

#include "tracking/tracker.h"

namespace oc::desktop {
namespace {

// engine/game/game.ts names these; the same names make a native report read like the page's.
constexpr const char kLevelTag[] = "level";
constexpr const char kLoadSite[] = "game.loadLevel";
constexpr const char kUnloadSite[] = "game.unloadLevel";
constexpr const char kPoolName[] = "entities";
constexpr const char kSlabName[] = "state slab";
constexpr const char kRegionName[] = "state";

constexpr u32 len(const char* s) noexcept { return static_cast<u32>(std::char_traits<char>::length(s)); }

}  // namespace

RunTracking::~RunTracking() { delete tracker_; }

Status RunTracking::attach(GameState& state) noexcept {
  if (tracker_ != nullptr || !state.game.valid()) return Status::InvalidArgument;
  TrackerOptions options;
  options.mode = TrackMode::Full;
  const u32 need = Tracker::bytes_needed(options);
  if (need == 0) return Status::InvalidArgument;
  // + the region's own header and the tables' alignment (as oc-snap sizes its debug region).
  Status s = debug_.init(need + 64 * 1024);
  if (s != Status::Ok) return s;
  const Result<Tracker*> made = Tracker::create(debug_, options);
  if (!made.ok()) return made.status;
  tracker_ = made.value;
  s = tracker_->attach(state.region, kRegionName, len(kRegionName));
  if (s != Status::Ok) return s;
  // Names are for people reading the report: a full name table only leaves them out, so not checked.
  const u32 pool = state.game.pool().id();
  (void)tracker_->set_allocator_tag(state.region, pool, tracker_->tag(kPoolName, len(kPoolName)));
  (void)tracker_->set_allocator_name(state.region, pool, kPoolName, len(kPoolName));
  (void)tracker_->set_allocator_name(state.region, state.game.slab().id(), kSlabName, len(kSlabName));
  return Status::Ok;
}

Status RunTracking::load_level(GameState& state, formats::ByteSpan image) noexcept {
  if (tracker_ == nullptr) return desktop::load_level(state, image);
  tracker_->set_context(tracker_->tag(kLevelTag, len(kLevelTag)), tracker_->site_label(kLoadSite, len(kLoadSite)));
  const Status s = desktop::load_level(state, image);
  tracker_->set_context(0, 0);
  return s;
}

void RunTracking::mark() noexcept {
  if (tracker_ != nullptr) mark_ = tracker_->mark();
}

void RunTracking::frame_end() noexcept {
  if (tracker_ != nullptr) tracker_->frame_end();
}

Status RunTracking::finish(GameState& state, std::string* report, u32* leak_groups) noexcept {
  report->clear();
  *leak_groups = 0;
  if (tracker_ == nullptr) return Status::NotTracking;
  tracker_->set_context(0, tracker_->site_label(kUnloadSite, len(kUnloadSite)));
  Status s = state.game.unload_level();
  tracker_->set_context(0, 0);
  if (s != Status::Ok) return s;
  s = tracker_->leaks_since(mark_, nullptr, 0, leak_groups);
  if (s != Status::Ok) return s;
  // The length first, then the text: the report's size depends on the tags, sites and leaks.
  const u32 n = tracker_->report_json(mark_, nullptr, 0, &s);
  if (s != Status::Ok) return s;
  report->resize(n);
  const u32 written = tracker_->report_json(mark_, report->data(), n, &s);
  if (s != Status::Ok) return s;
  report->resize(written < n ? written : n);
  return Status::Ok;
}

}  // namespace oc::desktop
