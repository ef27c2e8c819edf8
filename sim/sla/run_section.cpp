// The SLA section of `ccsim run`: every tenant bound to a contract is evaluated per replication on its
// simulated per-minute ledger; the JSON gets the distribution across replications (availability with CI,
// P(below standard), P(each tier), expected credit) plus replication 0's month table as an example, and the
// provider's total credits owed across tenants.
#include <nlohmann/json.hpp>

#include "cli/run_sections.hpp"
#include "sla/contract.hpp"
#include "sla/run_inputs.hpp"
#include "sla/sla_format.hpp"
#include "sla/sla_json.hpp"
#include "sla/summary.hpp"
#include "stats/confidence.hpp"

namespace ccsim::cli {

void add_sla_section(SectionContext& ctx) {
  nlohmann::json tenants = nlohmann::json::object();
  std::vector<double> provider_credit(ctx.reps.size(), 0.0);
  bool any_fee = false;
  for (size_t t = 0; t < ctx.sc.tenants.size(); ++t) {
    const Tenant& tenant = ctx.sc.tenants[t];
    if (tenant.sla.contract_file.empty()) continue;
    const sla::Contract contract = sla::load_contract(tenant.sla.contract_file);
    std::vector<sla::SlaEvaluation> evals;
    for (size_t r = 0; r < ctx.reps.size(); ++r) {
      const TenantRep& rep = ctx.reps[r].tenants[t];
      evals.push_back(sla::evaluate(contract, rep.ledger, sla::inputs_for_tenant(ctx.sc, tenant, rep, ctx.reps[r].scaling)));
      if (evals.back().credit_owed_cents) {
        provider_credit[r] += static_cast<double>(*evals.back().credit_owed_cents) / 100.0;
        any_fee = true;
      }
    }
    const sla::SlaSummary summary = sla::summarize(evals);
    nlohmann::json tj;
    tj["contract"] = contract;
    tj["summary"] = summary;
    tj["replication_0"] = evals.front();
    tenants[tenant.name] = tj;
    if (!ctx.quiet) ctx.table << "\nSLA of tenant " << tenant.name << "\n" << sla::format_summary(summary);
    if (!ctx.quiet) ctx.table << sla::format_durability(evals);
  }
  if (tenants.empty()) return;
  nlohmann::json sec;
  sec["tenants"] = tenants;
  if (any_fee) {
    const Estimate e = mean_ci(provider_credit);
    sec["provider_total_credit_owed"] = {{"mean", e.mean}, {"ci95", {e.lo, e.hi}}, {"currency_unit", "1 (fee units)"}};
    if (!ctx.quiet) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "Provider total credits owed (all tenants, whole term): %.2f (95%% CI %.2f .. %.2f)\n",
                    e.mean, e.lo, e.hi);
      ctx.table << buf;
    }
  }
  ctx.doc["sla"] = sec;
}

}  // namespace ccsim::cli
