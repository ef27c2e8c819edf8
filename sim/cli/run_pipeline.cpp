#include "cli/run_pipeline.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/progress.hpp"
#include "core/error.hpp"
#include "engine/replication_runner.hpp"
#include "output/atomic_file.hpp"
#include "output/json_summary.hpp"
#include "output/terminal_summary.hpp"
#include "stats/aggregate.hpp"

namespace ccsim::cli {

int run_pipeline(Scenario& sc, const RunRequest& req) {
  if (req.replications) sc.replications = *req.replications;
  if (req.seed) sc.seed = *req.seed;
  // Outputs go to stdout only when asked; then the summary table moves to stderr to keep stdout parseable.
  const bool json_stdout = req.json_path == "-";
  std::ostream& table_out = json_stdout ? std::cerr : std::cout;

  ProgressReporter progress(ProgressReporter::detect(req.quiet));
  RunnerOptions ro;
  ro.replications = sc.replications;
  ro.jobs = req.jobs;
  ro.log = req.log;
  ro.on_progress = [&](const RunProgress& p) { progress.update(p); };
  RunOutcome outcome = run_replications(sc, ro);
  progress.done();
  if (outcome.results.empty()) {
    std::cerr << "ccsim run: interrupted before any replication finished; nothing written\n";
    return kExitInternal;
  }

  Summary summary = aggregate(sc, outcome.results);
  summary.run.elapsed_seconds = outcome.elapsed;
  nlohmann::json doc = summary_to_json(sc, summary, JsonSummaryOptions{!req.no_intervals});
  doc["run"]["interrupted"] = outcome.interrupted;

  if (!req.quiet) table_out << format_summary(sc, summary);
  if (outcome.interrupted) std::cerr << "ccsim run: interrupted: results cover the simulated part only (marked incomplete)\n";

  if (!req.json_path.empty()) {
    const std::string text = doc.dump(2) + "\n";
    if (json_stdout) {
      std::cout << text;
    } else {
      AtomicFile f(req.json_path);
      f.write(text);
      f.commit();
    }
  }
  return kExitOk;
}

}  // namespace ccsim::cli
