// The seats section of `ccsim run` (run/seats_section.hpp), computed in named steps per tenant.
#include "run/seats_section.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "seats/seat_controller.hpp"
#include "stats/kpi.hpp"

namespace ccsim::run {

namespace {

// Started call minutes of each service month (the minute table's billed minutes).
std::vector<int64_t> billed_minutes_by_month(const TenantRep& rep, const std::vector<ServiceMonth>& months) {
  std::vector<int64_t> v;
  for (const auto& mo : months) {
    double s = 0;
    for (int m = 0; m < rep.minute.rows; ++m) {
      const int64_t t = rep.ledger.start_epoch + 60LL * m;
      if (t >= mo.start_epoch && t < mo.end_epoch) s += rep.minute.at(m, MIN_BILLED_MINUTES);
    }
    v.push_back(std::llround(s));
  }
  return v;
}

int64_t seat_cents(const std::vector<seats::MonthBill>& v, bool cash) {
  int64_t c = 0;
  for (const auto& b : v) c += cash ? b.cash.seats_cents : b.consumption.seats_cents;
  return c;
}

std::vector<ScalingAction> actions_of(const RepResult& r, const std::string& tenant) {
  std::vector<ScalingAction> out;
  for (const auto& a : r.scaling)
    if (a.tenant == tenant) out.push_back(a);
  return out;
}

}  // namespace

SeatLevels seat_levels(const std::vector<RepResult>& reps, size_t ti) {
  std::vector<double> smin, smax, smean, sfinal, online;
  for (const auto& r : reps) {
    const SampleTable& m = r.tenants[ti].minute;
    double lo = 1e300, hi = 0, sum = 0;
    for (int i = 0; i < m.rows; ++i) {
      const double v = m.at(i, MIN_SEATS);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += v;
    }
    if (m.rows == 0) lo = 0;
    smin.push_back(lo);
    smax.push_back(hi);
    smean.push_back(m.rows ? sum / m.rows : 0);
    sfinal.push_back(m.rows ? m.at(m.rows - 1, MIN_SEATS) : 0);
    online.push_back(r.tenants[ti].max_seats_online);
  }
  return {mean_ci(smin), mean_ci(smax), mean_ci(smean), mean_ci(sfinal), mean_ci(online)};
}

std::vector<SeatChangePoint> seat_timeline(const RepResult& rep, size_t ti) {
  std::vector<SeatChangePoint> out;
  const SampleTable& m = rep.tenants[ti].minute;
  double last = -1;
  for (int i = 0; i < m.rows; ++i)
    if (m.at(i, MIN_SEATS) != last) {
      last = m.at(i, MIN_SEATS);
      out.push_back({i, last});
    }
  return out;
}

// Delays grouped by kind of path (a split step's k/n aside), the autoscaler's apart.
std::vector<PathDelays> delays_by_path(const std::vector<RepResult>& reps, const std::string& tenant) {
  std::map<std::pair<bool, ScalingPathKind>, std::vector<double>> delays;
  for (const auto& r : reps)
    for (const auto& a : r.scaling)
      if (a.tenant == tenant) delays[{a.path.autoscale, a.path.kind}].push_back(a.effective - a.requested);
  std::vector<PathDelays> out;
  for (const auto& [key, v] : delays)
    out.push_back({key.second, key.first, static_cast<int>(v.size()),
                   std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()),
                   *std::max_element(v.begin(), v.end())});
  return out;
}

// Scheduled agents kept offline for lack of a seat: mean agents over each interval, across replications.
std::vector<SeatLimitedInterval> seat_limited_intervals(const Scenario& sc, const std::vector<RepResult>& reps, size_t ti) {
  std::vector<SeatLimitedInterval> out;
  for (int i = 0; i < sc.horizon.num_intervals(); ++i) {
    std::vector<double> v;
    const double secs = interval_seconds(sc.horizon, i);
    for (const auto& r : reps) {
      double s = 0;
      for (const auto& g : r.tenants[ti].gr) s += g.at(i, GR_UNSEATED_TIME);
      v.push_back(secs > 0 ? s / secs : 0);
    }
    const Estimate e = mean_ci(v);
    if (e.mean > 0) out.push_back({i, e});
  }
  return out;
}

