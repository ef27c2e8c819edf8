// Good inputs: units, distributions, routes, pools, platform/model-file references and the resolved JSON.
// Expected values are computed here from the definitions of the units, never copied from the loader.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "scenario/loader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

namespace {

const std::string kTenantTail =
    "    groups: [{name: g, agents: 1}]\n"
    "    call_types: [{name: g, arrivals: {rate: 1}}]\n";

Scenario load(const std::string& yaml) { return load_scenario_text(yaml, "t.yaml"); }

double rate_of(const std::string& text) {
  Scenario s = load("tenants:\n  - name: a\n    groups: [{name: g, agents: 1}]\n"
                    "    call_types: [{name: g, arrivals: {rate: " + text + "}}]\n");
  return s.tenants[0].call_types[0].arrivals.rate_per_hour;
}

TEST(Resolve, RatesWithUnitsBecomePerHour) {
  EXPECT_DOUBLE_EQ(rate_of("200/h"), 200.0);
  EXPECT_DOUBLE_EQ(rate_of("3.5/min"), 3.5 * 60);
  EXPECT_DOUBLE_EQ(rate_of("0.2/s"), 0.2 * 3600);
  EXPECT_DOUBLE_EQ(rate_of("2400/d"), 2400.0 / 24);
  EXPECT_DOUBLE_EQ(rate_of("150"), 150.0);  // a bare number is per hour
}

TEST(Resolve, DefaultsApplied) {
  Scenario s = load("tenants:\n  - name: a\n" + kTenantTail);
  EXPECT_EQ(s.name, "t");  // file stem
  EXPECT_EQ(s.horizon.start, epoch_from_civil(CivilDate{2026, 1, 5}));
  EXPECT_EQ(weekday_from_days(s.horizon.start / 86400), 0);  // a Monday
  EXPECT_DOUBLE_EQ(s.horizon.length, kDay);
  EXPECT_DOUBLE_EQ(s.horizon.interval, 1800);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.replications, 1);
  const CallType& c = s.tenants[0].call_types[0];
  EXPECT_EQ(c.handle.kind, Distribution::Kind::Exponential);
  EXPECT_DOUBLE_EQ(c.handle.mean, 180);
  EXPECT_FALSE(c.patience.has_value());
  EXPECT_DOUBLE_EQ(c.sl_threshold, 20);
  EXPECT_DOUBLE_EQ(c.sl_target, 0.8);
  ASSERT_EQ(c.route.size(), 1u);  // the only group is the default route
  EXPECT_EQ(c.route[0].group_index, 0);
  EXPECT_EQ(c.trunk_group, -1);  // no trunks
  EXPECT_FALSE(s.tenants[0].ivr.enabled);
  EXPECT_FALSE(s.platform.enabled);
  EXPECT_EQ(s.tenants[0].sla.service_start, s.horizon.start);
  EXPECT_EQ(s.tenants[0].sla.service_end, s.horizon.start + 86400);
}

TEST(Resolve, HorizonPercentagesAndDurations) {
  Scenario s = load(
      "horizon: {start: 2026-03-17T08:30, length: 1h30min, interval: 15min, warmup: 10min}\n"
      "seed: 99\nreplications: 4\n"
      "tenants:\n  - name: a\n    ivr: {self_service: 12.5%, abandon: 0.03, duration: 45}\n" + kTenantTail);
  EXPECT_EQ(s.horizon.start, epoch_from_civil(CivilDate{2026, 3, 17}, 8, 30));
  EXPECT_DOUBLE_EQ(s.horizon.length, 5400);
  EXPECT_DOUBLE_EQ(s.horizon.interval, 900);
  EXPECT_DOUBLE_EQ(s.horizon.warmup, 600);
  EXPECT_EQ(s.seed, 99u);
  EXPECT_EQ(s.replications, 4);
  EXPECT_TRUE(s.tenants[0].ivr.enabled);
  EXPECT_DOUBLE_EQ(s.tenants[0].ivr.self_service, 0.125);
  EXPECT_DOUBLE_EQ(s.tenants[0].ivr.abandon, 0.03);
  EXPECT_EQ(s.tenants[0].ivr.duration.kind, Distribution::Kind::Constant);
  EXPECT_DOUBLE_EQ(s.tenants[0].ivr.duration.mean, 45);
}

