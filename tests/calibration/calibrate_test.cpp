// Calibration estimates checked by hand on small logs, and the calibrate/backtest commands end to end on the
// Anonymous Bank log (calibrate on 1-7 February, back-test on 8-14 February).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "calibration/backtest.hpp"
#include "calibration/calibrate.hpp"
#include "core/time.hpp"
#include "scenario/loader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
using namespace ccsim::calibration;

namespace {

std::string bank_log() { return test::source_dir() + "/../shared/data/anonymous-bank/calls-1999-02-01_14.tsv"; }
std::string bank_mapping() { return test::source_dir() + "/models/call-logs/anonymous-bank.yaml"; }
std::string synth(const std::string& f) { return test::source_dir() + "/tests/data/call-logs/" + f; }

LoggedCall served(int64_t arrival, double ivr, double wait, double service, int agent) {
  LoggedCall c;
  c.arrival = arrival, c.ivr = ivr, c.wait = wait, c.outcome = LogOutcome::Served;
  c.service_start = static_cast<double>(arrival) + ivr + wait, c.service = service, c.agent = agent;
  return c;
}

}  // namespace

TEST(Calibrate, EffectiveAgentsAreTheMeanInServiceWhileCallersWait) {
  // Slot 08:00-08:30 of one day. Agent 0 busy 08:00-08:20, agent 1 busy 08:05-08:15; one caller waits
  // 08:00-08:10 (wait 600 s, then served by agent 2 for 60 s). While the queue is non-empty (08:00-08:10):
  // agent 0 for 600 s + agent 1 for 300 s in service = 900 agent-seconds over 600 s = 1.5 agents.
  const int64_t day = epoch_from_civil(CivilDate{2026, 3, 2});
  const int64_t t8 = day + 8 * 3600;
  CallLog log;
  log.calls = {served(t8, 0, 0, 1200, 0), served(t8 + 300, 0, 0, 600, 1), served(t8, 0, 600, 60, 2)};
  const auto act = agent_activity(log, day, 1, 1800, 300);
  const SlotActivity& s = act[0][16];
  EXPECT_DOUBLE_EQ(s.queue_time, 600);
  EXPECT_DOUBLE_EQ(s.busy_while_queue, 900);
  EXPECT_DOUBLE_EQ(s.effective(300), 1.5);
  EXPECT_EQ(s.peak_busy, 3);  // 08:10-08:11: agents 0, 1 and 2
  EXPECT_DOUBLE_EQ(s.busy, 1200 + 600 + 60);
  EXPECT_EQ(s.agents_seen, 3);
  EXPECT_DOUBLE_EQ(s.effective(601), 3.0);  // too little waiting to tell: the agents seen (3, = the peak here)
}

TEST(Calibrate, FractionalAgentsAreKeptToTheMinute) {
  // 5.4 agents over a 30 min slot: 5 for 18 min, 6 for 12 min (mean 5.4); 2.0: 2 all along.
  const auto m = minute_staffing({5.4, 2.0}, 1800);
  ASSERT_EQ(m.size(), 60u);
  EXPECT_EQ(std::count(m.begin(), m.begin() + 30, 5), 18);
  EXPECT_EQ(m[17], 5);
  EXPECT_EQ(m[18], 6);
  EXPECT_EQ(std::count(m.begin() + 30, m.end(), 2), 30);
}

TEST(Calibrate, LogScheduleFollowsTheDaysOwnActivity) {
  // The log of EffectiveAgents...: 1.5 effective agents in 08:00-08:30 (15 min at 1, 15 min at 2), else none.
  const int64_t day = epoch_from_civil(CivilDate{2026, 3, 2});
  const int64_t t8 = day + 8 * 3600;
  CallLog log;
  log.calls = {served(t8, 0, 0, 1200, 0), served(t8 + 300, 0, 0, 600, 1), served(t8, 0, 600, 60, 2)};
  const auto s = log_schedule(log, day, 1, 1800, 300);
  const std::vector<std::pair<double, int>> expect = {{0, 0}, {28800, 1}, {29700, 2}, {30600, 0}};
  EXPECT_EQ(s, expect);
}

