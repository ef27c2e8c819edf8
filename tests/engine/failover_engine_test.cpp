// Faults and failover under the SimGrid engine. The Engine is a per-process singleton, so each run happens in a
// forked child that sends its RepResult back through a pipe (rep_result_io's exact encoding).
#include <gtest/gtest.h>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/engine_run.hpp"
#include "scenario/loader.hpp"
#include "stats/counters.hpp"
#include "sla/evaluate.hpp"
#include "stats/rep_result_io.hpp"
#include "support/engine_fork.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

namespace {

RepResult run_forked(const Scenario& sc, int replication = 0) { return test::run_engine_forked(sc, replication); }

// One tenant on two hosts of the main site; spares as asked; a crash drill of cc-1 at 01:00 for 30 min.
std::string scenario_yaml(const std::string& spares, const std::string& failover, const std::string& drill_extra,
                          const std::string& hypotheses = "") {
  return "name: t\n"
         "horizon: {start: 2026-03-16T00:00, length: 3h, interval: 30min}\n"
         "seed: 11\n"
         "platform:\n"
         "  sites: [{name: main}, {name: backup}]\n"
         "  hosts:\n"
         "    - {name: cc-1, site: main}\n"
         "    - {name: cc-2, site: main}\n" +
         spares +
         "  links: [{name: wan, from: main, to: backup}]\n"
         "  failover: {heartbeat: 5s, misses: 3, cold_restart: 60s" + failover + "}\n"
         "tenants:\n"
         "  - name: acme\n"
         "    hosts: [cc-1, cc-2]\n"
         "    groups: [{name: support, agents: 40}]\n"
         "    call_types:\n"
         "      - name: support\n"
         "        arrivals: {rate: 900/h}\n"
         "        route: [support]\n"
         "        handle: {dist: exponential, mean: 3min}\n"
         "drills:\n"
         "  - {name: crash1, start: 2026-03-16T01:00, kind: crash, target: {host: cc-1}, duration: 30min" +
         drill_extra + "}\n" + hypotheses;
}

const std::string kSpare = "    - {name: spare-1, site: main, standby: true}\n";

double total(const TenantRep& t, int field) {
  double s = 0;
  for (const auto& c : t.ct) s += c.total(field);
  return s;
}

}  // namespace

TEST(FailoverEngine, CrashTimelineIsExact) {
  const Scenario sc = load_scenario_text(scenario_yaml(kSpare, "", ""), "t.yaml");
  const RepResult r = run_forked(sc);
  ASSERT_EQ(r.incidents.size(), 1u);
  const Incident& in = r.incidents[0];
  const FailoverSpec& fo = sc.platform.failover;
  const double t0 = 3600;
  EXPECT_DOUBLE_EQ(in.start, t0);
  EXPECT_DOUBLE_EQ(in.detected, t0 + fo.heartbeat * fo.misses);
  EXPECT_DOUBLE_EQ(in.migrated, t0 + fo.heartbeat * fo.misses + fo.cold_restart);
  EXPECT_DOUBLE_EQ(in.recovered, in.migrated);
  EXPECT_DOUBLE_EQ(in.repaired, t0 + 1800);
  EXPECT_GT(in.calls_dropped, 0);
  // Half the requests (round robin over two slots) fail from the crash until the migration completes, and only
  // then: every HostDown failure of the ledger lies in those minutes, and the incident counted them all.
  const MinuteLedger& L = r.tenants[0].ledger;
  int64_t host_down = 0;
  for (size_t m = 0; m < L.minutes(); ++m) {
    const uint32_t f = L.failures[m][static_cast<int>(Cause::HostDown)];
    if (f > 0) {
      EXPECT_GE(m * 60.0 + 60, in.start) << m;
      EXPECT_LE(m * 60.0, in.migrated) << m;
    }
    host_down += f;
  }
  EXPECT_GT(host_down, 0);
  EXPECT_EQ(host_down, in.requests_failed);
  int64_t dropped = 0;
  for (const auto& row : L.failures.rows()) dropped += row[static_cast<int>(Cause::DroppedInProgress)];
  EXPECT_EQ(dropped, in.calls_dropped);
}

TEST(FailoverEngine, DroppedCallsRedial) {
  // No retrial policy: the only retrials are redials of dropped calls (every one of them with probability 1).
  const Scenario all = load_scenario_text(scenario_yaml(kSpare, ", redial_probability: 100%", ""), "t.yaml");
  const RepResult r = run_forked(all);
  ASSERT_EQ(r.incidents.size(), 1u);
  ASSERT_GT(r.incidents[0].calls_dropped, 0);
  EXPECT_EQ(total(r.tenants[0], CT_RETRIALS), static_cast<double>(r.incidents[0].calls_dropped));
  const Scenario none = load_scenario_text(scenario_yaml(kSpare, ", redial_probability: 0%", ""), "t.yaml");
  const RepResult r0 = run_forked(none);
  ASSERT_GT(r0.incidents[0].calls_dropped, 0);
  EXPECT_EQ(total(r0.tenants[0], CT_RETRIALS), 0.0);
}

