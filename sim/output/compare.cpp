// `ccsim compare`: reads two results files and lines up their figures. The per-replication overall KPIs
// (/replications/rep_NNNN/tenants/<t>/overall/, docs/output-format.md) give paired or Welch intervals; SLA
// months only have per-run summaries in the file, so their differences are Welch intervals rebuilt from each
// run's mean, 95% interval and n (sd = half-width · √n / t_{0.975,n-1}).
#include "output/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "output/h5_reader.hpp"
#include "output/html_report_svg.hpp"
#include "output/results_h5.hpp"
#include "output/table_render.hpp"
#include "stats/confidence.hpp"

namespace ccsim {

namespace {

using nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void refuse(const std::string& a, const std::string& b, const std::string& what) {
  throw InputError(SourceLoc{b, 0, 0}, "",
                   "cannot compare with " + a + ": " + what,
                   "two results files of the same scenario structure (same tenants, call types and skill groups); "
                   "what-ifs of one scenario (--load, --set, seed) compare fine");
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return "[" + s + "]";
}

std::string tenant_path(const std::string& t) { return "/aggregate/tenants/" + h5_safe_name(t); }

void check_structure(const H5Results& a, const H5Results& b) {
  const auto ta = a.attr_strings("/", "tenants"), tb = b.attr_strings("/", "tenants");
  if (ta != tb) refuse(a.path(), b.path(), "tenants differ: " + join(ta) + " vs " + join(tb));
  for (const std::string& t : ta) {
    for (const char* kind : {"call_types", "groups", "campaigns"}) {
      const std::string p = tenant_path(t) + "/overall/" + kind;
      const auto ca = a.children(p), cb = b.children(p);
      if (ca != cb) refuse(a.path(), b.path(), "tenant " + t + ": " + kind + " differ: " + join(ca) + " vs " + join(cb));
    }
  }
}

std::vector<std::string> rep_groups(const H5Results& r) {
  std::vector<std::string> g;
  for (const auto& c : r.children("/replications")) g.push_back("/replications/" + c);
  return g;
}

// Paired when replication i of both runs drew the same random numbers: same base seed, same replication
// count, same per-replication seeds.
std::pair<DiffMethod, std::string> pairing(const H5Results& a, const H5Results& b) {
  const auto sa = a.attr_int("/", "base_seed"), sb = b.attr_int("/", "base_seed");
  const auto ga = rep_groups(a), gb = rep_groups(b);
  if (!sa || !sb || *sa != *sb)
    return {DiffMethod::Welch, "seeds differ (" + std::to_string(sa.value_or(-1)) + " vs " +
                                   std::to_string(sb.value_or(-1)) + "): independent runs"};
  if (ga.size() != gb.size() || ga.size() < 2)
    return {DiffMethod::Welch, "replication counts differ (" + std::to_string(ga.size()) + " vs " +
                                   std::to_string(gb.size()) + ") or are below 2"};
  for (size_t i = 0; i < ga.size(); ++i)
    if (ga[i] != gb[i] || a.attr_int(ga[i], "seed") != b.attr_int(gb[i], "seed"))
      return {DiffMethod::Welch, "replication seeds differ at " + ga[i]};
  return {DiffMethod::Paired, "same seed " + std::to_string(*sa) + " and " + std::to_string(ga.size()) +
                                  " replications: replication i of A and B share their random numbers"};
}

Unit unit_of(const std::string& file_unit, const std::string& kpi) {
  if (file_unit == "1") return Unit::Ratio;
  if (file_unit == "s") return Unit::Seconds;
  if (file_unit == "agents") return Unit::Agents;
  if (kpi == "mean_queue" || kpi == "mean_lines") return Unit::None;  // time-averages, not counts
  return Unit::Count;
}

// Per-replication values of every KPI of one entity table (relative to a tenant group): kpi -> values in
// replication order. Empty when the file predates the per-replication overall tables.
std::map<std::string, std::vector<double>> rep_values(const H5Results& r, const std::string& tenant, const std::string& rel) {
  std::map<std::string, std::vector<double>> out;
  for (const std::string& g : rep_groups(r)) {
    const std::string p = g + "/tenants/" + h5_safe_name(tenant) + "/overall/" + rel;
    const auto names = r.table_strings(p, "kpi");
    const auto values = r.table_doubles(p, "value");
    if (names.empty() || names.size() != values.size()) return {};
    for (size_t k = 0; k < names.size(); ++k) out[names[k]].push_back(values[k]);
  }
  return out;
}

// Standard deviation of the replication values behind a Student-t 95% interval.
double sd_from_interval(double lo, double hi, int n) {
  if (n < 2 || !std::isfinite(lo) || !std::isfinite(hi)) return kNaN;
  return (hi - lo) / 2 * std::sqrt(static_cast<double>(n)) / student_t975(n - 1);
}

Table diff_table(const std::string& id, const std::string& title, Unit u, const std::vector<std::string>& keys) {
  Table t;
  t.id = id;
  t.title = title;
  t.column("tenant", "Tenant", Unit::Text);
  for (const auto& k : keys) t.column(k, k == "entity" ? "Entity" : k == "month" ? "Month" : "Figure", Unit::Text);
  t.column("a", "A", u).column("b", "B", u).column("diff", "B - A", u);
  t.column("diff_ci_lo", "95% CI lo", u).column("diff_ci_hi", "95% CI hi", u);
  t.column("method", "Interval", Unit::Text);
  return t;
}

void add_diff_row(Table& t, const std::vector<std::string>& labels, const Difference& d, const std::string& method) {
  auto& row = t.add_row();
  size_t k = 0;
  for (const auto& l : labels) row[k++] = l;
  auto num = [](double v) { return std::isfinite(v) ? Cell{v} : Cell{}; };
  row[k++] = num(d.mean_a);
  row[k++] = num(d.mean_b);
  row[k++] = num(d.diff);
  row[k++] = num(d.lo);
  row[k++] = num(d.hi);
  row[k++] = method;
}

struct KpiTables {
  Table rates = diff_table("compare_rates", "Overall rates (B - A in percentage points)", Unit::Ratio, {"entity", "kpi"});
  Table times = diff_table("compare_times", "Overall durations", Unit::Seconds, {"entity", "kpi"});
  Table counts = diff_table("compare_counts", "Overall counts per replication", Unit::Count, {"entity", "kpi"});
  Table levels = diff_table("compare_levels", "Overall levels (mean agents, mean queue)", Unit::Agents, {"entity", "kpi"});
  Table& for_unit(Unit u) {
    if (u == Unit::Ratio) return rates;
    if (u == Unit::Seconds) return times;
    if (u == Unit::Count) return counts;
    return levels;
  }
};

void compare_entity(const H5Results& a, const H5Results& b, DiffMethod method, const std::string& tenant,
                    const std::string& rel, const std::string& label, KpiTables& out) {
  const std::string agg = tenant_path(tenant) + "/overall/" + rel;
  const auto names = a.table_strings(agg, "kpi");
  const auto units = a.table_strings(agg, "units");
  const auto ra = rep_values(a, tenant, rel), rb = rep_values(b, tenant, rel);
  const bool per_rep = !ra.empty() && !rb.empty();
  for (size_t k = 0; k < names.size(); ++k) {
    const std::string& kpi = names[k];
    Difference d;
    std::string how;
    if (per_rep && ra.count(kpi) && rb.count(kpi)) {
      d = method == DiffMethod::Paired ? paired_difference(ra.at(kpi), rb.at(kpi)) : welch_difference(ra.at(kpi), rb.at(kpi));
      how = diff_method_name(d.method);
    } else {  // a file without per-replication values: Welch from the stored mean and interval
      auto summary = [&](const H5Results& r, double& m, double& sd, int& n) {
        const auto mean = r.table_doubles(agg, "mean"), lo = r.table_doubles(agg, "ci_lo"),
                   hi = r.table_doubles(agg, "ci_hi"), cnt = r.table_doubles(agg, "n");
        m = k < mean.size() ? mean[k] : kNaN;
        n = k < cnt.size() ? static_cast<int>(cnt[k]) : 0;
        sd = k < lo.size() && k < hi.size() ? sd_from_interval(lo[k], hi[k], n) : kNaN;
      };
      double ma, sa, mb, sb;
      int na, nb;
      summary(a, ma, sa, na);
      summary(b, mb, sb, nb);
      d = welch_from_summaries(ma, sa, na, mb, sb, nb);
      how = "Welch (from the per-run intervals)";
    }
    const Unit u = unit_of(k < units.size() ? units[k] : "", kpi);
    add_diff_row(out.for_unit(u), {tenant, label, kpi}, d, how);
  }
}

// The campaign's abandon limit (a scenario setting, /aggregate/.../intervals/campaigns/<c>): a row beside the
// abandon rate so the difference reads against it; B - A is the change of the setting, no interval.
void add_abandon_limit(const H5Results& a, const H5Results& b, const std::string& tenant, const std::string& campaign,
                       Table& rates) {
  const std::string p = tenant_path(tenant) + "/intervals/campaigns/" + h5_safe_name(campaign);
  Difference d;
  d.mean_a = a.attr_double(p, "abandon_limit").value_or(kNaN);
  d.mean_b = b.attr_double(p, "abandon_limit").value_or(kNaN);
  d.diff = d.mean_b - d.mean_a;
  d.lo = d.hi = d.diff;
  add_diff_row(rates, {tenant, "campaign " + campaign, "abandon_limit"}, d, "scenario setting");
}

json section(const H5Results& r, const std::string& name) {
  const auto text = r.attr_string("/sections/" + name, "json");
  if (!text) return nullptr;
  json j = json::parse(*text, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

const json& field(const json& j, const char* k) {
  static const json null;
  return j.is_object() && j.contains(k) ? j[k] : null;
}

Difference from_estimates(const json& a, const json& b, double scale) {
  auto get = [scale](const json& e, const char* k) {
    return e.is_object() && e.contains(k) && e[k].is_number() ? e[k].get<double>() * scale : kNaN;
  };
  auto n = [](const json& e) { return e.is_object() && e.contains("n") && e["n"].is_number() ? e["n"].get<int>() : 0; };
  // Section estimates are {"mean", "ci95": [lo, hi], "n"} (docs/output-format.md "Section layout").
  auto bound = [scale](const json& e, size_t i) {
    return e.is_object() && e.contains("ci95") && e["ci95"].is_array() && e["ci95"].size() == 2 && e["ci95"][i].is_number()
               ? e["ci95"][i].get<double>() * scale : kNaN;
  };
  return welch_from_summaries(get(a, "mean"), sd_from_interval(bound(a, 0), bound(a, 1), n(a)), n(a), get(b, "mean"),
                              sd_from_interval(bound(b, 0), bound(b, 1), n(b)), n(b));
}

void compare_sla(const H5Results& a, const H5Results& b, Table& rates, Table& money) {
  const json sa = section(a, "sla"), sb = section(b, "sla");
  if (!sa.is_object() || !sb.is_object() || !sa.contains("tenants") || !sb.contains("tenants")) return;
  const std::string how = "Welch (from the per-run intervals; SLA months are not stored per replication)";
  if (!sa["tenants"].is_array() || !sb["tenants"].is_array()) return;
  for (const json& ta : sa["tenants"]) {
    const std::string tenant = ta.value("tenant", "");
    const json* tb = nullptr;
    for (const json& t : sb["tenants"])
      if (t.value("tenant", "") == tenant) tb = &t;
    if (!tb) continue;
    const json& ma = field(field(ta, "summary"), "months");
    const json& mb = field(field(*tb, "summary"), "months");
    if (!ma.is_array() || !mb.is_array()) continue;
    money.currency = field(field(ta, "contract"), "currency").is_string()
                         ? field(field(ta, "contract"), "currency").get<std::string>() : "";
    for (size_t m = 0; m < ma.size() && m < mb.size(); ++m) {
      const json& first = field(field(ma[m], "month"), "first_day");
      const std::string month = first.is_string() ? first.get<std::string>() : "?";
      auto diff = [&](const char* k, double scale) { return from_estimates(field(ma[m], k), field(mb[m], k), scale); };
      add_diff_row(rates, {tenant, month, "availability"}, diff("availability", 1), how);
      add_diff_row(rates, {tenant, month, "credit_pct"}, diff("credit_pct", 0.01), how);
      add_diff_row(money, {tenant, month, "credit_owed"}, diff("credit_owed", 1), how);
    }
  }
}

// Incidents of each replication: how many, and the requests they failed and calls they dropped.
std::map<std::string, std::vector<double>> incident_values(const H5Results& r) {
  std::map<std::string, std::vector<double>> v;
  for (const std::string& g : rep_groups(r)) {
    const std::string p = g + "/incidents";
    const auto failed = r.table_doubles(p, "requests_failed"), dropped = r.table_doubles(p, "calls_dropped");
    double f = 0, d = 0;
    for (double x : failed) f += x;
    for (double x : dropped) d += x;
    v["incidents"].push_back(static_cast<double>(r.table_strings(p, "kind").size()));
    v["requests_failed"].push_back(f);
    v["calls_dropped"].push_back(d);
  }
  return v;
}

void compare_incidents(const H5Results& a, const H5Results& b, DiffMethod method, Table& t) {
  const auto va = incident_values(a), vb = incident_values(b);
  for (const char* f : {"incidents", "requests_failed", "calls_dropped"}) {
    if (!va.count(f) || !vb.count(f)) continue;
    const Difference d = method == DiffMethod::Paired ? paired_difference(va.at(f), vb.at(f)) : welch_difference(va.at(f), vb.at(f));
    add_diff_row(t, {"all", f}, d, diff_method_name(d.method));
  }
}

}  // namespace

std::vector<Table> RunComparison::tables() const {
  std::vector<Table> out;
  for (const Table& t : kpis_by_unit) out.push_back(t);
  for (const Table* t : {&sla, &credits, &incidents})
    if (!t->rows.empty()) out.push_back(*t);
  return out;
}

RunComparison compare_runs(const std::string& path_a, const std::string& path_b) {
  const H5Results a(path_a), b(path_b);
  check_structure(a, b);
  RunComparison c;
  c.path_a = path_a;
  c.path_b = path_b;
  c.scenario_a = a.attr_string("/", "scenario_name").value_or("?");
  c.scenario_b = b.attr_string("/", "scenario_name").value_or("?");
  std::tie(c.method, c.method_reason) = pairing(a, b);
  KpiTables k;
  for (const std::string& t : a.attr_strings("/", "tenants")) {
    compare_entity(a, b, c.method, t, "all_call_types", "all call types", k);
    for (const auto& ct : a.children(tenant_path(t) + "/overall/call_types"))
      compare_entity(a, b, c.method, t, "call_types/" + ct, "call type " + ct, k);
    for (const auto& g : a.children(tenant_path(t) + "/overall/groups"))
      compare_entity(a, b, c.method, t, "groups/" + g, "group " + g, k);
    for (const auto& ob : a.children(tenant_path(t) + "/overall/campaigns")) {
      compare_entity(a, b, c.method, t, "campaigns/" + ob, "campaign " + ob, k);
      add_abandon_limit(a, b, t, ob, k.rates);
    }
  }
  for (Table* t : {&k.rates, &k.times, &k.counts, &k.levels}) {
    t->note = std::string("B - A with its 95% interval: ") + diff_method_name(c.method);
    c.kpis_by_unit.push_back(*t);
  }
  c.sla = diff_table("compare_sla_months", "SLA per service month", Unit::Ratio, {"month", "figure"});
  c.credits = diff_table("compare_sla_credits", "SLA credit owed per service month", Unit::Money, {"month", "figure"});
  compare_sla(a, b, c.sla, c.credits);
  c.incidents = diff_table("compare_incidents", "Incidents per replication", Unit::Count, {"figure"});
  c.incidents.columns[0].title = "Scope";
  compare_incidents(a, b, c.method, c.incidents);
  return c;
}

json comparison_to_json(const RunComparison& c) {
  json tables = json::array();
  for (const Table& t : c.tables()) tables.push_back(table_to_json(t));
  return json{{"format", "ccsim-compare"},
              {"a", {{"path", c.path_a}, {"scenario", c.scenario_a}}},
              {"b", {{"path", c.path_b}, {"scenario", c.scenario_b}}},
              {"difference", "B - A"},
              {"interval", diff_method_name(c.method)},
              {"interval_reason", c.method_reason},
              {"tables", tables}};
}

namespace {
const char* const kHeadline[] = {"offered", "answered", "abandoned", "sl_answered", "asa", "abandonment_rate",
                                 "occupancy", "mean_queue", "staffed_agents",
                                 // outbound campaigns
                                 "dials", "connects", "right_party", "abandon_rate", "abandon_limit", "outbound_agents"};
bool headline(const std::string& kpi) {
  return std::find(std::begin(kHeadline), std::end(kHeadline), kpi) != std::end(kHeadline);
}
}  // namespace

std::string comparison_to_terminal(const RunComparison& c, bool all_kpis) {
  std::ostringstream o;
  o << "A: " << c.path_a << " (" << c.scenario_a << ")\nB: " << c.path_b << " (" << c.scenario_b << ")\n"
    << "Difference B - A with 95% interval, " << diff_method_name(c.method) << ": " << c.method_reason << "\n";
  for (Table t : c.tables()) {
    if (!all_kpis && t.id.rfind("compare_", 0) == 0 && t.columns.size() > 2 && t.columns[2].key == "kpi") {
      std::vector<std::vector<Cell>> keep;
      for (auto& r : t.rows)
        if (headline(std::get<std::string>(r[2]))) keep.push_back(r);
      t.rows = keep;
      if (t.rows.empty()) continue;
    }
    o << "\n" << table_to_terminal(t);
  }
  if (!all_kpis) o << "\n(headline KPIs only; --all shows every KPI; JSON and HTML have every KPI)\n";
  return o.str();
}

std::string comparison_to_html(const RunComparison& c) {
  std::ostringstream o;
  o << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ccsim compare</title><style>"
       "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
       "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}caption{font-weight:bold;text-align:left}"
       ".note{color:#555}</style></head><body>\n<h1>Compare two runs</h1>\n<p>A: "
    << svg::escape(c.path_a) << " (" << svg::escape(c.scenario_a) << ")<br>B: " << svg::escape(c.path_b) << " ("
    << svg::escape(c.scenario_b) << ")</p>\n<p class=\"method\"><b>Difference B - A with its 95% interval, "
    << svg::escape(diff_method_name(c.method)) << "</b>: " << svg::escape(c.method_reason) << "</p>\n";
  for (const Table& t : c.tables()) o << table_to_html(t) << "\n";
  o << "</body></html>\n";
  return o.str();
}

}  // namespace ccsim
