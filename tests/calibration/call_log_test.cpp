// The call-log reader on the Anonymous Bank export (figures published in its README) and on a synthetic
// CCaaS-style export in another layout (tests/data/call-logs/), values checked by hand.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "calibration/call_log.hpp"
#include "core/time.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
using namespace ccsim::calibration;

namespace {

// The data lives beside the repository (../shared), in CI as here; a missing file is a failure, not a skip.
std::string bank_log() { return test::source_dir() + "/../shared/data/anonymous-bank/calls-1999-02-01_14.tsv"; }
std::string bank_mapping() { return test::source_dir() + "/models/call-logs/anonymous-bank.yaml"; }
std::string synth(const std::string& f) { return test::source_dir() + "/tests/data/call-logs/" + f; }

// Independent scan of the raw file: served/abandoned rows entering at 23:00 or later with a later time column
// (not the 0:00:00 "never") before 01:00, i.e. whose call runs past midnight.
int raw_midnight_crossings() {
  std::istringstream in(test::read_file(bank_log()));
  std::string line;
  std::getline(in, line);
  auto secs = [](const std::string& t) {
    int h = 0, m = 0, s = 0;
    std::sscanf(t.c_str(), "%d:%d:%d", &h, &m, &s);
    return h * 3600 + m * 60 + s;
  };
  int n = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::istringstream ls(line);
    std::string x;
    while (std::getline(ls, x, '\t')) f.push_back(x);
    if (f.size() < 17 || f[12] == "PHANTOM" || secs(f[6]) < 23 * 3600) continue;
    bool cross = false;
    for (int i : {7, 9, 10, 13, 14})
      if (f[i] != "0:00:00" && secs(f[i]) < 3600) cross = true;
    n += cross;
  }
  return n;
}

}  // namespace

TEST(CallLog, BankExportMatchesItsPublishedFigures) {
  ASSERT_TRUE(std::filesystem::exists(bank_log())) << bank_log() << " is missing: copy shared/ beside the repository";
  const CallLog log = read_call_log(bank_log(), load_log_mapping(bank_mapping()));
  EXPECT_EQ(log.rows, 17456);
  EXPECT_EQ(log.calls.size(), 17313u);  // README: 17,313 callers asked for an agent
  EXPECT_EQ(log.ignored, 17456 - 17313);
  int served = 0, abandoned = 0, within60 = 0, crossing = 0, service_n = 0;
  double wait = 0, service = 0;
  for (const auto& c : log.calls) {
    const double midnight = static_cast<double>(c.arrival - c.arrival % 86400 + 86400);
    if (c.outcome == LogOutcome::Served) {
      ++served, wait += c.wait, within60 += c.wait <= 60;
      if (c.service >= 0) service += c.service, ++service_n;
      if (c.service_start + std::max(0.0, c.service) >= midnight) ++crossing;
    } else {
      ++abandoned;
      if (c.arrival + c.ivr + c.wait >= midnight) ++crossing;
    }
    ASSERT_GE(c.wait, 0) << "line " << c.line;
    ASSERT_LT(c.ivr, 3600) << "line " << c.line;
  }
  EXPECT_NEAR(static_cast<double>(abandoned) / (served + abandoned), 0.168, 0.0005);
  EXPECT_NEAR(wait / served, 34.4, 0.05);
  EXPECT_NEAR(static_cast<double>(within60) / served, 0.805, 0.0005);
  EXPECT_NEAR(service / service_n, 166.9, 0.5);
  EXPECT_EQ(crossing, raw_midnight_crossings());
  EXPECT_EQ(log.first_day, epoch_from_civil(CivilDate{1999, 2, 1}));
  EXPECT_EQ(log.last_day, epoch_from_civil(CivilDate{1999, 2, 14}));
}

