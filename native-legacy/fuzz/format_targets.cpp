// Invariants, one abort each (see format_targets.h). Buffers the readers write into are also exactly
// their size, so a decoder writing one byte too many is seen as well.
#include "fuzz/format_targets.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "resources/formats/ani.h"
#include "resources/formats/pal.h"
#include "resources/formats/pid.h"
#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"
#include "resources/formats/wwd.h"
#include "resources/formats/wwd_objects.h"
#include "resources/formats/wwd_tiles.h"

namespace oc::fuzz {
namespace {

using namespace oc::formats;

[[noreturn]] void fail(const char* target, const char* what, Status s) {
  std::fprintf(stderr, "%s: %s (status %s)\n", target, what, status_name(s));
  std::abort();
}

// A heap block of exactly `size` bytes (malloc(0) may return null: one byte is then allocated, but
// the span still has length 0).
struct Heap {
  struct Free {
    void operator()(u8* bytes) const { std::free(bytes); }
  };
  std::unique_ptr<u8, Free> p;
  u32 size;
  explicit Heap(u32 n) : p(static_cast<u8*>(std::malloc(n == 0 ? 1 : n))), size(n) {
    if (!p) fail("format_fuzz", "out of memory", Status::OutOfMemory);
  }
  Heap(const u8* data, u32 n) : Heap(n) {
    if (n > 0) std::memcpy(p.get(), data, n);
  }
  u8* get() const { return p.get(); }
  ByteSpan span() const { return ByteSpan(p.get(), size); }
};

void expect_rejection(const char* target, const char* what, Status s) {
  if (!is_format_rejection(s)) fail(target, what, s);
}

bool inside(ByteSpan in, u32 at, u64 length) { return at + length <= in.size(); }

// ---- PID --------------------------------------------------------------------------------------------

Palette fixed_palette() {
  Palette p{};
  for (u32 i = 0; i < kPalSize; ++i) p.rgb[i] = static_cast<u8>(i * 7 + 3);
  return p;
}

void expect_rgba_matches(const char* what, const u8* indices, u32 n, const u8* rgba, const Palette& pal) {
  u8 table[kPalRgbaSize];
  pal_to_rgba(pal, table);
  for (u32 i = 0; i < n; ++i) {
    if (std::memcmp(rgba + 4 * i, table + 4 * indices[i], 4) != 0) fail("pid_fuzz", what, Status::Ok);
  }
}

void reencode(const PidInfo& info, const u8* indices, const Palette* embedded, bool compressed) {
  PidImage image;
  image.indices = indices;
  image.width = info.header.width;
  image.height = info.header.height;
  image.flags = (info.header.flags & ~pid_flags::kCompressed) | (compressed ? pid_flags::kCompressed : 0);
  image.offset_x = info.header.offset_x;
  image.offset_y = info.header.offset_y;
  image.file_desc = info.header.file_desc;
  image.unk0 = info.header.unk0;
  image.unk1 = info.header.unk1;
  image.palette = embedded;
  const Result<u32> size = pid_encoded_size(image);
  if (!size.ok()) fail("pid_fuzz", "pid_encoded_size refused a decoded image", size.status);
  Heap out(size.value);
  const Result<u32> n = pid_encode(image, out.get(), out.size);
  if (!n.ok() || n.value != size.value) fail("pid_fuzz", "pid_encode wrote another size than announced", n.status);
  PidInfo again{};
  const Status p = pid_parse(out.span(), &again);
  if (p != Status::Ok) fail("pid_fuzz", "a re-encoded image does not parse", p);
  if (again.header.width != info.header.width ||
      again.header.height != info.header.height || again.header.flags != image.flags ||
      again.header.offset_x != info.header.offset_x || again.header.offset_y != info.header.offset_y) {
    fail("pid_fuzz", "a re-encoded header differs", Status::Ok);
  }
  Heap decoded(info.pixel_count);
  const Status d = pid_decode_indices(out.span(), decoded.get(), decoded.size);
  if (d != Status::Ok) fail("pid_fuzz", "a re-encoded image does not decode", d);
  if (info.pixel_count > 0 && std::memcmp(decoded.get(), indices, info.pixel_count) != 0) {
    fail("pid_fuzz", compressed ? "compressed re-encoding changed the indices" : "raw re-encoding changed the indices",
         Status::Ok);
  }
}

// ---- REZ --------------------------------------------------------------------------------------------

bool same_tree(const RezTree& a, const RezTree& b) {
  if (a.rootFirstChild != b.rootFirstChild || a.rootChildCount != b.rootChildCount || a.names != b.names ||
      a.entries.size() != b.entries.size()) {
    return false;
  }
  for (size_t i = 0; i < a.entries.size(); ++i) {
    const RezTreeEntry& x = a.entries[i];
    const RezTreeEntry& y = b.entries[i];
    if (x.parent != y.parent || x.nameAt != y.nameAt || x.nameLength != y.nameLength ||
        x.isDirectory != y.isDirectory || x.dateTime != y.dateTime || x.offset != y.offset || x.size != y.size ||
        x.firstChild != y.firstChild || x.childCount != y.childCount || x.fileId != y.fileId ||
        x.unknown != y.unknown || std::memcmp(x.ext, y.ext, 4) != 0) {
      return false;
    }
  }
  return true;
}

std::string ascii_case(std::string s, bool upper) {
  for (char& c : s) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return s;
}

// The builder fed one exact-size copy of each block it asks for (a cut one when the input ends first).
Status build_lazily(const RezHeader& header, const Heap& in, RezTree* out) {
  RezTreeBuilder builder(header);
  u32 offset = 0, size = 0;
  while (builder.next_block(&offset, &size)) {
    const u32 have = offset >= in.size ? 0 : (in.size - offset < size ? in.size - offset : size);
    Heap block(in.get() + (have > 0 ? offset : 0), have);
    const Status s = builder.add_block(block.span());
    if (s != Status::Ok) return s;
  }
  if (!builder.done()) return builder.status();
  *out = builder.take();
  return Status::Ok;
}

void check_index(const RezIndex& index, const RezHeader& header) {
  const RezTree& tree = index.tree();
  std::vector<u32> children;
  if (index.list("/", &children) != Status::Ok || children.size() != tree.rootChildCount) {
    fail("rez_fuzz", "list(/) does not give the root block", Status::Ok);
  }
  for (u32 i = 0; i < children.size(); ++i) {
    if (children[i] != tree.rootFirstChild + i) fail("rez_fuzz", "list(/) out of order", Status::Ok);
  }
  for (u32 id = 0; id < index.size(); ++id) {
    const std::string& path = index.path(id);
    const RezTreeEntry& e = tree.entries[id];
    if (index.find(path) != id || index.find(ascii_case(path, true)) != id ||
        index.find(ascii_case(path, false)) != id || (path.size() > 1 && index.find(path.substr(1)) != id)) {
      fail("rez_fuzz", "an entry's path does not find it", Status::Ok);
    }
    RezStat st;
    const Status s = index.stat(path, &st);
    if (s != Status::Ok || st.entry != id || st.offset != e.offset || st.size != e.size ||
        st.isDirectory != e.isDirectory) {
      fail("rez_fuzz", "stat() disagrees with the tree", s);
    }
    if (e.isDirectory == 0) {
      if (e.offset < kRezHeaderSize || static_cast<u64>(e.offset) + e.size > header.dirOffset) {
        fail("rez_fuzz", "an accepted file lies outside [139, dirOffset)", Status::Ok);
      }
      if (index.list(path, &children) != Status::InvalidArgument) fail("rez_fuzz", "list() of a file", Status::Ok);
      continue;
    }
    const Status l = index.list(path, &children);
    if (l != Status::Ok || children.size() != e.childCount) fail("rez_fuzz", "list() misses children", l);
    for (u32 i = 0; i < children.size(); ++i) {
      if (children[i] != e.firstChild + i || tree.entries[children[i]].parent != id) {
        fail("rez_fuzz", "list() gives another entry's children", Status::Ok);
      }
    }
  }
}

// ---- WWD --------------------------------------------------------------------------------------------

void expect_text(ByteSpan image, TextRef r, bool nul, const char* what) {
  if (!inside(image, r.offset, static_cast<u64>(r.length) + (nul ? 1 : 0))) fail("wwd_fuzz", what, Status::Ok);
  if (nul && image.data()[r.offset + r.length] != 0) fail("wwd_fuzz", what, Status::Ok);
}

Status wwd_plane_walk(ByteSpan image, const WwdPlane& plane, u32* tile_reads) {
  i32 tile = 0;
  // tiles_x may be 0 with any tiles_y (no tile at all), so the rows are bounded by the reads too.
  for (u32 y = 0; plane.tiles_x > 0 && y < plane.tiles_y && *tile_reads < kFuzzMaxTileReads; ++y) {
    for (u32 x = 0; x < plane.tiles_x && *tile_reads < kFuzzMaxTileReads; ++x, ++*tile_reads) {
      const Status t = wwd_tile(image, plane, x, y, &tile);
      if (t != Status::Ok) fail("wwd_fuzz", "wwd_tile refused a tile inside a checked plane", t);
    }
  }
  if (wwd_tile(image, plane, plane.tiles_x, 0, &tile) != Status::OutOfRange ||
      wwd_tile(image, plane, 0, plane.tiles_y, &tile) != Status::OutOfRange) {
    fail("wwd_fuzz", "wwd_tile accepted a tile outside the grid", Status::Ok);
  }
  std::vector<TextRef> sets(plane.image_sets_count);
  const Status s = wwd_read_image_sets(image, plane, sets.data(), static_cast<u32>(sets.size()));
  if (s != Status::Ok) {
    expect_rejection("wwd_fuzz", "image sets: not a format status", s);
    return s;
  }
  for (const TextRef& r : sets) expect_text(image, r, true, "an image-set name outside the image");
  WwdObjectCursor cursor(image, plane);
  WwdObject object;
  for (u32 left = plane.objects_count; left > 0; --left) {
    const Status o = cursor.next(&object);
    if (o != Status::Ok) {
      expect_rejection("wwd_fuzz", "objects: not a format status", o);
      if (cursor.remaining() != 0) fail("wwd_fuzz", "a failed cursor is not exhausted", o);
      return o;
    }
    if (cursor.remaining() != left - 1) fail("wwd_fuzz", "the cursor miscounts", Status::Ok);
    if (!inside(image, object.offset, kWwdObjectFixedSize)) fail("wwd_fuzz", "an object outside the image", Status::Ok);
    const TextRef texts[] = {object.name, object.logic, object.image_set, object.sound};
    for (const TextRef& r : texts) expect_text(image, r, false, "an object string outside the image");
  }
  if (cursor.next(&object) != Status::InvalidArgument) fail("wwd_fuzz", "the cursor reads past its count", Status::Ok);
  return Status::Ok;
}

}  // namespace

bool is_format_rejection(Status s) noexcept {
  switch (s) {
    case Status::Truncated:
    case Status::OutOfRange:
    case Status::BadMagic:
    case Status::Oversized:
    case Status::SelfReference:
    case Status::Overlap:
    case Status::Malformed:
      return true;
    default:
      return false;
  }
}

Status fuzz_pid(const u8* data, size_t size) {
  if (size > 0xFFFFFFFFu) return Status::Oversized;
  const Heap in(data, static_cast<u32>(size));
  PidInfo info{};
  const Status p = pid_parse(in.span(), &info);
  if (p != Status::Ok) {
    expect_rejection("pid_fuzz", "pid_parse: not a format status", p);
    return p;
  }
  if (info.pixel_count > kFuzzMaxPixels) return Status::Ok;
  const Palette fixed = fixed_palette();
  Heap indices(info.pixel_count);
  Heap rgba(info.pixel_count * 4);
  const Status si = pid_decode_indices(in.span(), indices.get(), indices.size);
  const Status sr = pid_decode_rgba(in.span(), &fixed, rgba.get(), rgba.size);
  if (si != sr) fail("pid_fuzz", "the index and RGBA decoders disagree", sr);
  if (info.pixel_count > 0 &&
      pid_decode_indices(in.span(), indices.get(), indices.size - 1) != Status::InvalidArgument) {
    fail("pid_fuzz", "a short index buffer was accepted", Status::Ok);
  }
  Palette embedded{};
  const bool has_embedded = info.palette_offset != 0;
  const Status se = pid_embedded_palette(in.span(), &embedded);
  if (se != (has_embedded ? Status::Ok : Status::InvalidArgument)) fail("pid_fuzz", "pid_embedded_palette", se);
  Heap rgba_embedded(info.pixel_count * 4);
  const Status sn = pid_decode_rgba(in.span(), nullptr, rgba_embedded.get(), rgba_embedded.size);
  if (!has_embedded && sn != Status::InvalidArgument) fail("pid_fuzz", "decoded without any palette", sn);
  if (has_embedded && sn != si) fail("pid_fuzz", "the embedded-palette decode disagrees", sn);
  if (si != Status::Ok) {
    expect_rejection("pid_fuzz", "decode: not a format status", si);
    return si;
  }
  expect_rgba_matches("RGBA != pal_to_rgba(indices), fixed palette", indices.get(), info.pixel_count, rgba.get(),
                      fixed);
  if (has_embedded) {
    expect_rgba_matches("RGBA != pal_to_rgba(indices), embedded palette", indices.get(), info.pixel_count,
                        rgba_embedded.get(), embedded);
  }
  reencode(info, indices.get(), has_embedded ? &embedded : nullptr, true);
  reencode(info, indices.get(), has_embedded ? &embedded : nullptr, false);
  return Status::Ok;
}

Status fuzz_rez(const u8* data, size_t size) {
  if (size > 0xFFFFFFFFu) return Status::Oversized;
  const Heap in(data, static_cast<u32>(size));
  RezHeader header;
  const Status h = parse_rez_header(in.span(), in.size, &header);
  if (h != Status::Ok) {
    expect_rejection("rez_fuzz", "parse_rez_header: not a format status", h);
    return h;
  }
  RezTree whole, lazy;
  const Status w = parse_rez_tree(header, in.span(), 0, RezLimits{}, &whole);
  const Status l = build_lazily(header, in, &lazy);
  if (w != l) fail("rez_fuzz", "the lazy builder and parse_rez_tree disagree", l);
  if (w != Status::Ok) {
    expect_rejection("rez_fuzz", "parse_rez_tree: not a format status", w);
    return w;
  }
  if (!same_tree(whole, lazy)) fail("rez_fuzz", "the lazy builder built another tree", Status::Ok);
  RezIndex index;
  const Status b = index.build(std::move(whole));
  if (b != Status::Ok) {
    if (b != Status::Malformed) fail("rez_fuzz", "RezIndex::build: not Malformed", b);
    return b;
  }
  check_index(index, header);
  return Status::Ok;
}

Status fuzz_ani(const u8* data, size_t size) {
  if (size > 0xFFFFFFFFu) return Status::Oversized;
  const Heap in(data, static_cast<u32>(size));
  const ByteSpan file = in.span();
  AniInfo info{};
  const Status p = ani_parse(file, &info);
  if (p != Status::Ok) {
    expect_rejection("ani_fuzz", "ani_parse: not a format status", p);
    return p;
  }
  if (!inside(file, info.image_set_offset, info.image_set_length)) fail("ani_fuzz", "the path outside the file", p);
  std::vector<AniFrame> frames(info.frames_count);
  if (info.frames_count > 0 && ani_read_frames(file, info, frames.data(), info.frames_count - 1, nullptr) !=
                                   Status::InvalidArgument) {
    fail("ani_fuzz", "a short frame array was accepted", Status::Ok);
  }
  u32 end = 0;
  const Status r = ani_read_frames(file, info, frames.data(), info.frames_count, &end);
  if (r != Status::Ok) {
    expect_rejection("ani_fuzz", "ani_read_frames: not a format status", r);
    return r;
  }
  if (end > file.size()) fail("ani_fuzz", "frames end past the file", r);
  std::vector<AniFrameSpec> specs(info.frames_count);
  std::vector<std::string> events(info.frames_count);
  for (u32 i = 0; i < info.frames_count; ++i) {
    const AniFrame& f = frames[i];
    if (f.event_flag == kAniEventFlag) {
      if (!inside(file, f.event_offset, static_cast<u64>(f.event_length) + 1) ||
          file.data()[f.event_offset + f.event_length] != 0 ||
          std::memchr(file.data() + f.event_offset, 0, f.event_length) != nullptr) {
        fail("ani_fuzz", "an event name outside the file or not NUL-terminated", Status::Ok);
      }
      events[i].assign(reinterpret_cast<const char*>(file.data()) + f.event_offset, f.event_length);
    } else if (f.event_offset != kAniNoEvent) {
      fail("ani_fuzz", "an event offset on a frame without event", Status::Ok);
    }
    specs[i] = AniFrameSpec{f.image_id, f.duration_ms, f.event_flag, events[i].c_str()};
  }
  const std::string path(reinterpret_cast<const char*>(file.data()) + info.image_set_offset, info.image_set_length);
  if (path.find('\0') != std::string::npos) return Status::Ok;  // ani_write takes a C string
  const std::vector<u8> again = ani_write(path.c_str(), specs.data(), info.frames_count, info.signature);
  const Heap copy(again.data(), static_cast<u32>(again.size()));
  AniInfo info2{};
  std::vector<AniFrame> frames2(info.frames_count);
  if (ani_parse(copy.span(), &info2) != Status::Ok || info2.frames_count != info.frames_count ||
      info2.signature != info.signature ||
      ani_read_frames(copy.span(), info2, frames2.data(), info2.frames_count, nullptr) != Status::Ok) {
    fail("ani_fuzz", "ani_write of the frames read does not parse back", Status::Ok);
  }
  for (u32 i = 0; i < info.frames_count; ++i) {
    const AniFrame& a = frames[i];
    const AniFrame& b = frames2[i];
    if (a.event_flag != b.event_flag || a.image_id != b.image_id || a.duration_ms != b.duration_ms ||
        a.event_length != b.event_length ||
        (a.event_flag == kAniEventFlag &&
         std::memcmp(copy.get() + b.event_offset, events[i].data(), events[i].size()) != 0)) {
      fail("ani_fuzz", "ani_write + parse changed a frame", Status::Ok);
    }
  }
  return Status::Ok;
}

Status fuzz_wwd(const u8* data, size_t size) {
  if (size > 0xFFFFFFFFu) return Status::Oversized;
  const Heap in(data, static_cast<u32>(size));
  const ByteSpan image = in.span();
  WwdHeader header{};
  const Status p = wwd_parse_image(image, &header);
  WwdHeader raw{};
  const Status h = wwd_parse_header(image, &raw);
  if (p == Status::Ok && (h != Status::Ok || std::memcmp(&raw, &header, sizeof raw) != 0)) {
    fail("wwd_fuzz", "wwd_parse_header disagrees with wwd_parse_image", h);
  }
  if (p != Status::Ok) {
    expect_rejection("wwd_fuzz", "wwd_parse_image: not a format status", p);
    return p;
  }
  Status first = Status::Ok;
  u32 tile_reads = 0;
  WwdPlane plane{};
  for (u32 i = 0; i < header.num_planes; ++i) {
    const Status s = wwd_plane(image, header, i, &plane);
    if (s == Status::Ok) {
      expect_text(image, plane.name, false, "a plane name outside the image");
      const Status w = wwd_plane_walk(image, plane, &tile_reads);
      if (first == Status::Ok) first = w;
      continue;
    }
    expect_rejection("wwd_fuzz", "wwd_plane: not a format status", s);
    if (first == Status::Ok) first = s;
  }
  if (wwd_plane(image, header, header.num_planes, &plane) != Status::InvalidArgument) {
    fail("wwd_fuzz", "wwd_plane accepted an index past numPlanes", Status::Ok);
  }
  u32 count = 0;
  const Status c = wwd_tile_descriptions_count(image, header, &count);
  if (c != Status::Ok) {
    expect_rejection("wwd_fuzz", "tile descriptions count: not a format status", c);
    return first == Status::Ok ? c : first;
  }
  std::vector<WwdTileDescription> tiles(count);
  const Status t = wwd_read_tile_descriptions(image, header, tiles.data(), count);
  if (t != Status::Ok) {
    expect_rejection("wwd_fuzz", "tile descriptions: not a format status", t);
    return first == Status::Ok ? t : first;
  }
  for (const WwdTileDescription& d : tiles) {
    if (d.type != kWwdTileSingle && d.type != kWwdTileDouble) fail("wwd_fuzz", "a tile description type", t);
  }
  return first;
}

}  // namespace oc::fuzz
