#pragma once
// Claim windows: when a credit for a service month may be claimed (after the Nth business day of the next
// month, until N calendar days after the service month ends), per the contract's rule.
#include "core/service_month.hpp"
#include "sla/contract.hpp"

namespace ccsim::sla {

struct ClaimWindow {
  CivilDate nth_business_day;  // e.g. the 5th business day of the following month
  CivilDate opens;             // first day a claim may be filed: the day after nth_business_day
  CivilDate closes;            // last day a claim may be filed: last_day + N calendar days
};

ClaimWindow claim_window(const ServiceMonth& m, const ClaimWindowRule& rule, const BusinessCalendar& cal);

}  // namespace ccsim::sla
