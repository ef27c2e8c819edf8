// The SLA section of `ccsim run`: every tenant bound to a contract is evaluated per replication on its
// simulated per-minute ledger; the JSON gets the distribution across replications (availability with CI,
// P(below standard), P(each tier), expected credit) plus replication 0's month table as an example, and the
// provider's total credits owed across tenants, vouchers and cash apart (a voucher is not money paid out), each
// under the headline readings and under the table reading (the upper bound of the liability).
#include <array>
#include <cstdio>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/section_context.hpp"
#include "sla/contract.hpp"
#include "run/sla_inputs.hpp"
#include "sla/sla_format.hpp"
#include "sla/sla_json.hpp"
#include "sla/summary.hpp"
#include "stats/confidence.hpp"

namespace ccsim::run {

namespace {

// Provider totals per replication, by credit form (voucher, cash) and reading (headline, table).
struct ProviderCredits {
  std::array<std::array<std::vector<double>, 2>, 2> by_form_reading;  // [form][0 headline | 1 table]
  std::array<bool, 2> form_used{};
  explicit ProviderCredits(size_t reps) {
    for (auto& f : by_form_reading)
      for (auto& v : f) v.assign(reps, 0.0);
  }
  void add(size_t rep, const sla::SlaEvaluation& e) {
    const int f = static_cast<int>(e.credit_form);
    form_used[f] = true;
    by_form_reading[f][0][rep] += static_cast<double>(*e.credit_owed_cents) / 100.0;
    by_form_reading[f][1][rep] += static_cast<double>(*e.credit_owed_by_reading_cents[1]) / 100.0;
  }
};

nlohmann::json estimate_json(const Estimate& e) { return {{"mean", e.mean}, {"ci95", {e.lo, e.hi}}}; }

// The dropped-call and QPS readings the evaluation used, with their figures per replication (mean, 95% CI).
nlohmann::json readings_json(const sla::Contract& c, const std::vector<sla::SlaEvaluation>& evals) {
  std::vector<double> dropped, qps_removed;
  for (const auto& e : evals) {
    dropped.push_back(static_cast<double>(e.dropped_calls));
    qps_removed.push_back(static_cast<double>(e.qps_excluded_failures));
  }
  auto est = [](const std::vector<double>& v) {
    const Estimate e = mean_ci(v);
    return nlohmann::json{{"mean", e.mean}, {"ci95", {e.lo, e.hi}}};
  };
  return {{"dropped_calls", sla::dropped_calls_name(c.dropped_calls)},
          {"dropped_calls_per_replication", est(dropped)},
          {"qps_exclusion", sla::qps_exclusion_name(c.qps.exclusion)},
          {"qps_excluded_failures_per_replication", est(qps_removed)}};
}

std::string readings_text(const nlohmann::json& r) {
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "Dropped calls: %.1f per replication, read as %s (%s)\n"
                "QPS rule removes: %s (%.1f failures per replication)\n",
                r["dropped_calls_per_replication"]["mean"].get<double>(), r["dropped_calls"].get<std::string>().c_str(),
                r["dropped_calls"] == "reached_server" ? "not failed requests" : "each a failed request",
                r["qps_exclusion"].get<std::string>().c_str(),
                r["qps_excluded_failures_per_replication"]["mean"].get<double>());
  return buf;
}
}  // namespace

void add_sla_section(SectionContext& ctx) {
  nlohmann::json tenants = nlohmann::json::object();
  ProviderCredits provider(ctx.reps.size());
  bool any_fee = false;
  std::string currency;  // of the provider totals: the tenants' (contract or price list), when they agree
  bool currencies_agree = true;
  for (size_t t = 0; t < ctx.sc.tenants.size(); ++t) {
    const Tenant& tenant = ctx.sc.tenants[t];
    if (tenant.sla.contract_file.empty()) continue;
    const sla::Contract contract = sla::load_contract(tenant.sla.contract_file);
    std::vector<sla::SlaEvaluation> evals;
    for (size_t r = 0; r < ctx.reps.size(); ++r) {
      const TenantRep& rep = ctx.reps[r].tenants[t];
      evals.push_back(sla::evaluate(contract, rep.ledger, sla::inputs_for_tenant(ctx.sc, tenant, rep, ctx.reps[r].scaling)));
      if (evals.back().credit_owed_cents) {
        provider.add(r, evals.back());
        any_fee = true;
      }
    }
    const sla::SlaSummary summary = sla::summarize(evals);
    if (evals.front().credit_owed_cents) {
      if (currency.empty()) currency = summary.currency;
      else if (currency != summary.currency) currencies_agree = false;
    }
    nlohmann::json tj;
    tj["contract"] = contract;
    tj["summary"] = summary;
    tj["replication_0"] = evals.front();
    tj["readings"] = readings_json(contract, evals);
    tenants[tenant.name] = tj;
    if (!ctx.quiet)
      ctx.table << "\nSLA of tenant " << tenant.name << "\n" << sla::format_summary(summary) << readings_text(tj["readings"]);
    if (!ctx.quiet) ctx.table << sla::format_durability(evals);
  }
  if (tenants.empty()) return;
  nlohmann::json sec;
  sec["tenants"] = tenants;
  if (any_fee) {
    const std::string cur = currencies_agree && !currency.empty() ? currency : "fee units";
    nlohmann::json owed = {{"currency_unit", "1 " + cur},  // amounts in whole currency units, two decimals
                           {"currency", cur},
                           {"headline", "each tenant's headline eligibility reading"},
                           {"upper_bound", "table reading (any tier of the table)"}};
    for (int f = 0; f < 2; ++f) {
      const char* form = sla::credit_form_name(static_cast<sla::CreditForm>(f));
      const Estimate h = mean_ci(provider.by_form_reading[f][0]), u = mean_ci(provider.by_form_reading[f][1]);
      owed[form] = {{"headline", estimate_json(h)}, {"upper_bound", estimate_json(u)}};
      if (!ctx.quiet && provider.form_used[f]) {
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "Provider credits owed as %s (%s; all tenants, whole term; mean [95%% CI]):\n"
                      "  headline %.2f [%.2f, %.2f]; table reading (upper bound) %.2f [%.2f, %.2f]\n",
                      f == 0 ? "vouchers" : "cash", cur.c_str(), h.mean, h.lo, h.hi, u.mean, u.lo, u.hi);
        ctx.table << buf;
      }
    }
    sec["provider_credit_owed"] = owed;
  }
  ctx.doc["sla"] = sec;
}

}  // namespace ccsim::run
