// FixedPool against an oracle: 200,000 random operations per configuration (allocs, frees, batches,
// misuse) checked against a model of live slots and generation counters, and determinism of the bytes.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "memory/detail/region_bytes_scope.h"
#include "memory/fixed_pool.h"

namespace oc {
namespace {

bool all_equal(const u8* p, u32 n, u8 v) {
  for (u32 i = 0; i < n; ++i) {
    if (p[i] != v) return false;
  }
  return true;
}

// ---- the model --------------------------------------------------------------------

struct PoolConfig {
  u32 slot_size, align, capacity;
};

class PoolModel {
 public:
  PoolModel(Region& r, FixedPool& p, const PoolConfig& c) : r_(r), p_(p), counters_(c.capacity, 0) {}

  // The status the documented rules give for h; also checks the pool's counters against the model.
  Status expected_status(Handle h) const {
    if (h == kNullHandle) return Status::InvalidArgument;
    if ((h >> 24) != p_.id()) return Status::ForeignHandle;
    const u32 idx = p_.index_of(h);
    if (idx >= counters_.size() || idx >= p_.header().bump) return Status::InvalidArgument;
    const u32 ib = p_.header().index_bits;
    const u32 gmask = 0x00FFFFFFu & ~((1u << ib) - 1);
    const u32 c = counters_[idx];
    if ((c & 1u) != 0) return ((c << ib) & gmask) == (h & gmask) ? Status::Ok : Status::StaleHandle;
    return (((c - 1) << ib) & gmask) == (h & gmask) ? Status::DoubleFree : Status::StaleHandle;
  }

  void on_alloc(Handle h) {
    Offset off = 0;
    ASSERT_EQ(p_.resolve(h, &off), Status::Ok);
    const u32 size = p_.header().slot_size;
    ASSERT_EQ(off % p_.header().slot_align, 0u);
    ASSERT_GE(off, p_.header().slots_offset);
    ASSERT_LE(off + size, p_.header().slots_offset + size * p_.header().capacity);
    ASSERT_TRUE(all_equal(r_.at<u8>(off), size, 0)) << "allocation not zeroed";
    // No overlap: the slot holds nobody else's bytes, and its neighbours keep theirs (checked on free).
    auto next = live_.lower_bound(off);
    if (next != live_.end()) {
      ASSERT_GE(next->first, off + size);
    }
    if (next != live_.begin()) {
      auto prev = std::prev(next);
      ASSERT_LE(prev->first + size, off);
    }
    const u32 idx = p_.index_of(h);
    ++counters_[idx];
    ASSERT_EQ(counters_[idx] & 1u, 1u);
    live_[off] = h;
    handles_[h] = off;
    std::memset(r_.at<u8>(off), fill_of(h), size);
    ++allocs_;
    if (handles_.size() > peak_) peak_ = static_cast<u32>(handles_.size());
  }

  // Before freeing: the slot still holds exactly what its owner wrote (nobody overlapped it).
  void expect_intact(Handle h) const {
    ASSERT_TRUE(all_equal(r_.at<u8>(handles_.at(h)), p_.header().slot_size, fill_of(h))) << "slot overwritten";
  }

  void on_free(Handle h) {
    const Offset off = handles_.at(h);
    ++counters_[p_.index_of(h)];
    live_.erase(off);
    handles_.erase(h);
    dead_.push_back(h);
    ++frees_;
  }

  void expect_stats(u64 failures) const {
    const PoolStats s = p_.stats();
    ASSERT_EQ(s.live, handles_.size());
    ASSERT_EQ(s.peak, peak_);
    ASSERT_EQ(s.total_allocs, allocs_);
    ASSERT_EQ(s.total_frees, frees_);
    ASSERT_EQ(s.failures, failures);
    const u32* gens = r_.at<u32>(p_.header().gens_offset);
    for (u32 i = 0; i < counters_.size(); ++i) ASSERT_EQ(gens[i], counters_[i]) << i;
    u32 walked = 0;
    p_.walk([&](Handle h, Offset off) {
      EXPECT_EQ(handles_.count(h), 1u);
      EXPECT_EQ(handles_.count(h) ? handles_.at(h) : 0u, off);
      ++walked;
    });
    ASSERT_EQ(walked, handles_.size());
  }

