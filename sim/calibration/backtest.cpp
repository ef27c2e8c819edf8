#include "calibration/backtest.hpp"

#include "core/format.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/time.hpp"
#include "stats/counters.hpp"

namespace ccsim::calibration {

const char* const kFigureNames[kFigures] = {"offered", "abandonment", "mean_wait", "within_T", "occupancy"};

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Adds `amount` per second of [t0, t1) to the grid slots the span covers.
void spread(SumsGrid& g, double t0, double t1, double first, double interval, double FigureSums::*field) {
  const double end = first + g.size() * kDay;
  const int slots = g.empty() ? 0 : static_cast<int>(g[0].size());
  t0 = std::max(t0, first), t1 = std::min(t1, end);
  while (t0 < t1) {
    const long k = static_cast<long>((t0 - first) / interval);
    const double e = std::min(t1, first + (k + 1) * interval);
    g[static_cast<size_t>(k / slots)][static_cast<size_t>(k % slots)].*field += e - t0;
    t0 = e;
  }
}
}  // namespace

FigureSums& FigureSums::operator+=(const FigureSums& o) {
  offered += o.offered, answered += o.answered, abandoned += o.abandoned, wait_sum += o.wait_sum;
  within += o.within, busy += o.busy, staffed += o.staffed;
  return *this;
}

std::array<double, kFigures> FigureSums::figures() const {
  const double reached = answered + abandoned;
  return {offered, reached > 0 ? abandoned / reached : kNaN, answered > 0 ? wait_sum / answered : kNaN,
          answered > 0 ? within / answered : kNaN, staffed > 0 ? busy / staffed : kNaN};
}

SumsGrid observed_sums(const CallLog& log, int64_t first_day, int days, double interval, double threshold) {
  const int slots = static_cast<int>(std::lround(kDay / interval));
  SumsGrid g(static_cast<size_t>(days), std::vector<FigureSums>(static_cast<size_t>(slots)));
  for (const auto& c : log.calls) {
    const int64_t off = c.arrival - first_day;
    if (off < 0 || off >= days * 86400LL) continue;
    FigureSums& s = g[static_cast<size_t>(off / 86400)][static_cast<size_t>((off % 86400) / interval)];
    s.offered += 1;
    if (c.outcome == LogOutcome::Served) {
      s.answered += 1, s.wait_sum += c.wait;
      if (c.wait <= threshold) s.within += 1;
      if (c.service > 0)
        spread(g, c.service_start, c.service_start + c.service, static_cast<double>(first_day), interval,
             &FigureSums::busy);
    } else {
      s.abandoned += 1;
    }
  }
  return g;
}

SumsGrid simulated_sums(const RepResult& rep, int days, int slots) {
  SumsGrid g(static_cast<size_t>(days), std::vector<FigureSums>(static_cast<size_t>(slots)));
  auto cell = [&](int row) -> FigureSums* {
    if (row < 0 || row >= days * slots) return nullptr;
    return &g[static_cast<size_t>(row / slots)][static_cast<size_t>(row % slots)];
  };
  for (const auto& t : rep.tenants) {
    for (const auto& ct : t.ct)
      for (int r = 0; r < ct.rows; ++r) {
        FigureSums* s = cell(r);
        if (!s) continue;
        s->offered += ct.at(r, CT_OFFERED) - ct.at(r, CT_RETRIALS);
        s->answered += ct.at(r, CT_ANSWERED);
        s->abandoned += ct.at(r, CT_ABANDONED) + ct.at(r, CT_IVR_ABANDON);
        s->wait_sum += ct.at(r, CT_WAIT_SUM);
        s->within += ct.at(r, CT_ANSWERED_WITHIN_T);
      }
    for (const auto& gr : t.gr)
      for (int r = 0; r < gr.rows; ++r) {
        FigureSums* s = cell(r);
        if (!s) continue;
        s->busy += gr.at(r, GR_BUSY_TIME);
        s->staffed += gr.at(r, GR_STAFFED_TIME);
      }
  }
  return g;
}

namespace {

BacktestRow make_row(const std::string& label, const FigureSums& obs, const std::vector<FigureSums>& sim) {
  BacktestRow row;
  row.label = label;
  row.observed = obs.figures();
  for (int f = 0; f < kFigures; ++f) {
    std::vector<double> xs;
    for (const auto& s : sim) {
      const double v = s.figures()[f];
      if (!std::isnan(v)) xs.push_back(v);
    }
    row.simulated[f] = xs.empty() ? Estimate{kNaN, kNaN, kNaN, 0} : mean_ci(xs);
    const double o = row.observed[f];
    row.error[f] = (o > 0 && !xs.empty()) ? (row.simulated[f].mean - o) / o : kNaN;
  }
  return row;
}

std::array<double, kFigures> mape(const std::vector<BacktestRow>& rows) {
  std::array<double, kFigures> m{};
  for (int f = 0; f < kFigures; ++f) {
    double sum = 0;
    int n = 0;
    for (const auto& r : rows)
      if (!std::isnan(r.error[f])) sum += std::fabs(r.error[f]), ++n;
    m[f] = n ? sum / n : kNaN;
  }
  return m;
}

std::string fmt(double v, const char* f) { return std::isnan(v) ? "-" : printf_str(f, v); }

const char* kFmt[kFigures] = {"%.0f", "%.1f%%", "%.1f", "%.1f%%", "%.1f%%"};
double scale(int f) { return f == 1 || f == 3 || f == 4 ? 100 : 1; }

}  // namespace

