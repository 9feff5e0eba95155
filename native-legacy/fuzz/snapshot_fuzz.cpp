// libFuzzer target: one input is one snapshot, whatever its bytes.
//
// (a) The input as it is: verify(), inspect(), chunk_at() of every chunk, decode() into a scratch
//     image, and restore() into the live region of the scene whose size the input names (scenes.h).
// (b) The input re-sealed (seal() computes every checksum, and for a delta the harness recomputes the
//     image hash from the decoded image), so that mutations reach the structural and state checks
//     behind the checksums instead of stopping at ChecksumMismatch; then restored the same way.
//
// Invariants, each an abort with a message (libFuzzer saves the input as a crash):
//   - a rejected restore leaves the live region byte for byte as it was;
//   - seal() followed by verify() accepts what seal() accepted (full snapshots);
//   - an accepted restore leaves a region that passes the whole-region check, that a capture of it
//     restores to the same bytes, and that survives use (exercise.h).
// The live regions and every scratch image are heap buffers of exactly their size, so that
// AddressSanitizer sees any access past them.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "fuzz/exercise.h"
#include "fuzz/scenes.h"
#include "memory/region_check.h"
#include "snapshot/checksum.h"
#include "snapshot/snapshot.h"

namespace oc::fuzz {
namespace {

constexpr u32 kMaxInput = 4u << 20;
constexpr u32 kMaxScratch = 1u << 20;  // decode() a claimed region size only up to this

[[noreturn]] void fail(const char* what, Status s) {
  std::fprintf(stderr, "snapshot_fuzz: %s (status %s)\n", what, status_name(s));
  std::abort();
}

struct FreeDeleter {
  void operator()(u8* p) const { std::free(p); }
};
using Bytes = std::unique_ptr<u8, FreeDeleter>;

Bytes aligned(u32 size) {
  Bytes b(static_cast<u8*>(std::aligned_alloc(kRegionAlign, size)));
  if (!b) fail("out of memory", Status::OutOfMemory);
  return b;
}

// A scene's live region: its first state, put back before every use.
struct Live {
  Bytes bytes;
  u32 size = 0;
  std::vector<u8> first;
  void reset() { std::memcpy(bytes.get(), first.data(), size); }
};

Live* lives() {
  static Live* all = [] {
    auto* l = new Live[kSceneCount];
    for (u32 s = 0; s < kSceneCount; ++s) {
      l[s].first = scene_image(static_cast<Scene>(s), 0);
      if (l[s].first.empty()) fail("a scene could not be built", Status::Exhausted);
      l[s].size = static_cast<u32>(l[s].first.size());
      l[s].bytes = aligned(l[s].size);
    }
    return l;
  }();
  return all;
}

// The live region whose size the snapshot names, or the first one (restore then says SizeMismatch).
Live& live_for(const u8* data, u32 len) {
  const Result<SnapshotInfo> info = inspect(data, len);
  for (u32 s = 0; info.ok() && s < kSceneCount; ++s) {
    if (lives()[s].size == info.value.header.region_size) return lives()[s];
  }
  return lives()[0];
}

void accepted(Region& r) {
  const Status c = check_region_and_allocators(r);
  if (c != Status::Ok) fail("an accepted restore left a region that fails its check", c);
  // A capture of the restored state restores to the same bytes.
  std::vector<u8> snap(snapshot_max_size(r));
  const Result<u32> n = capture(r, snap.data(), static_cast<u32>(snap.size()));
  if (!n.ok()) fail("capture() refused a state that restore() accepted", n.status);
  const Status v = verify(snap.data(), n.value);
  if (v != Status::Ok) fail("verify() refused a fresh capture", v);
  std::vector<u8> before(r.base(), r.base() + r.size());
  const Status again = restore(r, snap.data(), n.value);
  if (again != Status::Ok) fail("a capture of an accepted state does not restore", again);
  if (std::memcmp(before.data(), r.base(), r.size()) != 0) fail("capture + restore changed the bytes", again);
  const char* why = exercise(r);
  if (why != nullptr) fail(why, Status::Ok);
}

void restore_into(Live& l, const u8* data, u32 len) {
  l.reset();
  Region r = Region::view(l.bytes.get(), l.size);
  const Status s = restore(r, data, len);
  if (s == Status::Ok) {
    accepted(r);
  } else if (std::memcmp(l.bytes.get(), l.first.data(), l.size) != 0) {
    fail("a rejected restore changed the live region", s);
  }
}

// The read-only entry points: any status is fine, only their memory behaviour is checked.
void read_only(const u8* data, u32 len, Live& l) {
  verify(data, len);
  const Result<SnapshotInfo> info = inspect(data, len);
  if (!info.ok()) return;
  for (u32 i = 0; i <= info.value.header.chunk_count; ++i) chunk_at(data, len, i);
  const u32 size = info.value.header.region_size;
  if (size == 0 || size > kMaxScratch) return;
  Bytes image = aligned(size);
  // A delta without a base applies on top of the image: give it the live scene's state when sizes match.
  if (size == l.size) {
    std::memcpy(image.get(), l.first.data(), size);
  } else {
    std::memset(image.get(), 0, size);
  }
  decode(data, len, image.get(), size);
}

// For a sealed delta: the image hash that decoding it onto the live scene's state gives, written into
// its header, and the whole checksum recomputed. False when the delta does not apply at all.
bool rehash_delta(std::vector<u8>& bytes, const Live& l) {
  SnapshotHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  if (h.region_size != l.size || h.region_used > l.size) return false;
  Bytes image = aligned(l.size);
  std::memcpy(image.get(), l.first.data(), l.size);
  const u32 len = static_cast<u32>(bytes.size());
  if (decode(bytes.data(), len, image.get(), l.size) != Status::ChecksumMismatch) return false;
  h.image_hash = checksum64(image.get(), h.region_used);
  std::memcpy(bytes.data(), &h, sizeof h);
  return seal(bytes.data(), len) == Status::Ok;
}

void resealed(const u8* data, u32 len, Live& l) {
  std::vector<u8> copy(data, data + len);
  if (seal(copy.data(), len) != Status::Ok) return;
  SnapshotHeader h;
  std::memcpy(&h, copy.data(), sizeof h);
  const bool delta = (h.flags & kSnapshotDelta) != 0;
  const Status v = verify(copy.data(), len);
  if (!delta && v != Status::Ok) fail("verify() refused what seal() sealed", v);
  if (delta) rehash_delta(copy, l);
  restore_into(l, copy.data(), len);
}

}  // namespace
}  // namespace oc::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace oc::fuzz;
  if (size > kMaxInput) return 0;
  const oc::u32 len = static_cast<oc::u32>(size);
  // libFuzzer passes a null pointer for an empty input; the API takes a valid pointer and length 0.
  static const oc::u8 kEmpty[1] = {};
  const oc::u8* bytes = size == 0 ? kEmpty : data;
  Live& l = live_for(bytes, len);
  read_only(bytes, len, l);
  restore_into(l, bytes, len);
  resealed(bytes, len, l);
  return 0;
}
