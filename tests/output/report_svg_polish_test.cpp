// Report chart polish: a rate's confidence band is clipped to [0, 1] (no 300% abandonment axis, no negative
// rate), and a series and its target line of the same colour get distinct legend swatches.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "output/html_report_svg.hpp"

namespace ccsim {
namespace {

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

svg::TimeChart abandonment_chart(double band_min, double band_max) {
  svg::TimeChart c;
  c.title = "abandonment";
  c.y_format = svg::YFormat::Percent;
  const std::vector<double> x = {0, 1800, 3600}, y = {0.05, 0.5, 0.1};
  // Two replications: mean 0.5 with a t-interval of +-2.5 reaches 300% and -200%.
  const std::vector<double> lo = {0.0, -2.0, 0.0}, hi = {0.1, 3.0, 0.2};
  c.ci.push_back({x, lo, hi, "#1f77b4", band_min, band_max});
  c.series.push_back({"sales", "#1f77b4", x, y, false, false});
  return c;
}

TEST(ReportSvgPolish, RateBandsAreClippedToTheirRange) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::string unclipped = svg::render(abandonment_chart(-inf, inf));
  EXPECT_NE(unclipped.find(">200%<"), std::string::npos) << unclipped;  // the old axis: stretched past 200%
  const std::string clipped = svg::render(abandonment_chart(0.0, 1.0));
  // Every y tick within [0%, 100%].
  const std::string key = "class=\"yt\">";
  int ticks = 0;
  for (size_t p = clipped.find(key); p != std::string::npos; p = clipped.find(key, p + 1), ++ticks) {
    const double v = std::stod(clipped.substr(p + key.size()));
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, 100.0);
  }
  EXPECT_GT(ticks, 1);
  EXPECT_NE(clipped.find(">100%<"), std::string::npos) << clipped;
}

TEST(ReportSvgPolish, SeriesAndItsTargetHaveDistinctLegendSwatches) {
  svg::TimeChart c;
  c.title = "service level";
  c.y_format = svg::YFormat::Percent;
  c.series.push_back({"sales", "#1f77b4", {0, 1800}, {0.7, 0.9}, false, false});
  c.lines.push_back({0.8, "#1f77b4", "sales target 80%"});
  const std::string s = svg::render(c);
  const size_t legend = s.find(">sales target 80%</text>");
  ASSERT_NE(legend, std::string::npos);
  // The series' swatch is a solid line, the target's a dashed one (class "target"), not two equal boxes.
  const std::string before_target = s.substr(0, legend);
  const size_t sales_text = before_target.rfind(">sales</text>");
  ASSERT_NE(sales_text, std::string::npos);
  const std::string target_swatch = before_target.substr(sales_text);
  EXPECT_NE(target_swatch.find("class=\"target\"/>"), std::string::npos) << target_swatch;
  EXPECT_EQ(count(s, "width=\"12\" height=\"10\""), 0u) << s;  // no box swatch for either
}

}  // namespace
}  // namespace ccsim
