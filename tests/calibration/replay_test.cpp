// Replay of the Anonymous Bank log: the calls of a day become the day's arrivals, one for one.
#include <gtest/gtest.h>

#include "calibration/calibrate.hpp"
#include "calibration/replay.hpp"
#include "callflow/simulation.hpp"
#include "core/time.hpp"
#include "scenario/loader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
using namespace ccsim::calibration;

namespace {

std::string bank_log() { return test::source_dir() + "/../shared/data/anonymous-bank/calls-1999-02-01_14.tsv"; }
std::string bank_mapping() { return test::source_dir() + "/models/call-logs/anonymous-bank.yaml"; }

}  // namespace

TEST(Replay, BankFirstDayIsOfferedCallForCall) {
  const LogMapping m = load_log_mapping(bank_mapping());
  const CallLog all = read_call_log(bank_log(), m);
  const int64_t day = epoch_from_civil(CivilDate{1999, 2, 1});
  int64_t logged = 0;
  for (const auto& c : all.calls) logged += c.arrival >= day && c.arrival < day + 86400;
  ASSERT_GT(logged, 500);

  // A scenario calibrated on the first week, simulated over the first day only.
  ReadOptions week;
  week.to = day + 7 * 86400;
  Scenario sc = load_scenario_text(scenario_yaml(calibrate(read_call_log(bank_log(), m, week), m, {})), "bank.yaml");
  ASSERT_EQ(sc.horizon.start, day);
  sc.horizon.length = 86400;
  const ReplayPlan plan = replay_plan(all, m, sc.tenants[0], sc.horizon);
  EXPECT_EQ(static_cast<int64_t>(plan.calls.size()), logged);
  EXPECT_EQ(plan.outside_horizon, static_cast<int>(all.calls.size()) - logged);
  sc.tenants[0].replay = plan.calls;
  const RepResult r = simulate_with_heap(sc, 0);
  double offered = 0;
  for (const auto& t : r.tenants[0].ct) offered += t.total(CT_OFFERED);
  EXPECT_EQ(offered, static_cast<double>(logged));
}

TEST(Replay, LogCallTypeMissingFromTheScenarioIsAnInputError) {
  const LogMapping m = load_log_mapping(bank_mapping());
  const CallLog log = read_call_log(bank_log(), m);
  Tenant t;
  t.name = "acme";
  t.call_types.push_back(CallType{});
  t.call_types[0].name = "nobody";
  Horizon h;
  h.start = epoch_from_civil(CivilDate{1999, 2, 1});
  try {
    replay_plan(log, m, t, h);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string s = e.what();
    EXPECT_NE(s.find("calls-1999-02-01_14.tsv:"), std::string::npos) << s;
    EXPECT_NE(s.find("not a call type of tenant 'acme'"), std::string::npos) << s;
  }
}

TEST(Replay, RunCommandReplaysAndNamesTheLogInWhatIf) {
  const LogMapping m = load_log_mapping(bank_mapping());
  ReadOptions week;
  week.to = epoch_from_civil(CivilDate{1999, 2, 8});
  const std::string dir = test::temp_dir();
  const std::string sc = test::write_file(dir, "bank.yaml", scenario_yaml(calibrate(read_call_log(bank_log(), m, week), m, {})));
  const std::vector<std::string> base = {"run", sc, "--set", "horizon.length=1d", "-r", "1", "-q", "-o", dir + "/r.h5"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return test::run_ccsim(a);
  };
  const auto ok = with({"--replay", bank_log(), "--mapping", bank_mapping(), "--json", dir + "/s.json"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(test::read_file(dir + "/s.json").find("replay " + bank_log()), std::string::npos);
  const auto no_mapping = with({"--replay", bank_log()});
  EXPECT_EQ(no_mapping.exit_code, 2);
  EXPECT_NE(no_mapping.err.find("--replay and --mapping go together"), std::string::npos) << no_mapping.err;
  const auto load = with({"--replay", bank_log(), "--mapping", bank_mapping(), "--load", "2"});
  EXPECT_EQ(load.exit_code, 2);
  EXPECT_NE(load.err.find("--load does not apply to --replay"), std::string::npos) << load.err;
}
