// Capacity searches end to end (each point runs replications in forked workers; this process never starts
// SimGrid): staffing on an Erlang C case returns the formula's staffing, max load is monotone in staffing,
// and the CLI exits 3 when the base load already breaks a target.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "capacity/erlang.hpp"
#include "capacity/max_load.hpp"
#include "capacity/staffing_search.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
using namespace ccsim::capacity;

namespace {

// M/M/N: Poisson arrivals, exponential handle, infinitely patient callers, no IVR, no trunk limit.
std::string mmn(int agents, double rate_per_hour, const std::string& length = "8h") {
  return R"(
name: erlang-c-case
horizon: {start: 2026-03-16T00:00, length: )" + length + R"(, interval: 1h}
seed: 11
replications: 3
tenants:
  - name: acme
    groups:
      - {name: support, agents: )" + std::to_string(agents) + R"(}
    call_types:
      - name: support
        arrivals: {rate: )" + std::to_string(rate_per_hour) + R"(/h}
        route: [support]
        handle: {dist: exponential, mean: 3min}
        service_level: {threshold: 20s, target: 85%}
)";
}

// Independent Erlang C: P(wait <= t) of M/M/n with offered load a.
double sl_erlang_c(double a, int n, double t, double aht) {
  if (n <= a) return 0;
  double term = 1, sum = 1;
  for (int k = 1; k < n; ++k) {
    term *= a / k;
    sum += term;
  }
  const double top = term * a / n * n / (n - a);
  return 1 - top / (sum + top) * std::exp(-(n - a) * t / aht);
}

// Like small-center without its IVR and trunks: ~10 Erlangs offered to one group, impatient callers (5 min
// exponential patience). `profile` is an optional hourly day_profile.
std::string impatient(int agents, const std::string& length, const std::string& profile = "") {
  return R"(
name: impatient-case
horizon: {start: 2026-03-16T00:00, length: )" + length + R"(, interval: 1h}
seed: 5
replications: 3
tenants:
  - name: acme
    groups:
      - {name: support, agents: )" + std::to_string(agents) + R"(}
    call_types:
      - name: support
        arrivals: {rate: 200/h)" + (profile.empty() ? "" : ", profile_interval: 1h, day_profile: " + profile) + R"(}
        route: [support]
        handle: {dist: exponential, mean: 3min}
        patience: {dist: exponential, mean: 5min}
        service_level: {threshold: 20s, target: 80%}
)";
}

TrialOptions quick() {
  TrialOptions t;
  t.replications = 3;
  t.max_replications = 6;
  t.jobs = 2;
  return t;
}

}  // namespace

TEST(CapacityStaffing, ErlangCCaseGivesTheFormulasStaffing) {
  const Scenario sc = load_scenario_text(mmn(20, 80), "erlang-c.yaml");
  const double a = 80.0 / 3600 * 180;  // 4 Erlangs
  int expected = 1;
  while (sl_erlang_c(a, expected, 20, 180) < 0.85) ++expected;
  ASSERT_EQ(expected, 7);  // the case is chosen so that 6 agents (77%) and 7 (90%) are far apart
  const std::vector<Target> targets = {parse_target("service_level=85%", sc)};
  for (int offset : {0, -2, 3}) {  // the simulation must find it from a wrong start too
    StaffingOptions opt;
    opt.trial = quick();
    opt.seed_offset = offset;
    const StaffingResult r = search_staffing(sc, targets, opt);
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_TRUE(r.met);
    EXPECT_FALSE(r.per_interval);
    EXPECT_EQ(r.groups[0].method, "erlang_c");
    ASSERT_EQ(r.groups[0].seed.size(), 1u);
    EXPECT_EQ(r.groups[0].seed[0], expected);
    EXPECT_EQ(r.groups[0].agents[0], expected) << "start offset " << offset;
    ASSERT_EQ(r.seats.size(), 1u);
    EXPECT_EQ(r.seats[0].seats_needed, expected);  // no admins
  }
}

