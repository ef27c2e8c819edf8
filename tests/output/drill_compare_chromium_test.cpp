// The drill report and the compare page in headless Chromium: rendered without console errors, screenshots
// kept in the test's working directory (drill-report-screenshot.png, compare-screenshot.png) for a person.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace ccsim;

namespace {
void render_and_shoot(const std::string& html, const std::string& shot_name, const std::string& must_contain) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium not installed";
  const std::string dir = test::temp_dir();
  auto common = [](const std::string& profile) { return test::chromium_command(profile); };
  auto args = common(dir + "/p1");
  args.push_back("--dump-dom");
  args.push_back("file://" + html);
  const auto dom = test::run_program(args);
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_NE(dom.out.find(must_contain), std::string::npos);
  EXPECT_EQ(dom.err.find("CONSOLE("), std::string::npos) << dom.err;
  EXPECT_EQ(dom.err.find("net::ERR_"), std::string::npos) << dom.err;
  const std::string shot = (fs::current_path() / shot_name).string();
  fs::remove(shot);
  args = common(dir + "/p2");
  args.push_back("--screenshot=" + shot);
  args.push_back("--window-size=1280,2400");
  args.push_back("file://" + html);
  ASSERT_EQ(test::run_program(args).exit_code, 0);
  EXPECT_GT(test::read_file(shot).size(), 10000u);
}
}  // namespace

TEST(DrillCompareChromium, DrillReportRenders) {
  const std::string dir = test::temp_dir();
  auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/drill-dc-loss.yaml", "-r", "2", "-q", "-o", dir + "/d.h5"});
  ASSERT_EQ(r.exit_code, 3) << r.err;
  ASSERT_EQ(test::run_ccsim({"report", dir + "/d.h5", "-o", dir + "/d.html"}).exit_code, 0);
  render_and_shoot(dir + "/d.html", "drill-report-screenshot.png", "class=\"gantt\"");
}

TEST(DrillCompareChromium, ComparePageRenders) {
  const std::string dir = test::temp_dir(), sc = test::source_dir() + "/scenarios/small-center.yaml";
  ASSERT_EQ(test::run_ccsim({"run", sc, "-r", "3", "-q", "-o", dir + "/a.h5"}).exit_code, 0);
  ASSERT_EQ(test::run_ccsim({"run", sc, "-r", "3", "-q", "--load", "1.2", "-o", dir + "/b.h5"}).exit_code, 0);
  auto c = test::run_ccsim({"compare", dir + "/a.h5", dir + "/b.h5", "-o", dir + "/c.html"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  render_and_shoot(dir + "/c.html", "compare-screenshot.png", "paired (common random numbers)");
}
