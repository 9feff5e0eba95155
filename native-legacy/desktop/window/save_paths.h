// Where the quick slot lives: $XDG_DATA_HOME/openclaw/saves/quick.clawsnap, else
// $HOME/.local/share/openclaw/saves/quick.clawsnap (the XDG base directory rules: a relative
// XDG_DATA_HOME is invalid and ignored). The choice is a pure function of the two variables so it is
// tested without touching the environment.
#pragma once

#include <string>

namespace oc::desktop::window {

// The saves directory; "" when neither variable gives an absolute path (nowhere to save).
std::string saves_dir(const char* xdg_data_home, const char* home);
std::string quick_save_path(const std::string& saves_dir);
// saves_dir() of this process's environment.
std::string saves_dir_from_env();

// mkdir -p with mode 0700 for created directories; 0 or the errno of the first failure.
int make_dirs(const std::string& path);

}  // namespace oc::desktop::window
