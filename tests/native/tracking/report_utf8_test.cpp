// The report cuts long site and tag texts at 512 bytes: the cut must fall on a UTF-8 character
// boundary, or the report is invalid UTF-8 and claw-stats rejects all of it.
#include <string>

#include "tracking/tracking_support.h"

namespace oc {
namespace {

using testing_support::small_options;
using testing_support::World;

// RFC 3629 well-formedness: lead bytes, continuation counts, no overlongs, surrogates or > U+10FFFF.
bool valid_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    u32 need = 0;
    u32 cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + need >= s.size()) return false;
    for (u32 k = 1; k <= need; ++k) {
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0u) != 0x80u) return false;
      cp = cp << 6 | (d & 0x3Fu);
    }
    if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += need + 1;
  }
  return true;
}

TEST(ReportUtf8, ALongLabelIsCutOnACharacterBoundary) {
  World w;
  w.init(small_options(TrackMode::Full));
  const std::string text = std::string(511, 'a') + "\xC3\xA9";  // 511 bytes, then "é" across byte 512
  const u32 site = w.tracker->site_label(text.data(), static_cast<u32>(text.size()));
  const u32 tag = w.tracker->tag(text.data(), static_cast<u32>(text.size()));
  ASSERT_NE(site, 0u);
  ASSERT_NE(tag, 0u);
  w.tracker->set_context(tag, site);
  ASSERT_NE(w.slab.alloc(64, 16, nullptr, Site::none()), kNullOffset);
  const std::string report = w.report();
  EXPECT_TRUE(testing_support::JsonCheck::valid(report));
  EXPECT_TRUE(valid_utf8(report));
  // The leak row names them cut before the "é" (511 bytes), not at 512.
  const std::string cut = "\"" + std::string(511, 'a') + "\"";
  EXPECT_NE(report.find("\"tag\":" + cut + ",\"site\":" + cut), std::string::npos);
  EXPECT_EQ(report.find(std::string(511, 'a') + "\xC3\""), std::string::npos);

  // A text of exactly 512 bytes ending in a whole character is not cut.
  const std::string fits = std::string(510, 'b') + "\xC3\xA9";
  const u32 whole = w.tracker->site_label(fits.data(), static_cast<u32>(fits.size()));
  w.tracker->set_context(0, whole);
  ASSERT_NE(w.slab.alloc(64, 16, nullptr, Site::none()), kNullOffset);
  const std::string again = w.report();
  EXPECT_TRUE(valid_utf8(again));
  EXPECT_NE(again.find("\"" + fits + "\""), std::string::npos);
}

TEST(ReportUtf8, TheCheckerRejectsACutCharacter) {
  EXPECT_TRUE(valid_utf8("a\xC3\xA9z"));
  EXPECT_FALSE(valid_utf8("a\xC3"));
  EXPECT_FALSE(valid_utf8("a\xC3\"z"));
  EXPECT_FALSE(valid_utf8("\xE2\x82"));
}

}  // namespace
}  // namespace oc
