// The short form of the format fuzzing (the long one is libFuzzer, `npm run fuzz`): for each of the REZ,
// PID, ANI and WWD targets of native-legacy/fuzz/format_targets.h, kCases inputs mutated from the
// fixture generator's files, through the same target functions the libFuzzer programs call, so the
// same invariants abort here. Mutations: bit flips, byte sets, truncations, extensions, inserted and
// deleted bytes, u32/u16 edge values at field positions, splices of two seeds, random blocks.
// Every case is reproducible from its index: OC_FORMATS_FUZZ_ONLY=<index> (with the same
// OC_FORMATS_FUZZ_SEED) replays one; OC_FORMATS_FUZZ_CASES runs a longer campaign by hand.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "fuzz/format_targets.h"
#include "support/format_fixtures.h"
#include "support/splitmix.h"

#if defined(__SANITIZE_ADDRESS__) && __has_include(<sanitizer/common_interface_defs.h>)
#include <sanitizer/common_interface_defs.h>
#define OC_HAVE_DEATH_CALLBACK 1
#endif

namespace oc {
namespace {

using test::FixtureKind;
using test::FormatFixture;
using test::SplitMix64;

constexpr u64 kCases = 100000;

u64 env_or(const char* name, u64 fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtoull(v, nullptr, 0) : fallback;
}

// Which case was running when a target aborted or a sanitizer stopped the process.
const char* g_target = "";
u64 g_case = 0;
void say_case() {
  std::fprintf(stderr, "formats_fuzz: died in target %s, case %llu (OC_FORMATS_FUZZ_ONLY=%llu replays it)\n",
               g_target, static_cast<unsigned long long>(g_case), static_cast<unsigned long long>(g_case));
}
void on_abort(int) { say_case(); }

void put_u32(std::vector<u8>& s, size_t at, u32 v) {
  if (at + 4 <= s.size()) std::memcpy(s.data() + at, &v, 4);
}
void put_u16(std::vector<u8>& s, size_t at, u16 v) {
  if (at + 2 <= s.size()) std::memcpy(s.data() + at, &v, 2);
}
u32 get_u32(const std::vector<u8>& s, size_t at) {
  u32 v = 0;
  if (at + 4 <= s.size()) std::memcpy(&v, s.data() + at, 4);
  return v;
}

// Positions where a format keeps a field, read from the seed before mutation: the header fields,
// and for ANI the frames (their u16 fields), for REZ the directory blocks (entries are unaligned).
std::vector<u32> anchors(FixtureKind kind, const std::vector<u8>& s) {
  std::vector<u32> a;
  switch (kind) {
    case FixtureKind::Rez: {
      a = {127, 131, 135};
      const u32 dir = get_u32(s, 131);
      for (u32 at = dir; at < s.size() && a.size() < 64; at += 4) a.push_back(at);
      break;
    }
    case FixtureKind::Ani: {
      a = {0, 12, 16};
      const u64 frames = 32ull + get_u32(s, 16);
      for (u64 at = frames; at + 20 <= s.size() && a.size() < 64; at += 20) {
        a.push_back(static_cast<u32>(at));
        a.push_back(static_cast<u32>(at + 8));
        a.push_back(static_cast<u32>(at + 10));
      }
      break;
    }
    default:
      for (u32 at = 0; at < 32; at += 4) a.push_back(at);
      break;
  }
  return a;
}

u32 edge_value(SplitMix64& rng, u32 len) {
  const u32 choices[] = {0, 1, 2, 0x20, 0x7F, 0x80, 0xFF, 139, 160, 284, 1524, 0xFFFF, 0x10000, 16384, 16385,
                         0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu, 0xFFFFFFFEu, len, len + 1, len - 1, len / 2};
  switch (rng.below(3)) {
    case 0: return choices[rng.below(sizeof choices / sizeof choices[0])];
    case 1: return rng.below(len + 64);
    default: return static_cast<u32>(rng.next());
  }
}

std::vector<u8> mutate(SplitMix64& rng, const std::vector<FormatFixture>& seeds, FixtureKind kind) {
  const FormatFixture& seed = seeds[rng.below(static_cast<u32>(seeds.size()))];
  std::vector<u8> s = seed.bytes;
  const std::vector<u32> fields = anchors(kind, s);
  const u32 steps = 1 + rng.below(4);
  for (u32 k = 0; k < steps; ++k) {
    const u32 len = static_cast<u32>(s.size());
    const u32 at = len == 0 ? 0 : rng.below(len);
    switch (rng.below(10)) {
      case 0:
        if (len > 0) s[at] ^= static_cast<u8>(1u << rng.below(8));
        break;
      case 1:
        if (len > 0) s[at] = static_cast<u8>(rng.next());
        break;
      case 2:
        s.resize(len == 0 ? 0 : rng.below(len + 1));
        break;
      case 3: {
        const u32 n = 1 + rng.below(64);
        for (u32 i = 0; i < n; ++i) s.push_back(rng.chance(50) ? 0 : static_cast<u8>(rng.next()));
        break;
      }
      case 4:
      case 5: {  // a u32 edge value at a field, a 4-aligned or any position
        const u32 choice = rng.below(3);
        const u32 pos = choice == 0 && !fields.empty() ? fields[rng.below(static_cast<u32>(fields.size()))]
                        : choice == 1                  ? at & ~3u
                                                       : at;
        put_u32(s, pos, edge_value(rng, len));
        break;
      }
      case 6:
        if (!fields.empty()) {
          put_u16(s, fields[rng.below(static_cast<u32>(fields.size()))], static_cast<u16>(edge_value(rng, len)));
        }
        break;
      case 7: {  // splice: a prefix of this input, the tail of another seed
        const std::vector<u8>& other = seeds[rng.below(static_cast<u32>(seeds.size()))].bytes;
        const u32 from = other.empty() ? 0 : rng.below(static_cast<u32>(other.size()));
        s.resize(at);
        s.insert(s.end(), other.begin() + from, other.end());
        break;
      }
      case 8:  // insert or delete a byte: shifts every later field (names, strings)
        if (rng.chance(50)) {
          s.insert(s.begin() + at, static_cast<u8>(rng.next()));
        } else if (len > 0) {
          s.erase(s.begin() + at);
        }
        break;
      default: {
        const u32 n = 1 + rng.below(16);
        for (u32 i = 0; i < n && at + i < s.size(); ++i) s[at + i] = static_cast<u8>(rng.next());
        break;
      }
    }
  }
  return s;
}

struct Target {
  const char* name;
  FixtureKind kind;
  Status (*run)(const u8*, size_t);
};

const Target kTargets[] = {{"rez", FixtureKind::Rez, fuzz::fuzz_rez},
                           {"pid", FixtureKind::Pid, fuzz::fuzz_pid},
                           {"ani", FixtureKind::Ani, fuzz::fuzz_ani},
                           {"wwd", FixtureKind::Wwd, fuzz::fuzz_wwd}};

class FormatsFuzz : public ::testing::TestWithParam<Target> {};

TEST_P(FormatsFuzz, MutatedFixturesAreAcceptedOrRejectedWithAFormatStatus) {
  const Target& t = GetParam();
  const std::vector<FormatFixture> seeds = test::format_fixtures(t.kind);
  ASSERT_FALSE(seeds.empty());
  const u64 cases = env_or("OC_FORMATS_FUZZ_CASES", kCases);
  const u64 seed = env_or("OC_FORMATS_FUZZ_SEED", 0xF0F0A7E5ull);
  const char* only = std::getenv("OC_FORMATS_FUZZ_ONLY");
  const u64 first = only != nullptr ? std::strtoull(only, nullptr, 0) : 0;
  const u64 last = only != nullptr ? first + 1 : cases;
  g_target = t.name;
  std::signal(SIGABRT, on_abort);
#ifdef OC_HAVE_DEATH_CALLBACK
  __sanitizer_set_death_callback(say_case);
#endif
  std::map<Status, u64> outcomes;
  const auto start = std::chrono::steady_clock::now();
  for (u64 i = first; i < last; ++i) {
    g_case = i;
    SplitMix64 rng(seed ^ (i * 0x9E3779B97F4A7C15ull) ^ static_cast<u64>(t.kind));
    const std::vector<u8> input = mutate(rng, seeds, t.kind);
    const Status s = t.run(input.data(), input.size());
    ASSERT_TRUE(s == Status::Ok || fuzz::is_format_rejection(s)) << "case " << i << ": " << status_name(s);
    outcomes[s]++;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string summary;
  u64 rejected = 0;
  for (const auto& [status, n] : outcomes) {
    summary += std::string(" ") + status_name(status) + "=" + std::to_string(n);
    if (status != Status::Ok) rejected += n;
  }
  std::printf("formats_fuzz %s: %llu cases in %.1f s:%s\n", t.name, static_cast<unsigned long long>(last - first),
              seconds, summary.c_str());
  if (only != nullptr) return;
  // Both outcomes in numbers, so the mutants reach past the first checks and the readers really refuse.
  EXPECT_GT(outcomes[Status::Ok], cases / 100) << summary;
  EXPECT_GT(rejected, cases / 100) << summary;
  EXPECT_GE(outcomes.size(), 3u) << "fewer than two distinct rejections:" << summary;
}

INSTANTIATE_TEST_SUITE_P(Targets, FormatsFuzz, ::testing::ValuesIn(kTargets),
                         [](const ::testing::TestParamInfo<Target>& p) { return std::string(p.param.name); });

// The fixtures themselves: every valid one passes its whole target unchanged, every damaged PID fails
// with the status its name promises.
TEST(FormatFixtures, EachIsAcceptedOrFailsAsItsNameSays) {
  const std::map<std::string, Status> damaged = {
      {"pid-bad-truncated", Status::Truncated},       {"pid-bad-run-past-end", Status::Malformed},
      {"pid-bad-skip-past-end", Status::Malformed},   {"pid-bad-literals-past-end", Status::Malformed},
      {"pid-bad-oversized", Status::Oversized},       {"pid-bad-palette-cut", Status::Truncated}};
  u32 seen_damaged = 0;
  std::map<std::string, u32> names;
  for (const FormatFixture& f : test::format_fixtures()) {
    ASSERT_FALSE(f.bytes.empty()) << f.name;
    EXPECT_EQ(++names[f.name], 1u) << "duplicate fixture name " << f.name;
    Status s = Status::Ok;
    for (const Target& t : kTargets) {
      if (t.kind == f.kind) s = t.run(f.bytes.data(), f.bytes.size());
    }
    const auto bad = damaged.find(f.name);
    if (bad != damaged.end()) {
      ++seen_damaged;
      EXPECT_EQ(s, bad->second) << f.name << ": " << status_name(s);
    } else {
      EXPECT_EQ(s, Status::Ok) << f.name << ": " << status_name(s);
    }
  }
  EXPECT_EQ(seen_damaged, damaged.size());
}

TEST(FormatFixtures, AreDeterministic) {
  const std::vector<FormatFixture> a = test::format_fixtures();
  const std::vector<FormatFixture> b = test::format_fixtures();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].bytes, b[i].bytes) << a[i].name;
}

}  // namespace
}  // namespace oc
