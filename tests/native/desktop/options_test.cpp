// The command line of openclaw-desktop: what it accepts and the one-line reason for what it does not.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "desktop/options.h"

namespace oc::desktop {
namespace {

bool parse(std::vector<const char*> args, DesktopOptions* out, std::string* error) {
  args.insert(args.begin(), "openclaw-desktop");
  return parse_options(static_cast<int>(args.size()), args.data(), out, error);
}

std::string refusal(std::vector<const char*> args) {
  DesktopOptions o;
  std::string error;
  EXPECT_FALSE(parse(args, &o, &error));
  return error;
}

TEST(DesktopOptions, EveryFlagIsRead) {
  DesktopOptions o;
  std::string error;
  ASSERT_TRUE(parse({"--headless", "--frames", "10000", "--input", "a.clawinput", "--rez", "x.rez", "--level", "2",
                     "--load", "in.clawsnap", "--save", "out.clawsnap", "--save-at", "18446744073709551615",
                     "--checksums", "c.txt", "--stats"},
                    &o, &error))
      << error;
  EXPECT_TRUE(o.headless);
  EXPECT_EQ(o.frames, 10000u);
  EXPECT_EQ(o.input, "a.clawinput");
  EXPECT_EQ(o.rez, "x.rez");
  EXPECT_EQ(o.level, 2u);
  EXPECT_EQ(o.load, "in.clawsnap");
  EXPECT_EQ(o.save, "out.clawsnap");
  EXPECT_TRUE(o.save_at_given);
  EXPECT_EQ(o.save_at, ~u64{0});
  EXPECT_EQ(o.checksums, "c.txt");
  EXPECT_TRUE(o.stats);
}

TEST(DesktopOptions, StatsIsForBothModesAndRecordOffByDefault) {
  DesktopOptions o;
  std::string error;
  ASSERT_TRUE(parse({"--stats"}, &o, &error)) << error;
  EXPECT_FALSE(o.headless);
  EXPECT_TRUE(o.stats);
  EXPECT_TRUE(o.record.empty());
  ASSERT_TRUE(parse({"--headless", "--frames", "3", "--stats"}, &o, &error)) << error;
  EXPECT_TRUE(o.stats);
  EXPECT_TRUE(o.record.empty());
}

TEST(DesktopOptions, DefaultsAreTheDemoLevelOne) {
  DesktopOptions o;
  std::string error;
  ASSERT_TRUE(parse({"--frames", "0", "--headless"}, &o, &error)) << error;
  EXPECT_EQ(o.rez, "build/assets/demo.rez");
  EXPECT_EQ(o.level, 1u);
  EXPECT_EQ(o.frames, 0u);
  EXPECT_TRUE(o.input.empty());
  EXPECT_FALSE(o.save_at_given);
}

TEST(DesktopOptions, HelpNeedsNothingElse) {
  DesktopOptions o;
  std::string error;
  ASSERT_TRUE(parse({"--help"}, &o, &error));
  EXPECT_TRUE(o.help);
}

TEST(DesktopOptions, RefusalsSayWhy) {
  EXPECT_EQ(refusal({"--headless"}), "--frames N is required");
  EXPECT_EQ(refusal({"--headless", "--frames"}), "--frames needs a value");
  EXPECT_EQ(refusal({"--headless", "--frames", ""}), "--frames needs a value");
  EXPECT_EQ(refusal({"--headless", "--bogus"}), "unknown option --bogus");
  EXPECT_EQ(refusal({"--headless", "--headless"}), "--headless given twice");
  EXPECT_EQ(refusal({"--headless", "--frames", "1", "--save-at", "5"}), "--save-at needs --save OUT");
  EXPECT_NE(refusal({"--headless", "--frames", "-1"}).find("whole number"), std::string::npos);
  EXPECT_NE(refusal({"--headless", "--frames", "4294967296"}).find("below 2^32"), std::string::npos);
  EXPECT_NE(refusal({"--headless", "--frames", "12x"}).find("'12x'"), std::string::npos);
  EXPECT_NE(refusal({"--headless", "--frames", "1", "--level", "0"}).find("from 1"), std::string::npos);
  EXPECT_NE(refusal({"--headless", "--frames", "1", "--save", "s", "--save-at", "18446744073709551616"}).find("--save-at"),
            std::string::npos);
}

TEST(DesktopOptions, TheWindowModeIsTheDefault) {
  DesktopOptions o;
  std::string error;
  ASSERT_TRUE(parse({}, &o, &error)) << error;
  EXPECT_FALSE(o.headless);
  EXPECT_FALSE(o.frames_given);
  EXPECT_EQ(o.scale, 2u);
  ASSERT_TRUE(parse({"--rez", "C.REZ", "--level", "3", "--scale", "1", "--frames", "120", "--input", "r.clawinput",
                     "--load", "s.clawsnap", "--screenshot", "out.bmp", "--record", "rec.clawinput", "--stats"},
                    &o, &error))
      << error;
  EXPECT_EQ(o.record, "rec.clawinput");
  EXPECT_TRUE(o.stats);
  EXPECT_EQ(o.scale, 1u);
  EXPECT_EQ(o.frames, 120u);
  EXPECT_EQ(o.screenshot, "out.bmp");
  EXPECT_EQ(o.level, 3u);
}

TEST(DesktopOptions, EachModeRefusesTheOthersFlags) {
  EXPECT_EQ(refusal({"--screenshot", "a.bmp"}), "--screenshot needs --frames N");
  EXPECT_EQ(refusal({"--checksums", "c.txt"}), "--checksums needs --headless");
  EXPECT_EQ(refusal({"--save", "s"}), "--save needs --headless");
  EXPECT_EQ(refusal({"--headless", "--frames", "1", "--record", "r.clawinput"}),
            "--record is for the window mode (without --headless)");
  EXPECT_EQ(refusal({"--record"}), "--record needs a value");
  EXPECT_EQ(refusal({"--record", "a", "--record", "b"}), "--record given twice");
  EXPECT_EQ(refusal({"--headless", "--frames", "1", "--scale", "2"}), "--scale is for the window mode (without --headless)");
  EXPECT_EQ(refusal({"--headless", "--frames", "1", "--screenshot", "a.bmp"}),
            "--screenshot is for the window mode (without --headless)");
  EXPECT_NE(refusal({"--scale", "0"}).find("from 1 to 8"), std::string::npos);
  EXPECT_NE(refusal({"--scale", "9"}).find("'9'"), std::string::npos);
}

}  // namespace
}  // namespace oc::desktop
