#include "resources/formats/rez_index.h"

#include <algorithm>
#include <cstring>

namespace oc::formats {
namespace {

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The lookup key of a query: lower-cased, '/'-separated, with one leading '/' and no trailing one.
std::string key_of(std::string_view path) {
  std::string key = "/";
  for (char c : path) key.push_back(c == '\\' ? '/' : lower(c));
  const size_t start = key.find_first_not_of('/');
  if (start == std::string::npos) return "/";
  key.erase(1, start - 1);
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

}  // namespace

Status RezIndex::build(RezTree tree, u64 max_path_bytes) {
  u64 path_bytes = 0;
  tree_ = std::move(tree);
  paths_.assign(tree_.entries.size(), std::string());
  keys_.clear();
  keys_.reserve(tree_.entries.size());
  // Breadth first: a parent's path is always made before its children's.
  for (u32 id = 0; id < tree_.entries.size(); ++id) {
    const RezTreeEntry& e = tree_.entries[id];
    const std::string_view n = name(id);
    const std::string_view ext(e.ext, e.isDirectory ? 0 : strnlen(e.ext, 4));
    // A separator in a name or an extension would make the entry's path name another entry (or none).
    if (n.find_first_of("/\\") != std::string_view::npos || ext.find_first_of("/\\") != std::string_view::npos) {
      *this = RezIndex();
      return Status::Malformed;
    }
    std::string p = e.parent == kRezNoEntry ? std::string() : paths_[e.parent];
    p.push_back('/');
    p.append(n);
    if (!ext.empty()) {
      p.push_back('.');
      p.append(ext);
    }
    path_bytes += p.size();
    if (path_bytes > max_path_bytes) {
      *this = RezIndex();
      return Status::Oversized;
    }
    std::string k;
    k.reserve(p.size());
    for (char c : p) k.push_back(lower(c));
    keys_.emplace_back(std::move(k), id);
    paths_[id] = std::move(p);
  }
  std::sort(keys_.begin(), keys_.end());
  for (size_t i = 1; i < keys_.size(); ++i) {
    if (keys_[i - 1].first == keys_[i].first) {
      *this = RezIndex();
      return Status::Malformed;
    }
  }
  return Status::Ok;
}

u32 RezIndex::find(std::string_view path) const {
  const std::string key = key_of(path);
  if (key == "/") return kRezRoot;
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key,
                             [](const std::pair<std::string, u32>& a, const std::string& b) { return a.first < b; });
  return (it != keys_.end() && it->first == key) ? it->second : kRezNoEntry;
}

Status RezIndex::stat(std::string_view path, RezStat* out) const {
  if (out == nullptr) return Status::InvalidArgument;
  const u32 id = find(path);
  if (id == kRezNoEntry) return Status::InvalidArgument;
  RezStat s;
  s.entry = id;
  if (id == kRezRoot) {
    s.isDirectory = 1;
    s.childCount = tree_.rootChildCount;
  } else {
    const RezTreeEntry& e = tree_.entries[id];
    s.isDirectory = e.isDirectory;
    s.offset = e.offset;
    s.size = e.size;
    s.dateTime = e.dateTime;
    s.fileId = e.fileId;
    s.childCount = e.childCount;
  }
  *out = s;
  return Status::Ok;
}

Status RezIndex::list(std::string_view dir, std::vector<u32>* out) const {
  if (out == nullptr) return Status::InvalidArgument;
  const u32 id = find(dir);
  if (id == kRezNoEntry) return Status::InvalidArgument;
  u32 first = tree_.rootFirstChild, count = tree_.rootChildCount;
  if (id != kRezRoot) {
    const RezTreeEntry& e = tree_.entries[id];
    if (!e.isDirectory) return Status::InvalidArgument;
    first = e.firstChild;
    count = e.childCount;
  }
  out->clear();
  for (u32 i = 0; i < count; ++i) out->push_back(first + i);
  return Status::Ok;
}

}  // namespace oc::formats