TEST(Calibrate, BusynessCvRemovesThePoissonPart) {
  // Weekdays 100, 120, 80: mean 100, sample variance 400; (400 - 100) / 100^2 = 0.03. One weekend day: no
  // variance information.
  EXPECT_NEAR(busyness_cv({100, 120, 80, 50}, {0, 0, 0, 1}), std::sqrt(0.03), 1e-12);
  EXPECT_DOUBLE_EQ(busyness_cv({100, 101, 99}, {0, 0, 0}), 0.0);  // less spread than Poisson
}

TEST(Calibrate, RatesPerDayTypeAndSlotFromTheSyntheticExport) {
  const LogMapping m = load_log_mapping(synth("synthetic.yaml"));
  const CallLog log = read_call_log(synth("synthetic.csv"), m);
  const Calibration c = calibrate(log, m, CalibrateOptions{});
  ASSERT_EQ(c.days, 2);  // Monday 2 and Tuesday 3 March 2026: two weekdays
  ASSERT_EQ(c.days_per_type, (std::vector<int>{2, 0}));
  // Sales: 08:00 and 08:10 on Monday = 2 calls / (2 days x 0.5 h) = 2/h in slot 16; 09:30 Tuesday = 1/h.
  EXPECT_DOUBLE_EQ(c.types[0].rate[0][16], 2.0);
  EXPECT_DOUBLE_EQ(c.types[0].rate[0][19], 1.0);
  EXPECT_DOUBLE_EQ(c.types[1].rate[0][47], 1.0);
  EXPECT_EQ(c.types[0].priorities.at(1), 1);
  EXPECT_EQ(c.types[0].priorities.at(2), 1);
  // One abandonment (waited 120 s) against 3 served waits: exponential rate 1 / (120 + 30 + 90 + 0).
  EXPECT_EQ(c.types[0].patience.chosen, "exponential");
  EXPECT_DOUBLE_EQ(c.types[0].patience.exponential.a, 1.0 / 240);
  // The scenario written from it loads.
  EXPECT_NO_THROW(load_scenario_text(scenario_yaml(c), "calibrated.yaml"));
}

TEST(Calibrate, BacktestErrorsAndMapeByHand) {
  SumsGrid obs(2, std::vector<FigureSums>(1));
  obs[0][0] = {100, 80, 20, 800, 60, 3600, 0};  // abandonment 0.2, mean wait 10, within 0.75
  obs[1][0] = {50, 45, 5, 900, 40, 1800, 0};    // abandonment 0.1, mean wait 20
  std::vector<SumsGrid> sim(2, SumsGrid(2, std::vector<FigureSums>(1)));
  sim[0][0][0] = {110, 90, 20, 900, 70, 3600, 7200};
  sim[1][0][0] = {90, 70, 20, 700, 50, 3600, 7200};
  sim[0][1][0] = {60, 54, 6, 540, 50, 1800, 7200};
  sim[1][1][0] = {40, 36, 4, 360, 30, 1800, 7200};
  const Backtest b = compare(obs, sim, epoch_from_civil(CivilDate{1999, 2, 8}), 86400, 60);
  ASSERT_EQ(b.days.size(), 2u);
  EXPECT_DOUBLE_EQ(b.days[0].simulated[0].mean, 100);
  EXPECT_DOUBLE_EQ(b.days[0].error[0], 0.0);
  // Day 1 abandonment: sim reps 20/110 and 20/90 -> mean (2/11 + 2/9)/2; observed 0.2.
  const double ab = (20.0 / 110 + 20.0 / 90) / 2;
  EXPECT_NEAR(b.days[0].error[1], (ab - 0.2) / 0.2, 1e-12);
  // Day 2 mean wait: both reps 10 s vs observed 20 s: -50%.
  EXPECT_NEAR(b.days[1].error[2], -0.5, 1e-12);
  // Occupancy: observed staffed time is the simulation's (7200): 3600 / 7200 vs 3600 / 7200.
  EXPECT_NEAR(b.days[0].observed[4], 0.5, 1e-12);
  EXPECT_NEAR(b.mape_days[2], (std::fabs((10.0 - 10.0) / 10.0) + 0.5) / 2, 1e-12);
  EXPECT_EQ(b.days[0].label, "1999-02-08");
}

