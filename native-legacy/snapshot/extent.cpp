// Allocator metadata extents (see extent.h).
#include "snapshot/extent.h"

#include <cstring>

#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/slab_allocator.h"

namespace oc::snap {

namespace {

template <typename T>
bool read_at(const u8* image, u32 used, Offset off, T* out) noexcept {
  if (off > used || used - off < sizeof(T)) return false;
  std::memcpy(out, image + off, sizeof(T));
  return true;
}

Result<Extent> span(Offset begin, u64 end, u32 used) noexcept {
  if (end <= begin || end > used) return Result<Extent>::fail(Status::CorruptState);
  return Result<Extent>{Extent{begin, static_cast<u32>(end - begin)}, Status::Ok};
}

}  // namespace

Result<Extent> allocator_extent(const u8* image, u32 used, Offset header_offset) noexcept {
  AllocatorHeader common{};
  if (!read_at(image, used, header_offset, &common)) return Result<Extent>::fail(Status::CorruptState);
  switch (common.kind) {
    case kKindPool: {
      FixedPoolHeader h{};
      if (!read_at(image, used, header_offset, &h)) break;
      if (h.links_offset < header_offset + static_cast<u64>(sizeof h)) break;
      return span(header_offset, static_cast<u64>(h.links_offset) + 4ull * h.capacity, used);
    }
    case kKindSlab: {
      SlabHeader h{};
      if (!read_at(image, used, header_offset, &h)) break;
      if (h.span_begin < header_offset + static_cast<u64>(sizeof h)) break;
      return span(header_offset, h.span_begin, used);
    }
    case kKindArena: {
      FrameArenaHeader h{};
      if (!read_at(image, used, header_offset, &h)) break;
      return span(header_offset, header_offset + static_cast<u64>(sizeof h), used);
    }
    default: break;
  }
  return Result<Extent>::fail(Status::CorruptState);
}

}  // namespace oc::snap
