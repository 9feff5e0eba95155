// REZ archives through the C ABI (wasm/abi_rez.cpp), natively: the lazy opener driven block by block
// the way engine/ drives it over HTTP ranges, the stat/path/name/children words against RezIndex,
// the statuses of damaged archives and of bad ids, and the packer, whose head + data + blocks must
// be write_rez()'s archive byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"
#include "resources/formats/rez_writer.h"
#include "support/rez_sources.h"
#include "wasm/abi.h"

namespace oc::formats {
namespace {

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }
int32_t st(Status s) { return static_cast<int32_t>(s); }

using test::RezSource;
using test::rez_source;

std::vector<RezSource> sources() {
  return {rez_source("LEVEL1/TILES/ACTION/001.PID", 50, 1), rez_source("LEVEL1/TILES/ACTION/002.PID", 0, 2),
          rez_source("Level1\\Palettes\\MAIN.PAL", 768, 3), rez_source("CLAW/ANIS/DUCK.ANI", 64, 4),
          rez_source("README", 9, 5)};
}

std::vector<u8> archive_of(const std::vector<RezSource>& s) {
  std::vector<u8> out;
  EXPECT_EQ(write_rez(test::rez_views(s), &out), Status::Ok);
  return out;
}

// Opens `archive` through the ABI, answering each block request from the bytes: the archive id, 0 on
// failure (with the failing status in *status).
u32 open_through_abi(const std::vector<u8>& archive, int32_t* status, u32* blocks_fetched = nullptr) {
  const u32 id = oc_rez_open(addr(archive.data()), kRezHeaderSize, static_cast<u32>(archive.size()), 0);
  *status = oc_last_status();
  if (id == 0) return 0;
  u32 pair[2];
  u32 fetched = 0;
  while (oc_rez_next_block(id, addr(pair)) == 1) {
    ++fetched;
    *status = oc_rez_add_block(id, addr(archive.data() + pair[0]), pair[1]);
    if (*status != 0) break;
  }
  if (blocks_fetched != nullptr) *blocks_fetched = fetched;
  if (*status == 0) *status = oc_last_status();  // next_block's: Ok when complete
  if (*status == 0) *status = oc_rez_finish(id);
  return id;
}

std::string path_of(u32 archive, u32 entry) {
  char buf[128];
  const u32 n = oc_rez_path(archive, entry, addr(buf), sizeof buf);
  return std::string(buf, n < sizeof buf ? n : sizeof buf);
}
std::string name_of(u32 archive, u32 entry) {
  char buf[64];
  const u32 n = oc_rez_name(archive, entry, addr(buf), sizeof buf);
  return std::string(buf, n < sizeof buf ? n : sizeof buf);
}
u32 find(u32 archive, const std::string& path) {
  return oc_rez_find(archive, addr(path.data()), static_cast<u32>(path.size()));
}

TEST(AbiRez, OpensLazilyAndMatchesTheIndex) {
  const std::vector<u8> archive = archive_of(sources());
  RezHeader h;
  ASSERT_EQ(parse_rez_header(ByteSpan(archive.data(), kRezHeaderSize), archive.size(), &h), Status::Ok);
  RezTree tree;
  ASSERT_EQ(parse_rez_tree(h, ByteSpan(archive.data(), static_cast<u32>(archive.size())), 0, {}, &tree), Status::Ok);
  RezIndex index;
  ASSERT_EQ(index.build(std::move(tree)), Status::Ok);

  int32_t status = -1;
  u32 fetched = 0;
  const u32 id = open_through_abi(archive, &status, &fetched);
  ASSERT_NE(id, 0u);
  ASSERT_EQ(status, 0) << oc_status_name(status);
  EXPECT_EQ(fetched, 7u);  // root, LEVEL1, CLAW, TILES, PALETTES, ANIS, ACTION

  u32 hw[OC_REZ_HEADER_WORDS];
  ASSERT_EQ(oc_rez_header(id, addr(hw)), 0);
  EXPECT_EQ(hw[0], 1u);
  EXPECT_EQ(hw[1], h.dirOffset);
  EXPECT_EQ(hw[2], h.dirSize);
  ASSERT_EQ(oc_rez_count(id), index.size());

  for (u32 e = 0; e < index.size(); ++e) {
    const RezTreeEntry& t = index.tree().entries[e];
    u32 w[OC_REZ_STAT_WORDS];
    ASSERT_EQ(oc_rez_stat(id, e, addr(w)), 0);
    EXPECT_EQ(w[0], e);
    EXPECT_EQ(w[1], t.isDirectory);
    EXPECT_EQ(w[2], t.offset);
    EXPECT_EQ(w[3], t.size);
    EXPECT_EQ(w[4], t.dateTime);
    EXPECT_EQ(w[5], t.fileId);
    EXPECT_EQ(w[6], t.firstChild);
    EXPECT_EQ(w[7], t.childCount);
    EXPECT_EQ(w[8], t.parent == kRezNoEntry ? OC_REZ_ROOT : t.parent);
    EXPECT_EQ(path_of(id, e), index.path(e));
    EXPECT_EQ(name_of(id, e), std::string(index.name(e)));
    EXPECT_EQ(find(id, index.path(e)), e);
  }

  // Case-insensitive, '\' separators, no leading '/'.
  const u32 pid = find(id, "level1\\tiles\\action\\001.pid");
  ASSERT_NE(pid, OC_REZ_NONE);
  EXPECT_EQ(path_of(id, pid), "/LEVEL1/TILES/ACTION/001.PID");
  EXPECT_EQ(name_of(id, pid), "001");
  u32 w[OC_REZ_STAT_WORDS];
  ASSERT_EQ(oc_rez_stat(id, pid, addr(w)), 0);
  EXPECT_EQ(w[1], 0u);
  EXPECT_EQ(w[3], 50u);
  EXPECT_EQ(w[5], 41u);
  EXPECT_EQ(archive[w[2] + 1], static_cast<u8>(1 * 31 + 7));  // the file's second byte, at its offset
  EXPECT_EQ(find(id, "/LEVEL1/TILES/ACTION/003.PID"), OC_REZ_NONE);
  EXPECT_EQ(oc_last_status(), 0);  // not found is an answer, not an error
  EXPECT_EQ(find(id, "/"), OC_REZ_ROOT);
  EXPECT_EQ(oc_rez_find(id, 0, 0), OC_REZ_ROOT);

  // The root and a directory's children range.
  ASSERT_EQ(oc_rez_stat(id, OC_REZ_ROOT, addr(w)), 0);
  EXPECT_EQ(w[0], OC_REZ_ROOT);
  EXPECT_EQ(w[1], 1u);
  EXPECT_EQ(w[2], h.dirOffset);
  EXPECT_EQ(w[7], 3u);  // LEVEL1, CLAW, README
  EXPECT_EQ(w[8], OC_REZ_NONE);
  EXPECT_EQ(path_of(id, OC_REZ_ROOT), "/");
  EXPECT_EQ(name_of(id, OC_REZ_ROOT), "");
  std::vector<std::string> top;
  for (u32 c = w[6]; c < w[6] + w[7]; ++c) top.push_back(name_of(id, c));
  EXPECT_EQ(top, (std::vector<std::string>{"LEVEL1", "CLAW", "README"}));
  const u32 action = find(id, "LEVEL1/TILES/ACTION");
  ASSERT_EQ(oc_rez_stat(id, action, addr(w)), 0);
  EXPECT_EQ(w[1], 1u);
  ASSERT_EQ(w[7], 2u);
  EXPECT_EQ(path_of(id, w[6] + 1), "/LEVEL1/TILES/ACTION/002.PID");
  EXPECT_EQ(w[8], find(id, "level1/TILES"));

  // A short name buffer: the full length comes back, max bytes are written.
  char buf[4] = {'x', 'x', 'x', 'x'};
  EXPECT_EQ(oc_rez_path(id, pid, addr(buf), 3), 28u);
  EXPECT_EQ(std::string(buf, 4), "/LEx");
  EXPECT_EQ(oc_rez_path(id, pid, 0, 0), 28u);
  EXPECT_EQ(oc_rez_close(id), 0);
}

TEST(AbiRez, DamagedArchivesKeepTheirStatus) {
  std::vector<u8> archive = archive_of(sources());
  // A header cut short, a null head with a length, a length the directory does not end.
  EXPECT_EQ(oc_rez_open(addr(archive.data()), 100, static_cast<u32>(archive.size()), 0), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::Truncated));
  EXPECT_EQ(oc_rez_open(0, 139, static_cast<u32>(archive.size()), 0), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  EXPECT_EQ(oc_rez_open(addr(archive.data()), kRezHeaderSize, static_cast<u32>(archive.size()), 1), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::Malformed));
  std::vector<u8> magic = archive;
  magic[0] = 'X';
  EXPECT_EQ(oc_rez_open(addr(magic.data()), kRezHeaderSize, static_cast<u32>(magic.size()), 0), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::BadMagic));

  // The root's first entry (the directory LEVEL1) pointing at the root block itself.
  RezHeader h;
  ASSERT_EQ(parse_rez_header(ByteSpan(archive.data(), kRezHeaderSize), archive.size(), &h), Status::Ok);
  u32 is_dir = 0;
  std::memcpy(&is_dir, archive.data() + h.dirOffset, 4);
  ASSERT_EQ(is_dir, 1u);
  std::memcpy(archive.data() + h.dirOffset + 4, &h.dirOffset, 4);
  std::memcpy(archive.data() + h.dirOffset + 8, &h.dirSize, 4);
  int32_t status = 0;
  const u32 id = open_through_abi(archive, &status);
  ASSERT_NE(id, 0u);
  EXPECT_EQ(status, st(Status::SelfReference));
  u32 pair[2];
  EXPECT_EQ(oc_rez_next_block(id, addr(pair)), 0);  // failed: nothing more to fetch
  EXPECT_EQ(oc_last_status(), st(Status::SelfReference));
  EXPECT_EQ(oc_rez_finish(id), st(Status::SelfReference));
  EXPECT_EQ(oc_rez_count(id), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));  // not finished
  EXPECT_EQ(oc_rez_close(id), 0);

  // A block given short.
  const std::vector<u8> good = archive_of(sources());
  const u32 id2 = oc_rez_open(addr(good.data()), kRezHeaderSize, static_cast<u32>(good.size()), 0);
  ASSERT_NE(id2, 0u);
  ASSERT_EQ(oc_rez_next_block(id2, addr(pair)), 1);
  EXPECT_EQ(oc_rez_finish(id2), st(Status::InvalidArgument));  // blocks still pending
  EXPECT_EQ(oc_rez_add_block(id2, addr(good.data() + pair[0]), pair[1] - 1), st(Status::Truncated));
  EXPECT_EQ(oc_rez_add_block(id2, 0, 5), st(Status::Truncated));  // stays failed
  EXPECT_EQ(oc_rez_close(id2), 0);
}

