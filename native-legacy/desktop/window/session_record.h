// --record of the window mode: the input bits of every step played, as a .clawinput (input_stream.h)
// that the headless mode and the browser replay to the same checksums. A recording is bound to the
// level and the frame counter it began at; a quick load (F9) or a replayed level (Enter) moves the
// game to another frame, so the recording starts over there and the frames before are dropped
// (a .clawinput is one unbroken run of steps from its start_frame).
#pragma once

#include <string>

#include "desktop/input_stream.h"
#include "memory/types.h"

namespace oc::desktop::window {

class SessionRecorder {
 public:
  // Starts a new recording (what was recorded is dropped), bound to this level and frame counter.
  void begin(u64 level_hash, u64 start_frame);
  // One step's input bits, after the step succeeded. Bits above kInputFrameMask are kept as given
  // (then write() refuses the recording rather than save other input than was played).
  void add(u32 bits);

  const InputStream& stream() const noexcept { return stream_; }

  // Encodes the recording and writes it to `path` (a temp file, then a rename). On failure returns
  // false with one line in *error naming the file: "<path>: InvalidArgument (...)" when the recording
  // cannot be encoded (a frame outside the input bits, 2^32 frames or more; nothing is written), or
  // "<path>: cannot write: <the OS's reason>".
  bool write(const std::string& path, std::string* error) const;

 private:
  InputStream stream_;
};

}  // namespace oc::desktop::window
