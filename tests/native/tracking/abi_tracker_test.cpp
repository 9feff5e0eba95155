// The tracker through the C ABI (wasm/abi_tracking.cpp), natively: what engine/ does in the browser.
// Trackers behind ids, attach by region id, modes, tags and labels, the *_at allocator calls with
// their site and tag, leak rows, the report, the heat map, misuse with both sites, resync after a
// restore, and the lifetimes (destroying an attached region or a tracker's debug region).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "tracking/tracker_layout.h"
#include "wasm/abi.h"

namespace {

using oc::u32;
using oc::u64;
using oc::u8;

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }
int32_t st(oc::Status s) { return static_cast<int32_t>(s); }

struct Row {
  u32 tag, site, count, oldest_frame;
  u64 bytes;
};

// A state region (pool, slab, arena) and a debug region holding a tracker attached to it.
struct AbiWorld {
  uint32_t state = 0, debug = 0, tracker = 0, pool = 0, slab = 0, arena = 0;

  explicit AbiWorld(u32 mode = OC_TRACK_FULL) {
    state = oc_region_create(1u << 20, 0);
    pool = oc_pool_create(state, 64, 16, 128);
    slab = oc_slab_create(state, 256 * 1024, 0, 0);
    arena = oc_arena_create(state, 16 * 1024);
    u32 words[OC_TRACKER_OPTION_WORDS] = {512, 64, 32, 64, 16, 16, 8192, 1u << 16, mode};
    const u32 need = oc_tracker_bytes_needed(addr(words));
    EXPECT_GT(need, 0u);
    debug = oc_region_create(need + 4096, 0);
    tracker = oc_tracker_create(debug, addr(words));
    EXPECT_NE(tracker, 0u) << oc_status_name(oc_last_status());
    EXPECT_EQ(oc_tracker_attach(tracker, state, addr("state"), 5), 0);
  }
  ~AbiWorld() {
    if (state != 0) oc_region_destroy(state);
    if (debug != 0) oc_region_destroy(debug);  // destroys the tracker too
  }

  const oc::TrackerHeader& header() const {
    return *reinterpret_cast<const oc::TrackerHeader*>(oc_region_base(debug) + oc_tracker_header(tracker));
  }
  u32 tag(const char* name) { return oc_tracker_tag(tracker, addr(name), static_cast<u32>(std::strlen(name))); }
  u32 site(const char* label) {
    return oc_tracker_site(tracker, addr(label), static_cast<u32>(std::strlen(label)));
  }
  std::string site_text(u32 id) {
    char buf[128];
    const u32 n = oc_tracker_site_text(tracker, id, addr(buf), sizeof buf);
    return std::string(buf, n < sizeof buf ? n : sizeof buf);
  }
  std::string tag_name(u32 id) {
    char buf[64];
    const u32 n = oc_tracker_tag_name(tracker, id, addr(buf), sizeof buf);
    return std::string(buf, n < sizeof buf ? n : sizeof buf);
  }
  std::vector<Row> leaks(u32 mark) {
    std::vector<u32> words(16 * OC_TRACK_GROUP_WORDS);
    const u32 n = oc_tracker_leaks(tracker, mark, addr(words.data()), 16);
    EXPECT_EQ(oc_last_status(), 0) << oc_status_name(oc_last_status());
    std::vector<Row> rows;
    for (u32 i = 0; i < n && i < 16; ++i) {
      const u32* w = &words[i * OC_TRACK_GROUP_WORDS];
      rows.push_back(Row{w[0], w[1], w[2], w[3], w[4] | static_cast<u64>(w[5]) << 32});
    }
    return rows;
  }
  std::string report(u32 mark = 0) {
    const u32 len = oc_tracker_report_json(tracker, mark, 0, 0);
    std::string out(len, '\0');
    EXPECT_EQ(oc_tracker_report_json(tracker, mark, addr(out.data()), len), len);
    return out;
  }
};

