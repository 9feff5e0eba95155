// OC_HOT_INLINE: the allocators' hot paths (pool and slab alloc/free) are inline by design, and their
// callers (the C ABI's oc_pool_alloc, a game's loop) rely on it. The tracking hooks made them large
// enough for clang's wasm inliner to give up on them (oc_pool_alloc became a call), so they insist.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define OC_HOT_INLINE inline __attribute__((always_inline))
#else
#define OC_HOT_INLINE inline
#endif
