// REZ directory tree. The header names only the root block, which ends the archive; the blocks of the
// subdirectories may lie anywhere in [139, end): the real CLAW.REZ's root block is exactly its 17
// directory entries (392 bytes) and every other block sits earlier in the file, next to its files' data.
// So the tree is read block by block: RezTreeBuilder says which byte range to fetch next and parses
// it when given, which suits a lazy opener (HTTP ranges, Blob slices). parse_rez_tree() is the
// one-call form for a caller that already holds every block in one window.
//
// The result is breadth first: every directory's children are one contiguous run of `entries`.
// Names are copied into the tree's own pool and named by u32 offsets; nothing points into the input.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "memory/types.h"
#include "resources/formats/rez_header.h"
#include "resources/formats/span.h"

namespace oc::formats {

constexpr u32 kRezNoEntry = 0xFFFFFFFFu;
constexpr u32 kRezDirEntryFixed = 16;   // isDirectory, childOffset, childSize, dateTime
constexpr u32 kRezFileEntryFixed = 28;  // isDirectory, dataOffset, dataSize, dateTime, fileId, ext, unknown

struct RezLimits {
  u32 maxEntries = 1u << 20;  // the real archive holds a few tens of thousands
  u32 maxDepth = 32;          // the real archive is 4 directories deep (/LEVEL1/TILES/ACTION/)
  u32 maxNameLength = 255;    // the real names are DOS-like, a dozen characters at most
  // Every directory block together (each is fetched whole and copied into the reader's memory).
  u32 maxDirectoryBytes = kRezMaxDirectoryBytes;
};

struct RezTreeEntry {
  u32 parent = kRezNoEntry;  // index of the parent directory entry; kRezNoEntry: in the root block
  u32 nameAt = 0;            // name (without NUL) in RezTree::names
  u32 nameLength = 0;
  u32 isDirectory = 0;
  u32 dateTime = 0;
  u32 offset = 0;  // directory: its block; file: its data (both absolute in the archive)
  u32 size = 0;
  u32 firstChild = 0;  // directory: children are entries [firstChild, firstChild + childCount)
  u32 childCount = 0;
  u32 fileId = 0;  // file only
  u32 unknown = 0;
  char ext[4] = {0, 0, 0, 0};  // file only: un-reversed, NUL padded at the end ("PID\0")
};

struct RezTree {
  u32 rootFirstChild = 0;  // the root block's entries
  u32 rootChildCount = 0;
  std::vector<RezTreeEntry> entries;
  std::string names;
};

// Failures of add_block() / parse_rez_tree():
//   Truncated     the bytes given are shorter than the block; an entry's fixed part runs past its block
//   OutOfRange    a block outside [139, archive end); file data outside [139, dirOffset)
//   SelfReference a directory whose block starts where its own block or an ancestor's does
//   Overlap       a directory block sharing bytes with any other block
//   Malformed     isDirectory neither 0 nor 1; a name without NUL inside its block; an empty name
//   Oversized     more than limits.maxEntries entries, deeper than limits.maxDepth, a name longer than
//                 limits.maxNameLength, or blocks totalling more than limits.maxDirectoryBytes
// A file entry's trailing extra byte may be missing at the very end of a block (it carries nothing).
// Empty directories (childSize 0) own no bytes: their offset is only range-checked.
class RezTreeBuilder {
 public:
  explicit RezTreeBuilder(const RezHeader& header, const RezLimits& limits = {});

  // The next block to fetch, absolute [*offset, *offset + *size); false when the tree is complete
  // or a block failed.
  bool next_block(u32* offset, u32* size) const noexcept;
  // Parses the block next_block() named from `bytes`, which start at its offset (longer is fine).
  // After a failure the builder stays failed with that status.
  Status add_block(ByteSpan bytes);
  bool done() const noexcept { return status_ == Status::Ok && next_ == pending_.size(); }
  Status status() const noexcept { return status_; }
  // The tree, once done(); moves it out.
  RezTree take() noexcept { return std::move(tree_); }

 private:
  struct Pending {
    u32 entry;  // the directory entry that owns the block, kRezNoEntry for the root
    u32 offset, size, depth;
  };
  Status parse_block(const Pending& block, ByteSpan bytes);
  Status parse_entry(const Pending& block, ByteSpan bytes, u32* at);
  Status claim_block(const Pending& parent, u32 offset, u32 size);
  void skip_empty_blocks() noexcept;

  RezHeader header_;
  RezLimits limits_;
  RezTree tree_;
  std::vector<Pending> pending_;  // breadth-first queue; [0, next_) are parsed
  size_t next_ = 0;
  std::map<u32, u64> claimed_;  // block start -> end, every non-empty block seen so far
  u64 claimed_bytes_ = 0;
  Status status_ = Status::Ok;
};

// One call: every block must lie inside `window`, whose first byte is at absolute offset
// `windowStart` (Truncated otherwise). write_rez() puts every block after the file data, so the
// window [RezWriteResult::blocksOffset, archive end) holds them all; the whole archive always does.
Status parse_rez_tree(const RezHeader& header, ByteSpan window, u32 windowStart, const RezLimits& limits,
                      RezTree* out);

}  // namespace oc::formats
