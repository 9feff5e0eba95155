// The FixedPool hot paths, inline: alloc() and free() are a free-list pop/push plus the generation
// bump and the counters, with every value they need cached in the view. Everything that can be slow
// or rare (exhaustion, classifying a bad handle, batches, check) lives in fixed_pool.cpp.
#pragma once

#include <cstring>

#ifndef OPENCLAW_SCRUB
#if defined(OPENCLAW_DEBUG) && OPENCLAW_DEBUG
#define OPENCLAW_SCRUB 1
#else
#define OPENCLAW_SCRUB 0
#endif
#endif

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
  // The pop's critical path is free_head -> slot address -> link load; natively a shift there instead
  // of a multiply is measurably faster, and the branch on a per-pool constant is always predicted.
  return slot_shift_ != 0 ? slots_ + (idx << slot_shift_) : slots_ + idx * slot_size_;
#endif
}

inline Handle FixedPool::alloc(Status* status) noexcept {
  FixedPoolHeader* h = hdr_;
  const u32 head = h->free_head;
  u32 idx;
  if (OC_LIKELY(head != 0)) {
    idx = head - 1;
    u8* slot = slot_at(idx);
    u32 next;
    std::memcpy(&next, slot, sizeof next);
    h->free_head = next;
    // Zeroing here rather than in free() is measurably faster: the link load just brought the
    // slot's cache line in, whereas at free() time the line is usually cold.
    detail::zero_slot(slot, slot_size_);
  } else {
    idx = h->bump;
    if (idx >= capacity_) return alloc_exhausted(status);
    // Never handed out before: still the zeroes the region was created with, so no zeroing.
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
  return tag_bits_ | ((gen << index_bits_) & 0x00FFFFFFu) | idx;
}

inline Status FixedPool::free(Handle handle) noexcept {
  const u32 idx = handle & index_mask_;
  if (OC_LIKELY(idx < capacity_)) {
    const u32 gen = gens_[idx];
    // One comparison checks the tag and the generation; the parity check rejects a forged handle
    // whose even generation bits would match a free slot.
    const u32 expected = tag_bits_ | ((gen << index_bits_) & 0x00FFFFFFu) | idx;
    if (OC_LIKELY(handle == expected && (gen & 1u) != 0)) {
      gens_[idx] = gen + 1;  // odd -> even: free, and every outstanding handle is now stale
      FixedPoolHeader* h = hdr_;
      u8* slot = slot_at(idx);
#if OPENCLAW_SCRUB
      std::memset(slot, kScrubByte, slot_size_);
#endif
      std::memcpy(slot, &h->free_head, sizeof(u32));
      h->free_head = idx + 1;
      h->live--;
      h->total_frees++;
      return Status::Ok;
    }
  }
  return classify_bad_handle(handle);
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
