// Creating a tracker (tables carved from the debug region in one piece, sizes, argument checks),
// attaching regions (slots, sinks per mode, registration of existing allocators and live blocks),
// tags and names, and the layout id left unchanged by the tracker's types.
#include "memory/layout.h"
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

TEST(TrackerCreate, BytesNeededIsEnoughAndExact) {
  for (u32 records : {1u, 16u, 1000u, 65536u}) {
    TrackerOptions o = small_options(TrackMode::Full, records);
    const u32 need = Tracker::bytes_needed(o);
    ASSERT_GT(need, 0u);
    Region debug;
    // Just enough: the region header plus bytes_needed (Region rounds up to pages).
    ASSERT_EQ(debug.init(need + sizeof(RegionHeader)), Status::Ok);
    const u32 spare = debug.size() - sizeof(RegionHeader) - need;
    auto t = Tracker::create(debug, o);
    ASSERT_TRUE(t.ok()) << records;
    EXPECT_EQ(debug.used(), sizeof(RegionHeader) + need);
    const TrackerHeader& h = t.value->header();
    EXPECT_EQ(h.magic, kTrackerMagic);
    EXPECT_EQ(h.version, kTrackerVersion);
    EXPECT_EQ(h.header_size, sizeof(TrackerHeader));
    EXPECT_EQ(h.record_capacity, records);
    EXPECT_GE(h.index_capacity, 2 * records);
    EXPECT_TRUE(is_pow2(h.index_capacity));
    EXPECT_EQ(h.tag_count, 1u);
    EXPECT_EQ(t.value->header_offset(), debug.offset_of(&h));
    char name[16];
    EXPECT_EQ(t.value->tag_name(kTrackUntagged, name, sizeof(name)), 8u);
    EXPECT_EQ(std::string(name, 8), "untagged");
    delete t.value;
    // One byte short of the tables fails and leaves the region as it was.
    Region small;
    ASSERT_EQ(small.init(need + sizeof(RegionHeader)), Status::Ok);
    if (spare == 0) continue;
    ASSERT_TRUE(small.carve(spare + 1, 1).ok());
    const u32 used = small.used();
    auto fail = Tracker::create(small, o);
    EXPECT_EQ(fail.status, Status::Exhausted);
    EXPECT_EQ(small.used(), used);
  }
}

TEST(TrackerCreate, RefusesBadOptions) {
  Region debug;
  ASSERT_EQ(debug.init(1u << 20), Status::Ok);
  const TrackerOptions good = small_options(TrackMode::Full);
  auto bad = [&](void (*edit)(TrackerOptions&)) {
    TrackerOptions o = good;
    edit(o);
    EXPECT_EQ(Tracker::bytes_needed(o), 0u);
    EXPECT_EQ(Tracker::create(debug, o).status, Status::InvalidArgument);
  };
  bad([](TrackerOptions& o) { o.records = 0; });
  bad([](TrackerOptions& o) { o.records = 1u << 30; });
  bad([](TrackerOptions& o) { o.tags = 0; });
  bad([](TrackerOptions& o) { o.tags = kTrackMaxTags + 1; });
  bad([](TrackerOptions& o) { o.frames = 0; });
  bad([](TrackerOptions& o) { o.sites = 0; });
  bad([](TrackerOptions& o) { o.misuse = 0; });
  bad([](TrackerOptions& o) { o.graveyard = 0; });
  bad([](TrackerOptions& o) { o.string_bytes = 0; });
  bad([](TrackerOptions& o) { o.mode = static_cast<TrackMode>(3); });
  EXPECT_EQ(debug.used(), sizeof(RegionHeader));
  TrackerOptions huge = good;
  huge.records = 1u << 24;
  EXPECT_EQ(Tracker::create(debug, huge).status, Status::Exhausted);
  EXPECT_EQ(debug.used(), sizeof(RegionHeader));
}

