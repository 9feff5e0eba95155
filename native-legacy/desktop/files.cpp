// Whole-file I/O (files.h).
#include "desktop/files.h"

#include <cerrno>
#include <cstdio>

namespace oc::desktop {

int read_whole_file(const std::string& path, std::vector<u8>* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return errno != 0 ? errno : EIO;
  out->clear();
  u8 buf[1 << 16];
  size_t n = 0;
  int error = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (out->size() + n > 0xFFFFFFFFu) {
      error = EFBIG;
      break;
    }
    out->insert(out->end(), buf, buf + n);
  }
  if (error == 0 && std::ferror(f) != 0) error = EIO;
  std::fclose(f);
  return error;
}

int write_whole_file(const std::string& path, const u8* data, size_t len) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return errno != 0 ? errno : EIO;
  int error = 0;
  if (len != 0 && std::fwrite(data, 1, len, f) != len) error = errno != 0 ? errno : EIO;
  if (std::fclose(f) != 0 && error == 0) error = errno != 0 ? errno : EIO;
  if (error == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) error = errno != 0 ? errno : EIO;
  if (error != 0) std::remove(tmp.c_str());
  return error;
}

}  // namespace oc::desktop
