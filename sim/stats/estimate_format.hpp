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
std::string format_percent_range(const Estimate& e);  // 0.812 [0.70, 0.90] -> "81% [70-90]" (whole percents)
std::string format_range(const Estimate& e, int dec);  // 12.3 [10.1, 14.6], dec 0 -> "12 [10, 15]"; NaN -> "-"
// {"mean", "ci95": [lo, hi]} (+ "n" when fewer than `replications` replications had a value).
nlohmann::json estimate_to_json(const Estimate& e, int replications);
// The estimate of a run section (sla, platform, seats): {"mean", "ci95": [lo, hi], "n"}, "n" always (how many
// values it pools: replications, incidents), so a reader (ccsim compare) can rebuild the spread.
nlohmann::json section_estimate_json(const Estimate& e);

}  // namespace ccsim
