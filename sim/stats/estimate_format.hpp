#pragma once
// An estimate (replication mean and 95% interval) as text and as JSON, the same everywhere it appears.
// NaN -> "-"; the half-width is shown only when the interval comes from >= 2 replications.
#include <nlohmann/json.hpp>
#include <string>

#include "stats/confidence.hpp"

namespace ccsim {

std::string format_percent(const Estimate& e);   // 0.812 -> "81.2% ±1.3" (percentage points)
std::string format_seconds(const Estimate& e);   // 12.34 -> "12.3s ±0.4"
std::string format_level(const Estimate& e);     // 1.234 -> "1.23 ±0.05"
// {"mean", "ci95": [lo, hi]} (+ "n" when fewer than `replications` replications had a value).
nlohmann::json estimate_to_json(const Estimate& e, int replications);

}  // namespace ccsim
