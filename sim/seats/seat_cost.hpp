#pragma once
// Seat cost: the purchased-seat timeline of a run priced by the tenant's price list (seats/billing.hpp, owned
// by the SLA engine) per service month. A licence is effective from its purchase day (the day a change takes
// effect is billed at the larger count of that day), so a scale-out for a few hours costs whole days of seats.
// The SLA engine's Monthly Service Fee includes this amount; it is also reported by the seats section.
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"
#include "seats/billing.hpp"
#include "core/service_month.hpp"
#include "stats/counters.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::seats {

// Splits a purchased total into standard and advanced seats: changes resize the standard seats, advanced
// seats stay as purchased (a total below the advanced count keeps only advanced seats).
billing::SeatLevel split_level(const SeatSpec& s, int64_t from, int total);

// Timeline from the initial count and the effective steps of `actions` (any tenants; only `tenant`'s used),
// epoch seconds. Steps effective after `until` (epoch) are left out.
std::vector<billing::SeatLevel> seat_levels_from_actions(const Scenario& sc, const Tenant& tenant,
                                                         const std::vector<ScalingAction>& actions);
// Timeline from the per-minute MIN_SEATS samples of a replication (sample m covers minute m).
std::vector<billing::SeatLevel> seat_levels_from_minutes(const Scenario& sc, const Tenant& tenant,
                                                         const SampleTable& minute);

// The tenant's service months: its SLA service term when a contract is bound, else the calendar months of
// the horizon (partial at either end).
std::vector<ServiceMonth> tenant_service_months(const Scenario& sc, const Tenant& tenant);

struct MonthSeatCost {
  ServiceMonth month;
  int64_t seats_cents = 0;  // seat licences of the month, by the price list
  int min_seats = 0, max_seats = 0;  // purchased seats in force during the month
};

// Seat cost per service month for a seat timeline.
std::vector<MonthSeatCost> seat_cost_by_month(const billing::PriceList& prices,
                                              const std::vector<billing::SeatLevel>& levels,
                                              const std::vector<ServiceMonth>& months);

// ---- Bills: the consumption view (fees pro-rated by day, the SLA's Monthly Service Fee) beside the cash view
// (licences bought for their validity period, rent per 30-day cycle; seats/billing.hpp).

// Payment anchors of a tenant: its billing keys licences_paid_from / rent_paid_from (default: horizon start).
billing::CashAnchors cash_anchors(const Scenario& sc, const Tenant& tenant);

// Seats and numbers of a tenant for a seat timeline (numbers held from the service start).
billing::Usage tenant_usage(const Tenant& tenant, std::vector<billing::SeatLevel> seats);

struct MonthBill {
  ServiceMonth month;
  billing::Fee consumption;
  billing::CashBill cash;
};

// Both views per service month; billed_minutes[k] = started call minutes of month k (empty: none).
std::vector<MonthBill> bills_by_month(const billing::PriceList& prices, const billing::Usage& usage,
                                      const std::vector<int64_t>& billed_minutes, const billing::CashAnchors& anchors,
                                      const std::vector<ServiceMonth>& months);

// The tenant's actions without the autoscaler's (path "autoscale ..."): the plan as scheduled.
std::vector<ScalingAction> without_autoscale(const std::vector<ScalingAction>& actions);

}  // namespace ccsim::seats
