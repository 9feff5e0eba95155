// The window mode's session and loop (window_run.h).
#include "desktop/window/window_run.h"

#include <SDL.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "desktop/files.h"
#include "desktop/game_state.h"
#include "desktop/input_stream.h"
#include "desktop/rez_level.h"
#include "desktop/stats.h"
#include "desktop/window/camera.h"
#include "desktop/window/key_map.h"
#include "desktop/window/level_art.h"
#include "desktop/window/level_layout.h"
#include "desktop/window/renderer.h"
#include "desktop/window/archive.h"
#include "desktop/window/save_paths.h"
#include "desktop/window/session_record.h"
#include "desktop/window/texture_cache.h"

namespace oc::desktop::window {
namespace {

constexpr u32 kMessageMs = 4000;
constexpr u32 kMaxStepsPerFrame = 5;  // after a stall, catch up this many steps at most (no spiral)

RunOutcome refuse(int code, const std::string& file, Status s, const std::string& detail = {}) {
  std::string m = file + ": " + status_name(s);
  if (!detail.empty()) m += " (" + detail + ")";
  return RunOutcome{code, m};
}

u64 level_hash(const GameState& state) {
  const game::World& w = state.game.world();
  return w.level_hash_lo | static_cast<u64>(w.level_hash_hi) << 32;
}

// The SDL objects, released in order whatever path leaves run_window.
struct Sdl {
  ~Sdl() {
    for (SDL_GameController* c : pads) SDL_GameControllerClose(c);
    if (renderer != nullptr) SDL_DestroyRenderer(renderer);
    if (window != nullptr) SDL_DestroyWindow(window);
    if (started) SDL_Quit();
  }
  bool started = false;
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  std::vector<SDL_GameController*> pads;
};

class Session {
 public:
  Session(const DesktopOptions& o, GameState& state, RunTracking& tracking, const std::vector<u8>& image,
          const LevelLayout& layout, SDL_Renderer* sdl, Renderer& renderer)
      : o_(o), state_(state), tracking_(tracking), image_(image), layout_(layout), sdl_(sdl), renderer_(renderer),
        camera_(kViewW, kViewH) {
    const PlaneLayout& main = layout.planes[layout.main_plane];
    camera_.set_level(static_cast<i32>(main.tiles_x * main.tile_w), static_cast<i32>(main.tiles_y * main.tile_h));
    snap_camera();
    quick_path_ = quick_save_path(saves_dir_from_env());
    recorder_.begin(level_hash(state), state.region.frame());
  }

  RunOutcome run(const InputStream& recording, Sdl& sdl);
  // What --record writes: the steps since the start, the last quick load or the last replayed level.
  const SessionRecorder& recorder() const noexcept { return recorder_; }

 private:
  void snap_camera() {
    if (const game::Entity* p = player()) camera_.snap(p->x >> 8, p->y >> 8);
  }
  const game::Entity* player() const { return state_.game.resolve(state_.game.world().player); }
  Status step(u32 input) {
    u64 frame = 0, checksum = 0;
    const Status s = state_.game.valid() ? step_game(state_, input, &frame, &checksum) : Status::InvalidArgument;
    if (s == Status::Ok) {
      tracking_.frame_end();
      recorder_.add(input);
      if (const game::Entity* p = player()) camera_.follow(p->x >> 8, p->y >> 8);
    }
    return s;
  }
  void say(const std::string& text, bool error) {
    if (error) std::fprintf(stderr, "openclaw-desktop: %s\n", text.c_str());
    message_ = text;
    message_until_ = SDL_GetTicks64() + kMessageMs;
  }
  void quick_save();
  void quick_load();
  void replay_level();
  bool handle(const SDL_Event& e, Sdl& sdl);  // false: quit
  RunOutcome screenshot();

