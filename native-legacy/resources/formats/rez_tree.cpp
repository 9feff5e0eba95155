#include "resources/formats/rez_tree.h"

#include <iterator>
#include <utility>

namespace oc::formats {

RezTreeBuilder::RezTreeBuilder(const RezHeader& header, const RezLimits& limits)
    : header_(header), limits_(limits) {
  pending_.push_back(Pending{kRezNoEntry, header.dirOffset, header.dirSize, 0});
  if (header.dirSize > limits.maxDirectoryBytes) {
    status_ = Status::Oversized;
    return;
  }
  if (header.dirSize > 0) claimed_.emplace(header.dirOffset, static_cast<u64>(header.dirOffset) + header.dirSize);
  claimed_bytes_ = header.dirSize;
  skip_empty_blocks();
}

bool RezTreeBuilder::next_block(u32* offset, u32* size) const noexcept {
  if (status_ != Status::Ok || next_ == pending_.size()) return false;
  *offset = pending_[next_].offset;
  *size = pending_[next_].size;
  return true;
}

// An empty directory has nothing to fetch: it is complete (no children) as soon as it is seen.
void RezTreeBuilder::skip_empty_blocks() noexcept {
  while (next_ < pending_.size() && pending_[next_].size == 0) {
    const Pending& p = pending_[next_];
    const u32 first = static_cast<u32>(tree_.entries.size());
    if (p.entry == kRezNoEntry) {
      tree_.rootFirstChild = first;
    } else {
      tree_.entries[p.entry].firstChild = first;
    }
    ++next_;
  }
}

Status RezTreeBuilder::add_block(ByteSpan bytes) {
  if (status_ != Status::Ok) return status_;
  if (next_ == pending_.size()) return Status::InvalidArgument;
  const Pending block = pending_[next_];
  ByteSpan own;
  if (!bytes.sub(0, block.size, &own)) return status_ = Status::Truncated;
  const Status s = parse_block(block, own);
  if (s != Status::Ok) return status_ = s;
  ++next_;
  skip_empty_blocks();
  return Status::Ok;
}

Status RezTreeBuilder::parse_block(const Pending& block, ByteSpan bytes) {
  const u32 first = static_cast<u32>(tree_.entries.size());
  u32 at = 0;
  while (at < bytes.size()) {
    const Status s = parse_entry(block, bytes, &at);
    if (s != Status::Ok) return s;
  }
  const u32 count = static_cast<u32>(tree_.entries.size()) - first;
  if (block.entry == kRezNoEntry) {
    tree_.rootFirstChild = first;
    tree_.rootChildCount = count;
  } else {
    tree_.entries[block.entry].firstChild = first;
    tree_.entries[block.entry].childCount = count;
  }
  return Status::Ok;
}

Status RezTreeBuilder::parse_entry(const Pending& block, ByteSpan bytes, u32* at) {
  if (tree_.entries.size() >= limits_.maxEntries) return Status::Oversized;
  RezTreeEntry e;
  e.parent = block.entry;
  if (!bytes.u32_at(*at, &e.isDirectory)) return Status::Truncated;
  if (e.isDirectory > 1) return Status::Malformed;
  const u32 fixed = e.isDirectory ? kRezDirEntryFixed : kRezFileEntryFixed;
  if (!bytes.has(*at, fixed)) return Status::Truncated;
  bytes.u32_at(*at + 4, &e.offset);
  bytes.u32_at(*at + 8, &e.size);
  bytes.u32_at(*at + 12, &e.dateTime);
  if (!e.isDirectory) {
    bytes.u32_at(*at + 16, &e.fileId);
    for (u32 i = 0; i < 4; ++i) {
      u8 c = 0;
      bytes.u8_at(*at + 20 + i, &c);
      e.ext[i] = static_cast<char>(c);
    }
    bytes.u32_at(*at + 24, &e.unknown);
  }
  const u32 nameAt = *at + fixed;
  if (!bytes.cstring_at(nameAt, bytes.size() - nameAt, &e.nameLength)) return Status::Malformed;
  if (e.nameLength == 0) return Status::Malformed;
  if (e.nameLength > limits_.maxNameLength) return Status::Oversized;
  // Past the name's NUL; a file entry has one more byte, tolerated missing at the block's end.
  u32 next = nameAt + e.nameLength + 1;
  if (!e.isDirectory && next < bytes.size()) ++next;

  if (e.isDirectory) {
    if (block.depth + 1 > limits_.maxDepth) return Status::Oversized;
    const Status s = claim_block(block, e.offset, e.size);
    if (s != Status::Ok) return s;
  } else {
    // Extension stored reversed ("DIP\0" is PID): un-reverse, keep the NUL padding at the end.
    char ext[4] = {0, 0, 0, 0};
    u32 n = 0;
    for (int i = 3; i >= 0; --i) {
      if (e.ext[i] != 0) ext[n++] = e.ext[i];
    }
    std::memcpy(e.ext, ext, 4);
    const u64 dataEnd = static_cast<u64>(e.offset) + e.size;
    if (e.offset < kRezHeaderSize || dataEnd > header_.dirOffset) return Status::OutOfRange;
  }

  e.nameAt = static_cast<u32>(tree_.names.size());
  tree_.names.append(reinterpret_cast<const char*>(bytes.data()) + nameAt, e.nameLength);
  tree_.entries.push_back(e);
  if (e.isDirectory) {
    pending_.push_back(Pending{static_cast<u32>(tree_.entries.size() - 1), e.offset, e.size, block.depth + 1});
  }
  *at = next;
  return Status::Ok;
}

// Registers a child block, refusing anything that would let the walk revisit bytes: a block outside
// the archive, or one sharing bytes with a block already seen (an ancestor's: SelfReference when it
// starts at the same place, since that is a loop; anything else: Overlap).
Status RezTreeBuilder::claim_block(const Pending& parent, u32 offset, u32 size) {
  const u64 archiveEnd = static_cast<u64>(header_.dirOffset) + header_.dirSize;
  if (offset < kRezHeaderSize || static_cast<u64>(offset) + size > archiveEnd) return Status::OutOfRange;
  if (size == 0) return Status::Ok;  // owns no bytes, so it can neither loop nor overlap
  if (offset == header_.dirOffset) return Status::SelfReference;  // the root is everyone's ancestor
  for (u32 a = parent.entry; a != kRezNoEntry; a = tree_.entries[a].parent) {
    if (tree_.entries[a].offset == offset) return Status::SelfReference;
  }
  const u64 end = static_cast<u64>(offset) + size;
  auto after = claimed_.lower_bound(offset);
  if (after != claimed_.end() && after->first < end) return Status::Overlap;
  if (after != claimed_.begin() && std::prev(after)->second > offset) return Status::Overlap;
  // Checked before the block is queued: a reader fetches and holds each block whole.
  if (claimed_bytes_ + size > limits_.maxDirectoryBytes) return Status::Oversized;
  claimed_bytes_ += size;
  claimed_.emplace(offset, end);
  return Status::Ok;
}

Status parse_rez_tree(const RezHeader& header, ByteSpan window, u32 windowStart, const RezLimits& limits,
                      RezTree* out) {
  if (out == nullptr) return Status::InvalidArgument;
  RezTreeBuilder builder(header, limits);
  u32 offset = 0, size = 0;
  while (builder.next_block(&offset, &size)) {
    ByteSpan block;
    if (offset < windowStart || !window.sub(offset - windowStart, size, &block)) return Status::Truncated;
    const Status s = builder.add_block(block);
    if (s != Status::Ok) return s;
  }
  if (!builder.done()) return builder.status();
  *out = builder.take();
  return Status::Ok;
}

}  // namespace oc::formats
