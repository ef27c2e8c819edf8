#include "output/seats_render.hpp"

#include <sstream>

#include "core/decimal.hpp"
#include "core/format.hpp"
#include "core/time.hpp"
#include "stats/estimate_format.hpp"

namespace ccsim {

namespace {

using nlohmann::json;

std::string at(const Scenario& sc, double sim_seconds) {
  return format_datetime(sc.horizon.start + static_cast<int64_t>(sim_seconds));
}

std::string path_group(const run::PathDelays& d) {
  return std::string(d.autoscale ? "autoscale " : "") + scaling_path_kind_name(d.kind);
}

std::string validity_text(const billing::PriceList& p) {
  return std::to_string(p.licence_validity_count) + (p.licence_validity_in_days ? " day" : " month") +
         (p.licence_validity_count > 1 ? "s" : "") + " from the purchase day";
}

json action_json(const Scenario& sc, const ScalingAction& a) {
  return json{{"requested", at(sc, a.requested)},
              {"effective", at(sc, a.effective)},
              {"requested_s", a.requested},
              {"effective_s", a.effective},
              {"delay_s", a.effective - a.requested},
              {"from", a.from_seats},
              {"to", a.to_seats},
              {"path", scaling_path_text(a.path)},
              {"path_kind", scaling_path_kind_name(a.path.kind)},
              {"autoscale", a.path.autoscale},
              {"reason", scaling_reason_name(a.reason)},
              {"reason_text", scaling_reason_text(a)},
              {"in_horizon", a.effective < sc.horizon.length}};
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

json cost_json(const run::SeatCost& c) {
  json mj = json::array();
  for (const auto& m : c.months)
    mj.push_back(json{{"first_day", format_date(m.month.first_day)},
                      {"last_day", format_date(m.month.last_day)},
                      {"seat_cost", section_estimate_json(m.seat_cost)},
                      {"seat_cash", section_estimate_json(m.seat_cash)},
                      {"seat_cost_replication_0", format_cents(m.bill0.consumption.seats_cents)},
                      {"seat_cash_replication_0", format_cents(m.bill0.cash.seats_cents)},
                      {"licences_bought_replication_0", m.bill0.cash.licences_bought},
                      {"bill_replication_0", bill_json(m.bill0)},
                      {"min_seats_replication_0", m.min_seats0},
                      {"max_seats_replication_0", m.max_seats0}});
  json pj = json::array();
  for (const auto& b : c.purchases0)
    pj.push_back(json{{"day", format_date(civil_from_days(b.day))},
                      {"valid_until", format_date(civil_from_days(b.valid_until - 1))},
                      {"standard", b.standard},
                      {"advanced", b.advanced},
                      {"amount", format_cents(b.cents)}});
  const run::ScalingCost& s = c.scaling;
  return json{{"price_list", c.prices.id},
              {"currency", c.prices.currency},
              {"licence_validity", validity_text(c.prices)},
              {"licences_paid_from", format_date(date_of_epoch(c.anchors.licences_paid_from))},
              {"rent_paid_from", format_date(date_of_epoch(c.anchors.rent_paid_from))},
              {"months", mj},
              {"licence_purchases_replication_0", pj},
              {"scaling_cost",
               {{"all_changes", {{"consumption", section_estimate_json(s.all_consumption)},
                                 {"cash", section_estimate_json(s.all_cash)}}},
                {"autoscaler", {{"consumption", section_estimate_json(s.autoscaler_consumption)},
                                {"cash", section_estimate_json(s.autoscaler_cash)}}}}}};
}

json tenant_json(const Scenario& sc, const run::SeatsTenantSection& t) {
  json timeline = json::array();
  for (const auto& p : t.timeline0)
    timeline.push_back(json{{"minute", p.minute}, {"at", at(sc, 60.0 * p.minute)}, {"seats", p.seats}});
  json actions = json::array();
  for (const auto& a : t.actions0) actions.push_back(action_json(sc, a));
  json delays = json::object();
  for (const auto& d : t.delays)
    delays[path_group(d)] = json{{"count", d.count}, {"mean_delay_s", d.mean_delay_s}, {"max_delay_s", d.max_delay_s}};
  json limited = json::array();
  for (const auto& l : t.seat_limited)
    limited.push_back(json{{"interval", l.interval},
                           {"start", at(sc, l.interval * sc.horizon.interval)},
                           {"unseated_agents", section_estimate_json(l.unseated_agents)}});
  return json{{"tenant", t.tenant},
              {"initial_seats", t.initial_seats},
              {"admins", t.admins},
              {"self_service_limit", t.self_service_limit},
              {"large_change", t.large_change},
              {"seats", {{"min", section_estimate_json(t.seats.min)},
                         {"max", section_estimate_json(t.seats.max)},
                         {"time_average", section_estimate_json(t.seats.time_average)},
                         {"final", section_estimate_json(t.seats.final)},
                         {"max_online", section_estimate_json(t.seats.max_online)}}},
              {"timeline_replication_0", timeline},
              {"actions_replication_0", actions},
              {"actions_per_replication", section_estimate_json(t.actions_per_replication)},
              {"delays_by_path", delays},
              {"seat_limited", {{"intervals", t.seat_limited.size()},
                                {"of_intervals", t.intervals},
                                {"unseated_agent_hours", section_estimate_json(t.unseated_agent_hours)},
                                {"by_interval", limited}}},
              {"cost", t.cost ? cost_json(*t.cost) : json(nullptr)}};
}

void actions_lines(const Scenario& sc, const run::SeatsTenantSection& t, std::ostream& out) {
  if (t.actions0.empty()) return;
  out << "  scaling actions (replication 0; " << format_level(t.actions_per_replication) << " per replication):\n";
  auto row = [&](const std::string& req, const std::string& eff, const std::string& seats, const std::string& path,
                 const std::string& reason) {
    out << "  " << align_left(req, 19) << " " << align_left(eff, 19) << " " << align_right(seats, 13) << "  "
        << align_left(path, 22) << " " << reason << "\n";
  };
  row("requested", "effective", "seats", "path", "reason");
  size_t shown = 0;
  for (const ScalingAction& a : t.actions0) {
    if (++shown > 20) {
      out << "  ... " << t.actions0.size() - 20 << " more in the JSON summary\n";
      break;
    }
    row(at(sc, a.requested), at(sc, a.effective), std::to_string(a.from_seats) + "->" + std::to_string(a.to_seats),
        scaling_path_text(a.path), scaling_reason_text(a).substr(0, 40));
  }
}

void cost_lines(const run::SeatCost& c, int nrep, std::ostream& out) {
  out << "  seat licences (" << c.prices.currency << "), replication 0" << (nrep > 1 ? " (means in JSON)" : "")
      << ": consumption = pro-rated by day; cash = licences bought for their validity, no refund on scale-in\n";
  for (const auto& m : c.months) {
    const seats::MonthBill& b = m.bill0;
    out << "    " << format_date(b.month.first_day) << ".." << format_date(b.month.last_day) << "  consumption "
        << format_cents(b.consumption.seats_cents) << "  cash " << format_cents(b.cash.seats_cents) << " ("
        << b.cash.licences_bought << " licences bought)  | bill: consumption " << format_cents(b.consumption.total_cents)
        << ", cash " << format_cents(b.cash.total_cents) << "\n";
  }
  const run::ScalingCost& s = c.scaling;
  out << "  cost of seat changes (mean): consumption " << fixed(s.all_consumption.mean, 2) << ", cash "
      << fixed(s.all_cash.mean, 2) << "; of which autoscaler: consumption " << fixed(s.autoscaler_consumption.mean, 2)
      << ", cash " << fixed(s.autoscaler_cash.mean, 2) << "\n";
}

}  // namespace

std::string scaling_path_text(const ScalingPath& p) {
  std::string s = std::string(p.autoscale ? "autoscale " : "") + scaling_path_kind_name(p.kind);
  if (p.kind == ScalingPathKind::SplitStep) s += " " + std::to_string(p.step) + "/" + std::to_string(p.steps);
  return s;
}

std::string scaling_reason_text(const ScalingAction& a) {
  if (a.reason == ScalingReason::Scheduled) return "scheduled change to " + std::to_string(a.target_seats) + " seats";
  // Service level is better when higher: scaling out means it fell below the bound.
  const bool higher_is_better = a.metric == "service_level";
  const bool below = (a.reason == ScalingReason::ScaleOut) == higher_is_better;
  return a.metric + " " + printf_str("%.4g", a.value) + (below ? " < " : " > ") + printf_str("%.4g", a.bound) +
         " over " + format_duration(a.window);
}

nlohmann::json seats_json(const Scenario& sc, const run::SeatsSection& s) {
  json tenants = json::array();
  for (const auto& t : s.tenants) tenants.push_back(tenant_json(sc, t));
  return json{{"tenants", tenants}};
}

std::string seats_terminal(const Scenario& sc, const run::SeatsSection& s) {
  std::ostringstream out;
  for (const auto& t : s.tenants) {
    out << "\nSeats - " << t.tenant << ": purchased " << t.initial_seats << " at start (" << t.admins
        << " admins), min " << format_level(t.seats.min) << ", max " << format_level(t.seats.max) << ", peak online "
        << format_level(t.seats.max_online) << "\n";
    actions_lines(sc, t, out);
    out << "  seat-limited intervals: " << t.seat_limited.size() << " of " << t.intervals << " (unseated agent-hours "
        << format_level(t.unseated_agent_hours) << ")\n";
    if (t.cost) cost_lines(*t.cost, s.replications, out);
  }
  return out.str();
}

}  // namespace ccsim
