#include "resources/formats/pid.h"

#include <cstring>

namespace oc::formats {
namespace {

// The densest each encoding can be: a compressed byte 255 skips 127 pixels; an uncompressed run
// spends two bytes on at most 63 pixels.
constexpr u64 kMaxSkip = 255 - 128;
constexpr u64 kMaxRun = 255 - 192;

u64 max_pixels(u32 stream_bytes, bool compressed) noexcept {
  return compressed ? kMaxSkip * stream_bytes : kMaxRun * ((static_cast<u64>(stream_bytes) + 1) / 2);
}

// Writes palette indices as they are.
struct IndexSink {
  u8* out;
  void fill(u32 at, u32 n, u8 index) noexcept { std::memset(out + at, index, n); }
  void copy(u32 at, const u8* src, u32 n) noexcept { std::memcpy(out + at, src, n); }
};

// Writes RGBA through a 256-entry table, one u32 store per pixel.
struct RgbaSink {
  u8* out;
  const u8* table;  // kPalRgbaSize bytes
  void put(u32 at, u8 index) noexcept { std::memcpy(out + static_cast<u64>(at) * 4, table + index * 4u, 4); }
  void fill(u32 at, u32 n, u8 index) noexcept {
    for (u32 i = 0; i < n; ++i) put(at + i, index);
  }
  void copy(u32 at, const u8* src, u32 n) noexcept {
    for (u32 i = 0; i < n; ++i) put(at + i, src[i]);
  }
};

// The one decoding loop of both encodings; `px` is the pixel stream alone, so no read can reach the
// embedded palette, and every write stays below `total` (checked before it is made).
template <typename Sink>
Status decode_stream(ByteSpan px, bool compressed, u32 total, Sink& sink) noexcept {
  u32 at = 0;
  u32 done = 0;
  while (done < total) {
    u8 b = 0;
    if (!px.u8_at(at, &b)) return Status::Truncated;
    ++at;
    const u32 left = total - done;
    if (compressed) {
      if (b > 128) {
        const u32 n = b - 128u;
        if (n > left) return Status::Malformed;
        sink.fill(done, n, 0);
        done += n;
      } else {
        const u32 n = b;
        if (n > left) return Status::Malformed;
        ByteSpan literals;
        if (!px.sub(at, n, &literals)) return Status::Truncated;
        if (n != 0) sink.copy(done, literals.data(), n);
        at += n;
        done += n;
      }
    } else if (b > 192) {
      const u32 n = b - 192u;
      if (n > left) return Status::Malformed;
      u8 index = 0;
      if (!px.u8_at(at, &index)) return Status::Truncated;
      ++at;
      sink.fill(done, n, index);
      done += n;
    } else {
      sink.fill(done, 1, b);
      ++done;
    }
  }
  return Status::Ok;
}

template <typename Sink>
Status decode(ByteSpan in, const PidInfo& info, Sink& sink) noexcept {
  ByteSpan px;
  if (!in.sub(info.pixels_offset, info.pixels_size, &px)) return Status::Truncated;  // parse made sure
  const bool compressed = (info.header.flags & pid_flags::kCompressed) != 0;
  return decode_stream(px, compressed, info.pixel_count, sink);
}

// Collects the encoder's output, or only counts it when `out` is null.
struct Writer {
  u8* out;
  u32 size;
  void byte(u8 b) noexcept {
    if (out != nullptr) out[size] = b;
    ++size;
  }
  void bytes(const u8* src, u32 n) noexcept {
    if (out != nullptr && n != 0) std::memcpy(out + size, src, n);
    size += n;
  }
  void word(u32 v) noexcept {
    u8 le[4];
    std::memcpy(le, &v, 4);  // both targets are little-endian (memory/layout.cpp asserts it)
    bytes(le, 4);
  }
};

u32 run_length(const u8* p, u32 left, u32 limit) noexcept {
  u32 n = 1;
  while (n < left && n < limit && p[n] == p[0]) ++n;
  return n;
}

void encode_compressed(const u8* idx, u32 total, Writer& w) noexcept {
  u32 i = 0;
  while (i < total) {
    const u32 left = total - i;
    if (idx[i] == 0) {
      const u32 n = run_length(idx + i, left, static_cast<u32>(kMaxSkip));
      w.byte(static_cast<u8>(128 + n));
      i += n;
    } else {
      u32 n = 1;
      while (n < left && n < 128 && idx[i + n] != 0) ++n;
      w.byte(static_cast<u8>(n));
      w.bytes(idx + i, n);
      i += n;
    }
  }
}

void encode_plain(const u8* idx, u32 total, Writer& w) noexcept {
  u32 i = 0;
  while (i < total) {
    const u8 v = idx[i];
    const u32 n = run_length(idx + i, total - i, static_cast<u32>(kMaxRun));
    if (n > 1 || v > 192) {  // above 192 a lone byte would read as a run marker
      w.byte(static_cast<u8>(192 + n));
      w.byte(v);
    } else {
      w.byte(v);
    }
    i += n;
  }
}

Status check_image(const PidImage& image) noexcept {
  if (image.width > kPidMaxSide || image.height > kPidMaxSide) return Status::Oversized;
  if (image.indices == nullptr && image.width != 0 && image.height != 0) return Status::InvalidArgument;
  const bool wants_palette = (image.flags & pid_flags::kEmbeddedPalette) != 0;
  if (wants_palette != (image.palette != nullptr)) return Status::InvalidArgument;
  return Status::Ok;
}

void encode_into(const PidImage& image, Writer& w) noexcept {
  w.word(image.file_desc);
  w.word(image.flags);
  w.word(image.width);
  w.word(image.height);
  w.word(static_cast<u32>(image.offset_x));
  w.word(static_cast<u32>(image.offset_y));
  w.word(image.unk0);
  w.word(image.unk1);
  const u32 total = image.width * image.height;
  if ((image.flags & pid_flags::kCompressed) != 0) {
    encode_compressed(image.indices, total, w);
  } else {
    encode_plain(image.indices, total, w);
  }
  if (image.palette != nullptr) w.bytes(image.palette->rgb, kPalSize);
}

}  // namespace

Status pid_parse(ByteSpan in, PidInfo* out) noexcept {
  if (out == nullptr) return Status::InvalidArgument;
  PidHeader h{};
  if (!in.has(0, kPidHeaderSize)) return Status::Truncated;
  in.u32_at(0, &h.file_desc);
  in.u32_at(4, &h.flags);
  in.u32_at(8, &h.width);
  in.u32_at(12, &h.height);
  in.i32_at(16, &h.offset_x);
  in.i32_at(20, &h.offset_y);
  in.u32_at(24, &h.unk0);
  in.u32_at(28, &h.unk1);
  if (h.width > kPidMaxSide || h.height > kPidMaxSide) return Status::Oversized;

  u32 end = in.size();
  u32 palette_offset = 0;
  if ((h.flags & pid_flags::kEmbeddedPalette) != 0) {
    if (!in.has(kPidHeaderSize, kPalSize)) return Status::Truncated;
    end -= kPalSize;
    palette_offset = end;
  }
  const u32 pixel_count = h.width * h.height;
  const u32 pixels_size = end - kPidHeaderSize;
  if (pixel_count > max_pixels(pixels_size, (h.flags & pid_flags::kCompressed) != 0)) return Status::Truncated;

  *out = PidInfo{h, pixel_count, kPidHeaderSize, pixels_size, palette_offset};
  return Status::Ok;
}

Status pid_embedded_palette(ByteSpan in, Palette* out) noexcept {
  if (out == nullptr) return Status::InvalidArgument;
  PidInfo info{};
  const Status s = pid_parse(in, &info);
  if (s != Status::Ok) return s;
  if (info.palette_offset == 0) return Status::InvalidArgument;
  ByteSpan pal;
  if (!in.sub(info.palette_offset, kPalSize, &pal)) return Status::Truncated;
  return pal_read(pal, out);
}

Status pid_decode_indices(ByteSpan in, u8* out, u32 out_size) noexcept {
  PidInfo info{};
  const Status s = pid_parse(in, &info);
  if (s != Status::Ok) return s;
  if (out_size < info.pixel_count || (out == nullptr && info.pixel_count != 0)) return Status::InvalidArgument;
  IndexSink sink{out};
  return decode(in, info, sink);
}

Status pid_decode_rgba(ByteSpan in, const Palette* palette, u8* out, u32 out_size) noexcept {
  PidInfo info{};
  Status s = pid_parse(in, &info);
  if (s != Status::Ok) return s;
  if (static_cast<u64>(out_size) < static_cast<u64>(info.pixel_count) * 4) return Status::InvalidArgument;
  if (out == nullptr && info.pixel_count != 0) return Status::InvalidArgument;
  Palette embedded;
  if (palette == nullptr) {
    if (info.palette_offset == 0) return Status::InvalidArgument;
    s = pid_embedded_palette(in, &embedded);
    if (s != Status::Ok) return s;
    palette = &embedded;
  }
  u8 table[kPalRgbaSize];
  pal_to_rgba(*palette, table);
  RgbaSink sink{out, table};
  return decode(in, info, sink);
}

Result<u32> pid_encoded_size(const PidImage& image) noexcept {
  const Status s = check_image(image);
  if (s != Status::Ok) return Result<u32>::fail(s);
  Writer counter{nullptr, 0};
  encode_into(image, counter);
  return Result<u32>{counter.size, Status::Ok};
}

Result<u32> pid_encode(const PidImage& image, u8* out, u32 capacity) noexcept {
  const Result<u32> need = pid_encoded_size(image);
  if (!need.ok()) return need;
  if (out == nullptr || capacity < need.value) return Result<u32>::fail(Status::InvalidArgument);
  Writer w{out, 0};
  encode_into(image, w);
  return Result<u32>{w.size, Status::Ok};
}

}  // namespace oc::formats
