// oc-bench-memory: the native side of `npm run bench -- memory`. Prints one JSON object per line:
// first the build info, then one line per workload run, so tools/bench can show progress as lines
// arrive. Runs each "once" workload first (fresh heap), then `--warmup` passes (rep <= 0) and
// `--reps` measured passes, each pass running every selected workload in table order, so that an
// allocator and its baseline are always measured side by side.
//
//   oc-bench-memory [--reps N] [--warmup N] [--scale F] [--list] [workload ...]
#ifndef __EMSCRIPTEN__

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "workloads.h"

namespace {

using ocb::u32;

char g_line[4096];

void print_run(const ocb::Workload& w, double scale, int rep) {
  ocb::Outcome out;
  u32 rounds = static_cast<u32>(w.default_rounds * scale + 0.5);
  w.run(rounds < 1 ? 1 : rounds, out);
  out.to_json(g_line, sizeof g_line, w.name, rep);
  std::puts(g_line);
  std::fflush(stdout);  // the runner shows progress per line
}

bool parse_count(const char* text, long min, long max, long* out) {
  char* end = nullptr;
  long v = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || v < min || v > max) return false;
  *out = v;
  return true;
}

int usage(const char* why) {
  std::fprintf(stderr, "oc-bench-memory: %s\nusage: oc-bench-memory [--reps N] [--warmup N] [--scale F] [--list] [workload ...]\n", why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  long reps = 9, warmup = 1;
  double scale = 1.0;
  bool selected[32] = {};
  bool any_selected = false;
  const u32 count = ocb::workload_count();

  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "--list") == 0) {
      for (u32 k = 0; k < count; ++k) std::printf("%s\n", ocb::workloads()[k].name);
      return 0;
    } else if (std::strcmp(a, "--reps") == 0 && i + 1 < argc) {
      if (!parse_count(argv[++i], 1, 1000, &reps)) return usage("--reps wants 1..1000");
    } else if (std::strcmp(a, "--warmup") == 0 && i + 1 < argc) {
      if (!parse_count(argv[++i], 0, 100, &warmup)) return usage("--warmup wants 0..100");
    } else if (std::strcmp(a, "--scale") == 0 && i + 1 < argc) {
      scale = std::strtod(argv[++i], nullptr);
      if (!(scale > 0 && scale <= 100)) return usage("--scale wants a number in (0, 100]");
    } else {
      const ocb::Workload* w = ocb::find_workload(a);
      if (w == nullptr) return usage("unknown workload (see --list)");
      selected[w - ocb::workloads()] = true;
      any_selected = true;
    }
  }

  ocb::build_info_json(g_line, sizeof g_line);
  std::printf("{\"info\":%s}\n", g_line);
  std::fflush(stdout);

  for (u32 k = 0; k < count; ++k) {
    const ocb::Workload& w = ocb::workloads()[k];
    if (w.once_first && (!any_selected || selected[k])) print_run(w, 1.0, 1);
  }
  for (long rep = 1 - warmup; rep <= reps; ++rep) {
    for (u32 k = 0; k < count; ++k) {
      const ocb::Workload& w = ocb::workloads()[k];
      if (!w.once_first && (!any_selected || selected[k])) print_run(w, scale, static_cast<int>(rep));
    }
  }
  return 0;
}

#endif  // __EMSCRIPTEN__
