// Cross-build checks: replay of a recorded sequence and the layout table of region-stored types.
#include <string.h>

#include "memory/layout.h"
#include "memory/replay.h"
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

extern "C" {

int32_t oc_replay(uintptr_t ops_ptr, uint32_t ops_len, uintptr_t out_u64_ptr) {
  if (ops_ptr == 0 || out_u64_ptr == 0) return set_status(Status::InvalidArgument);
  u64 hash = 0;
  Status s = replay(reinterpret_cast<const u8*>(ops_ptr), ops_len, &hash);
  if (s == Status::Ok) memcpy(reinterpret_cast<void*>(out_u64_ptr), &hash, sizeof hash);
  return set_status(s);
}

uint32_t oc_layout_table(uintptr_t out_ptr, uint32_t max) {
  u32 len = 0;
  const char* text = layout_table(&len);
  if (out_ptr == 0 && max != 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  if (out_ptr != 0) memcpy(reinterpret_cast<void*>(out_ptr), text, len < max ? len : max);
  set_status(Status::Ok);
  return len;
}

}  // extern "C"
