#pragma once
// From a simulated tenant to the SLA engine's inputs: the service term and notices of its SLA binding, and the
// Monthly Service Fee per service month (a fixed fee, or seats + numbers + communication from the price list).
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"
#include "sla/evaluate.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::sla {

// The service term of `tenant`'s contract, epoch seconds [start, end): as given in the scenario, else the
// calendar service months containing the horizon (a one-day drill on March 16 is judged in March 1-31).
std::pair<int64_t, int64_t> service_term(const Scenario& sc, const Tenant& tenant);

// Inputs for evaluating `tenant`'s contract on one replication's results `rep` (the scaling actions of the
// replication give the seat timeline). Throws InputError when the price list is invalid.
SlaInputs inputs_for_tenant(const Scenario& sc, const Tenant& tenant, const TenantRep& rep,
                            const std::vector<ScalingAction>& scaling);

}  // namespace ccsim::sla
