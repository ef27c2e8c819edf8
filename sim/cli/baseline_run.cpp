#include "cli/baseline_run.hpp"

#include <iostream>

#include "output/platform_render.hpp"
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
  if (b.interrupted) {  // a cut-short baseline would give wrong drill effects: none rather than wrong ones
    std::cerr << "ccsim run: --baseline: interrupted: no baseline section (the run's own results are complete)\n";
    return;
  }
  const auto effects = platform::baseline_effects(ctx.sc, ctx.reps, base, b.results);
  ctx.doc["platform"]["baseline"] = platform::baseline_json(effects, static_cast<int>(b.results.size()));
  if (!ctx.quiet) ctx.table << platform::baseline_terminal(effects);
}

}  // namespace ccsim::cli
