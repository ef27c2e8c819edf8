// The HTML page of a capacity HDF5 file (`ccsim report CAPACITY.h5`): per target, the measured figure at every
// search trial as bars with their 95% interval against the target line, then the result and the trials
// table. Self-contained like the run report (inline SVG from output/html_report_svg, no script, no fetch).
#include <H5Cpp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <map>
#include <optional>
#include <sstream>

#include "core/time.hpp"
#include "output/capacity_h5.hpp"
#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "output/h5_write_util.hpp"
#include "output/html_report_svg.hpp"
#include "output/table_render.hpp"

namespace ccsim::capacity {

namespace {

using svg::escape;

// Minimal readers over an open file; missing objects read as empty/absent (the page shows what is there).
struct Reader {
  H5::H5File f;

  bool has(const std::string& path) const {
    std::string prefix;
    for (size_t pos = 1; pos <= path.size();) {
      size_t next = path.find('/', pos);
      if (next == std::string::npos) next = path.size();
      if (H5Lexists(f.getId(), path.substr(0, next).c_str(), H5P_DEFAULT) <= 0) return false;
      pos = next + 1;
    }
    return true;
  }
  std::optional<H5::Attribute> attr(const std::string& obj, const std::string& name) const {
    if (obj != "/" && !has(obj)) return std::nullopt;
    H5::Group g = f.openGroup(obj);
    if (!g.attrExists(name)) return std::nullopt;
    return g.openAttribute(name);
  }
  std::string str(const std::string& obj, const std::string& name) const {
    auto a = attr(obj, name);
    if (!a || a->getTypeClass() != H5T_STRING) return "";
    std::string v;
    a->read(a->getStrType(), v);
    return v;
  }
  double num(const std::string& obj, const std::string& name) const {
    auto a = attr(obj, name);
    if (!a || (a->getTypeClass() != H5T_FLOAT && a->getTypeClass() != H5T_INTEGER)) return std::nan("");
    double v = 0;
    a->read(H5::PredType::NATIVE_DOUBLE, &v);
    return v;
  }
  std::vector<std::string> strs(const std::string& obj, const std::string& name) const {
    auto a = attr(obj, name);
    if (!a || a->getTypeClass() != H5T_STRING) return {};
    std::vector<char*> p(static_cast<size_t>(a->getSpace().getSimpleExtentNpoints()), nullptr);
    if (!p.empty()) a->read(h5::vlen_string(), p.data());
    std::vector<std::string> out;
    for (char* s : p) {
      out.emplace_back(s ? s : "");
      std::free(s);  // vlen strings are malloc'ed by the library
    }
    return out;
  }
  // One field of a compound table, as numbers or as text (by reading only that member).
  std::vector<double> field_doubles(const std::string& ds_path, const std::string& field) const {
    if (!has(ds_path)) return {};
    H5::DataSet ds = f.openDataSet(ds_path);
    if (ds.getCompType().getMemberIndex(field) < 0) return {};
    H5::CompType mem(sizeof(double));
    mem.insertMember(field, 0, H5::PredType::NATIVE_DOUBLE);
    std::vector<double> v(static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints()));
    if (!v.empty()) ds.read(v.data(), mem);
    return v;
  }
  std::vector<std::string> field_strings(const std::string& ds_path, const std::string& field) const {
    if (!has(ds_path)) return {};
    H5::DataSet ds = f.openDataSet(ds_path);
    if (ds.getCompType().getMemberIndex(field) < 0) return {};
    H5::CompType mem(sizeof(char*));
    mem.insertMember(field, 0, h5::vlen_string());
    std::vector<char*> p(static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints()), nullptr);
    if (!p.empty()) ds.read(p.data(), mem);
    std::vector<std::string> out;
    for (char* s : p) {
      out.emplace_back(s ? s : "");
      std::free(s);
    }
    return out;
  }
};

