// The snapshot fuzzer's mutator. A snapshot is mostly page bytes: a 45 KB input has a 128-byte header,
// a table of a few dozen bytes per chunk and a few kilobytes of allocator metadata, so libFuzzer's
// mutations, spread over the whole input, would almost never touch the parts that decide anything.
// Half of the mutations are libFuzzer's own over the whole input (truncation, extension, splices,
// dictionary words); the other half are the same mutations confined to one part picked evenly: the
// header and chunk table, one chunk's payload (the REGN and ALOC chunks entire, the PAGE chunk as a
// window of at most 512 bytes), so each part gets as many mutations as the pages that dwarf it.
// The layout is read from the input itself, bounds-checked; a garbled input simply has fewer parts.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "snapshot/format.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

struct Part {
  size_t begin, end;
};

std::vector<Part> parts_of(const uint8_t* data, size_t size) {
  std::vector<Part> parts;
  oc::SnapshotHeader h;
  if (size < sizeof h) return parts;
  std::memcpy(&h, data, sizeof h);
  const size_t count = h.chunk_count < 300 ? h.chunk_count : 300;
  const size_t table_end = sizeof h + count * sizeof(oc::ChunkEntry);
  parts.push_back(Part{0, table_end < size ? table_end : size});
  for (size_t i = 0; i < count && sizeof h + (i + 1) * sizeof(oc::ChunkEntry) <= size; ++i) {
    oc::ChunkEntry e;
    std::memcpy(&e, data + sizeof h + i * sizeof e, sizeof e);
    if (e.offset >= size || e.size == 0) continue;
    const size_t end = e.size < size - e.offset ? e.offset + e.size : size;
    parts.push_back(Part{e.offset, end});
  }
  return parts;
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  std::minstd_rand rng(seed);
  const std::vector<Part> parts = parts_of(data, size);
  if (parts.empty() || rng() % 2 == 0) return LLVMFuzzerMutate(data, size, max_size);
  Part p = parts[rng() % parts.size()];
  if (p.end - p.begin > 512) {  // a window of a large part (the pages)
    p.begin += rng() % (p.end - p.begin - 512);
    p.end = p.begin + 512;
  }
  // Mutated in place with its own length as the limit; if the mutation shortened it, the rest of the
  // part keeps its old bytes, so the input's layout around the part is unchanged.
  const size_t len = p.end - p.begin;
  std::vector<uint8_t> part(data + p.begin, data + p.end);
  const size_t got = LLVMFuzzerMutate(part.data(), len, len);
  std::memcpy(data + p.begin, part.data(), got < len ? got : len);
  return size;
}
