#include "seats/seat_cost.hpp"

#include <algorithm>
#include <climits>

#include "seats/seat_controller.hpp"

namespace ccsim::seats {

billing::SeatLevel split_level(const SeatSpec& s, int64_t from, int total) {
  billing::SeatLevel l;
  l.from = from;
  l.advanced = std::min(s.advanced, std::max(0, total));
  l.standard = std::max(0, total - l.advanced);
  return l;
}

namespace {
void push_level(std::vector<billing::SeatLevel>& v, const billing::SeatLevel& l) {
  if (!v.empty() && v.back().from == l.from) {
    v.back() = l;  // several steps at the same second: the last one is in force
    return;
  }
  if (!v.empty() && v.back().standard == l.standard && v.back().advanced == l.advanced) return;
  v.push_back(l);
}
}  // namespace

std::vector<billing::SeatLevel> seat_levels_from_actions(const Scenario& sc, const Tenant& tenant,
                                                         const std::vector<ScalingAction>& actions) {
  std::vector<const ScalingAction*> mine;
  for (const auto& a : actions)
    if (a.tenant == tenant.name && a.effective < sc.horizon.length) mine.push_back(&a);
  std::stable_sort(mine.begin(), mine.end(),
                   [](const ScalingAction* a, const ScalingAction* b) { return a->effective < b->effective; });
  std::vector<billing::SeatLevel> v;
  push_level(v, split_level(tenant.seats, sc.horizon.start, initial_seats(tenant.seats)));
  for (const ScalingAction* a : mine)
    push_level(v, split_level(tenant.seats, sc.horizon.start + static_cast<int64_t>(a->effective), a->to_seats));
  return v;
}

std::vector<billing::SeatLevel> seat_levels_from_minutes(const Scenario& sc, const Tenant& tenant,
                                                         const SampleTable& minute) {
  std::vector<billing::SeatLevel> v;
  for (int m = 0; m < minute.rows; ++m)
    push_level(v, split_level(tenant.seats, sc.horizon.start + 60LL * m, static_cast<int>(minute.at(m, MIN_SEATS))));
  return v;
}

std::vector<ServiceMonth> tenant_service_months(const Scenario& sc, const Tenant& tenant) {
  if (!tenant.sla.contract_file.empty() && tenant.sla.service_end > tenant.sla.service_start)
    return service_months(tenant.sla.service_start, tenant.sla.service_end);
  return service_months(sc.horizon.start, sc.horizon.start + static_cast<int64_t>(sc.horizon.length));
}

std::vector<MonthSeatCost> seat_cost_by_month(const billing::PriceList& prices,
                                              const std::vector<billing::SeatLevel>& levels,
                                              const std::vector<ServiceMonth>& months) {
  std::vector<MonthSeatCost> out;
  for (const auto& m : months) {
    MonthSeatCost c;
    c.month = m;
    billing::Usage u;
    u.seats = levels;
    c.seats_cents = billing::period_fee(prices, u, m.start_epoch, m.end_epoch).seats_cents;
    c.min_seats = INT_MAX;
    for (size_t i = 0; i < levels.size(); ++i) {
      const int64_t to = i + 1 < levels.size() ? levels[i + 1].from : INT64_MAX;
      if (levels[i].from < m.end_epoch && to > m.start_epoch) {
        const int total = levels[i].standard + levels[i].advanced;
        c.min_seats = std::min(c.min_seats, total);
        c.max_seats = std::max(c.max_seats, total);
      }
    }
    if (c.min_seats == INT_MAX) c.min_seats = 0;
    out.push_back(c);
  }
  return out;
}

billing::CashAnchors cash_anchors(const Scenario& sc, const Tenant& tn) {
  billing::CashAnchors a;
  a.licences_paid_from = tn.billing.licences_paid_from.value_or(sc.horizon.start);
  a.rent_paid_from = tn.billing.rent_paid_from.value_or(std::min(sc.horizon.start, tn.sla.service_start));
  return a;
}

billing::Usage tenant_usage(const Tenant& tn, std::vector<billing::SeatLevel> seats) {
  billing::Usage u;
  u.seats = std::move(seats);
  if (tn.billing.phone_numbers > 0) u.numbers.push_back(billing::NumberLevel{tn.sla.service_start, tn.billing.phone_numbers});
  return u;
}

std::vector<MonthBill> bills_by_month(const billing::PriceList& prices, const billing::Usage& usage,
                                      const std::vector<int64_t>& billed_minutes, const billing::CashAnchors& anchors,
                                      const std::vector<ServiceMonth>& months) {
  std::vector<MonthBill> out;
  billing::Usage u = usage;
  for (size_t k = 0; k < months.size(); ++k) {
    u.billed_call_minutes = k < billed_minutes.size() ? billed_minutes[k] : 0;
    out.push_back(MonthBill{months[k], billing::period_fee(prices, u, months[k].start_epoch, months[k].end_epoch),
                            billing::period_cash(prices, u, anchors, months[k].start_epoch, months[k].end_epoch)});
  }
  return out;
}

std::vector<ScalingAction> without_autoscale(const std::vector<ScalingAction>& actions) {
  std::vector<ScalingAction> v;
  for (const auto& a : actions)
    if (!a.path.autoscale) v.push_back(a);
  return v;
}

}  // namespace ccsim::seats