TEST(AbiRez, BadIdsAndBuffersAreInvalidArguments) {
  const std::vector<u8> archive = archive_of(sources());
  int32_t status = 0;
  const u32 id = open_through_abi(archive, &status);
  ASSERT_EQ(status, 0);
  u32 w[OC_REZ_STAT_WORDS];
  const int32_t bad = st(Status::InvalidArgument);
  EXPECT_EQ(oc_rez_stat(0, 0, addr(w)), bad);
  EXPECT_EQ(oc_rez_stat(64, 0, addr(w)), bad);
  EXPECT_EQ(oc_rez_stat(0xFFFFFFFFu, 0, addr(w)), bad);
  EXPECT_EQ(oc_rez_stat(id, oc_rez_count(id), addr(w)), bad);
  EXPECT_EQ(oc_rez_stat(id, OC_REZ_NONE, addr(w)), bad);
  EXPECT_EQ(oc_rez_stat(id, 0, 0), bad);
  EXPECT_EQ(oc_rez_header(id, 0), bad);
  EXPECT_EQ(oc_rez_next_block(id, 0), 0);
  EXPECT_EQ(oc_last_status(), bad);
  EXPECT_EQ(oc_rez_find(id, 0, 3), OC_REZ_NONE);
  EXPECT_EQ(oc_last_status(), bad);
  EXPECT_EQ(oc_rez_path(id, 0, 0, 10), 0u);
  EXPECT_EQ(oc_last_status(), bad);
  EXPECT_EQ(oc_rez_add_block(id, addr(archive.data()), 10), bad);  // finished: nothing asked for
  EXPECT_EQ(oc_rez_close(id), 0);
  // Closed: every call refuses the id, and the id comes back on the next open.
  EXPECT_EQ(oc_rez_stat(id, 0, addr(w)), bad);
  EXPECT_EQ(oc_rez_close(id), bad);
  EXPECT_EQ(oc_rez_count(id), 0u);
  const u32 again = open_through_abi(archive, &status);
  EXPECT_EQ(again, id);
  EXPECT_EQ(oc_rez_close(again), 0);
}

