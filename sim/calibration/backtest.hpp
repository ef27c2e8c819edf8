#pragma once
// Back-test: what a log observed per day and interval against what the simulation of the same period gives,
// figure by figure, with 95% intervals over replications and the mean absolute percentage error (MAPE).
// Figures and their readings (docs/calibration.md "Back-test"):
//   offered      calls that reached the center (the log's served + abandoned; ignored outcomes excluded)
//   abandonment  abandoned / (answered + abandoned), hang-ups before queueing included
//   mean_wait    mean queue wait of answered calls (s)
//   within_T     answered with wait <= T / answered
//   occupancy    agent busy time / staffed agent time; the log's busy time is the service time of its served
//                calls, over the staffed time of the scenario (the same denominator as the simulation)
#include <array>
#include <string>
#include <vector>

#include "calibration/call_log.hpp"
#include "stats/confidence.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::calibration {

constexpr int kFigures = 5;
extern const char* const kFigureNames[kFigures];

// Sums from which the figures are computed, so days and intervals aggregate exactly.
struct FigureSums {
  double offered = 0, answered = 0, abandoned = 0, wait_sum = 0, within = 0, busy = 0, staffed = 0;
  FigureSums& operator+=(const FigureSums& o);
  // The five figures; NaN where undefined (no answered calls, no staffed time).
  std::array<double, kFigures> figures() const;
};

using SumsGrid = std::vector<std::vector<FigureSums>>;  // [day][slot]

// The log's sums per day and slot from `first_day` (calls by arrival slot; busy time where it passes).
SumsGrid observed_sums(const CallLog& log, int64_t first_day, int days, double interval, double threshold);
// One replication's sums (every call type and group of every tenant); `days` whole days of `slots` intervals.
SumsGrid simulated_sums(const RepResult& rep, int days, int slots);

struct BacktestRow {
  std::string label;                          // date, or date + time of the interval
  std::array<double, kFigures> observed{};
  std::array<Estimate, kFigures> simulated{};
  std::array<double, kFigures> error{};       // (simulated mean - observed) / observed; NaN when undefined
};

struct Backtest {
  double threshold = 60;
  int replications = 0;
  std::vector<BacktestRow> days, intervals, total;  // total: one row over the whole period
  std::array<double, kFigures> mape_days{}, mape_intervals{};
  int min_interval_calls = 20;  // intervals with fewer observed calls are left out of the interval MAPE
};

// `sim` holds one grid per replication; observed staffed time is taken from the first replication's.
Backtest compare(SumsGrid observed, const std::vector<SumsGrid>& sim, int64_t first_day, double interval,
                 double threshold);
std::string backtest_text(const Backtest& b);
std::string backtest_json(const Backtest& b);

}  // namespace ccsim::calibration
