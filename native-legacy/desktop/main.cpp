// openclaw-desktop: the native build of the game. So far the headless mode only (headless_run.h); the
// SDL2 window comes later in issue 8. Usage: options.cpp.
#include <cstdio>
#include <string>

#include "desktop/headless_run.h"
#include "desktop/options.h"

int main(int argc, char** argv) {
  oc::desktop::DesktopOptions options;
  std::string error;
  if (!oc::desktop::parse_options(argc, argv, &options, &error)) {
    std::fprintf(stderr, "openclaw-desktop: %s (--help for usage)\n", error.c_str());
    return 2;
  }
  if (options.help) {
    std::fputs(oc::desktop::usage_text(), stdout);
    return 0;
  }
  const oc::desktop::RunOutcome outcome = oc::desktop::run_headless(options);
  if (outcome.exit_code != 0) std::fprintf(stderr, "openclaw-desktop: %s\n", outcome.message.c_str());
  return outcome.exit_code;
}
