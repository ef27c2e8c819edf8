#pragma once
// From a call log to model inputs: arrival rates per call type, day type and interval with the day-to-day
// busyness spread; service-time fits; patience from censored waits; IVR time and hang-ups; priority shares;
// effective staffing per interval inferred from agent activity. docs/calibration.md explains every estimate.
#include <map>
#include <string>
#include <vector>

#include "calibration/call_log.hpp"
#include "calibration/fit.hpp"

namespace ccsim::calibration {

struct CalibrateOptions {
  double interval = 1800;          // rate and staffing slot (s); divides a day
  std::string criterion = "aic";   // aic | bic: picks the service-time family
  double sl_threshold = 60;        // service-level threshold written to the scenario (s)
  int min_sample = 30;             // fewer served calls / abandonments: use the pooled fit of all call types
  double min_queue_time = 300;     // seconds of non-empty queue in a slot before "busy while waiting" is trusted
};

struct ServiceEstimate {
  std::vector<Fit> fits;  // exponential, lognormal, gamma, weibull
  size_t chosen = 0;
  int n = 0;
  double sample_mean = 0, sample_cv = 0;
  bool pooled = false;    // too few calls of this type: the fit of all types
  std::vector<double> sorted;  // the sample fitted (0 s as 0.5 s), sorted: empirical cdf of the report
};

struct PatienceEstimate {
  Fit exponential, lognormal;  // censored MLE
  std::string chosen;          // the family with the smaller AIC: feeds the scenario; "none" = no abandonment
  std::vector<KmStep> km;      // Kaplan-Meier on the same censored sample
  double km_median = -1;       // s, negative when S never falls to 1/2 within the observed waits
  int n = 0, events = 0;
  bool pooled = false;
  const Fit& chosen_fit() const { return chosen == "lognormal" ? lognormal : exponential; }
};

struct TypeCalibration {
  std::string name;
  int calls = 0, served = 0, abandoned = 0, zero_wait_abandoned = 0;
  std::map<int, int> priorities;                 // priority -> calls
  std::vector<std::vector<double>> rate;         // [day type][slot] calls per hour
  ServiceEstimate service;
  PatienceEstimate patience;
};

// Agent activity of one calendar day slot, swept from the log's queue and service intervals.
struct SlotActivity {
  double queue_time = 0;        // seconds with at least one caller waiting
  double busy_while_queue = 0;  // integral of agents in service while someone waits (agent-seconds)
  double busy = 0;              // integral of agents in service (agent-seconds)
  int peak_busy = 0;            // most agents in service at once
  int agents_seen = 0;          // distinct agents who started a call in the slot
  // Effective agents available (docs/calibration.md "Staffing"): the mean number in service while callers
  // waited when they waited long enough to tell; else (capacity did not bind) the agents seen in the slot.
  double effective(double min_queue_time) const;
};
// [day][slot] from `first_day` over `days` days.
std::vector<std::vector<SlotActivity>> agent_activity(const CallLog& log, int64_t first_day, int days,
                                                      double interval, double min_queue_time);

// Agents on duty per minute of the day for fractional mean effective agents per slot: a slot with mean 5.4
// gets 5 agents for the first 60% of it and 6 for the last 40% (to the minute), so a scenario keeps the mean
// capacity instead of losing up to half an agent to rounding.
std::vector<int> minute_staffing(const std::vector<double>& mean, double interval);
// The log's own effective staffing, day by day (not averaged), as an on-duty schedule: (seconds from
// first_day, agents) change points, the form of AgentPool::schedule. For back-tests with the real roster.
std::vector<std::pair<double, int>> log_schedule(const CallLog& log, int64_t first_day, int days, double interval,
                                                double min_queue_time);

struct Calibration {
  std::string log_file, mapping_file, mapping_name, criterion;
  int64_t first_day = 0;
  int days = 0;
  double interval = 1800, sl_threshold = 60, min_queue_time = 300;
  int slots = 48;
  std::vector<std::string> day_type_names;
  std::vector<std::vector<int>> day_type_weekdays;  // 0 = Monday
  std::vector<int> days_per_type;
  std::vector<TypeCalibration> types;
  std::vector<Fit> ivr_fits;
  size_t ivr_chosen = 0;
  double ivr_abandon = 0;        // share of callers who hung up before queueing (zero wait)
  double busyness_cv = 0;
  std::vector<std::vector<double>> staffing_mean;  // [day type][slot] mean effective agents over its days
  std::vector<std::vector<int>> staffing;          // rounded: written to the scenario
  int rows = 0, ignored = 0, skipped = 0, calls = 0, unknown_service = 0;
  std::vector<Diagnostic> skipped_rows;
};

// Day-to-day busyness cv: for each day type with two or more days, the sample variance of the daily totals
// minus their Poisson part (the mean), over the squared mean; pooled with weights (days - 1); 0 when negative.
double busyness_cv(const std::vector<int>& per_day, const std::vector<int>& day_type);

Calibration calibrate(const CallLog& log, const LogMapping& m, const CalibrateOptions& opt);
// A scenario YAML that `ccsim validate` accepts: one tenant, one agent group staffed by shifts per day type,
// one scenario call type per (log call type, day type). Horizon = the calibrated period.
std::string scenario_yaml(const Calibration& c);
std::string report_json(const Calibration& c);
// One row per fit (quantity, call type, family, parameters, log-likelihood, AIC, BIC, KS, chosen).
std::string report_csv(const Calibration& c);
// One self-contained HTML page: every fit against its empirical distribution (service: empirical cdf;
// patience: Kaplan-Meier), arrival rates and staffing per day type, as inline SVG.
std::string report_html(const Calibration& c);

}  // namespace ccsim::calibration
