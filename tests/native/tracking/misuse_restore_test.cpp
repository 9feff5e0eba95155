// After a resync (a restore) or a detach, the freed records of that region no longer name anything:
// a misuse after the restore must not be reported with the sites of an allocation and a free that the
// restored bytes never saw.
#include <vector>

#include "snapshot/snapshot.h"
#include "tracking_support.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

const TrackMisuse& newest(const World& w) {
  const TrackerHeader& h = w.h();
  return w.misuse_slot((h.misuse_head + h.misuse_capacity - 1) % h.misuse_capacity);
}

TEST(MisuseAfterRestore, NamesNoPreRestoreSites) {
  World w;
  w.init(small_options(TrackMode::Full));
  ASSERT_EQ(w.pool.free(w.pool.alloc()), Status::Ok);  // the slot is in use once: a later free of it is checked
  std::vector<u8> snap(snapshot_max_size(w.state));
  const Result<u32> n = capture(w.state, snap.data(), static_cast<u32>(snap.size()));
  ASSERT_TRUE(n.ok());

  // Made and freed after the snapshot: the restore undoes both.
  const Handle h = w.pool.alloc();
  ASSERT_EQ(w.pool.free(h), Status::Ok);
  const Offset s = w.slab.alloc(64);
  ASSERT_EQ(w.slab.free(s, 64), Status::Ok);
  // Before the restore the freed records name both sites (the check that the test can fail).
  ASSERT_EQ(w.pool.free(h), Status::DoubleFree);
  EXPECT_NE(newest(w).alloc_site, 0u);
  EXPECT_NE(newest(w).free_site, 0u);

  ASSERT_EQ(restore(w.state, snap.data(), n.value), Status::Ok);
  const u64 before = w.h().misuse_total;
  const Status st = w.pool.free(h);
  EXPECT_NE(st, Status::Ok);
  ASSERT_EQ(w.h().misuse_total, before + 1) << status_name(st);
  EXPECT_EQ(newest(w).alloc_site, 0u);
  EXPECT_EQ(newest(w).free_site, 0u);
  const Status ss = w.slab.free(s, 64);
  EXPECT_NE(ss, Status::Ok);
  ASSERT_EQ(w.h().misuse_total, before + 2) << status_name(ss);
  EXPECT_EQ(newest(w).alloc_site, 0u);
  EXPECT_EQ(newest(w).free_site, 0u);
}

TEST(MisuseAfterRestore, ADetachForgetsTheFreedRecordsToo) {
  World w;
  w.init(small_options(TrackMode::Full));
  const Handle h = w.pool.alloc();
  ASSERT_EQ(w.pool.free(h), Status::Ok);
  w.tracker->detach(w.state);
  ASSERT_EQ(w.tracker->attach(w.state), Status::Ok);
  EXPECT_EQ(w.pool.free(h), Status::DoubleFree);
  EXPECT_EQ(newest(w).alloc_site, 0u);
  EXPECT_EQ(newest(w).free_site, 0u);
}

}  // namespace
}  // namespace oc
