// The staging block of a restore: where a snapshot is decoded and checked before the live region is
// touched. Internal to snapshot/. Taken for one restore and given back after it.
//
// Natively a fresh 16 MiB malloc is an mmap whose 4096 page faults cost more than the whole rest of
// the restore (decode, hashes, check() and the final copy: ~4 ms against ~9 ms of faults here), so the
// block is mapped 2 MiB-aligned with a transparent-huge-page hint: 8 faults instead of 4096. In wasm
// linear memory has no faults to save; the block comes from aligned_alloc and is not zeroed (decode
// writes every byte).
#pragma once

#include "memory/types.h"

namespace oc::snap {

class StagingBlock {
 public:
  explicit StagingBlock(u32 size) noexcept;  // data() is nullptr when refused; 4096-aligned otherwise
  ~StagingBlock();
  StagingBlock(const StagingBlock&) = delete;
  StagingBlock& operator=(const StagingBlock&) = delete;
  u8* data() const noexcept { return data_; }

 private:
  u8* data_ = nullptr;
  void* mapping_ = nullptr;
  u64 mapped_ = 0;
};

}  // namespace oc::snap
