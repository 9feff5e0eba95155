// Outcome: the named numbers of one workload run, and their JSON form (the line protocol between the
// bench programs and tools/bench).
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "workloads.h"

namespace ocb {

void Outcome::set(const char* name, double value) noexcept {
  for (u32 i = 0; i < count_; ++i) {
    if (std::strcmp(entries_[i].name, name) == 0) {
      entries_[i].value = value;
      return;
    }
  }
  // A workload reporting more than kMaxEntries numbers is a bug in this file's callers; dropping
  // the extra keeps the output well-formed and the missing key shows up in the runner.
  if (count_ < kMaxEntries) entries_[count_++] = Entry{name, value};
}

namespace {

// snprintf into a cursor that never runs past the end, counting what would have been written.
struct Writer {
  char* out;
  u32 cap;
  u32 len = 0;

  __attribute__((format(printf, 2, 3))) void put(const char* fmt, ...) noexcept {
    char* at = len < cap ? out + len : nullptr;
    u32 room = len < cap ? cap - len : 0;
    std::va_list args;
    va_start(args, fmt);
    int n = std::vsnprintf(at, room, fmt, args);
    va_end(args);
    if (n > 0) len += static_cast<u32>(n);
  }
};

}  // namespace

u32 Outcome::to_json(char* out, u32 cap, const char* workload, int rep) const noexcept {
  Writer w{out, cap};
  w.put("{\"workload\":\"%s\",\"rep\":%d", workload, rep);
  for (u32 i = 0; i < count_; ++i) {
    if (std::isfinite(entries_[i].value)) {
      w.put(",\"%s\":%.9g", entries_[i].name, entries_[i].value);
    } else {
      w.put(",\"%s\":null", entries_[i].name);
    }
  }
  if (error_ != nullptr) w.put(",\"error\":\"%s\"", error_);
  w.put("}");
  if (cap > 0 && w.len >= cap) out[cap - 1] = '\0';
  return w.len;
}

}  // namespace ocb
