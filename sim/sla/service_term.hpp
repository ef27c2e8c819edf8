#pragma once
// The service term a tenant's contract is judged on: as given in the scenario, else the calendar service
// months containing the horizon (docs/sla.md "Service term"). The SLA section and the hypotheses'
// availability use this one definition.
#include <cstdint>
#include <utility>

#include "scenario/scenario.hpp"

namespace ccsim::sla {

// Epoch seconds [start, end): a one-day drill on March 16 is judged in March 1-31.
std::pair<int64_t, int64_t> service_term(const Scenario& sc, const Tenant& tenant);

}  // namespace ccsim::sla
