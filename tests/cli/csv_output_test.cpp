// --csv DIR (run, capacity, sweep, sla): every table as CSV with units in the header. Each file is read back
// with pandas (as a spreadsheet user would) and compared with the --json document of the same command.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace ccsim {
namespace {

// Runs a Python check; skipped when pandas is not installed.
void python_check(const std::string& script, const std::vector<std::string>& args) {
  const std::string dir = test::temp_dir();
  const std::string py = test::write_file(dir, "check.py", script);
  std::vector<std::string> argv = {"/usr/bin/python3", py};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto res = test::run_program(argv);
  if (res.err.find("No module named") != std::string::npos) GTEST_SKIP() << res.err;
  EXPECT_EQ(res.exit_code, 0) << res.out << res.err;
  EXPECT_EQ(res.out.substr(0, 2), "ok") << res.err;
}

const char* kRunCheck = R"(
import json, sys
import pandas as pd
doc = json.load(open(sys.argv[1])); d = sys.argv[2]
def csv(name): return pd.read_csv(d + '/' + name + '.csv', float_precision='round_trip', keep_default_na=False, na_values=[''])
def col(frame, key):
    cols = [c for c in frame.columns if c.split(' (')[0] == key]
    assert len(cols) == 1, (key, cols)
    return cols[0]
def same(v, e, what):
    if e is None: assert pd.isna(v), (what, v)
    else: assert v == e, (what, v, e)
k = csv('kpis_call_types'); n = 0
assert col(k, 'sl_answered').endswith('(ratio)') and col(k, 'asa').endswith('(s)') and col(k, 'offered').endswith('(count)')
for _, row in k.iterrows():
    t = doc['tenants'][row['tenant']]
    src = t['all_call_types'] if row['call_type'] == '(all)' else t['call_types'][row['call_type']]
    for name, e in src['overall'].items():
        same(row[col(k, name)], e['mean'], name); n += 1
g = csv('kpis_groups')
for _, row in g.iterrows():
    for name, e in doc['tenants'][row['tenant']]['groups'][row['group']]['overall'].items():
        same(row[col(g, name)], e['mean'], name); n += 1
iv = csv('intervals_call_types')
for _, row in iv[iv['call_type'] != '(all)'].iterrows():
    j = doc['tenants'][row['tenant']]['call_types'][row['call_type']]['intervals'][int(row['interval'])]
    assert row[col(iv, 'start')] == j['start']
    same(row[col(iv, 'answered')], j['answered']['mean'], 'answered')
s = csv('sla_months'); months = 0
for tj in doc['sla']['tenants']:
    tn = tj['tenant']; ms = tj['summary']['months']; rows = s[s['tenant'] == tn]
    assert len(rows) == len(ms), (tn, len(rows), len(ms))
    for (_, row), m in zip(rows.iterrows(), ms):
        same(row['availability (ratio)'], m['availability']['mean'], 'availability')
        same(row['availability_ci_lo (ratio)'], m['availability']['ci95'][0], 'availability lo')
        same(row['credit_owed (money)'], m['credit_owed']['mean'], 'credit')
        same(row['unavailable_minutes (count)'], m['unavailable_minutes']['mean'], 'minutes')
        assert row['month.first_day'] == m['month']['first_day']; months += 1
assert months > 0
h = csv('hypotheses')
assert list(h['name']) == [x['name'] for x in doc['platform']['hypotheses']]
for (_, row), x in zip(h.iterrows(), doc['platform']['hypotheses']):
    same(row['pass_rate (ratio)'], x['pass_rate']['mean'], 'pass rate')
inc = csv('incidents'); assert len(inc) == len(doc['platform']['incidents'])
print('ok', n, months)
)";

TEST(CsvOutput, RunTablesReReadToTheJsonFigures) {
  const std::string dir = test::temp_dir();
  const std::string scenario = test::source_dir() + "/scenarios/drill-dc-loss.yaml";
  const auto r = test::run_ccsim({"run", scenario, "-r", "2", "-q", "-o", dir + "/r.h5", "--json", dir + "/r.json",
                                  "--csv", dir + "/csv"});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.err;
  for (const char* f : {"kpis_call_types", "kpis_groups", "kpis_trunks", "intervals_call_types", "intervals_groups",
                        "intervals_trunks", "sla_months", "incidents", "incident_summary", "hypotheses"})
    EXPECT_TRUE(std::filesystem::exists(dir + "/csv/" + f + ".csv")) << f;
  python_check(kRunCheck, {dir + "/r.json", dir + "/csv"});
}

