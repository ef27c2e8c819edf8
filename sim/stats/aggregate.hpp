#pragma once
// Across replications: every KPI of stats/kpi.hpp, per tenant, call type, skill group and trunk group, overall
// (after warm-up) and per interval, as a mean with a 95% Student-t confidence interval.
//
// Ratios (service level, ASA, occupancy ...) are computed within each replication and the replication values
// averaged: replications are the independent observations, so the interval is honest about their spread. A
// replication in which a ratio is undefined (zero denominator) does not contribute to that figure; Estimate::n
// tells how many did.
//
// Beside that mean, every quotient KPI (ratio or mean duration, kpi.hpp is_quotient) also has its ratio-of-totals
// form: the counters of all replications summed, then the ratio taken once (Σ answered within T / Σ answered).
// It weights each replication by its volume, as a report over the pooled calls would; for counts and levels it
// is NaN (the mean is the figure).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/huge_pages.hpp"
#include "scenario/scenario.hpp"
#include "stats/confidence.hpp"
#include "stats/kpi.hpp"
#include "stats/rep_result.hpp"

namespace ccsim {

template <int N>
struct KpiSeries {
  std::array<Estimate, N> overall{};              // the rows of overall_span (after warm-up)
  // Per interval: arrays of a few hundred KB for a month of hours, from shared huge pages (core/huge_pages.hpp).
  HugeVector<std::array<Estimate, N>> intervals;  // one per statistics interval, warm-up ones included
  std::array<double, N> overall_totals{};           // ratio-of-totals form over the replications (NaN: none)
  HugeVector<std::array<double, N>> interval_totals;
};
using CtSeries = KpiSeries<CK_COUNT>;
using GrSeries = KpiSeries<GK_COUNT>;
using TrSeries = KpiSeries<TK_COUNT>;
using ObSeries = KpiSeries<OK_COUNT>;

struct TenantSummary {
  std::string name;
  std::vector<std::string> call_types, groups, trunks;
  std::vector<CtSeries> ct;   // per call type
  CtSeries all;               // all call types of the tenant together (counters summed, then KPIs)
  std::vector<GrSeries> gr;   // per group
  std::vector<TrSeries> tr;   // per trunk group
  std::vector<int> channels;  // per trunk group, from the scenario
  std::vector<std::string> campaigns;  // outbound campaigns (empty: inbound only)
  std::vector<ObSeries> ob;   // per campaign
};

struct RunTotals {
  int replications = 0;           // replications aggregated
  int complete_replications = 0;  // of which ran to the end of the horizon (others were interrupted)
  uint64_t calls = 0;             // sum over replications
  uint64_t events = 0;
  double sim_seconds = 0;         // simulated seconds per replication (max over replications)
  double wall_seconds = 0;        // sum of the replications' own wall times (CPU-side effort)
  double calls_per_second = 0;    // calls / wall_seconds: simulation speed of one worker
  double events_per_second = 0;
  double elapsed_seconds = 0;     // wall time of the whole run as the caller measured it (0 = not set)
};

struct Summary {
  int intervals = 0;           // statistics intervals per replication
  int first_counted = 0;       // first interval in overall figures (after warm-up)
  std::vector<TenantSummary> tenants;
  RunTotals run;
};

// Aggregates replications of `sc`. Throws std::invalid_argument when the results do not fit the scenario or
// each other (tenant/entity counts, interval counts, trunk names): that is a program error, not user input.
Summary aggregate(const Scenario& sc, const std::vector<RepResult>& reps);

// Mean and 95% interval of samples, NaN samples (undefined ratios) left out.
Estimate estimate_defined(const std::vector<double>& samples);
// Sum of equally shaped counter tables (replications of one entity).
CounterTable sum_replications(const std::vector<const CounterTable*>& tables);

}  // namespace ccsim