TEST(FailoverEngine, NoStandbyMeansOutageUntilRepair) {
  const Scenario sc = load_scenario_text(scenario_yaml("", "", ""), "t.yaml");
  const RepResult r = run_forked(sc);
  ASSERT_EQ(r.incidents.size(), 1u);
  const Incident& in = r.incidents[0];
  EXPECT_DOUBLE_EQ(in.detected, 3600 + 15.0);
  EXPECT_LT(in.migrated, 0);
  EXPECT_DOUBLE_EQ(in.recovered, 3600 + 1800.0);
  EXPECT_NE(in.note.find("no standby capacity"), std::string::npos);
  // Requests keep failing until the repair: the last HostDown failure is in the repair's minute or just before.
  const MinuteLedger& L = r.tenants[0].ledger;
  size_t last = 0;
  for (size_t m = 0; m < L.minutes(); ++m)
    if (L.failures[m][static_cast<int>(Cause::HostDown)] > 0) last = m;
  EXPECT_GE(last, static_cast<size_t>((in.recovered - 120) / 60));
  EXPECT_LT(last, static_cast<size_t>(in.recovered / 60) + 1);
}

TEST(FailoverEngine, EqualSeedsGiveIdenticalResults) {
  Scenario sc = load_scenario_text(scenario_yaml(kSpare, "", ", blast_share: 50%"), "t.yaml");
  sc.platform.hosts[1].mtbf = 3600;  // random failures too
  sc.platform.hosts[1].mttr = 600;
  RepResult a = run_forked(sc, 2), b = run_forked(sc, 2);
  a.wall_seconds = b.wall_seconds = 0;
  EXPECT_GT(a.incidents.size(), 1u);
  EXPECT_EQ(encode_rep_result(a), encode_rep_result(b));
}

TEST(FailoverEngine, AnnouncedDrillIsExcludedUnannouncedIsNot) {
  const std::string dir = test::temp_dir();
  auto run = [&](bool announced) {
    const std::string f = test::write_file(dir, announced ? "a.yaml" : "u.yaml",
                                           scenario_yaml(kSpare, "", announced ? ", announced: true" : ", announced: false"));
    const auto res = test::run_ccsim({"run", f, "--json", "-", "-q", "--replications", "2"});
    EXPECT_EQ(res.exit_code, 0) << res.err;
    return nlohmann::json::parse(res.out)["platform"]["tenants"][0];
  };
  const auto a = run(true), u = run(false);
  const double a_counted = a["unavailable_minutes"]["announced_counted"]["mean"].get<double>();
  ASSERT_GT(a_counted, 0);  // the crash made minutes unavailable ...
  EXPECT_EQ(a["unavailable_minutes"]["as_contract"]["mean"].get<double>(), 0.0);  // ... the announcement excludes them
  EXPECT_GT(a["announced_minutes"]["mean"].get<double>(), 0.0);
  // Same seed, same faults: unannounced, they count in both views.
  EXPECT_EQ(u["unavailable_minutes"]["as_contract"]["mean"].get<double>(), a_counted);
  EXPECT_EQ(u["unavailable_minutes"]["announced_counted"]["mean"].get<double>(), a_counted);
  EXPECT_EQ(u["announced_minutes"]["mean"].get<double>(), 0.0);
}

