// Counters mode against a model: random traffic over a pool, a slab (default and context tags) and an
// arena (allocations, unwinds, resets) must give exactly the model's per-tag figures and per-frame
// counters, and the frame ring must hold the last frames in order once it has wrapped.
#include <map>

#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::random_u32;
using testing_support::small_options;
using testing_support::World;

struct TagModel {
  u64 live_count = 0, live_bytes = 0, allocs = 0, frees = 0, bytes_allocated = 0, bytes_freed = 0, peak = 0;
};
struct FrameModel {
  u64 allocs = 0, frees = 0, bytes_allocated = 0, bytes_freed = 0, live_count = 0, live_bytes = 0;
};
struct ArenaAlloc {
  u32 tag, remaining;
};

struct Model {
  std::map<u32, TagModel> tags;
  FrameModel frame;
  std::vector<FrameModel> frames;
  void alloc(u32 tag, u64 bytes) {
    TagModel& t = tags[tag];
    t.live_count++;
    t.live_bytes += bytes;
    t.allocs++;
    t.bytes_allocated += bytes;
    frame.allocs++;
    frame.bytes_allocated += bytes;
  }
  void release(u32 tag, u64 count, u64 bytes) {
    TagModel& t = tags[tag];
    t.live_count -= count;
    t.live_bytes -= bytes;
    t.frees += count;
    t.bytes_freed += bytes;
    frame.frees += count;
    frame.bytes_freed += bytes;
  }
  void end_frame() {
    for (auto& kv : tags) {
      frame.live_count += kv.second.live_count;
      frame.live_bytes += kv.second.live_bytes;
      if (kv.second.live_bytes > kv.second.peak) kv.second.peak = kv.second.live_bytes;
    }
    frames.push_back(frame);
    frame = FrameModel{};
  }
};