TEST(AbiTracker, CreateAttachModesAndBadArguments) {
  EXPECT_EQ(oc_abi_version(), 6u);
  EXPECT_EQ(oc_tracker_compiled_mode(), OC_TRACK_FULL);
  AbiWorld w(OC_TRACK_COUNTERS);
  EXPECT_EQ(oc_tracker_mode(w.tracker), OC_TRACK_COUNTERS);
  EXPECT_EQ(w.header().magic, oc::kTrackerMagic);
  EXPECT_EQ(w.header().mode, OC_TRACK_COUNTERS);

  EXPECT_EQ(oc_tracker_set_mode(w.tracker, 3), st(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_tracker_mode(w.tracker), OC_TRACK_COUNTERS);
  ASSERT_EQ(oc_tracker_set_mode(w.tracker, OC_TRACK_FULL), 0);
  EXPECT_EQ(w.header().mode, OC_TRACK_FULL);

  EXPECT_EQ(oc_tracker_attach(w.tracker, w.state, 0, 0), st(oc::Status::InvalidArgument));  // twice
  EXPECT_EQ(oc_tracker_attach(w.tracker, w.debug, 0, 0), st(oc::Status::InvalidArgument));  // itself
  EXPECT_EQ(oc_tracker_attach(w.tracker, 999, 0, 0), st(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_tracker_attach(0, w.state, 0, 0), st(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_tracker_frame_end(77), st(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_tracker_tag(w.tracker, 0, 3), 0u);
  EXPECT_EQ(oc_last_status(), st(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_tracker_set_allocator_tag(w.tracker, 1023, 1), st(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_tracker_leaks(w.tracker, 1, 0, 4), 0u);
  EXPECT_EQ(oc_last_status(), st(oc::Status::InvalidArgument));
  u32 bad_mode[OC_TRACKER_OPTION_WORDS] = {0, 0, 0, 0, 0, 0, 0, 0, 7};
  EXPECT_EQ(oc_tracker_bytes_needed(addr(bad_mode)), 0u);
  EXPECT_EQ(oc_tracker_create(w.debug, addr(bad_mode)), 0u);
  EXPECT_EQ(oc_tracker_create(w.state, 0), 0u);  // defaults need more than the state region has left
  EXPECT_EQ(oc_last_status(), st(oc::Status::Exhausted));
}

TEST(AbiTracker, AtCallsCarryLabelsAndTagsIntoTheLeakRows) {
  AbiWorld w;
  const u32 actors = w.tag("actors");
  const u32 audio = w.tag("audio");
  const u32 spawn = w.site("spawn");
  const u32 load = w.site("level.load");
  const u32 scratch = w.site("scratch");
  ASSERT_NE(actors, 0u);
  ASSERT_NE(audio, 0u);
  ASSERT_NE(spawn, 0u);
  EXPECT_EQ(w.tag("actors"), actors);  // interned
  EXPECT_EQ(w.tag_name(audio), "audio");
  EXPECT_EQ(w.site_text(load), "level.load");
  ASSERT_EQ(oc_tracker_set_allocator_tag(w.tracker, w.pool, actors), 0);
  ASSERT_EQ(oc_tracker_set_allocator_name(w.tracker, w.pool, addr("bullets"), 7), 0);

  const u32 mark = oc_tracker_mark(w.tracker);
  ASSERT_NE(mark, 0u);
  uint32_t hs[3];
  for (uint32_t& h : hs) h = oc_pool_alloc_at(w.pool, spawn);
  ASSERT_EQ(oc_pool_free_at(w.pool, hs[1], spawn), 0);
  const u32 a = oc_slab_alloc_at(w.slab, 100, 16, audio, load);
  const u32 b = oc_slab_alloc_at(w.slab, 5000, 16, audio, load);  // the fallback
  ASSERT_NE(a, 0u);
  ASSERT_NE(b, 0u);
  const u32 slab_bytes = oc_slab_usable_size(w.slab, a) + oc_slab_usable_size(w.slab, b);
  ASSERT_NE(oc_arena_alloc_at(w.arena, 40, 16, 0, scratch), 0u);  // no tag: the arena's default
  // The explicit tag held for the one call only.
  EXPECT_EQ(w.header().context_tag, 0u);
  // A plain call takes the context's tag and site.
  ASSERT_EQ(oc_tracker_set_context(w.tracker, actors, load), 0);
  ASSERT_NE(oc_slab_alloc(w.slab, 16, 16), 0u);
  ASSERT_EQ(oc_tracker_set_context(w.tracker, 0, 0), 0);

  const std::vector<Row> rows = w.leaks(mark);
  ASSERT_EQ(rows.size(), 4u);
  // Largest bytes first.
  EXPECT_EQ(rows[0].tag, audio);
  EXPECT_EQ(rows[0].site, load);
  EXPECT_EQ(rows[0].count, 2u);
  EXPECT_EQ(rows[0].bytes, slab_bytes);
  EXPECT_EQ(rows[1].tag, actors);
  EXPECT_EQ(rows[1].site, spawn);
  EXPECT_EQ(rows[1].count, 2u);
  EXPECT_EQ(rows[1].bytes, 128u);
  EXPECT_EQ(rows[2].tag, oc::kTrackUntagged);
  EXPECT_EQ(rows[2].site, scratch);
  EXPECT_EQ(rows[2].count, 1u);
  EXPECT_EQ(rows[2].bytes, 40u + 0u);  // the arena's top was 16-aligned: no padding
  EXPECT_EQ(rows[3].tag, actors);
  EXPECT_EQ(rows[3].site, load);
  EXPECT_EQ(rows[3].count, 1u);

  // A short buffer gets the first rows; the count is all of them.
  u32 one[OC_TRACK_GROUP_WORDS];
  EXPECT_EQ(oc_tracker_leaks(w.tracker, mark, addr(one), 1), 4u);
  EXPECT_EQ(one[0], audio);

  const std::string json = w.report(mark);
  EXPECT_EQ(json.front(), '{');
  EXPECT_EQ(json.back(), '}');
  EXPECT_NE(json.find("\"format\":\"claw-stats\""), std::string::npos);
  EXPECT_NE(json.find("\"bullets\""), std::string::npos);
  EXPECT_NE(json.find("\"level.load\""), std::string::npos);
  char tiny[8];
  EXPECT_EQ(oc_tracker_report_json(w.tracker, mark, addr(tiny), sizeof tiny), json.size());
  EXPECT_EQ(std::memcmp(tiny, json.data(), sizeof tiny), 0);
}

TEST(AbiTracker, HeatMapShowsTagsMetadataAndFreeSpace) {
  AbiWorld w;
  const u32 actors = w.tag("actors");
  ASSERT_EQ(oc_tracker_set_allocator_tag(w.tracker, w.pool, actors), 0);
  std::vector<uint32_t> hs(128);
  ASSERT_EQ(oc_pool_alloc_many(w.pool, addr(hs.data()), 128), 0);
  const u32 size = oc_region_size(w.state);
  const u32 pixels = size / 64;  // 64 bytes a pixel: one pool slot each
  std::vector<u8> map(pixels, 0xAB);
  ASSERT_EQ(oc_tracker_heat_map(w.tracker, w.state, addr(map.data()), pixels), 0);
  EXPECT_EQ(map[0], 255u);  // the region header
  const u32 slot = oc_pool_offset(w.pool, hs[5]);
  EXPECT_EQ(map[slot / 64], actors);
  EXPECT_EQ(map[pixels - 1], 0u);  // past the carve top
  ASSERT_EQ(oc_pool_free(w.pool, hs[5]), 0);
  ASSERT_EQ(oc_tracker_heat_map(w.tracker, w.state, addr(map.data()), pixels), 0);
  EXPECT_EQ(map[slot / 64], 0u);
  EXPECT_EQ(oc_tracker_heat_map(w.tracker, w.debug, addr(map.data()), pixels), st(oc::Status::InvalidArgument));
  EXPECT_EQ(oc_tracker_heat_map(w.tracker, w.state, 0, pixels), st(oc::Status::InvalidArgument));
}

TEST(AbiTracker, MisuseThroughTheAbiNamesTheBadCallAndTheOriginalSites) {
  AbiWorld w;
  const u32 born = w.site("spawn");
  const u32 died = w.site("despawn");
  const u32 again = w.site("despawn.again");
  const uint32_t h = oc_pool_alloc_at(w.pool, born);
  ASSERT_EQ(oc_pool_free_at(w.pool, h, died), 0);
  EXPECT_EQ(oc_pool_free_at(w.pool, h, again), st(oc::Status::DoubleFree));
  const u32 off = oc_slab_alloc_at(w.slab, 64, 16, 0, born);
  EXPECT_EQ(oc_slab_free_at(w.slab, off + 16, 0, again), st(oc::Status::InvalidOffset));

  const oc::TrackerHeader& th = w.header();
  ASSERT_EQ(th.misuse_total, 2u);
  const auto* ring = reinterpret_cast<const oc::TrackMisuse*>(oc_region_base(w.debug) + th.misuse_offset);
  EXPECT_EQ(ring[0].status, static_cast<u32>(oc::Status::DoubleFree));
  EXPECT_EQ(ring[0].site, again);
  EXPECT_EQ(ring[0].alloc_site, born);
  EXPECT_EQ(ring[0].free_site, died);
  EXPECT_EQ(ring[0].handle, h);
  EXPECT_EQ(ring[1].status, static_cast<u32>(oc::Status::InvalidOffset));
  EXPECT_EQ(ring[1].site, again);
  EXPECT_EQ(ring[1].alloc_site, born);  // the live block the interior offset points into
  const std::string json = w.report();
  EXPECT_NE(json.find("\"DoubleFree\""), std::string::npos);
  EXPECT_NE(json.find("\"despawn.again\""), std::string::npos);
}

TEST(AbiTracker, MarksAndLeaksNeedFullModeAndAResyncExpiresOldMarks) {
  AbiWorld w(OC_TRACK_COUNTERS);
  EXPECT_EQ(oc_tracker_mark(w.tracker), 0u);
  EXPECT_EQ(oc_last_status(), st(oc::Status::NotTracking));
  EXPECT_EQ(oc_tracker_leaks(w.tracker, 1, 0, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(oc::Status::NotTracking));
  ASSERT_EQ(oc_tracker_set_mode(w.tracker, OC_TRACK_FULL), 0);

  ASSERT_NE(oc_pool_alloc(w.pool), 0u);
  std::vector<u8> snap(oc_snapshot_max_size(w.state));
  const u32 len = oc_snapshot_capture(w.state, addr(snap.data()), static_cast<u32>(snap.size()), 0);
  ASSERT_NE(len, 0u);
  const u32 mark = oc_tracker_mark(w.tracker);
  ASSERT_NE(oc_pool_alloc(w.pool), 0u);
  ASSERT_EQ(w.leaks(mark).size(), 1u);

  ASSERT_EQ(oc_snapshot_restore(w.state, addr(snap.data()), len, 0, 0), 0);  // resyncs by itself
  EXPECT_EQ(oc_tracker_leaks(w.tracker, mark, 0, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(oc::Status::UnknownMark));
  EXPECT_EQ(w.header().records_used, 1u);  // the snapshot's one live slot

  const u32 fresh = oc_tracker_mark(w.tracker);
  ASSERT_NE(oc_pool_alloc(w.pool), 0u);  // the pool id still works after the restore
  EXPECT_EQ(w.leaks(fresh).size(), 1u);
  ASSERT_EQ(oc_tracker_resync(w.tracker, w.state), 0);
  EXPECT_EQ(oc_tracker_leaks(w.tracker, fresh, 0, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(oc::Status::UnknownMark));
  EXPECT_EQ(oc_tracker_resync(w.tracker, w.debug), st(oc::Status::InvalidArgument));

  // Rewind resyncs too.
  const uint32_t ring = oc_rewind_create(w.state, 1u << 20);
  ASSERT_NE(ring, 0u);
  ASSERT_EQ(oc_rewind_push(ring), 0);
  const u32 before = oc_tracker_mark(w.tracker);
  ASSERT_NE(oc_pool_alloc(w.pool), 0u);
  ASSERT_EQ(oc_rewind_push(ring), 0);
  const u32 live = w.header().records_used;
  ASSERT_EQ(oc_rewind_rewind(ring, 1), 0);
  EXPECT_EQ(w.header().records_used, live - 1);
  EXPECT_EQ(oc_tracker_leaks(w.tracker, before, 0, 0), 0u);
  EXPECT_EQ(oc_last_status(), st(oc::Status::UnknownMark));
  EXPECT_EQ(oc_rewind_destroy(ring), 0);
}

TEST(AbiTracker, OlderThanGroupsOldLiveAllocations) {
  AbiWorld w;
  const u32 old_site = w.site("old");
  ASSERT_NE(oc_pool_alloc_at(w.pool, old_site), 0u);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(oc_tracker_frame_end(w.tracker), 0);
  ASSERT_NE(oc_pool_alloc_at(w.pool, w.site("new")), 0u);
  u32 row[OC_TRACK_GROUP_WORDS] = {};
  EXPECT_EQ(oc_tracker_older_than(w.tracker, 3, 0, addr(row), 1), 1u);
  EXPECT_EQ(row[1], old_site);
  EXPECT_EQ(row[2], 1u);
  EXPECT_EQ(oc_tracker_older_than(w.tracker, 0, 0, addr(row), 1), 2u);
}

TEST(AbiTracker, DestroyingRegionsDetachesOrDestroysTrackers) {
  AbiWorld w;
  ASSERT_NE(oc_pool_alloc(w.pool), 0u);
  // The attached region goes first: the tracker lets go of it and keeps working.
  ASSERT_EQ(oc_region_destroy(w.state), 0);
  w.state = 0;
  EXPECT_EQ(oc_tracker_frame_end(w.tracker), 0);
  EXPECT_GT(w.report().size(), 0u);
  // A new region may be attached in its place.
  const uint32_t other = oc_region_create(1u << 16, 0);
  EXPECT_EQ(oc_tracker_attach(w.tracker, other, addr("other"), 5), 0);
  // The debug region goes: so does the tracker, and it is detached from `other`.
  ASSERT_EQ(oc_region_destroy(w.debug), 0);
  w.debug = 0;
  EXPECT_EQ(oc_tracker_mode(w.tracker), 0u);
  EXPECT_EQ(oc_last_status(), st(oc::Status::InvalidArgument));
  const uint32_t p = oc_pool_create(other, 16, 16, 4);  // allocating there reaches no tracker
  EXPECT_NE(oc_pool_alloc(p), 0u);
  EXPECT_EQ(oc_region_destroy(other), 0);
}

TEST(AbiTracker, DestroyAndRecreate) {
  AbiWorld w;
  ASSERT_EQ(oc_tracker_destroy(w.tracker), 0);
  EXPECT_EQ(oc_tracker_destroy(w.tracker), st(oc::Status::InvalidArgument));
  EXPECT_NE(oc_pool_alloc(w.pool), 0u);  // detached: nothing reaches the destroyed tracker
  const u32 t = oc_tracker_create(w.debug, 0);
  EXPECT_EQ(t, 0u);  // the first tracker's tables are still carved: the defaults no longer fit
  u32 small[OC_TRACKER_OPTION_WORDS] = {64, 16, 8, 16, 8, 8, 1024, 4096, OC_TRACK_FULL};
  // A region the destroyed tracker was attached to can be attached to another one.
  const uint32_t d2 = oc_region_create(oc_tracker_bytes_needed(addr(small)) + 4096, 0);
  const u32 t2 = oc_tracker_create(d2, addr(small));
  ASSERT_NE(t2, 0u);
  EXPECT_EQ(oc_tracker_attach(t2, w.state, 0, 0), 0);
  EXPECT_NE(oc_pool_alloc(w.pool), 0u);
  // The slot allocated while untracked was registered at attach, the new one recorded.
  EXPECT_EQ(reinterpret_cast<const oc::TrackerHeader*>(oc_region_base(d2) + oc_tracker_header(t2))->records_used, 2u);
  EXPECT_EQ(oc_region_destroy(d2), 0);
}

}  // namespace
