#pragma once
// `ccsim run --baseline`: reruns the scenario without drills and random failures (same seed, same
// replications) and adds doc["platform"]["baseline"] with each hypothesis's drill effect (platform/baseline.hpp).
#include "engine/replication_runner.hpp"
#include "run/section_context.hpp"

namespace ccsim::cli {

void add_baseline(run::SectionContext& ctx, const RunnerOptions& ro);

}  // namespace ccsim::cli
