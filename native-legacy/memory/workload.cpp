// Workload: creation, attachment and the per-frame traffic (see workload.h).
#include "workload.h"

#include <cstring>

#include "frame_arena.h"

namespace oc {

namespace {

constexpr u32 kPoolSlotAlign = 8;
constexpr u64 kPcgMultiplier = 6364136223846793005ull;
// Golden-ratio constant: spreads consecutive inputs (0, 1, 2 ...) over the whole state.
constexpr u64 kInputMix = 0x9E3779B97F4A7C15ull;

// Operations per frame: kOpsBase + [0, kOpsSpread).
constexpr u32 kOpsBase = 24;
constexpr u32 kOpsSpread = 16;

// Bytes of the state block and its two tables (64-bit: a huge capacity must not wrap).
u64 state_bytes(u32 pool_capacity, u32 block_capacity) noexcept {
  return sizeof(WorkloadState) + 4ull * pool_capacity + u64{sizeof(WorkloadBlock)} * block_capacity;
}

// The end of an allocator's footprint (its header to the end of its storage), 0 if it does not attach.
u64 footprint_end(Region& region, const AllocatorHeader& h) noexcept {
  const Offset off = region.offset_of(&h);
  switch (h.kind) {
    case kKindPool: {
      Result<FixedPool> p = FixedPool::attach(region, off);
      return p.ok() ? u64{p.value.header().slots_offset} + u64{p.value.header().capacity} * p.value.header().slot_size : 0;
    }
    case kKindSlab: {
      Result<SlabAllocator> s = SlabAllocator::attach(region, off);
      return s.ok() ? s.value.header().span_end : 0;
    }
    case kKindArena: {
      Result<FrameArena> a = FrameArena::attach(region, off);
      return a.ok() ? a.value.header().end : 0;
    }
    default: return 0;
  }
}

// True when [begin, end) overlaps no allocator's footprint (a footprint that cannot be measured counts
// as overlapping).
bool outside_allocators(Region& region, u64 begin, u64 end) noexcept {
  bool clear = true;
  region.for_each_allocator([&](const AllocatorHeader& h) {
    const u64 start = region.offset_of(&h);
    const u64 stop = footprint_end(region, h);
    if (stop == 0 || (start < end && begin < stop)) clear = false;
  });
  return clear;
}

// The slab the workload uses: the first in the region's list.
const AllocatorHeader* first_slab(const Region& region) noexcept {
  const AllocatorHeader* found = nullptr;
  region.for_each_allocator([&](const AllocatorHeader& h) {
    if (found == nullptr && h.kind == kKindSlab) found = &h;
  });
  return found;
}

bool table_inside(const Region& region, u32 offset, u64 bytes, u32 align) noexcept {
  return offset % align == 0 && offset >= sizeof(RegionHeader) && offset + bytes <= region.used();
}

}  // namespace

Workload::Workload(Region* region, WorkloadState* st, FixedPool pool, SlabAllocator slab) noexcept
    : region_(region),
      st_(st),
      handles_(region->at<u32>(st->handles_offset)),
      blocks_(region->at<WorkloadBlock>(st->blocks_offset)),
      pool_(pool),
      slab_(slab) {}

Result<Workload> Workload::create(Region& region, const WorkloadOptions& options) noexcept {
  if (!region.valid() || region.root() != 0) return Result<Workload>::fail(Status::InvalidArgument);
  // The list is walked only once the region vouched for it.
  Status s = region.check();
  if (s != Status::Ok) return Result<Workload>::fail(s);
  const AllocatorHeader* slab_hdr = first_slab(region);
  if (slab_hdr == nullptr) return Result<Workload>::fail(Status::InvalidArgument);
  Result<SlabAllocator> slab = SlabAllocator::attach(region, region.offset_of(slab_hdr));
  if (!slab.ok()) return Result<Workload>::fail(slab.status);

  Result<FixedPool> pool = FixedPool::create(region, options.slot_size, kPoolSlotAlign, options.pool_capacity);
  if (!pool.ok()) return Result<Workload>::fail(pool.status);

  const u32 span = slab.value.header().span_end - slab.value.header().span_begin;
  u32 block_capacity = span / kWorkloadBytesPerBlock;
  if (block_capacity < kWorkloadMinBlocks) block_capacity = kWorkloadMinBlocks;
  if (block_capacity > kWorkloadMaxBlocks) block_capacity = kWorkloadMaxBlocks;
  const u64 bytes = state_bytes(options.pool_capacity, block_capacity);
  if (bytes > 0xFFFFFFFFu) return Result<Workload>::fail(Status::Exhausted);
  Result<Offset> at = region.carve(static_cast<u32>(bytes), 8);
  if (!at.ok()) return Result<Workload>::fail(at.status);

  auto* st = region.at<WorkloadState>(at.value);
  st->magic = kWorkloadMagic;
  st->version = kWorkloadVersion;
  st->pool_tag = pool.value.id();
  st->slab_tag = slab.value.id();
  st->pool_capacity = options.pool_capacity;
  st->handles_offset = at.value + static_cast<u32>(sizeof(WorkloadState));
  st->block_capacity = block_capacity;
  st->blocks_offset = st->handles_offset + 4 * options.pool_capacity;
  // PCG32's seeding procedure (pcg32_srandom): the stream from the seed too, so seeds differ fully.
  st->rng_inc = ((static_cast<u64>(options.seed) ^ 0xDA3E39CB94B95BDBull) << 1) | 1u;
  st->rng_state = 0;
  Workload w(&region, st, pool.value, slab.value);
  w.next();
  st->rng_state += options.seed;
  w.next();
  Status rs = region.set_root(at.value);
  if (rs != Status::Ok) return Result<Workload>::fail(rs);
  return Result<Workload>{w, Status::Ok};
}

Result<Workload> Workload::attach(Region& region) noexcept {
  if (!region.valid()) return Result<Workload>::fail(Status::InvalidArgument);
  Status s = region.check();
  if (s != Status::Ok) return Result<Workload>::fail(s);
  const u32 root = region.root();
  if (root == 0) return Result<Workload>::fail(Status::InvalidArgument);
  // 8-aligned: the state holds u64 fields.
  if (!table_inside(region, root, sizeof(WorkloadState), 8)) return Result<Workload>::fail(Status::CorruptState);
  auto* st = region.at<WorkloadState>(root);
  if (st->magic != kWorkloadMagic || st->version != kWorkloadVersion || st->pool_live > st->pool_capacity ||
      st->block_live > st->block_capacity || st->block_capacity > kWorkloadMaxBlocks ||
      (st->rng_inc & 1u) == 0 || !table_inside(region, st->handles_offset, 4ull * st->pool_capacity, 4) ||
      !table_inside(region, st->blocks_offset, u64{sizeof(WorkloadBlock)} * st->block_capacity, 4)) {
    return Result<Workload>::fail(Status::CorruptState);
  }
  const AllocatorHeader* ph = region.find_allocator(st->pool_tag);
  const AllocatorHeader* sh = region.find_allocator(st->slab_tag);
  if (ph == nullptr || sh == nullptr || ph->kind != kKindPool || sh->kind != kKindSlab) {
    return Result<Workload>::fail(Status::CorruptState);
  }
  Result<FixedPool> pool = FixedPool::attach(region, region.offset_of(ph));
  if (!pool.ok()) return Result<Workload>::fail(pool.status);
  Result<SlabAllocator> slab = SlabAllocator::attach(region, region.offset_of(sh));
  if (!slab.ok()) return Result<Workload>::fail(slab.status);
  // The handle table must be able to hold every slot, or alloc could overrun it.
  if (pool.value.header().capacity != st->pool_capacity) return Result<Workload>::fail(Status::CorruptState);
  // The layout create() makes, and nothing else: the tables follow the state, and the whole block lies
  // outside every allocator's footprint. Otherwise a crafted image (checksums and check() passing)
  // could point the tables into a pool's slots, and step() would write handles over them.
  const u64 handles_at = u64{root} + sizeof(WorkloadState);
  const u64 blocks_at = handles_at + 4ull * st->pool_capacity;
  const u64 block_end = blocks_at + u64{sizeof(WorkloadBlock)} * st->block_capacity;
  if (st->handles_offset != handles_at || st->blocks_offset != blocks_at || !outside_allocators(region, root, block_end)) {
    return Result<Workload>::fail(Status::CorruptState);
  }
  return Result<Workload>{Workload(&region, st, pool.value, slab.value), Status::Ok};
}

u32 Workload::next() noexcept {
  const u64 old = st_->rng_state;
  st_->rng_state = old * kPcgMultiplier + st_->rng_inc;
  const u32 xorshifted = static_cast<u32>(((old >> 18u) ^ old) >> 27u);
  const u32 rot = static_cast<u32>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

// Multiply-shift (Lemire) without the rejection step: the tiny bias is irrelevant here, and the
// result is the same integer on every target.
u32 Workload::below(u32 n) noexcept { return static_cast<u32>((static_cast<u64>(next()) * n) >> 32); }

void Workload::fill(Offset at, u32 len, u32 seed) noexcept {
  u8* p = region_->base() + at;
  u32 x = seed | 1u;  // xorshift32 (Marsaglia 2003) must not start at 0
  u32 i = 0;
  for (; i + 4 <= len; i += 4) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    std::memcpy(p + i, &x, 4);  // little-endian on every target (layout.cpp asserts it)
  }
  for (; i < len; ++i) p[i] = static_cast<u8>(x >> (8 * (i & 3)));
}

Status Workload::step(u32 input) noexcept {
  st_->rng_state += (static_cast<u64>(input) + 1u) * kInputMix;
  const u32 ops = kOpsBase + below(kOpsSpread);
  for (u32 i = 0; i < ops; ++i) {
    const u32 kind = below(100);
    Status s = kind < 35 ? pool_op() : kind < 80 ? slab_op() : touch_op();
    if (s != Status::Ok) return s;
  }
  st_->ops += ops;
  st_->steps += 1;
  region_->set_frame(region_->frame() + 1);
  return Status::Ok;
}

// Allocates with probability 1 - live/capacity, frees otherwise: the pool hovers around half full.
Status Workload::pool_op() noexcept {
  WorkloadState& st = *st_;
  if (below(st.pool_capacity) >= st.pool_live) {
    Status s = Status::Ok;
    const Handle h = pool_.alloc(&s);
    if (h == kNullHandle) return s;  // the table matches the pool's capacity: a full pool is corrupt
    Offset off = 0;
    s = pool_.resolve(h, &off);
    if (s != Status::Ok) return s;
    fill(off, pool_.header().slot_size, next());
    handles_[st.pool_live++] = h;
    return Status::Ok;
  }
  const u32 j = below(st.pool_live);
  const Status s = pool_.free(handles_[j]);
  if (s != Status::Ok) return Status::CorruptState;
  handles_[j] = handles_[--st.pool_live];
  handles_[st.pool_live] = 0;
  return Status::Ok;
}

// Sizes: mostly small, some up to a slab page, a few above it (the TLSF fallback), and now and then
// an alignment of 64, which the slab also sends to the fallback.
Status Workload::slab_op() noexcept {
  WorkloadState& st = *st_;
  if (below(st.block_capacity) >= st.block_live) {
    const u32 band = below(32);
    const u32 size = band < 20 ? 16 + below(241)              // 16 .. 256
                     : band < 28 ? 257 + below(2048 - 256)    // 257 .. 2048
                     : band < 31 ? 2049 + below(4096 - 2048)  // 2049 .. 4096
                                 : 4097 + below(8192 - 4096); // 4097 .. 8192: fallback
    const u32 align = below(16) == 0 ? 64 : 16;
    const bool raw = below(4) == 0;
    Status s = Status::Ok;
    const Offset off = raw ? slab_.alloc_raw(size, align, &s) : slab_.alloc(size, align, &s);
    if (off == kNullOffset) {
      if (s != Status::Exhausted) return s;
      ++st.slab_failures;
      return Status::Ok;
    }
    fill(off, size, next());
    blocks_[st.block_live++] = WorkloadBlock{off, size};
    return Status::Ok;
  }
  const u32 j = below(st.block_live);
  const WorkloadBlock b = blocks_[j];
  const Status s = slab_.free(b.offset, below(2) == 0 ? b.size : 0);
  if (s != Status::Ok) return Status::CorruptState;
  blocks_[j] = blocks_[--st.block_live];
  blocks_[st.block_live] = WorkloadBlock{0, 0};
  return Status::Ok;
}

// Rewrites a few bytes of a live slot or block: state that changes without allocator traffic.
Status Workload::touch_op() noexcept {
  WorkloadState& st = *st_;
  const u32 live = st.pool_live + st.block_live;
  if (live == 0) return Status::Ok;
  const u32 j = below(live);
  Offset off = 0;
  u32 size = 0;
  if (j < st.pool_live) {
    if (pool_.resolve(handles_[j], &off) != Status::Ok) return Status::CorruptState;
    size = pool_.header().slot_size;
  } else {
    const WorkloadBlock b = blocks_[j - st.pool_live];
    // The table is region bytes: check the block is live and large enough before writing into it.
    Result<u32> usable = slab_.usable_size(b.offset);
    if (!usable.ok() || usable.value < b.size || b.size == 0) return Status::CorruptState;
    off = b.offset;
    size = b.size;
  }
  const u32 len = size < 64 ? size : 4 + below(61);
  const u32 at = below(size - len + 1);
  fill(off + at, len, next());
  return Status::Ok;
}

}  // namespace oc