// The invariant between `ccsim run` and the staffing search: when a run of the scenario's own staffing shows a
// target met (the call-type figures of the run, tenant_checks), the search never asks for more agents in any
// interval. With one group the group's figures the search checks must be the call type's figures.
TEST(CapacityStaffing, NeverAsksMoreThanARunProvesSufficient) {
  const int own = 12;
  const Scenario sc = load_scenario_text(impatient(own, "8h"), "impatient.yaml");
  for (const char* text : {"abandonment=5%", "abandonment@interval=10%", "service_level=80%"}) {
    const std::vector<Target> targets = {parse_target(text, sc)};
    TrialOptions to = quick();
    to.stop_on_break = false;
    const Trial run = run_trial(
        sc, to, [&](const Summary& s, const std::vector<RepResult>& reps) { return tenant_checks(sc, targets, s, reps); },
        [&](const Check& c) { return targets[static_cast<size_t>(c.target)].at_least(); },
        [&](const Check& c) { return targets[static_cast<size_t>(c.target)].value; });
    ASSERT_TRUE(run.holds) << text << " mean " << run.checks.at(0).estimate.mean << " [" << run.checks.at(0).estimate.lo << ", " << run.checks.at(0).estimate.hi << "]: the scenario's own staffing must meet the target for this test";
    StaffingOptions opt;
    opt.trial = quick();
    const StaffingResult r = search_staffing(sc, targets, opt);
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_TRUE(r.met) << text;
    for (size_t i = 0; i < r.groups[0].agents.size(); ++i)
      EXPECT_LE(r.groups[0].agents[i], own) << text << " count " << i;
  }
}

// Quiet intervals (a few calls at night) are staffed by the Erlang formula for their own load and are not
// judged by simulation; busy intervals still are. The threshold is an option; 0 judges every interval.
TEST(CapacityStaffing, QuietIntervalsAreStaffedByTheFormula) {
  // Hours 0-5: 200/h x 0.025 = 5 calls/h; the rest of the day 200/h.
  std::string profile = "[";
  for (int hour = 0; hour < 24; ++hour) profile += std::string(hour ? ", " : "") + (hour < 6 ? "0.025" : "1");
  profile += "]";
  const Scenario sc = load_scenario_text(impatient(12, "12h", profile), "night.yaml");
  const std::vector<Target> targets = {parse_target("abandonment@interval=5%", sc)};
  StaffingOptions opt;
  opt.trial = quick();
  const StaffingResult r = search_staffing(sc, targets, opt);
  ASSERT_TRUE(r.per_interval);
  ASSERT_EQ(r.groups.size(), 1u);
  const GroupStaffing& g = r.groups[0];
  ASSERT_EQ(g.agents.size(), 12u);
  EXPECT_TRUE(r.met);
  EXPECT_DOUBLE_EQ(r.min_interval_calls, kDefaultMinIntervalCalls);
  // Erlang A for 5 calls/h, 180 s handle, 300 s patience at <= 5% abandonment, computed here.
  const double lambda = 5.0 / 3600;
  int formula = 1;
  while (erlang_a(lambda, 180, 300, formula, 20).p_abandon > 0.05) ++formula;
  for (int i = 0; i < 12; ++i) {
    const bool night = i < 6;
    EXPECT_NEAR(g.offered_calls[static_cast<size_t>(i)], night ? 5.0 : 200.0, 1e-6) << i;
    EXPECT_EQ(g.by_formula[static_cast<size_t>(i)], night) << i;
    if (night) {
      EXPECT_EQ(g.agents[static_cast<size_t>(i)], formula) << i;
    }
  }
  for (const auto& c : r.final_checks) EXPECT_GE(c.interval, 6) << "a quiet interval was judged by simulation";
  // With the rule off every interval is judged by simulation.
  opt.min_interval_calls = 0;
  const StaffingResult all = search_staffing(sc, targets, opt);
  for (bool q : all.groups[0].by_formula) EXPECT_FALSE(q);
}

TEST(CapacityCli, MinIntervalCallsMustBeANonNegativeNumber) {
  const std::string dir = test::temp_dir();
  const std::string path = test::write_file(dir, "s.yaml", mmn(7, 80, "2h"));
  EXPECT_EQ(cli::cmd_capacity({path, "--mode", "staffing", "--min-interval-calls", "-1", "-q"}), kExitBadInput);
}

TEST(CapacityMaxLoad, MonotoneInStaffing) {
  double last = 0;
  // 4 Erlangs: 7 agents give 90% (Erlang C), so x1 holds for each.
  for (int agents : {7, 9, 12}) {
    const Scenario sc = load_scenario_text(mmn(agents, 80, "4h"), "mmn.yaml");
    MaxLoadOptions opt;
    opt.trial = quick();
    opt.tolerance = 0.05;
    const MaxLoadResult r = search_max_load(sc, {parse_target("service_level=80%", sc)}, opt);
    ASSERT_TRUE(r.base_holds) << agents;
    EXPECT_FALSE(r.capped);
    EXPECT_GT(r.breaking_multiplier, r.max_multiplier);
    EXPECT_LE((r.breaking_multiplier - r.max_multiplier) / r.max_multiplier, 0.05 + 1e-12);
    EXPECT_GE(r.max_multiplier, last) << agents << " agents";
    EXPECT_EQ(r.binding.resource, "agents");
    // Erlang C bound: the max multiplier cannot exceed the load at which the agents are saturated.
    EXPECT_LT(r.max_multiplier * 4.0, agents);
    last = r.max_multiplier;
  }
}

