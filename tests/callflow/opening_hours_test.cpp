// Opening hours and closing (docs/model.md "Opening hours and closing"): no arrivals while closed; at a close
// (and at the horizon end) callers already in the system drain (served or abandon) or are cut; every offered
// call ends with exactly one outcome.
#include <gtest/gtest.h>

#include "callflow/model_builder.hpp"
#include "callflow/opening_hours.hpp"
#include "callflow/simulation.hpp"
#include "core/error.hpp"
#include "scenario/loader.hpp"

using namespace ccsim;

namespace {

double total(const TenantRep& t, int field) { return t.ct[0].total(field); }

// The outcomes an attempt can end with; without a platform model nothing is dropped.
double outcomes(const TenantRep& t) {
  double s = 0;
  for (int f : {CT_BLOCKED_TRUNK, CT_FAILED_PLATFORM, CT_IVR_SELF, CT_IVR_ABANDON, CT_TRANSFER_LOST, CT_BLOCKED_QUEUE,
                CT_ABANDONED, CT_ANSWERED, CT_CUT_AT_CLOSE})
    s += total(t, f);
  return s;
}

int count(const TenantRep& t, CallOutcome o) {
  int n = 0;
  for (const auto& r : t.records) n += r.outcome == o;
  return n;
}

constexpr double kEight = 8 * 3600.0, kTen = 10 * 3600.0;

// Monday 08:00-10:00 open, five agents on duty exactly then, 400 calls/h of 60 s on 5 agents (6.7 erlangs):
// the queue grows all morning and is long at 10:00 when the schedule sends everyone home.
Scenario morning_scenario(AtClose rule) {
  Scenario sc = test::one_group_scenario(400, 5, 60, 12);  // 2026-03-02 is a Monday
  sc.call_records = true;
  Tenant& t = sc.tenants[0];
  t.pools[0].schedule = {{0.0, 0}, {kEight, 5}, {kTen, 0}};
  OpenWindow w;
  for (int d = 1; d < 7; ++d) w.days[d] = false;
  w.open = kEight;
  w.close = kTen;
  t.call_types[0].hours.windows = {w};
  t.call_types[0].hours.at_close = rule;
  return sc;
}

}  // namespace

TEST(OpeningHours, WindowsCrossingMidnightBelongToTheDayTheyOpen) {
  OpeningHours h;
  OpenWindow w;
  for (int d = 0; d < 7; ++d) w.days[d] = d == 4;  // Friday 22:00 to Saturday 06:00
  w.open = 22 * 3600.0;
  w.close = 6 * 3600.0;
  h.windows = {w};
  const int64_t fri = *parse_datetime("2026-03-06T00:00");  // a Friday
  EXPECT_FALSE(open_at(h, fri + 21 * 3600 + 3599));
  EXPECT_TRUE(open_at(h, fri + 22 * 3600));
  EXPECT_TRUE(open_at(h, fri + 86400 + 5 * 3600 + 3599));  // Saturday 05:59:59
  EXPECT_FALSE(open_at(h, fri + 86400 + 6 * 3600));
  EXPECT_FALSE(open_at(h, fri - 86400 + 23 * 3600));  // Thursday night: not a Friday window
  EXPECT_FALSE(open_at(h, fri + 2 * 86400 + 1 * 3600));  // Sunday 01:00: Saturday opens no window
}

TEST(OpeningHours, NoArrivalsWhileClosed) {
  RepResult r = simulate_with_heap(morning_scenario(AtClose::Drain), 0);
  const TenantRep& t = r.tenants[0];
  for (const auto& rec : t.records) {
    EXPECT_GE(rec.arrival, kEight);
    EXPECT_LT(rec.arrival, kTen);
  }
  // 2 h at 400/h: 800 expected, Poisson sd ~28.
  EXPECT_NEAR(total(t, CT_OFFERED), 800, 5 * 28.3);
}