TEST(AbiRez, TheArchiveTableFillsAndEmpties) {
  const std::vector<u8> archive = archive_of(sources());
  std::vector<u32> ids;
  for (;;) {
    const u32 id = oc_rez_open(addr(archive.data()), kRezHeaderSize, static_cast<u32>(archive.size()), 0);
    if (id == 0) break;
    ids.push_back(id);
    ASSERT_LE(ids.size(), 63u);
  }
  EXPECT_EQ(oc_last_status(), st(Status::Exhausted));
  EXPECT_EQ(ids.size(), 63u);
  for (u32 id : ids) EXPECT_EQ(oc_rez_close(id), 0);
}

// The packer: head at 0, each file's data at its data offset, the blocks at blocks_offset.
TEST(AbiRez, PackerLayoutAssemblesWriteRezBytes) {
  const std::vector<RezSource> s = sources();
  const std::vector<u8> expected = archive_of(s);
  const u32 w = oc_rez_writer_create();
  ASSERT_NE(w, 0u);
  for (const RezSource& f : s) {
    ASSERT_EQ(oc_rez_writer_add(w, addr(f.path.data()), static_cast<u32>(f.path.size()),
                                static_cast<u32>(f.bytes.size()), f.dateTime, f.fileId), 0);
  }
  EXPECT_EQ(oc_rez_writer_data_offset(w, 0), 0u);  // before layout()
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  u32 layout[OC_REZ_LAYOUT_WORDS];
  ASSERT_EQ(oc_rez_writer_layout(w, addr(layout)), 0);
  ASSERT_EQ(layout[0], expected.size());
  EXPECT_EQ(layout[1], 0u);
  EXPECT_EQ(layout[2] + layout[3], expected.size());

  std::vector<u8> built(layout[0], 0xEE);
  ASSERT_EQ(oc_rez_writer_head(w, addr(built.data())), 0);
  for (u32 i = 0; i < s.size(); ++i) {
    const u32 at = oc_rez_writer_data_offset(w, i);
    ASSERT_EQ(oc_last_status(), 0);
    std::copy(s[i].bytes.begin(), s[i].bytes.end(), built.begin() + at);
  }
  EXPECT_EQ(oc_rez_writer_blocks(w, addr(built.data() + layout[2]), layout[3] - 1), st(Status::InvalidArgument));
  ASSERT_EQ(oc_rez_writer_blocks(w, addr(built.data() + layout[2]), layout[3]), 0);
  EXPECT_EQ(built, expected);

  EXPECT_EQ(oc_rez_writer_data_offset(w, static_cast<u32>(s.size())), 0u);
  EXPECT_EQ(oc_last_status(), st(Status::InvalidArgument));
  // A new file moves the blocks: the plan is gone until the next layout().
  ASSERT_EQ(oc_rez_writer_add(w, addr("X.PID"), 5, 1, 0, 0), 0);
  EXPECT_EQ(oc_rez_writer_head(w, addr(built.data())), st(Status::InvalidArgument));
  ASSERT_EQ(oc_rez_writer_layout(w, addr(layout)), 0);
  EXPECT_EQ(layout[0], expected.size() + 1 + 28 + 2 + 1);  // one byte of data, one root entry "X"
  EXPECT_EQ(oc_rez_writer_destroy(w), 0);
  EXPECT_EQ(oc_rez_writer_add(w, addr("Y"), 1, 0, 0, 0), st(Status::InvalidArgument));
}

