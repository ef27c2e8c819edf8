// `ccsim capacity --output` end to end: the binary runs a short max-load search and a staffing search on a
// tiny M/M/N case, the HDF5 file is read back with the HDF5 library (root attributes, the trials table
// against the search rule of docs/capacity.md, the result against the --json document), and `ccsim report`
// turns it into a page with one capacity chart per target.
#include <H5Cpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "scenario/loader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
using nlohmann::json;

namespace {

// 4 Erlangs (80 calls/h x 3 min) on 8 agents: the base load holds an 80%/20 s target comfortably, while at the
// x4 cap (16 Erlangs) 8 agents cannot carry the load at all, so the search finds a breaking point below it.
const char* kScenario = R"(
name: capacity-h5-case
horizon: {start: 2026-03-16T00:00, length: 2h, interval: 1h}
seed: 5
replications: 2
tenants:
  - name: acme
    groups:
      - {name: support, agents: 8}
    call_types:
      - name: support
        arrivals: {rate: 80/h}
        route: [support]
        handle: {dist: exponential, mean: 3min}
        service_level: {threshold: 20s, target: 80%}
)";

std::string attr_string(const H5::H5File& f, const std::string& obj, const std::string& name) {
  H5::Attribute a = f.openGroup(obj).openAttribute(name);
  std::string v;
  a.read(a.getStrType(), v);
  return v;
}
double attr_double(const H5::H5File& f, const std::string& obj, const std::string& name) {
  double v = 0;
  f.openGroup(obj).openAttribute(name).read(H5::PredType::NATIVE_DOUBLE, &v);
  return v;
}
std::vector<std::string> attr_strings(const H5::H5File& f, const std::string& obj, const std::string& name) {
  H5::Attribute a = f.openGroup(obj).openAttribute(name);
  std::vector<char*> p(static_cast<size_t>(a.getSpace().getSimpleExtentNpoints()));
  a.read(H5::StrType(H5::PredType::C_S1, H5T_VARIABLE), p.data());
  std::vector<std::string> out(p.begin(), p.end());
  for (char* s : p) std::free(s);
  return out;
}
std::vector<double> field(const H5::H5File& f, const std::string& ds_path, const std::string& name) {
  H5::DataSet ds = f.openDataSet(ds_path);
  H5::CompType mem(sizeof(double));
  mem.insertMember(name, 0, H5::PredType::NATIVE_DOUBLE);
  std::vector<double> v(static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints()));
  if (!v.empty()) ds.read(v.data(), mem);
  return v;
}
std::vector<std::string> field_strings(const H5::H5File& f, const std::string& ds_path, const std::string& name) {
  H5::DataSet ds = f.openDataSet(ds_path);
  H5::CompType mem(sizeof(char*));
  mem.insertMember(name, 0, H5::StrType(H5::PredType::C_S1, H5T_VARIABLE));
  std::vector<char*> p(static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints()));
  if (!p.empty()) ds.read(p.data(), mem);
  std::vector<std::string> out(p.begin(), p.end());
  for (char* s : p) std::free(s);
  return out;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST(CapacityH5, MaxLoadFileHoldsTheSearchAndReportDrawsIt) {
  const std::string dir = test::temp_dir();
  const std::string scenario = test::write_file(dir, "case.yaml", kScenario);
  const std::string h5 = dir + "/cap.h5", js = dir + "/cap.json", html = dir + "/cap.html";
  const auto run = test::run_ccsim({"capacity", scenario, "-q", "-j", "2", "--replications", "2", "--max-replications",
                                    "4", "--max-multiplier", "4", "--tolerance", "0.3", "--target", "service_level=80%",
                                    "--output", h5, "--json", js});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json doc = json::parse(test::read_file(js));

  H5::H5File f(h5, H5F_ACC_RDONLY);
  EXPECT_EQ(attr_string(f, "/", "format"), "ccsim-capacity");
  EXPECT_EQ(attr_double(f, "/", "format_version"), 1);
  EXPECT_EQ(attr_string(f, "/", "mode"), "max-load");
  EXPECT_EQ(attr_string(f, "/", "scenario_hash"), load_scenario(scenario).file_hash);
  EXPECT_FALSE(attr_string(f, "/", "ccsim_version").empty());
  EXPECT_EQ(attr_strings(f, "/", "targets"), std::vector<std::string>{"service_level=80%"});
  EXPECT_EQ(attr_double(f, "/", "complete"), 1);

  // One row per trial (one target): the multipliers of the search in order, x1 first, doubling while it holds.
  const auto mult = field(f, "/trials", "multiplier"), holds = field(f, "/trials", "trial_holds");
  const auto mean = field(f, "/trials", "mean"), lo = field(f, "/trials", "ci_lo"), hi = field(f, "/trials", "ci_hi");
  const auto reps = field(f, "/trials", "replications"), value = field(f, "/trials", "target_value");
  const auto verdict = field_strings(f, "/trials", "verdict");
  ASSERT_EQ(mult.size(), doc["points"].size());
  ASSERT_GE(mult.size(), 2u);
  EXPECT_EQ(mult[0], 1.0);
  double max_hold = 0, min_break = INFINITY;
  for (size_t i = 0; i < mult.size(); ++i) {
    EXPECT_DOUBLE_EQ(mult[i], doc["points"][i]["multiplier"].get<double>());
    EXPECT_EQ(holds[i] == 1, doc["points"][i]["holds"].get<bool>());
    EXPECT_GE(reps[i], 2);
    EXPECT_LE(reps[i], 4);
    EXPECT_DOUBLE_EQ(value[i], 0.8);
    EXPECT_LE(lo[i], mean[i]);
    EXPECT_GE(hi[i], mean[i]);
    // Decision rule (capacity/targets.hpp): a ">=" target breaks when its interval lies below the value.
    if (hi[i] < 0.8) {
      EXPECT_EQ(verdict[i], "breaks");
    }
    if (verdict[i] == "breaks") {
      EXPECT_EQ(holds[i], 0);
    }
    if (holds[i] == 1) max_hold = std::max(max_hold, mult[i]);
    else min_break = std::min(min_break, mult[i]);
  }
  ASSERT_TRUE(std::isfinite(min_break)) << "16 Erlangs on 8 agents must break";
  EXPECT_DOUBLE_EQ(attr_double(f, "/result", "max_multiplier"), max_hold);
  EXPECT_DOUBLE_EQ(attr_double(f, "/result", "breaking_multiplier"), min_break);
  EXPECT_LE((min_break - max_hold) / max_hold, 0.3 + 1e-9);
  EXPECT_EQ(attr_string(f, "/result", "first_broken_target"), "service_level=80%");
  EXPECT_EQ(attr_string(f, "/result", "binding_resource"), doc["binding_resource"].get<std::string>());
  f.close();

  const auto rep = test::run_ccsim({"report", h5, "-o", html});
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  const std::string page = test::read_file(html);
  EXPECT_EQ(count(page, "class=\"capacity-chart\""), 1u);  // one target, one chart
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("target &gt;= 80%"), std::string::npos);  // the target line's label
  for (double m : mult) {  // a bar per multiplier
    char label[32];
    std::snprintf(label, sizeof label, ">x%.4g<", m);
    EXPECT_NE(page.find(label), std::string::npos) << label;
  }
  EXPECT_NE(page.find("id=\"capacity-trials\""), std::string::npos);
}

