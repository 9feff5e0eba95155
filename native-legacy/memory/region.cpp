// Region: ownership of the OS block, the bump carver that allocators take their metadata and storage
// from, and the allocator list that makes the region's bytes self-describing.
#include "region.h"

#include <new>

#include "detail/asan.h"
#include "detail/os_memory.h"
#include "detail/region_bytes_scope.h"
#include "tracking/tracker.h"

namespace oc {

namespace {

constexpr u32 kHeaderSize = sizeof(RegionHeader);

}  // namespace

Region::~Region() {
  // The owner keeps a pointer to this object: it must not outlive it.
  if (owner_ != nullptr) owner_->detach(*this);
  release();
}

Region::Region(Region&& other) noexcept
    : base_(other.base_), size_(other.size_), flags_(other.flags_), owned_(other.owned_) {
  other.base_ = nullptr;
  other.size_ = 0;
  other.flags_ = 0;
  other.owned_ = false;
  take_tracking(other);
}

Region& Region::operator=(Region&& other) noexcept {
  if (this != &other) {
    if (owner_ != nullptr) owner_->detach(*this);  // these bytes go away: so do their figures
    release();
    base_ = other.base_;
    size_ = other.size_;
    flags_ = other.flags_;
    owned_ = other.owned_;
    other.base_ = nullptr;
    other.size_ = 0;
    other.flags_ = 0;
    other.owned_ = false;
    take_tracking(other);
  }
  return *this;
}

void Region::take_tracking(Region& other) noexcept {
  owner_ = other.owner_;
  counter_sink_ = other.counter_sink_;
  record_sink_ = other.record_sink_;
  track_slot_ = other.track_slot_;
  other.owner_ = other.counter_sink_ = other.record_sink_ = nullptr;
  other.track_slot_ = 0;
  if (owner_ != nullptr) owner_->region_moved(other, *this);
}

Result<Region*> Region::create(u32 size, RegionOptions options) noexcept {
  Region* r = new (std::nothrow) Region();
  if (r == nullptr) return Result<Region*>::fail(Status::OutOfMemory);
  Status s = r->init(size, options);
  if (s != Status::Ok) {
    delete r;
    return Result<Region*>::fail(s);
  }
  return Result<Region*>{r, Status::Ok};
}

Status Region::init(u32 size, RegionOptions options) noexcept {
  release();
  if (size == 0) size = kRegionAlign;
  // Rounding up must not wrap: the largest region is the largest page multiple below 4 GiB.
  if (size > 0xFFFFFFFFu - (kRegionAlign - 1)) return Status::SizeTooLarge;
  size = align_up(size, kRegionAlign);

  void* p = detail::os_reserve(size, (options.flags & kRegionHugePages) != 0);
  if (p == nullptr) return Status::OutOfMemory;
  base_ = static_cast<u8*>(p);
  size_ = size;
  flags_ = options.flags;
  owned_ = true;

  RegionHeader& h = header();
  h.magic = kRegionMagic;
  h.version = kRegionVersion;
  h.header_size = static_cast<u16>(kHeaderSize);
  h.size = size;
  h.carve_top = kHeaderSize;
  h.first_allocator = 0;
  h.last_allocator = 0;
  h.allocator_count = 0;
  h.next_allocator_id = 1;
  h.flags = options.flags;
  return Status::Ok;
}

Region Region::view(u8* base, u32 size) noexcept {
  Region r;
  if (base == nullptr || size < kHeaderSize) return r;
  r.base_ = base;
  r.size_ = size;
  r.flags_ = 0;
  r.owned_ = false;
  return r;
}

void Region::release() noexcept {
  if (base_ != nullptr && owned_) {
    // Poisoned pool slots would outlive the mapping in ASan's shadow and fault whatever the OS maps
    // at this address next.
    detail::asan_unpoison(base_, size_);
    detail::os_release(base_, size_);
  }
  base_ = nullptr;
  size_ = 0;
  flags_ = 0;
  owned_ = false;
}

Status Region::set_root(Offset off) noexcept {
  if (base_ == nullptr) return Status::InvalidArgument;
  if (off != 0 && (off < kHeaderSize || off >= used())) return Status::OutOfRange;
  header().root = off;
  return Status::Ok;
}

Result<Offset> Region::carve(u32 bytes, u32 align) noexcept {
  if (base_ == nullptr || bytes == 0) return Result<Offset>::fail(Status::InvalidArgument);
  if (!is_pow2(align) || align > kRegionAlign) return Result<Offset>::fail(Status::BadAlignment);
  RegionHeader& h = header();
  // 64-bit arithmetic: carve_top + padding + bytes can exceed 4 GiB for absurd requests.
  const u64 start = (static_cast<u64>(h.carve_top) + (align - 1)) & ~static_cast<u64>(align - 1);
  const u64 end = start + bytes;
  if (end > size_) return Result<Offset>::fail(Status::Exhausted);
  h.carve_top = static_cast<u32>(end);
  return Result<Offset>{static_cast<Offset>(start), Status::Ok};
}

Status Region::link_allocator(AllocatorHeader* a, u32 kind, u32 header_size) noexcept {
  if (base_ == nullptr || a == nullptr) return Status::InvalidArgument;
  const u8* p = reinterpret_cast<const u8*>(a);
  if (p < base_ || p >= base_ + size_) return Status::InvalidOffset;
  const Offset off = offset_of(a);
  RegionHeader& h = header();
  // The header must lie in carved space, so nothing else can ever be handed the same bytes.
  if (header_size < sizeof(AllocatorHeader) || off % 4 != 0 || off < kHeaderSize ||
      header_size > h.carve_top || off > h.carve_top - header_size) {
    return Status::InvalidOffset;
  }
  // Carved bytes are zero and never reused, so a header with an id has been linked already;
  // linking it twice would turn the list into a cycle.
  if (a->id != 0) return Status::InvalidArgument;
  if (h.allocator_count >= kMaxAllocatorsPerRegion || h.next_allocator_id > kMaxAllocatorsPerRegion) {
    return Status::TooManyAllocators;
  }
  a->kind = kind;
  a->next = 0;
  a->id = h.next_allocator_id++;
  a->header_size = header_size;
  if (h.last_allocator != 0) {
    at<AllocatorHeader>(h.last_allocator)->next = off;
  } else {
    h.first_allocator = off;
  }
  h.last_allocator = off;
  h.allocator_count++;
#if OPENCLAW_TRACKING
  if (counter_sink_ != nullptr) counter_sink_->on_allocator_created(*this, *a);
#endif
  return Status::Ok;
}

AllocatorHeader* Region::find_allocator(u32 id) const noexcept {
  if (base_ == nullptr || id == 0) return nullptr;
  // Bounded like check(): a lookup must terminate even on corrupted bytes.
  u32 steps = 0;
  for (Offset off = header().first_allocator; off != 0 && steps <= kMaxAllocatorsPerRegion; ++steps) {
    if (off % 4 != 0 || !contains(off, sizeof(AllocatorHeader))) return nullptr;  // aligned reads only
    auto* a = at<AllocatorHeader>(off);
    if (a->id == id) return a;
    off = a->next;
  }
  return nullptr;
}

Status Region::check() const noexcept {
  if (base_ == nullptr) return Status::InvalidArgument;
  const RegionHeader& h = header();
  if (h.magic != kRegionMagic || h.version != kRegionVersion || h.header_size != kHeaderSize ||
      h.size != size_) {
    return Status::CorruptState;
  }
  if (h.carve_top < kHeaderSize || h.carve_top > size_) return Status::CorruptState;
  if (h.root != 0 && (h.root < kHeaderSize || h.root >= h.carve_top)) return Status::CorruptState;
  for (u32 word : h.reserved) {
    if (word != 0) return Status::CorruptState;
  }
  if (h.allocator_count > kMaxAllocatorsPerRegion || h.next_allocator_id != h.allocator_count + 1) {
    return Status::CorruptState;
  }

  bool seen[kMaxAllocatorsPerRegion + 1] = {};
  u32 count = 0;
  Offset last = 0;
  for (Offset off = h.first_allocator; off != 0;) {
    // More nodes than the count says means a cycle or a stray link: stop before looping forever.
    if (count >= h.allocator_count) return Status::CorruptState;
    if (off % 4 != 0 || off < kHeaderSize || off > h.carve_top ||
        h.carve_top - off < sizeof(AllocatorHeader)) {
      return Status::CorruptState;
    }
    const auto* a = at<AllocatorHeader>(off);
    if (a->header_size < sizeof(AllocatorHeader) || a->header_size > h.carve_top - off) {
      return Status::CorruptState;
    }
    // Ids are handed out 1, 2, ... and never reused: an id at or above next_allocator_id would be
    // handed out again by the next create().
    if (a->id == 0 || a->id >= h.next_allocator_id || seen[a->id]) return Status::CorruptState;
    seen[a->id] = true;
    last = off;
    ++count;
    off = a->next;
  }
  if (count != h.allocator_count || last != h.last_allocator) return Status::CorruptState;
  if (count == 0 && h.first_allocator != 0) return Status::CorruptState;
  return Status::Ok;
}

u64 Region::hash() const noexcept {
  if (base_ == nullptr) return 0;
  const detail::RegionBytesScope bytes(*this);
  return fnv1a64(base_, size_);
}

u64 fnv1a64(const void* data, u32 len, u64 seed) noexcept {
  const u8* p = static_cast<const u8*>(data);
  u64 h = seed;
  for (u32 i = 0; i < len; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace oc
