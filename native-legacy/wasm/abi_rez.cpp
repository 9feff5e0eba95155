// REZ archives through the C ABI (abi.h, "REZ archives" and "REZ packing"): a lazy opener that asks
// the host for the directory blocks one at a time, and a packer that plans an archive from its
// files' sizes so the host can stream the data. Both live behind small ids in fixed tables, like
// regions; ids are reused after close (the lowest free one), and an unknown or closed id is
// InvalidArgument. Their state is process-side heap (std::vector, std::string), never a region.
#include <new>
#include <stdint.h>
#include <string.h>

#include <string>
#include <string_view>
#include <vector>

#include "resources/formats/rez_header.h"
#include "resources/formats/rez_index.h"
#include "resources/formats/rez_tree.h"
#include "resources/formats/rez_writer.h"
#include "wasm/abi.h"
#include "wasm/abi_tables.h"

using namespace oc;
using namespace oc::abi;
using namespace oc::formats;

static_assert(OC_REZ_ROOT == kRezRoot && OC_REZ_NONE == kRezNoEntry, "abi.h and rez_index.h agree");

namespace {

constexpr u32 kMaxArchives = 64;  // ids 1..63
constexpr u32 kMaxWriters = 8;    // ids 1..7

struct Archive {
  RezHeader header;
  RezTreeBuilder builder;
  RezIndex index;
  bool finished = false;
  explicit Archive(const RezHeader& h) : header(h), builder(h) {}
};

struct Writer {
  std::vector<std::string> paths;
  std::vector<RezPlanFile> files;  // path views are set at layout (paths may reallocate before)
  RezPlan plan;
  bool planned = false;
};

Archive* g_archives[kMaxArchives];
Writer* g_writers[kMaxWriters];

template <typename T, u32 N>
u32 take_slot(T* (&table)[N], T* object) noexcept {
  if (object == nullptr) {
    set_status(Status::OutOfMemory);
    return 0;
  }
  for (u32 id = 1; id < N; ++id) {
    if (table[id] == nullptr) {
      table[id] = object;
      set_status(Status::Ok);
      return id;
    }
  }
  delete object;
  set_status(Status::Exhausted);
  return 0;
}

template <typename T, u32 N>
T* slot_or_fail(T* (&table)[N], u32 id) noexcept {
  if (id != 0 && id < N && table[id] != nullptr) return table[id];
  set_status(Status::InvalidArgument);
  return nullptr;
}

// An archive whose index is built (finish() succeeded); InvalidArgument otherwise.
Archive* finished_or_fail(u32 id) noexcept {
  Archive* a = slot_or_fail(g_archives, id);
  if (a != nullptr && !a->finished) {
    set_status(Status::InvalidArgument);
    return nullptr;
  }
  return a;
}

Writer* planned_or_fail(u32 id) noexcept {
  Writer* w = slot_or_fail(g_writers, id);
  if (w != nullptr && !w->planned) {
    set_status(Status::InvalidArgument);
    return nullptr;
  }
  return w;
}

bool valid_entry(const Archive& a, u32 entry) noexcept { return entry == kRezRoot || entry < a.index.size(); }

// Copies `text` to out (at most max bytes) and returns its full length.
u32 put_text(std::string_view text, uintptr_t out_ptr, u32 max) noexcept {
  const u32 n = static_cast<u32>(text.size());
  const u32 copied = n < max ? n : max;
  if (copied != 0) memcpy(reinterpret_cast<void*>(out_ptr), text.data(), copied);
  set_status(Status::Ok);
  return n;
}

using TextOf = std::string_view (*)(const Archive&, u32);

uint32_t entry_text(u32 archive, u32 entry, uintptr_t out_ptr, u32 max, TextOf text) noexcept {
  Archive* a = finished_or_fail(archive);
  if (a == nullptr) return 0;
  if (!valid_entry(*a, entry) || (out_ptr == 0 && max != 0)) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  return put_text(text(*a, entry), out_ptr, max);
}

}  // namespace

