// Replay of a recorded operation sequence (format: replay.h).
#include "replay.h"

#include <cstring>
#include <vector>

#include "fixed_pool.h"
#include "frame_arena.h"
#include "region.h"
#include "slab_allocator.h"

namespace oc {
namespace {

// Little-endian field reader over untrusted bytes: every read is bounds-checked.
struct Reader {
  const u8* p;
  u32 len;
  u32 pos;

  bool has(u32 n) const noexcept { return n <= len - pos; }
  bool byte(u8* v) noexcept {
    if (!has(1)) return false;
    *v = p[pos++];
    return true;
  }
  bool word16(u16* v) noexcept {
    if (!has(2)) return false;
    *v = static_cast<u16>(p[pos] | (p[pos + 1] << 8));
    pos += 2;
    return true;
  }
  bool word32(u32* v) noexcept {
    if (!has(4)) return false;
    *v = static_cast<u32>(p[pos]) | (static_cast<u32>(p[pos + 1]) << 8) |
         (static_cast<u32>(p[pos + 2]) << 16) | (static_cast<u32>(p[pos + 3]) << 24);
    pos += 4;
    return true;
  }
  bool span(u32 n, const u8** out) noexcept {
    if (!has(n)) return false;
    *out = p + pos;
    pos += n;
    return true;
  }
};

// A live block of the model: `key` is the handle for pools, the offset for slab and arena blocks.
struct Block {
  u32 key;
  u32 size;
};

struct Allocator {
  u32 kind = 0;
  FixedPool pool;
  SlabAllocator slab;
  FrameArena arena;
  std::vector<Block> live;
  std::vector<u32> markers;
  Handle last_freed = kNullHandle;
};

class Replayer {
 public:
  Replayer(Region& region, ReplayReport& report) : region_(region), report_(report) {}

  // One record at r.pos; Ok or the reason to stop.
  Status step(Reader& r) noexcept {
    u8 op = 0;
    if (!r.byte(&op)) return Status::InvalidArgument;
    switch (op) {
      case kOpCreatePool: return create_pool(r);
      case kOpCreateSlab: return create_slab(r);
      case kOpCreateArena: return create_arena(r);
      case kOpPoolAlloc: return pool_alloc(r);
      case kOpPoolFree: return pool_free(r);
      case kOpPoolRefree: return pool_refree(r);
      case kOpSlabAlloc: return slab_alloc(r, true);
      case kOpSlabAllocRaw: return slab_alloc(r, false);
      case kOpSlabFree: return slab_free(r);
      case kOpArenaAlloc: return arena_alloc(r);
      case kOpArenaMark: return arena_mark(r);
      case kOpArenaUnwind: return arena_unwind(r);
      case kOpArenaReset: return arena_reset(r);
      case kOpWrite: return write(r);
      default: return Status::InvalidArgument;
    }
  }

  Status check_all() const noexcept {
    Status s = region_.check();
    for (const Allocator& a : allocators_) {
      if (s != Status::Ok) break;
      if (a.kind == kKindPool) s = a.pool.check();
      if (a.kind == kKindSlab) s = a.slab.check();
      if (a.kind == kKindArena) s = a.arena.check();
    }
    return s;
  }

  u32 live_blocks() const noexcept {
    u32 n = 0;
    for (const Allocator& a : allocators_) n += static_cast<u32>(a.live.size());
    return n;
  }

 private:
  Status add(Allocator&& a) noexcept {
    if (allocators_.size() >= kReplayMaxAllocators) return Status::TooManyAllocators;
    allocators_.push_back(static_cast<Allocator&&>(a));
    return Status::Ok;
  }

  // Reads an allocator index and checks its kind (0 accepts any kind).
  Allocator* target(Reader& r, u32 kind) noexcept {
    u8 index = 0;
    if (!r.byte(&index) || index >= allocators_.size()) return nullptr;
    Allocator* a = &allocators_[index];
    return (kind == 0 || a->kind == kind) ? a : nullptr;
  }

