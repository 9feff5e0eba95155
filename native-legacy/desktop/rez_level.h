// A level from a REZ archive on disk: /LEVELn/WORLDS/WORLD.WWD read with the core's REZ readers (only
// the header, the directory blocks and the WWD itself are read, so a 119 MB CLAW.REZ opens quickly),
// its body inflated with zlib when the file stores it compressed. The result is the rebuilt image
// Game::load_level takes, byte-identical to what the web build inflates.
#pragma once

#include <string>
#include <vector>

#include "memory/types.h"

namespace oc::desktop {

struct RezLevelError {
  Status status = Status::Ok;
  std::string detail;  // what failed, for the one-line message (empty on success)
};

// Statuses: InvalidArgument when the file cannot be opened or read (detail: the OS's reason) or the
// level number is 0; the REZ readers' statuses for a bad archive; Missing when the archive has no
// /LEVELn/WORLDS/WORLD.WWD (or it is a directory); the WWD header reader's statuses; Malformed when
// the zlib body does not inflate to exactly main_block_length bytes.
RezLevelError read_rez_level(const std::string& rez_path, u32 level, std::vector<u8>* image);

// "/LEVELn/WORLDS/WORLD.WWD"
std::string level_world_path(u32 level);

}  // namespace oc::desktop
