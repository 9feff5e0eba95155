// The layout table: its format, the absence of padding in every region-resident type, the documented
// offsets of the core headers (part of the snapshot format) and the id being the hash of the text.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "memory/layout.h"
#include "memory/region.h"

namespace oc {
namespace {

struct Field {
  std::string name;
  u32 offset, size;
};

struct TypeLayout {
  std::vector<Field> fields;
  u32 size = 0;
};

// Parses the table, failing the test on any line that is not in one of the two forms.
std::map<std::string, TypeLayout> parse(const std::string& text, std::vector<std::string>* order) {
  std::map<std::string, TypeLayout> types;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string name, a, b, rest;
    ls >> name >> a >> b;
    EXPECT_FALSE(ls >> rest) << "extra words: " << line;
    const size_t dot = name.find('.');
    if (dot == std::string::npos) {
      EXPECT_EQ(a, "sizeof") << line;
      types[name].size = static_cast<u32>(std::stoul(b));
      order->push_back(name);
    } else {
      types[name.substr(0, dot)].fields.push_back(
          {name.substr(dot + 1), static_cast<u32>(std::stoul(a)), static_cast<u32>(std::stoul(b))});
    }
  }
  return types;
}

std::string table_text() {
  u32 len = 0;
  const char* text = layout_table(&len);
  EXPECT_EQ(std::strlen(text), len);
  return std::string(text, len);
}

TEST(Layout, EveryTypeIsDenseFixedWidthAndOrdered) {
  std::vector<std::string> order;
  const auto types = parse(table_text(), &order);
  ASSERT_GE(types.size(), 4u);
  for (const auto& kv : types) {
    const TypeLayout& t = kv.second;
    ASSERT_GT(t.size, 0u) << kv.first << " has no sizeof line";
    ASSERT_FALSE(t.fields.empty()) << kv.first;
    // No implicit padding: fields follow each other exactly and fill the type. Padding bytes would be
    // uninitialised in snapshots and could differ between the two builds.
    u32 expect = 0;
    for (const Field& f : t.fields) {
      EXPECT_EQ(f.offset, expect) << kv.first << "." << f.name;
      expect = f.offset + f.size;
    }
    EXPECT_EQ(expect, t.size) << kv.first;
    // 8-byte fields at 8-byte offsets, so wasm32 and x86-64 agree without relying on packing.
    for (const Field& f : t.fields) {
      if (f.size == 8) {
        EXPECT_EQ(f.offset % 8, 0u) << kv.first << "." << f.name;
      }
    }
  }
}

TEST(Layout, CoreHeadersHaveTheDocumentedOffsets) {
  const std::string text = table_text();
  const char* expected[] = {
      "RegionHeader.magic 0 4",          "RegionHeader.version 4 2",
      "RegionHeader.header_size 6 2",    "RegionHeader.size 8 4",
      "RegionHeader.carve_top 12 4",     "RegionHeader.first_allocator 16 4",
      "RegionHeader.last_allocator 20 4", "RegionHeader.allocator_count 24 4",
      "RegionHeader.next_allocator_id 28 4", "RegionHeader.flags 32 4",
      "RegionHeader.frame_lo 36 4",      "RegionHeader.frame_hi 40 4",
      "RegionHeader.root 44 4",          "RegionHeader.reserved 48 16",
      "RegionHeader sizeof 64",
      "AllocatorHeader.kind 0 4",        "AllocatorHeader.next 4 4",
      "AllocatorHeader.id 8 4",          "AllocatorHeader.header_size 12 4",
      "AllocatorHeader sizeof 16",
      "FixedPoolHeader.common 0 16",     "FixedPoolHeader.slot_size 16 4",
      "FixedPoolHeader.gens_offset 36 4", "FixedPoolHeader.free_head 40 4",
      "FixedPoolHeader.total_allocs 64 8", "FixedPoolHeader.total_frees 72 8",
      "FixedPoolHeader sizeof 80",
      "FrameArenaHeader.common 0 16",    "FrameArenaHeader.begin 16 4",
      "FrameArenaHeader.top 24 4",       "FrameArenaHeader.total_allocs 40 8",
      "FrameArenaHeader.resets 48 8",    "FrameArenaHeader sizeof 56",
  };
  for (const char* line : expected) {
    EXPECT_NE(text.find(std::string(line) + "\n"), std::string::npos) << line;
  }
  // The core types come first, in this order; other allocators append theirs after them.
  EXPECT_EQ(text.rfind("RegionHeader.magic 0 4\n", 0), 0u);
  EXPECT_LT(text.find("AllocatorHeader sizeof"), text.find("FixedPoolHeader.common"));
  EXPECT_LT(text.find("FixedPoolHeader sizeof"), text.find("FrameArenaHeader.common"));
}

TEST(Layout, IdIsTheHashOfTheSnapshotTypesAndStable) {
  const std::string text = table_text();
  // The tracker's types (debug region, never snapshotted) follow the snapshot types and are not hashed.
  const size_t tracker = text.find("TrackTag.name_offset ");
  ASSERT_NE(tracker, std::string::npos);
  EXPECT_EQ(layout_id(), fnv1a64(text.data(), static_cast<u32>(tracker)));
  EXPECT_NE(layout_id(), fnv1a64(text.data(), static_cast<u32>(text.size())));
  EXPECT_EQ(layout_id(), layout_id());
  u32 len = 0;
  EXPECT_EQ(layout_table(&len), layout_table(nullptr));  // built once
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace oc
