// The wasm side of `npm run bench -- memory`: entry points tools/bench calls on the bench module.
// Strings come back as addresses of NUL-terminated JSON in a static buffer (valid until the next
// call); tools/bench drives the schedule (once-first, warm-up, interleaved passes) itself so it can
// report progress between calls.
#ifdef __EMSCRIPTEN__

#include <emscripten/emscripten.h>

#include <cstdint>

#include "workloads.h"

namespace {

char g_json[4096];

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE uint32_t ocb_workload_count() { return ocb::workload_count(); }

EMSCRIPTEN_KEEPALIVE const char* ocb_workload_name(uint32_t index) {
  return index < ocb::workload_count() ? ocb::workloads()[index].name : nullptr;
}

EMSCRIPTEN_KEEPALIVE uint32_t ocb_workload_once(uint32_t index) {
  return index < ocb::workload_count() && ocb::workloads()[index].once_first ? 1 : 0;
}

// Runs workload `index` for `rounds` rounds (0 = its default) and returns its result line.
EMSCRIPTEN_KEEPALIVE const char* ocb_run(uint32_t index, uint32_t rounds, int32_t rep) {
  if (index >= ocb::workload_count()) return nullptr;
  const ocb::Workload& w = ocb::workloads()[index];
  ocb::Outcome out;
  w.run(rounds == 0 ? w.default_rounds : rounds, out);
  out.to_json(g_json, sizeof g_json, w.name, rep);
  return g_json;
}

EMSCRIPTEN_KEEPALIVE const char* ocb_info() {
  ocb::build_info_json(g_json, sizeof g_json);
  return g_json;
}

}  // extern "C"

#endif  // __EMSCRIPTEN__
