// The quick slot's path (save_paths.h).
#include "desktop/window/save_paths.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>

namespace oc::desktop::window {

std::string saves_dir(const char* xdg_data_home, const char* home) {
  std::string base;
  if (xdg_data_home != nullptr && xdg_data_home[0] == '/') {
    base = xdg_data_home;
  } else if (home != nullptr && home[0] == '/') {
    base = std::string(home);
    if (base.back() != '/') base += '/';
    base += ".local/share";
  } else {
    return {};
  }
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  if (base == "/") base.clear();
  return base + "/openclaw/saves";
}

std::string quick_save_path(const std::string& dir) { return dir + "/quick.clawsnap"; }

std::string saves_dir_from_env() { return saves_dir(std::getenv("XDG_DATA_HOME"), std::getenv("HOME")); }

int make_dirs(const std::string& path) {
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i != path.size() && path[i] != '/') continue;
    const std::string part = path.substr(0, i);
    if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return errno;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

}  // namespace oc::desktop::window
