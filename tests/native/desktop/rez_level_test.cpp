// A level read from a REZ file on disk: the stored WWD rebuilt (inflated when compressed) exactly, and
// each way an archive can fail named by its status.
#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

#include "desktop/rez_level.h"
#include "desktop_fixture.h"

namespace oc::desktop {
namespace {

using testing::busy_level;
using testing::temp_path;
using testing::write_level_rez;

class DesktopRezLevel : public ::testing::Test {
 protected:
  void TearDown() override { std::remove(path.c_str()); }
  std::string path = temp_path("level.rez");
  std::vector<u8> plain = game::testing::build_level(busy_level());
};

TEST_F(DesktopRezLevel, PlainWorldComesBackAsStored) {
  write_level_rez(path, plain);
  std::vector<u8> image;
  const RezLevelError err = read_rez_level(path, 1, &image);
  ASSERT_EQ(err.status, Status::Ok) << err.detail;
  EXPECT_EQ(image, plain);
}

TEST_F(DesktopRezLevel, CompressedWorldIsInflatedBehindItsHeader) {
  std::vector<u8> image_expected, stored;
  testing::compressed_wwd(plain, &image_expected, &stored);
  ASSERT_LT(stored.size(), plain.size());
  write_level_rez(path, stored, 2);
  std::vector<u8> image;
  const RezLevelError err = read_rez_level(path, 2, &image);
  ASSERT_EQ(err.status, Status::Ok) << err.detail;
  EXPECT_EQ(image, image_expected);
}

TEST_F(DesktopRezLevel, ABodyThatDoesNotInflateIsMalformed) {
  std::vector<u8> image_expected, stored;
  testing::compressed_wwd(plain, &image_expected, &stored);
  stored.resize(stored.size() - 8);  // the zlib stream cut short
  write_level_rez(path, stored);
  std::vector<u8> image;
  const RezLevelError err = read_rez_level(path, 1, &image);
  EXPECT_EQ(err.status, Status::Malformed);
  EXPECT_NE(err.detail.find("WORLD.WWD"), std::string::npos) << err.detail;
}

TEST_F(DesktopRezLevel, AMissingLevelIsMissing) {
  write_level_rez(path, plain, 1);
  std::vector<u8> image;
  const RezLevelError err = read_rez_level(path, 3, &image);
  EXPECT_EQ(err.status, Status::Missing);
  EXPECT_EQ(err.detail, "no /LEVEL3/WORLDS/WORLD.WWD");
  EXPECT_EQ(read_rez_level(path, 0, &image).status, Status::InvalidArgument);
}

TEST_F(DesktopRezLevel, AnUnreadableFileNamesTheOsReason) {
  std::vector<u8> image;
  const RezLevelError err = read_rez_level(temp_path("absent.rez"), 1, &image);
  EXPECT_EQ(err.status, Status::InvalidArgument);
  EXPECT_EQ(err.detail, "No such file or directory");
}

TEST_F(DesktopRezLevel, NotAnArchiveIsRefusedByTheHeaderReader) {
  testing::write_bytes(path, std::vector<u8>(500, 'x'));
  std::vector<u8> image;
  EXPECT_EQ(read_rez_level(path, 1, &image).status, Status::BadMagic);
  testing::write_bytes(path, std::vector<u8>(20, 'x'));
  EXPECT_EQ(read_rez_level(path, 1, &image).status, Status::Truncated);
}

TEST_F(DesktopRezLevel, ACutArchiveIsRefused) {
  write_level_rez(path, plain);
  std::vector<u8> rez = testing::read_bytes(path);
  rez.resize(rez.size() - 10);  // the directory ends the archive: cut into it
  testing::write_bytes(path, rez);
  std::vector<u8> image;
  EXPECT_NE(read_rez_level(path, 1, &image).status, Status::Ok);
}

}  // namespace
}  // namespace oc::desktop