TEST(Resolve, EveryDistributionKind) {
  Scenario s = load(
      "tenants:\n  - name: a\n    groups: [{name: g, agents: 1}, {name: h, agents: 1}]\n"
      "    call_types:\n"
      "      - name: g\n"
      "        arrivals: {rate: 1}\n"
      "        handle: {dist: lognormal, mean: 4min, cv: 0.5}\n"
      "        handle_by_group: {h: {dist: gamma, mean: 2min, cv: 2}}\n"
      "        wrapup: {dist: uniform, min: 10s, max: 30s}\n"
      "        patience: {dist: weibull, mean: 3min, shape: 0.8}\n"
      "        retrials:\n"
      "          abandoned: {probability: 25%, delay: 10min, max_attempts: 4}\n"
      "          blocked: {delay: {dist: empirical, values: [1min, 3min], weights: [3, 1], interpolate: true}}\n"
      "      - name: h\n"
      "        arrivals: {rate: 1}\n"
      "        handle: {dist: constant, value: 90s}\n"
      "        patience: infinite\n");
  const CallType& g = s.tenants[0].call_types[0];
  EXPECT_EQ(g.handle.kind, Distribution::Kind::Lognormal);
  EXPECT_DOUBLE_EQ(g.handle.mean, 240);
  EXPECT_DOUBLE_EQ(g.handle.cv, 0.5);
  // Lognormal parameters from mean and cv: sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2.
  EXPECT_NEAR(g.handle.p2, std::sqrt(std::log(1.25)), 1e-12);
  EXPECT_NEAR(g.handle.p1, std::log(240.0) - 0.5 * std::log(1.25), 1e-12);
  ASSERT_EQ(g.handle_by_group.count("h"), 1u);
  EXPECT_EQ(g.handle_by_group.at("h").kind, Distribution::Kind::Gamma);
  EXPECT_DOUBLE_EQ(g.handle_by_group.at("h").p1, 1.0 / 4.0);  // gamma shape = 1 / cv^2
  EXPECT_EQ(g.wrapup.kind, Distribution::Kind::Uniform);
  EXPECT_DOUBLE_EQ(g.wrapup.lo, 10);
  EXPECT_DOUBLE_EQ(g.wrapup.hi, 30);
  ASSERT_TRUE(g.patience.has_value());
  EXPECT_EQ(g.patience->kind, Distribution::Kind::Weibull);
  EXPECT_NEAR(g.patience->p1, 180.0 / std::tgamma(1.0 + 1.0 / 0.8), 1e-9);  // scale from the mean
  EXPECT_DOUBLE_EQ(g.retrial_abandoned.probability, 0.25);
  EXPECT_EQ(g.retrial_abandoned.delay.kind, Distribution::Kind::Constant);
  EXPECT_DOUBLE_EQ(g.retrial_abandoned.delay.mean, 600);
  EXPECT_EQ(g.retrial_abandoned.max_attempts, 4);
  const Distribution& e = g.retrial_blocked.delay;
  EXPECT_EQ(e.kind, Distribution::Kind::Empirical);
  ASSERT_EQ(e.values.size(), 2u);
  EXPECT_DOUBLE_EQ(e.cumulative[0], 0.75);
  EXPECT_TRUE(e.interpolate);
  const CallType& h = s.tenants[0].call_types[1];
  EXPECT_EQ(h.handle.kind, Distribution::Kind::Constant);
  EXPECT_DOUBLE_EQ(h.handle.mean, 90);
  EXPECT_FALSE(h.patience.has_value());
  EXPECT_EQ(h.route[0].group, "h");  // default route: the group named like the call type
}

