// oc-fuzz-seeds <dir>: writes the seed corpora of every fuzz target, generated rather than committed,
// one subdirectory per target (libFuzzer reads a corpus directory recursively, so none may hold another's):
//   <dir>/snapshot/  for every scene (scenes.h): a full snapshot of its first state (the live region's
//     own state), a full snapshot of a later state, the same unsealed, a delta from the first state to
//     the later one (it applies to the live region as it is), and the later state with a tracker report
//     in a TRAK chunk;
//   <dir>/{rez,pid,ani,wwd}/  the legacy-format fixtures of that kind (tests/native/support/
//     format_fixtures.h) as <name>.<kind>, the damaged PIDs included.
// Deterministic: the same files on every run.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "fuzz/scenes.h"
#include "snapshot/snapshot.h"
#include "support/format_fixtures.h"

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

bool make_dir(const std::string& path) { return mkdir(path.c_str(), 0755) == 0 || errno == EEXIST; }

// The format fixtures of each kind into <dir>/<kind>/; false with a message when a file fails.
bool write_format_seeds(const std::string& dir, u32* written) {
  const test::FixtureKind kinds[] = {test::FixtureKind::Rez, test::FixtureKind::Pid, test::FixtureKind::Ani,
                                     test::FixtureKind::Wwd};
  for (test::FixtureKind kind : kinds) {
    const std::string sub = dir + "/" + test::fixture_kind_name(kind);
    if (!make_dir(sub)) {
      std::fprintf(stderr, "oc-fuzz-seeds: could not create %s\n", sub.c_str());
      return false;
    }
    for (const test::FormatFixture& f : test::format_fixtures(kind)) {
      const std::string path = sub + "/" + f.name + "." + test::fixture_kind_name(kind);
      if (!write_file(path, f.bytes)) {
        std::fprintf(stderr, "oc-fuzz-seeds: could not write %s\n", path.c_str());
        return false;
      }
      (*written)++;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: oc-fuzz-seeds <directory>\n");
    return 2;
  }
  const std::string dir = argv[1] + std::string("/snapshot");
  if (!make_dir(dir)) {
    std::fprintf(stderr, "oc-fuzz-seeds: could not create %s\n", dir.c_str());
    return 1;
  }
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
  u32 formats = 0;
  if (!write_format_seeds(argv[1], &formats)) return 1;
  std::printf("oc-fuzz-seeds: %u seed snapshots in %s, %u format seeds in %s/{rez,pid,ani,wwd}\n", written,
              dir.c_str(), formats, argv[1]);
  return 0;
}