  const DesktopOptions& o_;
  GameState& state_;
  RunTracking& tracking_;
  const std::vector<u8>& image_;
  const LevelLayout& layout_;
  SDL_Renderer* sdl_;
  Renderer& renderer_;
  Camera camera_;
  InputState input_;
  SessionRecorder recorder_;
  std::string quick_path_;
  std::string message_;
  u64 message_until_ = 0;
};

void Session::quick_save() {
  if (quick_path_.empty()) return say("NO SAVE FOLDER: SET HOME OR XDG_DATA_HOME", true);
  std::vector<u8> bytes;
  const Status s = save_game_state(state_, &bytes);
  if (s != Status::Ok) return say(quick_path_ + ": " + status_name(s) + " (capture failed)", true);
  const std::string dir = quick_path_.substr(0, quick_path_.rfind('/'));
  int e = make_dirs(dir);
  if (e == 0) e = write_whole_file(quick_path_, bytes.data(), bytes.size());
  if (e != 0) return say(quick_path_ + ": cannot write: " + std::strerror(e), true);
  say("SAVED TO " + quick_path_, false);
}

void Session::quick_load() {
  std::vector<u8> bytes;
  if (quick_path_.empty() || read_whole_file(quick_path_, &bytes) != 0) {
    return say(quick_path_ + ": NO QUICK SAVE (F5 SAVES ONE)", true);
  }
  // A save of another level would play under this level's pictures: checked after the restore (which
  // validated everything else), and the current state put back then.
  std::vector<u8> before;
  const u64 hash = level_hash(state_);
  Status s = save_game_state(state_, &before);
  if (s == Status::Ok) s = restore_game_state(state_, bytes.data(), static_cast<u32>(bytes.size()));
  if (s != Status::Ok) return say(quick_path_ + ": " + status_name(s) + " (not loaded, the game goes on)", true);
  // The restore resynced the tracker, which expires marks made before it: --stats then reports the
  // leaks since this load.
  tracking_.mark();
  if (level_hash(state_) != hash) {
    restore_game_state(state_, before.data(), static_cast<u32>(before.size()));
    tracking_.mark();
    return say(quick_path_ + ": " + status_name(Status::BaseMismatch) + " (a save of another level)", true);
  }
  snap_camera();
  recorder_.begin(hash, state_.region.frame());
  say("LOADED " + quick_path_, false);
}

void Session::replay_level() {
  Status s = state_.game.unload_level();
  if (s == Status::Ok) s = tracking_.load_level(state_, formats::ByteSpan(image_.data(), static_cast<u32>(image_.size())));
  if (s != Status::Ok) return say(std::string("replay: ") + status_name(s), true);
  snap_camera();
  recorder_.begin(level_hash(state_), state_.region.frame());
}

bool Session::handle(const SDL_Event& e, Sdl& sdl) {
  switch (e.type) {
    case SDL_QUIT: return false;
    case SDL_KEYDOWN: {
      const KeyAction a = action_of_scancode(e.key.keysym.scancode);
      if (a == KeyAction::Quit) return false;
      if (e.key.repeat != 0) break;
      if (a == KeyAction::QuickSave) quick_save();
      else if (a == KeyAction::QuickLoad) quick_load();
      else if (e.key.keysym.scancode == SDL_SCANCODE_RETURN && state_.game.world().status >= game::kWorldComplete) replay_level();
      else input_.press(a);
      break;
    }
    case SDL_KEYUP: input_.release(action_of_scancode(e.key.keysym.scancode)); break;
    case SDL_CONTROLLERDEVICEADDED:
      if (SDL_GameController* c = SDL_GameControllerOpen(e.cdevice.which)) sdl.pads.push_back(c);
      break;
    case SDL_CONTROLLERBUTTONDOWN: input_.press(action_of_pad_button(e.cbutton.button)); break;
    case SDL_CONTROLLERBUTTONUP: input_.release(action_of_pad_button(e.cbutton.button)); break;
    case SDL_CONTROLLERAXISMOTION: {
      SDL_GameController* c = SDL_GameControllerFromInstanceID(e.caxis.which);
      if (c != nullptr) {
        input_.set_axes(SDL_GameControllerGetAxis(c, SDL_CONTROLLER_AXIS_LEFTX),
                        SDL_GameControllerGetAxis(c, SDL_CONTROLLER_AXIS_LEFTY));
      }
      break;
    }
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_FOCUS_LOST) input_.clear();
      break;
    default: break;
  }
  return true;
}

RunOutcome Session::screenshot() {
  renderer_.draw(state_.game, camera_, state_.region.frame(), {});
  i32 w = 0, h = 0;
  if (SDL_GetRendererOutputSize(sdl_, &w, &h) != 0) return RunOutcome{1, std::string("screenshot: ") + SDL_GetError()};
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  RunOutcome out;
  if (surface == nullptr ||
      SDL_RenderReadPixels(sdl_, nullptr, SDL_PIXELFORMAT_ARGB8888, surface->pixels, surface->pitch) != 0 ||
      SDL_SaveBMP(surface, o_.screenshot.c_str()) != 0) {
    out = RunOutcome{1, o_.screenshot + ": cannot save the screenshot: " + SDL_GetError()};
  }
  if (surface != nullptr) SDL_FreeSurface(surface);
  SDL_RenderPresent(sdl_);
  return out;
}

RunOutcome Session::run(const InputStream& recording, Sdl& sdl) {
  const u64 limit = o_.frames_given ? o_.frames : ~u64{0};
  u64 steps = 0;
  auto next_input = [&]() -> u32 { return steps < recording.frames.size() ? recording.frames[steps] : input_.bits(); };
  if (!o_.screenshot.empty()) {
    SDL_Event e;
    while (SDL_PollEvent(&e)) {}
    for (; steps < limit; ++steps) {
      if (const Status s = step(next_input()); s != Status::Ok) return refuse(1, "simulation", s, "step " + std::to_string(steps));
    }
    return screenshot();
  }
  const u64 freq = SDL_GetPerformanceFrequency();
  const u64 step_ticks = freq / 60;
  u64 last = SDL_GetPerformanceCounter();
  u64 acc = 0;
  for (;;) {
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
      if (!handle(e, sdl)) return {};
    }
    const u64 now = SDL_GetPerformanceCounter();
    acc += now - last;
    last = now;
    if (acc > step_ticks * kMaxStepsPerFrame) acc = step_ticks * kMaxStepsPerFrame;
    bool stepped = false;
    while (acc >= step_ticks) {
      acc -= step_ticks;
      if (steps >= limit) return {};
      if (const Status s = step(next_input()); s != Status::Ok) return refuse(1, "simulation", s, "step " + std::to_string(steps));
      ++steps;
      stepped = true;
    }
    if (!stepped) {
      SDL_Delay(1);
      continue;
    }
    if (!message_.empty() && SDL_GetTicks64() >= message_until_) message_.clear();
    renderer_.draw(state_.game, camera_, state_.region.frame(), message_);
    SDL_RenderPresent(sdl_);
  }
}