TEST(CapacityH5, StaffingFileRecordsEveryTrial) {
  const std::string dir = test::temp_dir();
  const std::string scenario = test::write_file(dir, "case.yaml", kScenario);
  const std::string h5 = dir + "/staff.h5", js = dir + "/staff.json";
  const auto run = test::run_ccsim({"capacity", scenario, "-q", "-j", "2", "--mode", "staffing", "--replications", "2",
                                    "--max-replications", "4", "--target", "service_level=80%", "--output", h5, "--json", js});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json doc = json::parse(test::read_file(js));
  H5::H5File f(h5, H5F_ACC_RDONLY);
  EXPECT_EQ(attr_string(f, "/", "mode"), "staffing");
  EXPECT_EQ(attr_double(f, "/result", "met"), 1);
  EXPECT_EQ(attr_double(f, "/result", "trials"), doc["trials"].get<double>());
  const auto trial = field(f, "/trials", "trial"), agents = field(f, "/trials", "agents");
  const auto holds = field(f, "/trials", "trial_holds");
  ASSERT_EQ(trial.size(), doc["trials"].get<size_t>());  // one staffing target: one row per trial
  for (size_t i = 0; i < trial.size(); ++i) EXPECT_EQ(trial[i], static_cast<double>(i + 1));
  // The search ends on a verified trial with the reported staffing.
  EXPECT_EQ(holds.back(), 1);
  EXPECT_EQ(agents.back(), doc["groups"][0]["peak_agents"].get<double>());
  EXPECT_EQ(field_strings(f, "/result/groups", "group"), std::vector<std::string>{"support"});
  // The staffing plan table: one row per count, the JSON plan's agents and achieved figures.
  const auto& plan = doc["staffing_table"];
  ASSERT_EQ(plan["rows"].size(), 1u);  // an overall target: one count for the horizon
  EXPECT_EQ(field(f, "/result/staffing_table", "agents"), std::vector<double>{doc["groups"][0]["agents"][0].get<double>()});
  EXPECT_EQ(field_strings(f, "/result/staffing_table", "group"), std::vector<std::string>{"support"});
  size_t sl = 0;
  for (size_t k = 0; k < plan["columns"].size(); ++k)
    if (plan["columns"][k]["key"] == "service_level") sl = k;
  EXPECT_EQ(field(f, "/result/staffing_table", "service_level"), std::vector<double>{plan["rows"][0][sl].get<double>()});
  f.close();
  const auto rep = test::run_ccsim({"report", h5, "-o", dir + "/staff.html"});
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  EXPECT_EQ(count(test::read_file(dir + "/staff.html"), "class=\"capacity-chart\""), 1u);
}
