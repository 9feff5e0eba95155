// A tiny bitmap font of our own for the HUD: 5x7 glyphs for the digits, the letters the HUD and its
// messages use, and a few signs. Pure data and a lookup, so the renderer draws it with filled rects.
#pragma once

#include "memory/types.h"

namespace oc::desktop::window {

constexpr i32 kGlyphW = 5;
constexpr i32 kGlyphH = 7;
constexpr i32 kGlyphAdvance = 6;

// Seven rows, bit 4 the leftmost pixel; nullptr for a character without a glyph (drawn as a space).
// Lower-case letters use the upper-case glyphs.
const u8* glyph(char c) noexcept;

}  // namespace oc::desktop::window
