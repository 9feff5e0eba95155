// Optional: the anchors of a real CLAW.REZ (LEGACY-FORMATS.md), read the lazy way, block by block,
// counting the bytes read. Skipped unless CLAW_REZ names the archive; the file is never committed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"

namespace oc::formats {
namespace {

TEST(RezRealArchive, AnchorsAndLazyReads) {
  const char* path = std::getenv("CLAW_REZ");
  if (path == nullptr || *path == 0) GTEST_SKIP() << "CLAW_REZ is not set";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path;
  in.seekg(0, std::ios::end);
  const u64 length = static_cast<u64>(in.tellg());
  u64 read = 0;
  auto read_range = [&](u32 offset, u32 size, std::vector<u8>* out) {
    out->resize(size);
    in.seekg(offset);
    in.read(reinterpret_cast<char*>(out->data()), size);
    read += size;
    return in.good();
  };
  std::vector<u8> bytes;
  ASSERT_TRUE(read_range(0, kRezHeaderSize, &bytes));
  RezHeader h;
  ASSERT_EQ(parse_rez_header(ByteSpan(bytes.data(), kRezHeaderSize), length, &h), Status::Ok);
  EXPECT_EQ(h.dirSize, 392u);
  EXPECT_EQ(h.dirOffset, 119321494u);
  RezTreeBuilder builder(h);
  u32 offset = 0, size = 0;
  while (builder.next_block(&offset, &size)) {
    ASSERT_TRUE(read_range(offset, size, &bytes));
    ASSERT_EQ(builder.add_block(ByteSpan(bytes.data(), size)), Status::Ok) << offset;
  }
  ASSERT_TRUE(builder.done());
  RezIndex index;
  ASSERT_EQ(index.build(builder.take()), Status::Ok);
  RezStat st;
  ASSERT_EQ(index.stat("/", &st), Status::Ok);
  EXPECT_EQ(st.childCount, 17u);
  EXPECT_NE(index.find("/level1/worlds/world.wwd"), kRezNoEntry);
  EXPECT_NE(index.find("/CLAW/ANIS/DUCKPISTOL.ANI"), kRezNoEntry);
  EXPECT_LT(read, length / 100) << "only the header and the directory blocks are read";
}

}  // namespace
}  // namespace oc::formats
