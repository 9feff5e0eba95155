// Decoding a snapshot whose structure and checksums were verified already (restore() verifies once
// and decodes into its staging buffer; decode() does both). Internal to snapshot/.
#pragma once

#include "snapshot/parse.h"

namespace oc::snap {

// image_size must equal the snapshot's region size. Writes every byte of [0, image_size) and ends
// with the image hash check (ChecksumMismatch). For a delta see decode() in snapshot.h.
Status decode_verified(const ParsedSnapshot& s, u8* image, u32 image_size, const u8* base, u32 base_len) noexcept;

}  // namespace oc::snap