TEST(Resolve, RoutesPoolsAndTrunks) {
  Scenario s = load(
      "tenants:\n  - name: a\n"
      "    trunks: [{name: t1, channels: 10, carrier: c1}, {name: t2, channels: 5}]\n"
      "    groups: [{name: sales, agents: 3, queue_capacity: 20}, {name: service}, {name: billing, agents: 1}]\n"
      "    agents:\n"
      "      - {name: blended, skills: [service, sales], agents: 4, sessions: 2}\n"
      "    call_types:\n"
      "      - name: x\n"
      "        channel: chat\n"  // blended agents hold 2 sessions: only chats may reach them
      "        arrivals: {rate: 1}\n"
      "        route: [sales, {group: service, after: 30s}, {group: billing, after: 1min}]\n"
      "        priority: 2\n"
      "      - {name: y, channel: chat, arrivals: {rate: 1}, route: [service], trunk_group: t2}\n");
  const Tenant& t = s.tenants[0];
  ASSERT_EQ(t.groups.size(), 3u);
  EXPECT_EQ(t.groups[0].queue_capacity, 20);
  EXPECT_EQ(t.groups[1].queue_capacity, -1);
  ASSERT_EQ(t.pools.size(), 3u);  // sales and billing shorthands, then blended
  EXPECT_EQ(t.pools[0].name, "sales");
  EXPECT_EQ(t.pools[0].skill_index, std::vector<int>({0}));
  EXPECT_EQ(t.pools[2].name, "blended");
  EXPECT_EQ(t.pools[2].skill_index, std::vector<int>({1, 0}));  // preference order kept
  EXPECT_EQ(t.pools[2].sessions, 2);
  EXPECT_EQ(t.pools[2].max_agents, 4);
  const CallType& x = t.call_types[0];
  ASSERT_EQ(x.route.size(), 3u);
  EXPECT_EQ(x.route[1].group_index, 1);
  EXPECT_DOUBLE_EQ(x.route[1].after, 30);
  EXPECT_EQ(x.route[2].group_index, 2);
  EXPECT_DOUBLE_EQ(x.route[2].after, 60);
  EXPECT_EQ(x.priority, 2);
  EXPECT_EQ(x.trunk_group, 0);  // default: the first trunk group, made explicit
  EXPECT_EQ(x.trunk_group_name, "t1");
  EXPECT_EQ(t.call_types[1].trunk_group, 1);
}

TEST(Resolve, ArrivalProfileFactorsOverridesBursts) {
  std::string profile = "[";
  for (int i = 0; i < 48; ++i) profile += (i ? ", " : "") + std::to_string(i % 3);
  profile += "]";
  Scenario s = load(
      "horizon: {start: 2026-03-16T00:00, length: 2d}\n"
      "tenants:\n  - name: a\n    groups: [{name: g, agents: 1}]\n"
      "    call_types:\n      - name: g\n        arrivals:\n          rate: 100/h\n"
      "          profile_interval: 30min\n"
      "          day_profile: " + profile + "\n"
      "          weekday_factors: {sat: 0.5, sun: 0.25}\n"
      "          overrides: [{from: 2026-03-16T09:00, to: 12h, factor: 2, label: promo}]\n"
      "          bursts: [{from: 1d, to: 1d2h, rate: 1/s, announced: true}]\n"
      "          busyness_cv: 0.2\n");
  const ArrivalSpec& a = s.tenants[0].call_types[0].arrivals;
  EXPECT_DOUBLE_EQ(a.profile_interval, 1800);
  ASSERT_EQ(a.day_profile.size(), 48u);
  EXPECT_DOUBLE_EQ(a.day_profile[5], 5 % 3);
  EXPECT_DOUBLE_EQ(a.weekday_factor[0], 1);
  EXPECT_DOUBLE_EQ(a.weekday_factor[5], 0.5);
  EXPECT_DOUBLE_EQ(a.weekday_factor[6], 0.25);
  ASSERT_EQ(a.overrides.size(), 1u);
  EXPECT_EQ(a.overrides[0].from, s.horizon.start + 9 * 3600);
  EXPECT_EQ(a.overrides[0].to, s.horizon.start + 12 * 3600);  // an offset from the horizon start
  EXPECT_EQ(a.overrides[0].label, "promo");
  ASSERT_EQ(a.bursts.size(), 1u);
  EXPECT_EQ(a.bursts[0].from, s.horizon.start + 86400);
  EXPECT_EQ(a.bursts[0].to, s.horizon.start + 86400 + 7200);
  EXPECT_DOUBLE_EQ(a.bursts[0].extra_per_hour, 3600);
  EXPECT_TRUE(a.bursts[0].announced);
  EXPECT_DOUBLE_EQ(a.busyness_cv, 0.2);
}

