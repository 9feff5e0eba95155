// Whole-file reads and writes for the desktop program. Errors are errno values (0 = success), so the
// caller can name the file and the OS's reason in one line; EFBIG for a file of 4 GiB or more (the
// readers take u32 sizes).
#pragma once

#include <string>
#include <vector>

#include "memory/types.h"

namespace oc::desktop {

int read_whole_file(const std::string& path, std::vector<u8>* out);
// Writes to path + ".tmp" and renames it over `path`, so a failed write never leaves half a file.
int write_whole_file(const std::string& path, const u8* data, size_t len);

}  // namespace oc::desktop