Backtest compare(SumsGrid observed, const std::vector<SumsGrid>& sim, int64_t first_day, double interval,
                 double threshold) {
  Backtest b;
  b.threshold = threshold;
  b.replications = static_cast<int>(sim.size());
  const size_t days = observed.size(), slots = days ? observed[0].size() : 0;
  // The log has no staffed time of its own: take the scenario's (identical in every replication).
  for (size_t d = 0; d < days; ++d)
    for (size_t s = 0; s < slots; ++s) observed[d][s].staffed = sim.empty() ? 0 : sim[0][d][s].staffed;
  FigureSums obs_total;
  std::vector<FigureSums> sim_total(sim.size());
  for (size_t d = 0; d < days; ++d) {
    const std::string date = format_date(date_of_epoch(first_day + static_cast<int64_t>(d) * 86400));
    FigureSums obs_day;
    std::vector<FigureSums> sim_day(sim.size());
    for (size_t s = 0; s < slots; ++s) {
      obs_day += observed[d][s];
      std::vector<FigureSums> cells;
      for (size_t r = 0; r < sim.size(); ++r) sim_day[r] += sim[r][d][s], cells.push_back(sim[r][d][s]);
      if (observed[d][s].offered >= b.min_interval_calls) {
        const int m = static_cast<int>(std::lround(s * interval / 60));
        char hm[16];
        std::snprintf(hm, sizeof hm, "%02d:%02d", m / 60, m % 60);
        b.intervals.push_back(make_row(date + "T" + hm, observed[d][s], cells));
      }
    }
    obs_total += obs_day;
    for (size_t r = 0; r < sim.size(); ++r) sim_total[r] += sim_day[r];
    b.days.push_back(make_row(date, obs_day, sim_day));
  }
  b.total.push_back(make_row("total", obs_total, sim_total));
  b.mape_days = mape(b.days);
  b.mape_intervals = mape(b.intervals);
  return b;
}

std::string backtest_text(const Backtest& b) {
  std::ostringstream o;
  o << "Back-test: observed (log) vs simulated (mean [95% CI] over " << b.replications
    << " replications), error = (sim - obs) / obs\n"
    << "  abandonment = abandoned / (answered + abandoned), hang-ups before queueing included; within_T = "
       "answered with wait <= "
    << b.threshold << " s; occupancy over the scenario's staffed time\n";
  for (int f = 0; f < kFigures; ++f) {
    o << "\n" << kFigureNames[f] << ":\n";
    char line[200];
    std::snprintf(line, sizeof line, "  %-12s %10s %24s %8s\n", "day", "observed", "simulated [95% CI]", "error");
    o << line;
    auto print = [&](const BacktestRow& r) {
      const double k = scale(f);
      const std::string sim = fmt(r.simulated[f].mean * k, kFmt[f]) + " [" + fmt(r.simulated[f].lo * k, kFmt[f]) +
                              ", " + fmt(r.simulated[f].hi * k, kFmt[f]) + "]";
      std::snprintf(line, sizeof line, "  %-12s %10s %24s %8s\n", r.label.c_str(),
                    fmt(r.observed[f] * k, kFmt[f]).c_str(), sim.c_str(), fmt(r.error[f] * 100, "%+.1f%%").c_str());
      o << line;
    };
    for (const auto& r : b.days) print(r);
    for (const auto& r : b.total) print(r);
    o << "  MAPE per day " << fmt(b.mape_days[f] * 100, "%.1f%%") << ", per interval (>= " << b.min_interval_calls
      << " calls, " << b.intervals.size() << " intervals) " << fmt(b.mape_intervals[f] * 100, "%.1f%%") << "\n";
  }
  return o.str();
}

std::string backtest_json(const Backtest& b) {
  auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
  auto rows = [&](const std::vector<BacktestRow>& rs) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& r : rs) {
      nlohmann::json j = {{"label", r.label}};
      for (int f = 0; f < kFigures; ++f)
        j[kFigureNames[f]] = {{"observed", num(r.observed[f])}, {"simulated", num(r.simulated[f].mean)},
                              {"ci95", {num(r.simulated[f].lo), num(r.simulated[f].hi)}}, {"error", num(r.error[f])}};
      a.push_back(j);
    }
    return a;
  };
  nlohmann::json j;
  j["readings"] = {
      {"offered", "calls reaching the center (log: served + abandoned; ignored outcomes excluded)"},
      {"abandonment", "abandoned / (answered + abandoned); hang-ups before queueing (zero wait) included"},
      {"mean_wait", "mean queue wait of answered calls (s)"},
      {"within_T", "answered with wait <= T / answered"},
      {"occupancy", "agent busy time / staffed agent time of the scenario (log busy = service time of served calls)"},
      {"error", "(simulated mean - observed) / observed"},
      {"mape", "mean over days (intervals) of |error|"}};
  j["threshold_s"] = b.threshold;
  j["replications"] = b.replications;
  j["min_interval_calls"] = b.min_interval_calls;
  for (int f = 0; f < kFigures; ++f) {
    j["mape"]["per_day"][kFigureNames[f]] = num(b.mape_days[f]);
    j["mape"]["per_interval"][kFigureNames[f]] = num(b.mape_intervals[f]);
  }
  j["total"] = rows(b.total)[0];
  j["days"] = rows(b.days);
  j["intervals"] = rows(b.intervals);
  return j.dump(2) + "\n";
}

}  // namespace ccsim::calibration
