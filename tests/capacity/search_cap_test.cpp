// The max-load search never tries traffic the scenario loader would refuse: a call type's peak rate times the
// multiplier stays within kMaxRatePerHour (1,000,000/h). The cap is min(--max-multiplier, bound / peak), and
// the output says which one stopped the search.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "capacity/max_load.hpp"
#include "scenario/loader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

namespace {

// Two call types; the higher peak is 400,000/h, so the bound allows x(1,000,000 / 400,000) = x2.5. Few agents and
// a short queue: every trial is fast (most calls are blocked), and `abandonment=1` holds at any load.
const char* kNearBound = R"(
name: near-bound
horizon: {start: 2026-03-16T00:00, length: 15min, interval: 15min}
seed: 3
replications: 1
tenants:
  - name: t
    groups: [{name: g, agents: 50, queue_capacity: 10}]
    call_types:
      - {name: small, arrivals: {rate: 100000/h}, route: [g], handle: 3min}
      - {name: big, arrivals: {rate: 400000/h}, route: [g], handle: 3min}
)";

}  // namespace

TEST(SearchCap, RateBoundLowersTheMultiplierCap) {
  const std::string dir = test::temp_dir();
  const Scenario sc = load_scenario(test::write_file(dir, "s.yaml", kNearBound));
  const capacity::SearchCap cap = capacity::search_cap(sc, 64);
  EXPECT_TRUE(cap.rate_bound);
  EXPECT_DOUBLE_EQ(cap.multiplier, 1e6 / 4e5);
  EXPECT_EQ(cap.call_type, "t/big");
  EXPECT_DOUBLE_EQ(cap.peak_per_hour, 4e5);
  // A --max-multiplier below the bound's stays the cap.
  const capacity::SearchCap own = capacity::search_cap(sc, 2);
  EXPECT_FALSE(own.rate_bound);
  EXPECT_DOUBLE_EQ(own.multiplier, 2);
}

TEST(SearchCap, MaxLoadSearchStopsAtTheRateBoundAndSaysSo) {
  const std::string dir = test::temp_dir();
  const std::string sc = test::write_file(dir, "s.yaml", kNearBound), json = dir + "/c.json";
  const auto r = test::run_ccsim({"capacity", sc, "-q", "-r", "1", "--max-replications", "1", "--target",
                                  "abandonment=1", "--max-multiplier", "64", "--json", json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(test::read_file(json));
  // Doubling from x1: x2 <= 2.5 is tried, x4 would be 1,600,000/h and is not.
  std::vector<double> tried;
  for (const auto& p : doc["points"]) tried.push_back(p["multiplier"].get<double>());
  EXPECT_EQ(tried, (std::vector<double>{1, 2}));
  EXPECT_EQ(doc["capped"], true);
  EXPECT_EQ(doc["max_multiplier"], 2);
  EXPECT_DOUBLE_EQ(doc["search_cap"]["multiplier"].get<double>(), 2.5);
  EXPECT_EQ(doc["search_cap"]["set_by"], "rate bound");
  EXPECT_NE(doc["search_cap"]["reading"].get<std::string>().find("t/big peaks at 400000/h"), std::string::npos);
}
