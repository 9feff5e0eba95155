// REZ round trips: write_rez() -> header -> tree -> index gives back every file's bytes, path, id and
// dateTime, with case-insensitive lookups and listings of nested directories.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"
#include "resources/formats/rez_writer.h"
#include "support/rez_sources.h"

namespace oc::formats {
namespace {

using test::RezSource;
using test::rez_source;

std::vector<RezSource> sample_sources() {
  return {
      rez_source("LEVEL1/TILES/ACTION/001.PID", 50, 1),
      rez_source("LEVEL1/TILES/ACTION/002.PID", 0, 2),
      rez_source("LEVEL1/TILES/BACK/001.PID", 17, 3),
      rez_source("/LEVEL1/PALETTES/MAIN.PAL", 768, 4),
      rez_source("Level1\\Worlds\\World.wwd", 300, 5),  // merges into LEVEL1 (first spelling kept)
      rez_source("CLAW/ANIS/DUCKPISTOL.ANI", 64, 6),
      rez_source("README", 9, 7),                          // no extension
      rez_source("GAME/MUSIC/PLAY.XMI", 33, 8),
      rez_source("GAME/A.B", 3, 9),                        // one-letter extension
  };
}

struct Opened {
  std::vector<u8> archive;
  RezWriteResult written;
  RezHeader header;
  RezIndex index;
};

void open_sample(Opened* o) {
  const std::vector<RezSource> sources = sample_sources();
  ASSERT_EQ(write_rez(test::rez_views(sources), &o->archive, &o->written), Status::Ok);
  const ByteSpan all(o->archive.data(), static_cast<u32>(o->archive.size()));
  ASSERT_EQ(parse_rez_header(all, all.size(), &o->header), Status::Ok);
  ByteSpan window;
  ASSERT_TRUE(all.sub(o->written.blocksOffset, all.size() - o->written.blocksOffset, &window));
  RezTree tree;
  ASSERT_EQ(parse_rez_tree(o->header, window, o->written.blocksOffset, RezLimits{}, &tree), Status::Ok);
  ASSERT_EQ(o->index.build(std::move(tree)), Status::Ok);
}

TEST(RezRoundTrip, EveryFileComesBackByteForByte) {
  Opened o;
  open_sample(&o);
  EXPECT_EQ(o.header.version, 1u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(o.archive.data()), 16), "RezMgr Version 1");
  EXPECT_EQ(static_cast<u64>(o.header.dirOffset) + o.header.dirSize, o.archive.size());
  for (const RezSource& s : sample_sources()) {
    RezStat st;
    ASSERT_EQ(o.index.stat(s.path, &st), Status::Ok) << s.path;
    EXPECT_EQ(st.isDirectory, 0u);
    EXPECT_EQ(st.fileId, s.fileId);
    EXPECT_EQ(st.dateTime, s.dateTime);
    ASSERT_EQ(st.size, s.bytes.size());
    ASSERT_LE(static_cast<u64>(st.offset) + st.size, o.header.dirOffset);
    EXPECT_TRUE(std::equal(s.bytes.begin(), s.bytes.end(), o.archive.begin() + st.offset)) << s.path;
  }
  EXPECT_EQ(o.index.size(), 9u + 10u);  // 9 files, 10 directories
}

TEST(RezRoundTrip, PathsKeepTheArchiveCaseAndLookupsIgnoreIt) {
  Opened o;
  open_sample(&o);
  const u32 world = o.index.find("/level1/worlds/world.WWD");
  ASSERT_NE(world, kRezNoEntry);
  EXPECT_EQ(o.index.path(world), "/LEVEL1/Worlds/World.wwd");
  EXPECT_EQ(o.index.find("\\LEVEL1\\WORLDS\\WORLD.WWD"), world);
  EXPECT_EQ(o.index.find("Level1/Worlds/World.wwd"), world);
  EXPECT_EQ(o.index.path(o.index.find("/readme")), "/README");
  EXPECT_EQ(o.index.path(o.index.find("/game/a.b")), "/GAME/A.B");
  EXPECT_EQ(o.index.find("/"), kRezRoot);
  EXPECT_EQ(o.index.find(""), kRezRoot);
  EXPECT_EQ(o.index.find("/level1/"), o.index.find("/LEVEL1"));
  EXPECT_EQ(o.index.find("/LEVEL1/TILES/ACTION/003.PID"), kRezNoEntry);
  EXPECT_EQ(o.index.find("/LEVEL1/TILES/ACTION/001"), kRezNoEntry);
  EXPECT_EQ(o.index.find("/LEVEL"), kRezNoEntry);
  RezStat st;
  EXPECT_EQ(o.index.stat("/nope", &st), Status::InvalidArgument);
  // The extension is stored reversed, NUL padded: "PID" is "DIP\0" in the archive.
  const std::string bytes(o.archive.begin(), o.archive.end());
  EXPECT_NE(bytes.find(std::string("DIP\0", 4) + std::string(4, '\0') + "001"), std::string::npos);
}

std::vector<std::string> names(const RezIndex& index, const char* dir) {
  std::vector<u32> ids;
  EXPECT_EQ(index.list(dir, &ids), Status::Ok) << dir;
  std::vector<std::string> out;
  for (u32 id : ids) out.push_back(std::string(index.name(id)) + (index.tree().entries[id].isDirectory ? "/" : ""));
  return out;
}

TEST(RezRoundTrip, ListsDirectoriesAndFilesInArchiveOrder) {
  Opened o;
  open_sample(&o);
  EXPECT_EQ(names(o.index, "/"), (std::vector<std::string>{"LEVEL1/", "CLAW/", "README", "GAME/"}));
  EXPECT_EQ(names(o.index, "/level1"), (std::vector<std::string>{"TILES/", "PALETTES/", "Worlds/"}));
  EXPECT_EQ(names(o.index, "/LEVEL1/TILES/ACTION"), (std::vector<std::string>{"001", "002"}));
  EXPECT_EQ(names(o.index, "/GAME"), (std::vector<std::string>{"MUSIC/", "A"}));
  RezStat st;
  ASSERT_EQ(o.index.stat("/LEVEL1/TILES", &st), Status::Ok);
  EXPECT_EQ(st.isDirectory, 1u);
  EXPECT_EQ(st.childCount, 2u);
  EXPECT_EQ(st.dateTime, 1003u);  // the newest file below it
  ASSERT_EQ(o.index.stat("/", &st), Status::Ok);
  EXPECT_EQ(st.childCount, 4u);
  std::vector<u32> ids;
  EXPECT_EQ(o.index.list("/README", &ids), Status::InvalidArgument);
  EXPECT_EQ(o.index.list("/missing", &ids), Status::InvalidArgument);
}

// The lazy path: the builder asks for one block at a time and never for file data.
TEST(RezRoundTrip, BuilderFetchesOnlyDirectoryBlocks) {
  Opened o;
  open_sample(&o);
  RezTreeBuilder builder(o.header);
  u32 offset = 0, size = 0, fetched = 0, blocks = 0;
  while (builder.next_block(&offset, &size)) {
    ASSERT_GE(offset, o.written.blocksOffset);
    ASSERT_EQ(builder.add_block(ByteSpan(o.archive.data() + offset, size)), Status::Ok);
    fetched += size;
    ++blocks;
  }
  ASSERT_TRUE(builder.done());
  EXPECT_EQ(blocks, 11u);  // the root and 10 directories
  EXPECT_EQ(fetched, o.archive.size() - o.written.blocksOffset);
  RezIndex index;
  ASSERT_EQ(index.build(builder.take()), Status::Ok);
  EXPECT_NE(index.find("/claw/anis/duckpistol.ani"), kRezNoEntry);
}

TEST(RezRoundTrip, WholeArchiveWindowAndEmptyArchive) {
  Opened o;
  open_sample(&o);
  RezTree tree;
  ASSERT_EQ(parse_rez_tree(o.header, ByteSpan(o.archive.data(), static_cast<u32>(o.archive.size())), 0, {}, &tree),
            Status::Ok);
  EXPECT_EQ(tree.entries.size(), 19u);

  std::vector<u8> empty;
  ASSERT_EQ(write_rez({}, &empty), Status::Ok);
  ASSERT_EQ(empty.size(), kRezHeaderSize);
  RezHeader h;
  ASSERT_EQ(parse_rez_header(ByteSpan(empty.data(), kRezHeaderSize), kRezHeaderSize, &h), Status::Ok);
  ASSERT_EQ(parse_rez_tree(h, ByteSpan(), h.dirOffset, {}, &tree), Status::Ok);
  RezIndex index;
  ASSERT_EQ(index.build(std::move(tree)), Status::Ok);
  EXPECT_EQ(index.size(), 0u);
  std::vector<u32> ids{1};
  EXPECT_EQ(index.list("/", &ids), Status::Ok);
  EXPECT_TRUE(ids.empty());
}

TEST(RezWriter, RefusesAmbiguousOrUnstorablePaths) {
  const u8 b[1] = {7};
  auto one = [&](std::vector<const char*> paths) {
    std::vector<RezSourceFile> files;
    for (const char* p : paths) files.push_back(RezSourceFile{p, ByteSpan(b, 1), 0, 0});
    std::vector<u8> out;
    return write_rez(files, &out);
  };
  EXPECT_EQ(one({"A/B.PID", "a/b.pid"}), Status::InvalidArgument);     // same path ignoring case
  EXPECT_EQ(one({"A/B.PID", "A/B.PID/C.PID"}), Status::InvalidArgument);  // a file used as a directory
  EXPECT_EQ(one({"A/B", "A"}), Status::InvalidArgument);               // a directory used as a file
  EXPECT_EQ(one({"A/B.LONGX"}), Status::InvalidArgument);
  EXPECT_EQ(one({"A//B.PID"}), Status::InvalidArgument);
  EXPECT_EQ(one({"A/"}), Status::InvalidArgument);
  EXPECT_EQ(one({""}), Status::InvalidArgument);
  EXPECT_EQ(one({"A/.PID"}), Status::InvalidArgument);
  EXPECT_EQ(one({"A/B.PID", "A/B.PAL"}), Status::Ok);
}

}  // namespace
}  // namespace oc::formats
