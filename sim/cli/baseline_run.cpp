#include "cli/baseline_run.hpp"

#include <iostream>

#include "platform/baseline.hpp"

namespace ccsim::cli {

void add_baseline(run::SectionContext& ctx, const RunnerOptions& ro) {
  if (ctx.sc.hypotheses.empty()) {
    std::cerr << "ccsim run: --baseline: the scenario declares no hypotheses; no baseline run\n";
    return;
  }
  Scenario base = platform::without_faults(ctx.sc);
  base.call_records = false;  // the drill effects need the ledgers only
  RunnerOptions quiet = ro;
  quiet.on_progress = nullptr;
  const RunOutcome b = run_replications(base, quiet);
  std::string text;
  nlohmann::json effects = platform::baseline_effects(ctx.sc, ctx.reps, base, b.results, text);
  ctx.doc["platform"]["baseline"] = {{"reading", "same scenario and seed without drills and random failures; "
                                                 "effect = drill - baseline, paired (common random numbers)"},
                                     {"replications", b.results.size()},
                                     {"hypotheses", effects}};
  if (!ctx.quiet)
    ctx.table << "  No-fault baseline (same seed; effect = drill - baseline, paired, 95% interval):\n" << text;
}

}  // namespace ccsim::cli
