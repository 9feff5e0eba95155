// REZ writer: plans an archive from (path, size, dateTime, fileId) records (plan_rez, which never
// needs the files' bytes, so `claw-rez pack` can stream a large archive), or builds a whole one in
// memory from (path, bytes, ...) records (write_rez, for test fixtures). Layout: the 139-byte header
// ("RezMgr Version 1", version 1), the files' data in input order, the subdirectory blocks breadth
// first, and the root block last (the header's directory range, which must end the archive).
#pragma once

#include <string_view>
#include <vector>

#include "memory/types.h"
#include "resources/formats/rez_header.h"
#include "resources/formats/span.h"

namespace oc::formats {

struct RezSourceFile {
  std::string_view path;  // "LEVEL1/TILES/ACTION/001.PID": '/' or '\' separated, leading '/' optional
  ByteSpan bytes;
  u32 dateTime = 0;
  u32 fileId = 0;
};

struct RezPlanFile {
  std::string_view path;  // as RezSourceFile::path
  u32 size = 0;
  u32 dateTime = 0;
  u32 fileId = 0;
};

// The archive is head at 0, file i's data at dataOffsets[i], blocks at blocksOffset; total bytes.
struct RezPlan {
  u8 head[kRezHeaderSize] = {};
  std::vector<u32> dataOffsets;
  u32 blocksOffset = 0;
  std::vector<u8> blocks;  // every directory block, ending the archive
  u64 total = 0;
};

struct RezWriteResult {
  u32 blocksOffset = 0;  // where the directory blocks start: [blocksOffset, end) holds every block
};

// Directories are made from the paths (merged ignoring ASCII case, the first spelling kept; a
// directory's dateTime is the newest of its files'). InvalidArgument: an empty path or path component,
// a NUL in a path, an extension longer than 4 characters, an empty base name, or two paths equal
// ignoring case (or one naming a file where another needs a directory). Oversized: above 4 GiB.
Status plan_rez(const std::vector<RezPlanFile>& files, RezPlan* out);

// plan_rez over the files' sizes, then the planned bytes; the same errors.
Status write_rez(const std::vector<RezSourceFile>& files, std::vector<u8>* out, RezWriteResult* result = nullptr);

}  // namespace oc::formats
