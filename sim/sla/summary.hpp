#pragma once
// Across replications: the distribution of SLA outcomes per service month, not only the mean. Availability
// and credits get 95% Student-t intervals; the probability of falling below the standard and of landing in
// each credit tier get 95% Wilson intervals (stats/confidence.hpp).
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
};

struct SlaSummary {
  std::string contract_id;
  Unit unit = Unit::Minute;
  Eligibility eligibility = Eligibility::Standard;
  int64_t availability_standard_ppm = 0;
  std::vector<std::string> tier_labels;
  int replications = 0;
  std::vector<MonthSummary> months;
  std::optional<Estimate> total_credit_owed_cents;
};

// All evaluations must come from the same contract and service term (same months); throws
// std::invalid_argument otherwise, and for an empty vector.
SlaSummary summarize(const std::vector<SlaEvaluation>& reps);

}  // namespace ccsim::sla
