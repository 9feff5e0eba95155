// Level n's world from a REZ file (rez_level.h).
#include "desktop/rez_level.h"

#include <zlib.h>

#include <cstring>

#include "desktop/rez_file.h"
#include "resources/formats/wwd.h"

namespace oc::desktop {
namespace {

using formats::ByteSpan;

RezLevelError fail(Status s, std::string detail) { return RezLevelError{s, std::move(detail)}; }

// The rebuilt image of a WWD as stored: compressed bodies are inflated behind the raw header bytes.
RezLevelError rebuild_image(const std::string& where, std::vector<u8>* raw, std::vector<u8>* image) {
  formats::WwdHeader h;
  const Status s = formats::wwd_parse_header(ByteSpan(raw->data(), static_cast<u32>(raw->size())), &h);
  if (s != Status::Ok) return fail(s, where + " header");
  // The same rule as engine/game (Game.loadLevel): a body already as long as the inflated size is
  // taken as inflated, whatever the flag says.
  const bool compressed = (h.flags & formats::kWwdFlagCompressed) != 0 && raw->size() != formats::wwd_image_size(h);
  if (!compressed) {
    image->swap(*raw);
    return {};
  }
  image->assign(static_cast<size_t>(formats::wwd_image_size(h)), 0);
  std::memcpy(image->data(), raw->data(), h.planes_offset);
  uLongf inflated = h.main_block_length;
  const int z = uncompress(image->data() + h.planes_offset, &inflated, raw->data() + h.planes_offset,
                           static_cast<uLong>(raw->size() - h.planes_offset));
  if (z != Z_OK || inflated != h.main_block_length) {
    image->clear();
    return fail(Status::Malformed, where + " body does not inflate to " + std::to_string(h.main_block_length) +
                                       " bytes (zlib: " + (z == Z_OK ? "short" : zError(z)) + ")");
  }
  return {};
}

}  // namespace

std::string level_world_path(u32 level) { return "/LEVEL" + std::to_string(level) + "/WORLDS/WORLD.WWD"; }

RezLevelError read_rez_level(const std::string& rez_path, u32 level, std::vector<u8>* image) {
  if (level == 0) return fail(Status::InvalidArgument, "levels count from 1");
  RezFile file;
  std::string detail;
  if (const Status s = file.open(rez_path, &detail); s != Status::Ok) return fail(s, detail);
  const std::string path = level_world_path(level);
  std::vector<u8> raw;
  const Status s = file.read(path, &raw);
  if (s == Status::Missing) return fail(s, "no " + path);
  if (s != Status::Ok) return fail(s, path + " runs past the end");
  return rebuild_image(path, &raw, image);
}

}  // namespace oc::desktop
