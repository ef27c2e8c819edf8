#include "output/drill_timeline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/time.hpp"
#include "output/h5_reader.hpp"
#include "output/html_report_svg.hpp"
#include "output/results_h5.hpp"

namespace ccsim {

namespace {

using nlohmann::json;
using svg::escape;

const char* phase_color(const std::string& name) {
  if (name == "undetected") return "#d62728";
  if (name == "migrating") return "#ff7f0e";
  if (name == "recovering") return "#bcbd22";
  return "#7f7f7f";  // awaiting repair: calls served again, redundancy not yet restored
}

std::string hhmm(double epoch) { return format_datetime(static_cast<int64_t>(std::floor(epoch))).substr(11, 5); }

struct Fault {
  std::string label;
  double start, detected, migrated, recovered, repaired;
};

std::vector<Fault> faults_of(const H5Results& r, const std::string& rep) {
  const std::string p = "/replications/" + rep + "/incidents";
  const auto kind = r.table_strings(p, "kind"), target = r.table_strings(p, "target"), drill = r.table_strings(p, "drill");
  const auto start = r.table_doubles(p, "start"), det = r.table_doubles(p, "detected"), mig = r.table_doubles(p, "migrated"),
             rec = r.table_doubles(p, "recovered"), rep_ = r.table_doubles(p, "repaired");
  std::vector<Fault> out;
  int others = 0;
  for (size_t i = 0; i < kind.size() && i < start.size(); ++i) {
    const bool is_drill = i < drill.size() && !drill[i].empty();
    if (!is_drill && ++others > 10) continue;
    const std::string label = is_drill ? "drill " + drill[i] : kind[i] + " " + (i < target.size() ? target[i] : "");
    out.push_back({label, start[i], i < det.size() ? det[i] : NAN, i < mig.size() ? mig[i] : NAN,
                   i < rec.size() ? rec[i] : NAN, i < rep_.size() ? rep_[i] : NAN});
  }
  return out;
}

// One Gantt bar per fault over a shared time axis.
std::string gantt_svg(const std::vector<Fault>& faults, double end) {
  double t0 = INFINITY, t1 = -INFINITY;
  std::vector<std::vector<FaultPhase>> phases;
  for (const Fault& f : faults) {
    phases.push_back(fault_phases(f.start, f.detected, f.migrated, f.recovered, f.repaired, end));
    t0 = std::min(t0, f.start);
    for (const auto& p : phases.back()) t1 = std::max(t1, p.to);
  }
  if (!std::isfinite(t0)) return "";
  if (!(t1 > t0)) t1 = t0 + 60;
  const double pad = std::max(60.0, (t1 - t0) * 0.03);
  t0 -= pad;
  t1 += pad;
  const int label_w = 230, width = 1100, row_h = 26, top = 24;
  const int height = top + row_h * static_cast<int>(faults.size()) + 30;
  auto x = [&](double t) { return label_w + (t - t0) / (t1 - t0) * (width - label_w - 10); };
  std::ostringstream o;
  char buf[512];
  o << "<svg class=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << " " << height << "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  for (int k = 0; k <= 6; ++k) {  // time axis
    const double t = t0 + (t1 - t0) * k / 6;
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%d\" "
                  "text-anchor=\"middle\">%s</text>\n",
                  x(t), top - 4, x(t), height - 24, x(t), height - 10, hhmm(t).c_str());
    o << buf;
  }
  for (size_t i = 0; i < faults.size(); ++i) {
    const int y = top + row_h * static_cast<int>(i);
    o << "<text x=\"4\" y=\"" << y + 16 << "\">" << escape(faults[i].label.substr(0, 36)) << "</text>\n";
    for (const FaultPhase& p : phases[i]) {
      std::snprintf(buf, sizeof buf,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>", x(p.from), y + 4,
                    std::max(1.0, x(p.to) - x(p.from)), row_h - 8, phase_color(p.name));
      o << buf << escape(p.name + " " + format_datetime(static_cast<int64_t>(p.from)) + " .. " +
                         format_datetime(static_cast<int64_t>(p.to)) + " (" + format_duration(p.to - p.from) + ")")
        << "</title></rect>\n";
    }
  }
  int lx = label_w;  // legend
  for (const char* n : {"undetected", "migrating", "recovering", "awaiting repair"}) {
    std::snprintf(buf, sizeof buf, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"13\">%s</text>\n",
                  lx, phase_color(n), lx + 14, n);
    o << buf;
    lx += 130;
  }
  o << "</svg>\n";
  return o.str();
}

// Values of `ys` whose time `xs` lies in [from, to).
void window(const std::vector<double>& xs, const std::vector<double>& ys, double from, double to, svg::Series& s,
            double scale = 1) {
  for (size_t i = 0; i < xs.size() && i < ys.size(); ++i)
    if (xs[i] >= from && xs[i] < to) {
      s.x.push_back(xs[i]);
      s.y.push_back(ys[i] * scale);
    }
}

const char* const kColors[] = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string zoom_html(const H5Results& r, const std::string& rep, const Fault& f, double end) {
  const double from = f.start - kZoomMinutes * 60.0, to = f.start + kZoomMinutes * 60.0 + 60;
  svg::TimeChart rates, queue;
  rates.title = f.label + ": call success per minute, service level and abandonment per interval";
  rates.y_label = "%";
  rates.y_min = 0;
  rates.y_max = 1;
  rates.y_format = svg::YFormat::Percent;
  queue.title = f.label + ": calls waiting in queue (end of each minute)";
  queue.y_label = "calls";
  queue.y_min = 0;
  for (const FaultPhase& p : fault_phases(f.start, f.detected, f.migrated, f.recovered, f.repaired, end)) {
    if (p.to <= from || p.from >= to) continue;
    const svg::VSpan span{std::max(p.from, from), std::min(p.to, to), std::string(phase_color(p.name)) + "33", p.name};
    rates.spans.push_back(span);
    queue.spans.push_back(span);
  }
  rates.markers.push_back({f.start, "#d62728", "fault start"});
  queue.markers.push_back({f.start, "#d62728", "fault start"});
  size_t c = 0;
  for (const std::string& t : r.attr_strings("/", "tenants")) {
    const std::string tg = "/replications/" + rep + "/tenants/" + h5_safe_name(t);
    const auto mt = r.doubles(tg + "/minute/time");
    const std::string col = kColors[c++ % 6];
    svg::Series s{t + " success", col, {}, {}, false, false};
    window(mt, r.doubles(tg + "/minute/success_rate"), from, to, s);
    rates.series.push_back(s);
    svg::Series q{t + " queue", col, {}, {}, true, false};
    window(mt, r.doubles(tg + "/minute/queue_length"), from, to, q);
    queue.series.push_back(q);
    const auto it = r.doubles(tg + "/intervals/time");
    // Intervals overlapping the window, drawn as steps from their start (clipped to the window).
    const double step = it.size() > 1 ? it[1] - it[0] : 1800;
    svg::Series sl{t + " service level (interval)", col, {}, {}, true, true};
    svg::Series ab{t + " abandonment (interval)", col, {}, {}, true, true};
    const auto slv = r.doubles(tg + "/intervals/all_call_types/sl_answered");
    const auto abv = r.doubles(tg + "/intervals/all_call_types/abandonment_rate");
    for (size_t i = 0; i < it.size(); ++i) {
      if (it[i] + step <= from || it[i] >= to) continue;
      for (double x : {std::max(it[i], from), std::min(it[i] + step, to) - 1}) {
        sl.x.push_back(x);
        sl.y.push_back(i < slv.size() ? slv[i] : NAN);
        ab.x.push_back(x);
        ab.y.push_back(i < abv.size() ? abv[i] : NAN);
      }
    }
    rates.series.push_back(sl);
    rates.series.push_back(ab);
  }
  return svg::render(rates) + svg::render(queue);
}

}  // namespace

