// The layout table: every type stored in a region, as text, so that two builds (native x86-64 and
// wasm32) can prove they agree on the bytes. Lines are "Type.field offset size" and "Type sizeof N",
// in a fixed order; layout_id() is the FNV-1a 64 of the snapshot types' lines, which come first: the
// tracker's types (tracking/tracker_layout.h, in the never-snapshotted debug region) follow them from
// the line "TrackTag.name_offset ..." on and do not change the id, nor do the resource cache's records
// and AssetHeader after them (in the never-snapshotted assets region), nor the game's World, Entity and
// TileAttr last (versioned by World.version, see layout.cpp). Snapshots record the id, and a
// test compares the tables of the two builds.
#pragma once

#include "types.h"

namespace oc {

// The table text (not NUL-counted in *len; it is NUL-terminated too). Built once, never freed.
const char* layout_table(u32* len) noexcept;
u64 layout_id() noexcept;

}  // namespace oc
