// The "seats" section of `ccsim run`: per tenant with a seat pool, seats over time, the scaling actions and
// their delays, the seat-limited intervals (agents on the schedule kept offline for lack of a seat) and the
// seat cost per service month. JSON layout: docs/capacity.md "Seats in the run summary".
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <sstream>

#include "cli/run_sections.hpp"
#include "core/time.hpp"
#include "output/json_summary.hpp"
#include "output/terminal_summary.hpp"
#include "seats/billing.hpp"
#include "seats/seat_controller.hpp"
#include "seats/seat_cost.hpp"
#include "stats/confidence.hpp"
#include "stats/kpi.hpp"

namespace ccsim::cli {

namespace {

using nlohmann::json;

std::string money(int64_t cents) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "", static_cast<long long>(std::llabs(cents) / 100),
                static_cast<long long>(std::llabs(cents) % 100));
  return buf;
}

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

    // Seats over time (purchased seats in force, sampled at each minute's end).
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
    const Estimate e_min = mean_ci(smin), e_max = mean_ci(smax), e_mean = mean_ci(smean), e_final = mean_ci(sfinal),
                   e_online = mean_ci(online);
    t["seats"] = json{{"min", estimate_to_json(e_min, nrep)},
                      {"max", estimate_to_json(e_max, nrep)},
                      {"time_average", estimate_to_json(e_mean, nrep)},
                      {"final", estimate_to_json(e_final, nrep)},
                      {"max_online", estimate_to_json(e_online, nrep)}};
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

    // Scaling actions: the list of replication 0, counts and delays over all replications.
    json actions = json::array();
    std::vector<const ScalingAction*> rep0;
    for (const auto& a : ctx.reps[0].scaling)
      if (a.tenant == tn.name) {
        actions.push_back(action_json(sc, a));
        rep0.push_back(&a);
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
    t["actions_per_replication"] = estimate_to_json(mean_ci(counts), nrep);
    json dj = json::object();
    for (const auto& [kind, v] : delays)
      dj[kind] = json{{"count", v.size()},
                      {"mean_delay_s", std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size())},
                      {"max_delay_s", *std::max_element(v.begin(), v.end())}};
    t["delays_by_path"] = dj;

    // Seat-limited intervals: scheduled agents kept offline for lack of a seat (mean agents over the interval).
    const int nint = sc.horizon.num_intervals();
    json limited = json::array();
    std::vector<double> unseated_hours;
    for (const auto& r : ctx.reps) {
      double s = 0;
      for (const auto& g : r.tenants[ti].gr) s += g.total(GR_UNSEATED_TIME);
      unseated_hours.push_back(s / 3600.0);
    }
    int limited_count = 0;
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
        ++limited_count;
        limited.push_back(json{{"interval", i},
                               {"start", format_datetime(sc.horizon.start + static_cast<int64_t>(i * sc.horizon.interval))},
                               {"unseated_agents", estimate_to_json(e, nrep)}});
      }
    }
    const Estimate e_unseated = mean_ci(unseated_hours);
    t["seat_limited"] = json{{"intervals", limited_count},
                             {"of_intervals", nint},
                             {"unseated_agent_hours", estimate_to_json(e_unseated, nrep)},
                             {"by_interval", limited}};

    // Seat cost per service month (needs the tenant's price list).
    std::vector<seats::MonthSeatCost> cost0;
    std::string currency;
    if (!tn.billing.price_list_file.empty()) {
      const billing::PriceList prices = billing::load_price_list(tn.billing.price_list_file);
      currency = prices.currency;
      const auto months = seats::tenant_service_months(sc, tn);
      std::vector<std::vector<double>> per_month(months.size());
      for (const auto& r : ctx.reps) {
        const auto c = seats::seat_cost_by_month(prices, seats::seat_levels_from_actions(sc, tn, r.scaling), months);
        if (&r == &ctx.reps[0]) cost0 = c;
        for (size_t k = 0; k < c.size(); ++k) per_month[k].push_back(static_cast<double>(c[k].seats_cents) / 100.0);
      }
      json mj = json::array();
      for (size_t k = 0; k < months.size(); ++k)
        mj.push_back(json{{"first_day", format_date(months[k].first_day)},
                          {"last_day", format_date(months[k].last_day)},
                          {"seat_cost", estimate_to_json(mean_ci(per_month[k]), nrep)},
                          {"seat_cost_replication_0", money(cost0[k].seats_cents)},
                          {"min_seats_replication_0", cost0[k].min_seats},
                          {"max_seats_replication_0", cost0[k].max_seats}});
      t["cost"] = json{{"price_list", prices.id}, {"currency", currency}, {"months", mj}};
    } else {
      t["cost"] = nullptr;
    }
    tenants.push_back(t);

    // Terminal.
    out << "\nSeats - " << tn.name << ": purchased " << seats::initial_seats(tn.seats) << " at start (" << tn.seats.admins
        << " admins), min " << format_level(e_min) << ", max " << format_level(e_max) << ", peak online "
        << format_level(e_online) << "\n";
    if (!rep0.empty()) {
      out << "  scaling actions (replication 0; " << format_level(mean_ci(counts)) << " per replication):\n";
      char line[256];
      std::snprintf(line, sizeof line, "  %-19s %-19s %13s  %-22s %s\n", "requested", "effective", "seats", "path", "reason");
      out << line;
      size_t shown = 0;
      for (const ScalingAction* a : rep0) {
        if (++shown > 20) {
          out << "  ... " << rep0.size() - 20 << " more in the JSON summary\n";
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
    out << "  seat-limited intervals: " << limited_count << " of " << nint << " (unseated agent-hours "
        << format_level(e_unseated) << ")\n";
    if (!cost0.empty()) {
      out << "  seat cost (" << currency << "):";
      for (const auto& c : cost0) out << "  " << format_date(c.month.first_day) << ".." << format_date(c.month.last_day)
                                      << " " << money(c.seats_cents);
      out << (nrep > 1 ? "  (replication 0; means in JSON)\n" : "\n");
    }
  }
  if (tenants.empty()) return;
  ctx.doc["seats"] = json{{"tenants", tenants}};
  if (!ctx.quiet) ctx.table << out.str();
}

}  // namespace ccsim::cli
