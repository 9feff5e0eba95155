// The FixedPool hot paths, inline: alloc() and free() are a free-list pop/push plus the generation
// bump and the counters, with every value they need cached in the view. Everything that can be slow
// or rare (exhaustion, classifying a bad handle, batches, check) lives in fixed_pool.cpp.
#pragma once

#include <cstring>

#include "asan.h"
#include "hot_inline.h"
#include "scrub.h"

#if defined(__GNUC__) || defined(__clang__)
#define OC_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define OC_LIKELY(x) (x)
#endif

namespace oc {
namespace detail {

// Zeroes n bytes (n >= 4, a multiple of 4) with at most four 16-byte stores when n <= 64, overlapping
// where n is not a multiple of the store width. Inline on purpose: a memset call (a real call in wasm,
// where bulk memory is off) would cost as much as the rest of alloc() for a 16..64-byte slot.
// The branches depend only on the pool's slot size, so they are predicted perfectly.
inline void zero_slot(u8* p, u32 n) noexcept {
  static constexpr u8 kZero[16] = {};
  if (n > 64) {
    std::memset(p, 0, n);
  } else if (n >= 16) {
    std::memcpy(p, kZero, 16);
    std::memcpy(p + n - 16, kZero, 16);
    if (n > 32) {
      std::memcpy(p + 16, kZero, 16);
      std::memcpy(p + n - 32, kZero, 16);
    }
  } else if (n >= 8) {
    std::memcpy(p, kZero, 8);
    std::memcpy(p + n - 8, kZero, 8);
  } else {
    std::memcpy(p, kZero, 4);
    std::memcpy(p + n - 4, kZero, 4);
  }
}

}  // namespace detail

inline u8* FixedPool::slot_at(u32 idx) const noexcept {
#ifdef __EMSCRIPTEN__
  // clang turns the branch below into a select that computes both sides, so the multiply stays on
  // the critical path anyway; the plain multiply measured ~10% faster in V8.
  return slots_ + idx * slot_size_;
#else
  // Natively a shift instead of a multiply measured faster when the slot address was on the pop's
  // critical path; it no longer is (the link is in its own array), but the branch on a per-pool
  // constant is always predicted, so it costs nothing either way.
  return slot_shift_ != 0 ? slots_ + (idx << slot_shift_) : slots_ + idx * slot_size_;
#endif
}

inline void FixedPool::poison_slot(u32 idx) const noexcept {
#if OC_ASAN
  if (region_->owns_bytes()) detail::asan_poison(slot_at(idx), slot_size_);
#else
  (void)idx;
#endif
}

inline void FixedPool::unpoison_slot(u32 idx) const noexcept {
#if OC_ASAN
  if (region_->owns_bytes()) detail::asan_unpoison(slot_at(idx), slot_size_);
#else
  (void)idx;
#endif
}

OC_HOT_INLINE Handle FixedPool::alloc(Status* status, Site site) noexcept {
  FixedPoolHeader* h = hdr_;
  const u32 head = h->free_head;
  u32 idx;
  if (OC_LIKELY(head != 0)) {
    idx = head - 1;
    // Consecutive pops wait on each other through free_head -> link -> free_head. With the link in
    // its own array that chain is one scaled load; with the link in the slot it also held the slot
    // address (a multiply in wasm). Measured on the issue-2 workload (64 B, 10k live), ns/op:
    // wasm 2.3-2.8 -> 1.9-2.2 (1.8x -> 2.2-2.4x dlmalloc), native 1.9-2.1 -> 1.5-1.8 (2.4x -> 3.15x
    // glibc); the price is 4 more bytes of metadata per slot.
    h->free_head = links_[idx];
    unpoison_slot(idx);
    detail::zero_slot(slot_at(idx), slot_size_);
  } else {
    idx = h->bump;
    if (idx >= capacity_) return alloc_exhausted(status);
    // Never handed out before: still the zeroes the region was created with, so no zeroing.
    unpoison_slot(idx);
    h->bump = idx + 1;
    // The free list is empty here, so every slot below bump is live: live reaches a new high exactly
    // when bump grows, and peak == bump always. Keeping it here keeps it off the common (pop) path.
    h->peak = idx + 1;
  }
  const u32 gen = gens_[idx] + 1;  // even -> odd: live
  gens_[idx] = gen;
  h->live++;
  h->total_allocs++;
  if (status != nullptr) *status = Status::Ok;
  // Masking with 0x00FFFFFF is masking to the generation field: gen << index_bits has no index bits.
  const Handle handle = tag_bits_ | ((gen << index_bits_) & 0x00FFFFFFu) | idx;
  Tracker* const t = track::record_sink(*region_);
  if (OC_TRACK_UNLIKELY(t != nullptr)) t->pool_alloc_hook(*region_, handle, site.file, site.line);
  return handle;
}

OC_HOT_INLINE Status FixedPool::free(Handle handle, Site site) noexcept {
  const u32 idx = handle & index_mask_;
  if (OC_LIKELY(idx < capacity_)) {
    const u32 gen = gens_[idx];
    // One comparison checks the tag and the generation; the parity check rejects a forged handle
    // whose even generation bits would match a free slot.
    const u32 expected = tag_bits_ | ((gen << index_bits_) & 0x00FFFFFFu) | idx;
    if (OC_LIKELY(handle == expected && (gen & 1u) != 0)) {
      gens_[idx] = gen + 1;  // odd -> even: free, and every outstanding handle is now stale
      FixedPoolHeader* h = hdr_;
#if OPENCLAW_SCRUB
      std::memset(slot_at(idx), kScrubByte, slot_size_);
#endif
      poison_slot(idx);
      links_[idx] = h->free_head;
      h->free_head = idx + 1;
      h->live--;
      h->total_frees++;
      Tracker* const t = track::record_sink(*region_);
      if (OC_TRACK_UNLIKELY(t != nullptr)) t->pool_free_hook(*region_, handle, site.file, site.line);
      return Status::Ok;
    }
  }
  return bad_free(handle, site.file, site.line);
}

template <typename F>
void FixedPool::walk(F&& f) const noexcept {
  const u32 bump = hdr_->bump;
  for (u32 i = 0; i < bump; ++i) {
    const u32 gen = gens_[i];
    if ((gen & 1u) != 0) {
      f(static_cast<Handle>(tag_bits_ | ((gen << index_bits_) & 0x00FFFFFFu) | i),
        static_cast<Offset>(hdr_->slots_offset + i * slot_size_));
    }
  }
}

}  // namespace oc
