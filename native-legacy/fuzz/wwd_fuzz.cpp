// libFuzzer target oc-fuzz-wwd: one input is one rebuilt WWD image (header + inflated body); fuzz_wwd
// (format_targets.h) checks it.
#include <cstddef>
#include <cstdint>

#include "fuzz/format_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  oc::fuzz::fuzz_wwd(data, size);
  return 0;
}
