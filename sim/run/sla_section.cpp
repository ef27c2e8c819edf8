// The SLA section of `ccsim run` (run/sla_section.hpp), computed in named steps: evaluate each tenant's
// contract per replication, summarize, and total the provider's credits.
#include "run/sla_section.hpp"

#include "run/sla_inputs.hpp"

namespace ccsim::run {

namespace {

// Provider totals per replication, by credit form (voucher, cash) and reading (headline, table).
struct ProviderTotals {
  std::array<std::array<std::vector<double>, 2>, 2> by_form_reading;  // [form][0 headline | 1 table]
  std::array<bool, 2> form_used{};
  bool any_fee = false;
  std::string currency;
  bool currencies_agree = true;
  explicit ProviderTotals(size_t reps) {
    for (auto& f : by_form_reading)
      for (auto& v : f) v.assign(reps, 0.0);
  }
  void add(size_t rep, const sla::SlaEvaluation& e) {
    const int f = static_cast<int>(e.credit_form);
    form_used[static_cast<size_t>(f)] = true;
    any_fee = true;
    by_form_reading[static_cast<size_t>(f)][0][rep] += static_cast<double>(*e.credit_owed_cents) / 100.0;
    by_form_reading[static_cast<size_t>(f)][1][rep] += static_cast<double>(*e.credit_owed_by_reading_cents[1]) / 100.0;
  }
  void add_currency(const std::string& c) {
    if (currency.empty()) currency = c;
    else if (currency != c) currencies_agree = false;
  }
  ProviderCreditOwed owed() const {
    ProviderCreditOwed o;
    o.currency = currencies_agree && !currency.empty() ? currency : "fee units";
    o.form_used = form_used;
    for (size_t f = 0; f < 2; ++f)
      for (size_t r = 0; r < 2; ++r) o.by_form_reading[f][r] = mean_ci(by_form_reading[f][r]);
    return o;
  }
};

SlaReadingFigures reading_figures(const sla::Contract& c, const std::vector<sla::SlaEvaluation>& evals) {
  std::vector<double> dropped, qps_removed;
  for (const auto& e : evals) {
    dropped.push_back(static_cast<double>(e.dropped_calls));
    qps_removed.push_back(static_cast<double>(e.qps_excluded_failures));
  }
  return {c.dropped_calls, mean_ci(dropped), c.qps.exclusion, mean_ci(qps_removed)};
}

// One tenant's contract evaluated on each replication's ledger.
std::vector<sla::SlaEvaluation> evaluate_tenant(const Scenario& sc, size_t t, const sla::Contract& contract,
                                                const std::vector<RepResult>& reps) {
  std::vector<sla::SlaEvaluation> evals;
  for (const RepResult& r : reps) {
    const TenantRep& rep = r.tenants[t];
    evals.push_back(sla::evaluate(contract, rep.ledger, sla::inputs_for_tenant(sc, sc.tenants[t], rep, r.scaling)));
  }
  return evals;
}

}  // namespace

std::optional<SlaSection> sla_section(const Scenario& sc, const std::vector<RepResult>& reps) {
  SlaSection out;
  out.replications = static_cast<int>(reps.size());
  ProviderTotals provider(reps.size());
  for (size_t t = 0; t < sc.tenants.size(); ++t) {
    const Tenant& tenant = sc.tenants[t];
    if (tenant.sla.contract_file.empty()) continue;
    SlaTenantSection ts;
    ts.tenant = tenant.name;
    ts.contract = sla::load_contract(tenant.sla.contract_file);
    ts.evaluations = evaluate_tenant(sc, t, ts.contract, reps);
    for (size_t r = 0; r < ts.evaluations.size(); ++r)
      if (ts.evaluations[r].credit_owed_cents) provider.add(r, ts.evaluations[r]);
    ts.summary = sla::summarize(ts.evaluations);
    if (!ts.evaluations.empty() && ts.evaluations.front().credit_owed_cents) provider.add_currency(ts.summary.currency);
    ts.readings = reading_figures(ts.contract, ts.evaluations);
    out.tenants.push_back(std::move(ts));
  }
  if (out.tenants.empty()) return std::nullopt;
  if (provider.any_fee) out.provider_credit_owed = provider.owed();
  return out;
}

}  // namespace ccsim::run
