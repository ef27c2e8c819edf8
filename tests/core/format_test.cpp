// The shared number formatting every renderer uses (core/format, stats/estimate_format): expected strings
// written out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/format.hpp"
#include "stats/estimate_format.hpp"

namespace ccsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Format, FixedPercentAndMissingValues) {
  EXPECT_EQ(fixed(1.23456, 4), "1.2346");
  EXPECT_EQ(fixed(2.5, 9), "2.500000");  // clamped to 6 decimals
  EXPECT_EQ(fixed_or_dash(kNaN, 1), "-");
  EXPECT_EQ(fixed_or_dash(INFINITY, 1, "n/a"), "n/a");
  EXPECT_EQ(percent_of(0.12345, 1), "12.3%");  // a fraction shown as a percent
  EXPECT_EQ(percent_of(kNaN, 1), "-");
  EXPECT_EQ(format_str("%s %03d", "x", 7), "x 007");
  EXPECT_EQ(format_str("%.3g s", 1234.5), "1.23e+03 s");
}

TEST(Format, AlignNeverCutsWhilePadClips) {
  EXPECT_EQ(align_left("ab", 4), "ab  ");
  EXPECT_EQ(align_right("ab", 4), "  ab");
  EXPECT_EQ(align_left("autoscale split-step 1/2", 22), "autoscale split-step 1/2");  // longer: kept whole
  EXPECT_EQ(pad_right("autoscale split-step 1/2", 22), "autoscale split-step \xE2\x80\xA6");  // clip marks the cut
}

TEST(Format, EstimateRangesAndSectionJson) {
  EXPECT_EQ(format_range(Estimate{12.3, 10.1, 14.6, 3}, 0), "12 [10, 15]");
  EXPECT_EQ(format_range(Estimate{kNaN, kNaN, kNaN, 0}, 0), "-");
  EXPECT_EQ(format_percent_range(Estimate{0.5, 0.094, 0.906, 2}), "50% [9-91]");
  EXPECT_EQ(format_percent_range(Estimate{kNaN, kNaN, kNaN, 0}), "-");
  // Sections always say how many values an estimate pools, and write no NaN (JSON has none).
  EXPECT_EQ(section_estimate_json(Estimate{2.5, 1, 4, 2}), nlohmann::json::parse(R"({"mean": 2.5, "ci95": [1.0, 4.0], "n": 2})"));
  EXPECT_EQ(section_estimate_json(Estimate{kNaN, kNaN, kNaN, 0}),
            nlohmann::json::parse(R"({"mean": null, "ci95": [null, null], "n": 0})"));
}

}  // namespace
}  // namespace ccsim