const char* kStaffingCheck = R"(
import json, sys
import pandas as pd
doc = json.load(open(sys.argv[1])); d = sys.argv[2]
s = pd.read_csv(d + '/staffing.csv', float_precision='round_trip')
t = doc['staffing_table']; g = doc['groups'][0]
assert len(s) == len(t['rows']) == len(g['agents'])
for c in ['start (local time)', 'offered_calls (count)', 'erlang_seed (agents)', 'agents (agents)', 'scheduled_fte (agents)',
          'service_level (ratio)', 'service_level_ci_lo (ratio)', 'asa (s)', 'abandonment_ci_hi (ratio)', 'occupancy (ratio)']:
    assert c in s.columns, (c, list(s.columns))
keys = [c['key'] for c in t['columns']]
for i, (_, row) in enumerate(s.iterrows()):
    for k, v in zip(keys, t['rows'][i]):
        header = [c for c in s.columns if c.split(' (')[0] == k][0]
        if v is None: assert pd.isna(row[header]), (k, row[header])
        else: assert row[header] == v, (k, row[header], v)
    assert row['agents (agents)'] == g['agents'][i] and row['erlang_seed (agents)'] == g['seed'][i]
print('ok')
)";

// The planner's question at +20% volume, without a second file: --load 1.2 scales the offered calls, the
// plan has one count for intervals of equal load, FTE carries the shrinkage, and the CSV is the JSON's table.
TEST(CsvOutput, CapacityStaffingWithLoadShrinkageAndMinStaff) {
  const std::string dir = test::temp_dir();
  const std::string scenario = test::write_file(dir, "flat.yaml", R"(
name: flat
horizon: {start: 2026-03-16T08:00, length: 3h, interval: 30min}
seed: 5
replications: 3
tenants:
  - name: acme
    groups:
      - {name: support, agents: 12}
    call_types:
      - name: support
        arrivals: {rate: 200/h}
        route: [support]
        handle: {dist: exponential, mean: 3min}
        patience: {dist: exponential, mean: 5min}
        service_level: {threshold: 20s, target: 80%}
)");
  const auto r = test::run_ccsim({"capacity", scenario, "--mode", "staffing", "-t", "service_level@interval=80%", "--load",
                                  "1.2", "--shrinkage", "30%", "--min-staff", "2", "-j", "2", "--json", dir + "/c.json",
                                  "--csv", dir + "/csv", "-o", dir + "/c.h5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The terminal shows the plan: one line per interval with its start time, not a range.
  EXPECT_NE(r.out.find("2026-03-16T10:30:00"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(".."), std::string::npos) << r.out;
  const auto doc = nlohmann::json::parse(test::read_file(dir + "/c.json"));
  EXPECT_DOUBLE_EQ(doc["shrinkage"].get<double>(), 0.3);
  const auto& g = doc["groups"][0];
  ASSERT_EQ(g["agents"].size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_NEAR(g["offered_calls"][i].get<double>(), 200 * 1.2 * 0.5, 1e-6) << i;  // 120 calls per half-hour
    EXPECT_EQ(g["agents"][i], g["agents"][0]) << "equal loads, equal counts";
    EXPECT_GE(g["agents"][i].get<int>(), 2);
  }
  // FTE = agents / (1 - 0.3), by hand.
  const auto& t = doc["staffing_table"];
  size_t agents_col = 0, fte_col = 0;
  for (size_t k = 0; k < t["columns"].size(); ++k) {
    if (t["columns"][k]["key"] == "agents") agents_col = k;
    if (t["columns"][k]["key"] == "scheduled_fte") fte_col = k;
  }
  for (const auto& row : t["rows"]) EXPECT_NEAR(row[fte_col].get<double>(), row[agents_col].get<double>() / 0.7, 1e-12);
  python_check(kStaffingCheck, {dir + "/c.json", dir + "/csv"});
  // The report page shows the plan as a table (not the raw arrays of the groups table).
  const auto rep = test::run_ccsim({"report", dir + "/c.h5", "-o", dir + "/c.html"});
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  const std::string html = test::read_file(dir + "/c.html");
  EXPECT_NE(html.find("id=\"table-staffing\""), std::string::npos);
  EXPECT_NE(html.find("2026-03-16T08:30:00"), std::string::npos);
  EXPECT_EQ(html.find("id=\"capacity-groups\""), std::string::npos);
  // ... and a step chart per group of required agents against the Erlang seed.
  EXPECT_NE(html.find("class=\"staffing-chart\""), std::string::npos);
  EXPECT_NE(html.find("Erlang seed"), std::string::npos);
  EXPECT_NE(html.find("required agents (simulated)"), std::string::npos);
}

TEST(CsvOutput, SweepWritesTheVariantsTable) {
  const std::string dir = test::temp_dir();
  const auto r = test::run_ccsim({"sweep", test::source_dir() + "/scenarios/small-center.yaml", "--load", "1,1.2", "-r", "1",
                                  "-q", "--json", dir + "/s.json", "--csv", dir + "/csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  python_check(R"(
import json, sys
import pandas as pd
doc = json.load(open(sys.argv[1]))
s = pd.read_csv(sys.argv[2] + '/sweep.csv', float_precision='round_trip')
assert list(s['load']) == [1.0, 1.2], list(s['load'])
for (_, row), v in zip(s.iterrows(), doc['variants']):
    t = list(v['tenants'].values())[0]['all_call_types']['overall']
    assert row['offered (count)'] == t['offered']['mean'] and row['sl_answered (ratio)'] == t['sl_answered']['mean']
print('ok')
)",
               {dir + "/s.json", dir + "/csv"});
}

// `ccsim sla` on a real ledger: the months CSV carries the evaluation's figures, money with the contract's
// currency or fee units in the header.
TEST(CsvOutput, SlaMonthsReReadToTheJsonFigures) {
  const std::string dir = test::temp_dir();
  const auto r = test::run_ccsim({"sla", "--contract", test::source_dir() + "/models/contracts/cn-ccc-2022.yaml", "--ledger",
                                  test::source_dir() + "/tests/data/ledgers/march-2019-outage.csv", "--fee", "1000",
                                  "--json", dir + "/s.json", "--csv", dir + "/csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  python_check(R"(
import json, sys
import pandas as pd
doc = json.load(open(sys.argv[1]))['sla']
s = pd.read_csv(sys.argv[2] + '/sla_months.csv', float_precision='round_trip')
assert len(s) == len(doc['months'])
money = [c for c in s.columns if c.startswith('credit_owed (')]
assert len(money) == 1, list(s.columns)
for (_, row), m in zip(s.iterrows(), doc['months']):
    assert row['availability (ratio)'] == m['availability'], (row['availability (ratio)'], m['availability'])
    assert row['availability_num (count)'] == m['availability_num'] and row['availability_den (count)'] == m['availability_den']
    assert row[money[0]] == m['credit_owed'] and row['month.first_day'] == m['month']['first_day']
print('ok')
)",
               {dir + "/s.json", dir + "/csv"});
}

TEST(CsvOutput, StaffingOptionsRejectBadValues) {
  const std::string scenario = test::source_dir() + "/scenarios/small-center.yaml";
  for (const char* share : {"100%", "1", "-5%", "abc", "30%%"}) {
    const auto r = test::run_ccsim({"capacity", scenario, "--mode", "staffing", "-q", "--shrinkage", share});
    EXPECT_EQ(r.exit_code, 2) << share;
    EXPECT_NE(r.err.find("--shrinkage"), std::string::npos) << r.err;
  }
  const auto m = test::run_ccsim({"capacity", scenario, "--mode", "staffing", "-q", "--min-staff", "-1"});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("--min-staff"), std::string::npos) << m.err;
}

TEST(CsvOutput, CsvPathIsCheckedBeforeTheRun) {
  const std::string dir = test::temp_dir();
  const std::string file = test::write_file(dir, "taken", "x");
  const auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/small-center.yaml", "-q", "-o", dir + "/r.h5",
                                  "--csv", file});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--csv"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/r.h5"));
  const auto c = test::run_ccsim({"capacity", test::source_dir() + "/scenarios/small-center.yaml", "--mode", "staffing",
                                  "-q", "--csv", dir + "/no/such/dir/csv"});
  EXPECT_EQ(c.exit_code, 2) << c.err;
  EXPECT_NE(c.err.find("does not exist"), std::string::npos) << c.err;
}

}  // namespace
}  // namespace ccsim
