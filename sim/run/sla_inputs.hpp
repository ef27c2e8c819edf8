#pragma once
// From a simulated tenant to the SLA engine's inputs: the service term and notices of its SLA binding, and the
// Monthly Service Fee per service month (a fixed fee, or seats + numbers + communication from the price list).
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"
#include "sla/evaluate.hpp"
#include "sla/service_term.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::sla {

// Inputs for evaluating `tenant`'s contract on one replication's results `rep` (the scaling actions of the
// replication give the seat timeline). Throws InputError when the price list is invalid.
SlaInputs inputs_for_tenant(const Scenario& sc, const Tenant& tenant, const TenantRep& rep,
                            const std::vector<ScalingAction>& scaling);

}  // namespace ccsim::sla