TEST(Resolve, OverrideWindowMustBeOrdered) {
  // A window that ends before it starts is refused.
  EXPECT_THROW(load("tenants:\n  - name: a\n    groups: [{name: g, agents: 1}]\n"
                    "    call_types: [{name: g, arrivals: {rate: 1, overrides: [{from: 5h, to: 3h, factor: 2}]}}]\n"),
               InputError);
}

TEST(Resolve, SeatsSlaBillingDrillsHypotheses) {
  const std::string dir = test::temp_dir();
  test::write_file(dir, "contract.yaml", "contract: {}\n");
  test::write_file(dir, "prices.yaml", "price_list: {}\n");
  const std::string file = test::write_file(dir, "s.yaml",
      "horizon: {start: 2026-04-01T00:00, length: 30d}\n"
      "platform:\n"
      "  sites: [{name: main}, {name: backup}]\n"
      "  hosts:\n"
      "    - {name: h1, site: main, labels: [cc]}\n"
      "    - {name: h2, site: main, labels: [cc]}\n"
      "    - {name: spare, site: backup, standby: true}\n"
      "  links: [{name: l1, from: main, to: backup, bandwidth: 10Gbps, latency: 4ms}]\n"
      "  failover: {heartbeat: 2s, misses: 4, redial_delay: 20s}\n"
      "tenants:\n  - name: a\n"
      "    trunks: [{name: pstn, channels: 10, carrier: telco}]\n"
      "    groups: [{name: g, agents: 1}]\n"
      "    call_types: [{name: g, arrivals: {rate: 1}}]\n"
      "    seats:\n      standard: 1500\n      admins: 5\n"
      "      changes: [{at: 2026-04-10T00:00, seats: 3500}]\n"
      "      autoscale: {metric: service_level, scale_out_above: 80%, scale_in_below: 95%, min_seats: 100, max_seats: 4000}\n"
      "      large_change: ticket\n      ticket_delay: 3d\n"
      "    sla:\n      contract: contract.yaml\n      qps_notices: [{from: 2026-04-05T00:00, to: 2026-04-06T00:00}]\n"
      "      monthly_fee: 30000\n"
      "    billing: {price_list: prices.yaml, phone_numbers: 20}\n"
      "drills:\n"
      "  - {name: crash-h1, start: 2d, kind: crash, target: {host: h1}, duration: until_repaired}\n"
      "  - {start: 2026-04-03T10:00, kind: trunk_outage, target: {carrier: telco}, duration: 30min, announced: true}\n"
      "hypotheses:\n"
      "  - {check: \"availability >= 99.95%\", scope: month, tenant: a}\n"
      "  - {metric: recovery_time, op: \"<=\", value: 2min, scope: incident}\n");
  Scenario s = load_scenario(file);
  const Tenant& t = s.tenants[0];
  EXPECT_TRUE(t.seats.enabled);
  EXPECT_EQ(t.seats.standard, 1500);
  ASSERT_EQ(t.seats.changes.size(), 1u);
  EXPECT_EQ(t.seats.changes[0].at, s.horizon.start + 9 * 86400);
  EXPECT_TRUE(t.seats.autoscale.enabled);
  EXPECT_DOUBLE_EQ(t.seats.autoscale.scale_out_above, 0.8);
  EXPECT_EQ(t.seats.large_change, "ticket");
  EXPECT_DOUBLE_EQ(t.seats.ticket_delay, 3 * 86400);
  EXPECT_EQ(t.sla.contract_file, dir + "/contract.yaml");
  EXPECT_EQ(t.billing.price_list_file, dir + "/prices.yaml");
  EXPECT_EQ(t.billing.phone_numbers, 20);
  ASSERT_TRUE(t.sla.monthly_fee.has_value());
  EXPECT_DOUBLE_EQ(*t.sla.monthly_fee, 30000);
  ASSERT_EQ(t.sla.qps_notices.size(), 1u);
  // Platform: hosts and default placement on the non-standby hosts.
  EXPECT_TRUE(s.platform.enabled);
  EXPECT_EQ(s.platform.source, "inline");
  EXPECT_EQ(t.hosts, std::vector<std::string>({"h1", "h2"}));
  EXPECT_DOUBLE_EQ(s.platform.links[0].bandwidth, 10e9 / 8);
  EXPECT_DOUBLE_EQ(s.platform.links[0].latency, 0.004);
  EXPECT_DOUBLE_EQ(s.platform.failover.heartbeat, 2);
  EXPECT_EQ(s.platform.failover.misses, 4);
  ASSERT_EQ(s.drills.size(), 2u);
  EXPECT_EQ(s.drills[0].start, s.horizon.start + 2 * 86400);
  EXPECT_EQ(s.drills[0].kind, DrillKind::Crash);
  EXPECT_EQ(s.drills[0].target_kind, "host");
  EXPECT_LE(s.drills[0].duration, 0);  // until repaired
  EXPECT_EQ(s.drills[1].kind, DrillKind::TrunkOutage);
  EXPECT_EQ(s.drills[1].target, "telco");
  EXPECT_DOUBLE_EQ(s.drills[1].duration, 1800);
  EXPECT_TRUE(s.drills[1].announced);
  EXPECT_EQ(s.drills[1].name, "drill2");
  ASSERT_EQ(s.hypotheses.size(), 2u);
  EXPECT_EQ(s.hypotheses[0].metric, "availability");
  EXPECT_EQ(s.hypotheses[0].op, ">=");
  EXPECT_NEAR(s.hypotheses[0].value, 0.9995, 1e-12);
  EXPECT_EQ(s.hypotheses[0].scope, "month");
  EXPECT_EQ(s.hypotheses[0].loc.line, 31);
  EXPECT_EQ(s.hypotheses[0].loc.col, 5);
  EXPECT_EQ(s.hypotheses[1].metric, "recovery_time");
  EXPECT_DOUBLE_EQ(s.hypotheses[1].value, 120);
}

