#pragma once
// The renderers of the platform section (platform/rehearsal.hpp, platform/baseline.hpp): one JSON form (the
// summary's "platform" key, docs/output-format.md "Section layout") and one terminal form. The HDF5 writer
// stores the JSON and the HTML report reads it back.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "platform/baseline.hpp"
#include "platform/hypotheses.hpp"
#include "platform/rehearsal.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::platform {

nlohmann::json rehearsal_json(const Scenario& sc, const Rehearsal& r);
std::string rehearsal_terminal(const Scenario& sc, const Rehearsal& r);

// The worst value of a hypothesis over every replication, with where and when (also the journal's).
nlohmann::json hypothesis_worst_json(const Scenario& sc, const HypothesisReport& h);

// platform.baseline and its terminal lines (`ccsim run --baseline`).
nlohmann::json baseline_json(const std::vector<BaselineEffect>& effects, int replications);
std::string baseline_terminal(const std::vector<BaselineEffect>& effects);

// A measured value with its unit: "56.4%", "75 s", "12 minutes", "-" for NaN.
std::string format_hypothesis_value(const std::string& metric, double v);
// "worst 56.4% at 2026-03-16T10:23 (acme)": the worst value, when (date-time, minutes) and where.
std::string describe_worst(const Hypothesis& h, const Scenario& sc, const HypothesisResult& r);

}  // namespace ccsim::platform
