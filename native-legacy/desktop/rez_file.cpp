// The archive on disk (rez_file.h).
#include "desktop/rez_file.h"

#include <cerrno>
#include <cstring>

#include "resources/formats/rez_header.h"
#include "resources/formats/rez_tree.h"

namespace oc::desktop {

RezFile::~RezFile() {
  if (f_ != nullptr) std::fclose(f_);
}

bool RezFile::read_range(u64 offset, u32 size, std::vector<u8>* out) {
  if (offset + size > length_) return false;
  out->resize(size);
  if (fseeko(f_, static_cast<off_t>(offset), SEEK_SET) != 0) return false;
  return size == 0 || std::fread(out->data(), 1, size, f_) == size;
}

Status RezFile::open(const std::string& path, std::string* detail) {
  f_ = std::fopen(path.c_str(), "rb");
  if (f_ == nullptr || fseeko(f_, 0, SEEK_END) != 0) {
    *detail = std::strerror(errno != 0 ? errno : EIO);
    return Status::InvalidArgument;
  }
  const off_t end = ftello(f_);
  if (end < 0) {
    *detail = std::strerror(errno != 0 ? errno : EIO);
    return Status::InvalidArgument;
  }
  length_ = static_cast<u64>(end);
  std::vector<u8> bytes;
  if (!read_range(0, formats::kRezHeaderSize, &bytes)) {
    *detail = "shorter than a REZ header";
    return Status::Truncated;
  }
  formats::RezHeader header;
  Status s = formats::parse_rez_header(formats::ByteSpan(bytes.data(), formats::kRezHeaderSize), length_, &header);
  if (s != Status::Ok) {
    *detail = "REZ header";
    return s;
  }
  formats::RezTreeBuilder builder(header);
  u32 offset = 0, size = 0;
  while (builder.next_block(&offset, &size)) {
    if (!read_range(offset, size, &bytes)) {
      *detail = "a REZ directory block past the end";
      return Status::Truncated;
    }
    s = builder.add_block(formats::ByteSpan(bytes.data(), size));
    if (s != Status::Ok) {
      *detail = "REZ directory block at " + std::to_string(offset);
      return s;
    }
  }
  if (!builder.done()) {
    *detail = "REZ directory";
    return builder.status();
  }
  s = index_.build(builder.take());
  if (s != Status::Ok) *detail = "REZ directory paths";
  return s;
}

bool RezFile::is_dir(std::string_view path) const {
  formats::RezStat st;
  return index_.stat(path, &st) == Status::Ok && st.isDirectory != 0;
}

bool RezFile::is_file(std::string_view path) const {
  formats::RezStat st;
  return index_.stat(path, &st) == Status::Ok && st.isDirectory == 0;
}

Status RezFile::read(std::string_view path, std::vector<u8>* out) {
  formats::RezStat st;
  if (f_ == nullptr || index_.stat(path, &st) != Status::Ok || st.isDirectory != 0) return Status::Missing;
  return read_range(st.offset, st.size, out) ? Status::Ok : Status::Truncated;
}

}  // namespace oc::desktop
