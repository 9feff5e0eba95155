// oc-bench-desktop: the native side of the `desktop` benchmark area (tools/bench/desktop/). Times
// Game::tick alone (no frame counter, no checksum), the same work as the wasm side's one-call
// Game.simulate(), on a level read from a REZ by the desktop program's own code (rez_level.h) into a
// state region made as the web build makes it (game_state.h).
//
//   oc-bench-desktop --rez PATH [--level N] [--frames N] [--warmup N] [--reps N]
//
// Each repetition loads the level afresh (unload, load: the pool hands out the same slots each time),
// steps `warmup` frames untimed, then `frames` timed frames of the scripted input below, and prints one
// line: {"rep":i,"frames":N,"ns_per_frame":x,"status":s,"tick":t}. Exit 2 on a bad argument or level.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "desktop/game_state.h"
#include "desktop/rez_level.h"

namespace {

using oc::u32;
using oc::u64;

// The web bench page's script (web/bench/game/main.ts, scriptedInput): a 240-frame loop of running
// right with jumps and swings, then back left, so that the player keeps meeting objects.
u32 scripted_input(u32 frame) {
  const u32 t = frame % 240;
  u32 bits = t < 150 ? oc::game::kInputRight : oc::game::kInputLeft;
  if (t % 40 < 6) bits |= oc::game::kInputJump;
  if (t % 25 < 3) bits |= oc::game::kInputAttack;
  return bits;
}

bool parse_u32(const char* text, u32* out) {
  char* end = nullptr;
  const unsigned long v = std::strtoul(text, &end, 10);
  if (end == text || *end != '\0' || v > 0xFFFFFFFFul || text[0] == '-') return false;
  *out = static_cast<u32>(v);
  return true;
}

int usage(const char* why) {
  std::fprintf(stderr, "oc-bench-desktop: %s\nusage: oc-bench-desktop --rez PATH [--level N] [--frames N] [--warmup N] [--reps N]\n", why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string rez;
  u32 level = 1, frames = 3600, warmup = 300, reps = 5;
  for (int i = 1; i < argc; i += 2) {
    if (i + 1 >= argc) return usage("a value is missing");
    const char* k = argv[i];
    const char* v = argv[i + 1];
    bool ok = true;
    if (std::strcmp(k, "--rez") == 0) rez = v;
    else if (std::strcmp(k, "--level") == 0) ok = parse_u32(v, &level) && level > 0;
    else if (std::strcmp(k, "--frames") == 0) ok = parse_u32(v, &frames) && frames > 0;
    else if (std::strcmp(k, "--warmup") == 0) ok = parse_u32(v, &warmup);
    else if (std::strcmp(k, "--reps") == 0) ok = parse_u32(v, &reps) && reps > 0;
    else return usage("unknown option");
    if (!ok) return usage("not a number in range");
  }
  if (rez.empty()) return usage("--rez is required");

  std::vector<oc::u8> image;
  const oc::desktop::RezLevelError err = oc::desktop::read_rez_level(rez, level, &image);
  if (err.status != oc::Status::Ok) {
    std::fprintf(stderr, "oc-bench-desktop: %s: %s (%s)\n", rez.c_str(), oc::status_name(err.status), err.detail.c_str());
    return 2;
  }
  auto state = std::make_unique<oc::desktop::GameState>();
  if (const oc::Status s = oc::desktop::make_game_state(state.get()); s != oc::Status::Ok) {
    std::fprintf(stderr, "oc-bench-desktop: state region: %s\n", oc::status_name(s));
    return 1;
  }
  const oc::formats::ByteSpan span(image.data(), static_cast<u32>(image.size()));
  volatile u32 sink = 0;  // keeps the loop's results observable
  for (u32 rep = 0; rep < reps; ++rep) {
    oc::Status s = state->game.unload_level();
    if (s == oc::Status::Ok) s = oc::desktop::load_level(*state, span);
    if (s != oc::Status::Ok) {
      std::fprintf(stderr, "oc-bench-desktop: %s: the game refused the level: %s\n", rez.c_str(), oc::status_name(s));
      return 2;
    }
    for (u32 f = 0; f < warmup && s == oc::Status::Ok; ++f) s = state->game.tick(scripted_input(f));
    const auto t0 = std::chrono::steady_clock::now();
    for (u32 f = 0; f < frames && s == oc::Status::Ok; ++f) s = state->game.tick(scripted_input(warmup + f));
    const auto t1 = std::chrono::steady_clock::now();
    if (s != oc::Status::Ok) {
      std::fprintf(stderr, "oc-bench-desktop: tick failed: %s\n", oc::status_name(s));
      return 1;
    }
    const double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / frames;
    const oc::game::World& w = state->game.world();
    sink = sink + w.tick;
    std::printf("{\"rep\":%u,\"frames\":%u,\"ns_per_frame\":%.1f,\"status\":%u,\"tick\":%u}\n", rep, frames, ns, w.status, w.tick);
    std::fflush(stdout);
  }
  return sink == 0xFFFFFFFFu ? 1 : 0;
}