TEST(CallLog, PeriodWindowKeepsOnlyItsDays) {
  ASSERT_TRUE(std::filesystem::exists(bank_log()));
  ReadOptions ro;
  ro.from = epoch_from_civil(CivilDate{1999, 2, 8});
  ro.to = epoch_from_civil(CivilDate{1999, 2, 15});
  const CallLog log = read_call_log(bank_log(), load_log_mapping(bank_mapping()), ro);
  EXPECT_EQ(log.first_day, ro.from);
  for (const auto& c : log.calls) ASSERT_GE(c.arrival, ro.from);
}

TEST(CallLog, SyntheticCsvExportWithTimestamps) {
  const CallLog log = read_call_log(synth("synthetic.csv"), load_log_mapping(synth("synthetic.yaml")));
  EXPECT_EQ(log.rows, 5);
  EXPECT_EQ(log.ignored, 1);
  ASSERT_EQ(log.calls.size(), 4u);
  ASSERT_EQ(log.types, (std::vector<std::string>{"Sales", "Support"}));
  const auto& a = log.calls[0];  // answered after 30 s in the IVR and 30 s in queue; 4 min of talk
  EXPECT_EQ(a.arrival, epoch_from_civil(CivilDate{2026, 3, 2}, 8, 0, 0));
  EXPECT_DOUBLE_EQ(a.ivr, 30);
  EXPECT_DOUBLE_EQ(a.wait, 30);
  EXPECT_DOUBLE_EQ(a.service, 240);
  EXPECT_EQ(a.priority, 1);
  EXPECT_EQ(log.agents[a.agent], "Smith, J");  // quoted field with a comma
  const auto& b = log.calls[1];
  EXPECT_EQ(b.outcome, LogOutcome::Abandoned);
  EXPECT_DOUBLE_EQ(b.wait, 120);
  EXPECT_EQ(b.agent, -1);
  const auto& c = log.calls[2];  // crosses midnight: 23:58:40 -> 00:00:10 is 90 s
  EXPECT_DOUBLE_EQ(c.wait, 90);
  EXPECT_DOUBLE_EQ(c.service, 180);
  EXPECT_EQ(c.type, 1);
  EXPECT_DOUBLE_EQ(log.calls[3].wait, 0);
  EXPECT_EQ(log.calls[3].priority, 2);
}

TEST(CallLog, BadRowIsLocatedOrSkippedAndCounted) {
  const LogMapping m = load_log_mapping(synth("synthetic.yaml"));
  try {
    read_call_log(synth("bad-time.csv"), m);
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].format(),
              synth("bad-time.csv") + ":4:51: Left Queue: not a timestamp '2026-03-03 25:00:10' (expected "
                                      "YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS])");
  }
  ReadOptions ro;
  ro.skip_bad_rows = true;
  const CallLog log = read_call_log(synth("bad-time.csv"), m, ro);
  EXPECT_EQ(log.skipped.size(), 1u);
  EXPECT_EQ(log.calls.size(), 3u);
}

TEST(CallLog, MappingErrorsAreLocated) {
  const std::string dir = test::temp_dir();
  const std::string p = test::write_file(dir, "m.yaml", "times: timestamp\ncolumns: {arrival: a, outcom: b}\noutcomes: {x: served}\n");
  try {
    load_log_mapping(p);
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_GE(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].loc.line, 2);
    EXPECT_NE(e.what(), std::string());
    EXPECT_NE(std::string(e.what()).find("columns.outcom: unknown key 'outcom'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("columns.outcome: missing"), std::string::npos) << e.what();
  }
}

TEST(CallLog, CliBadRowExitsTwoWithLocation) {
  const std::string dir = test::temp_dir();
  auto r = test::run_ccsim({"calibrate", synth("bad-time.csv"), "--mapping", synth("synthetic.yaml"), "-o",
                            dir + "/s.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-time.csv:4:51: Left Queue"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/s.yaml"));
}

TEST(CallLog, ShortRowIsABadRowNotACrash) {
  try {
    read_call_log(synth("short-row.csv"), load_log_mapping(synth("minimal.yaml")));
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].loc.line, 3);
    EXPECT_EQ(e.diagnostics()[0].message, "the row has 2 fields, none for column 'Result'");
  }
}
