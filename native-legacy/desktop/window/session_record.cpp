// The window mode's input recording (session_record.h).
#include "desktop/window/session_record.h"

#include <cstring>
#include <vector>

#include "desktop/files.h"

namespace oc::desktop::window {

void SessionRecorder::begin(u64 level_hash, u64 start_frame) {
  stream_.level_hash = level_hash;
  stream_.start_frame = start_frame;
  stream_.frames.clear();
}

void SessionRecorder::add(u32 bits) {
  // 0xFF (bits 6 and 7 set) for anything wider than a byte: the encoder then refuses it, where a
  // truncation could turn it into other, valid input.
  stream_.frames.push_back(bits > 0xFFu ? u8{0xFF} : static_cast<u8>(bits));
}

bool SessionRecorder::write(const std::string& path, std::string* error) const {
  std::vector<u8> bytes;
  const Status s = encode_input(stream_, &bytes);
  if (s != Status::Ok) {
    *error = path + ": " + status_name(s) + " (the recording cannot be encoded as a .clawinput v1, nothing written)";
    return false;
  }
  if (const int e = write_whole_file(path, bytes.data(), bytes.size()); e != 0) {
    *error = path + ": cannot write: " + std::strerror(e);
    return false;
  }
  return true;
}

}  // namespace oc::desktop::window