  // An alloc result: Exhausted is a legal outcome, anything else stops the replay.
  Status allocated(Allocator& a, Status s, u32 key, u32 size) noexcept {
    if (s == Status::Exhausted) {
      ++report_.exhausted;
      return Status::Ok;
    }
    if (s != Status::Ok) return s;
    a.live.push_back(Block{key, size});
    return Status::Ok;
  }

  static Block take(Allocator& a, u32 n) noexcept {
    Block b = a.live[n];
    a.live[n] = a.live.back();
    a.live.pop_back();
    return b;
  }

  Status create_pool(Reader& r) noexcept {
    u32 size = 0, align = 0, capacity = 0;
    if (!r.word32(&size) || !r.word32(&align) || !r.word32(&capacity)) return Status::InvalidArgument;
    Result<FixedPool> p = FixedPool::create(region_, size, align, capacity);
    if (!p.ok()) return p.status;
    Allocator a;
    a.kind = kKindPool;
    a.pool = p.value;
    return add(static_cast<Allocator&&>(a));
  }

  Status create_slab(Reader& r) noexcept {
    u32 bytes = 0, page = 0, steps = 0;
    if (!r.word32(&bytes) || !r.word32(&page) || !r.word32(&steps)) return Status::InvalidArgument;
    SlabOptions options;
    // 0 means the compiled-in default, never OPENCLAW_SLAB_SIZE: a replay must not depend on the
    // environment of the process that runs it.
    if (page != 0) options.page_size = page;
    if (steps != 0) options.class_steps = steps;
    Result<SlabAllocator> s = SlabAllocator::create(region_, bytes, options);
    if (!s.ok()) return s.status;
    Allocator a;
    a.kind = kKindSlab;
    a.slab = s.value;
    return add(static_cast<Allocator&&>(a));
  }

  Status create_arena(Reader& r) noexcept {
    u32 bytes = 0;
    if (!r.word32(&bytes)) return Status::InvalidArgument;
    Result<FrameArena> f = FrameArena::create(region_, bytes);
    if (!f.ok()) return f.status;
    Allocator a;
    a.kind = kKindArena;
    a.arena = f.value;
    return add(static_cast<Allocator&&>(a));
  }

  Status pool_alloc(Reader& r) noexcept {
    Allocator* a = target(r, kKindPool);
    if (a == nullptr) return Status::InvalidArgument;
    Status s = Status::Ok;
    Handle h = a->pool.alloc(&s);
    return allocated(*a, s, h, a->pool.header().slot_size);
  }

  Status pool_free(Reader& r) noexcept {
    Allocator* a = target(r, kKindPool);
    u32 n = 0;
    if (a == nullptr || !r.word32(&n) || n >= a->live.size()) return Status::InvalidArgument;
    Block b = take(*a, n);
    a->last_freed = b.key;
    return a->pool.free(b.key);
  }

  Status pool_refree(Reader& r) noexcept {
    Allocator* a = target(r, kKindPool);
    if (a == nullptr || a->last_freed == kNullHandle) return Status::InvalidArgument;
    Status s = a->pool.free(a->last_freed);
    // The misuse must be refused with its specific status; accepting it is a model mismatch.
    return (s == Status::DoubleFree || s == Status::StaleHandle) ? Status::Ok : Status::CorruptState;
  }

  Status slab_alloc(Reader& r, bool zeroed) noexcept {
    Allocator* a = target(r, kKindSlab);
    u32 size = 0, align = 0;
    if (a == nullptr || !r.word32(&size) || !r.word32(&align)) return Status::InvalidArgument;
    Status s = Status::Ok;
    Offset off = zeroed ? a->slab.alloc(size, align, &s) : a->slab.alloc_raw(size, align, &s);
    return allocated(*a, s, off, size);
  }

  Status slab_free(Reader& r) noexcept {
    Allocator* a = target(r, kKindSlab);
    u32 n = 0;
    u8 sized = 0;
    if (a == nullptr || !r.word32(&n) || !r.byte(&sized) || n >= a->live.size() || sized > 1) {
      return Status::InvalidArgument;
    }
    Block b = take(*a, n);
    return a->slab.free(b.key, sized ? b.size : 0);
  }

