#pragma once
// Across replications: the distribution of SLA outcomes per service month, not only the mean. Availability
// and credits get 95% Student-t intervals; the probability of falling below the standard and of landing in
// each credit tier get 95% Wilson intervals (stats/confidence.hpp).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sla/evaluate.hpp"
#include "stats/confidence.hpp"

namespace ccsim::sla {

struct MonthSummary {
  ServiceMonth month;
  Estimate availability;          // fraction
  Estimate unavailable_minutes;
  Estimate unavailable_removed_by_qps;
  Estimate p_below_standard;
  Estimate p_eligible;            // a credit is owed under the reading used
  std::vector<Estimate> p_tier;   // P(availability in tier k), same order as the contract's tiers
  Estimate credit_bp;             // expected credit in basis points of the fee
  std::optional<Estimate> credit_owed_cents;  // when fees are known
  // Both eligibility readings side by side (indexed by Eligibility); the fields above are the headline's.
  std::array<Estimate, 2> credit_bp_by_reading;
  std::array<std::optional<Estimate>, 2> credit_owed_by_reading_cents;
};

struct SlaSummary {
  std::string contract_id;
  std::string currency;  // of every amount ("" = unstated)
  Unit unit = Unit::Minute;
  Eligibility eligibility = Eligibility::Standard;
  int64_t availability_standard_ppm = 0;
  std::vector<std::string> tier_labels;
  int replications = 0;
  std::vector<MonthSummary> months;
  std::optional<Estimate> total_credit_owed_cents;
  std::array<std::optional<Estimate>, 2> total_credit_owed_by_reading_cents;  // indexed by Eligibility
  CreditForm credit_form = CreditForm::Voucher;
  // The term and how minutes outside the simulated horizon were read (same for every replication).
  int64_t term_start = 0, term_end = 0;
  bool term_is_default = false;
  std::optional<std::pair<int64_t, int64_t>> observed;
  OutsideObserved outside = OutsideObserved::Available;
};

// All evaluations must come from the same contract and service term (same months); throws
// std::invalid_argument otherwise, and for an empty vector.
SlaSummary summarize(const std::vector<SlaEvaluation>& reps);

}  // namespace ccsim::sla
