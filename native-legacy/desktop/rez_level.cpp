// Level n's world from a REZ file (rez_level.h).
#include "desktop/rez_level.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"
#include "resources/formats/wwd.h"

namespace oc::desktop {
namespace {

using formats::ByteSpan;

// Reads byte ranges of an open archive; closes it on destruction.
class ArchiveFile {
 public:
  ~ArchiveFile() {
    if (f_ != nullptr) std::fclose(f_);
  }
  int open(const std::string& path) {
    f_ = std::fopen(path.c_str(), "rb");
    if (f_ == nullptr) return errno != 0 ? errno : EIO;
    if (fseeko(f_, 0, SEEK_END) != 0) return errno != 0 ? errno : EIO;
    const off_t end = ftello(f_);
    if (end < 0) return errno != 0 ? errno : EIO;
    length_ = static_cast<u64>(end);
    return 0;
  }
  u64 length() const noexcept { return length_; }
  // False when the range is outside the file or the read comes up short.
  bool read(u64 offset, u32 size, std::vector<u8>* out) {
    if (offset + size > length_) return false;
    out->resize(size);
    if (fseeko(f_, static_cast<off_t>(offset), SEEK_SET) != 0) return false;
    return size == 0 || std::fread(out->data(), 1, size, f_) == size;
  }

 private:
  std::FILE* f_ = nullptr;
  u64 length_ = 0;
};

RezLevelError fail(Status s, std::string detail) { return RezLevelError{s, std::move(detail)}; }

// The directory tree, block by block as the header and each parsed block name them.
RezLevelError read_index(ArchiveFile& file, formats::RezIndex* index) {
  std::vector<u8> bytes;
  if (!file.read(0, formats::kRezHeaderSize, &bytes)) return fail(Status::Truncated, "shorter than a REZ header");
  formats::RezHeader header;
  Status s = formats::parse_rez_header(ByteSpan(bytes.data(), formats::kRezHeaderSize), file.length(), &header);
  if (s != Status::Ok) return fail(s, "REZ header");
  formats::RezTreeBuilder builder(header);
  u32 offset = 0, size = 0;
  while (builder.next_block(&offset, &size)) {
    if (!file.read(offset, size, &bytes)) return fail(Status::Truncated, "a REZ directory block past the end");
    s = builder.add_block(ByteSpan(bytes.data(), size));
    if (s != Status::Ok) return fail(s, "REZ directory block at " + std::to_string(offset));
  }
  if (!builder.done()) return fail(builder.status(), "REZ directory");
  s = index->build(builder.take());
  if (s != Status::Ok) return fail(s, "REZ directory paths");
  return {};
}

// The rebuilt image of a WWD as stored: compressed bodies are inflated behind the raw header bytes.
RezLevelError rebuild_image(const std::string& where, std::vector<u8>* raw, std::vector<u8>* image) {
  formats::WwdHeader h;
  const Status s = formats::wwd_parse_header(ByteSpan(raw->data(), static_cast<u32>(raw->size())), &h);
  if (s != Status::Ok) return fail(s, where + " header");
  // The same rule as engine/game (Game.loadLevel): a body already as long as the inflated size is
  // taken as inflated, whatever the flag says.
  const bool compressed = (h.flags & formats::kWwdFlagCompressed) != 0 && raw->size() != formats::wwd_image_size(h);
  if (!compressed) {
    image->swap(*raw);
    return {};
  }
  image->assign(static_cast<size_t>(formats::wwd_image_size(h)), 0);
  std::memcpy(image->data(), raw->data(), h.planes_offset);
  uLongf inflated = h.main_block_length;
  const int z = uncompress(image->data() + h.planes_offset, &inflated, raw->data() + h.planes_offset,
                           static_cast<uLong>(raw->size() - h.planes_offset));
  if (z != Z_OK || inflated != h.main_block_length) {
    image->clear();
    return fail(Status::Malformed, where + " body does not inflate to " + std::to_string(h.main_block_length) +
                                       " bytes (zlib: " + (z == Z_OK ? "short" : zError(z)) + ")");
  }
  return {};
}

}  // namespace

std::string level_world_path(u32 level) { return "/LEVEL" + std::to_string(level) + "/WORLDS/WORLD.WWD"; }

RezLevelError read_rez_level(const std::string& rez_path, u32 level, std::vector<u8>* image) {
  if (level == 0) return fail(Status::InvalidArgument, "levels count from 1");
  ArchiveFile file;
  if (const int e = file.open(rez_path); e != 0) return fail(Status::InvalidArgument, std::strerror(e));
  formats::RezIndex index;
  RezLevelError err = read_index(file, &index);
  if (err.status != Status::Ok) return err;
  const std::string path = level_world_path(level);
  formats::RezStat st;
  if (index.stat(path, &st) != Status::Ok || st.isDirectory != 0) return fail(Status::Missing, "no " + path);
  std::vector<u8> raw;
  if (!file.read(st.offset, st.size, &raw)) return fail(Status::Truncated, path + " runs past the end");
  return rebuild_image(path, &raw, image);
}

}  // namespace oc::desktop
