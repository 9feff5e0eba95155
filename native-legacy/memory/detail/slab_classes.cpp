// Size classes and region layout of a slab (see slab_classes.h).
#include "slab_classes.h"

#include "../tlsf.h"
#include "tlsf_util.h"

namespace oc {
namespace detail {

bool slab_options_valid(u32 page_size, u32 class_steps) noexcept {
  return is_pow2(page_size) && page_size >= 4096 && page_size <= 1024 * 1024 && is_pow2(class_steps) &&
         class_steps <= 16;
}

u32 slab_classes(u32 page_size, u32 class_steps, SlabClass* classes, u8* map) noexcept {
  const u32 k = fls32(class_steps);
  u32 count = 0;
  u32 last = 0;
  for (u32 m = 16; m <= 4096; m += 16) {
    // Round m up to a multiple of 2^sh, where sh keeps log2(class_steps) bits below the top bit of
    // m - 1 (never less than 16 bytes): at most class_steps classes per doubling.
    const u32 t = m - 1;
    const u32 b = fls32(t);
    const u32 sh = b > k + 4 ? b - k : 4;
    const u32 size = ((t >> sh) + 1) << sh;
    if (size != last) {
      if (classes != nullptr) {
        SlabClass& c = classes[count];
        // At least page_size per page, so that one frame never sees two pages start in it (with 1 MiB
        // pages and 16-byte blocks the cap leaves the page one block short, which its bitmap makes up).
        u32 n = (page_size + size - 1) / size;
        if (n > kSlabMaxBlocksPerPage) n = kSlabMaxBlocksPerPage;
        const u32 d = size / 16;
        c.block_size = size;
        c.blocks_per_page = n;
        c.bitmap_at = n * size;
        c.page_bytes = c.bitmap_at + 4 * ((n + 31) / 32 - 1);  // the first word is in the SlabFrame
        c.recip = static_cast<u32>(((u64{1} << 31) + d - 1) / d);
      }
      last = size;
      ++count;
    }
    if (map != nullptr) map[(m - 1) / 16] = static_cast<u8>(count - 1);
  }
  return count;
}

SlabLayout slab_layout(u32 class_count, u32 page_size, u32 arena_bytes) noexcept {
  auto up = [](u64 x, u64 a) { return (x + a - 1) & ~(a - 1); };
  SlabLayout l{};
  l.classes = up(sizeof(SlabHeader), 8);
  l.class_map = l.classes + u64{sizeof(SlabClass)} * class_count;
  l.tlsf = up(l.class_map + kSlabClassMapSize, 8);
  l.tlsf_map = l.tlsf + sizeof(TlsfHeader);
  l.frames = up(l.tlsf_map + Tlsf::map_bytes(arena_bytes), 64);
  l.frame_count = static_cast<u32>((u64{arena_bytes} + page_size - 1) / page_size);
  l.links = l.frames + u64{sizeof(SlabFrame)} * l.frame_count;
  l.span = up(l.links + u64{sizeof(SlabLink)} * l.frame_count, 64);
  l.end = l.span + arena_bytes;
  return l;
}

}  // namespace detail
}  // namespace oc
