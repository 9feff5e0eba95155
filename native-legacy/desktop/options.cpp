// Command-line parsing of openclaw-desktop (options.h).
#include "desktop/options.h"

#include <cstring>
#include <set>
#include <string_view>

namespace oc::desktop {
namespace {

constexpr const char* kUsage =
    "usage: openclaw-desktop [--rez PATH] [--level N] [--scale 2] [--load FILE] [--input FILE] [--record OUT]\n"
    "       openclaw-desktop --headless --frames N [options]\n"
    "window mode (the default): arrows/WASD move, Space/Z jump, X/J attack, F5 quick save, F9 quick load,\n"
    "Enter replays a finished level, Esc quits; a gamepad: d-pad/left stick, A jump, X attack\n"
    "  --scale N            window pixels per game pixel (1..8, default 2; the view is 640x480)\n"
    "  --screenshot OUT     with --frames N: run N steps, save the window as a .bmp and exit\n"
    "  --record OUT         write the input of every step played as a .clawinput at exit (a quick load\n"
    "                       or a replayed level starts it over from that frame)\n"
    "  --headless           run the simulation without a window\n"
    "  --frames N           steps to run (at most the input's frame count); the window closes after them\n"
    "  --input FILE         .clawinput: the input bits of each frame (default: input 0 every frame)\n"
    "  --rez PATH           the archive to read the level from (default build/assets/demo.rez)\n"
    "  --level N            the level number, /LEVELn/WORLDS/WORLD.WWD (default 1)\n"
    "  --load FILE          start from a .clawsnap instead of a fresh level (headless: the REZ is not\n"
    "                       read; window: it must be a snapshot of the --rez/--level level)\n"
    "headless only:\n"
    "  --save OUT           write a .clawsnap when the frame counter reaches --save-at, else at the end\n"
    "  --save-at FRAME      the frame counter value to save at\n"
    "  --checksums OUT      one line per step: \"<frame counter> <XXH3-64 of the state, 16 hex>\"\n"
    "both modes:\n"
    "  --stats              print the memory report in claw-stats format on stdout at exit\n"
    "exit: 0 success, 1 a failure while running or writing, 2 a refused argument or input file\n";

// Decimal digits only (no sign, no spaces), within max.
bool parse_u64(std::string_view text, u64 max, u64* out) {
  if (text.empty() || text.size() > 20) return false;
  u64 v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const u64 digit = static_cast<u64>(c - '0');
    if (digit > max || v > (max - digit) / 10) return false;
    v = v * 10 + digit;
  }
  *out = v;
  return true;
}

}  // namespace

const char* usage_text() noexcept { return kUsage; }

bool parse_options(int argc, const char* const* argv, DesktopOptions* out, std::string* error) {
  *out = DesktopOptions{};
  std::set<std::string_view> seen;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (!seen.insert(flag).second) {
      *error = std::string(flag) + " given twice";
      return false;
    }
    if (flag == "--headless") { out->headless = true; continue; }
    if (flag == "--stats") { out->stats = true; continue; }
    if (flag == "--help" || flag == "-h") { out->help = true; continue; }
    const bool takes_value = flag == "--frames" || flag == "--input" || flag == "--rez" || flag == "--level" ||
                             flag == "--load" || flag == "--save" || flag == "--save-at" || flag == "--checksums" ||
                             flag == "--scale" || flag == "--screenshot" || flag == "--record";
    if (!takes_value) {
      *error = "unknown option " + std::string(flag);
      return false;
    }
    if (i + 1 >= argc || argv[i + 1][0] == 0) {
      *error = std::string(flag) + " needs a value";
      return false;
    }
    const std::string_view value = argv[++i];
    u64 n = 0;
    if (flag == "--frames" || flag == "--level") {
      if (!parse_u64(value, 0xFFFFFFFFu, &n) || (flag == "--level" && n == 0)) {
        *error = std::string(flag) + " needs a whole number" + (flag == "--level" ? " from 1" : "") +
                 " below 2^32, got '" + std::string(value) + "'";
        return false;
      }
      if (flag == "--frames") {
        out->frames = static_cast<u32>(n);
        out->frames_given = true;
      } else {
        out->level = static_cast<u32>(n);
      }
    } else if (flag == "--save-at") {
      if (!parse_u64(value, ~u64{0}, &n)) {
        *error = "--save-at needs a whole number (a frame counter value), got '" + std::string(value) + "'";
        return false;
      }
      out->save_at = n;
      out->save_at_given = true;
    } else if (flag == "--scale") {
      if (!parse_u64(value, kMaxScale, &n) || n == 0) {
        *error = "--scale needs a whole number from 1 to " + std::to_string(kMaxScale) + ", got '" + std::string(value) + "'";
        return false;
      }
      out->scale = static_cast<u32>(n);
    } else if (flag == "--screenshot") {
      out->screenshot = value;
    } else if (flag == "--record") {
      out->record = value;
    } else if (flag == "--input") {
      out->input = value;
    } else if (flag == "--rez") {
      out->rez = value;
    } else if (flag == "--load") {
      out->load = value;
    } else if (flag == "--save") {
      out->save = value;
    } else {
      out->checksums = value;
    }
  }
  if (out->help) return true;
  if (!out->headless) {
    for (const char* only : {"--save", "--save-at", "--checksums"}) {
      if (seen.count(only) != 0) {
        *error = std::string(only) + " needs --headless";
        return false;
      }
    }
    if (!out->screenshot.empty() && !out->frames_given) {
      *error = "--screenshot needs --frames N";
      return false;
    }
    return true;
  }
  for (const char* only : {"--scale", "--screenshot", "--record"}) {
    if (seen.count(only) != 0) {
      *error = std::string(only) + " is for the window mode (without --headless)";
      return false;
    }
  }
  if (!out->frames_given) {
    *error = "--frames N is required";
    return false;
  }
  if (out->save_at_given && out->save.empty()) {
    *error = "--save-at needs --save OUT";
    return false;
  }
  return true;
}

}  // namespace oc::desktop