TEST(FailoverEngine, FailedHypothesisExitsWith3) {
  const std::string dir = test::temp_dir();
  const std::string fail = test::write_file(
      dir, "fail.yaml", scenario_yaml(kSpare, "", "", "hypotheses:\n  - {check: \"recovery_time <= 30s\", scope: incident}\n"));
  const auto bad = test::run_ccsim({"run", fail, "--json", "-", "-q"});
  EXPECT_EQ(bad.exit_code, 3) << bad.err;
  const auto h = nlohmann::json::parse(bad.out)["platform"]["hypotheses"][0];
  EXPECT_FALSE(h["pass"].get<bool>());
  EXPECT_DOUBLE_EQ(h["worst_measured"].get<double>(), 15.0 + 60.0);  // detection + cold restart
  const std::string ok = test::write_file(
      dir, "ok.yaml", scenario_yaml(kSpare, "", "", "hypotheses:\n  - {check: \"recovery_time <= 120s\", scope: incident}\n"));
  const auto good = test::run_ccsim({"run", ok, "--json", "-", "-q"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
}

namespace {
// acme on two hosts, 900 calls/h, with a drill or bursts given by the caller (issue 10 items 7 and 8).
std::string customer_side_yaml(const std::string& arrivals_extra, const std::string& drills) {
  return "name: t\n"
         "horizon: {start: 2026-03-16T00:00, length: 3h, interval: 30min}\n"
         "seed: 5\n"
         "platform:\n"
         "  sites: [{name: main}]\n"
         "  hosts: [{name: cc-1, site: main}, {name: cc-2, site: main}]\n"
         "tenants:\n"
         "  - name: acme\n"
         "    hosts: [cc-1, cc-2]\n"
         "    groups: [{name: support, agents: 40}]\n"
         "    call_types:\n"
         "      - name: support\n"
         "        arrivals: {rate: 900/h" + arrivals_extra + "}\n"
         "        route: [support]\n"
         "        handle: {dist: exponential, mean: 3min}\n" + drills;
}
}  // namespace

TEST(FailoverEngine, CustomerNetworkDrillFailsRequestsForTheCustomersCause) {
  const Scenario sc = load_scenario_text(
      customer_side_yaml("", "drills:\n  - {name: lan, start: 2026-03-16T01:00, kind: customer_network,"
                             " target: {tenant: acme}, duration: 30min, fail_share: 100%}\n"),
      "t.yaml");
  const RepResult r = run_forked(sc);
  ASSERT_EQ(r.incidents.size(), 1u);
  EXPECT_EQ(r.incidents[0].kind, IncidentKind::CustomerSide);
  EXPECT_EQ(r.incidents[0].cause, Cause::CustomerNetwork);
  const MinuteLedger& L = r.tenants[0].ledger;
  const int kCust = static_cast<int>(Cause::CustomerNetwork);
  int64_t failed = 0, window_minutes_with_requests = 0;
  for (size_t m = 0; m < L.minutes(); ++m) {
    const bool inside = m >= 60 && m < 90;  // 01:00 to 01:30
    // With fail_share 100% every request of the window fails on the customer's side, and none outside.
    EXPECT_EQ(L.failures[m][kCust], inside ? L.requests[m] : 0u) << m;
    EXPECT_EQ(L.failed(m), L.failures[m][kCust]) << m;
    failed += L.failures[m][kCust];
    if (inside && L.requests[m] > 0) ++window_minutes_with_requests;
  }
  EXPECT_GT(window_minutes_with_requests, 25);
  EXPECT_EQ(r.incidents[0].requests_failed, failed);
  // Clause 5.1: the minutes are unavailable only if the customer's failures counted.
  sla::SlaInputs in;
  in.service_start = sc.horizon.start;
  in.service_end = sc.horizon.start + 86400;
  const auto m = sla::evaluate(sla::load_contract(test::source_dir() + "/models/contracts/intl-ccc-2024.yaml"), L, in).months[0];
  EXPECT_EQ(m.unavailable_minutes, 0);
  EXPECT_EQ(m.unavailable_removed_by_cause, window_minutes_with_requests);
}

TEST(FailoverEngine, AnnouncedBurstIsAPriorNoticeForTheQpsRule) {
  // Two bursts of 30,000/h (500 a minute, above 5.0 QPS): 00:30-00:40 announced, 01:30-01:40 not.
  const Scenario sc = load_scenario_text(
      customer_side_yaml(", bursts: [{from: 2026-03-16T00:30, to: 2026-03-16T00:40, rate: 30000/h, announced: true},"
                         " {from: 2026-03-16T01:30, to: 2026-03-16T01:40, rate: 30000/h}]",
                         ""),
      "t.yaml");
  const RepResult r = run_forked(sc);
  const MinuteLedger& L = r.tenants[0].ledger;
  int64_t surge_announced = 0, surge_unannounced = 0;
  for (size_t m = 0; m < L.minutes(); ++m) {
    const bool announced = m >= 30 && m < 40;
    EXPECT_EQ(L.qps_notice[m], announced ? 1 : 0) << m;
    if (L.requests[m] >= 300) ++(announced ? surge_announced : surge_unannounced);
  }
  EXPECT_GT(surge_announced, 5);
  EXPECT_GT(surge_unannounced, 5);
  sla::SlaInputs in;
  in.service_start = sc.horizon.start;
  in.service_end = sc.horizon.start + 86400;
  const auto m = sla::evaluate(sla::load_contract(test::source_dir() + "/models/contracts/intl-ccc-2024.yaml"), L, in).months[0];
  EXPECT_EQ(m.qps_minutes_with_notice, surge_announced);
  EXPECT_EQ(m.excluded_minutes_qps, surge_unannounced);
}
