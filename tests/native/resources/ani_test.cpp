// ANI: writer -> reader round trips, and every damaged input rejected with its own status.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "resources/formats/ani.h"

namespace oc::formats {
namespace {

ByteSpan span_of(const std::vector<u8>& v) { return ByteSpan(v.data(), static_cast<u32>(v.size())); }

std::string text(const std::vector<u8>& v, u32 at, u32 len) {
  return std::string(reinterpret_cast<const char*>(v.data()) + at, len);
}

// Shaped like CLAW/ANIS/DUCKPISTOL.ANI: a shot event on frame 3.
std::vector<u8> duck_pistol() {
  std::vector<AniFrameSpec> frames;
  for (u16 i = 0; i < 11; ++i) {
    const bool shot = i == 3;
    frames.push_back({static_cast<u16>(i + 1), static_cast<u16>(100 + i), shot ? kAniEventFlag : u16{0},
                      shot ? "CLAW_GUNSHOT" : nullptr});
  }
  return ani_write("CLAW_IMAGES", frames.data(), static_cast<u32>(frames.size()));
}

struct Parsed {
  Status status;
  AniInfo info;
  std::vector<AniFrame> frames;
};

Parsed parse(const std::vector<u8>& file) {
  Parsed p{};
  p.status = ani_parse(span_of(file), &p.info);
  if (p.status != Status::Ok) return p;
  p.frames.resize(p.info.frames_count);
  p.status = ani_read_frames(span_of(file), p.info, p.frames.data(), p.info.frames_count, nullptr);
  return p;
}

TEST(AniReader, RoundTripsFramesDurationsAndEvents) {
  const std::vector<u8> file = duck_pistol();
  const Parsed p = parse(file);
  ASSERT_EQ(p.status, Status::Ok);
  EXPECT_EQ(p.info.frames_count, 11u);
  EXPECT_EQ(text(file, p.info.image_set_offset, p.info.image_set_length), "CLAW_IMAGES");
  for (u32 i = 0; i < 11; ++i) {
    EXPECT_EQ(p.frames[i].image_id, i + 1);
    EXPECT_EQ(p.frames[i].duration_ms, 100 + i);
    if (i == 3) {
      ASSERT_NE(p.frames[i].event_offset, kAniNoEvent);
      EXPECT_EQ(text(file, p.frames[i].event_offset, p.frames[i].event_length), "CLAW_GUNSHOT");
    } else {
      EXPECT_EQ(p.frames[i].event_offset, kAniNoEvent);
    }
  }
}

TEST(AniReader, EndIsTheFileSizeAndEventsShiftLaterFrames) {
  const AniFrameSpec frames[] = {
      {7, 50, kAniEventFlag, "A"}, {8, 60, kAniEventFlag, ""}, {9, 70, 0, nullptr}};
  const std::vector<u8> file = ani_write("SET", frames, 3);
  AniInfo info{};
  ASSERT_EQ(ani_parse(span_of(file), &info), Status::Ok);
  AniFrame out[3];
  u32 end = 0;
  ASSERT_EQ(ani_read_frames(span_of(file), info, out, 3, &end), Status::Ok);
  EXPECT_EQ(end, file.size());
  EXPECT_EQ(out[0].event_length, 1u);
  EXPECT_EQ(out[1].event_length, 0u);  // an empty name is still an event
  EXPECT_NE(out[1].event_offset, kAniNoEvent);
  EXPECT_EQ(out[2].image_id, 9);
  EXPECT_EQ(out[2].duration_ms, 70);
}

TEST(AniReader, EmptyAnimationAndEmptyPath) {
  const std::vector<u8> file = ani_write("", nullptr, 0);
  const Parsed p = parse(file);
  ASSERT_EQ(p.status, Status::Ok);
  EXPECT_EQ(p.info.frames_count, 0u);
  EXPECT_EQ(p.info.image_set_length, 0u);
  EXPECT_EQ(ani_read_frames(span_of(file), p.info, nullptr, 0, nullptr), Status::Ok);
}

TEST(AniReader, EveryTruncationIsRejected) {
  const std::vector<u8> file = duck_pistol();
  for (u32 n = 0; n < file.size(); ++n) {
    const std::vector<u8> cut(file.begin(), file.begin() + n);
    const Parsed p = parse(cut);
    // Cutting inside the header or path is Truncated; cutting the frames leaves fewer bytes than the
    // count needs (Oversized), or cuts a frame or the event name (Truncated / Malformed: the NUL is gone).
    EXPECT_TRUE(p.status == Status::Truncated || p.status == Status::Oversized ||
                p.status == Status::Malformed)
        << "length " << n << " status " << static_cast<int>(p.status);
    if (n < kAniHeaderSize + 11) {
      EXPECT_EQ(p.status, Status::Truncated) << n;
    }
  }
}

void put_u32(std::vector<u8>* v, u32 at, u32 x) { std::memcpy(v->data() + at, &x, 4); }

TEST(AniReader, DamagedInputsGetTheirStatus) {
  struct Case {
    const char* what;
    void (*damage)(std::vector<u8>*);
    Status expected;
  };
  const Case cases[] = {
      {"4-billion frames", [](std::vector<u8>* v) { put_u32(v, 12, 0xFFFFFFFFu); }, Status::Oversized},
      {"one frame too many", [](std::vector<u8>* v) { put_u32(v, 12, 12); }, Status::Oversized},
      {"path past the end", [](std::vector<u8>* v) { put_u32(v, 16, static_cast<u32>(v->size())); },
       Status::Truncated},
      {"path length 4 GiB", [](std::vector<u8>* v) { put_u32(v, 16, 0xFFFFFFF0u); }, Status::Truncated},
      {"event without NUL", [](std::vector<u8>* v) { v->pop_back(); v->push_back('X'); }, Status::Malformed},
  };
  for (const Case& c : cases) {
    // Only the last frame has an event, so that the NUL case can replace the file's last byte.
    const AniFrameSpec frames[] = {{1, 10, 0, nullptr}, {2, 20, 0, nullptr}, {3, 30, 0, nullptr},
                                   {4, 40, 0, nullptr}, {5, 50, 0, nullptr}, {6, 60, 0, nullptr},
                                   {7, 70, 0, nullptr}, {8, 80, 0, nullptr}, {9, 90, 0, nullptr},
                                   {10, 100, 0, nullptr}, {11, 110, kAniEventFlag, "CLAW_GUNSHOT"}};
    std::vector<u8> file = ani_write("CLAW_IMAGES", frames, 11);
    c.damage(&file);
    EXPECT_EQ(parse(file).status, c.expected) << c.what;
  }
}

TEST(AniReader, RandomDamageNeverReadsOutside) {
  // A short, deterministic stand-in for the fuzz target: ASan/UBSan watch every read.
  const std::vector<u8> pristine = duck_pistol();
  u32 seed = 777;
  auto rnd = [&seed]() { return seed = seed * 1664525u + 1013904223u; };
  for (u32 iter = 0; iter < 20000; ++iter) {
    std::vector<u8> file = pristine;
    for (u32 w = 0, n = 1 + rnd() % 4; w < n; ++w) file[rnd() % file.size()] = static_cast<u8>(rnd() >> 24);
    if (rnd() % 4 == 0) file.resize(rnd() % file.size());
    const Parsed p = parse(file);
    if (p.status == Status::Ok) {
      for (const AniFrame& f : p.frames) {
        if (f.event_offset != kAniNoEvent) {
          ASSERT_LE(static_cast<u64>(f.event_offset) + f.event_length, file.size());
        }
      }
    }
  }
}

TEST(AniReader, MisuseIsInvalidArgument) {
  const std::vector<u8> file = duck_pistol();
  AniInfo info{};
  EXPECT_EQ(ani_parse(span_of(file), nullptr), Status::InvalidArgument);
  ASSERT_EQ(ani_parse(span_of(file), &info), Status::Ok);
  std::vector<AniFrame> few(10);
  EXPECT_EQ(ani_read_frames(span_of(file), info, few.data(), 10, nullptr), Status::InvalidArgument);
  EXPECT_EQ(ani_read_frames(span_of(file), info, nullptr, 11, nullptr), Status::InvalidArgument);
}

}  // namespace
}  // namespace oc::formats
