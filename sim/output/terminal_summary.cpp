#include "output/terminal_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "core/format.hpp"
#include "core/time.hpp"
#include "stats/estimate_format.hpp"

namespace ccsim {

namespace {

const char* const kPlusMinus = "\xC2\xB1";  // ±

// A table: the first column left-aligned (names), the others right-aligned; one space between columns.
struct Table {
  std::vector<int> widths;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string render(const std::string& indent) const {
    std::ostringstream out;
    auto line = [&](const std::vector<std::string>& cells) {
      std::string l = indent;
      for (size_t i = 0; i < widths.size(); ++i) {
        if (i > 0) l += ' ';
        l += i == 0 ? pad_right(cells[i], widths[i]) : pad_left(cells[i], figure_width(i));
      }
      while (!l.empty() && l.back() == ' ') l.pop_back();
      out << l << '\n';
    };
    line(header);
    for (const auto& r : rows) line(r);
    return out.str();
  }
  // Figures are never cut: a figure column widens to its widest cell (names in column 0 are clipped instead).
  int figure_width(size_t i) const {
    int w = widths[i];
    for (const auto& r : rows) w = std::max(w, display_width(r[i]));
    return std::max(w, display_width(header[i]));
  }
};

std::string si(double v) {
  if (v >= 1e9) return printf_str("%.2fG", v / 1e9);
  if (v >= 1e6) return printf_str("%.2fM", v / 1e6);
  if (v >= 1e4) return printf_str("%.1fk", v / 1e3);
  return printf_str("%.0f", v);
}

// A count in `width` columns: with thousands separators when it fits, else in SI units (10,012,950 in 9
// columns is "10.01M"), never cut.
std::string count_cell(const Estimate& e, int width) {
  if (std::isnan(e.mean)) return "-";
  const std::string full = format_count(e.mean);
  return display_width(full) <= width || e.mean < 0 ? full : si(e.mean);
}

std::string header(const Scenario& sc, const Summary& s) {
  const Horizon& h = sc.horizon;
  std::ostringstream out;
  out << clip("Scenario " + (sc.name.empty() ? std::string("(unnamed)") : sc.name) +
                  (sc.file.empty() ? "" : "  (" + sc.file + ")"),
              kTerminalWidth)
      << '\n';
  std::string line = "Horizon " + format_datetime(h.start) + " + " + format_duration(h.length) + ", interval " +
                     format_duration(h.interval);
  if (h.warmup > 0) line += ", warm-up " + format_duration(h.warmup);
  line += "; seed " + std::to_string(sc.seed) + "; " + std::to_string(s.run.replications) + " replication" +
          (s.run.replications == 1 ? "" : "s");
  if (s.run.complete_replications != s.run.replications)
    line += " (" + std::to_string(s.run.replications - s.run.complete_replications) + " INCOMPLETE)";
  out << clip(line, kTerminalWidth) << '\n';
  out << "Means over replications; " << kPlusMinus
      << " = half-width of the 95% confidence interval (percentage points for %).\n";
  return out.str();
}

double sl_threshold_of(const Scenario& sc, size_t tenant, const std::string& ct) {
  if (tenant < sc.tenants.size())
    for (const auto& c : sc.tenants[tenant].call_types)
      if (c.name == ct) return c.sl_threshold;
  return std::nan("");
}

std::string call_type_table(const Scenario& sc, size_t ti, const TenantSummary& t) {
  // 2 + 17 + 9 + 9 + 5 + 14 + 13 + 13 + 11 + 7 spaces = 100 columns.
  Table tb;
  tb.widths = {17, 9, 9, 5, 14, 13, 13, 11};
  tb.header = {"Call type", "Offered", "Answered", "T", "Service level", "ASA", "Abandoned", "Blocked"};
  auto row = [&](const std::string& name, const CtSeries& s, double threshold) {
    const auto& o = s.overall;
    tb.rows.push_back({name, count_cell(o[CK_OFFERED], 9), count_cell(o[CK_ANSWERED], 9),
                       std::isnan(threshold) ? "" : fixed(threshold, 0) + "s", format_percent(o[CK_SL_ANSWERED]),
                       format_seconds(o[CK_ASA]), format_percent(o[CK_ABANDONMENT_RATE]),
                       format_percent(o[CK_BLOCKING_RATE])});
  };
  for (size_t c = 0; c < t.ct.size(); ++c) row(t.call_types[c], t.ct[c], sl_threshold_of(sc, ti, t.call_types[c]));
  if (t.ct.size() > 1) row("(all)", t.all, std::nan(""));
  return tb.render("  ");
}

// Figures planners compare with other tools (docs/output-format.md): each call type gets a row of replication
// means (with intervals) and a row of the ratio-of-totals form, so both readings stand side by side.
std::string planner_table(const TenantSummary& t) {
  Table tb;
  tb.widths = {17, 14, 14, 14, 14, 14};
  tb.header = {"Planner view", "P(wait)", "SL all offered", "Aband. offered", "Abandon time", "Aband. queued"};
  auto rows = [&](const std::string& name, const CtSeries& s) {
    const auto& o = s.overall;
    tb.rows.push_back({name, format_percent(o[CK_P_WAIT]), format_percent(o[CK_SL_ALL_OFFERED]),
                       format_percent(o[CK_ABANDONMENT_OFFERED]), format_seconds(o[CK_ABANDON_WAIT]),
                       format_percent(o[CK_ABANDONMENT_RATE])});
    const auto tot = [&](int k) { return Estimate{s.overall_totals[static_cast<size_t>(k)], 0, 0, 1}; };
    tb.rows.push_back({"  ratio of totals", format_percent(tot(CK_P_WAIT)), format_percent(tot(CK_SL_ALL_OFFERED)),
                       format_percent(tot(CK_ABANDONMENT_OFFERED)), format_seconds(tot(CK_ABANDON_WAIT)),
                       format_percent(tot(CK_ABANDONMENT_RATE))});
  };
  for (size_t c = 0; c < t.ct.size(); ++c) rows(t.call_types[c], t.ct[c]);
  if (t.ct.size() > 1) rows("(all)", t.all);
  return tb.render("  ");
}

std::string group_table(const TenantSummary& t) {
  Table tb;
  tb.widths = {17, 11, 13, 11, 10, 9, 9, 11};  // 100 columns; "0.00 ±0.00" needs 10
  tb.header = {"Group", "Agents", "Occupancy", "Mean queue", "Max queue", "Offers", "Answered", "Abandoned"};
  for (size_t g = 0; g < t.gr.size(); ++g) {
    const auto& o = t.gr[g].overall;
    tb.rows.push_back({t.groups[g], format_level(o[GK_STAFFED_AGENTS]), format_percent(o[GK_OCCUPANCY]),
                       format_level(o[GK_MEAN_QUEUE]), format_level(o[GK_MAX_QUEUE]), count_cell(o[GK_QUEUED], 9),
                       count_cell(o[GK_ANSWERED], 9), format_percent(o[GK_ABANDONMENT_RATE])});
  }
  return tb.render("  ");
}

std::string trunk_table(const TenantSummary& t) {
  Table tb;
  tb.widths = {17, 8, 14, 14, 12, 12};
  tb.header = {"Trunk group", "Channels", "Occupancy", "Blocking", "Mean busy", "Max busy"};
  for (size_t k = 0; k < t.tr.size(); ++k) {
    const auto& o = t.tr[k].overall;
    tb.rows.push_back({t.trunks[k], k < t.channels.size() ? std::to_string(t.channels[k]) : "",
                       format_percent(o[TK_OCCUPANCY]), format_percent(o[TK_BLOCKING]),
                       format_level(o[TK_MEAN_BUSY]), format_level(o[TK_MAX_BUSY])});
  }
  return tb.render("  ");
}

std::string campaign_table(const Scenario& sc, size_t tenant, const TenantSummary& t) {
  Table tb;
  tb.widths = {17, 9, 9, 9, 9, 14, 7, 10, 10};
  tb.header = {"Campaign", "Dials", "Connects", "Right p.", "Abandoned", "Abandon rate", "Limit", "Agents", "Lines"};
  for (size_t k = 0; k < t.ob.size(); ++k) {
    const auto& o = t.ob[k].overall;
    const double limit = sc.tenants[tenant].campaigns.at(k).dialer.abandon_limit;
    tb.rows.push_back({t.campaigns[k], count_cell(o[OK_DIALS], 9), count_cell(o[OK_CONNECTS], 9),
                       count_cell(o[OK_RIGHT_PARTY], 9), count_cell(o[OK_ABANDONED], 9),
                       format_percent(o[OK_ABANDON_RATE]), fixed(100 * limit, 1) + "%",
                       format_level(o[OK_OUTBOUND_AGENTS]), format_level(o[OK_MEAN_LINES])});
  }
  return tb.render("  ");
}

std::string run_line(const RunTotals& r) {
  std::string l = "Run: " + si(static_cast<double>(r.calls)) + " calls, " + si(static_cast<double>(r.events)) +
                  " events; " + format_duration(r.wall_seconds) + " of worker time";
  if (r.calls_per_second > 0) l += " (" + si(r.calls_per_second) + " calls/s)";
  if (r.elapsed_seconds > 0) l += ", " + format_duration(r.elapsed_seconds) + " elapsed";
  return clip(l, kTerminalWidth) + "\n";
}

}  // namespace

std::string format_summary(const Scenario& sc, const Summary& s) {
  std::ostringstream out;
  out << header(sc, s);
  for (size_t i = 0; i < s.tenants.size(); ++i) {
    const TenantSummary& t = s.tenants[i];
    out << '\n' << clip("Tenant " + t.name, kTerminalWidth) << '\n';
    if (!t.ct.empty()) out << call_type_table(sc, i, t) << planner_table(t);
    if (!t.gr.empty()) out << group_table(t);
    if (!t.tr.empty()) out << trunk_table(t);
    if (!t.ob.empty())
      out << campaign_table(sc, i, t)
          << "  Outbound: abandon rate = abandoned / connects (or / answered: dialer.abandon_base) vs the limit;\n"
             "  Agents = mean agents on outbound work; Lines = mean lines dialing.\n";
    // Only shown when it happened: callers disconnected at a close (at_close: cut) or at the drain limit.
    if (t.all.overall[CK_CUT_AT_CLOSE].mean > 0)
      out << clip("  Cut at close: " + format_count(t.all.overall[CK_CUT_AT_CLOSE].mean) +
                      " waiting callers per replication disconnected when the center closed",
                  kTerminalWidth)
          << '\n';
  }
  out << "\nSL = answered within T / answered; Abandoned = abandoned / queued; Blocked = by trunks / offered.\n";
  out << "Planner view: P(wait) = answered after a wait / answered; offered = queued + blocked (queue, trunk);\n"
         "  Abandon time = mean wait of abandoned calls. Rows: replication means, then 'ratio of totals'\n"
         "  (counters summed over replications, divided once).\n";
  out << "Group: Offers = every offer, immediate answers included; Abandoned = abandoned / offers.\n";
  out << run_line(s.run);
  return out.str();
}

}  // namespace ccsim
