#pragma once
// The SLA section of `ccsim run` as typed figures: every tenant bound to a contract is evaluated per
// replication on its simulated per-minute ledger (the distribution across replications, replication 0's month
// table, the dropped-call and QPS readings with their figures), plus the provider's total credits owed across
// tenants, vouchers and cash apart, under the headline readings and the table reading (the upper bound).
// output/sla_render.hpp renders it.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "sla/contract.hpp"
#include "sla/evaluate.hpp"
#include "sla/summary.hpp"
#include "stats/confidence.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::run {

// The dropped-call and QPS readings an evaluation used, with their figures per replication.
struct SlaReadingFigures {
  sla::DroppedCalls dropped_calls = sla::DroppedCalls::ReachedServer;
  Estimate dropped_calls_per_replication;
  sla::QpsExclusion qps_exclusion = sla::QpsExclusion::LoadCausedFailures;
  Estimate qps_excluded_failures_per_replication;
};

struct SlaTenantSection {
  std::string tenant;
  sla::Contract contract;
  sla::SlaSummary summary;                     // across replications
  std::vector<sla::SlaEvaluation> evaluations;  // one per replication; [0] is the example month table
  SlaReadingFigures readings;
};

// Provider totals in currency units: [credit form: voucher, cash][reading: 0 headline, 1 table].
struct ProviderCreditOwed {
  std::string currency;                        // the tenants' when they agree, else "fee units"
  std::array<std::array<Estimate, 2>, 2> by_form_reading{};
  std::array<bool, 2> form_used{};
};

struct SlaSection {
  int replications = 0;
  std::vector<SlaTenantSection> tenants;
  std::optional<ProviderCreditOwed> provider_credit_owed;  // when some contract has a fee
};

// Empty when no tenant is bound to a contract.
std::optional<SlaSection> sla_section(const Scenario& sc, const std::vector<RepResult>& reps);

}  // namespace ccsim::run