// A blended team (12 agents, ~6 Erlangs inbound) working a small campaign: scaling the contact list keeps the
// agents on outbound calls longer, until inbound's 80/20 breaks. Keeping agents free for inbound must allow a
// campaign at least as large.
std::string blended(int keep_free) {
  return R"(
name: blended-case
horizon: {start: 2026-03-16T00:00, length: 6h, interval: 1h}
seed: 3
replications: 3
tenants:
  - name: acme
    groups: [{name: support}, {name: out}]
    agents: [{name: team, skills: [support, out], agents: 12}]
    call_types:
      - {name: support, arrivals: {rate: 120/h}, route: [support], handle: {dist: exponential, mean: 3min},
         service_level: {threshold: 20s, target: 80%}}
    blending: {keep_free: )" + std::to_string(keep_free) + R"(}
    campaigns:
      - {name: c, group: out, contacts: 20, attempts: 1, outcomes: {person: 100%}, ring_time: 10s,
         handle: {dist: exponential, mean: 4min}}
)";
}

TEST(CapacityMaxLoad, LargestCampaignThatKeepsInboundAtTarget) {
  double without = 0;
  for (int keep_free : {0, 3}) {
    const Scenario sc = load_scenario_text(blended(keep_free), "blended.yaml");
    Scenario scaled = sc;
    scale_campaigns(scaled, 2.5);
    ASSERT_EQ(scaled.tenants[0].campaigns[0].contacts.size(), 50u);
    MaxLoadOptions opt;
    opt.trial = quick();
    opt.tolerance = 0.1;
    opt.scale = ScaleWhat::Campaigns;
    const MaxLoadResult r = search_max_load(sc, {parse_target("service_level=80%", sc)}, opt);
    ASSERT_TRUE(r.base_holds) << keep_free;
    EXPECT_EQ(r.scaled, ScaleWhat::Campaigns);
    if (keep_free == 0) {
      EXPECT_FALSE(r.capped) << "an unlimited campaign on every idle agent must break inbound's 80/20";
      EXPECT_GT(r.breaking_multiplier, r.max_multiplier);
      without = r.max_multiplier;
    } else {
      EXPECT_GE(r.max_multiplier, without) << "keeping agents free for inbound cannot shrink the campaign";
    }
  }
}

TEST(CapacityCli, BaseLoadBreakingExitsThree) {
  const std::string dir = test::temp_dir();
  const std::string path = test::write_file(dir, "s.yaml", mmn(4, 80, "2h"));  // 4 agents for 4 Erlangs
  const int rc = cli::cmd_capacity({path, "--target", "service_level=80%", "-r", "2", "-q", "--json", dir + "/c.json"});
  EXPECT_EQ(rc, kExitTargetBreached);
  const auto doc = nlohmann::json::parse(test::read_file(dir + "/c.json"));
  EXPECT_EQ(doc["base_holds"], false);
  EXPECT_EQ(doc["first_target_to_break"]["metric"], "service_level");
}

TEST(CapacityTargets, ParseAndReject) {
  const Scenario sc = load_scenario_text(mmn(5, 80), "mmn.yaml");
  const Target t = parse_target("acme:abandonment@interval=5%", sc);
  EXPECT_EQ(t.metric, Metric::Abandonment);
  EXPECT_EQ(t.scope, Scope::Interval);
  EXPECT_DOUBLE_EQ(t.value, 0.05);
  EXPECT_FALSE(t.at_least());
  for (const char* bad : {"service_level", "latency=3", "service_level=high", "nobody:blocking=1%",
                          "service_level@daily=80%", "blocking=150%"})
    EXPECT_THROW(parse_target(bad, sc), InputError) << bad;
}

TEST(CapacityTargets, DecisionRule) {
  Estimate e;
  e.n = 3;
  e.mean = 0.82;
  e.lo = 0.79;
  e.hi = 0.85;
  EXPECT_EQ(decide(e, 0.8, true), Verdict::Undecided);
  EXPECT_EQ(decide_by_mean(e, 0.8, true), Verdict::Holds);
  EXPECT_EQ(decide(e, 0.78, true), Verdict::Holds);
  EXPECT_EQ(decide(e, 0.86, true), Verdict::Breaks);
  EXPECT_EQ(decide(e, 0.86, false), Verdict::Holds);  // <= 0.86
  EXPECT_EQ(decide(e, 0.78, false), Verdict::Breaks);
  Estimate none;  // no call in the interval
  EXPECT_EQ(decide(none, 0.8, true), Verdict::Holds);
}
