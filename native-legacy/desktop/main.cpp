// openclaw-desktop: the native build of the game. The window mode (window/window_run.h) unless
// --headless (headless_run.h), which tests and tools use. Usage: options.cpp. A build without
// OC_DESKTOP_WINDOW (the sanitizer program, which links no SDL) has the headless mode only.
#include <cstdio>
#include <string>

#include "desktop/headless_run.h"
#include "desktop/options.h"
#if OC_DESKTOP_WINDOW
#include "desktop/window/window_run.h"
#endif

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
#if OC_DESKTOP_WINDOW
  const oc::desktop::RunOutcome outcome =
      options.headless ? oc::desktop::run_headless(options) : oc::desktop::window::run_window(options);
#else
  const oc::desktop::RunOutcome outcome = options.headless
                                              ? oc::desktop::run_headless(options)
                                              : oc::desktop::RunOutcome{2, "this build has no window (it is built without SDL2): pass --headless"};
#endif
  if (outcome.exit_code != 0) std::fprintf(stderr, "openclaw-desktop: %s\n", outcome.message.c_str());
  return outcome.exit_code;
}