TEST(TrackerCreate, AttachSetsSinksPerModeAndRegistersLiveBlocks) {
  Region state, debug, other;
  ASSERT_EQ(state.init(1u << 20), Status::Ok);
  ASSERT_EQ(debug.init(1u << 20), Status::Ok);
  auto pool = FixedPool::create(state, 32, 16, 64);
  auto slab = SlabAllocator::create(state, 256u << 10);
  ASSERT_TRUE(pool.ok() && slab.ok());
  const Handle live = pool.value.alloc();
  const Offset block = slab.value.alloc(700);
  ASSERT_NE(live, kNullHandle);
  auto t = Tracker::create(debug, small_options(TrackMode::Full));
  ASSERT_TRUE(t.ok());
  Tracker& tr = *t.value;
  EXPECT_EQ(tr.attach(state, "state", 5), Status::Ok);
  EXPECT_EQ(state.counter_sink(), &tr);
  EXPECT_EQ(state.record_sink(), &tr);
  EXPECT_EQ(tr.attach(state, "again", 5), Status::InvalidArgument);
  EXPECT_EQ(tr.attach(debug, "debug", 5), Status::InvalidArgument);
  // The blocks already live are recorded (site unknown) but are no leak of any mark.
  EXPECT_EQ(tr.header().records_used, 2u);
  const u32 mark = tr.mark();
  u32 count = 9;
  EXPECT_EQ(tr.leaks_since(mark, nullptr, 0, &count), Status::Ok);
  EXPECT_EQ(count, 0u);
  tr.publish();
  const TrackTag& untagged = reinterpret_cast<const TrackTag*>(debug.base() + tr.header().tags_offset)[0];
  EXPECT_EQ(untagged.live_count, 2u);
  EXPECT_EQ(untagged.live_bytes, 32u + slab.value.usable_size(block).value);
  EXPECT_EQ(untagged.allocs, 2u);

  tr.set_mode(TrackMode::Counters);
  EXPECT_EQ(state.counter_sink(), &tr);
  EXPECT_EQ(state.record_sink(), nullptr);
  EXPECT_EQ(tr.header().records_used, 0u);
  tr.set_mode(TrackMode::Off);
  EXPECT_EQ(state.counter_sink(), nullptr);
  EXPECT_EQ(tr.mode(), TrackMode::Off);
  EXPECT_EQ(tr.header().mode, static_cast<u32>(TrackMode::Off));

  // A second tracker cannot take a region the first feeds (in a mode that sets sinks).
  tr.set_mode(TrackMode::Full);
  Region debug2;
  ASSERT_EQ(debug2.init(1u << 20), Status::Ok);
  auto t2 = Tracker::create(debug2, small_options(TrackMode::Full));
  ASSERT_TRUE(t2.ok());
  EXPECT_EQ(t2.value->attach(state, "s", 1), Status::InvalidArgument);
  delete t2.value;

  // Four slots at most.
  Region r[4];
  for (Region& x : r) ASSERT_EQ(x.init(4096 * 4), Status::Ok);
  EXPECT_EQ(tr.attach(r[0]), Status::Ok);
  EXPECT_EQ(tr.attach(r[1]), Status::Ok);
  EXPECT_EQ(tr.attach(r[2]), Status::Ok);
  EXPECT_EQ(tr.attach(r[3]), Status::Exhausted);
  tr.detach(r[1]);
  EXPECT_EQ(r[1].counter_sink(), nullptr);
  EXPECT_EQ(tr.attach(r[3]), Status::Ok);
  delete t.value;  // detaches every region
  EXPECT_EQ(state.counter_sink(), nullptr);
  EXPECT_EQ(r[3].counter_sink(), nullptr);
}

TEST(TrackerCreate, TagsAndNames) {
  World w;
  w.init(small_options(TrackMode::Counters));
  Tracker& t = *w.tracker;
  const u32 a = t.tag("actors", 6);
  EXPECT_EQ(a, 2u);
  EXPECT_EQ(t.tag("actors", 6), a);  // interned
  EXPECT_EQ(t.tag("", 0), 0u);
  EXPECT_EQ(t.set_allocator_tag(w.state, w.pool.id(), 99), Status::InvalidArgument);
  EXPECT_EQ(t.set_allocator_tag(w.state, 200, a), Status::InvalidArgument);
  EXPECT_EQ(t.set_allocator_tag(w.debug, w.pool.id(), a), Status::InvalidArgument);
  EXPECT_EQ(t.set_allocator_name(w.state, w.pool.id(), "enemies", 7), Status::Ok);
  EXPECT_NE(w.report().find("\"name\":\"enemies\""), std::string::npos);
  // Tags up to the capacity, then 0.
  for (u32 i = w.h().tag_count; i < w.h().tag_capacity; ++i) {
    const std::string name = "t" + std::to_string(i);
    EXPECT_EQ(t.tag(name.c_str(), static_cast<u32>(name.size())), i + 1);
  }
  EXPECT_EQ(t.tag("one-more", 8), 0u);
  EXPECT_EQ(t.site_label("spawn", 5), 1u);
  EXPECT_EQ(t.site_label("spawn", 5), 1u);
  EXPECT_EQ(w.site(1), "spawn");
}

TEST(TrackerCreate, AllocatorsCreatedAfterAttachAreRegistered) {
  World w;
  w.init(small_options(TrackMode::Counters));
  auto late = SlabAllocator::create(w.state, 64u << 10);
  ASSERT_TRUE(late.ok());
  const u32 tag = w.new_tag("late");
  EXPECT_EQ(w.tracker->set_allocator_tag(w.state, late.value.id(), tag), Status::Ok);
  const Offset off = late.value.alloc(40);
  w.tracker->publish();
  EXPECT_EQ(w.tag(tag).live_count, 1u);
  EXPECT_EQ(w.tag(tag).live_bytes, late.value.usable_size(off).value);
  ASSERT_EQ(late.value.free(off), Status::Ok);
  w.tracker->publish();
  EXPECT_EQ(w.tag(tag).live_count, 0u);
}

// The tracker's types live in the debug region, never in a snapshot: adding them must not change the
// snapshot compatibility id. This is the id of the committed build before issue 4.
TEST(TrackerLayout, SnapshotLayoutIdIsUnchanged) {
  EXPECT_EQ(layout_id(), 0x46bc46543270d9d8ull);
  u32 len = 0;
  const char* table = layout_table(&len);
  const std::string text(table, len);
  EXPECT_NE(text.find("TrackerHeader.current "), std::string::npos);
  EXPECT_NE(text.find("TrackTag sizeof 48\n"), std::string::npos);
}

}  // namespace
}  // namespace oc
