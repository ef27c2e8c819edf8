// Writer of the capacity HDF5 file (layout: capacity_h5.hpp, docs/output-format.md).
#include "output/capacity_h5.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "capacity/report.hpp"
#include "core/atomic_file.hpp"
#include "output/h5_write_util.hpp"

namespace ccsim::capacity {

namespace {

using nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* verdict_text(Verdict v) { return v == Verdict::Holds ? "holds" : v == Verdict::Breaks ? "breaks" : "undecided"; }

// The figure of `target` that is furthest on the wrong side of it (lowest for ">=", highest for "<="): the one
// that decides whether the target holds. Figures without observation (NaN) are skipped; nullptr when none.
const Check* worst_check(const std::vector<Check>& checks, int target, bool at_least) {
  const Check* w = nullptr;
  for (const Check& c : checks) {
    if (c.target != target || std::isnan(c.estimate.mean)) continue;
    if (!w || (at_least ? c.estimate.mean < w->estimate.mean : c.estimate.mean > w->estimate.mean)) w = &c;
  }
  return w;
}

// Rows of the /trials table, one per (trial, target).
struct TrialRows {
  std::vector<int64_t> trial, replications, holds, target, interval;
  std::vector<double> x, value, mean, lo, hi;
  std::vector<std::string> target_text, op, tenant, group, verdict, staffing;

  void add(const Scenario& sc, int64_t t, double xv, int reps, bool trial_holds, const std::vector<Target>& targets,
           const std::vector<Check>& checks, const std::string& staffing_text) {
    for (size_t k = 0; k < targets.size(); ++k) {
      const Target& tg = targets[k];
      const Check* c = worst_check(checks, static_cast<int>(k), tg.at_least());
      trial.push_back(t);
      x.push_back(xv);
      replications.push_back(reps);
      holds.push_back(trial_holds ? 1 : 0);
      target.push_back(static_cast<int64_t>(k));
      target_text.push_back(tg.text);
      op.push_back(tg.at_least() ? ">=" : "<=");
      value.push_back(tg.value);
      tenant.push_back(c ? sc.tenants[static_cast<size_t>(c->tenant)].name : "");
      group.push_back(c && c->group >= 0
                          ? sc.tenants[static_cast<size_t>(c->tenant)].groups[static_cast<size_t>(c->group)].name
                          : "");
      interval.push_back(c ? c->interval : -1);
      mean.push_back(c ? c->estimate.mean : kNaN);
      lo.push_back(c ? c->estimate.lo : kNaN);
      hi.push_back(c ? c->estimate.hi : kNaN);
      // No observed figure: nobody to serve badly, the target holds (capacity/targets.hpp).
      verdict.push_back(c ? verdict_text(c->verdict) : "holds");
      staffing.push_back(staffing_text);
    }
  }

