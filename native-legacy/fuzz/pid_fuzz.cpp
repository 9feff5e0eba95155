// libFuzzer target oc-fuzz-pid: one input is one PID file; fuzz_pid (format_targets.h) checks it.
#include <cstddef>
#include <cstdint>

#include "fuzz/format_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  oc::fuzz::fuzz_pid(data, size);
  return 0;
}
