// oc-format-fixtures OUTDIR: writes every fixture of format_fixtures() as OUTDIR/<name>.<kind>, and for
// each PID its palette (OUTDIR/<name>.pal, when it has no embedded one) and its natively decoded RGBA
// (OUTDIR/<name>.rgba, when the decode succeeds), the record the native readers parse from each fixture
// (OUTDIR/<name>.json, format_json.h; a PID's is its PidInfo), plus OUTDIR/manifest.json:
//   [{"name", "kind", "file", "palette": file|null, "rgba": file|null, "record": file|null,
//     "status": "<native status>"}]
// A PID's status is that of its RGBA decode, any other fixture's that of its record; "record" is null
// when the native readers refused the file. The wasm side reads the same files and must give the same
// bytes, records and statuses.
#include <cstdio>
#include <string>
#include <vector>

#include "resources/formats/pal.h"
#include "resources/formats/pid.h"
#include "support/format_fixtures.h"
#include "support/format_json.h"

namespace {

using namespace oc;

bool write_file(const std::string& path, const u8* bytes, size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes, 1, size, f) == size;
  return std::fclose(f) == 0 && ok;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }  // names are [a-z0-9-]

// The native decode of a PID fixture, as the manifest reports it.
Status decode(const test::FormatFixture& f, std::vector<u8>* rgba) {
  const formats::ByteSpan in(f.bytes.data(), static_cast<u32>(f.bytes.size()));
  formats::PidInfo info{};
  const Status p = formats::pid_parse(in, &info);
  if (p != Status::Ok) return p;
  rgba->assign(static_cast<size_t>(info.pixel_count) * 4, 0);
  const formats::Palette* pal = f.has_palette ? &f.palette : nullptr;
  return formats::pid_decode_rgba(in, pal, rgba->data(), static_cast<u32>(rgba->size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: oc-format-fixtures OUTDIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  const std::vector<test::FormatFixture> fixtures = test::format_fixtures();
  std::string manifest = "[\n";
  for (size_t i = 0; i < fixtures.size(); ++i) {
    const test::FormatFixture& f = fixtures[i];
    const std::string file = f.name + "." + test::fixture_kind_name(f.kind);
    bool ok = write_file(dir + "/" + file, f.bytes.data(), f.bytes.size());
    std::string palette = "null", rgba_file = "null", record_file = "null";
    std::string record;
    const Status record_status = test::fixture_record_json(f, &record);
    if (record_status == Status::Ok) {
      ok = ok && write_file(dir + "/" + f.name + ".json", reinterpret_cast<const u8*>(record.data()), record.size());
      record_file = quoted(f.name + ".json");
    }
    Status status = record_status;
    if (f.kind == test::FixtureKind::Pid) {
      if (f.has_palette) {
        u8 pal[formats::kPalSize];
        formats::pal_write(f.palette, pal);
        ok = ok && write_file(dir + "/" + f.name + ".pal", pal, sizeof pal);
        palette = quoted(f.name + ".pal");
      }
      std::vector<u8> rgba;
      status = decode(f, &rgba);
      if (status == Status::Ok) {
        ok = ok && write_file(dir + "/" + f.name + ".rgba", rgba.data(), rgba.size());
        rgba_file = quoted(f.name + ".rgba");
      }
    }
    if (!ok) {
      std::fprintf(stderr, "oc-format-fixtures: could not write %s in %s\n", file.c_str(), dir.c_str());
      return 1;
    }
    manifest += "  {\"name\": " + quoted(f.name) + ", \"kind\": " + quoted(test::fixture_kind_name(f.kind)) +
                ", \"file\": " + quoted(file) + ", \"palette\": " + palette + ", \"rgba\": " + rgba_file +
                ", \"record\": " + record_file + ", \"status\": " + quoted(status_name(status)) + "}" +
                (i + 1 < fixtures.size() ? ",\n" : "\n");
  }
  manifest += "]\n";
  if (!write_file(dir + "/manifest.json", reinterpret_cast<const u8*>(manifest.data()), manifest.size())) {
    std::fprintf(stderr, "oc-format-fixtures: could not write %s/manifest.json\n", dir.c_str());
    return 1;
  }
  std::printf("oc-format-fixtures: %zu fixtures in %s\n", fixtures.size(), dir.c_str());
  return 0;
}
