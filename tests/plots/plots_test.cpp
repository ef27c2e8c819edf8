// plots/: every script turns a results file made by `ccsim run` into a PNG (valid signature, not a blank
// canvas), run with Debian's /usr/bin/python3 as plots/README.md says.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "output/h5_fixture.hpp"
#include "output/results_h5.hpp"
#include "output/run_sections.hpp"
#include "run/section_context.hpp"
#include "support/test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

bool have_python_modules() {
  if (!fs::exists("/usr/bin/python3")) return false;
  return test::run_program({"/usr/bin/python3", "-c", "import h5py, matplotlib, pandas"}).exit_code == 0;
}

void expect_png(const std::string& path) {
  ASSERT_TRUE(fs::exists(path)) << path;
  const std::string png = test::read_file(path);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << path;
  EXPECT_GT(png.size(), 15000u) << path;  // a figure with axes, lines and text, not an empty canvas
}

std::string script(const std::string& name) { return test::source_dir() + "/plots/" + name; }

TEST(Plots, EveryScriptDrawsARunsResults) {
  if (!have_python_modules()) GTEST_SKIP() << "/usr/bin/python3 with h5py, matplotlib and pandas not installed";
  const std::string dir = test::temp_dir();
  const std::string h5 = dir + "/small.h5";
  const auto run = test::run_ccsim({"run", test::source_dir() + "/scenarios/small-center.yaml", "-r", "2", "--quiet", "-o", h5});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const std::string s : {"sla_months.py", "success_timeline.py", "kpi_heatmap.py", "staffing.py"}) {
    const std::string out = dir + "/" + s + ".png";
    const auto r = test::run_program({"/usr/bin/python3", script(s), h5, "-o", out});
    EXPECT_EQ(r.exit_code, 0) << s << "\n" << r.err;
    EXPECT_EQ(r.out, out + "\n") << r.err;
    expect_png(out);
  }
  // Options: another KPI of a group; the default output name next to the results file.
  auto r = test::run_program({"/usr/bin/python3", script("kpi_heatmap.py"), h5, "--kpi", "occupancy", "--group", "support"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_png(dir + "/small-heatmap.png");
  // A KPI that does not exist: a message, not a traceback.
  r = test::run_program({"/usr/bin/python3", script("kpi_heatmap.py"), h5, "--kpi", "nonsense", "-o", dir + "/x.png"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no KPI 'nonsense'"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Traceback"), std::string::npos) << r.err;
}

// Runs Python `code` with h5py and plots/ccsim_results.py (as `cr`) imported.
test::ProcResult run_with_helpers(const std::string& code) {
  return test::run_program({"/usr/bin/python3", "-c",
                            "import sys, h5py\nsys.path.insert(0, '" + test::source_dir() +
                                "/plots')\nimport ccsim_results as cr\n" + code});
}

// ccsim_results.minute_causes rebuilds the per-cause columns from the sparse table of format versions 4 and 5:
// with too few trunk channels the failures are trunk_busy, and per minute the causes add up to the table's failures.
TEST(Plots, MinuteCausesAddUpToTheMinuteFailures) {
  if (!have_python_modules()) GTEST_SKIP() << "/usr/bin/python3 with h5py, matplotlib and pandas not installed";
  const std::string dir = test::temp_dir();
  const std::string h5 = dir + "/busy.h5";
  const auto run = test::run_ccsim({"run", test::source_dir() + "/scenarios/small-center.yaml", "-r", "1", "--quiet",
                                    "--set", "tenants[0].trunks[0].channels=8", "-o", h5});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto r = run_with_helpers(
      "f = h5py.File('" + h5 + "', 'r')\n"
      "c = cr.minute_causes(f, 'rep_0000', 'acme')\n"
      "m = cr.minute(f, 'rep_0000', 'acme')\n"
      "assert len(c) == len(m) == 1440, (len(c), len(m))\n"
      "assert (c.sum(axis=1).values == m['failures'].values).all()\n"
      "print(int(c['failures_trunk_busy'].sum()), int(m['failures'].sum()))\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  long busy = 0, total = 0;
  in >> busy >> total;
  EXPECT_GT(busy, 0) << r.out;  // 8 channels for ~200 calls/h of ~4 min: the trunk blocks calls
  EXPECT_EQ(busy, total) << r.out;
}

// The reading helpers give the same frames from a format version 4 file (the seed of
// tests/output/h5_versions_test.cpp) and from the same run written now: minutes, failures by cause, incidents.
TEST(Plots, HelpersReadVersion4AndVersion5Alike) {
  if (!have_python_modules()) GTEST_SKIP() << "/usr/bin/python3 with h5py, matplotlib and pandas not installed";
  const std::string dir = test::temp_dir();
  const auto run = test::run_ccsim({"run", test::source_dir() + "/scenarios/drill-host-crash.yaml", "--set",
                                    "horizon.start=2026-03-16T09:00", "--set", "horizon.length=3h", "-r", "2", "-q",
                                    "-o", dir + "/v5.h5"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto r = run_with_helpers(
      "a = h5py.File('" + test::source_dir() + "/fuzz/seeds/h5/drill-host-crash-v4.h5', 'r')\n"
      "b = h5py.File('" + dir + "/v5.h5', 'r')\n"
      "assert int(a.attrs['format_version']) == 4 and int(b.attrs['format_version']) == 5\n"
      "assert cr.replications(a) == cr.replications(b) == ['rep_0000', 'rep_0001'], cr.replications(b)\n"
      "n = 0\n"
      "for rep in cr.replications(a):\n"
      "    for t in ('acme', 'globex'):\n"
      "        ma, mb = cr.minute(a, rep, t), cr.minute(b, rep, t)\n"
      "        assert len(ma) == 180 and ma.equals(mb), (rep, t)\n"
      "        ca, cb = cr.minute_causes(a, rep, t), cr.minute_causes(b, rep, t)\n"
      "        assert ca.equals(cb), (rep, t)\n"
      "        assert (cb.sum(axis=1).values == mb['failures'].values).all(), (rep, t)\n"
      "        n += int(cb.values.sum())\n"
      "    assert cr.replication_table(a, rep, 'incidents').equals(cr.replication_table(b, rep, 'incidents'))\n"
      "print(n)\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(std::stol(r.out), 0) << "the crash makes failures: the comparison is not of empty frames";
}

TEST(Plots, SlaMonthViewUsesTheContractEvaluation) {
  if (!have_python_modules()) GTEST_SKIP() << "/usr/bin/python3 with h5py, matplotlib and pandas not installed";
  auto run = test::make_h5_run(1);
  run->doc["sla"] = nlohmann::json::parse(R"({"tenants": [{"tenant": "acme",
      "availability_standard": 0.9995,
      "contract": {"tiers": [{"label": "tier 1", "lower": 0.99, "upper": 0.9995, "credit_pct": 10}]},
      "months": [{"month": {"first_day": "2026-03-01"}, "availability": {"mean": 0.9987, "ci95": [0.998, 0.9993]}}]}]})");
  const std::string dir = test::temp_dir();
  write_results_h5(dir + "/sla.h5", run->ctx(), {});
  const auto r = test::run_program({"/usr/bin/python3", script("sla_months.py"), dir + "/sla.h5", "-o", dir + "/m.png"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_png(dir + "/m.png");
  // Not a results file: refused with a message.
  const auto bad = test::run_program({"/usr/bin/python3", script("sla_months.py"), test::write_file(dir, "x.h5", "text")});
  EXPECT_NE(bad.exit_code, 0);
}

// `ccsim run` writes the months under sla.tenants[].summary (docs/sla.md); the script reads them there
// rather than falling back to the minute rule, and a month that owes a credit is not drawn green.
TEST(Plots, SlaMonthViewFindsTheRunsSummaryMonths) {
  if (!have_python_modules()) GTEST_SKIP() << "/usr/bin/python3 with h5py, matplotlib and pandas not installed";
  auto run = test::make_h5_run(2, false, true);
  run::SectionContext ctx = run->ctx();
  add_sla_section(ctx);
  ASSERT_EQ(run->doc["sla"]["tenants"][0]["tenant"], "acme");
  ASSERT_TRUE(run->doc["sla"]["tenants"][0].contains("summary"));
  const std::string dir = test::temp_dir();
  write_results_h5(dir + "/real.h5", run->ctx(), {});
  const auto r = test::run_program({"/usr/bin/python3", script("sla_months.py"), dir + "/real.h5", "-o", dir + "/m.png"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("availability per service month from sla.tenants[acme].summary.months"), std::string::npos) << r.err;
  expect_png(dir + "/m.png");
}

// Each call type's requirement uses its own T and target (multiskill-week: 20 s/80%, 30 s/80%, 60 s/90%), not
// the first call type's for all.
TEST(Plots, StaffingUsesEachCallTypesOwnThreshold) {
  if (!have_python_modules()) GTEST_SKIP() << "/usr/bin/python3 with h5py, matplotlib and pandas not installed";
  const std::string dir = test::temp_dir();
  const std::string h5 = dir + "/week.h5";
  const auto run = test::run_ccsim({"run", test::source_dir() + "/scenarios/multiskill-week.yaml", "-r", "1", "--quiet", "-o", h5});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto r = test::run_program({"/usr/bin/python3", script("staffing.py"), h5, "-o", dir + "/s.png"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("billing 90% in 60s"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("sales 80% in 20s"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("service 80% in 30s"), std::string::npos) << r.err;
  expect_png(dir + "/s.png");
}

}  // namespace
}  // namespace ccsim