TEST(OpeningHours, DrainAtCloseServesEveryWaitingCallerBeforeAgentsLeave) {
  RepResult r = simulate_with_heap(morning_scenario(AtClose::Drain), 0);
  const TenantRep& t = r.tenants[0];
  // Infinitely patient callers, agents who stay until the queue is empty: every call is answered.
  EXPECT_EQ(total(t, CT_ANSWERED), total(t, CT_OFFERED));
  EXPECT_EQ(total(t, CT_CUT_AT_CLOSE), 0);
  int after_close = 0;
  for (const auto& rec : t.records) after_close += rec.arrival + rec.wait > kTen;
  EXPECT_GT(after_close, 20);  // the queue at 10:00 was real
}

TEST(OpeningHours, CutAtCloseDisconnectsWaitingCallersAndNamesThem) {
  RepResult r = simulate_with_heap(morning_scenario(AtClose::Cut), 0);
  const TenantRep& t = r.tenants[0];
  EXPECT_GT(total(t, CT_CUT_AT_CLOSE), 20);
  EXPECT_EQ(count(t, CallOutcome::CutAtClose), total(t, CT_CUT_AT_CLOSE));
  for (const auto& rec : t.records) {
    if (rec.outcome == CallOutcome::Answered) {
      EXPECT_LE(rec.arrival + rec.wait, kTen);  // nobody answered after close
    }
    if (rec.outcome == CallOutcome::CutAtClose) {
      EXPECT_DOUBLE_EQ(rec.arrival + rec.wait, kTen);  // cut at 10:00
    }
  }
  EXPECT_EQ(outcomes(t), total(t, CT_OFFERED));
}

// Conservation: offered = blocked + failed + IVR outcomes + transfer lost + blocked by queue + abandoned +
// answered + cut, exactly, although the horizon ends on a long queue (overloaded: 10 erlangs on 8 agents).
TEST(OpeningHours, HorizonEndDrainGivesEveryOfferedCallAnOutcome) {
  Scenario sc = test::one_group_scenario(600, 8, 60, 2);
  Tenant& t = sc.tenants[0];
  t.call_types[0].patience = Distribution::exponential(600);
  t.call_types[0].retrial_abandoned.probability = 0.5;
  t.call_types[0].use_ivr = true;
  t.ivr.enabled = true;
  t.ivr.duration = Distribution::constant(20);
  t.ivr.self_service = 0.1;
  t.groups[0].queue_capacity = 60;
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& tr = r.tenants[0];
  EXPECT_GT(tr.minute.at(tr.minute.rows - 1, MIN_QUEUE_LEN), 5);  // the horizon ends on a queue
  EXPECT_EQ(outcomes(tr), total(tr, CT_OFFERED));
  EXPECT_EQ(total(tr, CT_CUT_AT_CLOSE), 0);  // drained within the limit: served or abandoned
  // The drain adds nothing to interval integrals: busy time never exceeds staffed time in the last interval.
  const int last = tr.gr[0].rows - 1;
  EXPECT_LE(tr.gr[0].at(last, GR_BUSY_TIME), tr.gr[0].at(last, GR_STAFFED_TIME) + 1e-6);
}

// Nobody on duty after 01:00 and infinitely patient callers: the drain cannot serve them; at the drain limit
// (02:00 + 30 min) they are cut. So every call arriving after 01:00 is cut, every cut happens at 02:30, and no
// call is answered after 01:00.
TEST(OpeningHours, CallersNobodyCanServeAreCutAtTheDrainLimit) {
  Scenario sc = test::one_group_scenario(120, 3, 60, 2);
  sc.call_records = true;
  sc.horizon.drain_limit = 1800;
  sc.tenants[0].pools[0].schedule = {{0.0, 3}, {3600.0, 0}};
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& t = r.tenants[0];
  int late = 0;
  for (const auto& rec : t.records) {
    late += rec.arrival >= 3600;
    if (rec.arrival >= 3600) {
      EXPECT_EQ(rec.outcome, CallOutcome::CutAtClose) << "arrival " << rec.arrival;
    }
    if (rec.outcome == CallOutcome::CutAtClose) {
      EXPECT_DOUBLE_EQ(rec.arrival + rec.wait, 9000);
    } else {
      EXPECT_EQ(rec.outcome, CallOutcome::Answered);
      EXPECT_LE(rec.arrival + rec.wait, 3600);
    }
  }
  EXPECT_GT(late, 50);
  EXPECT_GE(total(t, CT_CUT_AT_CLOSE), late);
  EXPECT_EQ(outcomes(t), total(t, CT_OFFERED));
}

