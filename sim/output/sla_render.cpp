#include "output/sla_render.hpp"

#include "core/format.hpp"
#include "output/sla_format.hpp"
#include "output/sla_json.hpp"
#include "stats/estimate_format.hpp"

namespace ccsim {

namespace {

using nlohmann::json;

json readings_json(const run::SlaReadingFigures& r) {
  return {{"dropped_calls", sla::dropped_calls_name(r.dropped_calls)},
          {"dropped_calls_per_replication", section_estimate_json(r.dropped_calls_per_replication)},
          {"qps_exclusion", sla::qps_exclusion_name(r.qps_exclusion)},
          {"qps_excluded_failures_per_replication", section_estimate_json(r.qps_excluded_failures_per_replication)}};
}

std::string readings_text(const run::SlaReadingFigures& r) {
  return "Dropped calls: " + fixed(r.dropped_calls_per_replication.mean, 1) + " per replication, read as " +
         sla::dropped_calls_name(r.dropped_calls) + " (" +
         (r.dropped_calls == sla::DroppedCalls::ReachedServer ? "not failed requests" : "each a failed request") +
         ")\nQPS rule removes: " + sla::qps_exclusion_name(r.qps_exclusion) + " (" +
         fixed(r.qps_excluded_failures_per_replication.mean, 1) + " failures per replication)\n";
}

json provider_json(const run::ProviderCreditOwed& p) {
  json owed = {{"currency_unit", "1 " + p.currency},  // amounts in whole currency units, two decimals
               {"currency", p.currency},
               {"headline", "each tenant's headline eligibility reading"},
               {"upper_bound", "table reading (any tier of the table)"}};
  for (size_t f = 0; f < 2; ++f)
    owed[sla::credit_form_name(static_cast<sla::CreditForm>(f))] = {
        {"headline", section_estimate_json(p.by_form_reading[f][0])},
        {"upper_bound", section_estimate_json(p.by_form_reading[f][1])}};
  return owed;
}

std::string provider_text(const run::ProviderCreditOwed& p) {
  std::string s;
  for (size_t f = 0; f < 2; ++f) {
    if (!p.form_used[f]) continue;
    const Estimate& h = p.by_form_reading[f][0];
    const Estimate& u = p.by_form_reading[f][1];
    s += std::string("Provider credits owed as ") + (f == 0 ? "vouchers" : "cash") + " (" + p.currency +
         "; all tenants, whole term; mean [95% CI]):\n  headline " + format_range(h, 2) +
         "; table reading (upper bound) " + format_range(u, 2) + "\n";
  }
  return s;
}

}  // namespace

nlohmann::json sla_section_json(const run::SlaSection& s) {
  json tenants = json::array();
  for (const auto& t : s.tenants) {
    json tj;
    tj["tenant"] = t.tenant;
    tj["contract"] = t.contract;
    tj["summary"] = t.summary;
    tj["replication_0"] = t.evaluations.front();
    tj["readings"] = readings_json(t.readings);
    tenants.push_back(tj);
  }
  json sec = {{"tenants", tenants}};
  if (s.provider_credit_owed) sec["provider_credit_owed"] = provider_json(*s.provider_credit_owed);
  return sec;
}

std::string sla_section_terminal(const run::SlaSection& s) {
  std::string out;
  for (const auto& t : s.tenants)
    out += "\nSLA of tenant " + t.tenant + "\n" + sla::format_summary(t.summary) + readings_text(t.readings) +
           sla::format_durability(t.evaluations);
  if (s.provider_credit_owed) out += provider_text(*s.provider_credit_owed);
  return out;
}

}  // namespace ccsim
