// oc-replay: runs a recorded operation sequence (memory/replay.h) natively and prints the hash of the
// resulting region as 16 hex digits, or prints the layout table of region-stored types (--layout).
// The cross-build determinism test compares both outputs with the wasm build's.
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <vector>

#include "memory/layout.h"
#include "memory/replay.h"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: oc-replay FILE      replay a recorded sequence, print the region hash (16 hex digits)\n"
               "       oc-replay --layout  print the layout table of region-stored types\n");
  return 2;
}

bool read_file(const char* path, std::vector<oc::u8>* out) {
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  oc::u8 buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->insert(out->end(), buf, buf + n);
  bool ok = std::ferror(f) == 0;
  std::fclose(f);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return usage();
  if (std::strcmp(argv[1], "--layout") == 0) {
    oc::u32 len = 0;
    const char* text = oc::layout_table(&len);
    std::fwrite(text, 1, len, stdout);
    return 0;
  }
  if (argv[1][0] == '-') return usage();

  std::vector<oc::u8> ops;
  if (!read_file(argv[1], &ops)) {
    std::fprintf(stderr, "oc-replay: cannot read %s: %s\n", argv[1], std::strerror(errno));
    return 1;
  }
  if (ops.size() > 0xFFFFFFFFu) {
    std::fprintf(stderr, "oc-replay: %s is larger than 4 GiB\n", argv[1]);
    return 1;
  }
  oc::u64 hash = 0;
  oc::ReplayReport report;
  oc::Status s = oc::replay(ops.data(), static_cast<oc::u32>(ops.size()), &hash, &report);
  if (s != oc::Status::Ok) {
    std::fprintf(stderr, "oc-replay: %s: %s at byte %u (after %u records)\n", argv[1], oc::status_name(s),
                 report.failed_at, report.records_done);
    return 1;
  }
  std::printf("%016" PRIx64 "\n", hash);
  return 0;
}
