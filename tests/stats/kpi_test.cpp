// KPI formulas on hand-built counter tables: every expected value is computed here from the documented
// formula over the counters we put in, never read back from the program.
#include "stats/kpi.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

namespace ccsim {
namespace {

Horizon horizon(double length, double interval = 1800, double warmup = 0) {
  Horizon h;
  h.length = length;
  h.interval = interval;
  h.warmup = warmup;
  return h;
}

// A call-type table of 3 rows with distinct, consistent counts per row.
CounterTable call_type_table() {
  CounterTable t;
  t.init(3, CT_NFIELDS);
  for (int r = 0; r < 3; ++r) {
    const double k = r + 1;  // 1, 2, 3
    t.at(r, CT_OFFERED) = 100 * k;
    t.at(r, CT_RETRIALS) = 5 * k;
    t.at(r, CT_BLOCKED_TRUNK) = 2 * k;
    t.at(r, CT_FAILED_PLATFORM) = 1 * k;
    t.at(r, CT_DROPPED) = 0.5 * k;
    t.at(r, CT_IVR_SELF) = 10 * k;
    t.at(r, CT_IVR_ABANDON) = 3 * k;
    t.at(r, CT_TRANSFER_LOST) = 1 * k;
    t.at(r, CT_BLOCKED_QUEUE) = 4 * k;
    t.at(r, CT_QUEUED) = 79 * k;
    t.at(r, CT_ABANDONED) = 9 * k;
    t.at(r, CT_ABANDONED_AFTER_T) = 6 * k;
    t.at(r, CT_ANSWERED) = 70 * k;
    t.at(r, CT_ANSWERED_WITHIN_T) = 50 * k + r;  // not proportional, so ranges differ
    t.at(r, CT_WAIT_SUM) = 700 * k + 11 * r;
    t.at(r, CT_ABANDON_WAIT_SUM) = 400 * k;
    t.at(r, CT_HANDLE_SUM) = 12600 * k;
    t.at(r, CT_WRAPUP_SUM) = 2100 * k + r;
  }
  return t;
}

TEST(Kpi, NamesAreUniqueAndComplete) {
  std::set<std::string> ct, gr, tr;
  for (int k = 0; k < CK_COUNT; ++k) ct.insert(ct_kpi_name(k));
  for (int k = 0; k < GK_COUNT; ++k) gr.insert(gr_kpi_name(k));
  for (int k = 0; k < TK_COUNT; ++k) tr.insert(tr_kpi_name(k));
  EXPECT_EQ(ct.size(), static_cast<size_t>(CK_COUNT));
  EXPECT_EQ(gr.size(), static_cast<size_t>(GK_COUNT));
  EXPECT_EQ(tr.size(), static_cast<size_t>(TK_COUNT));
  EXPECT_STREQ(ct_kpi_name(CK_SL_OFFERED), "sl_offered");
  EXPECT_STREQ(gr_kpi_name(GK_OCCUPANCY), "occupancy");
  EXPECT_STREQ(tr_kpi_name(TK_BLOCKING), "blocking");
  EXPECT_EQ(ct_kpi_unit(CK_ASA), KpiUnit::Seconds);
  EXPECT_EQ(gr_kpi_unit(GK_MEAN_QUEUE), KpiUnit::Level);
}

TEST(Kpi, CallTypeFormulasOverAllRows) {
  const CounterTable t = call_type_table();
  const Horizon h = horizon(3 * 1800);
  const CtKpis k = call_type_kpis(t, overall_span(h, 3));
  auto sum = [&](int f) { return t.at(0, f) + t.at(1, f) + t.at(2, f); };
  EXPECT_DOUBLE_EQ(k[CK_OFFERED], sum(CT_OFFERED));
  EXPECT_DOUBLE_EQ(k[CK_RETRIALS], sum(CT_RETRIALS));
  EXPECT_DOUBLE_EQ(k[CK_BLOCKED_TRUNK], sum(CT_BLOCKED_TRUNK));
  EXPECT_DOUBLE_EQ(k[CK_BLOCKING_RATE], sum(CT_BLOCKED_TRUNK) / sum(CT_OFFERED));
  EXPECT_DOUBLE_EQ(k[CK_FAILED_PLATFORM], sum(CT_FAILED_PLATFORM));
  EXPECT_DOUBLE_EQ(k[CK_DROPPED], sum(CT_DROPPED));
  EXPECT_DOUBLE_EQ(k[CK_IVR_SELF_SERVED], sum(CT_IVR_SELF));
  EXPECT_DOUBLE_EQ(k[CK_IVR_ABANDONED], sum(CT_IVR_ABANDON));
  EXPECT_DOUBLE_EQ(k[CK_TRANSFERRED], sum(CT_TRANSFER_LOST) + sum(CT_BLOCKED_QUEUE) + sum(CT_QUEUED));
  EXPECT_DOUBLE_EQ(k[CK_TRANSFER_LOST], sum(CT_TRANSFER_LOST));
  EXPECT_DOUBLE_EQ(k[CK_BLOCKED_QUEUE], sum(CT_BLOCKED_QUEUE));
  EXPECT_DOUBLE_EQ(k[CK_QUEUED], sum(CT_QUEUED));
  EXPECT_DOUBLE_EQ(k[CK_ABANDONED], sum(CT_ABANDONED));
  EXPECT_DOUBLE_EQ(k[CK_ABANDONED_AFTER_T], sum(CT_ABANDONED_AFTER_T));
  EXPECT_DOUBLE_EQ(k[CK_ANSWERED], sum(CT_ANSWERED));
  EXPECT_DOUBLE_EQ(k[CK_ANSWERED_WITHIN_T], sum(CT_ANSWERED_WITHIN_T));
  EXPECT_DOUBLE_EQ(k[CK_SL_ANSWERED], sum(CT_ANSWERED_WITHIN_T) / sum(CT_ANSWERED));
  EXPECT_DOUBLE_EQ(k[CK_SL_OFFERED],
                   sum(CT_ANSWERED_WITHIN_T) / (sum(CT_ANSWERED) + sum(CT_ABANDONED_AFTER_T)));
  EXPECT_DOUBLE_EQ(k[CK_ASA], sum(CT_WAIT_SUM) / sum(CT_ANSWERED));
  EXPECT_DOUBLE_EQ(k[CK_AHT], (sum(CT_HANDLE_SUM) + sum(CT_WRAPUP_SUM)) / sum(CT_ANSWERED));
  EXPECT_DOUBLE_EQ(k[CK_TALK_TIME], sum(CT_HANDLE_SUM) / sum(CT_ANSWERED));
  EXPECT_DOUBLE_EQ(k[CK_ABANDON_WAIT], sum(CT_ABANDON_WAIT_SUM) / sum(CT_ABANDONED));
  EXPECT_DOUBLE_EQ(k[CK_ABANDONMENT_RATE], sum(CT_ABANDONED) / sum(CT_QUEUED));
  // The two service-level forms differ exactly by the late abandons in the denominator.
  EXPECT_LT(k[CK_SL_OFFERED], k[CK_SL_ANSWERED]);
}

TEST(Kpi, SingleRowUsesOnlyThatRow) {
  const CounterTable t = call_type_table();
  const Horizon h = horizon(3 * 1800);
  const CtKpis k = call_type_kpis(t, row_span(h, 1));
  EXPECT_DOUBLE_EQ(k[CK_OFFERED], t.at(1, CT_OFFERED));
  EXPECT_DOUBLE_EQ(k[CK_SL_ANSWERED], t.at(1, CT_ANSWERED_WITHIN_T) / t.at(1, CT_ANSWERED));
  EXPECT_DOUBLE_EQ(k[CK_ASA], t.at(1, CT_WAIT_SUM) / t.at(1, CT_ANSWERED));
}

TEST(Kpi, UndefinedRatiosAreNaNNotZero) {
  CounterTable t;
  t.init(1, CT_NFIELDS);
  t.at(0, CT_OFFERED) = 4;
  t.at(0, CT_IVR_SELF) = 4;  // everyone self-served: nobody queued or answered
  const CtKpis k = call_type_kpis(t, row_span(horizon(1800), 0));
  EXPECT_DOUBLE_EQ(k[CK_BLOCKING_RATE], 0.0);  // 0 of 4 blocked is a defined 0
  EXPECT_TRUE(std::isnan(k[CK_SL_ANSWERED]));
  EXPECT_TRUE(std::isnan(k[CK_SL_OFFERED]));
  EXPECT_TRUE(std::isnan(k[CK_ASA]));
  EXPECT_TRUE(std::isnan(k[CK_AHT]));
  EXPECT_TRUE(std::isnan(k[CK_ABANDONMENT_RATE]));
  EXPECT_DOUBLE_EQ(k[CK_ANSWERED], 0.0);
}

TEST(Kpi, WarmupDropsWholeIntervalsThatStartInsideIt) {
  EXPECT_EQ(first_counted_row(horizon(86400, 1800, 0)), 0);
  EXPECT_EQ(first_counted_row(horizon(86400, 1800, 3600)), 2);     // exactly two intervals
  EXPECT_EQ(first_counted_row(horizon(86400, 1800, 3601)), 3);     // the third starts inside the warm-up
  EXPECT_EQ(first_counted_row(horizon(86400, 1800, 1)), 1);
  const RowSpan s = overall_span(horizon(4 * 1800, 1800, 3600), 4);
  EXPECT_EQ(s.first, 2);
  EXPECT_EQ(s.last, 4);
  EXPECT_DOUBLE_EQ(s.seconds, 2 * 1800.0);
  // A warm-up longer than the horizon leaves nothing.
  EXPECT_TRUE(overall_span(horizon(2 * 1800, 1800, 10 * 1800), 2).empty());

  const CounterTable t = call_type_table();
  const CtKpis k = call_type_kpis(t, overall_span(horizon(3 * 1800, 1800, 1800), 3));
  EXPECT_DOUBLE_EQ(k[CK_OFFERED], t.at(1, CT_OFFERED) + t.at(2, CT_OFFERED));
}

TEST(Kpi, LastPartialIntervalIsShorter) {
  const Horizon h = horizon(5000, 1800);  // 1800 + 1800 + 1400
  ASSERT_EQ(h.num_intervals(), 3);
  EXPECT_DOUBLE_EQ(interval_seconds(h, 0), 1800.0);
  EXPECT_DOUBLE_EQ(interval_seconds(h, 2), 5000.0 - 2 * 1800);
  EXPECT_DOUBLE_EQ(overall_span(h, 3).seconds, 5000.0);
}

TEST(Kpi, GroupFormulas) {
  const Horizon h = horizon(5000, 1800);
  CounterTable t;
  t.init(3, GR_NFIELDS);
  const double queue_max[3] = {7, 12, 3};
  for (int r = 0; r < 3; ++r) {
    t.at(r, GR_QUEUED) = 40 + r;
    t.at(r, GR_ANSWERED) = 35 + r;
    t.at(r, GR_ANSWERED_WITHIN_T) = 30 + r;
    t.at(r, GR_ABANDONED) = 5;
    t.at(r, GR_WAIT_SUM) = 500 + 10 * r;
    t.at(r, GR_HANDLE_SUM) = 6000 + r;
    t.at(r, GR_BUSY_TIME) = 9000 + 100 * r;
    t.at(r, GR_STAFFED_TIME) = 10 * interval_seconds(h, r);  // 10 agents logged in
    t.at(r, GR_QUEUE_AREA) = 2500 + 300 * r;
    t.at(r, GR_QUEUE_MAX) = queue_max[r];
    t.at(r, GR_UNSEATED_TIME) = 2 * interval_seconds(h, r);
  }
  const GrKpis k = group_kpis(t, overall_span(h, 3));
  auto sum = [&](int f) { return t.at(0, f) + t.at(1, f) + t.at(2, f); };
  EXPECT_DOUBLE_EQ(k[GK_QUEUED], sum(GR_QUEUED));
  EXPECT_DOUBLE_EQ(k[GK_ANSWERED], sum(GR_ANSWERED));
  EXPECT_DOUBLE_EQ(k[GK_ANSWERED_WITHIN_T], sum(GR_ANSWERED_WITHIN_T));
  EXPECT_DOUBLE_EQ(k[GK_ABANDONED], sum(GR_ABANDONED));
  EXPECT_DOUBLE_EQ(k[GK_SL_ANSWERED], sum(GR_ANSWERED_WITHIN_T) / sum(GR_ANSWERED));
  EXPECT_DOUBLE_EQ(k[GK_ASA], sum(GR_WAIT_SUM) / sum(GR_ANSWERED));
  EXPECT_DOUBLE_EQ(k[GK_TALK_TIME], sum(GR_HANDLE_SUM) / sum(GR_ANSWERED));
  EXPECT_DOUBLE_EQ(k[GK_ABANDONMENT_RATE], sum(GR_ABANDONED) / sum(GR_QUEUED));
  EXPECT_DOUBLE_EQ(k[GK_OCCUPANCY], sum(GR_BUSY_TIME) / sum(GR_STAFFED_TIME));
  EXPECT_DOUBLE_EQ(k[GK_STAFFED_AGENTS], 10.0);
  EXPECT_DOUBLE_EQ(k[GK_UNSEATED_AGENTS], 2.0);
  EXPECT_DOUBLE_EQ(k[GK_BUSY_AGENTS], sum(GR_BUSY_TIME) / 5000.0);
  EXPECT_DOUBLE_EQ(k[GK_MEAN_QUEUE], sum(GR_QUEUE_AREA) / 5000.0);
  EXPECT_DOUBLE_EQ(k[GK_MAX_QUEUE], 12.0);
  // Per interval: the row's own seconds, the row's own max.
  const GrKpis last = group_kpis(t, row_span(h, 2));
  EXPECT_DOUBLE_EQ(last[GK_MEAN_QUEUE], t.at(2, GR_QUEUE_AREA) / 1400.0);
  EXPECT_DOUBLE_EQ(last[GK_MAX_QUEUE], 3.0);
}

TEST(Kpi, TrunkFormulas) {
  const Horizon h = horizon(3 * 1800);
  CounterTable t;
  t.init(3, TR_NFIELDS);
  const double busy_max[3] = {20, 30, 25};
  for (int r = 0; r < 3; ++r) {
    t.at(r, TR_ATTEMPTS) = 300 + 10 * r;
    t.at(r, TR_BLOCKED) = r * 4;
    t.at(r, TR_BUSY_AREA) = (15 + r) * 1800.0;  // 15, 16, 17 channels busy on average
    t.at(r, TR_BUSY_MAX) = busy_max[r];
  }
  const int channels = 30;
  const TrKpis k = trunk_kpis(t, overall_span(h, 3), channels);
  EXPECT_DOUBLE_EQ(k[TK_ATTEMPTS], 300.0 + 310 + 320);
  EXPECT_DOUBLE_EQ(k[TK_BLOCKED], 0.0 + 4 + 8);
  EXPECT_DOUBLE_EQ(k[TK_BLOCKING], 12.0 / 930.0);
  EXPECT_DOUBLE_EQ(k[TK_MEAN_BUSY], 16.0);
  EXPECT_DOUBLE_EQ(k[TK_OCCUPANCY], 16.0 / channels);
  EXPECT_DOUBLE_EQ(k[TK_MAX_BUSY], 30.0);
  const TrKpis first = trunk_kpis(t, row_span(h, 0), channels);
  EXPECT_DOUBLE_EQ(first[TK_OCCUPANCY], 15.0 / channels);
  EXPECT_DOUBLE_EQ(first[TK_BLOCKING], 0.0);
  // No channel configured: occupancy is undefined, not infinite.
  EXPECT_TRUE(std::isnan(trunk_kpis(t, row_span(h, 0), 0)[TK_OCCUPANCY]));
}

TEST(Kpi, PlannerFiguresFromAHandCounterSet) {
  // One interval: 100 queued, of which 80 answered (60 within T, 30 after some wait) and 15 abandoned (total wait
  // 450 s, 6 after T), 5 still waiting; 4 refused by a full queue, 6 by busy trunks.
  CounterTable t;
  t.init(1, CT_NFIELDS);
  t.at(0, CT_OFFERED) = 120;
  t.at(0, CT_BLOCKED_TRUNK) = 6;
  t.at(0, CT_BLOCKED_QUEUE) = 4;
  t.at(0, CT_QUEUED) = 100;
  t.at(0, CT_ANSWERED) = 80;
  t.at(0, CT_ANSWERED_WITHIN_T) = 60;
  t.at(0, CT_ANSWERED_WAITED) = 30;
  t.at(0, CT_ABANDONED) = 15;
  t.at(0, CT_ABANDONED_AFTER_T) = 6;
  t.at(0, CT_ABANDON_WAIT_SUM) = 450;
  const CtKpis k = call_type_kpis(t, row_span(horizon(1800), 0));
  EXPECT_DOUBLE_EQ(k[CK_P_WAIT], 30.0 / 80);                // answered after a wait / answered
  EXPECT_DOUBLE_EQ(k[CK_AGENT_OFFERED], 100.0 + 4 + 6);     // queued + blocked_queue + blocked_trunk
  EXPECT_DOUBLE_EQ(k[CK_SL_ALL_OFFERED], 60.0 / 110);       // within T / all offered
  EXPECT_DOUBLE_EQ(k[CK_ABANDONMENT_OFFERED], 15.0 / 110);  // abandoned / all offered
  EXPECT_DOUBLE_EQ(k[CK_ABANDONMENT_RATE], 15.0 / 100);     // abandoned / queued
  EXPECT_DOUBLE_EQ(k[CK_ABANDON_WAIT], 450.0 / 15);         // average abandon time
  EXPECT_DOUBLE_EQ(k[CK_SL_OFFERED], 60.0 / (80 + 6));
  EXPECT_TRUE(is_quotient(ct_kpi_unit(CK_P_WAIT)));
  EXPECT_FALSE(is_quotient(ct_kpi_unit(CK_AGENT_OFFERED)));
}

TEST(Kpi, GroupOffersWaitedAndPWait) {
  // 50 offers to the group: 20 answered at once, 30 had to wait; of those 25 answered and 5 abandoned.
  CounterTable t;
  t.init(1, GR_NFIELDS);
  t.at(0, GR_QUEUED) = 50;
  t.at(0, GR_WAITED) = 30;
  t.at(0, GR_ANSWERED) = 45;
  t.at(0, GR_ANSWERED_WAITED) = 25;
  t.at(0, GR_ABANDONED) = 5;
  const GrKpis k = group_kpis(t, row_span(horizon(1800), 0));
  EXPECT_DOUBLE_EQ(k[GK_QUEUED], 50.0);
  EXPECT_DOUBLE_EQ(k[GK_WAITED], 30.0);
  EXPECT_DOUBLE_EQ(k[GK_P_WAIT], 25.0 / 45);
  EXPECT_DOUBLE_EQ(k[GK_ABANDONMENT_RATE], 5.0 / 50);  // over every offer, not over the 30 that waited
}

}  // namespace
}  // namespace ccsim
