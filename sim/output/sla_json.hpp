#pragma once
// JSON form of SLA results (shape documented in docs/sla.md, "JSON"). Money is in currency units with two
// decimals (cents / 100), availability both as a fraction and as the exact rational num/den.
#include <nlohmann/json.hpp>

#include "sla/contract.hpp"
#include "sla/evaluate.hpp"
#include "sla/summary.hpp"

namespace ccsim::sla {

void to_json(nlohmann::json& j, const Contract& c);      // the contract as modelled (id, tiers, rules)
void to_json(nlohmann::json& j, const MinuteRange& r);
void from_json(const nlohmann::json& j, MinuteRange& r);  // what the HTML report reads back
void to_json(nlohmann::json& j, const MonthResult& m);
void to_json(nlohmann::json& j, const SlaEvaluation& e);
void to_json(nlohmann::json& j, const MonthSummary& m);
void to_json(nlohmann::json& j, const SlaSummary& s);

}  // namespace ccsim::sla