TEST(Resolve, PlatformFileReferenceAndItsErrors) {
  const std::string dir = test::temp_dir();
  const std::string shipped = test::source_dir() + "/models/platforms/two-dc.yaml";
  const std::string file = test::write_file(dir, "s.yaml",
      "platform: " + shipped + "\n"
      "tenants:\n  - name: a\n    hosts: [main-cc-1, main-cc-2]\n" + kTenantTail);
  Scenario s = load_scenario(file);
  EXPECT_TRUE(s.platform.enabled);
  EXPECT_EQ(s.platform.source, shipped);
  EXPECT_EQ(s.platform.sites.size(), 2u);
  EXPECT_GE(s.platform.hosts.size(), 4u);
  EXPECT_EQ(s.tenants[0].hosts.size(), 2u);

  // A broken platform file: its own diagnostics name that file, plus the scenario key that referenced it.
  test::write_file(dir, "p.yaml", "hosts:\n  - {name: h1, cps_limt: 5}\n");
  const std::string bad = test::write_file(dir, "bad.yaml", "platform: p.yaml\ntenants:\n  - name: a\n" + kTenantTail);
  try {
    load_scenario(bad);
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(dir + "/p.yaml:2:16: hosts[0].cps_limt: unknown key 'cps_limt'; did you mean 'cps_limit'?"), std::string::npos) << msg;
    EXPECT_NE(msg.find(bad + ":1:11: platform: the platform file has problems"), std::string::npos) << msg;
  }
}

// FNV-1a 64 from its definition (offset basis and prime), to check the recorded hash independently.
std::string fnv(const std::string& bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

TEST(Resolve, FileHashAndResolvedJson) {
  const std::string text = "name: demo\nseed: 3\ntenants:\n  - name: a\n" + kTenantTail;
  Scenario s = load_scenario_text(text, "demo.yaml");
  EXPECT_EQ(s.file, "demo.yaml");
  EXPECT_EQ(s.file_hash, fnv(text));
  Scenario again = load_scenario_text(text, "demo.yaml");
  EXPECT_EQ(again.resolved_json, s.resolved_json);  // deterministic
  Scenario changed = load_scenario_text(text + "# comment\n", "demo.yaml");
  EXPECT_NE(changed.file_hash, s.file_hash);
  const auto j = nlohmann::json::parse(s.resolved_json);
  EXPECT_EQ(j["name"], "demo");
  EXPECT_EQ(j["seed"], 3);
  EXPECT_EQ(j["tenants"][0]["pools"][0]["schedule"][0][1], 1);
  EXPECT_EQ(j["tenants"][0]["call_types"][0]["route"][0]["group_index"], 0);
  EXPECT_EQ(j["horizon"]["start"], "2026-01-05T00:00:00");
}

}  // namespace
