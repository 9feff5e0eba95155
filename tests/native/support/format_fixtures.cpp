// The fixtures are made by the core's writers (pal_write, pid_encode, ani_write, wwd_write_image,
// write_rez) from descriptions below; only the damaged PIDs and the REZ with an empty directory are
// laid out by hand, because no writer produces them. Pixel patterns come from a seeded SplitMix64, so
// every build makes the same bytes.
#include "support/format_fixtures.h"

#include <cstring>
#include <utility>

#include "resources/formats/ani.h"
#include "resources/formats/pid.h"
#include "resources/formats/rez_header.h"
#include "resources/formats/rez_writer.h"
#include "resources/formats/wwd_writer.h"
#include "support/splitmix.h"

namespace oc::test {
namespace {

using namespace oc::formats;

void put_u32(std::vector<u8>* out, size_t at, u32 v) {
  if (out->size() < at + 4) out->resize(at + 4, 0);
  std::memcpy(out->data() + at, &v, 4);
}
void append_u32(std::vector<u8>* out, u32 v) { put_u32(out, out->size(), v); }
void append_text(std::vector<u8>* out, const char* s, bool nul) {
  out->insert(out->end(), s, s + std::strlen(s) + (nul ? 1 : 0));
}

Palette make_palette(u64 seed) {
  Palette p{};
  SplitMix64 rng(seed);
  for (u32 i = 0; i < kPalSize; ++i) p.rgb[i] = static_cast<u8>(rng.next());
  return p;
}

// Row-major indices with every feature the encoders must handle: transparent stretches (skips in the
// compressed encoding) long enough to cross several rows, runs of one index crossing row ends,
// indices 193..255 alone and in runs (the uncompressed encoding's run markers), and noisy literals.
std::vector<u8> pattern(u32 width, u32 height, u64 seed) {
  const u32 total = width * height;
  std::vector<u8> px(total, 0);
  SplitMix64 rng(seed);
  u32 at = 0;
  while (at < total) {
    u32 n = 0;
    u8 value = 0;
    switch (rng.below(4)) {
      case 0: n = 1 + rng.below(300); value = 0; break;                                  // transparent
      case 1: n = 1 + rng.below(150); value = static_cast<u8>(1 + rng.below(255)); break;  // a run
      case 2: n = 1 + rng.below(6); value = static_cast<u8>(193 + rng.below(63)); break;   // high
      default: n = 0; break;                                                             // literals
    }
    if (n == 0) {
      const u32 k = 1 + rng.below(20);
      for (u32 i = 0; i < k && at < total; ++i) px[at++] = static_cast<u8>(rng.next());
      continue;
    }
    for (u32 i = 0; i < n && at < total; ++i) px[at++] = value;
  }
  return px;
}

struct PidSpec {
  const char* name;
  u32 width, height, flags;
  u64 seed;
  i32 offset_x = 0, offset_y = 0;
  u32 file_desc = 0, unk0 = 0, unk1 = 0;
  int fill = -1;  // >= 0: every pixel is this index instead of the pattern
};

FormatFixture pid_fixture(const PidSpec& s, const Palette& external, const Palette& embedded) {
  std::vector<u8> indices = pattern(s.width, s.height, s.seed);
  if (s.fill >= 0) indices.assign(indices.size(), static_cast<u8>(s.fill));
  PidImage image;
  image.indices = indices.data();
  image.width = s.width;
  image.height = s.height;
  image.flags = s.flags;
  image.offset_x = s.offset_x;
  image.offset_y = s.offset_y;
  image.file_desc = s.file_desc;
  image.unk0 = s.unk0;
  image.unk1 = s.unk1;
  const bool has_embedded = (s.flags & pid_flags::kEmbeddedPalette) != 0;
  image.palette = has_embedded ? &embedded : nullptr;
  FormatFixture f;
  f.name = s.name;
  f.kind = FixtureKind::Pid;
  const Result<u32> size = pid_encoded_size(image);
  f.bytes.resize(size.ok() ? size.value : 0);
  const Result<u32> n = pid_encode(image, f.bytes.data(), static_cast<u32>(f.bytes.size()));
  f.bytes.resize(n.ok() ? n.value : 0);  // an empty file: the generator's own tests notice
  f.has_palette = !has_embedded;
  if (f.has_palette) f.palette = external;
  return f;
}

// A damaged PID: a hand-written header followed by `stream` (the decoders must name the damage).
FormatFixture bad_pid(const char* name, u32 width, u32 height, u32 flags, std::vector<u8> stream,
                      const Palette& external) {
  FormatFixture f;
  f.name = name;
  f.kind = FixtureKind::Pid;
  const u32 header[8] = {0, flags, width, height, 0, 0, 0, 0};
  f.bytes.resize(kPidHeaderSize);
  std::memcpy(f.bytes.data(), header, sizeof header);
  f.bytes.insert(f.bytes.end(), stream.begin(), stream.end());
  f.has_palette = true;
  f.palette = external;
  return f;
}

void add_pids(std::vector<FormatFixture>* out) {
  using namespace pid_flags;
  const Palette external = fixture_palette();
  const Palette embedded = make_palette(0xE111BEDDull);
  const PidSpec specs[] = {
      {"pid-compressed-24x16", 24, 16, kCompressed | kTransparency, 1},
      {"pid-compressed-embedded-24x16", 24, 16, kCompressed | kEmbeddedPalette, 2},
      {"pid-raw-24x16", 24, 16, 0, 3},
      {"pid-raw-embedded-24x16", 24, 16, kEmbeddedPalette, 4},
      {"pid-raw-rows-crossing-5x40", 5, 40, 0, 5},
      {"pid-compressed-rows-crossing-5x40", 5, 40, kCompressed, 5},
      {"pid-raw-high-indices-16x4", 16, 4, 0, 6, 0, 0, 0, 0, 0, 231},
      {"pid-raw-1x1", 1, 1, 0, 7},
      {"pid-raw-1x1-high", 1, 1, 0, 7, 0, 0, 0, 0, 0, 200},
      {"pid-compressed-1x1-transparent", 1, 1, kCompressed, 7, 0, 0, 0, 0, 0, 0},
      {"pid-raw-empty-7x0", 7, 0, 0, 8},
      {"pid-compressed-empty-7x0", 7, 0, kCompressed, 8},
      {"pid-compressed-127x3", 127, 3, kCompressed, 9},
      {"pid-raw-127x3", 127, 3, 0, 9},
      {"pid-compressed-embedded-127x3", 127, 3, kCompressed | kEmbeddedPalette, 10},
      {"pid-compressed-transparent-300x2", 300, 2, kCompressed, 11, 0, 0, 0, 0, 0, 0},
      {"pid-offsets-flags-9x9", 9, 9,
       kCompressed | kTransparency | kVideoMemory | kSystemMemory | kMirror | kInvert | kLights,
       12, -12, 40, 0x1234u, 7, 0xDEADBEEFu},
      {"pid-raw-64x64", 64, 64, 0, 13},
  };
  for (const PidSpec& s : specs) out->push_back(pid_fixture(s, external, embedded));
  // Damaged: each decode fails with its own status.
  FormatFixture cut = pid_fixture(specs[0], external, embedded);
  cut.name = "pid-bad-truncated";
  cut.bytes.resize(cut.bytes.size() - 5);
  out->push_back(std::move(cut));
  out->push_back(bad_pid("pid-bad-run-past-end", 2, 2, 0, {0xC8, 5}, external));               // run of 8
  out->push_back(bad_pid("pid-bad-skip-past-end", 2, 2, kCompressed, {0x8A}, external));        // skip 10
  out->push_back(bad_pid("pid-bad-literals-past-end", 2, 2, kCompressed, {5, 1, 2, 3, 4, 5}, external));
  out->push_back(bad_pid("pid-bad-oversized", 20000, 1, 0, {1, 2, 3}, external));
  out->push_back(bad_pid("pid-bad-palette-cut", 2, 2, kEmbeddedPalette, std::vector<u8>(100, 1), external));
}

void add_anis(std::vector<FormatFixture>* out) {
  const AniFrameSpec plain[] = {{1, 100, 0, nullptr}, {2, 100, 0, nullptr}, {3, 120, 0, nullptr},
                                {4, 80, 0, nullptr},  {2, 100, 0, nullptr}, {999, 65535, 0, nullptr}};
  const AniFrameSpec events[] = {{10, 50, 0, nullptr},
                                 {11, 50, kAniEventFlag, "CLAW_GUNSHOT"},
                                 {12, 75, 0, nullptr},
                                 {13, 75, kAniEventFlag, "LEVEL_OFFICER_HIT"},
                                 {14, 0, kAniEventFlag, ""}};
  const struct {
    const char* name;
    const char* path;
    const AniFrameSpec* frames;
    u32 count;
    u32 signature;
  } anis[] = {{"ani-plain", "LEVEL1\\IMAGES\\OFFICER", plain, 6, 0},
              {"ani-events", "CLAW\\IMAGES", events, 5, 0x20},
              {"ani-empty", "", nullptr, 0, 0}};
  for (const auto& a : anis) {
    FormatFixture f;
    f.name = a.name;
    f.kind = FixtureKind::Ani;
    f.bytes = ani_write(a.path, a.frames, a.count, a.signature);
    out->push_back(std::move(f));
  }
}

WwdObjectSpec object(i32 id, const char* name, const char* logic, const char* image_set, const char* sound) {
  WwdObjectSpec o{};
  o.fields.id = id;
  o.fields.x = 100 * id;
  o.fields.y = -50 * id;
  o.fields.z = id;
  o.fields.object_type = static_cast<u32>(1 << (id % 5));
  o.fields.hit_rect = {-id, -2 * id, id, 2 * id};
  for (i32 k = 0; k < 8; ++k) o.fields.user_values[k] = id * 8 + k;
  o.fields.health = 10 * id;
  // Every other field gets its own value too (some negative), so a reader that swaps two words or
  // reads one with the wrong sign cannot match a dump of these fixtures by accident.
  i32 k = 0;
  auto next = [&]() { ++k; return (k % 3 == 0 ? -1 : 1) * (id * 1000 + k); };
  o.fields.i = next();
  o.fields.add_flags = static_cast<u32>(next() & 0x7FFFFFFF);
  o.fields.dynamic_flags = static_cast<u32>(next() & 0x7FFFFFFF);
  o.fields.draw_flags = static_cast<u32>(next() & 0x7FFFFFFF);
  o.fields.user_flags = static_cast<u32>(next() & 0x7FFFFFFF);
  o.fields.score = next();
  o.fields.points = next();
  o.fields.powerup = next();
  o.fields.damage = next();
  o.fields.smarts = next();
  for (WwdRect* r : {&o.fields.move_rect, &o.fields.attack_rect, &o.fields.clip_rect, &o.fields.user_rect1,
                     &o.fields.user_rect2}) {
    *r = {next(), next(), next(), next()};
  }
  for (i32* v : {&o.fields.min_x, &o.fields.min_y, &o.fields.max_x, &o.fields.max_y, &o.fields.speed_x,
                 &o.fields.speed_y, &o.fields.tweak_x, &o.fields.tweak_y, &o.fields.counter, &o.fields.speed,
                 &o.fields.width, &o.fields.height, &o.fields.direction, &o.fields.face_dir, &o.fields.time_delay,
                 &o.fields.frame_delay, &o.fields.move_res_x, &o.fields.move_res_y}) {
    *v = next();
  }
  o.fields.hit_type_flags = static_cast<u32>(next() & 0x7FFFFFFF);
  o.name = name;
  o.logic = logic;
  o.image_set = image_set;
  o.sound = sound;
  return o;
}

WwdPlaneSpec plane(const char* name, u32 flags, u32 tx, u32 ty, i32 movement, i32 z, u64 seed) {
  WwdPlaneSpec p;
  p.flags = flags;
  p.name = name;
  p.tiles_x = tx;
  p.tiles_y = ty;
  p.pixel_width = tx * 64;
  p.pixel_height = ty * 64;
  p.movement_percent_x = movement;
  p.movement_percent_y = movement;
  p.z = z;
  SplitMix64 rng(seed);
  for (u32 i = 0; i < tx * ty; ++i) {
    p.tiles.push_back(rng.chance(30) ? kWwdEmptyTile : static_cast<i32>(rng.below(900)));
  }
  return p;
}

void add_wwds(std::vector<FormatFixture>* out) {
  WwdSpec level;
  level.level_name = "Fixture - Three Planes";
  level.author = "openclaw-memory tests";
  level.birth = "2026";
  level.rez_file = "DEMO.REZ";
  level.image_directory = "\\LEVEL1\\TILES";
  level.palette_path = "\\LEVEL1\\PALETTES\\MAIN.PAL";
  level.launch_app = "claw.exe";
  level.image_sets[0] = "LEVEL1\\IMAGES";
  level.prefixes[0] = "LEVEL";
  level.image_sets[1] = "CLAW\\IMAGES";
  level.prefixes[1] = "CLAW";
  level.start_x = 320;
  level.start_y = 1200;
  level.checksum = 0x1234ABCDu;
  WwdPlaneSpec back = plane("Background", 0, 8, 6, 50, 0, 21);
  back.image_sets = {"BACK"};
  WwdPlaneSpec action = plane("Action", kWwdPlaneMain, 20, 12, 100, 1000, 22);
  action.image_sets = {"ACTION", "ACTION2"};
  action.objects = {object(1, "Crate", "BehindCrate", "LEVEL_CRATES", ""),
                    object(2, "Officer", "Officer", "LEVEL_OFFICER", "LEVEL_OFFICER_HIT"),
                    object(3, "", "Checkpoint", "GAME_CHECKPOINTFLAG", ""),
                    object(4, "Treasure", "TreasurePowerup", "GAME_TREASURE_COINS", "GAME_PICKUP")};
  WwdPlaneSpec front = plane("Front", 0, 10, 6, 120, 5000, 23);
  front.image_sets = {"FRONT"};
  front.objects = {object(5, "Torch", "AniCycle", "LEVEL_TORCH", "")};
  level.planes = {back, action, front};
  for (u32 i = 0; i < 6; ++i) {
    level.tile_descriptions.push_back(i % 2 == 0 ? wwd_tile_single(64, 64, i % 5)
                                                 : wwd_tile_double(64, 64, i % 5, kTileClear, {0, 0, 63, static_cast<i32>(8 * i)}));
  }
  WwdSpec minimal;
  minimal.level_name = "Fixture - Minimal";
  minimal.planes = {WwdPlaneSpec{}};
  minimal.planes[0].flags = kWwdPlaneMain;
  minimal.planes[0].name = "Action";
  const std::pair<const char*, const WwdSpec*> wwds[] = {{"wwd-three-planes", &level}, {"wwd-minimal", &minimal}};
  for (const auto& w : wwds) {
    FormatFixture f;
    f.name = w.first;
    f.kind = FixtureKind::Wwd;
    f.bytes = wwd_write_image(*w.second);
    out->push_back(std::move(f));
  }
}

FormatFixture rez_fixture(const char* name, const std::vector<std::pair<const char*, const std::vector<u8>*>>& files) {
  std::vector<RezSourceFile> sources;
  u32 id = 1;
  for (const auto& f : files) {
    sources.push_back(RezSourceFile{f.first, ByteSpan(f.second->data(), static_cast<u32>(f.second->size())),
                                    0x3A000000u + id, id});
    ++id;
  }
  FormatFixture r;
  r.name = name;
  r.kind = FixtureKind::Rez;
  if (write_rez(sources, &r.bytes) != Status::Ok) r.bytes.clear();
  return r;
}

// write_rez() makes directories from file paths only, so an empty directory is laid out by hand:
// header | "hello" | block of /DATA (one file HELLO.PAL) | root block (DATA, EMPTY with childSize 0).
FormatFixture rez_with_empty_directory(const std::vector<u8>& header_text) {
  FormatFixture r;
  r.name = "rez-empty-directory";
  r.kind = FixtureKind::Rez;
  std::vector<u8>& b = r.bytes;
  b.assign(header_text.begin(), header_text.begin() + kRezVersionAt);
  append_u32(&b, 1);
  append_u32(&b, 0);  // dirOffset, dirSize: patched below
  append_u32(&b, 0);
  append_text(&b, "hello", false);
  const u32 data_block = static_cast<u32>(b.size());
  append_u32(&b, 0);
  append_u32(&b, kRezHeaderSize);
  append_u32(&b, 5);
  append_u32(&b, 0x3A000001u);
  append_u32(&b, 7);
  append_text(&b, "LAP", true);  // extension stored reversed
  append_u32(&b, 0);
  append_text(&b, "HELLO", true);
  b.push_back(0);  // the file entry's extra byte
  const u32 data_size = static_cast<u32>(b.size()) - data_block;
  const u32 root = static_cast<u32>(b.size());
  const u32 dirs[][2] = {{data_block, data_size}, {data_block, 0}};
  const char* names[] = {"DATA", "EMPTY"};
  for (u32 i = 0; i < 2; ++i) {
    append_u32(&b, 1);
    append_u32(&b, dirs[i][0]);
    append_u32(&b, dirs[i][1]);
    append_u32(&b, 0x3A000002u);
    append_text(&b, names[i], true);
  }
  put_u32(&b, kRezDirOffsetAt, root);
  put_u32(&b, kRezDirSizeAt, static_cast<u32>(b.size()) - root);
  return r;
}

void add_rezs(std::vector<FormatFixture>* out) {
  auto bytes_of = [out](const char* name) -> const std::vector<u8>* {
    for (const FormatFixture& f : *out) {
      if (f.name == name) return &f.bytes;
    }
    return nullptr;
  };
  static const std::vector<u8> kText = {'h', 'i', '\n'};
  std::vector<std::pair<const char*, const std::vector<u8>*>> files = {
      {"CLAW/IMAGES/IDLE/FRAME001.PID", bytes_of("pid-compressed-24x16")},
      {"CLAW/IMAGES/IDLE/FRAME002.PID", bytes_of("pid-raw-embedded-24x16")},
      {"CLAW/ANIS/IDLE.ANI", bytes_of("ani-events")},
      {"LEVEL1/TILES/ACTION/001.PID", bytes_of("pid-raw-64x64")},
      {"LEVEL1/TILES/BACK/002.PID", bytes_of("pid-compressed-127x3")},
      {"LEVEL1/PALETTES/MAIN.PAL", bytes_of("pal-main")},
      {"LEVEL1/WORLDS/WORLD.WWD", bytes_of("wwd-three-planes")},
      {"LEVEL1/MUSIC/PLAY.XMI", &kText},
      {"GAME/SOUNDS/PICKUP.WAV", &kText},
      {"README", &kText},
  };
  for (const auto& f : files) {
    if (f.second == nullptr) return;  // a missing source fixture: the generator's tests notice
  }
  out->push_back(rez_fixture("rez-nested", files));
  out->push_back(rez_fixture("rez-single-file", {{"ONE.TXT", &kText}}));
  out->push_back(rez_fixture("rez-no-files", {}));
  const FormatFixture& nested = (*out)[out->size() - 3];
  if (nested.bytes.size() >= kRezHeaderSize) out->push_back(rez_with_empty_directory(nested.bytes));
}

}  // namespace

const char* fixture_kind_name(FixtureKind kind) noexcept {
  switch (kind) {
    case FixtureKind::Pal: return "pal";
    case FixtureKind::Pid: return "pid";
    case FixtureKind::Ani: return "ani";
    case FixtureKind::Wwd: return "wwd";
    case FixtureKind::Rez: return "rez";
  }
  return "?";
}

Palette fixture_palette() { return make_palette(0xC1A3ull); }

std::vector<FormatFixture> format_fixtures() {
  std::vector<FormatFixture> out;
  FormatFixture pal;
  pal.name = "pal-main";
  pal.kind = FixtureKind::Pal;
  pal.bytes.resize(kPalSize);
  pal_write(fixture_palette(), pal.bytes.data());
  out.push_back(std::move(pal));
  add_pids(&out);
  add_anis(&out);
  add_wwds(&out);
  add_rezs(&out);
  return out;
}

std::vector<FormatFixture> format_fixtures(FixtureKind kind) {
  std::vector<FormatFixture> all = format_fixtures();
  std::vector<FormatFixture> out;
  for (FormatFixture& f : all) {
    if (f.kind == kind) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace oc::test
