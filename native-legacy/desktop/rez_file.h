// A REZ archive on disk: its directory read once (header and directory blocks only), then single files
// read on demand. rez_level.cpp reads a level's WWD through it; the window keeps one open for the whole
// session (window/archive.h) and decodes a picture only when it is first drawn, as the web build streams it.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "memory/types.h"
#include "resources/formats/rez_index.h"

namespace oc::desktop {

class RezFile {
 public:
  RezFile() = default;
  RezFile(const RezFile&) = delete;
  RezFile& operator=(const RezFile&) = delete;
  ~RezFile();

  // InvalidArgument when the file cannot be opened (detail: the OS's reason); the REZ readers'
  // statuses for a bad archive (detail: which part).
  Status open(const std::string& path, std::string* detail);
  bool is_dir(std::string_view path) const;
  bool is_file(std::string_view path) const;
  // Missing when there is no such file; Truncated when its data runs past the end of the archive.
  Status read(std::string_view path, std::vector<u8>* out);
  const formats::RezIndex& index() const noexcept { return index_; }

 private:
  bool read_range(u64 offset, u32 size, std::vector<u8>* out);

  std::FILE* f_ = nullptr;
  u64 length_ = 0;
  formats::RezIndex index_;
};

}  // namespace oc::desktop
