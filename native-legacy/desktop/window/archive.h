// The window's archive: the REZ file on disk (desktop/rez_file.h) as the path rules probe it
// (asset_paths.h's ArchiveProbe), so level_art resolves image sets and animations against it.
#pragma once

#include <string_view>

#include "desktop/rez_file.h"
#include "desktop/window/asset_paths.h"

namespace oc::desktop::window {

class RezArchiveFile final : public ArchiveProbe, public desktop::RezFile {
 public:
  bool is_dir(std::string_view path) const override { return desktop::RezFile::is_dir(path); }
  bool is_file(std::string_view path) const override { return desktop::RezFile::is_file(path); }
};

}  // namespace oc::desktop::window
