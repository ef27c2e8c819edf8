#pragma once
// The JSON summary of a run (`ccsim run --json PATH`): every figure as {"mean": x, "ci95": [lo, hi]}, keyed by
// tenant, call type, group and trunk names. The schema is documented in docs/output-format.md and kept stable:
// fields may be added, never renamed or removed without a version bump. Other parts of ccsim add their own
// top-level sections ("sla", "platform", "seats", "capacity") to the object this returns.
#include <nlohmann/json.hpp>

#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"
#include "stats/estimate_format.hpp"

namespace ccsim {

constexpr const char* kSummaryFormat = "ccsim-summary";
constexpr int kSummaryVersion = 2;  // 2: one section layout (docs/output-format.md "Section layout")

struct JsonSummaryOptions {
  bool intervals = true;  // include the per-interval series (the bulk of the file for long horizons)
};

nlohmann::json summary_to_json(const Scenario& sc, const Summary& s, const JsonSummaryOptions& opt = {});

// {"mean": x, "ci95": [lo, hi]}; undefined figures (no replication had a defined value) are
// {"mean": null, "ci95": [null, null]}; "n" is added when fewer than `replications` replications contributed.

}  // namespace ccsim