  static u8 fill_of(Handle h) { return static_cast<u8>(0x10 + (h * 2654435761u >> 27)); }

  std::map<Handle, Offset> handles_;
  std::vector<Handle> dead_;

 private:
  Region& r_;
  FixedPool& p_;
  std::map<Offset, Handle> live_;
  std::vector<u32> counters_;
  u64 allocs_ = 0, frees_ = 0;
  u32 peak_ = 0;
};

// The bytes every allocator of the region lives in: enough to prove that a refused call wrote nothing,
// and far cheaper than hashing the whole region after each of thousands of misuses.
u64 carved_hash(const Region& r) {
  const detail::RegionBytesScope scope(r);  // free slots are poisoned under ASan
  return fnv1a64(r.base(), r.used());
}

class FixedPoolRandom : public ::testing::TestWithParam<PoolConfig> {};

TEST_P(FixedPoolRandom, TwoHundredThousandOpsAgainstAnOracle) {
  const PoolConfig c = GetParam();
  Region r;
  ASSERT_EQ(r.init(1u << 20), Status::Ok);
  FixedPool other = FixedPool::create(r, 8, 8, 4).value;  // a source of foreign handles
  const Handle foreign = other.alloc();
  FixedPool p = FixedPool::create(r, c.slot_size, c.align, c.capacity).value;
  PoolModel m(r, p, c);
  std::mt19937 rng(0xC1A3u + c.capacity);  // fixed seed: failures reproduce
  auto pick = [&](u32 n) { return static_cast<u32>(rng() % n); };
  u64 failures = 0;
  std::vector<Handle> batch;
  u32 misuse_seen[16] = {};

  for (u32 op = 1; op <= 200000; ++op) {
    const u32 dice = pick(100);
    // Drift between filling and draining so that exhaustion and an empty pool both happen.
    const bool fill = ((op / 20000) % 2) == 0;
    if (dice < (fill ? 55u : 35u)) {
      Status s = Status::CorruptState;
      const Handle h = p.alloc(&s);
      if (m.handles_.size() == c.capacity) {
        ASSERT_EQ(h, kNullHandle);
        ASSERT_EQ(s, Status::Exhausted);
        ++failures;
      } else {
        ASSERT_EQ(s, Status::Ok);
        m.on_alloc(h);
      }
    } else if (dice < 92) {
      if (m.handles_.empty()) continue;
      auto it = m.handles_.begin();
      std::advance(it, pick(static_cast<u32>(std::min<size_t>(m.handles_.size(), 64))));
      const Handle h = it->first;
      m.expect_intact(h);
      ASSERT_EQ(p.free(h), Status::Ok);
      m.on_free(h);
    } else if (dice < 95) {
      // Batches: sometimes spoiled by a dead, duplicate or foreign handle, which must change nothing.
      const u32 n = 1 + pick(8);
      if (pick(2) == 0) {
        batch.assign(n, kNullHandle);
        const bool fits = c.capacity - m.handles_.size() >= n;
        const u64 hash = carved_hash(r);
        const Status s = p.alloc_many(batch.data(), n);
        if (fits) {
          ASSERT_EQ(s, Status::Ok);
          for (Handle h : batch) m.on_alloc(h);
        } else {
          ASSERT_EQ(s, Status::Exhausted);
          ++failures;
          ASSERT_NE(carved_hash(r), hash);  // only the failure counter moved
        }
      } else {
        batch.clear();
        for (auto& kv : m.handles_) {
          if (batch.size() == n) break;
          batch.push_back(kv.first);
        }
        const u32 spoil = pick(4);
        Status want = Status::Ok;
        if (spoil == 1 && !batch.empty()) {
          batch.push_back(batch[0]);
          want = Status::DoubleFree;
        } else if (spoil == 2) {
          batch.insert(batch.begin(), foreign);
          want = Status::ForeignHandle;
        } else if (spoil == 3 && !m.dead_.empty()) {
          const Handle d = m.dead_[pick(static_cast<u32>(m.dead_.size()))];
          want = m.expected_status(d);
          if (want == Status::Ok) continue;  // aliased by wrap-around: not a misuse any more
          batch.push_back(d);
        }
        if (want == Status::Ok) {
          for (Handle h : batch) m.expect_intact(h);
        }
        const u64 hash = carved_hash(r);
        const Status s = p.free_many(batch.data(), static_cast<u32>(batch.size()));
        ASSERT_EQ(s, want);
        if (want == Status::Ok) {
          for (Handle h : batch) m.on_free(h);
        } else {
          ASSERT_EQ(carved_hash(r), hash);
        }
      }
    } else {
      // Misuse with a dead handle or a forged one: the status the documented rules give.
      Handle h = foreign;
      const u32 kind = pick(3);
      if (kind == 0 && !m.dead_.empty()) h = m.dead_[pick(static_cast<u32>(m.dead_.size()))];
      if (kind == 1) h = (p.id() << 24) | rng() % (1u << 24);
      const Status want = m.expected_status(h);
      if (want == Status::Ok) {
        ASSERT_EQ(p.validate(h), Status::Ok);
        continue;  // a live handle after all (a forged one can be); freeing it is not misuse
      }
      ++misuse_seen[static_cast<int>(want)];
      const u64 hash = carved_hash(r);
      ASSERT_EQ(p.free(h), want) << std::hex << h;
      ASSERT_EQ(carved_hash(r), hash);
    }
    if (m.dead_.size() > 4096) m.dead_.erase(m.dead_.begin(), m.dead_.begin() + 2048);
    if (op % 1000 == 0) {
      ASSERT_EQ(p.check(), Status::Ok) << "op " << op;
      ASSERT_EQ(r.check(), Status::Ok);
      m.expect_stats(failures);
      if (HasFatalFailure()) return;
    }
  }
  EXPECT_GT(failures, 0u) << "the run never reached exhaustion";
  for (Status s : {Status::StaleHandle, Status::DoubleFree, Status::ForeignHandle, Status::InvalidArgument}) {
    EXPECT_GT(misuse_seen[static_cast<int>(s)], 0u) << "never exercised " << status_name(s);
  }
  EXPECT_EQ(other.check(), Status::Ok);
}

INSTANTIATE_TEST_SUITE_P(Configs, FixedPoolRandom,
                         ::testing::Values(PoolConfig{24, 8, 600}, PoolConfig{64, 64, 300}, PoolConfig{4, 4, 2000},
                                           PoolConfig{100, 4, 150}, PoolConfig{40, 8, 400}),
                         [](const ::testing::TestParamInfo<PoolConfig>& param_info) {
                           const PoolConfig& c = param_info.param;
                           return "slot" + std::to_string(c.slot_size) + "_align" + std::to_string(c.align) +
                                  "_cap" + std::to_string(c.capacity);
                         });

// ---- determinism --------------------------------------------------------------------------------

u64 run_sequence(u32 seed) {
  Region r;
  if (r.init(1 << 18) != Status::Ok) return 0;
  FixedPool a = FixedPool::create(r, 32, 16, 500).value;
  FixedPool b = FixedPool::create(r, 12, 4, 300).value;
  std::vector<Handle> la, lb;
  std::mt19937 rng(seed);
  for (int i = 0; i < 20000; ++i) {
    FixedPool& p = (rng() & 1) ? a : b;
    std::vector<Handle>& l = (&p == &a) ? la : lb;
    if (rng() % 3 != 0 || l.empty()) {
      const Handle h = p.alloc();
      if (h != kNullHandle) {
        Offset off = 0;
        p.resolve(h, &off);
        r.at<u8>(off)[0] = static_cast<u8>(i);
        l.push_back(h);
      }
    } else {
      const size_t k = rng() % l.size();
      p.free(l[k]);
      l[k] = l.back();
      l.pop_back();
    }
  }
  return carved_hash(r);
}

TEST(FixedPool, SameSequenceGivesByteIdenticalRegions) {
  const u64 first = run_sequence(7);
  EXPECT_NE(first, 0u);
  EXPECT_EQ(run_sequence(7), first);
  EXPECT_NE(run_sequence(8), first);
}

}  // namespace
}  // namespace oc
