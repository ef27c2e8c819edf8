#pragma once
// The renderers of the SLA section of `ccsim run` (run/sla_section.hpp): one JSON form (the summary's "sla"
// key, docs/sla.md "JSON", docs/output-format.md "Section layout") and one terminal form.
#include <nlohmann/json.hpp>
#include <string>

#include "run/sla_section.hpp"

namespace ccsim {

nlohmann::json sla_section_json(const run::SlaSection& s);
std::string sla_section_terminal(const run::SlaSection& s);

}  // namespace ccsim