RunOutcome read_recording(const DesktopOptions& o, InputStream* in) {
  if (o.input.empty()) return {};
  std::vector<u8> bytes;
  if (const int e = read_whole_file(o.input, &bytes); e != 0) return RunOutcome{2, o.input + ": cannot read: " + std::strerror(e)};
  const Status s = parse_input(formats::ByteSpan(bytes.data(), static_cast<u32>(bytes.size())), in);
  if (s != Status::Ok) return refuse(2, o.input, s, "not a valid .clawinput v1");
  if (o.frames_given && !o.screenshot.empty() && o.frames > in->frames.size()) {
    return refuse(2, o.input, Status::OutOfRange,
                  "--frames " + std::to_string(o.frames) + " but it holds " + std::to_string(in->frames.size()) + " frames");
  }
  return {};
}

// The level from the REZ, then the --load snapshot over it (which must be of the same level: the
// window draws the REZ's level), then the recording's binding, as the headless mode checks it.
// With --stats the level loads under the tracker's 'level' tag, and the leak mark is set once the
// game is where play starts (after the snapshot, as the headless mode does).
RunOutcome start(const DesktopOptions& o, GameState& state, RunTracking& tracking, const std::vector<u8>& image,
                 const InputStream& in) {
  const std::string where = o.rez + ":" + level_world_path(o.level);
  Status s = tracking.load_level(state, formats::ByteSpan(image.data(), static_cast<u32>(image.size())));
  if (s != Status::Ok) return refuse(2, where, s, "the game refused the level");
  const u64 hash = level_hash(state);
  if (!o.load.empty()) {
    std::vector<u8> bytes;
    if (const int e = read_whole_file(o.load, &bytes); e != 0) return RunOutcome{2, o.load + ": cannot read: " + std::strerror(e)};
    s = restore_game_state(state, bytes.data(), static_cast<u32>(bytes.size()));
    if (s != Status::Ok) return refuse(2, o.load, s, "snapshot refused, nothing loaded");
    if (level_hash(state) != hash) return refuse(2, o.load, Status::BaseMismatch, "a snapshot of another level than " + where);
  }
  tracking.mark();
  if (!o.input.empty()) {
    char text[96];
    if (in.level_hash != 0 && in.level_hash != level_hash(state)) {
      std::snprintf(text, sizeof text, "recorded on level %016" PRIx64 ", the state holds %016" PRIx64, in.level_hash, level_hash(state));
      return refuse(2, o.input, Status::BaseMismatch, text);
    }
    if (in.start_frame != state.region.frame()) {
      std::snprintf(text, sizeof text, "recorded from frame %" PRIu64 ", the state is at frame %" PRIu64, in.start_frame,
                    state.region.frame());
      return refuse(2, o.input, Status::BaseMismatch, text);
    }
  }
  return {};
}