// Bills per service month (needs the tenant's price list): consumption view beside the cash view, and what
// the seat changes cost.
std::optional<SeatCost> seat_cost(const Scenario& sc, const std::vector<RepResult>& reps, size_t ti) {
  const Tenant& tn = sc.tenants[ti];
  if (tn.billing.price_list_file.empty()) return std::nullopt;
  SeatCost out;
  out.prices = billing::load_price_list(tn.billing.price_list_file);
  out.anchors = seats::cash_anchors(sc, tn);
  const auto months = seats::tenant_service_months(sc, tn);
  std::vector<std::vector<double>> consumed(months.size()), cash(months.size());
  std::vector<double> all_c, all_k, auto_c, auto_k;
  std::vector<seats::MonthBill> bills0;
  for (const auto& r : reps) {
    const std::vector<int64_t> minutes = billed_minutes_by_month(r.tenants[ti], months);
    auto bills_for = [&](const std::vector<ScalingAction>& acts) {
      return seats::bills_by_month(out.prices, seats::tenant_usage(tn, seats::seat_levels_from_actions(sc, tn, acts)),
                                   minutes, out.anchors, months);
    };
    const auto bills = bills_for(r.scaling);
    const auto no_autoscale = bills_for(seats::without_autoscale(r.scaling)), no_changes = bills_for({});
    auto diff = [&](const std::vector<seats::MonthBill>& without, bool in_cash) {
      return static_cast<double>(seat_cents(bills, in_cash) - seat_cents(without, in_cash)) / 100.0;
    };
    all_c.push_back(diff(no_changes, false));
    all_k.push_back(diff(no_changes, true));
    auto_c.push_back(diff(no_autoscale, false));
    auto_k.push_back(diff(no_autoscale, true));
    if (&r == &reps[0]) bills0 = bills;
    for (size_t k = 0; k < bills.size(); ++k) {
      consumed[k].push_back(static_cast<double>(bills[k].consumption.seats_cents) / 100.0);
      cash[k].push_back(static_cast<double>(bills[k].cash.seats_cents) / 100.0);
    }
  }
  const auto levels0 = seats::seat_levels_from_actions(sc, tn, reps[0].scaling);
  out.purchases0 = billing::licence_purchases(out.prices, levels0, out.anchors.licences_paid_from, months.back().end_epoch);
  const auto seat_range0 = seats::seat_cost_by_month(out.prices, levels0, months);
  for (size_t k = 0; k < months.size(); ++k)
    out.months.push_back({months[k], mean_ci(consumed[k]), mean_ci(cash[k]), bills0[k], seat_range0[k].min_seats,
                          seat_range0[k].max_seats});
  out.scaling = {mean_ci(all_c), mean_ci(all_k), mean_ci(auto_c), mean_ci(auto_k)};
  return out;
}

std::optional<SeatsSection> seats_section(const Scenario& sc, const std::vector<RepResult>& reps) {
  if (reps.empty()) return std::nullopt;
  SeatsSection out;
  out.replications = static_cast<int>(reps.size());
  for (size_t ti = 0; ti < sc.tenants.size(); ++ti) {
    const Tenant& tn = sc.tenants[ti];
    if (!tn.seats.enabled) continue;
    SeatsTenantSection t;
    t.tenant = tn.name;
    t.initial_seats = seats::initial_seats(tn.seats);
    t.admins = tn.seats.admins;
    t.self_service_limit = tn.seats.self_service_limit;
    t.large_change = tn.seats.large_change;
    t.seats = seat_levels(reps, ti);
    t.timeline0 = seat_timeline(reps[0], ti);
    t.actions0 = actions_of(reps[0], tn.name);
    std::vector<double> counts, unseated_hours;
    for (const auto& r : reps) {
      counts.push_back(static_cast<double>(actions_of(r, tn.name).size()));
      double s = 0;
      for (const auto& g : r.tenants[ti].gr) s += g.total(GR_UNSEATED_TIME);
      unseated_hours.push_back(s / 3600.0);
    }
    t.actions_per_replication = mean_ci(counts);
    t.delays = delays_by_path(reps, tn.name);
    t.intervals = sc.horizon.num_intervals();
    t.seat_limited = seat_limited_intervals(sc, reps, ti);
    t.unseated_agent_hours = mean_ci(unseated_hours);
    t.cost = seat_cost(sc, reps, ti);
    out.tenants.push_back(std::move(t));
  }
  if (out.tenants.empty()) return std::nullopt;
  return out;
}

}  // namespace ccsim::run