extern "C" {

uint32_t oc_rez_open(uintptr_t head_ptr, uint32_t head_len, uint32_t archive_len_lo, uint32_t archive_len_hi) {
  if (head_ptr == 0 && head_len != 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  RezHeader header;
  const u64 archive_len = static_cast<u64>(archive_len_hi) << 32 | archive_len_lo;
  const Status s = parse_rez_header(ByteSpan(reinterpret_cast<const u8*>(head_ptr), head_len), archive_len, &header);
  if (s != Status::Ok) {
    set_status(s);
    return 0;
  }
  return take_slot(g_archives, new (std::nothrow) Archive(header));
}

int32_t oc_rez_header(uint32_t archive, uintptr_t out_words_ptr) {
  Archive* a = slot_or_fail(g_archives, archive);
  if (a == nullptr) return last_status();
  if (out_words_ptr == 0) return set_status(Status::InvalidArgument);
  const u32 w[OC_REZ_HEADER_WORDS] = {a->header.version, a->header.dirOffset, a->header.dirSize};
  put_words(out_words_ptr, w, OC_REZ_HEADER_WORDS);
  return set_status(Status::Ok);
}

int32_t oc_rez_next_block(uint32_t archive, uintptr_t out_pair_ptr) {
  Archive* a = slot_or_fail(g_archives, archive);
  if (a == nullptr) return 0;
  if (out_pair_ptr == 0) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  u32 w[2];
  if (a->finished || !a->builder.next_block(&w[0], &w[1])) {
    // No block: the tree is complete (Ok) or a block failed (its status, again).
    set_status(a->finished ? Status::Ok : a->builder.status());
    return 0;
  }
  put_words(out_pair_ptr, w, 2);
  set_status(Status::Ok);
  return 1;
}

int32_t oc_rez_add_block(uint32_t archive, uintptr_t bytes_ptr, uint32_t len) {
  Archive* a = slot_or_fail(g_archives, archive);
  if (a == nullptr) return last_status();
  u32 offset = 0, size = 0;
  if ((bytes_ptr == 0 && len != 0) || a->finished || !a->builder.next_block(&offset, &size)) {
    // Nothing was asked for (or the builder already failed: its status stands).
    return set_status(a->builder.status() != Status::Ok ? a->builder.status() : Status::InvalidArgument);
  }
  return set_status(a->builder.add_block(ByteSpan(reinterpret_cast<const u8*>(bytes_ptr), len)));
}

int32_t oc_rez_finish(uint32_t archive) {
  Archive* a = slot_or_fail(g_archives, archive);
  if (a == nullptr) return last_status();
  if (a->finished) return set_status(Status::Ok);
  if (a->builder.status() != Status::Ok) return set_status(a->builder.status());
  if (!a->builder.done()) return set_status(Status::InvalidArgument);  // blocks still pending
  const Status s = a->index.build(a->builder.take());
  a->finished = s == Status::Ok;
  return set_status(s);
}

uint32_t oc_rez_count(uint32_t archive) {
  Archive* a = finished_or_fail(archive);
  if (a == nullptr) return 0;
  set_status(Status::Ok);
  return a->index.size();
}

uint32_t oc_rez_find(uint32_t archive, uintptr_t path_ptr, uint32_t len) {
  Archive* a = finished_or_fail(archive);
  if (a == nullptr) return kRezNoEntry;
  if (path_ptr == 0 && len != 0) {
    set_status(Status::InvalidArgument);
    return kRezNoEntry;
  }
  set_status(Status::Ok);
  return a->index.find(std::string_view(reinterpret_cast<const char*>(path_ptr), len));
}

int32_t oc_rez_stat(uint32_t archive, uint32_t entry, uintptr_t out_words_ptr) {
  Archive* a = finished_or_fail(archive);
  if (a == nullptr) return last_status();
  if (!valid_entry(*a, entry) || out_words_ptr == 0) return set_status(Status::InvalidArgument);
  u32 w[OC_REZ_STAT_WORDS];
  if (entry == kRezRoot) {
    const RezTree& t = a->index.tree();
    const u32 root[OC_REZ_STAT_WORDS] = {kRezRoot, 1, a->header.dirOffset, a->header.dirSize, 0, 0,
                                         t.rootFirstChild, t.rootChildCount, kRezNoEntry};
    memcpy(w, root, sizeof w);
  } else {
    const RezTreeEntry& e = a->index.tree().entries[entry];
    const u32 parent = e.parent == kRezNoEntry ? kRezRoot : e.parent;
    const u32 row[OC_REZ_STAT_WORDS] = {entry,     e.isDirectory, e.offset,     e.size,     e.dateTime,
                                        e.fileId,  e.firstChild,  e.childCount, parent};
    memcpy(w, row, sizeof w);
  }
  put_words(out_words_ptr, w, OC_REZ_STAT_WORDS);
  return set_status(Status::Ok);
}

uint32_t oc_rez_path(uint32_t archive, uint32_t entry, uintptr_t out_ptr, uint32_t max) {
  return entry_text(archive, entry, out_ptr, max, [](const Archive& a, u32 e) -> std::string_view {
    return e == kRezRoot ? std::string_view("/") : std::string_view(a.index.path(e));
  });
}

uint32_t oc_rez_name(uint32_t archive, uint32_t entry, uintptr_t out_ptr, uint32_t max) {
  return entry_text(archive, entry, out_ptr, max, [](const Archive& a, u32 e) -> std::string_view {
    return e == kRezRoot ? std::string_view() : a.index.name(e);
  });
}

int32_t oc_rez_close(uint32_t archive) {
  Archive* a = slot_or_fail(g_archives, archive);
  if (a == nullptr) return last_status();
  delete a;
  g_archives[archive] = nullptr;
  return set_status(Status::Ok);
}

uint32_t oc_rez_writer_create(void) { return take_slot(g_writers, new (std::nothrow) Writer()); }

int32_t oc_rez_writer_add(uint32_t writer, uintptr_t path_ptr, uint32_t path_len, uint32_t size, uint32_t date_time,
                          uint32_t file_id) {
  Writer* w = slot_or_fail(g_writers, writer);
  if (w == nullptr) return last_status();
  if (path_ptr == 0 && path_len != 0) return set_status(Status::InvalidArgument);
  // The path itself is checked by layout() (plan_rez), which sees all of them together.
  w->paths.emplace_back(reinterpret_cast<const char*>(path_ptr), path_len);
  w->files.push_back(RezPlanFile{std::string_view(), size, date_time, file_id});
  w->planned = false;  // a new file moves the blocks: layout() again
  return set_status(Status::Ok);
}

int32_t oc_rez_writer_layout(uint32_t writer, uintptr_t out_words_ptr) {
  Writer* w = slot_or_fail(g_writers, writer);
  if (w == nullptr) return last_status();
  if (out_words_ptr == 0) return set_status(Status::InvalidArgument);
  for (size_t i = 0; i < w->files.size(); ++i) w->files[i].path = w->paths[i];
  const Status s = plan_rez(w->files, &w->plan);
  w->planned = s == Status::Ok;
  if (s != Status::Ok) return set_status(s);
  const u32 words[OC_REZ_LAYOUT_WORDS] = {lo32(w->plan.total), hi32(w->plan.total), w->plan.blocksOffset,
                                          static_cast<u32>(w->plan.blocks.size())};
  put_words(out_words_ptr, words, OC_REZ_LAYOUT_WORDS);
  return set_status(Status::Ok);
}

uint32_t oc_rez_writer_data_offset(uint32_t writer, uint32_t file_index) {
  Writer* w = planned_or_fail(writer);
  if (w == nullptr) return 0;
  if (file_index >= w->plan.dataOffsets.size()) {
    set_status(Status::InvalidArgument);
    return 0;
  }
  set_status(Status::Ok);
  return w->plan.dataOffsets[file_index];
}

int32_t oc_rez_writer_head(uint32_t writer, uintptr_t out_ptr) {
  Writer* w = planned_or_fail(writer);
  if (w == nullptr) return last_status();
  if (out_ptr == 0) return set_status(Status::InvalidArgument);
  memcpy(reinterpret_cast<void*>(out_ptr), w->plan.head, kRezHeaderSize);
  return set_status(Status::Ok);
}

int32_t oc_rez_writer_blocks(uint32_t writer, uintptr_t out_ptr, uint32_t max) {
  Writer* w = planned_or_fail(writer);
  if (w == nullptr) return last_status();
  const size_t n = w->plan.blocks.size();
  if (max < n || (out_ptr == 0 && n != 0)) return set_status(Status::InvalidArgument);
  if (n != 0) memcpy(reinterpret_cast<void*>(out_ptr), w->plan.blocks.data(), n);
  return set_status(Status::Ok);
}

int32_t oc_rez_writer_destroy(uint32_t writer) {
  Writer* w = slot_or_fail(g_writers, writer);
  if (w == nullptr) return last_status();
  delete w;
  g_writers[writer] = nullptr;
  return set_status(Status::Ok);
}

}  // extern "C"
