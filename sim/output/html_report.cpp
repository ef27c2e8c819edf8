// The HTML report: reads the results file, draws the charts (inline SVG), lays out tables. The SLA, platform
// and seats figures come from the JSON sections stored in the file (/sections/<name>, attribute "json"): the
// report shows what those capabilities computed, it never re-evaluates a contract, and it reads the sections
// by the layout of docs/output-format.md "Section layout" (exact paths, scales named by keys), guessing nothing.
#include "output/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/format.hpp"
#include "core/time.hpp"
#include "core/atomic_file.hpp"
#include "output/drill_timeline.hpp"
#include "output/html_report_svg.hpp"
#include "output/results_h5.hpp"
#include "output/table_render.hpp"
#include "core/decimal.hpp"
#include "sla/evidence.hpp"
#include "output/sla_json.hpp"

namespace ccsim {

namespace {

using nlohmann::json;
using svg::escape;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* const kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"};
const char* color(size_t i) { return kPalette[i % (sizeof kPalette / sizeof kPalette[0])]; }

// A missing figure shows as an en dash in the report.
constexpr const char* kMissing = "\xE2\x80\x93";
std::string pct(double v, int digits = 1) { return percent_of(v, digits, kMissing); }
std::string fixed(double v, int digits = 1) { return fixed_or_dash(v, digits, kMissing); }

// ---------------------------------------------------------------- JSON sections (docs/output-format.md "Section layout")

json section(const H5Results& r, const std::string& name) {
  const auto text = r.attr_string("/sections/" + name, "json");
  if (!text) return nullptr;
  json j = json::parse(*text, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

// The part of a section about one tenant: every section lists its tenants as sec.tenants[] with "tenant"
// (docs/output-format.md "Section layout").
json tenant_part(const json& sec, const std::string& tenant) {
  if (!sec.is_object() || !sec.contains("tenants") || !sec["tenants"].is_array()) return nullptr;
  for (const json& t : sec["tenants"])
    if (t.is_object() && t.value("tenant", "") == tenant) return t;
  return nullptr;
}

// A figure that is a number or an estimate {"mean", "ci95": [lo, hi], "n"}.
double mean_of(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_object() && v.contains("mean") && v["mean"].is_number()) return v["mean"].get<double>();
  return kNaN;
}
std::pair<double, double> ci_of(const json& v) {
  if (v.is_object() && v.contains("ci95") && v["ci95"].is_array() && v["ci95"].size() == 2 && v["ci95"][0].is_number() &&
      v["ci95"][1].is_number())
    return {v["ci95"][0].get<double>(), v["ci95"][1].get<double>()};
  return {kNaN, kNaN};
}
// A share: the layout writes shares as fractions and percents only under keys ending in "_pct", so the key says
// which scale a number is on and nothing is guessed from its size.
double fraction_at(const json& obj, const std::string& key) {
  if (!obj.is_object()) return kNaN;
  const bool percent = key.size() > 4 && key.compare(key.size() - 4, 4, "_pct") == 0;
  const double v = obj.contains(key) ? mean_of(obj[key]) : kNaN;
  return percent ? v / 100 : v;
}

std::string cell_text(const json& v) {
  if (v.is_null()) return "–";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return fixed(v.get<double>(), 4);
  if (v.is_array() && !v.empty() && v[0].is_object()) return std::to_string(v.size()) + " rows";
  if (v.is_object() && v.contains("mean")) {
    auto [lo, hi] = ci_of(v);
    std::string s = fixed(mean_of(v), 4);
    if (std::isfinite(lo) && lo != hi) s += " [" + fixed(lo, 4) + ", " + fixed(hi, 4) + "]";
    return s;
  }
  return v.dump();
}

// A table of an array of objects, one row per element, columns = keys in first-seen order (nested objects
// flattened one level). A column whose name says pass/fail gets coloured cells.
std::string json_table(const json& rows, const std::string& css_class = "") {
  std::vector<std::string> cols;
  auto add_col = [&](const std::string& c) {
    if (std::find(cols.begin(), cols.end(), c) == cols.end()) cols.push_back(c);
  };
  for (const json& r : rows) {
    if (!r.is_object()) continue;
    for (const auto& kv : r.items()) {
      if (kv.value().is_object() && !kv.value().contains("mean"))
        for (const auto& kv2 : kv.value().items()) add_col(kv.key() + "." + kv2.key());
      else add_col(kv.key());
    }
  }
  std::ostringstream o;
  o << "<table class=\"data " << css_class << "\"><tr>";
  for (const auto& c : cols) o << "<th>" << escape(c) << "</th>";
  o << "</tr>\n";
  for (const json& r : rows) {
    if (!r.is_object()) continue;
    o << "<tr>";
    for (const auto& c : cols) {
      const size_t dot = c.find('.');
      json v = nullptr;
      if (r.contains(c)) v = r[c];
      else if (dot != std::string::npos && r.contains(c.substr(0, dot)) && r[c.substr(0, dot)].is_object())
        v = r[c.substr(0, dot)].value(c.substr(dot + 1), json(nullptr));
      std::string cls;
      const bool verdict = c == "pass" || c == "passed" || c == "ok" || c == "result" || c == "verdict" || c == "status";
      if (verdict) {
        const bool good = v.is_boolean() ? v.get<bool>() : v.is_string() && (v == "pass" || v == "passed" || v == "ok");
        const bool bad = v.is_boolean() ? !v.get<bool>() : v.is_string() && (v == "fail" || v == "failed" || v == "breached");
        cls = good ? " class=\"pass\"" : bad ? " class=\"fail\"" : "";
      }
      std::string text = cell_text(v);
      if (verdict && v.is_boolean()) text = v.get<bool>() ? "PASS" : "FAIL";
      o << "<td" << cls << ">" << escape(text) << "</td>";
    }
    o << "</tr>\n";
  }
  o << "</table>\n";
  return o.str();
}

// ---------------------------------------------------------------- the page

struct Page {
  const H5Results& r;
  const ReportOptions& opt;
  std::string rep;  // the replication whose timelines are drawn (the first one in the file)
  json sla, platform, seats;
  std::ostringstream o;

  std::vector<double> col(const std::string& path) const { return r.doubles(path); }

  void css() {
    o << "<style>\n"
         "body{font-family:sans-serif;margin:24px;color:#222;max-width:1160px}"
         "h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:32px}"
         "h3{font-size:15px;margin:18px 0 6px}p.note{color:#555;font-size:13px;margin:4px 0}"
         "table.data{border-collapse:collapse;font-size:12.5px;margin:6px 0 12px}"
         "table.data th,table.data td{border:1px solid #ccc;padding:3px 7px;text-align:right}"
         "table.data th{background:#f2f2f2}table.data td:first-child,table.data th:first-child{text-align:left}"
         "td.pass{background:#d9f2d9;font-weight:bold}td.fail{background:#f8d0d0;font-weight:bold}"
         ".banner{background:#fde2b8;border:1px solid #e0a040;padding:8px 12px;font-weight:bold}"
         "svg.chart{display:block;margin:6px 0 14px;border:1px solid #e4e4e4}"
         "svg .ct{font-size:13px;font-weight:bold}svg .yt{font-size:11px;text-anchor:end}svg .xt{font-size:11px;text-anchor:middle}"
         "svg .yl{font-size:11px;text-anchor:middle}svg .lg{font-size:11px}svg .bl{font-size:10px;text-anchor:end;fill:#555}"
         "svg .bv{font-size:10px;text-anchor:middle}svg .grid{stroke:#eee}svg .frame{fill:none;stroke:#999}"
         "svg .line{stroke-width:1.4}svg .dashed{stroke-dasharray:5 3}svg .target{stroke-width:1.5;stroke-dasharray:6 3}"
         "svg .ci{opacity:.18}svg .band{opacity:.35}svg .span{opacity:.35}svg .err{stroke:#333;fill:none}"
         "svg .marker line{stroke-width:1.2}details pre{font-size:11px;max-height:480px;overflow:auto;background:#f7f7f7;padding:8px}"
         "</style>\n";
  }

  std::string attr(const std::string& name) const { return r.attr_string("/", name).value_or(""); }

  // Why a results file is incomplete, from the run's own record (/sections run_json: run.failure, run.interrupted):
  // a lost worker and a signal call for different actions (more memory vs. nothing), so the banner names which.
  struct IncompleteReason {
    std::string banner, row;
  };
  IncompleteReason incomplete_reason() const {
    const auto text = r.attr_string("/sections", "run_json");
    const json run = text ? json::parse(*text, nullptr, false) : json(nullptr);
    if (run.is_object() && run.contains("failure") && run["failure"].is_string())
      return {"a worker was lost: " + run["failure"].get<std::string>() + "; the other workers were stopped", "a worker was lost"};
    if (run.is_object() && run.contains("interrupted") && run["interrupted"] == true)
      return {"interrupted by signal (SIGINT/SIGTERM)", "interrupted by signal"};
    return {"not every replication reached the end of the horizon", "replications cut short"};
  }

  void header() {
    const std::string name = attr("scenario_name");
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
         "<title>ccsim report: "
      << escape(name) << "</title>\n";
    css();
    o << "</head><body>\n<h1>ccsim report: " << escape(name) << "</h1>\n";
    const bool complete = r.attr_int("/", "complete").value_or(0) == 1;
    const IncompleteReason why = incomplete_reason();
    if (!complete)
      o << "<p class=\"banner\" id=\"incomplete\">INCOMPLETE RUN: " << escape(why.banner)
        << "; figures cover the simulated part only.</p>\n";
    o << "<table class=\"data\" id=\"scenario\">";
    auto row = [&](const std::string& k, const std::string& v) { o << "<tr><th>" << escape(k) << "</th><td>" << escape(v) << "</td></tr>"; };
    row("scenario file", attr("scenario_file"));
    row("scenario hash", attr("scenario_hash"));
    row("horizon", attr("horizon_start") + " – " + attr("horizon_end"));
    row("statistics interval", format_duration(r.attr_double("/", "interval_s").value_or(0)));
    row("base seed", std::to_string(r.attr_int("/", "base_seed").value_or(0)));
    row("replications", std::to_string(r.attr_int("/", "replications_done").value_or(0)) + " of " +
                            std::to_string(r.attr_int("/", "replications").value_or(0)));
    row("complete", complete ? "yes" : "no (" + why.row + ")");
    row("tenants", [&] {
      std::string s;
      for (const auto& t : r.attr_strings("/", "tenants")) s += (s.empty() ? "" : ", ") + t;
      return s;
    }());
    row("ccsim version", attr("ccsim_version"));
    row("timelines drawn from", rep.empty() ? "(no replication)" : rep);
    o << "</table>\n";
  }

  // (label, HDF5 path) of every tenant's all-call-types row and of each of its call types' overall table.
  std::vector<std::pair<std::string, std::string>> call_type_rows() const {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& t : r.attr_strings("/", "tenants")) {
      const std::string base = "/aggregate/tenants/" + h5_safe_name(t) + "/overall/";
      rows.push_back({t + " (all)", base + "all_call_types"});
      for (const auto& c : r.children(base + "call_types")) rows.push_back({t + " / " + c, base + "call_types/" + c});
    }
    return rows;
  }

  void overall_table() {
    o << "<h2>Overall results</h2>\n<p class=\"note\">Replication means after warm-up, 95% confidence intervals in "
         "brackets.</p>\n<table class=\"data\" id=\"overall\"><tr><th>tenant / call type</th><th>offered</th><th>answered</th>"
         "<th>service level</th><th>ASA (s)</th><th>abandonment</th><th>trunk blocking</th></tr>\n";
    for (const auto& [label, path] : call_type_rows()) {
      const auto kpi = r.table_strings(path, "kpi");
      const auto mean = r.table_doubles(path, "mean"), lo = r.table_doubles(path, "ci_lo"), hi = r.table_doubles(path, "ci_hi");
      auto cell = [&](const std::string& k, bool percent) {
        for (size_t i = 0; i < kpi.size(); ++i)
          if (kpi[i] == k) {
            std::string s = percent ? pct(mean[i]) : fixed(mean[i], 1);
            if (std::isfinite(lo[i]) && hi[i] > lo[i])
              s += " [" + (percent ? pct(lo[i]) : fixed(lo[i], 1)) + ", " + (percent ? pct(hi[i]) : fixed(hi[i], 1)) + "]";
            return s;
          }
        return std::string("–");
      };
      o << "<tr><td>" << escape(label) << "</td><td>" << cell("offered", false) << "</td><td>" << cell("answered", false)
        << "</td><td>" << cell("sl_answered", true) << "</td><td>" << cell("asa", false) << "</td><td>"
        << cell("abandonment_rate", true) << "</td><td>" << cell("blocking_rate", true) << "</td></tr>\n";
    }
    o << "</table>\n";
  }

  // Figures planners compare with other tools, in both ratio forms (docs/output-format.md): per call type a row
  // of replication means [95% interval], then a row of ratios of totals. Older files without the
  // ratio_of_totals column get only the first row.
  void planner_table() {
    static const std::pair<const char*, bool> kFigures[] = {
        {"p_wait", true}, {"sl_all_offered", true}, {"abandonment_offered", true}, {"abandon_wait", false}, {"abandonment_rate", true}};
    o << "<h2>Planner figures</h2>\n<p class=\"note\">First row: means of per-replication ratios, 95% confidence "
         "intervals in brackets; second row: ratio of totals (counters summed over replications, divided once). "
         "P(wait) = answered after a wait / answered; offered = queued + blocked by queue or trunk.</p>\n"
         "<table class=\"data\" id=\"planner\"><tr><th>tenant / call type</th><th>P(wait)</th><th>SL over offered</th>"
         "<th>abandoned / offered</th><th>abandon time (s)</th><th>abandoned / queued</th></tr>\n";
    for (const auto& [label, path] : call_type_rows()) {
      const auto kpi = r.table_strings(path, "kpi");
      const auto mean = r.table_doubles(path, "mean"), lo = r.table_doubles(path, "ci_lo"), hi = r.table_doubles(path, "ci_hi");
      const std::vector<double> totals = r.table_doubles(path, "ratio_of_totals");  // empty when absent
      auto value = [](double v, bool percent) { return percent ? pct(v) : fixed(v, 1); };
      auto find = [&](const char* k) {
        for (size_t i = 0; i < kpi.size(); ++i)
          if (kpi[i] == k) return static_cast<int>(i);
        return -1;
      };
      o << "<tr><td>" << escape(label) << "</td>";
      for (const auto& [k, percent] : kFigures) {
        const int i = find(k);
        std::string s = "–";
        if (i >= 0 && std::isfinite(mean[static_cast<size_t>(i)])) {
          const size_t u = static_cast<size_t>(i);
          s = value(mean[u], percent);
          if (std::isfinite(lo[u]) && hi[u] > lo[u]) s += " [" + value(lo[u], percent) + ", " + value(hi[u], percent) + "]";
        }
        o << "<td>" << s << "</td>";
      }
      o << "</tr>\n";
      if (totals.size() != kpi.size()) continue;
      o << "<tr><td>&nbsp;&nbsp;ratio of totals</td>";
      for (const auto& [k, percent] : kFigures) {
        const int i = find(k);
        o << "<td>" << (i >= 0 && std::isfinite(totals[static_cast<size_t>(i)]) ? value(totals[static_cast<size_t>(i)], percent) : "–")
          << "</td>";
      }
      o << "</tr>\n";
    }
    o << "</table>\n";
  }

  // Tier bands of a contract: [{label, lower, upper}] from the SLA section, best effort.
  std::vector<svg::HBand> tier_bands(const json& tsla) const {
    static const char* const shades[] = {"#fff3b0", "#ffd59e", "#ffb3a7", "#f28b82", "#e06666"};
    std::vector<svg::HBand> out;
    // The contract's tier list with its bounds: sla.tenants[].contract.tiers.
    const json tiers = tsla.is_object() ? tsla.value("contract", json::object()).value("tiers", json::array()) : json::array();
    if (!tiers.is_array()) return out;
    size_t k = 0;
    for (const json& t : tiers) {
      const double lo = fraction_at(t, "lower"), hi = fraction_at(t, "upper");
      if (!std::isfinite(lo) && !std::isfinite(hi)) continue;
      std::string label = t.value("label", std::string("tier"));
      const double credit = fraction_at(t, "credit_pct");
      if (std::isfinite(credit)) label += " (" + printf_str("%g", credit * 100) + "% credit)";
      out.push_back({std::isfinite(lo) ? lo : 0.0, std::isfinite(hi) ? hi : 1.0, shades[k++ % 5], label});
    }
    return out;
  }

  // An amount in currency units: two decimals, thousands separators ("1,234.50").
  static std::string money(double v) {
    return std::isfinite(v) ? format_cents_grouped(static_cast<int64_t>(std::llround(v * 100))) : "–";
  }
  static std::string currency_of(const json& summary, const json& tsla) {
    std::string c = summary.value("currency", std::string());
    if (c.empty() && tsla.is_object()) c = tsla.value("contract", json::object()).value("currency", std::string());
    return c.empty() ? "fee units" : c;
  }

  // The unavailable minute ranges of replication 0 (sla/evidence.hpp), one table for every service month:
  // what a claim cites. Capped so that a month of outages keeps the page readable; the JSON has them all.
  void evidence(const json& tsla) {
    if (!tsla.is_object() || !tsla.contains("replication_0")) return;
    const json& rep0 = tsla["replication_0"];
    if (rep0.is_object() && rep0.value("unit", std::string()) == "api_call") return;  // no unavailable minutes
    const json* months = rep0.is_object() && rep0.contains("months") && rep0["months"].is_array() ? &rep0["months"] : nullptr;
    if (!months) return;
    std::vector<sla::MonthRanges> mr;
    for (const json& m : *months) {
      if (!m.is_object() || !m.contains("unavailable_ranges")) continue;
      sla::MonthRanges r;
      r.month = m.value("month", json::object()).value("first_day", std::string("?")).substr(0, 7);
      r.ranges = m["unavailable_ranges"].get<std::vector<sla::MinuteRange>>();
      mr.push_back(std::move(r));
    }
    if (mr.empty()) return;
    Table t = sla::evidence_table(tsla.value("contract", json::object()).value("id", std::string("contract")), mr);
    constexpr size_t kMaxRows = 200;
    const size_t all = t.rows.size();
    if (all > kMaxRows) t.rows.resize(kMaxRows);
    o << "<h3>Unavailable minutes (replication 0)</h3>\n<p class=\"note\">" << escape(sla::evidence_summary(mr))
      << (all > kMaxRows ? "; first " + std::to_string(kMaxRows) + " ranges shown, all in the JSON summary" : std::string())
      << ".</p>\n"
      << table_to_html(t);
  }

  // One row per service month: availability, breach and tier probabilities, expected credit (docs/sla.md,
  // SlaSummary). Sections of another shape fall back to a generic table of their month objects.
  std::string credits_table(const json& summary, const json& months, const std::string& currency) const {
    if (months.empty() || !months[0].contains("p_tier")) return json_table(months, "credits");
    const json labels = summary.value("tiers", json::array());
    std::ostringstream t;
    t << "<table class=\"data credits\"><tr><th>service month</th><th>availability [95% CI]</th>"
         "<th>P(below standard)</th><th>P(credit owed)</th>";
    for (const auto& l : labels) t << "<th>P(" << escape(cell_text(l)) << ")</th>";
    // Both eligibility readings side by side (docs/sla.md "Eligibility"); the headline one is labelled.
    const json readings = summary.value("readings", json::object());
    const std::string headline = readings.value("headline", std::string("standard"));
    auto reading_th = [&](const std::string& r) {
      return r + " reading" + (r == headline ? " (headline)" : r == "table" ? " (upper bound)" : "");
    };
    const std::string cur = " (" + escape(currency) + ")";
    t << "<th>expected credit (% of fee), " << reading_th("standard") << "</th><th>credit owed" << cur << ", "
      << reading_th("standard") << "</th><th>expected credit (% of fee), " << reading_th("table") << "</th><th>credit owed"
      << cur << ", " << reading_th("table") << "</th></tr>\n";
    auto est = [](const json& v, bool percent) {
      const auto [lo, hi] = ci_of(v);
      const double m = mean_of(v);
      std::string s = percent ? pct(m, 3) : money(m);
      if (std::isfinite(lo) && hi > lo) s += " [" + (percent ? pct(lo, 3) : money(lo)) + ", " + (percent ? pct(hi, 3) : money(hi)) + "]";
      return s;
    };
    for (const json& m : months) {
      const json id = m.value("month", json::object());
      const std::string name = id.is_object() ? id.value("first_day", std::string("?")) + " – " + id.value("last_day", std::string("?"))
                                              : cell_text(id);
      t << "<tr><td>" << escape(name) << (id.is_object() && id.value("partial", false) ? " (partial)" : "") << "</td><td>"
        << est(m.value("availability", json(nullptr)), true) << "</td><td>" << pct(mean_of(m.value("p_below_standard", json(nullptr))))
        << "</td><td>" << pct(mean_of(m.value("p_eligible", json(nullptr)))) << "</td>";
      const json tiers = m.value("p_tier", json::array());
      for (size_t k = 0; k < labels.size(); ++k) t << "<td>" << (k < tiers.size() ? pct(mean_of(tiers[k])) : "–") << "</td>";
      const json br = m.value("credit_by_reading", json::object());
      for (const char* r : {"standard", "table"}) {
        // Older files carry one reading only: show it under the headline's column.
        const json c = br.contains(r) ? br[r] : (r == headline ? m : json::object());
        t << "<td>" << (c.contains("credit_pct") ? est(c["credit_pct"], false) : "–") << "</td><td>"
          << (c.contains("credit_owed") && !c["credit_owed"].is_null() ? est(c["credit_owed"], false) : "–") << "</td>";
      }
      t << "</tr>\n";
    }
    t << "</table>\n";
    return t.str();
  }

  // A month's bar: red when it is below the standard or owes a credit under the headline reading, orange when
  // only the table reading owes one, green when nothing is owed under either reading.
  static std::string month_color(const json& m, bool below_standard) {
    auto owes = [](const json& e) { return e.is_object() && std::isfinite(mean_of(e)) && mean_of(e) > 0; };
    const json br = m.value("credit_by_reading", json::object());
    const json none = json::object();
    const json& tbl_r = br.contains("table") ? br["table"] : none;
    const bool headline_owes = below_standard || owes(m.value("credit_owed", json(nullptr))) ||
                               owes(m.value("p_eligible", json(nullptr)));
    if (headline_owes) return "#d62728";
    if (owes(tbl_r.value("credit_owed", json(nullptr))) || owes(tbl_r.value("credit_pct", json(nullptr)))) return "#ff7f0e";
    return "#2ca02c";
  }

  void availability(const std::string& t, const std::string& tp) {
    o << "<h3>Availability per service month</h3>\n";
    const json tsla = tenant_part(sla, t);
    // docs/sla.md: sla.tenants[] = {tenant, contract, summary (across replications), replication_0}; the
    // summary's months are the figures to show.
    const json summary = tsla.is_object() && tsla.contains("summary") ? tsla["summary"] : json::object();
    const json* months =
        summary.is_object() && summary.contains("months") && summary["months"].is_array() ? &summary["months"] : nullptr;
    if (months && !months->empty()) {
      svg::BarChart c;
      c.title = "Availability per service month (replication mean, 95% interval) against the standard";
      c.y_label = "availability";
      c.y_format = svg::YFormat::Percent;
      c.bands = tier_bands(tsla);
      c.title += "; red: a credit is owed (headline reading), orange: owed under the table reading only";
      const double standard = summary.contains("availability_standard")
                                   ? fraction_at(summary, "availability_standard")
                                   : fraction_at(tsla.value("contract", json::object()), "availability_standard");
      if (std::isfinite(standard)) c.lines.push_back({standard, "#c00000", "standard " + pct(standard, 3)});
      double lowest = 1;
      for (const json& m : *months) {
        svg::Bar b;
        const json& id = m.value("month", json::object());
        b.label = id.is_object() ? id.value("first_day", std::string("?")).substr(0, 7) : cell_text(id);
        b.value = mean_of(m.value("availability", json(nullptr)));
        auto [lo, hi] = ci_of(m.value("availability", json(nullptr)));
        if (std::isfinite(lo)) b.lo = lo, b.hi = hi;
        b.color = month_color(m, std::isfinite(standard) && b.value < standard);
        if (std::isfinite(b.value)) lowest = std::min(lowest, std::isfinite(lo) ? lo : b.value);
        c.bars.push_back(b);
      }
      const double floor = std::isfinite(standard) ? std::min(lowest, standard) : lowest;
      c.y_min = std::max(0.0, 1 - (1 - floor) * 1.6 - 1e-4);
      c.y_max = 1;
      o << svg::render(c);
      o << "<h3>Credits per service month</h3>\n";
      if (summary.contains("term") && summary["term"].is_object()) {
        // docs/sla.md "Service term": which months were judged and how minutes outside the horizon count.
        const json& term = summary["term"];
        std::string note = "Service term " + term.value("start", std::string("?")) + " – " + term.value("end", std::string("?")) +
                           " (" + term.value("source", std::string("given")) + ")";
        if (term.contains("observed") && term["observed"].is_object()) {
          const json& ob = term["observed"];
          note += "; simulated " + ob.value("from", std::string("?")) + " – " + ob.value("to", std::string("?")) +
                  (ob.value("outside_minutes", std::string()) == "excluded"
                       ? "; months are judged on the simulated minutes only"
                       : "; minutes outside the simulated horizon count as available");
        }
        o << "<p class=\"note\">" << escape(note) << "</p>\n";
      }
      o << "<p class=\"note\">Eligibility: the headline follows the " << escape(summary.value("eligibility", std::string("standard")))
        << " reading; standard = credit only below the availability standard (the entitlement text), table = any tier "
           "of the table (the upper bound of the liability). Credit form: "
        << escape(summary.value("credit_form", std::string("?"))) << ".</p>\n";
      const std::string currency = currency_of(summary, tsla);
      o << credits_table(summary, *months, currency);
      auto amount = [](const json& e) {
        const auto [lo, hi] = ci_of(e);
        std::string s = money(mean_of(e));
        if (std::isfinite(lo) && hi > lo) s += " [" + money(lo) + ", " + money(hi) + "]";
        return s;
      };
      const json tr = summary.value("total_credit_owed_by_reading", json::object());
      const std::string head = "<p class=\"note\">Total credit owed over the term (" + escape(currency) +
                               ", mean over replications, 95% interval): ";
      if (tr.is_object() && tr.contains("standard") && !tr["standard"].is_null())
        o << head << "standard reading " << amount(tr["standard"]) << "; table reading " << amount(tr["table"]) << "</p>\n";
      else if (summary.contains("total_credit_owed") && !summary["total_credit_owed"].is_null())
        o << head << amount(summary["total_credit_owed"]) << "</p>\n";
      evidence(tsla);
      return;
    }
    // No contract evaluation in the file: show the raw minute rule per day, clearly not the contract.
    o << "<p class=\"note\">No SLA section in this results file (the scenario binds no contract, or the run had no "
         "SLA evaluation). Shown instead: share of minutes meeting the 99% success rule per day, all failure causes, "
         "first replication — not a contractual availability.</p>\n";
    const auto time = col(tp + "/minute/time"), un = col(tp + "/minute/unavailable");
    svg::BarChart c;
    c.title = "Minutes meeting the 99% success rule, per day (" + rep + ")";
    c.y_label = "share of minutes";
    c.y_format = svg::YFormat::Percent;
    for (size_t i = 0; i < time.size();) {
      const int64_t day = static_cast<int64_t>(time[i]) / 86400;
      size_t n = 0, bad = 0;
      for (; i < time.size() && static_cast<int64_t>(time[i]) / 86400 == day; ++i, ++n) bad += un[i] > 0;
      svg::Bar b;
      b.label = format_date(date_of_epoch(day * 86400)).substr(5);
      b.value = n ? 1.0 - static_cast<double>(bad) / n : kNaN;
      b.color = bad ? "#d62728" : "#2ca02c";
      c.bars.push_back(b);
    }
    if (c.bars.size() > 62) c.bars.resize(62);  // a two-month horizon at most stays readable
    double lowest = 1;
    for (const auto& b : c.bars) if (std::isfinite(b.value)) lowest = std::min(lowest, b.value);
    c.y_min = std::max(0.0, 1 - (1 - lowest) * 1.6 - 1e-3);
    c.y_max = 1;
    o << svg::render(c);
  }

  struct IncidentRow {
    double start, end;
    std::string label;
  };
  std::vector<IncidentRow> incidents(const std::string& tenant) const {
    std::vector<IncidentRow> out;
    const std::string p = "/replications/" + rep + "/incidents";
    const auto kind = r.table_strings(p, "kind"), target = r.table_strings(p, "target"), who = r.table_strings(p, "tenants");
    const auto start = r.table_doubles(p, "start"), rec = r.table_doubles(p, "recovered"), rep2 = r.table_doubles(p, "repaired");
    const double end = static_cast<double>(r.attr_int("/", "horizon_end_epoch").value_or(0));
    for (size_t i = 0; i < kind.size(); ++i) {
      if (!who[i].empty() && ("," + who[i] + ",").find("," + tenant + ",") == std::string::npos) continue;
      const double e = std::isfinite(rec[i]) ? rec[i] : std::isfinite(rep2[i]) ? rep2[i] : end;
      out.push_back({start[i], e, kind[i] + ": " + target[i] + " at " + format_datetime(static_cast<int64_t>(start[i]))});
    }
    return out;
  }

  void success_rate(const std::string& t, const std::string& tp) {
    const auto time = col(tp + "/minute/time"), sr = col(tp + "/minute/success_rate"), un = col(tp + "/minute/unavailable");
    svg::TimeChart c;
    c.title = "Call success rate per minute (" + rep + "; minimum per point when downsampled)";
    c.y_label = "success rate";
    c.y_format = svg::YFormat::Percent;
    svg::Series s{"success rate", "#1f77b4", {}, {}, false, false};
    svg::downsample(time, sr, opt.max_points, svg::Reduce::Min, s.x, s.y);
    c.series.push_back(std::move(s));
    c.lines.push_back({0.99, "#c00000", "99% minute threshold"});
    std::vector<unsigned char> flags(un.begin(), un.end());
    const double merge = time.size() > 1 ? (time.back() - time.front()) / 800.0 : 60;  // about one pixel
    size_t n_un = 0;
    for (auto f : flags) n_un += f != 0;
    c.spans = svg::flag_spans(time, flags, 60, merge, "#d62728", "unavailable minutes (" + std::to_string(n_un) + ")");
    for (const auto& i : incidents(t)) c.markers.push_back({i.start, "#ff7f0e", "fault: " + i.label});
    double lowest = 1;
    for (double v : sr) if (std::isfinite(v)) lowest = std::min(lowest, v);
    c.y_min = std::min(0.98, std::floor(lowest * 50) / 50);
    c.y_max = 1.001;
    o << "<h3>Per-minute call success</h3>\n" << svg::render(c);
  }

  void interval_kpis(const std::string& tp_agg) {
    const auto time = col(tp_agg + "/intervals/time");
    // Service level per call type with its target.
    svg::TimeChart sl;
    sl.title = "Service level per interval (answered within threshold / answered; mean and 95% interval)";
    sl.y_label = "service level";
    sl.y_format = svg::YFormat::Percent;
    sl.y_min = 0;
    sl.y_max = 1;
    size_t k = 0;
    for (const auto& ct : r.children(tp_agg + "/intervals/call_types")) {
      const std::string p = tp_agg + "/intervals/call_types/" + ct;
      sl.ci.push_back({time, col(p + "/sl_answered_ci_lo"), col(p + "/sl_answered_ci_hi"), color(k), 0.0, 1.0});
      sl.series.push_back({ct, color(k), time, col(p + "/sl_answered"), false, false});
      if (auto target = r.attr_double(p, "sl_target"))
        sl.lines.push_back({*target, color(k), ct + " target " + pct(*target, 0)});
      ++k;
    }
    o << "<h3>Service level, abandonment and queue per interval</h3>\n" << svg::render(sl);

    svg::TimeChart ab;
    ab.title = "Abandonment per interval (abandoned / queued; mean and 95% interval)";
    ab.y_label = "abandonment";
    ab.y_format = svg::YFormat::Percent;
    ab.y_min = 0;
    k = 0;
    for (const auto& ct : r.children(tp_agg + "/intervals/call_types")) {
      const std::string p = tp_agg + "/intervals/call_types/" + ct;
      ab.ci.push_back({time, col(p + "/abandonment_rate_ci_lo"), col(p + "/abandonment_rate_ci_hi"), color(k), 0.0, 1.0});
      ab.series.push_back({ct, color(k), time, col(p + "/abandonment_rate"), false, false});
      ++k;
    }
    o << svg::render(ab);

    svg::TimeChart q;
    q.title = "Queue length per interval (time average, and maximum dashed)";
    q.y_label = "calls waiting";
    q.y_min = 0;
    k = 0;
    for (const auto& g : r.children(tp_agg + "/intervals/groups")) {
      const std::string p = tp_agg + "/intervals/groups/" + g;
      q.ci.push_back({time, col(p + "/mean_queue_ci_lo"), col(p + "/mean_queue_ci_hi"), color(k), 0.0});
      q.series.push_back({g + " mean", color(k), time, col(p + "/mean_queue"), false, false});
      q.series.push_back({g + " max", color(k), time, col(p + "/max_queue"), false, true});
      ++k;
    }
    o << svg::render(q);
  }

  void staffing(const std::string& tenant, const std::string& tp) {
    const auto time = col(tp + "/minute/time");
    svg::TimeChart c;
    c.title = "Agents by state and seats (" + rep + ", end-of-minute samples)";
    c.y_label = "agents / seats";
    c.y_min = 0;
    const std::pair<const char*, const char*> fields[] = {{"agents_busy", "busy"}, {"agents_idle", "idle"},
                                                          {"agents_break", "on break"}, {"agents_unseated", "no seat"},
                                                          {"seats", "seats online"}};
    size_t k = 0;
    for (const auto& [field, label] : fields) {
      const auto v = col(tp + "/minute/" + field);
      bool any = false;
      for (double x : v) any = any || (std::isfinite(x) && x != 0);
      if (!any && std::string(field) != "agents_busy") continue;
      svg::Series s{label, color(k++), {}, {}, true, std::string(field) == "seats"};
      svg::downsample(time, v, opt.max_points, svg::Reduce::Mean, s.x, s.y);
      c.series.push_back(std::move(s));
    }
    const std::string sp = "/replications/" + rep + "/scaling";
    const auto who = r.table_strings(sp, "tenant"), path = r.table_strings(sp, "path");
    const auto eff = r.table_doubles(sp, "effective"), from = r.table_doubles(sp, "from_seats"), to = r.table_doubles(sp, "to_seats");
    for (size_t i = 0; i < who.size(); ++i)
      if (who[i] == tenant)
        c.markers.push_back({eff[i], "#9467bd", "scaling: " + fixed(from[i], 0) + " -> " + fixed(to[i], 0) + " seats (" + path[i] + ")"});
    o << "<h3>Agents, seats and scaling actions</h3>\n" << svg::render(c);
  }

  void trunks(const std::string& tp_agg) {
    const auto time = col(tp_agg + "/intervals/time");
    const auto names = r.children(tp_agg + "/intervals/trunks");
    if (names.empty()) return;
    svg::TimeChart c;
    c.title = "Trunk occupancy per interval (busy channel-time / channels; mean and 95% interval)";
    c.y_label = "occupancy";
    c.y_format = svg::YFormat::Percent;
    c.y_min = 0;
    c.y_max = 1;
    size_t k = 0;
    for (const auto& n : names) {
      const std::string p = tp_agg + "/intervals/trunks/" + n;
      const auto ch = r.attr_int(p, "channels").value_or(0);
      c.ci.push_back({time, col(p + "/occupancy_ci_lo"), col(p + "/occupancy_ci_hi"), color(k), 0.0, 1.0});
      c.series.push_back({n + " (" + std::to_string(ch) + " channels)", color(k), time, col(p + "/occupancy"), false, false});
      ++k;
    }
    o << "<h3>Trunk occupancy</h3>\n" << svg::render(c);
  }

  // Outbound campaigns (tenants with campaigns only): the abandon rate per interval against each campaign's
  // limit, and the agents on outbound work.
  void campaigns(const std::string& tp_agg) {
    const auto time = col(tp_agg + "/intervals/time");
    const auto names = r.children(tp_agg + "/intervals/campaigns");
    if (names.empty()) return;
    svg::TimeChart ab;
    ab.title = "Abandoned outbound calls per interval (abandon rate on the campaign's reading; mean and 95% interval)";
    ab.y_label = "abandon rate";
    ab.y_format = svg::YFormat::Percent;
    ab.y_min = 0;
    svg::TimeChart ag;
    ag.title = "Agents on outbound work per interval (mean and 95% interval)";
    ag.y_label = "agents";
    ag.y_min = 0;
    size_t k = 0;
    for (const auto& n : names) {
      const std::string p = tp_agg + "/intervals/campaigns/" + n;
      ab.ci.push_back({time, col(p + "/abandon_rate_ci_lo"), col(p + "/abandon_rate_ci_hi"), color(k), 0.0, 1.0});
      ab.series.push_back({n, color(k), time, col(p + "/abandon_rate"), false, false});
      if (auto limit = r.attr_double(p, "abandon_limit")) ab.lines.push_back({*limit, color(k), n + " limit " + pct(*limit, 1)});
      ag.ci.push_back({time, col(p + "/outbound_agents_ci_lo"), col(p + "/outbound_agents_ci_hi"), color(k), 0.0});
      ag.series.push_back({n, color(k), time, col(p + "/outbound_agents"), false, false});
      ++k;
    }
    o << "<h3>Outbound campaigns</h3>\n" << svg::render(ab) << svg::render(ag);
  }

  void tenant(const std::string& t) {
    const std::string tp = "/replications/" + rep + "/tenants/" + h5_safe_name(t);
    const std::string ta = "/aggregate/tenants/" + h5_safe_name(t);
    o << "<h2 id=\"tenant-" << escape(h5_safe_name(t)) << "\">Tenant " << escape(t) << "</h2>\n";
    availability(t, tp);
    success_rate(t, tp);
    interval_kpis(ta);
    staffing(t, tp);
    trunks(ta);
    campaigns(ta);
    const json tseats = tenant_part(seats, t);
    if (tseats.is_object()) {
      o << "<h3>Seats</h3>\n";
      json flat = json::array({json::object()});
      for (const auto& kv : tseats.items())
        if (!kv.value().is_array()) flat[0][kv.key()] = kv.value();
      o << json_table(flat, "seats");
      seat_bills(tseats);
    }
  }

  // Seat licences per service month: the consumption view (pro-rated by day) beside the cash bill (licences
  // bought for their validity period), replication 0 (docs/output-format.md "Seats").
  void seat_bills(const json& tseats) {
    if (!tseats.contains("cost") || !tseats["cost"].is_object() || !tseats["cost"]["months"].is_array()) return;
    std::ostringstream rows;
    for (const auto& m : tseats["cost"]["months"]) {
      if (!m.contains("bill_replication_0")) continue;
      const json& b = m["bill_replication_0"];
      rows << "<tr><td>" << escape(m.value("first_day", "") + ".." + m.value("last_day", "")) << "</td>";
      for (const json* v : {&b["consumption"]["seats"], &b["cash"]["seats"], &b["cash"]["licences_bought"],
                            &b["consumption"]["total"], &b["cash"]["total"]})
        rows << "<td>" << escape(cell_text(*v)) << "</td>";
      rows << "</tr>\n";
    }
    if (rows.str().empty()) return;
    o << "<h3>Seat cost: consumption vs cash (" << escape(tseats["cost"].value("currency", "")) << ", licences valid "
      << escape(tseats["cost"].value("licence_validity", "")) << ")</h3>\n"
      << "<table class=\"data seat-bills\"><tr><th>service month</th><th>seats (consumption)</th>"
      << "<th>seats (cash)</th><th>licences bought</th><th>bill (consumption)</th><th>bill (cash)</th></tr>\n"
      << rows.str() << "</table>\n";
  }

  void hypotheses() {
    o << "<h2>Drills and hypotheses</h2>\n";
    const json* h = platform.is_object() && platform.contains("hypotheses") && platform["hypotheses"].is_array()
                        ? &platform["hypotheses"] : nullptr;
    if (h && !h->empty()) o << json_table(*h, "hypotheses");
    else o << "<p class=\"note\">No hypotheses declared in this scenario.</p>\n";
    if (!rep.empty()) o << drill_timelines_html(r, rep);
    if (platform.is_object() && platform.contains("incident_summary") && platform["incident_summary"].is_array() &&
        !platform["incident_summary"].empty())
      o << "<h3>incident_summary</h3>\n" << json_table(platform["incident_summary"], "incident_summary");
  }

  void incident_table() {
    const std::string p = "/replications/" + rep + "/incidents";
    const auto kind = r.table_strings(p, "kind");
    o << "<h2>Incidents (" << escape(rep) << ")</h2>\n";
    if (kind.empty()) {
      o << "<p class=\"note\">No fault or incident in this replication.</p>\n";
      return;
    }
    const auto target = r.table_strings(p, "target"), drill = r.table_strings(p, "drill"), note = r.table_strings(p, "note");
    const auto start = r.table_doubles(p, "start"), det = r.table_doubles(p, "detected"), rec = r.table_doubles(p, "recovered");
    const auto dropped = r.table_doubles(p, "calls_dropped"), failed = r.table_doubles(p, "requests_failed");
    o << "<table class=\"data\" id=\"incidents\"><tr><th>kind</th><th>target</th><th>drill</th><th>start</th><th>detected after</th>"
         "<th>recovered after</th><th>calls dropped</th><th>requests failed</th><th>note</th></tr>\n";
    for (size_t i = 0; i < kind.size(); ++i) {
      auto after = [&](double t) { return std::isfinite(t) ? format_duration(t - start[i]) : std::string("never"); };
      o << "<tr><td>" << escape(kind[i]) << "</td><td>" << escape(target[i]) << "</td><td>" << escape(drill[i]) << "</td><td>"
        << format_datetime(static_cast<int64_t>(start[i])) << "</td><td>" << after(det[i]) << "</td><td>" << after(rec[i])
        << "</td><td>" << fixed(dropped[i], 0) << "</td><td>" << fixed(failed[i], 0) << "</td><td>" << escape(note[i])
        << "</td></tr>\n";
    }
    o << "</table>\n";
  }

  void scenario_json() {
    std::string text = attr("scenario_json");
    const json j = json::parse(text, nullptr, false);
    if (!j.is_discarded()) text = j.dump(2);
    constexpr size_t kMax = 200000;
    if (text.size() > kMax) text = text.substr(0, kMax) + "\n... (truncated; the full text is the root attribute scenario_json)";
    o << "<h2>Scenario</h2>\n<details><summary>Resolved scenario (every default applied)</summary><pre>" << escape(text)
      << "</pre></details>\n";
  }

  std::string build() {
    const auto reps = r.children("/replications");
    rep = reps.empty() ? "" : reps.front();
    sla = section(r, "sla");
    platform = section(r, "platform");
    seats = section(r, "seats");
    header();
    o << drill_summary_html(platform);
    overall_table();
    planner_table();
    if (!rep.empty())
      for (const auto& t : r.attr_strings("/", "tenants")) tenant(t);
    hypotheses();
    if (!rep.empty()) incident_table();
    scenario_json();
    o << "<p class=\"note\">Generated by ccsim " << escape(CCSIM_VERSION) << " from " << escape(r.path())
      << ". Timelines show one replication; interval figures are means over all replications.</p>\n</body></html>\n";
    return o.str();
  }
};

}  // namespace

std::string render_html_report(const H5Results& results, const ReportOptions& opt) {
  Page p{results, opt, {}, nullptr, nullptr, nullptr, {}};
  return p.build();
}

void write_html_report(const std::string& h5_path, const std::string& html_path, const ReportOptions& opt) {
  const H5Results r(h5_path);
  write_file_atomic(html_path, render_html_report(r, opt));
}

}  // namespace ccsim
