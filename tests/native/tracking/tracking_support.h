// Shared by the tracker's tests (and tests/native/memory/allocator_tracking_test.cpp): a state region
// with a pool, a slab and an arena, a tracker in its own debug region, readers of the tracker's
// tables, the expected text of a site in the test's file, and a small JSON validator (the report must
// parse; no JSON library is a dependency of the tests).
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "memory/fixed_pool.h"
#include "memory/frame_arena.h"
#include "memory/slab_allocator.h"
#include "tracking/tracker.h"

namespace oc {
namespace testing_support {

inline TrackerOptions small_options(TrackMode mode, u32 records = 1024) {
  TrackerOptions o;
  o.records = records;
  o.graveyard = 256;
  o.frames = 16;
  o.sites = 256;
  o.tags = 32;
  o.misuse = 16;
  o.string_bytes = 16384;
  o.tagmap_bytes = 1u << 17;
  o.mode = mode;
  return o;
}

// xorshift64: the model tests' random traffic, the same on every run and machine.
inline u32 random_u32(u64& s) {
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return static_cast<u32>(s >> 11);
}

// What the tracker prints for a site of this file at `line`: the path's last two components.
inline std::string site_here(const char* file, u32 line) {
  std::string f(file);
  size_t cut = f.size();
  int seps = 0;
  while (cut > 0) {
    if ((f[cut - 1] == '/' || f[cut - 1] == '\\') && ++seps == 2) break;
    --cut;
  }
  return f.substr(cut) + ":" + std::to_string(line);
}

// Tags as a game would give them: each allocator's default (actors: the pool, tiles: the slab,
// scratch: the arena), and audio for the calls that name their own.
struct SubsystemTags {
  u32 actors, tiles, audio, scratch;
};

struct World {
  Region state, debug;
  FixedPool pool;
  SlabAllocator slab;
  FrameArena arena;
  Tracker* tracker = nullptr;

  // Creates the allocators, then the tracker, and attaches the state region as "state".
  void init(const TrackerOptions& o, u32 pool_slot = 48, u32 pool_capacity = 512) {
    ASSERT_EQ(state.init(4u << 20), Status::Ok);
    const u32 need = Tracker::bytes_needed(o);
    ASSERT_GT(need, 0u);
    ASSERT_EQ(debug.init(need + 4096), Status::Ok);
    auto p = FixedPool::create(state, pool_slot, 16, pool_capacity);
    ASSERT_TRUE(p.ok());
    pool = p.value;
    auto s = SlabAllocator::create(state, 1u << 20);
    ASSERT_TRUE(s.ok());
    slab = s.value;
    auto a = FrameArena::create(state, 64u << 10);
    ASSERT_TRUE(a.ok());
    arena = a.value;
    auto t = Tracker::create(debug, o);
    ASSERT_TRUE(t.ok()) << status_name(t.status);
    tracker = t.value;
    ASSERT_EQ(tracker->attach(state, "state", 5), Status::Ok);
  }
  ~World() { delete tracker; }

