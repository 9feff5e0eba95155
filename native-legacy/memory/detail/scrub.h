// The debug scrub switch, shared by every allocator: with OPENCLAW_SCRUB (on under OPENCLAW_DEBUG),
// freed bytes are overwritten with kScrubByte so that a use after free reads a pattern that is easy
// to recognise and still deterministic, and check() can verify that nobody wrote to freed memory.
// Cost: a memset per free and a scan per check. Define OPENCLAW_SCRUB to 0 or 1 to override.
#pragma once

#include "../types.h"

#ifndef OPENCLAW_SCRUB
#if defined(OPENCLAW_DEBUG) && OPENCLAW_DEBUG
#define OPENCLAW_SCRUB 1
#else
#define OPENCLAW_SCRUB 0
#endif
#endif

namespace oc {
// The pattern freed pool slots, slab blocks and fallback blocks are filled with under OPENCLAW_SCRUB.
constexpr u8 kScrubByte = 0xDD;
}  // namespace oc
