// The seats model under SimGrid, through the built ccsim binary (the Engine is a per-process singleton): the
// control-plane actor applies a large change as split steps, the autoscaler acts, and the run summary reports
// seats over time, actions, seat-limited intervals and seat cost.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using nlohmann::json;

namespace {
std::string scenario(const std::string& large_change) {
  return R"(
name: seats-engine
horizon: {start: 2026-03-16T00:00, length: 6h, interval: 30min}
seed: 3
replications: 2
tenants:
  - name: acme
    groups:
      - {name: support, agents: 60}
    call_types:
      - name: support
        arrivals: {rate: 600/h}
        route: [support]
        handle: {dist: exponential, mean: 3min}
        patience: {dist: exponential, mean: 3min}
    seats:
      standard: 11
      admins: 1
      self_service_limit: 20
      large_change: )" + large_change + R"(
      ticket_delay: 1h
      self_service_delay: 100s
      changes:
        - {at: 2026-03-16T01:00, seats: 36}
    billing:
      price_list: )" + ccsim::test::source_dir() + R"(/models/billing/standard-2024.yaml
)";
}

json run(const std::string& large_change) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string sc = ccsim::test::write_file(dir, "s.yaml", scenario(large_change));
  const auto r = ccsim::test::run_ccsim({"run", sc, "--json", dir + "/out.json", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(ccsim::test::read_file(dir + "/out.json"));
}
}  // namespace

TEST(SeatsEngine, LargeChangeSplitIntoSelfServiceSteps) {
  const json doc = run("split");
  ASSERT_TRUE(doc.contains("seats"));
  const json& t = doc["seats"]["tenants"][0];
  EXPECT_EQ(t["initial_seats"], 11);
  const json& acts = t["actions_replication_0"];
  ASSERT_EQ(acts.size(), 2u);  // +25 with a limit of 20: two steps of 13 and 12
  EXPECT_EQ(acts[0]["path"], "split-step 1/2");
  EXPECT_EQ(acts[0]["from"], 11);
  EXPECT_EQ(acts[0]["to"], 24);
  EXPECT_EQ(acts[1]["from"], 24);
  EXPECT_EQ(acts[1]["to"], 36);
  EXPECT_DOUBLE_EQ(acts[0]["requested_s"].get<double>(), 3600);
  EXPECT_DOUBLE_EQ(acts[0]["delay_s"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(acts[1]["effective_s"].get<double>(), 3600 + 200);
  // Seats over time: 11 until the first step, then 24, then 36 (samples at minute ends).
  const json& tl = t["timeline_replication_0"];
  ASSERT_EQ(tl.size(), 3u);
  EXPECT_EQ(tl[0]["seats"], 11);
  EXPECT_EQ(tl[1]["seats"], 24);
  EXPECT_EQ(tl[2]["seats"], 36);
  EXPECT_EQ(tl[1]["minute"], 61);  // effective at 3,700 s, inside minute 61 (3,660-3,720 s)
  EXPECT_EQ(tl[2]["minute"], 63);  // effective at 3,800 s, inside minute 63
  // 60 agents scheduled, at most 35 seated all day: every interval is seat-limited.
  EXPECT_EQ(t["seat_limited"]["intervals"], 12);
  // Unseated agent-hours from the timeline: 60 scheduled minus (seats - 1 admin) seated.
  const double expected_hours = (50 * 3700.0 + 37 * 100.0 + 25 * (6 * 3600.0 - 3800.0)) / 3600.0;
  EXPECT_NEAR(t["seat_limited"]["unseated_agent_hours"]["mean"].get<double>(), expected_hours, 1e-6);
  ASSERT_TRUE(t["cost"].is_object());
  EXPECT_EQ(t["cost"]["currency"], "CNY");
  ASSERT_EQ(t["cost"]["months"].size(), 1u);
  // March 2026 has 31 days; the horizon covers March 16 only: one day at the day's largest count (36 seats).
  const long long cents = (36LL * 20000 + 15) / 31;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", cents / 100, cents % 100);
  EXPECT_EQ(t["cost"]["months"][0]["seat_cost_replication_0"], buf);
  // Cash view: the 11 licences held at the start (paid on the horizon's first day, the default) and the 25
  // bought by the change are paid for a whole month each, whatever the hours used.
  EXPECT_EQ(t["cost"]["months"][0]["seat_cash_replication_0"], "7200.00");
  EXPECT_EQ(t["cost"]["months"][0]["licences_bought_replication_0"], 36);
  EXPECT_EQ(t["cost"]["licence_validity"], "1 month from the purchase day");
  const json& sc = t["cost"]["scaling_cost"];
  EXPECT_DOUBLE_EQ(sc["all_changes"]["cash"]["mean"].get<double>(), 25 * 200.0);
  EXPECT_NEAR(sc["all_changes"]["consumption"]["mean"].get<double>(),
              static_cast<double>(cents - (11LL * 20000 + 15) / 31) / 100.0, 1e-9);
  EXPECT_DOUBLE_EQ(sc["autoscaler"]["cash"]["mean"].get<double>(), 0.0);  // no autoscaler in this scenario
}

TEST(SeatsEngine, LargeChangeByTicket) {
  const json doc = run("ticket");
  const json& acts = doc["seats"]["tenants"][0]["actions_replication_0"];
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0]["path"], "ticket");
  EXPECT_DOUBLE_EQ(acts[0]["delay_s"].get<double>(), 3600);
  EXPECT_EQ(acts[0]["to"], 36);
}
