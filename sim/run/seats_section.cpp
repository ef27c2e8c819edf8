// The "seats" section of `ccsim run`: per tenant with a seat pool, seats over time, the scaling actions and
// their delays, the seat-limited intervals (agents on the schedule kept offline for lack of a seat) and the
// seat cost per service month. JSON layout: docs/capacity.md "Seats in the run summary".
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <sstream>

#include "run/section_context.hpp"
#include "core/time.hpp"
#include "core/decimal.hpp"
#include "core/format.hpp"
#include "stats/estimate_format.hpp"
#include "seats/billing.hpp"
#include "seats/seat_controller.hpp"
#include "seats/seat_cost.hpp"
#include "stats/confidence.hpp"
#include "stats/kpi.hpp"

namespace ccsim::run {

namespace {

using nlohmann::json;

json action_json(const Scenario& sc, const ScalingAction& a) {
  return json{{"requested", format_datetime(sc.horizon.start + static_cast<int64_t>(a.requested))},
              {"effective", format_datetime(sc.horizon.start + static_cast<int64_t>(a.effective))},
              {"requested_s", a.requested},
              {"effective_s", a.effective},
              {"delay_s", a.effective - a.requested},
              {"from", a.from_seats},
              {"to", a.to_seats},
              {"path", a.path},
              {"reason", a.reason},
              {"in_horizon", a.effective < sc.horizon.length}};
}

// "autoscale split-step 1/2" -> "autoscale split-step": delays are grouped by kind of path.
std::string path_kind(const std::string& p) {
  const auto sp = p.rfind(' ');
  if (sp != std::string::npos && p.find('/', sp) != std::string::npos) return p.substr(0, sp);
  return p;
}

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

std::string validity_text(const billing::PriceList& p) {
  return std::to_string(p.licence_validity_count) + (p.licence_validity_in_days ? " day" : " month") +
         (p.licence_validity_count > 1 ? "s" : "") + " from the purchase day";
}

json bill_json(const seats::MonthBill& b) {
  return json{{"consumption", {{"seats", format_cents(b.consumption.seats_cents)},
                               {"numbers", format_cents(b.consumption.numbers_cents)},
                               {"communication", format_cents(b.consumption.communication_cents)},
                               {"total", format_cents(b.consumption.total_cents)}}},
              {"cash", {{"seats", format_cents(b.cash.seats_cents)},
                        {"numbers", format_cents(b.cash.numbers_cents)},
                        {"communication", format_cents(b.cash.communication_cents)},
                        {"total", format_cents(b.cash.total_cents)},
                        {"licences_bought", b.cash.licences_bought}}}};
}

// Seat cost of the changes (all of them, and the autoscaler's alone) over the service months, in both views:
// the run's seat cost minus that of the same run without them (replication by replication).
struct ScalingCost {
  std::vector<double> all_consumed, all_cash, auto_consumed, auto_cash;
  void add(const std::vector<seats::MonthBill>& run, const std::vector<seats::MonthBill>& no_autoscale,
           const std::vector<seats::MonthBill>& no_changes) {
    auto seats_of = [](const std::vector<seats::MonthBill>& v, bool cash) {
      int64_t c = 0;
      for (const auto& b : v) c += cash ? b.cash.seats_cents : b.consumption.seats_cents;
      return c;
    };
    auto diff = [&](const std::vector<seats::MonthBill>& without, bool cash) {
      return static_cast<double>(seats_of(run, cash) - seats_of(without, cash)) / 100.0;
    };
    all_consumed.push_back(diff(no_changes, false));
    all_cash.push_back(diff(no_changes, true));
    auto_consumed.push_back(diff(no_autoscale, false));
    auto_cash.push_back(diff(no_autoscale, true));
  }
  json to_json(int nrep) const {
    return json{{"all_changes", {{"consumption", estimate_to_json(mean_ci(all_consumed), nrep)},
                                 {"cash", estimate_to_json(mean_ci(all_cash), nrep)}}},
                {"autoscaler", {{"consumption", estimate_to_json(mean_ci(auto_consumed), nrep)},
                                {"cash", estimate_to_json(mean_ci(auto_cash), nrep)}}}};
  }
};

std::string format_money_estimate(const std::vector<double>& v) {
  const Estimate e = mean_ci(v);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", e.mean);
  return buf;
}

}  // namespace

namespace {

// What the terminal lines need of one tenant's seats section (its JSON is built alongside).
struct SeatsFigures {
  Estimate e_min, e_max, e_online, actions_per_replication, unseated_hours;
  std::vector<const ScalingAction*> rep0;  // scaling actions of replication 0
  int limited_intervals = 0, intervals = 0;
  std::vector<seats::MonthBill> bills0;
  std::string currency;
  ScalingCost scaling;
};

// Seats in force over time (sampled at each minute's end), and replication 0's timeline.
void add_seats_over_time(const SectionContext& ctx, size_t ti, json& t, SeatsFigures& f) {
  const Scenario& sc = ctx.sc;
  const int nrep = static_cast<int>(ctx.reps.size());
  std::vector<double> smin, smax, smean, sfinal, online;
  for (const auto& r : ctx.reps) {
    const CounterTable& m = r.tenants[ti].minute;
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
  f.e_min = mean_ci(smin);
  f.e_max = mean_ci(smax);
  f.e_online = mean_ci(online);
  const Estimate e_mean = mean_ci(smean), e_final = mean_ci(sfinal);
  t["seats"] = json{{"min", estimate_to_json(f.e_min, nrep)},
                    {"max", estimate_to_json(f.e_max, nrep)},
                    {"time_average", estimate_to_json(e_mean, nrep)},
                    {"final", estimate_to_json(e_final, nrep)},
                    {"max_online", estimate_to_json(f.e_online, nrep)}};
  // Timeline of replication 0 (change points of the per-minute samples).
  json timeline = json::array();
  {
    const CounterTable& m = ctx.reps[0].tenants[ti].minute;
    double last = -1;
    for (int i = 0; i < m.rows; ++i)
      if (m.at(i, MIN_SEATS) != last) {
        last = m.at(i, MIN_SEATS);
        timeline.push_back(json{{"minute", i}, {"at", format_datetime(sc.horizon.start + 60LL * i)}, {"seats", last}});
      }
  }
  t["timeline_replication_0"] = timeline;

}

// Scaling actions: the list of replication 0, counts and delays over all replications.
void add_scaling_actions(const SectionContext& ctx, size_t ti, json& t, SeatsFigures& f) {
  const Scenario& sc = ctx.sc;
  const int nrep = static_cast<int>(ctx.reps.size());
  const Tenant& tn = sc.tenants[ti];
  json actions = json::array();
  for (const auto& a : ctx.reps[0].scaling)
    if (a.tenant == tn.name) {
      actions.push_back(action_json(sc, a));
      f.rep0.push_back(&a);
    }
  t["actions_replication_0"] = actions;
  std::map<std::string, std::vector<double>> delays;
  std::vector<double> counts;
  for (const auto& r : ctx.reps) {
    int n = 0;
    for (const auto& a : r.scaling)
      if (a.tenant == tn.name) {
        ++n;
        delays[path_kind(a.path)].push_back(a.effective - a.requested);
      }
    counts.push_back(n);
  }
  f.actions_per_replication = mean_ci(counts);
  t["actions_per_replication"] = estimate_to_json(f.actions_per_replication, nrep);
  json dj = json::object();
  for (const auto& [kind, v] : delays)
    dj[kind] = json{{"count", v.size()},
                    {"mean_delay_s", std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size())},
                    {"max_delay_s", *std::max_element(v.begin(), v.end())}};
  t["delays_by_path"] = dj;

}

// Seat-limited intervals: scheduled agents kept offline for lack of a seat (mean agents over the interval).
void add_seat_limited(const SectionContext& ctx, size_t ti, json& t, SeatsFigures& f) {
  const Scenario& sc = ctx.sc;
  const int nrep = static_cast<int>(ctx.reps.size());
  const int nint = f.intervals = sc.horizon.num_intervals();
  json limited = json::array();
  std::vector<double> unseated_hours;
  for (const auto& r : ctx.reps) {
    double s = 0;
    for (const auto& g : r.tenants[ti].gr) s += g.total(GR_UNSEATED_TIME);
    unseated_hours.push_back(s / 3600.0);
  }
  for (int i = 0; i < nint; ++i) {
    std::vector<double> v;
    const double secs = interval_seconds(sc.horizon, i);
    for (const auto& r : ctx.reps) {
      double s = 0;
      for (const auto& g : r.tenants[ti].gr) s += g.at(i, GR_UNSEATED_TIME);
      v.push_back(secs > 0 ? s / secs : 0);
    }
    const Estimate e = mean_ci(v);
    if (e.mean > 0) {
      ++f.limited_intervals;
      limited.push_back(json{{"interval", i},
                             {"start", format_datetime(sc.horizon.start + static_cast<int64_t>(i * sc.horizon.interval))},
                             {"unseated_agents", estimate_to_json(e, nrep)}});
    }
  }
  f.unseated_hours = mean_ci(unseated_hours);
  t["seat_limited"] = json{{"intervals", f.limited_intervals},
                           {"of_intervals", nint},
                           {"unseated_agent_hours", estimate_to_json(f.unseated_hours, nrep)},
                           {"by_interval", limited}};

}

// Bills per service month (needs the tenant's price list): consumption view beside the cash view.
void add_seat_bills(const SectionContext& ctx, size_t ti, json& t, SeatsFigures& f) {
  const Scenario& sc = ctx.sc;
  const int nrep = static_cast<int>(ctx.reps.size());
  const Tenant& tn = sc.tenants[ti];
  std::vector<billing::LicencePurchase> purchases0;
  ScalingCost& scaling = f.scaling;
  if (!tn.billing.price_list_file.empty()) {
    const billing::PriceList prices = billing::load_price_list(tn.billing.price_list_file);
    f.currency = prices.currency;
    const auto months = seats::tenant_service_months(sc, tn);
    const billing::CashAnchors anchors = seats::cash_anchors(sc, tn);
    std::vector<std::vector<double>> consumed(months.size()), cash(months.size());
    for (const auto& r : ctx.reps) {
      const std::vector<int64_t> minutes = billed_minutes_by_month(r.tenants[ti], months);
      auto bills_for = [&](const std::vector<ScalingAction>& acts) {
        return seats::bills_by_month(prices, seats::tenant_usage(tn, seats::seat_levels_from_actions(sc, tn, acts)),
                                     minutes, anchors, months);
      };
      const auto bills = bills_for(r.scaling);
      scaling.add(bills, bills_for(seats::without_autoscale(r.scaling)), bills_for({}));
      if (&r == &ctx.reps[0]) {
        f.bills0 = bills;
        purchases0 = billing::licence_purchases(prices, seats::seat_levels_from_actions(sc, tn, r.scaling),
                                                anchors.licences_paid_from, months.back().end_epoch);
      }
      for (size_t k = 0; k < bills.size(); ++k) {
        consumed[k].push_back(static_cast<double>(bills[k].consumption.seats_cents) / 100.0);
        cash[k].push_back(static_cast<double>(bills[k].cash.seats_cents) / 100.0);
      }
    }
    const auto levels0 = seats::seat_levels_from_actions(sc, tn, ctx.reps[0].scaling);
    const auto seat_range0 = seats::seat_cost_by_month(prices, levels0, months);
    json mj = json::array();
    for (size_t k = 0; k < months.size(); ++k)
      mj.push_back(json{{"first_day", format_date(months[k].first_day)},
                        {"last_day", format_date(months[k].last_day)},
                        {"seat_cost", estimate_to_json(mean_ci(consumed[k]), nrep)},
                        {"seat_cash", estimate_to_json(mean_ci(cash[k]), nrep)},
                        {"seat_cost_replication_0", format_cents(f.bills0[k].consumption.seats_cents)},
                        {"seat_cash_replication_0", format_cents(f.bills0[k].cash.seats_cents)},
                        {"licences_bought_replication_0", f.bills0[k].cash.licences_bought},
                        {"bill_replication_0", bill_json(f.bills0[k])},
                        {"min_seats_replication_0", seat_range0[k].min_seats},
                        {"max_seats_replication_0", seat_range0[k].max_seats}});
    json pj = json::array();
    for (const auto& b : purchases0)
      pj.push_back(json{{"day", format_date(civil_from_days(b.day))},
                        {"valid_until", format_date(civil_from_days(b.valid_until - 1))},
                        {"standard", b.standard},
                        {"advanced", b.advanced},
                        {"amount", format_cents(b.cents)}});
    t["cost"] = json{{"price_list", prices.id},
                     {"currency", f.currency},
                     {"licence_validity", validity_text(prices)},
                     {"licences_paid_from", format_date(date_of_epoch(anchors.licences_paid_from))},
                     {"rent_paid_from", format_date(date_of_epoch(anchors.rent_paid_from))},
                     {"months", mj},
                     {"licence_purchases_replication_0", pj},
                     {"scaling_cost", scaling.to_json(nrep)}};
  } else {
    t["cost"] = nullptr;
  }
}

// The terminal lines of one tenant.
void print_seats(const Scenario& sc, int nrep, const Tenant& tn, const SeatsFigures& f, std::ostream& out) {
  out << "\nSeats - " << tn.name << ": purchased " << seats::initial_seats(tn.seats) << " at start (" << tn.seats.admins
      << " admins), min " << format_level(f.e_min) << ", max " << format_level(f.e_max) << ", peak online "
      << format_level(f.e_online) << "\n";
  if (!f.rep0.empty()) {
    out << "  scaling actions (replication 0; " << format_level(f.actions_per_replication) << " per replication):\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %-19s %-19s %13s  %-22s %s\n", "requested", "effective", "seats", "path", "reason");
    out << line;
    size_t shown = 0;
    for (const ScalingAction* a : f.rep0) {
      if (++shown > 20) {
        out << "  ... " << f.rep0.size() - 20 << " more in the JSON summary\n";
        break;
      }
      const std::string ft = std::to_string(a->from_seats) + "->" + std::to_string(a->to_seats);
      std::snprintf(line, sizeof line, "  %-19s %-19s %13s  %-22s %s\n",
                    format_datetime(sc.horizon.start + static_cast<int64_t>(a->requested)).c_str(),
                    format_datetime(sc.horizon.start + static_cast<int64_t>(a->effective)).c_str(), ft.c_str(),
                    a->path.c_str(), a->reason.substr(0, 40).c_str());
      out << line;
    }
  }
  out << "  seat-limited intervals: " << f.limited_intervals << " of " << f.intervals << " (unseated agent-hours "
      << format_level(f.unseated_hours) << ")\n";
  if (!f.bills0.empty()) {
    out << "  seat licences (" << f.currency << "), replication 0" << (nrep > 1 ? " (means in JSON)" : "")
        << ": consumption = pro-rated by day; cash = licences bought for their validity, no refund on scale-in\n";
    for (const auto& b : f.bills0)
      out << "    " << format_date(b.month.first_day) << ".." << format_date(b.month.last_day) << "  consumption "
          << format_cents(b.consumption.seats_cents) << "  cash " << format_cents(b.cash.seats_cents) << " (" << b.cash.licences_bought
          << " licences bought)  | bill: consumption " << format_cents(b.consumption.total_cents) << ", cash "
          << format_cents(b.cash.total_cents) << "\n";
    out << "  cost of seat changes (mean): consumption " << format_money_estimate(f.scaling.all_consumed)
        << ", cash " << format_money_estimate(f.scaling.all_cash) << "; of which autoscaler: consumption "
        << format_money_estimate(f.scaling.auto_consumed) << ", cash " << format_money_estimate(f.scaling.auto_cash) << "\n";
  }
}

}  // namespace

void add_seats_section(SectionContext& ctx) {
  const Scenario& sc = ctx.sc;
  const int nrep = static_cast<int>(ctx.reps.size());
  if (nrep == 0) return;
  json tenants = json::array();
  std::ostringstream out;
  for (size_t ti = 0; ti < sc.tenants.size(); ++ti) {
    const Tenant& tn = sc.tenants[ti];
    if (!tn.seats.enabled) continue;
    json t;
    t["name"] = tn.name;
    t["initial_seats"] = seats::initial_seats(tn.seats);
    t["admins"] = tn.seats.admins;
    t["self_service_limit"] = tn.seats.self_service_limit;
    t["large_change"] = tn.seats.large_change;

    SeatsFigures f;
    add_seats_over_time(ctx, ti, t, f);
    add_scaling_actions(ctx, ti, t, f);
    add_seat_limited(ctx, ti, t, f);
    add_seat_bills(ctx, ti, t, f);
    tenants.push_back(t);
    print_seats(sc, nrep, tn, f, out);
  }
  if (tenants.empty()) return;
  ctx.doc["seats"] = json{{"tenants", tenants}};
  if (!ctx.quiet) ctx.table << out.str();
}

}  // namespace ccsim::run