  const TrackerHeader& h() const { return tracker->header(); }
  const u8* dbg() const { return debug.base(); }
  // The tables as TypeScript sees them: through the header's offsets into the debug region.
  const TrackTag& tag(u32 id) const { return debug.at<TrackTag>(h().tags_offset)[id - 1]; }
  const TrackFrame& frame_slot(u32 i) const { return debug.at<TrackFrame>(h().frames_offset)[i]; }
  const TrackMisuse& misuse_slot(u32 i) const { return debug.at<TrackMisuse>(h().misuse_offset)[i]; }
  std::string site(u32 id) const {
    char buf[256];
    const u32 n = tracker->site_text(id, buf, sizeof(buf));
    return std::string(buf, n < sizeof(buf) ? n : sizeof(buf));
  }
  std::string tag_name(u32 id) const {
    char buf[128];
    const u32 n = tracker->tag_name(id, buf, sizeof(buf));
    return std::string(buf, n < sizeof(buf) ? n : sizeof(buf));
  }
  u32 new_tag(const char* name) { return tracker->tag(name, static_cast<u32>(std::strlen(name))); }
  SubsystemTags tag_subsystems() {
    const SubsystemTags t{new_tag("actors"), new_tag("tiles"), new_tag("audio"), new_tag("scratch")};
    EXPECT_EQ(tracker->set_allocator_tag(state, pool.id(), t.actors), Status::Ok);
    EXPECT_EQ(tracker->set_allocator_tag(state, slab.id(), t.tiles), Status::Ok);
    EXPECT_EQ(tracker->set_allocator_tag(state, arena.id(), t.scratch), Status::Ok);
    return t;
  }
  // Every tag's allocations minus frees is its live count (published figures: publish() first).
  void expect_balanced() const {
    for (u32 id = 1; id <= h().tag_count; ++id) {
      EXPECT_EQ(tag(id).allocs - tag(id).frees, tag(id).live_count) << tag_name(id);
    }
  }
  // Every tag has nothing live, and as many frees as allocations (published figures).
  void expect_all_freed() const {
    for (u32 id = 1; id <= h().tag_count; ++id) {
      EXPECT_EQ(tag(id).live_count, 0u) << tag_name(id);
      EXPECT_EQ(tag(id).live_bytes, 0u) << tag_name(id);
      EXPECT_EQ(tag(id).allocs, tag(id).frees) << tag_name(id);
    }
  }
  std::vector<LeakGroup> leaks(u32 mark) const {
    u32 count = 0;
    EXPECT_EQ(tracker->leaks_since(mark, nullptr, 0, &count), Status::Ok);
    std::vector<LeakGroup> out(count);
    u32 again = 0;
    EXPECT_EQ(tracker->leaks_since(mark, out.data(), count, &again), Status::Ok);
    EXPECT_EQ(again, count);
    return out;
  }
  std::string report(u32 mark = 0) {
    const u32 n = tracker->report_json(mark, nullptr, 0);
    std::string s(n, '\0');
    EXPECT_EQ(tracker->report_json(mark, &s[0], n), n);
    return s;
  }
};

// A strict JSON validator (RFC 8259 grammar; no duplicate-key check): true when `text` is exactly
// one JSON value with nothing but whitespace around it.
class JsonCheck {
 public:
  static bool valid(const std::string& text) {
    JsonCheck c(text);
    c.ws();
    if (!c.value(0)) return false;
    c.ws();
    return c.at_ == text.size();
  }

 private:
  explicit JsonCheck(const std::string& t) : s_(t) {}
  bool eat(char c) {
    if (at_ < s_.size() && s_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  void ws() {
    while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t' || s_[at_] == '\n' || s_[at_] == '\r')) ++at_;
  }
  bool literal(const char* w) {
    const size_t n = std::strlen(w);
    if (s_.compare(at_, n, w) != 0) return false;
    at_ += n;
    return true;
  }
  bool digits() {
    const size_t start = at_;
    while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9') ++at_;
    return at_ > start;
  }
  bool number() {
    eat('-');
    if (eat('0')) {
    } else if (!digits()) {
      return false;
    }
    if (eat('.') && !digits()) return false;
    if (eat('e') || eat('E')) {
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  }
  bool string() {
    if (!eat('"')) return false;
    while (at_ < s_.size()) {
      const unsigned char c = static_cast<unsigned char>(s_[at_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (at_ >= s_.size()) return false;
        const char e = s_[at_++];
        if (e == 'u') {
          for (int i = 0; i < 4; ++i) {
            if (at_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[at_++]))) return false;
          }
        } else if (std::strchr("\"\\/bfnrt", e) == nullptr) {
          return false;
        }
      }
    }
    return false;
  }
  bool value(int depth) {
    if (depth > 64 || at_ >= s_.size()) return false;
    const char c = s_[at_];
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++at_;
      ws();
      if (eat(close)) return true;
      for (;;) {
        if (c == '{') {
          if (!string()) return false;
          ws();
          if (!eat(':')) return false;
          ws();
        }
        if (!value(depth + 1)) return false;
        ws();
        if (eat(close)) return true;
        if (!eat(',')) return false;
        ws();
      }
    }
    if (c == '"') return string();
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return number();
  }

  const std::string& s_;
  size_t at_ = 0;
};

}  // namespace testing_support
}  // namespace oc
