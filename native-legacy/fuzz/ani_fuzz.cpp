// libFuzzer target oc-fuzz-ani: one input is one ANI file; fuzz_ani (format_targets.h) checks it.
#include <cstddef>
#include <cstdint>

#include "fuzz/format_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  oc::fuzz::fuzz_ani(data, size);
  return 0;
}
