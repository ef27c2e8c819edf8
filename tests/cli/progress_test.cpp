// The ETA arithmetic of the progress line (cli/progress.hpp), computed by hand.
#include <gtest/gtest.h>

#include "cli/progress.hpp"

using namespace ccsim::cli;

TEST(ProgressEta, RemainingTimeAtTheSamePace) {
  EXPECT_DOUBLE_EQ(eta_seconds(30, 0.25), 90);   // a quarter in 30 s: three more quarters
  EXPECT_DOUBLE_EQ(eta_seconds(10, 1.0), 0);
  EXPECT_DOUBLE_EQ(eta_seconds(10, 0.0005), -1);  // too early to tell
  EXPECT_DOUBLE_EQ(eta_seconds(10, 0), -1);
}

TEST(ProgressEta, StepsOfASweep) {
  // Variant 2 of 4 half done: (1 + 0.5) / 4.
  EXPECT_DOUBLE_EQ(steps_fraction(1, 4, 0.5), 0.375);
  EXPECT_DOUBLE_EQ(steps_fraction(0, 4, 0), 0);
  EXPECT_DOUBLE_EQ(steps_fraction(3, 4, 1.5), 1.0);  // clamped
  EXPECT_DOUBLE_EQ(steps_fraction(2, 0, 0.5), 0);    // unknown number of steps
  // 60 s for 0.375 of the job: 100 s left.
  EXPECT_DOUBLE_EQ(eta_seconds(60, steps_fraction(1, 4, 0.5)), 100);
}

TEST(ProgressEta, Text) {
  EXPECT_EQ(eta_text(42.2), "42s");
  EXPECT_EQ(eta_text(187), "3min07s");
  EXPECT_EQ(eta_text(59.7), "1min00s");
  EXPECT_EQ(eta_text(9000), "2.5h");
  EXPECT_EQ(eta_text(-1), "--");
}