TEST(OpeningHours, LoaderReadsTenantHoursAndCallTypeOverrides) {
  const Scenario s = load_scenario_text(
      "horizon: {drain_limit: 1h}\n"
      "tenants:\n"
      "  - name: a\n"
      "    hours:\n"
      "      at_close: cut\n"
      "      windows:\n"
      "        - {days: weekdays, open: '08:00', close: '20:00'}\n"
      "        - {days: sat, open: '22:00', close: '02:00'}\n"
      "    groups: [{name: g, agents: 1}]\n"
      "    call_types:\n"
      "      - {name: g, arrivals: {rate: 1}}\n"
      "      - {name: h, route: [g], arrivals: {rate: 1}, hours: {at_close: drain}}\n"
      "      - {name: k, route: [g], arrivals: {rate: 1}, hours: {windows: [{open: '00:00', close: '24:00'}]}}\n",
      "t.yaml");
  EXPECT_EQ(s.horizon.drain_limit, 3600);
  const auto& g = s.tenants[0].call_types[0].hours;
  ASSERT_EQ(g.windows.size(), 2u);
  EXPECT_EQ(g.at_close, AtClose::Cut);
  EXPECT_TRUE(g.windows[0].days[4]);
  EXPECT_FALSE(g.windows[0].days[5]);
  EXPECT_EQ(g.windows[0].open, 8 * 3600);
  EXPECT_EQ(g.windows[1].close, 2 * 3600);
  EXPECT_EQ(s.tenants[0].call_types[1].hours.at_close, AtClose::Drain);  // own rule, tenant's windows
  EXPECT_EQ(s.tenants[0].call_types[1].hours.windows.size(), 2u);
  ASSERT_EQ(s.tenants[0].call_types[2].hours.windows.size(), 1u);  // own windows, tenant's rule
  EXPECT_EQ(s.tenants[0].call_types[2].hours.at_close, AtClose::Cut);
  EXPECT_EQ(s.tenants[0].call_types[2].hours.windows[0].close, 86400);
}

TEST(OpeningHours, BadHoursAreLocatedErrors) {
  const std::string head = "tenants:\n  - name: a\n    groups: [{name: g, agents: 1}]\n    call_types:\n";
  const auto diag = [&](const std::string& ct) {
    try {
      load_scenario_text(head + ct, "t.yaml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(diag("      - {name: g, arrivals: {rate: 1}, hours: {at_close: stop}}\n").find("t.yaml:5:58: tenants[0].call_types[0].hours.at_close: invalid value 'stop' (expected one of: drain, cut)"),
            std::string::npos);
  EXPECT_NE(diag("      - {name: g, arrivals: {rate: 1}, hours: {windows: [{open: '08:00', close: '08:00'}]}}\n")
                .find("t.yaml:5:81: tenants[0].call_types[0].hours.windows[0].close: window closes when it opens"),
            std::string::npos);
  EXPECT_NE(diag("      - {name: g, arrivals: {rate: 1}, hours: {windows: [{open: '08:00:30', close: '09:00'}]}}\n")
                .find("tenants[0].call_types[0].hours.windows[0].open: time 08:00:30 is not a whole minute"),
            std::string::npos);
}