std::string fmt(double v, const char* f = "%.4g") {
  if (!std::isfinite(v)) return "–";
  char b[48];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

// Any compound table as an HTML table: numeric members as numbers, the others as text.
std::string table_html(const Reader& r, const std::string& ds_path, const std::string& id) {
  if (!r.has(ds_path)) return "";
  const H5::CompType t = r.f.openDataSet(ds_path).getCompType();
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> cols;
  for (int k = 0; k < t.getNmembers(); ++k) {
    names.push_back(t.getMemberName(static_cast<unsigned>(k)));
    const H5T_class_t cls = t.getMemberClass(static_cast<unsigned>(k));
    std::vector<std::string> c;
    if (cls == H5T_FLOAT || cls == H5T_INTEGER)
      for (double v : r.field_doubles(ds_path, names.back())) c.push_back(fmt(v, cls == H5T_INTEGER ? "%.0f" : "%.4g"));
    else
      c = r.field_strings(ds_path, names.back());
    cols.push_back(std::move(c));
  }
  std::ostringstream o;
  o << "<table class=\"data\" id=\"" << escape(id) << "\"><tr>";
  for (const auto& n : names) o << "<th>" << escape(n) << "</th>";
  o << "</tr>\n";
  const size_t rows = cols.empty() ? 0 : cols[0].size();
  for (size_t i = 0; i < rows; ++i) {
    o << "<tr>";
    for (const auto& c : cols) o << "<td>" << escape(i < c.size() ? c[i] : "") << "</td>";
    o << "</tr>\n";
  }
  o << "</table>\n";
  return o.str();
}

// Per tenant and group: required agents per interval (simulated) as a step line against the Erlang seed, so a
// planner sees where the simulation asks for more or fewer agents than the formula.
std::string staffing_step_charts(const Table& t) {
  auto col = [&](const char* key) {
    for (size_t k = 0; k < t.columns.size(); ++k)
      if (t.columns[k].key == key) return static_cast<int>(k);
    return -1;
  };
  const int ct = col("tenant"), cg = col("group"), cs = col("start"), ca = col("agents"), ce = col("erlang_seed");
  if (ct < 0 || cg < 0 || cs < 0 || ca < 0 || ce < 0) return "";
  auto text = [](const Cell& c) { return std::holds_alternative<std::string>(c) ? std::get<std::string>(c) : std::string(); };
  auto number = [](const Cell& c) { return std::holds_alternative<double>(c) ? std::get<double>(c) : std::nan(""); };
  std::map<std::string, std::pair<svg::Series, svg::Series>> by_group;  // "tenant / group" -> (simulated, Erlang)
  std::vector<std::string> order;
  for (const auto& row : t.rows) {
    const std::string key = text(row[static_cast<size_t>(ct)]) + " / " + text(row[static_cast<size_t>(cg)]);
    const auto start = parse_datetime(text(row[static_cast<size_t>(cs)]));
    if (!start) continue;
    if (!by_group.count(key)) order.push_back(key);
    auto& [sim, erl] = by_group[key];
    sim.x.push_back(static_cast<double>(*start));
    sim.y.push_back(number(row[static_cast<size_t>(ca)]));
    erl.x.push_back(static_cast<double>(*start));
    erl.y.push_back(number(row[static_cast<size_t>(ce)]));
  }
  std::ostringstream o;
  for (const auto& key : order) {
    auto [sim, erl] = by_group[key];
    sim.label = "required agents (simulated)";
    sim.color = "#1f77b4";
    sim.step = true;
    erl.label = "Erlang seed";
    erl.color = "#7f7f7f";
    erl.step = true;
    erl.dashed = true;
    svg::TimeChart c;
    c.title = "Required agents per interval - " + key;
    c.y_label = "agents";
    c.y_min = 0;
    c.series = {sim, erl};
    o << "<div class=\"staffing-chart\">\n" << svg::render(c) << "</div>\n";
  }
  return o.str();
}

std::string render(const Reader& r, const std::string& path) {
  const std::string mode = r.str("/", "mode");
  const bool max_load = mode == "max-load";
  const std::string x_name = max_load ? "multiplier" : "agents";
  std::ostringstream o;
  const std::string name = r.str("/", "scenario_name");
  o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
       "<title>ccsim capacity report: "
    << escape(name) << "</title>\n<style>\n"
       "body{font-family:sans-serif;margin:24px;color:#222;max-width:1160px}h1{font-size:22px}"
       "h2{font-size:18px;border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:32px}p.note{color:#555;font-size:13px}"
       "table.data{border-collapse:collapse;font-size:12.5px;margin:6px 0 12px}"
       "table.data th,table.data td{border:1px solid #ccc;padding:3px 7px;text-align:right}table.data th{background:#f2f2f2}"
       ".banner{background:#fde2b8;border:1px solid #e0a040;padding:8px 12px;font-weight:bold}"
       "svg.chart{display:block;margin:6px 0 14px;border:1px solid #e4e4e4}"
       "svg .ct{font-size:13px;font-weight:bold}svg .yt{font-size:11px;text-anchor:end}svg .xt{font-size:11px;text-anchor:middle}"
       "svg .yl{font-size:11px;text-anchor:middle}svg .lg{font-size:11px}svg .bl{font-size:10px;text-anchor:end;fill:#555}"
       "svg .bv{font-size:10px;text-anchor:middle}svg .grid{stroke:#eee}svg .frame{fill:none;stroke:#999}"
       "svg .target{stroke-width:1.5;stroke-dasharray:6 3}svg .err{stroke:#333;fill:none}svg .band{opacity:.35}"
       "</style>\n</head><body>\n<h1>ccsim capacity report (" << escape(mode) << "): " << escape(name) << "</h1>\n";
  if (r.num("/", "complete") != 1)
    o << "<p class=\"banner\">INCOMPLETE SEARCH: interrupted; the result covers the trials that finished.</p>\n";
  o << "<table class=\"data\" id=\"scenario\">";
  auto row = [&](const std::string& k, const std::string& v) { o << "<tr><th>" << escape(k) << "</th><td>" << escape(v) << "</td></tr>"; };
  row("scenario file", r.str("/", "scenario_file"));
  row("scenario hash", r.str("/", "scenario_hash"));
  row("base seed", fmt(r.num("/", "base_seed"), "%.0f"));
  std::string targets;
  for (const auto& t : r.strs("/", "targets")) targets += (targets.empty() ? "" : ", ") + t;
  row("targets", targets);
  row("ccsim version", r.str("/", "ccsim_version"));
  o << "</table>\n<h2>Result</h2>\n<table class=\"data\" id=\"capacity-result\">";
  if (max_load) {
    const bool base = r.num("/result", "base_holds") == 1, capped = r.num("/result", "capped") == 1;
    const std::string cap = r.str("/result", "search_cap");  // absent from files written before it existed
    row("max load", !base ? "the base load (x1) already breaks a target"
                          : "x" + fmt(r.num("/result", "max_multiplier")) +
                                (capped ? " (search cap" + (cap.empty() ? "" : " " + cap) + ": every target holds)" : ""));
    row("breaks at", "x" + fmt(r.num("/result", "breaking_multiplier")));
    row("binding resource", r.str("/result", "binding_resource"));
  } else {
    row("targets met", r.num("/result", "met") == 1 ? "yes" : "NO");
    row("staffed", r.num("/result", "per_interval") == 1 ? "per statistics interval" : "for the whole horizon");
    row("simulation trials", fmt(r.num("/result", "trials"), "%.0f"));
  }
  const std::string broken = r.str("/result", "first_broken_target");
  row("first target to break", broken.empty() ? "none"
                                              : broken + " (" + r.str("/result", "first_broken_tenant") + ": " +
                                                    fmt(r.num("/result", "first_broken_mean")) + ")");
  o << "</table>\n";
  // The staffing plan (per group and interval, with the figures achieved) replaces the raw per-group arrays.
  const nlohmann::json result = nlohmann::json::parse(r.str("/", "result_json"), nullptr, false);
  const bool plan = result.is_object() && result.contains("staffing_table");
  if (plan) {
    const Table t = json_to_table(result["staffing_table"]);
    o << "<h2>Staffing plan</h2>\n" << staffing_step_charts(t) << table_to_html(t) << "\n";
  }
  for (const char* t : {"binding_evidence", "groups", "trunks", "seats"})
    if (r.has(std::string("/result/") + t) && !(plan && std::string(t) == "groups"))
      o << "<h3>" << t << "</h3>\n" << table_html(r, std::string("/result/") + t, std::string("capacity-") + t);

  // Charts: one per target, a bar per trial (max load: in multiplier order; staffing: in trial order, the
  // search goes up and down).
  const std::string tp = "/trials";
  const auto target = r.field_doubles(tp, "target"), x = r.field_doubles(tp, x_name), mean = r.field_doubles(tp, "mean");
  const auto lo = r.field_doubles(tp, "ci_lo"), hi = r.field_doubles(tp, "ci_hi"), value = r.field_doubles(tp, "target_value");
  const auto trial = r.field_doubles(tp, "trial");
  const auto text = r.field_strings(tp, "target_text"), op = r.field_strings(tp, "op"), verdict = r.field_strings(tp, "verdict");
  o << "<h2>Measured figures per trial</h2>\n<p class=\"note\">Per target, its worst figure over tenants, groups and "
       "intervals at each trial: replication mean with its 95% interval; green holds, red breaks, amber undecided. "
       "The dashed line is the target.</p>\n";
  std::vector<size_t> order(target.size());
  std::iota(order.begin(), order.end(), 0);
  if (max_load) std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
  const size_t n = std::min({target.size(), x.size(), mean.size(), lo.size(), hi.size(), value.size(), trial.size(),
                             text.size(), op.size(), verdict.size()});
  std::vector<int> seen;
  for (size_t i : order) {
    if (i >= n || std::find(seen.begin(), seen.end(), static_cast<int>(target[i])) != seen.end()) continue;
    const int k = static_cast<int>(target[i]);
    seen.push_back(k);
    svg::BarChart c;
    c.title = text[i] + " (" + op[i] + " " + fmt(value[i] * 100, "%.4g%%") + ") vs " + (max_load ? "traffic multiplier" : "agents");
    c.y_label = "measured";
    c.y_format = svg::YFormat::Percent;
    c.y_min = 0;
    c.lines.push_back({value[i], "#d62728", "target " + op[i] + " " + fmt(value[i] * 100, "%.4g%%")});
    for (size_t j : order) {
      if (j >= n || static_cast<int>(target[j]) != k || std::isnan(mean[j])) continue;
      svg::Bar b;
      b.label = max_load ? "x" + fmt(x[j]) : "#" + fmt(trial[j], "%.0f") + ": " + fmt(x[j], "%.0f");
      b.value = mean[j];
      if (std::isfinite(lo[j]) && std::isfinite(hi[j])) {
        b.lo = lo[j];
        b.hi = hi[j];
      }
      b.color = verdict[j] == "holds" ? "#2ca02c" : verdict[j] == "breaks" ? "#d62728" : "#ff9f1c";
      c.bars.push_back(b);
    }
    o << "<div class=\"capacity-chart\" id=\"capacity-chart-" << k << "\">\n" << svg::render(c) << "</div>\n";
  }
  if (seen.empty()) o << "<p class=\"note\">No trial finished.</p>\n";
  o << "<h2>Trials</h2>\n" << table_html(r, tp, "capacity-trials");
  o << "<p class=\"note\">Generated by ccsim " << escape(CCSIM_VERSION) << " from " << escape(path) << ".</p>\n</body></html>\n";
  return o.str();
}

[[noreturn]] void bad_file(const std::string& path, const std::string& what) {
  throw InputError(SourceLoc{path, 0, 0}, "", what, "a capacity file written by `ccsim capacity --output`");
}

}  // namespace

bool is_capacity_h5(const std::string& path) {
  H5::Exception::dontPrint();
  try {
    if (!H5::H5File::isHdf5(path)) return false;
    Reader r{H5::H5File(path, H5F_ACC_RDONLY)};
    return r.str("/", "format") == kCapacityFormat;
  } catch (const H5::Exception&) {
    return false;
  }
}

std::string render_capacity_html(const std::string& h5_path) {
  if (!is_capacity_h5(h5_path)) bad_file(h5_path, "not a ccsim capacity file");
  try {
    Reader r{H5::H5File(h5_path, H5F_ACC_RDONLY)};
    const double version = r.num("/", "format_version");
    if (!(version >= 1 && version <= kCapacityVersion))
      bad_file(h5_path, "capacity format version " + fmt(version, "%.0f") + " is not supported (version <= " +
                            std::to_string(kCapacityVersion) + ")");
    return render(r, h5_path);
  } catch (const H5::Exception& e) {
    bad_file(h5_path, "cannot read the capacity file: " + e.getDetailMsg());
  }
}

void write_capacity_report(const std::string& h5_path, const std::string& html_path) {
  write_file_atomic(html_path, render_capacity_html(h5_path));
}

}  // namespace ccsim::capacity
