// Files for the REZ suites to pack: each owns its bytes (a pattern from its seed, so every file differs)
// and its dateTime and fileId, and rez_views() turns a list of them into write_rez()'s input, which
// points into them (the list must outlive the views).
#pragma once

#include <string>
#include <vector>

#include "resources/formats/rez_writer.h"

namespace oc::test {

struct RezSource {
  std::string path;
  std::vector<u8> bytes;
  u32 dateTime, fileId;
};

// `size` bytes; dateTime 1000 + seed and fileId 40 + seed, so each file's entry is told apart too.
inline RezSource rez_source(const char* path, u32 size, u32 seed) {
  std::vector<u8> b(size);
  for (u32 i = 0; i < size; ++i) b[i] = static_cast<u8>(seed * 31 + i * 7);
  return RezSource{path, b, 1000 + seed, 40 + seed};
}

inline std::vector<formats::RezSourceFile> rez_views(const std::vector<RezSource>& sources) {
  std::vector<formats::RezSourceFile> v;
  for (const RezSource& f : sources) {
    v.push_back(formats::RezSourceFile{f.path, formats::ByteSpan(f.bytes.data(), static_cast<u32>(f.bytes.size())),
                                       f.dateTime, f.fileId});
  }
  return v;
}

}  // namespace oc::test
