// One renderer per format: typed section results built by hand render to the JSON and terminal lines written
// out here by hand (docs/output-format.md "Section layout": tenants[] keyed "tenant", shares as fractions,
// percents only under *_pct, estimates {mean, ci95, n}).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "output/platform_render.hpp"
#include "output/seats_render.hpp"
#include "output/sla_render.hpp"

namespace ccsim {
namespace {

using nlohmann::json;

Estimate est(double mean, double lo, double hi, int n) { return Estimate{mean, lo, hi, n}; }

Scenario scenario_at_march_16() {
  Scenario sc;
  sc.horizon.start = epoch_from_civil(CivilDate{2026, 3, 16});
  sc.horizon.length = 4 * 3600;
  sc.horizon.interval = 900;
  return sc;
}

TEST(SectionRender, SlaTenantsAreAnArrayKeyedTenantWithReadingsAndProviderTotals) {
  run::SlaSection s;
  s.replications = 2;
  run::SlaTenantSection t;
  t.tenant = "acme";
  t.contract.id = "intl";
  t.contract.availability_standard_ppm = 999500;  // 99.95%
  sla::Tier tier;
  tier.label = "tier 1";
  tier.lower_ppm = 990000;
  tier.upper_ppm = 999500;
  tier.credit_bp = 1000;  // 10% of the fee
  t.contract.tiers = {tier};
  t.evaluations.resize(2);
  t.summary.replications = 2;
  t.readings = {sla::DroppedCalls::ReachedServer, est(2.5, 1, 4, 2), sla::QpsExclusion::LoadCausedFailures,
                est(0, 0, 0, 2)};
  s.tenants.push_back(t);
  run::ProviderCreditOwed p;
  p.currency = "CNY";
  p.form_used = {false, true};  // cash only
  p.by_form_reading[1][0] = est(12.5, 10, 15, 2);
  p.by_form_reading[1][1] = est(20, 18, 22, 2);
  s.provider_credit_owed = p;

  const json j = sla_section_json(s);
  ASSERT_TRUE(j["tenants"].is_array());
  EXPECT_EQ(j["tenants"][0]["tenant"], "acme");
  const json& c = j["tenants"][0]["contract"];
  EXPECT_DOUBLE_EQ(c["availability_standard"].get<double>(), 0.9995);  // a fraction, not "99.95%"
  EXPECT_DOUBLE_EQ(c["tiers"][0]["lower"].get<double>(), 0.99);
  EXPECT_DOUBLE_EQ(c["tiers"][0]["credit_pct"].get<double>(), 10.0);  // a percent, named so
  EXPECT_FALSE(c["tiers"][0].contains("credit_percent"));
  EXPECT_EQ(j["tenants"][0]["readings"]["dropped_calls_per_replication"],
            json::parse(R"({"mean": 2.5, "ci95": [1.0, 4.0], "n": 2})"));
  EXPECT_EQ(j["provider_credit_owed"]["cash"]["headline"], json::parse(R"({"mean": 12.5, "ci95": [10.0, 15.0], "n": 2})"));
  EXPECT_EQ(j["provider_credit_owed"]["currency"], "CNY");

  const std::string text = sla_section_terminal(s);
  EXPECT_NE(text.find("\nSLA of tenant acme\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Dropped calls: 2.5 per replication, read as reached_server (not failed requests)\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("QPS rule removes: load_caused_failures (0.0 failures per replication)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Provider credits owed as cash (CNY; all tenants, whole term; mean [95% CI]):\n"
                      "  headline 12.50 [10.00, 15.00]; table reading (upper bound) 20.00 [18.00, 22.00]\n"),
            std::string::npos) << text;
  EXPECT_EQ(text.find("as vouchers"), std::string::npos) << "no voucher credit: no voucher line";
}

TEST(SectionRender, PlatformIncidentsTenantsAndHypothesesFromTypedFigures) {
  const Scenario sc = scenario_at_march_16();
  platform::Rehearsal r;
  r.replications = 2;
  Incident in;
  in.kind = IncidentKind::Crash;
  in.target = "host:a1";
  in.drill = "dc-a";
  in.announced = true;
  in.start = 3600;
  in.detected = 3615;
  in.recovered = 3700;
  in.calls_dropped = 17;
  in.requests_failed = 40;
  r.incidents = {{0, in}};
  platform::IncidentGroup g;
  g.drill = "dc-a";
  g.kind = IncidentKind::Crash;
  g.incidents = 2;
  g.per_replication = 1;
  g.recovery_seconds = est(100, 90, 110, 2);
  g.calls_dropped = est(17, 15, 19, 2);
  g.requests_failed = est(40, 30, 50, 2);
  r.incident_summary = {g};
  platform::TenantUnavailability t;
  t.tenant = "acme";
  t.unavailable_minutes = {est(3, 2, 4, 2), est(5, 4, 6, 2)};
  t.p_credit = {est(0.5, 0.1, 0.9, 2), est(1, 0.34, 1, 2)};
  t.credit_pct = {est(2.5, 0, 5, 2), est(10, 10, 10, 2)};  // percent of the fee
  t.low_success_minutes_by_cause = {{Cause::HostDown, est(3, 2, 4, 2)}};
  r.tenants = {t};
  platform::HypothesisReport h;
  h.hypothesis.name = "failover-under-2min";
  h.hypothesis.metric = "recovery_time";
  h.hypothesis.op = "<=";
  h.hypothesis.value = 120;
  h.hypothesis.scope = "incident";
  h.passes = 1;
  h.replications = 2;
  h.pass_rate = est(0.5, 0.09, 0.91, 2);
  h.worst.measured = 300;
  h.worst.tenant = "acme";
  h.worst.at = 3600;
  h.worst_replication = 1;
  r.hypotheses = {h};
  r.hypothesis_failed = true;

  const json j = platform::rehearsal_json(sc, r);
  EXPECT_EQ(j["incidents"][0]["kind"], "crash");
  EXPECT_EQ(j["incidents"][0]["start_time"], "2026-03-16T01:00:00");
  EXPECT_DOUBLE_EQ(j["incidents"][0]["detection_seconds"].get<double>(), 15);
  EXPECT_TRUE(j["incidents"][0]["migration_seconds"].is_null());
  EXPECT_EQ(j["incident_summary"][0]["group"], "drill:dc-a");
  EXPECT_EQ(j["incident_summary"][0]["recovery_seconds"], json::parse(R"({"mean": 100.0, "ci95": [90.0, 110.0], "n": 2})"));
  EXPECT_EQ(j["tenants"][0]["tenant"], "acme");
  EXPECT_DOUBLE_EQ(j["tenants"][0]["credit_pct"]["announced_counted"]["mean"].get<double>(), 10);
  EXPECT_FALSE(j["tenants"][0].contains("credit_bp"));
  EXPECT_DOUBLE_EQ(j["tenants"][0]["low_success_minutes_by_cause"]["host_down"]["mean"].get<double>(), 3);
  EXPECT_EQ(j["hypotheses"][0]["worst"]["text"], "worst 300 s at 2026-03-16T01:00 (acme)");
  EXPECT_EQ(j["hypotheses"][0]["worst"]["replication"], 1);
  EXPECT_FALSE(j["hypotheses"][0]["pass"].get<bool>());
  EXPECT_TRUE(j["hypotheses_failed"].get<bool>());

  const std::string text = platform::rehearsal_terminal(sc, r);
  EXPECT_NE(text.find("  Faults of replication 1: 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    2026-03-16T01:00:00  crash*          host:a1                    15s        -    100s       17       40\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("    drill:dc-a: 1.00/replication, recovery 100 [90, 110] s, dropped 17 [15, 19], failed 40 [30, 50]\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("    acme                       3.0                 5.0          50% [10-90]       100% [34-100]   "
                      "2.5% of fee (10.0% counted)\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("      minutes below 99% success by main cause: host_down 3.0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    FAIL failover-under-2min                      pass 1/2 = 50% [9-91], worst 300 s at 2026-03-16T01:00 (acme)\n"),
            std::string::npos) << text;
}

TEST(SectionRender, SeatsActionsWithPathAndReasonFromTheirEnums) {
  const Scenario sc = scenario_at_march_16();
  run::SeatsSection s;
  s.replications = 1;
  run::SeatsTenantSection t;
  t.tenant = "acme";
  t.initial_seats = 11;
  t.admins = 1;
  t.seats = {est(11, 11, 11, 1), est(36, 36, 36, 1), est(20, 20, 20, 1), est(36, 36, 36, 1), est(30, 30, 30, 1)};
  ScalingAction a;
  a.tenant = "acme";
  a.requested = 3600;
  a.effective = 3700;
  a.from_seats = 11;
  a.to_seats = 24;
  a.target_seats = 36;
  a.path = ScalingPath{ScalingPathKind::SplitStep, true, 1, 2};
  a.reason = ScalingReason::ScaleOut;
  a.metric = "queue_length";
  a.value = 12.4;
  a.bound = 10;
  a.window = 900;
  ScalingAction b = a;
  b.path = ScalingPath{};
  b.reason = ScalingReason::Scheduled;
  b.metric.clear();
  t.actions0 = {a, b};
  t.actions_per_replication = est(2, 2, 2, 1);
  t.delays = {{ScalingPathKind::SplitStep, true, 2, 100, 100}};
  t.intervals = 16;
  t.seat_limited = {{4, est(2.5, 2.5, 2.5, 1)}};
  t.unseated_agent_hours = est(0.625, 0.625, 0.625, 1);
  s.tenants = {t};

  const json j = seats_json(sc, s);
  const json& tj = j["tenants"][0];
  EXPECT_EQ(tj["tenant"], "acme");
  EXPECT_FALSE(tj.contains("name"));
  const json& act = tj["actions_replication_0"][0];
  EXPECT_EQ(act["path"], "autoscale split-step 1/2");
  EXPECT_EQ(act["path_kind"], "split-step");
  EXPECT_TRUE(act["autoscale"].get<bool>());
  EXPECT_EQ(act["reason"], "scale_out");
  EXPECT_EQ(act["reason_text"], "queue_length 12.4 > 10 over 15min");
  EXPECT_EQ(act["requested"], "2026-03-16T01:00:00");
  EXPECT_EQ(tj["actions_replication_0"][1]["reason_text"], "scheduled change to 36 seats");
  EXPECT_EQ(tj["actions_replication_0"][1]["path"], "self_service");
  EXPECT_EQ(tj["delays_by_path"]["autoscale split-step"], json::parse(R"({"count": 2, "mean_delay_s": 100.0, "max_delay_s": 100.0})"));
  EXPECT_EQ(tj["seat_limited"]["intervals"], 1);
  EXPECT_EQ(tj["seat_limited"]["by_interval"][0]["start"], "2026-03-16T01:00:00");  // interval 4 of 15 min
  EXPECT_EQ(tj["seats"]["max"], json::parse(R"({"mean": 36.0, "ci95": [36.0, 36.0], "n": 1})"));
  EXPECT_TRUE(tj["cost"].is_null());

  const std::string text = seats_terminal(sc, s);
  EXPECT_NE(text.find("\nSeats - acme: purchased 11 at start (1 admins), min 11.0, max 36.0, peak online 30.0\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("  2026-03-16T01:00:00 2026-03-16T01:01:40        11->24  autoscale split-step 1/2 "
                      "queue_length 12.4 > 10 over 15min\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("  seat-limited intervals: 1 of 16 (unseated agent-hours 0.62)\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace ccsim
