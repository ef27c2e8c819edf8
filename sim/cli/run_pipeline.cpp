#include "cli/run_pipeline.hpp"

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/baseline_run.hpp"
#include "cli/progress.hpp"
#include "run/section_context.hpp"
#include "core/error.hpp"
#include "engine/replication_runner.hpp"
#include "engine/run_scratch.hpp"
#include "core/atomic_file.hpp"
#include "output/json_summary.hpp"
#include "platform/journal.hpp"
#include "output/results_h5.hpp"
#include "core/format.hpp"
#include "core/time.hpp"
#include "output/table_render.hpp"
#include "output/terminal_summary.hpp"
#include "run/tables.hpp"
#include "stats/aggregate.hpp"

namespace ccsim::cli {

void write_run_csv(const std::string& dir, const Scenario& sc, const Summary& summary, const nlohmann::json& doc) {
  std::vector<Table> tables = run::kpi_tables(sc, summary);
  for (auto& t : run::section_tables(doc)) tables.push_back(std::move(t));
  write_csv_dir(dir, tables);
}

int run_pipeline(Scenario& sc, const RunRequest& req) {
  if (req.replications) sc.replications = *req.replications;
  if (req.seed) sc.seed = *req.seed;
  sc.call_records = req.call_records;  // the tenant models record per-call attempts only when asked

  ProgressReporter progress(ProgressReporter::detect(req.quiet));
  // Workers spool call records here; the HDF5 writer copies them from there, so no process holds them all.
  RunScratch scratch;
  RunnerOptions ro;
  ro.scratch_dir = scratch.path();
  ro.replications = sc.replications;
  ro.jobs = req.jobs;
  ro.log = req.log;
  ro.on_progress = [&](const RunProgress& p) { progress.update(p); };
  RunOutcome outcome = run_replications(sc, ro);
  progress.done();
  return finish_run(sc, req, outcome);
}

int finish_run(Scenario& sc, const RunRequest& req, const RunOutcome& outcome) {
  // Outputs go to stdout only when asked; then the summary table moves to stderr to keep stdout parseable.
  const bool json_stdout = req.json_path == "-";
  std::ostream& table_out = json_stdout ? std::cerr : std::cout;
  if (outcome.results.empty()) {
    std::cerr << "ccsim run: interrupted before any replication finished; nothing written\n";
    return kExitInternal;
  }

  Summary summary = aggregate(sc, outcome.results);
  summary.run.elapsed_seconds = outcome.elapsed;
  // The per-interval series are the bulk of the document (hundreds of MB for a year of hourly intervals) and
  // only the JSON file shows them: the sections, the CSV tables and the HDF5 file read other parts. The file
  // gets them row by row as it is written (write_summary_json).
  nlohmann::json doc = summary_to_json(sc, summary, JsonSummaryOptions{false});
  doc["run"]["interrupted"] = outcome.interrupted;

  if (!req.quiet) table_out << format_summary(sc, summary);
  run::SectionContext ctx{sc, outcome.results, summary, doc, table_out, req.quiet, kExitOk};
  run::add_sla_section(ctx);
  run::add_platform_section(ctx);
  if (req.baseline && !outcome.interrupted) {
    RunnerOptions ro;  // the no-fault rerun: same replications and workers as the run itself
    ro.replications = sc.replications;
    ro.jobs = req.jobs;
    ro.log = req.log;
    add_baseline(ctx, ro);
  }
  run::add_seats_section(ctx);
  if (outcome.interrupted) std::cerr << "ccsim run: interrupted: results cover the simulated part only (marked incomplete)\n";

  // Every run leaves an HDF5 results file (docs/output-format.md, "HDF5 results"): --output PATH, or
  // <scenario stem>.h5 in the current directory. Written after the sections so it stores their JSON.
  // `-o none` skips it when only the summary is wanted.
  const std::string h5_path = req.h5_path.empty() ? default_results_path(req.scenario_path) : req.h5_path;
  if (results_file_wanted(h5_path)) {
    const auto w0 = std::chrono::steady_clock::now();
    write_results_h5(h5_path, ctx, H5WriteOptions{req.call_records, outcome.interrupted});
    const double write_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    if (!req.quiet) table_out << "results: " << h5_path << " (written in " << format_duration(write_s) << ")\n";
  } else if (!req.quiet) {
    table_out << "results: none (-o none)\n";
  }

  if (!req.csv_dir.empty()) write_run_csv(req.csv_dir, sc, summary, doc);
  if (!req.json_path.empty()) {
    if (json_stdout) {
      write_summary_json(doc, sc, summary, !req.no_intervals,
                         [](std::string_view s) { std::cout.write(s.data(), static_cast<std::streamsize>(s.size())); });
    } else {
      AtomicFile f(req.json_path);
      write_summary_json(doc, sc, summary, !req.no_intervals, [&f](std::string_view s) { f.write(s); });
      f.commit();
    }
  }
  if (!req.journal_path.empty()) {
    AtomicFile f(req.journal_path);
    f.write(platform::build_journal(sc, outcome.results, doc.value("platform", nlohmann::json())).dump(2) + "\n");
    f.commit();
  }
  return outcome.interrupted ? kExitInterrupted : ctx.exit_code;
}

}  // namespace ccsim::cli
