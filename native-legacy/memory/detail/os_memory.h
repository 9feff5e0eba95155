// The only platform-specific code of the memory core: getting zeroed, page-aligned blocks for
// regions and giving them back. Natively from the OS (mmap); in wasm from linear memory.
#pragma once

#include "../types.h"

namespace oc {
namespace detail {

constexpr u32 kHugePageSize = 2u * 1024u * 1024u;

// `size` bytes (a multiple of 4096), 4096-aligned, zeroed; nullptr when refused.
// huge_pages is a hint: natively, blocks of at least 2 MiB are advised to use transparent huge pages.
void* os_reserve(u32 size, bool huge_pages) noexcept;
// Gives back a block from os_reserve with the same size.
void os_release(void* p, u32 size) noexcept;

}  // namespace detail
}  // namespace oc