// The session's outputs at exit: the recording (also after a failed step: it then replays to the state
// just before the failure), then the stats report (not after a failed step: the unload it needs would
// run on a state the game refused). The first failure is the outcome; a later one goes to stderr.
RunOutcome finish(const DesktopOptions& o, RunOutcome outcome, const SessionRecorder& recorder, GameState& state,
                  RunTracking& tracking) {
  const bool stepped_ok = outcome.exit_code == 0;
  auto fail = [&](RunOutcome r) {
    if (outcome.exit_code == 0) outcome = std::move(r);
    else std::fprintf(stderr, "openclaw-desktop: %s\n", r.message.c_str());
  };
  std::string error;
  if (!o.record.empty() && !recorder.write(o.record, &error)) fail(RunOutcome{1, error});
  if (o.stats && stepped_ok) {
    std::string report;
    u32 leak_groups = 0;
    const Status s = tracking.finish(state, &report, &leak_groups);
    if (s != Status::Ok) {
      fail(refuse(1, "--stats", s, "the level's unload or the report failed"));
    } else {
      std::fputs(report.c_str(), stdout);
      std::fputc('\n', stdout);
      if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) fail(RunOutcome{1, std::string("the stats report: cannot write: ") + std::strerror(errno)});
    }
  }
  return outcome;
}

}  // namespace

RunOutcome run_window(const DesktopOptions& o) {
  InputStream recording;
  if (RunOutcome r = read_recording(o, &recording); r.exit_code != 0) return r;
  std::vector<u8> image;
  const RezLevelError err = read_rez_level(o.rez, o.level, &image);
  if (err.status != Status::Ok) return refuse(2, o.rez, err.status, err.detail);
  LevelLayout layout;
  std::string detail;
  if (Status s = read_level_layout(formats::ByteSpan(image.data(), static_cast<u32>(image.size())), o.level, &layout, &detail);
      s != Status::Ok) {
    return refuse(2, o.rez + ":" + level_world_path(o.level), s, detail);
  }
  if (layout.planes.empty()) return refuse(2, o.rez + ":" + level_world_path(o.level), Status::Malformed, "no planes");
  RezArchiveFile archive;
  if (Status s = archive.open(o.rez, &detail); s != Status::Ok) return refuse(2, o.rez, s, detail);

  auto state = std::make_unique<GameState>();
  if (const Status s = make_game_state(state.get()); s != Status::Ok) return refuse(1, "state region", s, "cannot create");
  // After the state (it goes first: the tracker detaches from the state region); before the load.
  RunTracking tracking;
  if (o.stats) {
    if (const Status s = tracking.attach(*state); s != Status::Ok) return refuse(1, "--stats", s, "cannot attach the tracker");
  }
  if (RunOutcome r = start(o, *state, tracking, image, recording); r.exit_code != 0) return r;

  Sdl sdl;
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER) != 0) return RunOutcome{1, std::string("SDL_Init: ") + SDL_GetError()};
  sdl.started = true;
  const i32 scale = static_cast<i32>(o.scale);
  sdl.window = SDL_CreateWindow("OpenClaw", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, kViewW * scale, kViewH * scale, 0);
  if (sdl.window == nullptr) return RunOutcome{1, std::string("SDL_CreateWindow: ") + SDL_GetError()};
  // Pixel art: scaled without smoothing (read when textures are made).
  SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
  // Accelerated with vsync when there is a GPU; the software renderer otherwise (Xvfb, no drivers).
  sdl.renderer = SDL_CreateRenderer(sdl.window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (sdl.renderer == nullptr) sdl.renderer = SDL_CreateRenderer(sdl.window, -1, SDL_RENDERER_SOFTWARE);
  if (sdl.renderer == nullptr) return RunOutcome{1, std::string("SDL_CreateRenderer: ") + SDL_GetError()};
  SDL_RenderSetLogicalSize(sdl.renderer, kViewW, kViewH);

  TextureCache textures(sdl.renderer, archive);
  if (Status s = textures.init(palette_path(layout), CacheBudget{}, &detail); s != Status::Ok) {
    return refuse(1, "picture cache", s, detail);
  }
  const LevelArt art = level_art(layout, archive);
  Renderer renderer(sdl.renderer, layout, art, textures);
  Session session(o, *state, tracking, image, layout, sdl.renderer, renderer);
  RunOutcome outcome = session.run(recording, sdl);
  return finish(o, std::move(outcome), session.recorder(), *state, tracking);
}

}  // namespace oc::desktop::window
