// Frame counter, sync checksum and snapshot entry points (abi.h). After a restore the region's ABI
// allocator ids are re-attached to the restored bytes (abi_reattach.cpp, shared with the rewind ring):
// g_pools/g_slabs/g_arenas cache geometry read from the bytes a restore replaces.
#include "snapshot/checksum.h"
#include "snapshot/snapshot.h"
#include "wasm/abi.h"
#include "wasm/abi_cache_guard.h"
#include "wasm/abi_cache_guard.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;

namespace {

void put_u64(uintptr_t ptr, u64 v) noexcept { memcpy(reinterpret_cast<void*>(ptr), &v, sizeof v); }
const u8* bytes_at(uintptr_t ptr) noexcept { return reinterpret_cast<const u8*>(ptr); }


// One table of per-id tags (abi_reattach.cpp's convention), static: 4 KiB off the wasm stack.
u32 g_tags[kMaxAllocators];

uint32_t capture_into(uint32_t region, const u8* base, u32 base_len, uintptr_t out_ptr, uint32_t out_cap,
                      uint32_t flags, const u8* report = nullptr, u32 report_len = 0) noexcept {
  Region* r = region_of(region);
  if (r == nullptr || out_ptr == 0 || (flags & ~OC_SNAPSHOT_UNSEALED) != 0 || region_hosts_tracker(region) ||
      region_hosts_cache(region)) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  CaptureOptions options;
  options.seal = (flags & OC_SNAPSHOT_UNSEALED) == 0;
  options.base = base;
  options.base_len = base_len;
  options.report = report;
  options.report_len = report_len;
  const Result<u32> n = capture(*r, reinterpret_cast<u8*>(out_ptr), out_cap, options);
  set_status(n.status);
  return n.ok() ? n.value : 0;
}

// A checked, non-owning view over a region image in linear memory; false (status set) when unusable.
bool image_view(uintptr_t image_ptr, uint32_t image_size, Region* out) noexcept {
  if (image_ptr == 0 || image_size < sizeof(RegionHeader) || image_ptr % 8 != 0) {
    set_status(Status::InvalidArgument);
    return false;
  }
  *out = Region::view(reinterpret_cast<u8*>(image_ptr), image_size);
  const Status st = out->check();
  if (st != Status::Ok) {
    set_status(st);
    return false;
  }
  return true;
}

}  // namespace

