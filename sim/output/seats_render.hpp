#pragma once
// The renderers of the seats section (run/seats_section.hpp): one JSON form (the summary's "seats" key,
// docs/capacity.md "Seats in the run summary") and one terminal form.
#include <nlohmann/json.hpp>
#include <string>

#include "run/seats_section.hpp"

namespace ccsim {

nlohmann::json seats_json(const Scenario& sc, const run::SeatsSection& s);
std::string seats_terminal(const Scenario& sc, const run::SeatsSection& s);

// "autoscale split-step 1/2", "ticket": how a change went through, as the JSON and the terminal show it.
std::string scaling_path_text(const ScalingPath& p);
// "scheduled change to 36 seats", "queue_length 12.4 > 10 over 15min": why a change was requested.
std::string scaling_reason_text(const ScalingAction& a);

}  // namespace ccsim
