// JSON dumps of what the NATIVE format readers parse, written straight from the C++ structs (never
// through the wasm ABI), so that the vitest parity check can compare them with the records the wasm
// side builds from its ABI words: a word-order mistake in abi_formats.cpp / abi_rez.cpp or in the TS
// that unpacks them shows up as a field mismatch. Keys are the camelCase names of
// engine/streaming/formats/types.ts (and RezEntry of rez-archive.ts); strings are latin1, escaped as
// \u00XX beyond ASCII so that JSON.parse gives the same string as the TS latin1() decoding.
#pragma once

#include <string>

#include "memory/types.h"
#include "support/format_fixtures.h"

namespace oc::test {

// The record of `fixture` as one JSON value:
//   pal  {"rgb": hex, "rgba": hex}                       (Palette, as lower-case hex strings)
//   pid  PidInfo                                         (pid_parse only; no pixel is decoded)
//   ani  Ani                                             (frames with event null when there is none)
//   wwd  WwdLevel                                        (tiles as a plain array)
//   rez  {"version", "dirOffset", "dirSize", "entryCount", "entries": [RezEntry...]}  (entries in
//        the index's entry order, the root excluded)
// On failure *out is unspecified and the value is the first failing reader's status.
Status fixture_record_json(const FormatFixture& fixture, std::string* out);

}  // namespace oc::test
