#pragma once
// The seats section of `ccsim run` as typed figures: per tenant with a seat pool, seats over time, the scaling
// actions and their delays, the seat-limited intervals (agents on the schedule kept offline for lack of a
// seat) and the seat cost per service month. output/seats_render.hpp renders it (docs/capacity.md "Seats in the
// run summary").
#include <optional>
#include <string>
#include <vector>

#include "core/service_month.hpp"
#include "scenario/scenario.hpp"
#include "seats/billing.hpp"
#include "seats/seat_cost.hpp"
#include "stats/confidence.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::run {

struct SeatLevels {  // sampled at each minute's end, per replication, then mean and 95% interval
  Estimate min, max, time_average, final, max_online;
};

struct SeatChangePoint {  // replication 0's timeline: the minute a new seat count is in force
  int minute = 0;
  double seats = 0;
};

struct PathDelays {  // delays of the scaling actions of one kind of path, over all replications
  ScalingPathKind kind = ScalingPathKind::SelfService;
  bool autoscale = false;
  int count = 0;
  double mean_delay_s = 0, max_delay_s = 0;
};

struct SeatLimitedInterval {
  int interval = 0;
  Estimate unseated_agents;  // mean agents kept offline over the interval
};

// Seat cost of the changes (all of them, and the autoscaler's alone) in currency units: the run's seat cost
// minus that of the same run without them, replication by replication.
struct ScalingCost {
  Estimate all_consumption, all_cash, autoscaler_consumption, autoscaler_cash;
};

struct SeatMonthCost {
  ServiceMonth month;
  Estimate seat_cost, seat_cash;  // currency units, consumption and cash views
  seats::MonthBill bill0;         // replication 0's whole bill
  int min_seats0 = 0, max_seats0 = 0;
};

struct SeatCost {
  billing::PriceList prices;
  billing::CashAnchors anchors;
  std::vector<SeatMonthCost> months;
  std::vector<billing::LicencePurchase> purchases0;  // replication 0
  ScalingCost scaling;
};

struct SeatsTenantSection {
  std::string tenant;
  int initial_seats = 0, admins = 0, self_service_limit = 0;
  std::string large_change;
  SeatLevels seats;
  std::vector<SeatChangePoint> timeline0;
  std::vector<ScalingAction> actions0;       // replication 0
  Estimate actions_per_replication;
  std::vector<PathDelays> delays;
  int intervals = 0;
  std::vector<SeatLimitedInterval> seat_limited;  // intervals with a positive mean only
  Estimate unseated_agent_hours;
  std::optional<SeatCost> cost;              // when the tenant has a price list
};

struct SeatsSection {
  int replications = 0;
  std::vector<SeatsTenantSection> tenants;
};

// Empty when no tenant has a seat pool (or there is no replication).
std::optional<SeatsSection> seats_section(const Scenario& sc, const std::vector<RepResult>& reps);

// The named steps of seats_section, one tenant each.
SeatLevels seat_levels(const std::vector<RepResult>& reps, size_t tenant);
std::vector<SeatChangePoint> seat_timeline(const RepResult& rep, size_t tenant);
std::vector<PathDelays> delays_by_path(const std::vector<RepResult>& reps, const std::string& tenant);
std::vector<SeatLimitedInterval> seat_limited_intervals(const Scenario& sc, const std::vector<RepResult>& reps, size_t tenant);
std::optional<SeatCost> seat_cost(const Scenario& sc, const std::vector<RepResult>& reps, size_t tenant);

}  // namespace ccsim::run