TEST(AbiRez, PackerRefusesBadPathsAndReusesIds) {
  const u32 w = oc_rez_writer_create();
  ASSERT_NE(w, 0u);
  u32 layout[OC_REZ_LAYOUT_WORDS];
  ASSERT_EQ(oc_rez_writer_layout(w, addr(layout)), 0);  // an empty archive: the header and an empty root
  EXPECT_EQ(layout[0], kRezHeaderSize);
  EXPECT_EQ(layout[3], 0u);
  EXPECT_EQ(oc_rez_writer_blocks(w, 0, 0), 0);
  ASSERT_EQ(oc_rez_writer_add(w, addr("A/B.PID"), 7, 3, 0, 0), 0);
  ASSERT_EQ(oc_rez_writer_add(w, addr("a\\b.pid"), 7, 3, 0, 0), 0);  // the same path ignoring case
  EXPECT_EQ(oc_rez_writer_layout(w, addr(layout)), st(Status::InvalidArgument));
  EXPECT_EQ(oc_rez_writer_add(w, 0, 4, 0, 0, 0), st(Status::InvalidArgument));
  EXPECT_EQ(oc_rez_writer_layout(w, 0), st(Status::InvalidArgument));
  EXPECT_EQ(oc_rez_writer_destroy(w), 0);
  EXPECT_EQ(oc_rez_writer_destroy(w), st(Status::InvalidArgument));

  std::vector<u32> ids;
  for (u32 id = oc_rez_writer_create(); id != 0; id = oc_rez_writer_create()) ids.push_back(id);
  EXPECT_EQ(oc_last_status(), st(Status::Exhausted));
  ASSERT_EQ(ids.size(), 7u);
  EXPECT_EQ(ids.front(), w);  // the lowest free id again
  EXPECT_EQ(oc_rez_writer_destroy(ids[3]), 0);
  EXPECT_EQ(oc_rez_writer_create(), ids[3]);
  for (u32 id : ids) EXPECT_EQ(oc_rez_writer_destroy(id), 0);
  EXPECT_EQ(oc_rez_writer_layout(0, addr(layout)), st(Status::InvalidArgument));
  EXPECT_EQ(oc_rez_writer_layout(8, addr(layout)), st(Status::InvalidArgument));
}

}  // namespace
}  // namespace oc::formats