  Status arena_alloc(Reader& r) noexcept {
    Allocator* a = target(r, kKindArena);
    u32 size = 0, align = 0;
    if (a == nullptr || !r.word32(&size) || !r.word32(&align)) return Status::InvalidArgument;
    Status s = Status::Ok;
    Offset off = a->arena.alloc(size, align, &s);
    return allocated(*a, s, off, size);
  }

  Status arena_mark(Reader& r) noexcept {
    Allocator* a = target(r, kKindArena);
    if (a == nullptr) return Status::InvalidArgument;
    a->markers.push_back(a->arena.marker());
    return Status::Ok;
  }

  Status arena_unwind(Reader& r) noexcept {
    Allocator* a = target(r, kKindArena);
    u32 m = 0;
    if (a == nullptr || !r.word32(&m) || m >= a->markers.size()) return Status::InvalidArgument;
    u32 marker = a->markers[m];
    Status s = a->arena.unwind(marker);
    if (s != Status::Ok) return s;
    a->markers.resize(m + 1);
    while (!a->live.empty() && a->live.back().key >= marker) a->live.pop_back();
    return Status::Ok;
  }

  Status arena_reset(Reader& r) noexcept {
    Allocator* a = target(r, kKindArena);
    if (a == nullptr) return Status::InvalidArgument;
    a->arena.reset();
    a->live.clear();
    a->markers.clear();
    return Status::Ok;
  }

  Status write(Reader& r) noexcept {
    Allocator* a = target(r, 0);
    u32 n = 0, at = 0;
    u16 len = 0;
    const u8* bytes = nullptr;
    if (a == nullptr || !r.word32(&n) || !r.word32(&at) || !r.word16(&len) || !r.span(len, &bytes) ||
        n >= a->live.size()) {
      return Status::InvalidArgument;
    }
    const Block& b = a->live[n];
    if (static_cast<u64>(at) + len > b.size) return Status::InvalidArgument;
    Offset off = b.key;
    if (a->kind == kKindPool) {
      Status s = a->pool.resolve(b.key, &off);
      if (s != Status::Ok) return s;
    }
    if (!region_.contains(off, b.size)) return Status::CorruptState;
    std::memcpy(region_.base() + off + at, bytes, len);
    return Status::Ok;
  }

  Region& region_;
  ReplayReport& report_;
  std::vector<Allocator> allocators_;
};

}  // namespace

Status replay(const u8* ops, u32 len, u64* out_hash) noexcept {
  return replay(ops, len, out_hash, nullptr);
}

Status replay(const u8* ops, u32 len, u64* out_hash, ReplayReport* report) noexcept {
  if (out_hash == nullptr) return Status::InvalidArgument;
  Region region;
  Status s = replay_into(region, ops, len, report);
  if (s == Status::Ok) *out_hash = region.hash();
  return s;
}

Status replay_into(Region& region, const u8* ops, u32 len, ReplayReport* report) noexcept {
  ReplayReport local;
  ReplayReport& rep = report ? *report : local;
  rep = ReplayReport{};
  if (ops == nullptr) return Status::InvalidArgument;

  Reader r{ops, len, 0};
  u32 magic = 0, region_size = 0, count = 0;
  u16 version = 0, header_size = 0;
  if (!r.word32(&magic) || !r.word16(&version) || !r.word16(&header_size) || !r.word32(&region_size) ||
      !r.word32(&count) || magic != kReplayMagic || version != kReplayVersion ||
      header_size != kReplayHeaderSize || region_size == 0 || region_size > kReplayMaxRegion) {
    return Status::InvalidArgument;
  }

  Status s = region.init(region_size);
  if (s != Status::Ok) return s;

  Replayer replayer(region, rep);
  for (u32 i = 0; i < count; ++i) {
    u32 at = r.pos;
    s = replayer.step(r);
    if (s != Status::Ok) {
      rep.failed_at = at;
      return s;
    }
    ++rep.records_done;
  }
  if (r.pos != len) {  // trailing bytes: the count and the contents disagree
    rep.failed_at = r.pos;
    return Status::InvalidArgument;
  }
  rep.live_blocks = replayer.live_blocks();
  s = replayer.check_all();
  if (s != Status::Ok) rep.failed_at = r.pos;
  return s;
}

}  // namespace oc
