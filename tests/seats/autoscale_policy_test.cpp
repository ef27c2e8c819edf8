// The autoscaler's decision rules, without a clock: window, thresholds, cooldown, bounds, workforce.
#include <gtest/gtest.h>

#include <cmath>

#include "seats/autoscale_policy.hpp"

using namespace ccsim;
using namespace ccsim::seats;

namespace {
AutoscalePolicy queue_policy() {
  AutoscalePolicy p;
  p.enabled = true;
  p.metric = "queue_length";
  p.scale_out_above = 5;
  p.scale_in_below = 1;
  p.window = 300;
  p.cooldown = 600;
  p.step = 10;
  p.min_seats = 20;
  p.max_seats = 100;
  return p;
}
AutoscaleSample q(double t, double len) {
  AutoscaleSample s;
  s.time = t;
  s.queue_length = len;
  return s;
}
}  // namespace

TEST(AutoscalePolicy, WaitsForOneFullWindowThenScalesOut) {
  AutoscalePolicyState st(queue_policy());
  int seats = 50;
  // Samples every 60 s from t=60: the window (300 s) is full at t=360.
  for (double t = 60; t < 360; t += 60) EXPECT_FALSE(st.observe(q(t, 50), seats, 1000, 0).act()) << t;
  const AutoscaleDecision d = st.observe(q(360, 50), seats, 1000, 0);
  ASSERT_TRUE(d.act());
  EXPECT_EQ(d.target, 60);
  EXPECT_EQ(d.reason, ScalingReason::ScaleOut);
  EXPECT_DOUBLE_EQ(d.value, 50);  // the window mean of the queue
  EXPECT_DOUBLE_EQ(d.bound, queue_policy().scale_out_above);
}

TEST(AutoscalePolicy, WindowMeanNotLastSample) {
  AutoscalePolicyState st(queue_policy());
  // Mean over the last 300 s (samples at 120..360): one spike of 21 among zeros -> mean 4.2 < 5: no action.
  for (double t = 60; t <= 300; t += 60) st.observe(q(t, 0), 50, 1000, 0);
  EXPECT_FALSE(st.observe(q(360, 21), 50, 1000, 0).act());
  EXPECT_NEAR(st.last_value(), 21.0 / 5.0, 1e-12);
  // Next sample, 10: window 120..420 holds 0,0,0,21,10 -> 6.2 > 5: scale out.
  EXPECT_TRUE(st.observe(q(420, 10), 50, 1000, 0).act());
  EXPECT_NEAR(st.last_value(), 31.0 / 5.0, 1e-12);
}

TEST(AutoscalePolicy, CooldownBetweenActions) {
  AutoscalePolicyState st(queue_policy());
  int seats = 50;
  int actions = 0;
  double last = -1;
  for (double t = 60; t <= 3600; t += 60) {
    const AutoscaleDecision d = st.observe(q(t, 50), seats, 1000, 0);
    if (d.act()) {
      if (last >= 0) {
        EXPECT_GE(t - last, 600.0 - 1e-9);
      }
      last = t;
      seats = d.target;
      ++actions;
    }
  }
  // At 360, 960, 1560, 2160, 2760: 50 -> 60 -> 70 -> 80 -> 90 -> 100; at 3360 the max bound stops it.
  EXPECT_EQ(actions, 5);
  EXPECT_EQ(seats, 100);
}

TEST(AutoscalePolicy, OnlySeatsScheduledAgents) {
  AutoscalePolicyState st(queue_policy());
  for (double t = 60; t < 360; t += 60) st.observe(q(t, 50), 50, 54, 2);
  const AutoscaleDecision d = st.observe(q(360, 50), 50, 54, 2);
  ASSERT_TRUE(d.act());
  EXPECT_EQ(d.target, 56);  // 54 agents on duty + 2 admins, not 50 + 10
  AutoscalePolicyState st2(queue_policy());
  for (double t = 60; t <= 360; t += 60) EXPECT_FALSE(st2.observe(q(t, 50), 50, 48, 2).act()) << "nobody to seat";
}

TEST(AutoscalePolicy, ScalesInToMinimum) {
  AutoscalePolicyState st(queue_policy());
  int seats = 25;
  for (double t = 60; t <= 2000; t += 60) {
    const AutoscaleDecision d = st.observe(q(t, 0), seats, 1000, 0);
    if (d.act()) seats = d.target;
  }
  EXPECT_EQ(seats, 20);  // 25 - 10 would go below min_seats
}

TEST(AutoscalePolicy, ServiceLevelFromCountersOverTheWindow) {
  AutoscalePolicy p = queue_policy();
  p.metric = "service_level";
  p.scale_out_above = 0.8;  // scale out below 80%
  p.scale_in_below = 0.95;  // scale in above 95%
  AutoscalePolicyState st(p);
  auto s = [](double t, double ans, double within) {
    AutoscaleSample x;
    x.time = t;
    x.answered = ans;
    x.answered_within_t = within;
    return x;
  };
  // Good history (cumulative 1000 answered, 990 within T), nothing answered for a while, then 100 answered
  // with 70 within T in the last window.
  for (double t = 60; t <= 360; t += 60) EXPECT_FALSE(st.observe(s(t, 1000, 990), 50, 1000, 0).act());
  const AutoscaleDecision d = st.observe(s(420, 1100, 1060), 50, 1000, 0);
  EXPECT_NEAR(st.last_value(), 70.0 / 100.0, 1e-12);  // baseline = the sample at 120 (window start)
  ASSERT_TRUE(d.act());
  EXPECT_EQ(d.target, 60);
  // No answered call in the window: undefined, no action.
  AutoscalePolicyState idle(p);
  for (double t = 60; t <= 900; t += 60) EXPECT_FALSE(idle.observe(s(t, 5, 5), 50, 1000, 0).act());
  EXPECT_TRUE(std::isnan(idle.last_value()));
}
