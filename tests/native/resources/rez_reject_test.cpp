// REZ rejection tables: every damaged header, block and entry fails with its own status, without
// reading outside the bytes given (the suite runs under ASan).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"
#include "resources/formats/rez_writer.h"

namespace oc::formats {
namespace {

void put_u32(std::vector<u8>* out, u32 v) {
  u8 b[4];
  std::memcpy(b, &v, 4);
  out->insert(out->end(), b, b + 4);
}
void set_u32(std::vector<u8>* out, u32 at, u32 v) { std::memcpy(out->data() + at, &v, 4); }

std::vector<u8> dir_entry(u32 offset, u32 size, const std::string& name, bool nul = true) {
  std::vector<u8> e;
  put_u32(&e, 1);
  put_u32(&e, offset);
  put_u32(&e, size);
  put_u32(&e, 0);
  e.insert(e.end(), name.begin(), name.end());
  if (nul) e.push_back(0);
  return e;
}

std::vector<u8> file_entry(u32 offset, u32 size, const std::string& name, bool nul = true, bool extra = true) {
  std::vector<u8> e;
  put_u32(&e, 0);
  put_u32(&e, offset);
  put_u32(&e, size);
  put_u32(&e, 0);
  put_u32(&e, 9);
  e.insert(e.end(), {'D', 'I', 'P', 0});
  put_u32(&e, 0);
  e.insert(e.end(), name.begin(), name.end());
  if (nul) e.push_back(0);
  if (extra) e.push_back(0);
  return e;
}

// A hand-made archive: header, 100 bytes of file data at 139, then blocks placed by the test, then
// the root block, which ends the file. Offsets of blocks are known before their bytes: kBlocks + ...
constexpr u32 kData = kRezHeaderSize;
constexpr u32 kBlocks = kData + 100;

struct Raw {
  std::vector<u8> bytes;
  Raw() {
    const char text[] = "RezMgr Version 1";
    bytes.assign(text, text + 16);
    bytes.resize(kRezHeaderSize + 100, 0);
  }
  u32 add(const std::vector<u8>& block) {
    const u32 at = static_cast<u32>(bytes.size());
    bytes.insert(bytes.end(), block.begin(), block.end());
    return at;
  }
  // Appends the root block (its offset is root_offset()) and fills in the header.
  void finish(const std::vector<u8>& root) {
    const u32 at = add(root);
    set_u32(&bytes, kRezVersionAt, 1);
    set_u32(&bytes, kRezDirOffsetAt, at);
    set_u32(&bytes, kRezDirSizeAt, static_cast<u32>(root.size()));
  }
  u32 root_offset() const { return static_cast<u32>(bytes.size()); }
  ByteSpan span() const { return ByteSpan(bytes.data(), static_cast<u32>(bytes.size())); }