TEST(Calibrate, BankWeekCalibratesRunsAndBacktests) {
  ASSERT_TRUE(std::filesystem::exists(bank_log())) << bank_log() << " is missing: copy shared/ beside the repository";
  const std::string dir = test::temp_dir();
  // Speed: the whole two weeks in under 5 s.
  const auto t0 = std::chrono::steady_clock::now();
  auto all = test::run_ccsim({"calibrate", bank_log(), "--mapping", bank_mapping(), "-o", dir + "/all.yaml", "-q"});
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_LT(secs, 5.0);

  auto cal = test::run_ccsim({"calibrate", bank_log(), "--mapping", bank_mapping(), "--from", "1999-02-01", "--to",
                              "1999-02-07", "-o", dir + "/week1.yaml"});
  ASSERT_EQ(cal.exit_code, 0) << cal.err;
  const Scenario sc = load_scenario(dir + "/week1.yaml");
  EXPECT_DOUBLE_EQ(sc.horizon.length, 7 * 86400.0);
  auto rep = nlohmann::json::parse(test::read_file(dir + "/week1-report.json"));
  EXPECT_EQ(rep["period"]["days"], 7);
  EXPECT_TRUE(std::filesystem::exists(dir + "/week1-report.csv"));
  const std::string html = test::read_file(dir + "/week1-report.html");
  EXPECT_NE(html.find("Service time: empirical cdf and fits"), std::string::npos);
  EXPECT_NE(html.find("Patience: Kaplan-Meier and censored fits"), std::string::npos);
  auto run = test::run_ccsim({"run", dir + "/week1.yaml", "-r", "1", "-q"});
  EXPECT_EQ(run.exit_code, 0) << run.err;

  auto bt = test::run_ccsim({"backtest", dir + "/week1.yaml", "--log", bank_log(), "--mapping", bank_mapping(),
                             "--from", "1999-02-08", "--to", "1999-02-14", "-r", "2", "--json", dir + "/bt.json"});
  ASSERT_EQ(bt.exit_code, 0) << bt.err;
  EXPECT_NE(bt.out.find("MAPE per day"), std::string::npos);
  auto j = nlohmann::json::parse(test::read_file(dir + "/bt.json"));
  ASSERT_EQ(j["days"].size(), 7u);
  // Observed offered over the week = the raw file's non-PHANTOM rows dated 990208..990214.
  std::istringstream in(test::read_file(bank_log()));
  std::string line;
  int offered = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::istringstream ls(line);
    std::string x;
    while (std::getline(ls, x, '\t')) f.push_back(x);
    if (f.size() > 12 && f[5] >= "990208" && f[5] <= "990214" && f[12] != "PHANTOM" && f[5] != "date") ++offered;
  }
  EXPECT_DOUBLE_EQ(j["total"]["offered"]["observed"].get<double>(), offered);
  EXPECT_EQ(j["days"][0]["label"], "1999-02-08");

  auto roster = test::run_ccsim({"backtest", dir + "/week1.yaml", "--log", bank_log(), "--mapping", bank_mapping(),
                                 "--from", "1999-02-08", "--to", "1999-02-09", "-r", "1", "--staffing", "log"});
  EXPECT_EQ(roster.exit_code, 0) << roster.err;
  EXPECT_NE(roster.out.find("Staffing: the log's effective agents, day by day"), std::string::npos);
  auto bad = test::run_ccsim({"backtest", dir + "/week1.yaml", "--log", bank_log(), "--mapping", bank_mapping(),
                              "--staffing", "roster"});
  EXPECT_EQ(bad.exit_code, 2);
}
