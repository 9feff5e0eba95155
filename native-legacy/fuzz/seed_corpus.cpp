// oc-fuzz-seeds <dir>: writes the snapshot fuzzer's seed corpus, generated rather than committed.
// For every scene (scenes.h): a full snapshot of its first state (the live region's own state), a full
// snapshot of a later state, the same unsealed, a delta from the first state to the later one (it
// applies to the live region as it is), and the later state with a tracker report in a TRAK chunk.
// Deterministic: the same files on every run.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz/scenes.h"
#include "snapshot/snapshot.h"

namespace {

using namespace oc;

bool write_file(const std::string& path, const std::vector<u8>& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

// A snapshot of an image (as scene_image() returns it), or empty with a message on stderr.
std::vector<u8> snapshot_of(const std::vector<u8>& image, const CaptureOptions& options) {
  Region r;
  if (image.empty() || r.init(static_cast<u32>(image.size())) != Status::Ok || r.size() != image.size()) return {};
  std::memcpy(r.base(), image.data(), image.size());
  std::vector<u8> out(snapshot_max_size(r, options.report_len));
  const Result<u32> n = capture(r, out.data(), static_cast<u32>(out.size()), options);
  if (!n.ok()) {
    std::fprintf(stderr, "oc-fuzz-seeds: capture failed: %s\n", status_name(n.status));
    return {};
  }
  out.resize(n.value);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: oc-fuzz-seeds <directory>\n");
    return 2;
  }
  const std::string dir = argv[1];
  u32 written = 0;
  for (u32 s = 0; s < fuzz::kSceneCount; ++s) {
    const auto scene = static_cast<fuzz::Scene>(s);
    const std::string name = dir + "/" + fuzz::scene_name(scene);
    const std::vector<u8> first = fuzz::scene_image(scene, 0);
    const std::vector<u8> later = fuzz::scene_image(scene, 8);
    const std::vector<u8> base = snapshot_of(first, {});
    CaptureOptions unsealed;
    unsealed.seal = false;
    CaptureOptions delta;
    delta.base = base.data();
    delta.base_len = static_cast<u32>(base.size());
    // The reader checks a report's checksum, not its JSON: any text is a valid seed.
    static const char kReport[] = "{\"format\":\"claw-stats\",\"version\":1,\"mode\":\"full\"}";
    CaptureOptions reported;
    reported.report = reinterpret_cast<const u8*>(kReport);
    reported.report_len = sizeof kReport - 1;
    const std::vector<u8> files[] = {base, snapshot_of(later, {}), snapshot_of(later, unsealed),
                                     snapshot_of(later, delta), snapshot_of(later, reported)};
    const char* suffix[] = {"-first", "-later", "-later-unsealed", "-delta", "-later-report"};
    for (u32 i = 0; i < 5; ++i) {
      if (files[i].empty() || !write_file(name + suffix[i] + ".clawsnap", files[i])) {
        std::fprintf(stderr, "oc-fuzz-seeds: could not write %s%s.clawsnap\n", name.c_str(), suffix[i]);
        return 1;
      }
      written++;
    }
  }
  std::printf("oc-fuzz-seeds: %u seed snapshots in %s\n", written, dir.c_str());
  return 0;
}
