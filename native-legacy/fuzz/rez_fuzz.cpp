// libFuzzer target oc-fuzz-rez: one input is one whole REZ archive; fuzz_rez (format_targets.h) checks it.
#include <cstddef>
#include <cstdint>

#include "fuzz/format_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  oc::fuzz::fuzz_rez(data, size);
  return 0;
}
