// The fuzz targets of the legacy-format readers: one function per reader that drives its whole API on
// one input and aborts (a message on stderr, then std::abort) when an invariant breaks. Shared by the
// libFuzzer programs (oc-fuzz-rez/-pid/-ani/-wwd, the long runs of `npm run fuzz`) and the short runs
// in the test suite (tests/native/resources/formats_fuzz_test.cpp), so both check the same things.
//
// Each copies the input into a heap buffer of exactly its size, so AddressSanitizer sees any read past
// it, and bounds its own work (images over kFuzzMaxPixels are parsed but not decoded), so no input is a
// hang. The value is the first rejection (one of the format statuses) or Ok when every stage accepted
// the input: the short runs count them, libFuzzer ignores it.
#pragma once

#include <cstddef>

#include "memory/types.h"

namespace oc::fuzz {

constexpr u32 kFuzzMaxPixels = 1u << 22;    // 4 Mpixel: decoded, re-encoded and decoded again
constexpr u32 kFuzzMaxTileReads = 1u << 20;  // wwd_tile calls per input

// The statuses a format reader may reject untrusted bytes with.
bool is_format_rejection(Status s) noexcept;

// The input is a whole archive: header, the lazy RezTreeBuilder fed block by block against
// parse_rez_tree over the whole input, then the index (every path found in any case, every directory
// listed, every file's data inside [139, dirOffset)).
Status fuzz_rez(const u8* data, size_t size);
// pid_parse, both decoders with a fixed palette and the embedded one (they must agree through
// pal_to_rgba), and the decoded image re-encoded in both encodings, which must decode to it again.
Status fuzz_pid(const u8* data, size_t size);
// ani_parse, ani_read_frames (event names inside the file), and ani_write of the frames read, which
// must parse to the same frames.
Status fuzz_ani(const u8* data, size_t size);
// wwd_parse_image, every plane, every tile, image sets, every object through the cursor (strings inside
// the image), the tile descriptions.
Status fuzz_wwd(const u8* data, size_t size);

}  // namespace oc::fuzz
