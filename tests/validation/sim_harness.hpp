#pragma once
// Shared plumbing of the simulation validation tests: build small steady-state scenarios in code, run
// independent replications on the in-memory scheduler, sum each replication's counters over its steady-state
// intervals, and compare a per-replication estimate with an exact value under a CI-derived tolerance.
//
// Statistical method: every replication is an independent long run (own RNG streams, same base seed); the
// first interval(s) are discarded as warm-up (the model starts empty) and the last one too (calls that
// arrive there may still be in progress when the horizon ends, and calls are counted in the interval of
// their arrival). One figure per replication (a ratio of sums over the kept intervals), then a Student-t 95%
// interval across replications. Replications are independent, so the interval is honest even for the
// heavily autocorrelated waits of a loaded queue; the ratio estimator's bias is O(1/calls per replication).
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenario/scenario.hpp"
#include "stats/confidence.hpp"
#include "stats/counters.hpp"

namespace ccsim::validation {

// ---------------------------------------------------------------- scenario building
// One tenant, flat Poisson traffic, 1-hour statistics intervals, no IVR, no platform.
Scenario steady_scenario(double hours, uint64_t seed);
Tenant& only_tenant(Scenario& sc);
int add_group(Tenant& t, const std::string& name, int queue_capacity = -1);
// A pool of `agents` on duty for the whole horizon with these skills (group indices, preference order).
int add_pool(Tenant& t, const std::string& name, const std::vector<int>& skills, int agents);
int add_trunk(Tenant& t, const std::string& name, int channels);
// A call type routed to `groups` (all offered at arrival: after = 0), infinitely patient unless set.
CallType& add_call_type(Tenant& t, const std::string& name, double rate_per_hour, const Distribution& handle,
                        const std::vector<int>& groups);

// ---------------------------------------------------------------- running
// Counter totals of one replication over its kept (steady-state) intervals (*_MAX fields: the maximum).
struct RepTotals {
  std::vector<std::array<double, CT_NFIELDS>> ct;  // per call type
  std::vector<std::array<double, GR_NFIELDS>> gr;  // per group
  std::vector<std::array<double, TR_NFIELDS>> tr;  // per trunk group
  double kept_seconds = 0;                          // length of the kept intervals
  // The same counters summed over every interval, for consistency checks between counter families.
  std::vector<std::array<double, CT_NFIELDS>> ct_whole;
  std::vector<std::array<double, TR_NFIELDS>> tr_whole;
  uint64_t calls = 0;                               // call attempts of the whole replication
};

struct RunPlan {
  int replications = 20;
  int warmup_intervals = 1;  // discarded at the start
  int tail_intervals = 1;    // discarded at the end
};

// Runs replications 0..R-1 of `sc` with simulate_with_heap.
std::vector<RepTotals> run_replications(const Scenario& sc, const RunPlan& plan);

// One figure per replication, then its mean and 95% Student-t interval.
Estimate across(const std::vector<RepTotals>& reps, const std::function<double(const RepTotals&)>& figure);

// ---------------------------------------------------------------- comparing
// The tolerance rule of the whole suite: |estimate - exact| <= max(kCiFactor x half-width, floor), and the
// half-width itself <= max_half_width so that a noisy run cannot pass by having a huge interval. kCiFactor
// = 2 keeps the suite deterministic-and-robust (fixed seeds; a correct model would fail one comparison with
// probability ~1e-3 if the streams changed) while a bias of a few half-widths is still caught.
constexpr double kCiFactor = 2.0;

::testing::AssertionResult agrees_with_exact(const std::string& what, const Estimate& sim, double exact,
                                             double max_half_width, double floor = 0.0);

}  // namespace ccsim::validation