TEST(TrackerCounters, TagAndFrameFiguresEqualAModel) {
  World w;
  TrackerOptions o = small_options(TrackMode::Counters);
  o.frames = 16;
  w.init(o);
  Tracker& t = *w.tracker;
  const auto [actors, tiles, audio, scratch] = w.tag_subsystems();
  const u32 slot = w.pool.header().slot_size;

  Model m;
  std::vector<Handle> handles;
  std::vector<std::pair<Offset, u32>> blocks;  // offset, tag
  std::vector<ArenaAlloc> arena;
  std::vector<u32> markers;
  u64 rng = 0x9E3779B97F4A7C15ull;
  const u32 kFrames = 40;
  for (u32 f = 0; f < kFrames; ++f) {
    for (u32 op = 0; op < 150; ++op) {
      const u32 r = random_u32(rng) % 100;
      if (r < 20) {
        const Handle h = w.pool.alloc();
        if (h == kNullHandle) continue;
        handles.push_back(h);
        m.alloc(actors, slot);
      } else if (r < 35 && !handles.empty()) {
        const size_t i = random_u32(rng) % handles.size();
        ASSERT_EQ(w.pool.free(handles[i]), Status::Ok);
        handles[i] = handles.back();
        handles.pop_back();
        m.release(actors, 1, slot);
      } else if (r < 55) {
        const u32 ctx = random_u32(rng) % 3 == 0 ? audio : 0;
        t.set_context(ctx, 0);
        const u32 size = random_u32(rng) % 8 == 0 ? 4097 + random_u32(rng) % 9000 : 1 + random_u32(rng) % 1500;
        const Offset off = w.slab.alloc(size);
        t.set_context(0, 0);
        if (off == kNullOffset) continue;
        const u32 tag = ctx != 0 ? ctx : tiles;
        blocks.emplace_back(off, tag);
        m.alloc(tag, w.slab.usable_size(off).value);
      } else if (r < 72 && !blocks.empty()) {
        const size_t i = random_u32(rng) % blocks.size();
        const u32 bytes = w.slab.usable_size(blocks[i].first).value;
        ASSERT_EQ(w.slab.free(blocks[i].first), Status::Ok);
        m.release(blocks[i].second, 1, bytes);
        blocks[i] = blocks.back();
        blocks.pop_back();
      } else if (r < 90) {
        const u32 ctx = random_u32(rng) % 2 == 0 ? audio : 0;
        t.set_context(ctx, 0);
        const u32 before = w.arena.marker();
        const Offset off = w.arena.alloc(1 + random_u32(rng) % 200, 1u << (random_u32(rng) % 7));
        t.set_context(0, 0);
        if (off == kNullOffset) continue;
        const u32 tag = ctx != 0 ? ctx : scratch;
        arena.push_back(ArenaAlloc{tag, w.arena.marker() - before});
        m.alloc(tag, w.arena.marker() - before);
      } else if (r < 94) {
        markers.push_back(w.arena.marker());
      } else if (!markers.empty()) {
        // Unwind to a saved marker: bytes come back now, from the top; counts at the reset.
        const u32 marker = markers[random_u32(rng) % markers.size()];
        if (marker > w.arena.marker()) continue;
        u32 left = w.arena.marker() - marker;
        for (size_t i = arena.size(); i > 0 && left > 0; --i) {
          ArenaAlloc& a = arena[i - 1];
          const u32 take = a.remaining < left ? a.remaining : left;
          a.remaining -= take;
          left -= take;
          TagModel& tm = m.tags[a.tag];
          tm.live_bytes -= take;
          tm.bytes_freed += take;
          m.frame.bytes_freed += take;
        }
        ASSERT_EQ(w.arena.unwind(marker), Status::Ok);
      }
    }
    if (f % 3 == 2) {
      for (const ArenaAlloc& a : arena) m.release(a.tag, 1, a.remaining);
      arena.clear();
      markers.clear();
      w.arena.reset();
    }
    t.frame_end();
    m.end_frame();
  }

  t.publish();
  u64 allocs = 0, frees = 0;
  for (const auto& kv : m.tags) {
    SCOPED_TRACE(w.tag_name(kv.first));
    const TrackTag& tag = w.tag(kv.first);
    EXPECT_EQ(tag.live_count, kv.second.live_count);
    EXPECT_EQ(tag.live_bytes, kv.second.live_bytes);
    EXPECT_EQ(tag.allocs, kv.second.allocs);
    EXPECT_EQ(tag.frees, kv.second.frees);
    EXPECT_EQ(tag.bytes_allocated, kv.second.bytes_allocated);
    EXPECT_EQ(tag.peak_bytes, kv.second.peak);
    allocs += kv.second.allocs;
    frees += kv.second.frees;
  }
  EXPECT_EQ(w.h().allocs, allocs);
  EXPECT_EQ(w.h().frees, frees);
  EXPECT_EQ(w.h().frame, kFrames);

  // The ring: the last 16 frames, the oldest at frame_head once it has wrapped.
  const TrackerHeader& h = w.h();
  ASSERT_EQ(h.frame_count, 16u);
  EXPECT_EQ(h.frame_head, kFrames % 16);
  for (u32 i = 0; i < 16; ++i) {
    const u32 frame = kFrames - 16 + i;
    SCOPED_TRACE(frame);
    const TrackFrame& got = w.frame_slot((h.frame_head + i) % 16);
    const FrameModel& want = m.frames[frame];
    EXPECT_EQ(got.frame, frame);
    EXPECT_EQ(got.allocs, want.allocs);
    EXPECT_EQ(got.frees, want.frees);
    EXPECT_EQ(got.bytes_allocated, want.bytes_allocated);
    EXPECT_EQ(got.bytes_freed, want.bytes_freed);
    EXPECT_EQ(got.live_count, want.live_count);
    EXPECT_EQ(got.live_bytes, want.live_bytes);
  }
  // The region's live bytes at the last frame end, from the allocators themselves.
  const u64 region_live =
      static_cast<u64>(w.pool.stats().live) * slot + w.slab.stats().live_bytes + w.arena.stats().used;
  EXPECT_EQ(w.frame_slot((h.frame_head + 15) % 16).region_live_bytes[0], region_live);
}

