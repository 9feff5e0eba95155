// REZ index: full paths over a parsed RezTree, with case-insensitive (ASCII) lookup by binary search
// over the sorted lower-cased paths, directory listing and stat. A process-side structure (it owns
// std::vector/std::string memory), never placed in a region.
//
// Paths: "/" + directories + name + "." + extension, e.g. "/LEVEL1/TILES/ACTION/001.PID" (a file
// without extension has no dot). Queries ignore ASCII case, accept '\' as a separator (WWD files
// name paths that way), and need no leading '/'; "/" (or "") is the root directory.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "memory/types.h"
#include "resources/formats/rez_tree.h"

namespace oc::formats {

constexpr u32 kRezRoot = 0xFFFFFFFEu;  // the entry id find() gives for the root directory
// The real archive's paths total about 2 MB; the index holds them twice (as spelled, and lower-cased).
constexpr u64 kRezMaxPathBytes = 32u << 20;

struct RezStat {
  u32 entry = kRezRoot;
  u32 isDirectory = 0;
  u32 offset = 0;  // file: absolute data offset in the archive (a directory: its block)
  u32 size = 0;
  u32 dateTime = 0;
  u32 fileId = 0;
  u32 childCount = 0;  // directory only
};

class RezIndex {
 public:
  // Takes the tree over. Malformed when two entries have the same path (ignoring case) or a name
  // or an extension holds '/' or '\' (either would make a lookup ambiguous); the index is then empty.
  // Oversized when the full paths together exceed max_path_bytes: every path repeats its ancestors'
  // names, so long names in deep trees could otherwise make the index far larger than the directory.
  Status build(RezTree tree, u64 max_path_bytes = kRezMaxPathBytes);

  // The entry id of `path`, kRezRoot for the root, kRezNoEntry when there is no such entry.
  u32 find(std::string_view path) const;
  // InvalidArgument when there is no such entry.
  Status stat(std::string_view path, RezStat* out) const;
  // The children of a directory (directories and files, in archive order) as entry ids.
  // InvalidArgument when there is no such entry or it is a file.
  Status list(std::string_view dir, std::vector<u32>* out) const;

  const RezTree& tree() const noexcept { return tree_; }
  u32 size() const noexcept { return static_cast<u32>(tree_.entries.size()); }
  // The full path (archive case) and the bare name of an entry id below size().
  const std::string& path(u32 entry) const { return paths_[entry]; }
  std::string_view name(u32 entry) const {
    const RezTreeEntry& e = tree_.entries[entry];
    return std::string_view(tree_.names).substr(e.nameAt, e.nameLength);
  }

 private:
  RezTree tree_;
  std::vector<std::string> paths_;                 // by entry id
  std::vector<std::pair<std::string, u32>> keys_;  // (lower-cased path, entry id), sorted
};

}  // namespace oc::formats
