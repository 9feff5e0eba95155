#include "resources/formats/rez_writer.h"

#include <cstring>
#include <map>
#include <string>
#include <utility>

#include "resources/formats/rez_header.h"
#include "resources/formats/rez_tree.h"

namespace oc::formats {
namespace {

struct Node {
  std::string name;  // directory name, or a file's base name
  std::string ext;
  bool isDirectory = true;
  u32 file = 0;  // index into the source list (files)
  u32 dateTime = 0;
  std::vector<u32> children;
  u32 blockOffset = 0, blockSize = 0;  // directories
};

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

u64 entry_size(const Node& n) noexcept {
  return n.isDirectory ? kRezDirEntryFixed + n.name.size() + 1 : kRezFileEntryFixed + n.name.size() + 2;
}

void put_u32(std::vector<u8>* out, u32 v) {
  u8 b[4];
  std::memcpy(b, &v, 4);
  out->insert(out->end(), b, b + 4);
}

// Adds one file to the tree under construction, making its directories as needed.
Status add_file(const RezPlanFile& f, u32 index, std::vector<Node>* nodes, std::map<std::string, u32>* byKey) {
  if (f.path.find('\0') != std::string_view::npos) return Status::InvalidArgument;
  std::string_view rest = f.path;
  while (!rest.empty() && (rest.front() == '/' || rest.front() == '\\')) rest.remove_prefix(1);
  if (rest.empty()) return Status::InvalidArgument;
  std::vector<u32> chain{0};
  std::string key;
  for (;;) {
    const size_t sep = rest.find_first_of("/\\");
    const std::string_view part = rest.substr(0, sep);
    if (part.empty()) return Status::InvalidArgument;
    key += "/" + lowered(part);
    const auto found = byKey->find(key);
    if (sep == std::string_view::npos) {
      if (found != byKey->end()) return Status::InvalidArgument;
      Node n;
      n.isDirectory = false;
      n.file = index;
      n.dateTime = f.dateTime;
      const size_t dot = part.rfind('.');
      n.name = std::string(part.substr(0, dot));
      if (dot != std::string_view::npos) n.ext = std::string(part.substr(dot + 1));
      if (n.name.empty() || n.ext.size() > 4) return Status::InvalidArgument;
      const u32 id = static_cast<u32>(nodes->size());
      nodes->push_back(std::move(n));
      (*nodes)[chain.back()].children.push_back(id);
      byKey->emplace(key, id);
      for (u32 dir : chain) {
        if ((*nodes)[dir].dateTime < f.dateTime) (*nodes)[dir].dateTime = f.dateTime;
      }
      return Status::Ok;
    }
    u32 dir = 0;
    if (found != byKey->end()) {
      dir = found->second;
      if (!(*nodes)[dir].isDirectory) return Status::InvalidArgument;
    } else {
      Node n;
      n.name = std::string(part);
      dir = static_cast<u32>(nodes->size());
      nodes->push_back(std::move(n));
      (*nodes)[chain.back()].children.push_back(dir);
      byKey->emplace(key, dir);
    }
    chain.push_back(dir);
    rest.remove_prefix(sep + 1);
  }
}

void put_block(const std::vector<Node>& nodes, const Node& dir, const std::vector<RezPlanFile>& files,
               const std::vector<u32>& dataOffsets, std::vector<u8>* out) {
  for (u32 c : dir.children) {
    const Node& n = nodes[c];
    put_u32(out, n.isDirectory ? 1 : 0);
    if (n.isDirectory) {
      put_u32(out, n.blockOffset);
      put_u32(out, n.blockSize);
      put_u32(out, n.dateTime);
    } else {
      put_u32(out, dataOffsets[n.file]);
      put_u32(out, files[n.file].size);
      put_u32(out, n.dateTime);
      put_u32(out, files[n.file].fileId);
      u8 ext[4] = {0, 0, 0, 0};  // stored reversed: "PID" is "DIP\0"
      for (size_t i = 0; i < n.ext.size(); ++i) ext[n.ext.size() - 1 - i] = static_cast<u8>(n.ext[i]);
      out->insert(out->end(), ext, ext + 4);
      put_u32(out, 0);
    }
    out->insert(out->end(), n.name.begin(), n.name.end());
    out->push_back(0);
    if (!n.isDirectory) out->push_back(0);
  }
}

void put_head(u32 dirOffset, u32 dirSize, u8 head[kRezHeaderSize]) noexcept {
  static const char kText[] = "RezMgr Version 1";
  std::memset(head, 0, kRezHeaderSize);
  std::memcpy(head, kText, sizeof(kText) - 1);
  const u32 words[3] = {1, dirOffset, dirSize};
  std::memcpy(head + kRezVersionAt, words, sizeof words);
}

}  // namespace

Status plan_rez(const std::vector<RezPlanFile>& files, RezPlan* out) {
  if (out == nullptr) return Status::InvalidArgument;
  std::vector<Node> nodes(1);  // 0 is the root
  std::map<std::string, u32> byKey;
  for (u32 i = 0; i < files.size(); ++i) {
    const Status s = add_file(files[i], i, &nodes, &byKey);
    if (s != Status::Ok) return s;
  }

  u64 at = kRezHeaderSize;
  std::vector<u32> dataOffsets(files.size());
  for (u32 i = 0; i < files.size(); ++i) {
    dataOffsets[i] = static_cast<u32>(at);
    at += files[i].size;
    if (at > 0xFFFFFFFFu) return Status::Oversized;
  }
  // Breadth-first order of the directories; the root's block goes last so that it ends the file.
  std::vector<u32> order{0};
  for (size_t i = 0; i < order.size(); ++i) {
    for (u32 c : nodes[order[i]].children) {
      if (nodes[c].isDirectory) order.push_back(c);
    }
  }
  const u32 blocksOffset = static_cast<u32>(at);
  auto layout = [&](Node& dir) {
    u64 size = 0;
    for (u32 c : dir.children) size += entry_size(nodes[c]);
    dir.blockOffset = static_cast<u32>(at);
    dir.blockSize = static_cast<u32>(size);
    at += size;
  };
  for (size_t i = 1; i < order.size(); ++i) {
    layout(nodes[order[i]]);
    if (at > 0xFFFFFFFFu) return Status::Oversized;
  }
  layout(nodes[0]);
  if (at > 0xFFFFFFFFu) return Status::Oversized;

  put_head(nodes[0].blockOffset, nodes[0].blockSize, out->head);
  out->blocks.clear();
  out->blocks.reserve(static_cast<size_t>(at - blocksOffset));
  for (size_t i = 1; i < order.size(); ++i) put_block(nodes, nodes[order[i]], files, dataOffsets, &out->blocks);
  put_block(nodes, nodes[0], files, dataOffsets, &out->blocks);
  out->dataOffsets = std::move(dataOffsets);
  out->blocksOffset = blocksOffset;
  out->total = at;
  return Status::Ok;
}

Status write_rez(const std::vector<RezSourceFile>& files, std::vector<u8>* out, RezWriteResult* result) {
  if (out == nullptr) return Status::InvalidArgument;
  std::vector<RezPlanFile> sizes;
  sizes.reserve(files.size());
  for (const RezSourceFile& f : files) sizes.push_back(RezPlanFile{f.path, f.bytes.size(), f.dateTime, f.fileId});
  RezPlan plan;
  const Status s = plan_rez(sizes, &plan);
  if (s != Status::Ok) return s;
  out->clear();
  out->reserve(static_cast<size_t>(plan.total));
  out->insert(out->end(), plan.head, plan.head + kRezHeaderSize);
  for (const RezSourceFile& f : files) out->insert(out->end(), f.bytes.data(), f.bytes.data() + f.bytes.size());
  out->insert(out->end(), plan.blocks.begin(), plan.blocks.end());
  if (result != nullptr) result->blocksOffset = plan.blocksOffset;
  return Status::Ok;
}

}  // namespace oc::formats