std::vector<FaultPhase> fault_phases(double start, double detected, double migrated, double recovered, double repaired,
                                     double end) {
  std::vector<FaultPhase> out;
  auto add = [&](const char* name, double a, double b) {
    if (std::isfinite(a) && std::isfinite(b) && b > a) out.push_back({name, a, b});
  };
  const double rec = std::isfinite(recovered) ? recovered : end;
  const double det = std::isfinite(detected) ? std::min(detected, rec) : rec;
  add("undetected", start, det);
  if (std::isfinite(migrated)) {
    add("migrating", det, std::min(migrated, rec));
    add("recovering", std::max(det, std::min(migrated, rec)), rec);
  } else {
    add("recovering", det, rec);
  }
  if (std::isfinite(repaired)) add("awaiting repair", rec, repaired);
  return out;
}

std::string drill_summary_html(const json& platform) {
  if (!platform.is_object() || !platform.contains("hypotheses") || !platform["hypotheses"].is_array() ||
      platform["hypotheses"].empty())
    return "";
  const json& hs = platform["hypotheses"];
  int held = 0;
  for (const json& h : hs) held += h.value("pass", false) ? 1 : 0;
  const bool pass = held == static_cast<int>(hs.size());
  std::ostringstream o;
  o << "<section class=\"drill-summary\" id=\"drill-summary\" style=\"border:2px solid "
    << (pass ? "#2ca02c" : "#d62728") << ";padding:0.5em 1em;margin:1em 0\">\n<p><b>Drill rehearsal: "
    << (pass ? "PASS" : "FAIL") << "</b> &mdash; " << held << " of " << hs.size()
    << " steady-state hypotheses held in every replication.</p>\n<ul>\n";
  for (const json& h : hs) {
    const json& w = h.contains("worst") && h["worst"].is_object() ? h["worst"] : json::object();
    o << "<li><b>" << (h.value("pass", false) ? "PASS" : "FAIL") << "</b> " << escape(h.value("name", "?")) << " ("
      << escape(h.value("metric", "") + " " + h.value("op", "") + " ") << h.value("value", 0.0) << ", "
      << escape(h.value("unit", "")) << "): passed " << h.value("passes", 0) << "/" << h.value("replications", 0)
      << " replications; " << escape(w.value("text", "")) << "</li>\n";
  }
  o << "</ul>\n</section>\n";
  return o.str();
}

std::string drill_timelines_html(const H5Results& r, const std::string& rep) {
  const std::vector<Fault> faults = faults_of(r, rep);
  if (faults.empty()) return "";
  const double end = static_cast<double>(r.attr_int("/", "horizon_end_epoch").value_or(0));
  std::ostringstream o;
  o << "<h3 id=\"drill-timeline\">Fault timeline (" << escape(rep) << ")</h3>\n"
    << "<p class=\"note\">Each bar: undetected (fault start to detection), migrating (detection to migration end), "
       "recovering (to calls served again), awaiting repair (to the repair). Below: "
    << kZoomMinutes << " minutes either side of each fault; success and queue per minute, service level and "
       "abandonment per statistics interval (the results keep them per interval).</p>\n"
    << gantt_svg(faults, end);
  for (const Fault& f : faults) o << zoom_html(r, rep, f, end);
  return o.str();
}

}  // namespace ccsim
