// Site: where an allocation (or a free) was asked for. In C++ every allocator call carries one as a
// defaulted last argument, so callers write pool.alloc() and the tracker still learns file and line:
// __builtin_FILE()/__builtin_LINE() in a default argument are evaluated at the call site (g++ and
// clang, hence Emscripten). Building a Site is two constants in registers; nothing reads it unless a
// tracker is attached in a mode that records sites.
//
// From TypeScript there is no file and line: the caller passes a label, interned by the tracker into
// a site id (Tracker::site_label), and the ABI hands the allocator Site::id(site). Site::none() means
// "the tracker's current context site" (Tracker::set_context), which is what ABI calls without a
// label pass.
#pragma once

#include "memory/types.h"

namespace oc {

struct Site {
  const char* file;  // a string literal (static storage), or nullptr for an interned id / none
  u32 line;          // line in file, or the interned site id when file is nullptr (0 = none)

  static constexpr Site here(const char* f = __builtin_FILE(), u32 l = __builtin_LINE()) noexcept {
    return Site{f, l};
  }
  static constexpr Site id(u32 site_id) noexcept { return Site{nullptr, site_id}; }
  static constexpr Site none() noexcept { return Site{nullptr, 0}; }
  constexpr bool is_id() const noexcept { return file == nullptr; }
};

}  // namespace oc

// The default argument every allocator call takes: `Site site = OC_HERE`.
#define OC_HERE ::oc::Site::here(__builtin_FILE(), __builtin_LINE())