  void write(H5::Group& root, const std::string& x_name, bool with_staffing) const {
    h5::Table t;
    t.add("trial", trial);
    t.add(x_name, x);
    if (with_staffing) t.add("staffing", staffing);
    t.add("replications", replications);
    t.add("trial_holds", holds);
    t.add("target", target);
    t.add("target_text", target_text);
    t.add("op", op);
    t.add("target_value", value);
    t.add("tenant", tenant);
    t.add("group", group);
    t.add("interval", interval);
    t.add("mean", mean);
    t.add("ci_lo", lo);
    t.add("ci_hi", hi);
    t.add("verdict", verdict);
    t.write(root, "trials");
  }
};

void write_targets(H5::Group& root, const std::vector<Target>& targets) {
  h5::Table t;
  std::vector<std::string> text, metric, op, scope, tenant;
  std::vector<double> value;
  for (const Target& tg : targets) {
    text.push_back(tg.text);
    metric.push_back(metric_name(tg.metric));
    op.push_back(tg.at_least() ? ">=" : "<=");
    scope.push_back(tg.scope == Scope::Overall ? "overall" : "interval");
    tenant.push_back(tg.tenant);
    value.push_back(tg.value);
  }
  t.add("text", text);
  t.add("metric", metric);
  t.add("op", op);
  t.add("scope", scope);
  t.add("tenant", tenant);
  t.add("value", value);
  t.write(root, "targets");
}

void write_root(H5::Group& root, const Scenario& sc, const std::vector<Target>& targets, const std::string& mode,
                bool complete, const std::string& result_json) {
  h5::attr_string(root, "format", kCapacityFormat);
  h5::attr_int(root, "format_version", kCapacityVersion);
  h5::attr_string(root, "ccsim_version", CCSIM_VERSION);
  h5::attr_string(root, "scenario_name", sc.name);
  h5::attr_string(root, "scenario_file", sc.file);
  h5::attr_string(root, "scenario_hash", sc.file_hash);
  h5::attr_int(root, "base_seed", static_cast<int64_t>(sc.seed));
  h5::attr_string(root, "mode", mode);
  std::vector<std::string> texts;
  for (const Target& t : targets) texts.push_back(t.text);
  h5::attr_strings(root, "targets", texts);
  h5::attr_int(root, "complete", complete ? 1 : 0);
  h5::attr_string(root, "result_json", result_json);
}

// A result table from an array of objects of the --json document; skipped when the array is empty (a table
// needs at least one column).
void json_table(H5::Group& g, const std::string& name, const json& rows) {
  if (h5::is_object_array(rows)) h5::table_from_json(rows).write(g, name);
}

// First broken target of a list of checks (worst first for max load) as result attributes.
void first_broken(H5::Group& g, const Scenario& sc, const std::vector<Target>& targets, const std::vector<Check>& checks) {
  const Check* c = nullptr;
  for (const Check& x : checks)
    if (x.verdict == Verdict::Breaks) {
      c = &x;
      break;
    }
  h5::attr_string(g, "first_broken_target", c ? targets[static_cast<size_t>(c->target)].text : "");
  h5::attr_string(g, "first_broken_tenant", c ? sc.tenants[static_cast<size_t>(c->tenant)].name : "");
  h5::attr_double(g, "first_broken_mean", c ? c->estimate.mean : kNaN);
  h5::attr_int(g, "first_broken_interval", c ? c->interval : -1);
}

// Opens the temporary file, lets `fill` write the layout, commits. HDF5 errors become OutputError.
template <class Fill>
void write_file(const std::string& path, Fill fill) {
  H5::Exception::dontPrint();
  AtomicFile out(path);
  h5::write_file_in_child(out.temp_path(), path, "HDF5 capacity results", [&](H5::H5File& f) {
    H5::Group root = f.openGroup("/");
    fill(root);
  });
  out.commit();
}

}  // namespace

void write_max_load_h5(const std::string& path, const Scenario& sc, const std::vector<Target>& targets,
                       const MaxLoadResult& r, const std::string& result_json) {
  write_file(path, [&](H5::Group& root) {
    write_root(root, sc, targets, "max-load", !r.interrupted, result_json);
    write_targets(root, targets);
    TrialRows rows;
    for (size_t i = 0; i < r.points.size(); ++i) {
      const LoadPoint& p = r.points[i];
      rows.add(sc, static_cast<int64_t>(i) + 1, p.multiplier, p.replications, p.holds, targets, p.measured, "");
    }
    rows.write(root, "multiplier", false);
    H5::Group res = root.createGroup("result");
    h5::attr_int(res, "base_holds", r.base_holds ? 1 : 0);
    h5::attr_double(res, "max_multiplier", r.max_multiplier);
    h5::attr_double(res, "breaking_multiplier", r.breaking_multiplier > 0 ? r.breaking_multiplier : kNaN);
    h5::attr_int(res, "capped", r.capped ? 1 : 0);
    h5::attr_string(res, "search_cap", describe_search_cap(r.cap));
    h5::attr_string(res, "binding_resource", r.binding.resource);
    first_broken(res, sc, targets, r.first_breaking);
    const json doc = json::parse(result_json, nullptr, false);
    if (doc.is_object() && doc.contains("binding_evidence")) json_table(res, "binding_evidence", doc["binding_evidence"]);
  });
}

void write_staffing_h5(const std::string& path, const Scenario& sc, const std::vector<Target>& targets,
                       const StaffingResult& r, const std::string& result_json) {
  write_file(path, [&](H5::Group& root) {
    write_root(root, sc, targets, "staffing", !r.interrupted, result_json);
    write_targets(root, targets);
    TrialRows rows;
    for (size_t i = 0; i < r.history.size(); ++i) {
      const StaffingTrial& t = r.history[i];
      // x = agents of all searched groups together (each group at its peak count when staffed per interval).
      int total = 0;
      std::string text;
      for (size_t g = 0; g < t.agents.size() && g < r.groups.size(); ++g) {
        const GroupStaffing& gs = r.groups[g];
        if (gs.pool < 0 || t.agents[g].empty()) continue;
        const int lo = *std::min_element(t.agents[g].begin(), t.agents[g].end());
        const int hi = *std::max_element(t.agents[g].begin(), t.agents[g].end());
        total += hi;
        const Tenant& tn = sc.tenants[static_cast<size_t>(gs.tenant)];
        text += (text.empty() ? "" : " ") + tn.name + "/" + tn.groups[static_cast<size_t>(gs.group)].name + "=" +
                std::to_string(lo) + (hi != lo ? ".." + std::to_string(hi) : "");
      }
      rows.add(sc, static_cast<int64_t>(i) + 1, total, t.replications, t.holds, r.staffing_targets, t.checks, text);
    }
    rows.write(root, "agents", true);
    H5::Group res = root.createGroup("result");
    h5::attr_int(res, "met", r.met ? 1 : 0);
    h5::attr_int(res, "per_interval", r.per_interval ? 1 : 0);
    h5::attr_int(res, "trials", r.trials);
    h5::attr_int(res, "replications", r.replications);
    first_broken(res, sc, r.staffing_targets, r.final_checks);
    const json doc = json::parse(result_json, nullptr, false);
    if (doc.is_object())
      for (const char* name : {"groups", "trunks", "seats"})
        if (doc.contains(name)) json_table(res, name, doc[name]);
    // The staffing plan (output/table_render's JSON form): one compound row per group and interval, members
    // named by the column keys (units in docs/output-format.md, "CSV").
    if (doc.is_object() && doc.contains("staffing_table") && doc["staffing_table"].contains("rows")) {
      const json& t = doc["staffing_table"];
      json rows = json::array();
      for (const auto& r : t["rows"]) {
        json o = json::object();
        for (size_t k = 0; k < t["columns"].size() && k < r.size(); ++k) o[t["columns"][k].value("key", "")] = r[k];
        rows.push_back(o);
      }
      json_table(res, "staffing_table", rows);
    }
  });
}

}  // namespace ccsim::capacity
