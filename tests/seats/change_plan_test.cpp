// Seat changes and the self-service limit: a change must be FEWER than `self_service_limit` seats to be done
// in one self-service step; larger ones take a ticket or several steps.
#include <gtest/gtest.h>

#include <cstdlib>

#include "seats/change_plan.hpp"

using namespace ccsim;
using namespace ccsim::seats;

namespace {
SeatSpec rules(const std::string& large) {
  SeatSpec s;
  s.self_service_limit = 2000;
  s.large_change = large;
  s.ticket_delay = 2 * 86400;
  s.self_service_delay = 60;
  return s;
}
}  // namespace

TEST(SeatChangePlan, LimitIsExclusive) {
  EXPECT_FALSE(is_large_change(1999, 2000));
  EXPECT_FALSE(is_large_change(-1999, 2000));
  EXPECT_TRUE(is_large_change(2000, 2000));   // exactly the limit is already large
  EXPECT_TRUE(is_large_change(-2000, 2000));
  EXPECT_TRUE(is_large_change(2500, 2000));
}

TEST(SeatChangePlan, SmallChangeIsOneSelfServiceStep) {
  const auto steps = plan_change(1500, 3499, 1000, rules("ticket"), 60);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].path.kind, ScalingPathKind::SelfService);
  EXPECT_FALSE(steps[0].path.autoscale);
  EXPECT_EQ(steps[0].from, 1500);
  EXPECT_EQ(steps[0].to, 3499);
  EXPECT_DOUBLE_EQ(steps[0].requested, 1000);
  EXPECT_DOUBLE_EQ(steps[0].effective, 1060);
  EXPECT_TRUE(plan_change(10, 10, 0, rules("split"), 60).empty());
}

TEST(SeatChangePlan, LargeChangeByTicket) {
  const SeatSpec r = rules("ticket");
  const auto steps = plan_change(1000, 3500, 3600, r, 60);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].path.kind, ScalingPathKind::Ticket);
  EXPECT_EQ(steps[0].to - steps[0].from, 2500);
  EXPECT_DOUBLE_EQ(steps[0].effective - steps[0].requested, r.ticket_delay);
}

TEST(SeatChangePlan, LargeChangeSplitIntoTwoSteps) {
  const SeatSpec r = rules("split");
  const auto steps = plan_change(1000, 3500, 3600, r, 60);  // +2,500
  ASSERT_EQ(steps.size(), 2u);
  int total = 0;
  for (size_t k = 0; k < steps.size(); ++k) {
    const int d = steps[k].to - steps[k].from;
    EXPECT_LT(d, r.self_service_limit);  // every step is a legal self-service change
    EXPECT_GT(d, 0);
    total += d;
    EXPECT_DOUBLE_EQ(steps[k].effective - steps[k].requested, r.self_service_delay);
    EXPECT_EQ(steps[k].path.kind, ScalingPathKind::SplitStep);
    EXPECT_EQ(steps[k].path.step, static_cast<int>(k + 1));
    EXPECT_EQ(steps[k].path.steps, 2);
  }
  EXPECT_EQ(total, 2500);
  EXPECT_EQ(steps[0].from, 1000);
  EXPECT_EQ(steps[1].from, steps[0].to);  // steps chain
  EXPECT_EQ(steps[1].to, 3500);
  EXPECT_DOUBLE_EQ(steps[1].requested, steps[0].effective);  // next step submitted when the previous is in force
}

TEST(SeatChangePlan, SplitStepCountAndBalanceForAnySize) {
  const SeatSpec r = rules("split");
  for (int delta : {2000, 3998, 3999, 5000, -2500, -7001}) {
    const auto steps = plan_change(10000, 10000 + delta, 0, r, 30, true);
    const int max_step = r.self_service_limit - 1;
    const size_t expected_n = static_cast<size_t>((std::abs(delta) + max_step - 1) / max_step);
    ASSERT_EQ(steps.size(), expected_n) << delta;
    int lo = 1 << 30, hi = 0;
    for (const auto& s : steps) {
      const int d = std::abs(s.to - s.from);
      lo = std::min(lo, d);
      hi = std::max(hi, d);
      EXPECT_LE(d, max_step);
      EXPECT_EQ(s.path.kind, ScalingPathKind::SplitStep);
      EXPECT_TRUE(s.path.autoscale);
      EXPECT_EQ(s.path.steps, static_cast<int>(expected_n));
    }
    EXPECT_LE(hi - lo, 1) << "steps as equal as possible";
    EXPECT_EQ(steps.back().to, 10000 + delta);
    EXPECT_DOUBLE_EQ(steps.back().effective, 30.0 * static_cast<double>(expected_n));
  }
}