TEST(TrackerCounters, PoolsCostNothingInCountersModeAndAreDerivedAtPublish) {
  World w;
  w.init(small_options(TrackMode::Counters));
  const u64 seq_before = w.h().seq;
  std::vector<Handle> hs(30);
  ASSERT_EQ(w.pool.alloc_many(hs.data(), 30), Status::Ok);
  for (u32 i = 0; i < 10; ++i) ASSERT_EQ(w.pool.free(hs[i]), Status::Ok);
  // Nothing reached the tracker yet: the pool called nothing.
  EXPECT_EQ(w.h().seq, seq_before);
  EXPECT_EQ(w.h().current.allocs, 0u);
  w.tracker->publish();
  EXPECT_EQ(w.h().current.allocs, 30u);
  EXPECT_EQ(w.h().current.frees, 10u);
  EXPECT_EQ(w.tag(kTrackUntagged).live_count, 20u);
  EXPECT_EQ(w.tag(kTrackUntagged).pools, 3u);  // pool, slab and arena all default to untagged
  w.tracker->frame_end();
  EXPECT_EQ(w.frame_slot(0).allocs, 30u);
  EXPECT_EQ(w.frame_slot(0).frees, 10u);
  EXPECT_EQ(w.h().current.allocs, 0u);  // the next frame starts empty
}

TEST(TrackerCounters, OffModeMissesEventsAndComingBackRebuildsLiveFigures) {
  World w;
  w.init(small_options(TrackMode::Counters));
  const Offset kept = w.slab.alloc(100);
  w.tracker->set_mode(TrackMode::Off);
  EXPECT_EQ(w.state.counter_sink(), nullptr);
  const Offset during = w.slab.alloc(300);
  ASSERT_EQ(w.slab.free(kept), Status::Ok);
  w.tracker->set_mode(TrackMode::Counters);
  EXPECT_EQ(w.state.counter_sink(), w.tracker);
  EXPECT_EQ(w.state.record_sink(), nullptr);
  w.tracker->publish();
  EXPECT_EQ(w.tag(kTrackUntagged).live_count, 1u);
  EXPECT_EQ(w.tag(kTrackUntagged).live_bytes, w.slab.usable_size(during).value);
  EXPECT_EQ(w.tag(kTrackUntagged).allocs - w.tag(kTrackUntagged).frees, 1u);
  ASSERT_EQ(w.slab.free(during), Status::Ok);
  w.tracker->publish();
  EXPECT_EQ(w.tag(kTrackUntagged).live_count, 0u);
  EXPECT_EQ(w.tag(kTrackUntagged).live_bytes, 0u);
}

TEST(TrackerCounters, ChangingADefaultTagKeepsEveryTagBalanced) {
  World w;
  w.init(small_options(TrackMode::Counters));
  Tracker& t = *w.tracker;
  const u32 first = w.new_tag("first");
  const u32 second = w.new_tag("second");
  ASSERT_EQ(t.set_allocator_tag(w.state, w.pool.id(), first), Status::Ok);
  ASSERT_EQ(t.set_allocator_tag(w.state, w.slab.id(), first), Status::Ok);
  std::vector<Handle> hs(4);
  ASSERT_EQ(w.pool.alloc_many(hs.data(), 4), Status::Ok);
  const Offset a = w.slab.alloc(100);
  const Offset b = w.slab.alloc(200);
  ASSERT_EQ(t.set_allocator_tag(w.state, w.pool.id(), second), Status::Ok);
  ASSERT_EQ(t.set_allocator_tag(w.state, w.slab.id(), second), Status::Ok);
  const Offset c = w.slab.alloc(300);
  t.publish();
  const u32 slot = w.pool.header().slot_size;
  // Pool slots follow their pool's tag; slab blocks keep the tag they were allocated under.
  EXPECT_EQ(w.tag(first).live_count, 2u);
  EXPECT_EQ(w.tag(first).live_bytes, w.slab.usable_size(a).value + w.slab.usable_size(b).value);
  EXPECT_EQ(w.tag(second).live_count, 5u);
  EXPECT_EQ(w.tag(second).live_bytes, 4u * slot + w.slab.usable_size(c).value);
  w.expect_balanced();
  ASSERT_EQ(w.pool.free_many(hs.data(), 4), Status::Ok);
  for (Offset o : {a, b, c}) ASSERT_EQ(w.slab.free(o), Status::Ok);
  t.frame_end();
  w.expect_all_freed();
  // The moves are bookkeeping, not traffic: the frames saw 4 + 3 allocations and as many frees.
  EXPECT_EQ(w.frame_slot(0).allocs, 7u);
  EXPECT_EQ(w.frame_slot(0).frees, 7u);
}

}  // namespace
}  // namespace oc
