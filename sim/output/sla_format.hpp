#pragma once
// Compact terminal tables (<= 100 columns) of SLA results, shared by `ccsim sla` and `ccsim run`.
#include <string>

#include "sla/evaluate.hpp"
#include "sla/summary.hpp"

namespace ccsim::sla {

// Availability as a percentage truncated (never rounded up) to 4 decimals, from the exact rational, so the
// printed figure never crosses a tier boundary the true value has not crossed: 99.94999% prints 99.9499%.
std::string format_availability(uint64_t num, uint64_t den);

// One row per service month, then tier legend, claim windows and exclusion notes.
std::string format_evaluation(const SlaEvaluation& e);
// Across replications: availability mean [95% CI], P(below standard), P(each tier), expected credit.
std::string format_summary(const SlaSummary& s);
// Durability on the stored stock per service month, means over replications ("" without recordings).
std::string format_durability(const std::vector<SlaEvaluation>& evals);

}  // namespace ccsim::sla
