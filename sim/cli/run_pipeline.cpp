#include "cli/run_pipeline.hpp"

#include <chrono>
#include <functional>
#include <iostream>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "cli/baseline_run.hpp"
#include "cli/output_writer.hpp"
#include "cli/progress.hpp"
#include "run/section_context.hpp"
#include "core/error.hpp"
#include "engine/replication_runner.hpp"
#include "engine/run_scratch.hpp"
#include "core/atomic_file.hpp"
#include "output/json_summary.hpp"
#include "output/journal.hpp"
#include "output/results_h5.hpp"
#include "output/run_sections.hpp"
#include "core/format.hpp"
#include "core/time.hpp"
#include "output/table_render.hpp"
#include "output/terminal_summary.hpp"
#include "run/tables.hpp"
#include "stats/aggregate.hpp"

namespace ccsim::cli {

namespace {

// Why a run ended without all of its results, before anything is written; "" when it is complete.
std::string incompleteness(const RunOutcome& outcome) {
  if (!outcome.failure.empty())
    return outcome.failure + " (SIGKILL is what the OOM killer sends when memory runs out)";
  if (outcome.interrupted) return "interrupted";
  return "";
}

// The HDF5 results (always: -o or <scenario stem>.h5, written after the sections so it stores their JSON), CSV,
// JSON and journal. Returns whether all were written.
bool write_run_outputs(const RunRequest& req, const run::SectionContext& ctx, const RunOutcome& outcome, bool incomplete,
                       const platform::Rehearsal* rehearsal) {
  const bool json_stdout = req.json_path == "-";
  OutputWriter out;
  // `-o none` skips the HDF5 file when only the summary is wanted.
  const std::string h5_path = req.h5_path.empty() ? default_results_path(req.scenario_path) : req.h5_path;
  if (!results_file_wanted(h5_path)) {
    if (!req.quiet) ctx.table << "results: none (-o none)\n";
  } else {
    const auto w0 = std::chrono::steady_clock::now();
    if (out.write("-o", h5_path, [&] { write_results_h5(h5_path, ctx, H5WriteOptions{req.call_records, incomplete}); }) &&
        !req.quiet) {
      const double write_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
      ctx.table << "results: " << h5_path << " (written in " << format_duration(write_s) << ")\n";
    }
  }
  if (!req.csv_dir.empty())
    out.write("--csv", req.csv_dir, [&] { write_run_csv(req.csv_dir, ctx.sc, ctx.summary, ctx.doc); });
  // The per-interval series are the bulk of the document (hundreds of MB for a year of hourly intervals) and
  // only the JSON file shows them: the file gets them row by row as it is written (write_summary_json).
  if (!req.json_path.empty()) {
    if (json_stdout) {
      write_summary_json(ctx.doc, ctx.sc, ctx.summary, !req.no_intervals,
                         [](std::string_view s) { std::cout.write(s.data(), static_cast<std::streamsize>(s.size())); });
    } else {
      out.write("--json", req.json_path, [&] {
        AtomicFile f(req.json_path);
        write_summary_json(ctx.doc, ctx.sc, ctx.summary, !req.no_intervals, [&f](std::string_view s) { f.write(s); });
        f.commit();
      });
    }
  }
  if (!req.journal_path.empty())
    out.write("--journal", req.journal_path, [&] {
      const auto journal = platform::build_journal(ctx.sc, outcome.results, rehearsal);
      write_file_atomic(req.journal_path, journal.dump(2) + "\n");
    });
  return out.finish();
}

}  // namespace

int interrupted_before_start() {
  std::cerr << "ccsim run: interrupted before any replication started; nothing written (existing outputs are untouched)\n";
  return kExitInterrupted;
}

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
  ro.keep_on_failure = true;  // a lost worker must not throw away what the others simulated
  RunOutcome outcome = run_replications(sc, ro);
  progress.done();
  return finish_run(sc, req, outcome);
}

int finish_run(Scenario& sc, const RunRequest& req, const RunOutcome& outcome) {
  // Outputs go to stdout only when asked; then the summary table moves to stderr to keep stdout parseable.
  const bool json_stdout = req.json_path == "-";
  std::ostream& table_out = json_stdout ? std::cerr : std::cout;
  const std::string lost = incompleteness(outcome);
  if (outcome.results.empty()) {
    if (outcome.failure.empty()) return interrupted_before_start();
    std::cerr << "ccsim run: " << lost << "; nothing written (existing outputs are untouched)\n";
    return kExitInternal;
  }

  Summary summary = aggregate(sc, outcome.results);
  summary.run.elapsed_seconds = outcome.elapsed;
  // Without the per-interval series: the sections, the CSV tables and the HDF5 file read other parts, and the
  // JSON file gets them as it is written (write_run_outputs).
  nlohmann::json doc = summary_to_json(sc, summary, JsonSummaryOptions{false});
  doc["run"]["interrupted"] = outcome.interrupted;
  if (!outcome.failure.empty()) {  // a lost replication: the run is incomplete even if the others all ended
    doc["run"]["failure"] = outcome.failure;
    doc["run"]["complete"] = false;
  }

  if (!req.quiet) table_out << format_summary(sc, summary);
  run::SectionContext ctx{sc, outcome.results, summary, doc, table_out, req.quiet, kExitOk};
  add_sla_section(ctx);
  const std::optional<platform::Rehearsal> rehearsal = add_platform_section(ctx);
  if (req.baseline && lost.empty() && !interrupt_requested()) {
    RunnerOptions ro;  // the no-fault rerun: same replications and workers as the run itself
    ro.replications = sc.replications;
    ro.jobs = req.jobs;
    ro.log = req.log;
    add_baseline(ctx, ro);
  }
  add_seats_section(ctx);
  if (!lost.empty())
    std::cerr << "ccsim run: " << lost << ": results cover the simulated part only (" << outcome.results.size()
              << " of " << sc.replications << " replications, " << summary.run.complete_replications
              << " to the end of the horizon; marked incomplete)\n";

  if (!write_run_outputs(req, ctx, outcome, !lost.empty(), rehearsal ? &*rehearsal : nullptr)) return kExitInternal;
  if (!outcome.failure.empty()) return kExitInternal;
  if (outcome.interrupted) return kExitInterrupted;
  if (interrupt_requested()) {  // the simulation had ended: the outputs were finished before stopping
    std::cerr << "ccsim run: interrupted after the simulation ended: the outputs were completed first (results complete)\n";
    return kExitInterrupted;
  }
  return ctx.exit_code;
}

}  // namespace ccsim::cli
