// The legacy-format fixtures: every file the format tests, the fuzz seeds and the wasm/native RGBA
// comparison start from, built from the layouts with the core's own writers (never committed binaries).
// Deterministic: the same bytes on every run and on every build, so a fixture name is enough to
// reproduce a case. Used by tests/native/resources (the short fuzz runs), native-legacy/fuzz
// (oc-fuzz-seeds) and oc-format-fixtures (the files the vitest comparison decodes in wasm).
#pragma once

#include <string>
#include <vector>

#include "memory/types.h"
#include "resources/formats/pal.h"

namespace oc::test {

enum class FixtureKind : u32 { Pal, Pid, Ani, Wwd, Rez };

// "pal", "pid", "ani", "wwd", "rez": the kind's name and the file extension written for it.
const char* fixture_kind_name(FixtureKind kind) noexcept;

struct FormatFixture {
  std::string name;  // unique, lower-case, [a-z0-9-]
  FixtureKind kind = FixtureKind::Pal;
  std::vector<u8> bytes;
  // PIDs only: decode with `palette` when has_palette, else with the file's embedded one (a damaged
  // PID without an embedded palette still has one, so that its decode reaches the pixels).
  bool has_palette = false;
  formats::Palette palette{};
};

// Every fixture, in a fixed order. Among the PIDs are a few damaged ones (names start with "pid-bad-")
// whose decode fails with a specific status; every other fixture is valid.
std::vector<FormatFixture> format_fixtures();

// The fixtures of one kind (the seeds of one fuzz target).
std::vector<FormatFixture> format_fixtures(FixtureKind kind);

// The palette the PID fixtures without an embedded palette decode with.
formats::Palette fixture_palette();

}  // namespace oc::test
