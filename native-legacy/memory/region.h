// Region: one contiguous, aligned block of memory with a header at offset 0.
// Natively the block comes from the OS (mmap, optionally huge pages); in wasm from linear memory.
// Everything stored inside refers to other things by u32 offsets from base(), so the bytes are
// position-independent: copying them elsewhere (or into another build) keeps them meaningful.
#pragma once

#include <cstring>

#include "allocator_header.h"
#include "types.h"

namespace oc {

class Tracker;  // tracking/tracker.h: fed by the allocators through the region's sinks

constexpr u32 kRegionMagic = 0x4752434Fu;  // "OCRG" little-endian
constexpr u16 kRegionVersion = 1;
constexpr u32 kRegionAlign = 4096;          // base alignment; offsets aligned to <= this are addresses aligned too
constexpr u32 kMaxAllocatorsPerRegion = 255;  // ids fit the 8-bit handle tag

// Stored at offset 0. 64 bytes, fixed-width fields only.
struct RegionHeader {
  u32 magic;
  u16 version;
  u16 header_size;
  u32 size;              // total bytes of the region, header included
  u32 carve_top;         // next free offset for carve(); grows upwards, never shrinks
  u32 first_allocator;   // offset of the first AllocatorHeader, 0 when none (a singly linked list)
  u32 last_allocator;    // offset of the last one, so appending keeps creation order
  u32 allocator_count;
  u32 next_allocator_id; // ids start at 1; a handle's tag is its pool's id
  u32 flags;             // RegionFlags
  u32 frame_lo;          // the frame counter (u64 as two words: the header stays 4-aligned)
  u32 frame_hi;
  u32 root;              // offset of the program's root object (found again after a restore), 0 = none
  u32 reserved[4];
};
static_assert(sizeof(RegionHeader) == 64, "RegionHeader layout is part of the snapshot format");

enum RegionFlags : u32 {
  kRegionHugePages = 1u << 0,  // ask the OS for transparent huge pages (native only; a hint)
};

struct RegionOptions {
  u32 flags = 0;
};

class Region {
 public:
  Region() = default;
  ~Region();
  Region(const Region&) = delete;
  Region& operator=(const Region&) = delete;
  Region(Region&& other) noexcept;
  Region& operator=(Region&& other) noexcept;

  // size is rounded up to kRegionAlign; at least one page. The memory is zeroed.
  static Result<Region*> create(u32 size, RegionOptions options = {}) noexcept;  // heap-allocated, for the ABI
  Status init(u32 size, RegionOptions options = {}) noexcept;                     // in place
  // A non-owning view over bytes that hold a region image (a snapshot's staging buffer): the same
  // check() and allocator attach() work on it, and release() leaves the bytes alone. base must be
  // kRegionAlign-aligned when allocators will be attached (their alignment checks assume it).
  static Region view(u8* base, u32 size) noexcept;
  void release() noexcept;

  bool valid() const noexcept { return base_ != nullptr; }
  // True for a region made by init()/create() (its bytes come from the OS), false for a view. Under
  // AddressSanitizer only such regions get their free pool slots poisoned (detail/region_bytes_scope.h).
  bool owns_bytes() const noexcept { return owned_; }
  u8* base() const noexcept { return base_; }
  u32 size() const noexcept { return size_; }
  RegionHeader& header() const noexcept { return *reinterpret_cast<RegionHeader*>(base_); }
  u32 used() const noexcept { return header().carve_top; }

  // The frame counter, stored in the header so that every snapshot carries it.
  u64 frame() const noexcept { return header().frame_lo | static_cast<u64>(header().frame_hi) << 32; }
  void set_frame(u64 frame) noexcept {
    header().frame_lo = static_cast<u32>(frame);
    header().frame_hi = static_cast<u32>(frame >> 32);
  }
  // The program's root object (0 = none): how a program finds its state again after a restore.
  Offset root() const noexcept { return header().root; }
  // OutOfRange unless off is 0 or inside the carved bytes [sizeof(RegionHeader), used()).
  Status set_root(Offset off) noexcept;

  template <typename T>
  T* at(Offset off) const noexcept { return reinterpret_cast<T*>(base_ + off); }
  Offset offset_of(const void* p) const noexcept {
    return static_cast<Offset>(static_cast<const u8*>(p) - base_);
  }
  // True when [off, off+len) lies inside the region, past the header.
  bool contains(Offset off, u32 len) const noexcept {
    return off >= sizeof(RegionHeader) && off <= size_ && len <= size_ - off;
  }

  // Bump-allocates zeroed bytes for allocator metadata and storage. Never freed individually.
  Result<Offset> carve(u32 bytes, u32 align) noexcept;

  // Appends a freshly carved allocator header to the region's allocator list and gives it an id, then
  // tells the attached tracker, if any (the header's own fields must be set before).
  Status link_allocator(AllocatorHeader* h, u32 kind, u32 header_size) noexcept;
  // The allocator header with this id, or nullptr.
  AllocatorHeader* find_allocator(u32 id) const noexcept;

  // Visits every allocator header in creation order: f(AllocatorHeader&).
  template <typename F>
  void for_each_allocator(F&& f) const noexcept {
    for (Offset off = header().first_allocator; off != 0;) {
      auto* h = at<AllocatorHeader>(off);
      off = h->next;
      f(*h);
    }
  }

  // Region header invariants (magic, version, carve_top within size, allocator list well-formed,
  // root inside the carved bytes, reserved words zero).
  Status check() const noexcept;

  // Deterministic 64-bit FNV-1a of all bytes: used to compare builds, not as a snapshot checksum.
  // Opens a detail::RegionBytesScope (free pool slots are poisoned under ASan).
  u64 hash() const noexcept;

  // The allocation tracker fed by this region's allocators (tracking/tracker.h): process-side state,
  // never in the region's bytes, so snapshots and hashes do not see it. The owner is the tracker the
  // region is attached to, whatever its mode: a region feeds one tracker at a time, and an Off-mode
  // tracker owns it as much as a counting one. The sinks are derived from the owner's mode:
  // counter_sink in the counters and full modes (slab, arena and misuse events), record_sink in full
  // mode only (pools call nothing otherwise: their counters are derived from their headers). The
  // owner keeps a pointer to this object: moving the region tells it (Tracker::region_moved), and
  // destroying or move-assigning over an attached region detaches it first.
  Tracker* tracker() const noexcept { return owner_; }
  Tracker* counter_sink() const noexcept { return counter_sink_; }
  Tracker* record_sink() const noexcept { return record_sink_; }
  u32 track_slot() const noexcept { return track_slot_; }  // the region's slot in its tracker
  // Set by the Tracker only (attach, mode changes, detach with nullptr).
  void set_tracking(Tracker* owner, u32 slot, bool counters, bool records) noexcept {
    owner_ = owner;
    counter_sink_ = owner != nullptr && counters ? owner : nullptr;
    record_sink_ = owner != nullptr && records ? owner : nullptr;
    track_slot_ = owner != nullptr ? slot : 0;
  }

 private:
  u8* base_ = nullptr;
  u32 size_ = 0;
  u32 flags_ = 0;
  bool owned_ = false;  // true when release() must give the bytes back to the OS
  Tracker* owner_ = nullptr;
  Tracker* counter_sink_ = nullptr;
  Tracker* record_sink_ = nullptr;
  u32 track_slot_ = 0;

  void take_tracking(Region& other) noexcept;  // the move operations' half about the owner
};

u64 fnv1a64(const void* data, u32 len, u64 seed = 0xcbf29ce484222325ull) noexcept;

}  // namespace oc