extern "C" {

/* ---- frame counter and sync checksum ---------------------------------------------------------- */

int32_t oc_region_frame(uint32_t region, uintptr_t out_u64_ptr) {
  Region* r = region_of(region);
  if (r == nullptr || out_u64_ptr == 0) return set_status(Status::InvalidArgument);
  put_u64(out_u64_ptr, r->frame());
  return set_status(Status::Ok);
}

int32_t oc_region_set_frame(uint32_t region, uint32_t frame_lo, uint32_t frame_hi) {
  Region* r = region_of(region);
  if (r == nullptr) return set_status(Status::InvalidArgument);
  r->set_frame(frame_lo | static_cast<u64>(frame_hi) << 32);
  return set_status(Status::Ok);
}

uint32_t oc_region_root(uint32_t region) {
  Region* r = region_of(region);
  set_status(r ? Status::Ok : Status::InvalidArgument);
  return r ? r->root() : 0;
}

int32_t oc_region_set_root(uint32_t region, uint32_t offset) {
  Region* r = region_of(region);
  if (r == nullptr) return set_status(Status::InvalidArgument);
  return set_status(r->set_root(offset));
}

int32_t oc_region_checksum(uint32_t region, uintptr_t out_u64_ptr) {
  Region* r = region_of(region);
  if (r == nullptr || out_u64_ptr == 0) return set_status(Status::InvalidArgument);
  put_u64(out_u64_ptr, region_checksum(*r));
  return set_status(Status::Ok);
}

int32_t oc_checksum64(uintptr_t ptr, uint32_t len, uintptr_t out_u64_ptr) {
  if ((ptr == 0 && len != 0) || out_u64_ptr == 0) return set_status(Status::InvalidArgument);
  put_u64(out_u64_ptr, checksum64(bytes_at(ptr), len));
  return set_status(Status::Ok);
}

/* ---- snapshots -------------------------------------------------------------------------------- */

uint32_t oc_snapshot_max_size(uint32_t region) {
  Region* r = region_of(region);
  if (r == nullptr) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  const u32 n = snapshot_max_size(*r);
  set_status(n != 0 ? Status::Ok : Status::CorruptState);
  return n;
}

uint32_t oc_snapshot_capture(uint32_t region, uintptr_t out_ptr, uint32_t out_cap, uint32_t flags) {
  return capture_into(region, nullptr, 0, out_ptr, out_cap, flags);
}

uint32_t oc_snapshot_capture_delta(uint32_t region, uintptr_t base_ptr, uint32_t base_len, uintptr_t out_ptr,
                                   uint32_t out_cap, uint32_t flags) {
  if (base_ptr == 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  return capture_into(region, bytes_at(base_ptr), base_len, out_ptr, out_cap, flags);
}

uint32_t oc_snapshot_image_max_size(uintptr_t image_ptr, uint32_t image_size) {
  Region view;
  if (!image_view(image_ptr, image_size, &view)) return 0;
  set_status(Status::Ok);
  return snapshot_max_size(view);
}

uint32_t oc_snapshot_capture_image(uintptr_t image_ptr, uint32_t image_size, uintptr_t out_ptr, uint32_t out_cap,
                                   uint32_t flags) {
  Region view;
  if (!image_view(image_ptr, image_size, &view)) return 0;
  if (out_ptr == 0 || (flags & ~OC_SNAPSHOT_UNSEALED) != 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  CaptureOptions options;
  options.seal = (flags & OC_SNAPSHOT_UNSEALED) == 0;
  const Result<u32> n = capture(view, reinterpret_cast<u8*>(out_ptr), out_cap, options);
  set_status(n.status);
  return n.ok() ? n.value : 0;
}

int32_t oc_snapshot_seal(uintptr_t bytes_ptr, uint32_t len) {
  if (bytes_ptr == 0) return set_status(Status::InvalidArgument);
  return set_status(seal(reinterpret_cast<u8*>(bytes_ptr), len));
}

int32_t oc_snapshot_verify(uintptr_t bytes_ptr, uint32_t len) {
  if (bytes_ptr == 0) return set_status(Status::InvalidArgument);
  return set_status(verify(bytes_at(bytes_ptr), len));
}

int32_t oc_snapshot_info(uintptr_t bytes_ptr, uint32_t len, uintptr_t out_words_ptr) {
  if (bytes_ptr == 0 || out_words_ptr == 0) return set_status(Status::InvalidArgument);
  const Result<SnapshotInfo> info = inspect(bytes_at(bytes_ptr), len);
  if (!info.ok()) return set_status(info.status);
  const SnapshotHeader& h = info.value.header;
  const u32 words[OC_SNAPSHOT_INFO_WORDS] = {
      h.version,        h.min_version,     h.flags,           h.header_size,         lo32(h.layout_id),
      hi32(h.layout_id), lo32(h.frame),    hi32(h.frame),     h.region_size,         h.region_used,
      h.page_size,      h.chunk_count,     h.total_size,      info.value.page_count, info.value.pages_present,
      lo32(h.image_hash), hi32(h.image_hash), lo32(h.base_hash), hi32(h.base_hash),  lo32(h.whole_checksum),
      hi32(h.whole_checksum)};
  put_words(out_words_ptr, words, OC_SNAPSHOT_INFO_WORDS);
  return set_status(Status::Ok);
}

int32_t oc_snapshot_chunk(uintptr_t bytes_ptr, uint32_t len, uint32_t index, uintptr_t out_words_ptr) {
  if (bytes_ptr == 0 || out_words_ptr == 0) return set_status(Status::InvalidArgument);
  const Result<ChunkEntry> e = chunk_at(bytes_at(bytes_ptr), len, index);
  if (!e.ok()) return set_status(e.status);
  const ChunkEntry& c = e.value;
  const u32 words[OC_SNAPSHOT_CHUNK_WORDS] = {c.kind,          c.id,           c.offset,
                                              c.size,          c.region_offset, c.region_length,
                                              lo32(c.checksum), hi32(c.checksum)};
  put_words(out_words_ptr, words, OC_SNAPSHOT_CHUNK_WORDS);
  return set_status(Status::Ok);
}

int32_t oc_snapshot_restore(uint32_t region, uintptr_t bytes_ptr, uint32_t len, uintptr_t base_ptr,
                            uint32_t base_len) {
  Region* r = region_of(region);
  if (r == nullptr || bytes_ptr == 0 || (base_ptr == 0 && base_len != 0) || region_hosts_tracker(region) ||
      region_hosts_cache(region)) {
    return set_status(Status::InvalidArgument);
  }
  // Tags are read through the cached views now: after the restore those views describe old bytes.
  save_region_tags(region, g_tags);
  const Status s = restore(*r, bytes_at(bytes_ptr), len, base_ptr != 0 ? bytes_at(base_ptr) : nullptr, base_len);
  if (s != Status::Ok) return set_status(s);
  reattach_region_allocators(region, g_tags);
  return set_status(Status::Ok);
}

uint32_t oc_allocator_find(uint32_t region, uint32_t tag) {
  Region* r = region_of(region);
  if (r == nullptr || tag == 0 || tag > kMaxAllocatorsPerRegion) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  save_region_tags(region, g_tags);
  for (u32 id = 1; id < kMaxAllocators; ++id) {
    if (g_tags[id] == tag) {
      set_status(Status::Ok);
      return id;
    }
  }
  const AllocatorHeader* h = r->find_allocator(tag);
  const Kind kind = h != nullptr ? kind_of(h->kind) : Kind::None;
  if (kind == Kind::None) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  const u32 id = reserve_allocator(region, kind);
  if (id == 0) {
    set_status(Status::TooManyAllocators);
    return 0;
  }
  // Attach just this id: reattach_region_allocators() releases it again if the allocator's bytes do
  // not hold up (attach() validates its geometry).
  memset(g_tags, 0, sizeof g_tags);
  g_tags[id] = tag;
  reattach_region_allocators(region, g_tags);
  if (g_slots[id].kind == Kind::None) {
    set_status(Status::CorruptState);
    return 0;
  }
  set_status(Status::Ok);
  return id;
}

uint32_t oc_snapshot_max_size_report(uint32_t region, uint32_t report_len) {
  Region* r = region_of(region);
  if (r == nullptr) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  const u32 n = snapshot_max_size(*r, report_len);
  set_status(n != 0 ? Status::Ok : Status::CorruptState);
  return n;
}

uint32_t oc_snapshot_capture_report(uint32_t region, uintptr_t out_ptr, uint32_t out_cap, uint32_t flags,
                                    uintptr_t report_ptr, uint32_t report_len) {
  // An empty report would silently make a plain snapshot: a caller asking for the chunk gets one or an error.
  if (report_ptr == 0 || report_len == 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  return capture_into(region, nullptr, 0, out_ptr, out_cap, flags, bytes_at(report_ptr), report_len);
}

}  // extern "C"