  Status parse(RezTree* tree = nullptr, RezLimits limits = {}) const {
    RezHeader h;
    const Status s = parse_rez_header(span(), bytes.size(), &h);
    if (s != Status::Ok) return s;
    RezTree local;
    return parse_rez_tree(h, span(), 0, limits, tree != nullptr ? tree : &local);
  }
};

std::vector<u8> cat(std::vector<std::vector<u8>> parts) {
  std::vector<u8> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::vector<u8> prefix(std::vector<u8> v, size_t n) {
  v.resize(n);
  return v;
}

TEST(RezRejectHeader, TruncatedAtEveryLength) {
  Raw r;
  r.finish(file_entry(kData, 10, "A"));
  ASSERT_EQ(r.parse(), Status::Ok);
  RezHeader h;
  for (u32 len = 0; len < kRezHeaderSize; ++len) {
    EXPECT_EQ(parse_rez_header(ByteSpan(r.bytes.data(), len), r.bytes.size(), &h), Status::Truncated) << len;
  }
}

TEST(RezRejectHeader, Table) {
  struct Case {
    const char* what;
    u32 at, value;
    u64 length;  // 0: the real length
    Status want;
  };
  const Case cases[] = {
      {"no tool name", 0, 0x41414141, 0, Status::BadMagic},
      {"directory inside the header", kRezDirOffsetAt, 100, 0, Status::OutOfRange},
      {"directory past the end", kRezDirSizeAt, 1000, 0, Status::Truncated},
      {"huge directory size", kRezDirSizeAt, 0xFFFFFFFFu, 0, Status::Oversized},
      {"directory ending past 4 GiB", kRezDirOffsetAt, 0xFFFFFFF0u, 0, Status::Oversized},
      {"archive shorter than the header says", 0, 0x4D7A6552, 200, Status::Truncated},
      {"bytes after the directory", 0, 0x4D7A6552, 1u << 20, Status::Malformed},
  };
  for (const Case& c : cases) {
    Raw r;
    r.finish(file_entry(kData, 10, "A"));
    set_u32(&r.bytes, c.at, c.value);
    RezHeader h;
    const u64 length = c.length ? c.length : r.bytes.size();
    EXPECT_EQ(parse_rez_header(r.span(), length, &h), c.want) << c.what;
  }
  Raw w;
  w.finish(file_entry(kData, 10, "A"));
  std::memcpy(w.bytes.data() + 1, "WinRez 2.4", 10);  // the other tool, not at byte 0
  RezHeader h;
  EXPECT_EQ(parse_rez_header(w.span(), w.bytes.size(), &h), Status::Ok);
}

TEST(RezRejectTree, TruncatedDirectoryAtEveryLength) {
  std::vector<u8> archive;
  const u8 data[3] = {1, 2, 3};
  std::vector<RezSourceFile> files{{"A/B/C.PID", ByteSpan(data, 3), 0, 0}, {"A/D.PAL", ByteSpan(data, 3), 0, 0},
                                   {"E.ANI", ByteSpan(data, 3), 0, 0}};
  RezWriteResult w;
  ASSERT_EQ(write_rez(files, &archive, &w), Status::Ok);
  RezHeader h;
  ASSERT_EQ(parse_rez_header(ByteSpan(archive.data(), static_cast<u32>(archive.size())), archive.size(), &h), Status::Ok);
  const u32 full = static_cast<u32>(archive.size()) - w.blocksOffset;
  RezTree tree;
  for (u32 len = 0; len < full; ++len) {
    // The window ends early (a short range read): some block does not fit.
    EXPECT_EQ(parse_rez_tree(h, ByteSpan(archive.data() + w.blocksOffset, len), w.blocksOffset, {}, &tree),
              Status::Truncated) << len;
  }
  EXPECT_EQ(parse_rez_tree(h, ByteSpan(archive.data() + w.blocksOffset, full), w.blocksOffset, {}, &tree), Status::Ok);
  // A window that starts after the first block.
  EXPECT_EQ(parse_rez_tree(h, ByteSpan(archive.data() + w.blocksOffset + 1, full - 1), w.blocksOffset + 1, {}, &tree),
            Status::Truncated);
  // Each block given short to the builder.
  RezTreeBuilder builder(h);
  u32 offset = 0, size = 0;
  ASSERT_TRUE(builder.next_block(&offset, &size));
  EXPECT_EQ(builder.add_block(ByteSpan(archive.data() + offset, size - 1)), Status::Truncated);
  EXPECT_FALSE(builder.next_block(&offset, &size));
  EXPECT_EQ(builder.add_block(ByteSpan(archive.data() + offset, size)), Status::Truncated);  // stays failed
}

TEST(RezRejectTree, SelfReferencesAndOverlaps) {
  struct Case {
    const char* what;
    Status want;
  };
  std::vector<std::pair<Raw, Case>> cases;
  {
    Raw r;  // the root pointing to itself
    const u32 root = r.root_offset();
    const std::vector<u8> e = dir_entry(root, 0, "X");
    r.finish(dir_entry(root, static_cast<u32>(e.size()), "X"));
    cases.push_back({r, {"root points to itself", Status::SelfReference}});
  }
  {
    Raw r;  // a directory pointing to its own block
    const u32 a = r.root_offset();
    const u32 size = static_cast<u32>(dir_entry(0, 0, "S").size());
    r.add(dir_entry(a, size, "S"));
    r.finish(dir_entry(a, size, "A"));
    cases.push_back({r, {"directory points to itself", Status::SelfReference}});
  }
  {
    Raw r;  // A/B pointing back to A's block (its parent)
    const u32 entry = static_cast<u32>(dir_entry(0, 0, "B").size());
    const u32 a = r.root_offset(), b = a + entry;
    r.add(dir_entry(b, entry, "B"));
    r.add(dir_entry(a, entry, "C"));
    r.finish(dir_entry(a, entry, "A"));
    cases.push_back({r, {"child points to its parent", Status::SelfReference}});
  }
  {
    Raw r;  // A/B pointing back to the root block
    const u32 a = r.root_offset();
    const std::vector<u8> rootBlock = dir_entry(a, 21, "A");
    const u32 rootAt = a + 21;
    r.add(dir_entry(rootAt, static_cast<u32>(rootBlock.size()), "BBBB"));  // 21 bytes
    r.finish(rootBlock);
    cases.push_back({r, {"grandchild points to the root", Status::SelfReference}});
  }
  {
    Raw r;  // two siblings sharing bytes
    const u32 x = r.root_offset();
    r.add(cat({file_entry(kData, 1, "F1"), file_entry(kData, 1, "F2")}));
    r.finish(cat({dir_entry(x, 60, "X"), dir_entry(x + 20, 20, "Y")}));
    cases.push_back({r, {"siblings overlap", Status::Overlap}});
  }
  {
    Raw r;  // two siblings naming the same block
    const u32 x = r.root_offset();
    const std::vector<u8> block = file_entry(kData, 1, "F");
    r.add(block);
    const u32 n = static_cast<u32>(block.size());
    r.finish(cat({dir_entry(x, n, "X"), dir_entry(x, n, "Y")}));
    cases.push_back({r, {"siblings share a block", Status::Overlap}});
  }
  {
    Raw r;  // a child block straddling into the root block
    const u32 x = r.root_offset();
    r.finish(dir_entry(x + 4, 8, "X"));
    cases.push_back({r, {"child inside the root block", Status::Overlap}});
  }
  for (auto& [raw, c] : cases) EXPECT_EQ(raw.parse(), c.want) << c.what;
}

TEST(RezRejectTree, RangesNamesAndKinds) {
  struct Case {
    const char* what;
    std::vector<u8> root;
    Status want;
  };
  const u32 end = kBlocks;  // every case below adds only its root block: it starts at kBlocks
  std::vector<u8> badKind = file_entry(kData, 1, "F");
  badKind[0] = 2;
  const Case cases[] = {
      {"data past the directory start", file_entry(kData, 101, "F"), Status::OutOfRange},
      {"data inside the header", file_entry(100, 1, "F"), Status::OutOfRange},
      {"huge data size", file_entry(kData, 0xFFFFFFFFu, "F"), Status::OutOfRange},
      {"huge data offset", file_entry(0xFFFFFFFFu, 1, "F"), Status::OutOfRange},
      {"child block past the end", dir_entry(end + 100, 4, "X"), Status::OutOfRange},
      {"child block inside the header", dir_entry(8, 4, "X"), Status::OutOfRange},
      {"huge child size", dir_entry(kData, 0xFFFFFFFFu, "X"), Status::OutOfRange},
      {"file name without NUL", file_entry(kData, 1, "F", false, false), Status::Malformed},
      {"directory name without NUL", dir_entry(kData, 0, "X", false), Status::Malformed},
      {"empty name", file_entry(kData, 1, ""), Status::Malformed},
      {"isDirectory 2", badKind, Status::Malformed},
      {"entry cut by its block's end", prefix(file_entry(kData, 1, "F"), 20), Status::Truncated},
      {"isDirectory cut", std::vector<u8>{0, 0}, Status::Truncated},
  };
  for (const Case& c : cases) {
    Raw r;
    ASSERT_EQ(r.root_offset(), kBlocks);
    r.finish(c.root);
    EXPECT_EQ(r.parse(), c.want) << c.what;
  }
  // Tolerated: the extra byte after a file name missing at the block's end; empty directories.
  Raw ok;
  ok.finish(cat({dir_entry(kData, 0, "EMPTY"), file_entry(kData, 100, "F", true, false)}));
  RezTree tree;
  ASSERT_EQ(ok.parse(&tree), Status::Ok);
  ASSERT_EQ(tree.entries.size(), 2u);
  EXPECT_EQ(tree.entries[0].childCount, 0u);
  EXPECT_EQ(std::string(tree.entries[1].ext, 4), std::string("PID\0", 4));
}

TEST(RezRejectTree, LimitsOnEntriesAndDepth) {
  Raw r;
  std::vector<u8> many;
  for (u32 i = 0; i < 50; ++i) many = cat({many, file_entry(kData, 1, "F" + std::to_string(i))});
  r.finish(many);
  EXPECT_EQ(r.parse(nullptr, RezLimits{49, 32}), Status::Oversized);
  EXPECT_EQ(r.parse(nullptr, RezLimits{50, 32}), Status::Ok);

  // A chain of 5 nested directories, each block holding the next one's entry.
  Raw d;
  std::vector<u32> at;
  const u32 entry = static_cast<u32>(dir_entry(0, 0, "D").size());
  for (u32 i = 0; i < 4; ++i) at.push_back(d.root_offset() + i * entry);
  for (u32 i = 0; i < 4; ++i) d.add(i + 1 < 4 ? dir_entry(at[i + 1], entry, "D") : dir_entry(kData, 0, "D"));
  d.finish(dir_entry(at[0], entry, "D"));
  EXPECT_EQ(d.parse(nullptr, RezLimits{100, 4}), Status::Oversized);
  EXPECT_EQ(d.parse(nullptr, RezLimits{100, 5}), Status::Ok);
}

TEST(RezRejectIndex, DuplicateAndSlashedNames) {
  RezTree tree;
  Raw dup;
  dup.finish(cat({file_entry(kData, 1, "F"), file_entry(kData, 1, "f")}));
  ASSERT_EQ(dup.parse(&tree), Status::Ok);
  RezIndex index;
  EXPECT_EQ(index.build(std::move(tree)), Status::Malformed);
  EXPECT_EQ(index.size(), 0u);

  Raw slash;
  slash.finish(file_entry(kData, 1, "A/B"));
  ASSERT_EQ(slash.parse(&tree), Status::Ok);
  EXPECT_EQ(index.build(std::move(tree)), Status::Malformed);
}

TEST(RezRejectHeader, ArchivesPastFourGiBAreOversized) {
  Raw r;
  r.finish(file_entry(kData, 10, "A"));
  // A root block at 4 GiB - 256 of 512 bytes: offsets are u32, so such an archive cannot be addressed.
  set_u32(&r.bytes, kRezDirOffsetAt, 0xFFFFFF00u);
  set_u32(&r.bytes, kRezDirSizeAt, 0x200u);
  RezHeader h;
  EXPECT_EQ(parse_rez_header(r.span(), 0x100000100ull, &h), Status::Oversized);
}

// A reader fetches and holds every block whole and the index repeats every ancestor's name in each
// path: names, blocks and paths are bounded before any of that happens.
TEST(RezRejectTree, LimitsOnNamesBlocksAndPaths) {
  Raw named;
  named.finish(file_entry(kData, 1, "ABCDEFGH"));
  RezLimits short_names;
  short_names.maxNameLength = 7;
  EXPECT_EQ(named.parse(nullptr, short_names), Status::Oversized);
  short_names.maxNameLength = 8;
  EXPECT_EQ(named.parse(nullptr, short_names), Status::Ok);

  // Two directories with blocks of 40 bytes each, under a root of 2 * 17 bytes.
  Raw blocks;
  const std::vector<u8> child = cat({file_entry(kData, 1, "F"), file_entry(kData + 1, 1, "G")});
  const u32 a = blocks.add(child);
  const u32 b = blocks.add(child);
  blocks.finish(cat({dir_entry(a, static_cast<u32>(child.size()), "A"), dir_entry(b, static_cast<u32>(child.size()), "B")}));
  const u32 root = 2 * (kRezDirEntryFixed + 2);
  RezLimits small;
  small.maxDirectoryBytes = root + static_cast<u32>(child.size());  // room for the root and one child
  EXPECT_EQ(blocks.parse(nullptr, small), Status::Oversized);
  small.maxDirectoryBytes = root + 2 * static_cast<u32>(child.size());
  EXPECT_EQ(blocks.parse(nullptr, small), Status::Ok);
  small.maxDirectoryBytes = root - 1;  // the root block alone is too large
  EXPECT_EQ(blocks.parse(nullptr, small), Status::Oversized);

  RezTree tree;
  ASSERT_EQ(blocks.parse(&tree), Status::Ok);
  // Paths: /A /B /A/F.PID /A/G.PID /B/F.PID /B/G.PID = 2 * 2 + 4 * 8 bytes.
  RezIndex index;
  EXPECT_EQ(index.build(tree, 35), Status::Oversized);
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.build(std::move(tree), 36), Status::Ok);
  EXPECT_NE(index.find("/b/g.pid"), kRezNoEntry);
}

// Found by the REZ short fuzz run: a separator in the extension made an entry no lookup could reach.
TEST(RezReject, ExtensionWithSeparatorIsMalformed) {
  for (const char* ext : {"A/B\0", "\\PD\0", "X/\0\0"}) {
    std::vector<u8> entry = file_entry(kData, 1, "F");
    std::memcpy(entry.data() + 20, ext, 4);
    Raw r;
    r.finish(entry);
    RezTree tree;
    ASSERT_EQ(r.parse(&tree), Status::Ok) << ext;
    RezIndex index;
    EXPECT_EQ(index.build(std::move(tree)), Status::Malformed) << ext;
    EXPECT_EQ(index.size(), 0u);
  }
  // Dots and other punctuation in an extension stay allowed: the path is still unambiguous to a lookup.
  std::vector<u8> entry = file_entry(kData, 1, "F");
  std::memcpy(entry.data() + 20, "A.B\0", 4);
  Raw r;
  r.finish(entry);
  RezTree tree;
  ASSERT_EQ(r.parse(&tree), Status::Ok);
  RezIndex index;
  ASSERT_EQ(index.build(std::move(tree)), Status::Ok);
  EXPECT_EQ(index.find("/f.b.a"), 0u);
}

}  // namespace
}  // namespace oc::formats
