#pragma once
// The JSON summary of a run (`ccsim run --json PATH`): every figure as {"mean": x, "ci95": [lo, hi]}, keyed by
// tenant, call type, group and trunk names. The schema is documented in docs/output-format.md and kept stable:
// fields may be added, never renamed or removed without a version bump. Other parts of ccsim add their own
// top-level sections ("sla", "platform", "seats", "capacity") to the object this returns.
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

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

// The JSON file of a run: `doc` (summary_to_json without intervals, plus the sections) written as dump(2) would
// write it, plus a final newline. With `intervals`, each series gets its "intervals" list exactly as
// summary_to_json would have put it there, made one row at a time; the text goes to `sink` about 1 MiB at a
// time. So a year of hourly intervals (hundreds of MB as a JSON tree) never exists in memory.
void write_summary_json(const nlohmann::json& doc, const Scenario& sc, const Summary& s, bool intervals,
                        const std::function<void(std::string_view)>& sink);

// {"mean": x, "ci95": [lo, hi]}; undefined figures (no replication had a defined value) are
// {"mean": null, "ci95": [null, null]}; "n" is added when fewer than `replications` replications contributed.

}  // namespace ccsim
