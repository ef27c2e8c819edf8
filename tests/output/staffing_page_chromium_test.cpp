// The capacity page of a staffing search in headless Chromium: the staffing plan table is in the rendered DOM
// with its start times and percentages, no console error is logged, and a screenshot is kept
// (staffing-screenshot.png in the test's working directory) for a person to look at.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "support/test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

TEST(StaffingPageChromium, PlanTableRendersWithoutConsoleErrors) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium not installed";
  const std::string dir = test::temp_dir();
  const std::string scenario = test::write_file(dir, "flat.yaml", R"(
name: flat
horizon: {start: 2026-03-16T08:00, length: 2h, interval: 30min}
seed: 5
replications: 2
tenants:
  - name: acme
    groups:
      - {name: support, agents: 12}
    call_types:
      - name: support
        arrivals: {rate: 200/h}
        route: [support]
        handle: {dist: exponential, mean: 3min}
        service_level: {threshold: 20s, target: 80%}
)");
  const auto cap = test::run_ccsim({"capacity", scenario, "--mode", "staffing", "-t", "service_level@interval=80%", "-q",
                                    "-j", "2", "--shrinkage", "25%", "-o", dir + "/c.h5"});
  ASSERT_EQ(cap.exit_code, 0) << cap.err;
  const std::string html = dir + "/c.html";
  ASSERT_EQ(test::run_ccsim({"report", dir + "/c.h5", "-o", html}).exit_code, 0);
  auto common = [](const std::string& profile) { return test::chromium_command(profile); };
  auto args = common(dir + "/p1");
  args.push_back("--dump-dom");
  args.push_back("file://" + html);
  const auto dom = test::run_program(args);
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  const size_t table = dom.out.find("id=\"table-staffing\"");
  ASSERT_NE(table, std::string::npos);
  EXPECT_NE(dom.out.find("2026-03-16T09:30:00", table), std::string::npos);  // the last interval's start
  EXPECT_NE(dom.out.find("%</td>", table), std::string::npos);              // ratios as percentages
  EXPECT_EQ(dom.err.find("CONSOLE("), std::string::npos) << dom.err;
  EXPECT_EQ(dom.err.find("Refused to"), std::string::npos) << dom.err;
  EXPECT_EQ(dom.err.find("net::ERR_"), std::string::npos) << dom.err;

  const std::string shot = (fs::current_path() / "staffing-screenshot.png").string();
  fs::remove(shot);
  args = common(dir + "/p2");
  args.push_back("--screenshot=" + shot);
  args.push_back("--window-size=1280,1600");
  args.push_back("file://" + html);
  const auto pic = test::run_program(args);
  ASSERT_EQ(pic.exit_code, 0) << pic.err;
  const std::string png = test::read_file(shot);
  ASSERT_GT(png.size(), 10000u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::cout << "screenshot: " << shot << "\n";
}

}  // namespace
}  // namespace ccsim
