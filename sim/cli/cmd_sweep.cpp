// ccsim sweep SCENARIO --vary PATH=V1,V2 [--vary ...] [--load F1,F2]: runs every combination as a what-if
// variant with the same seed (common random numbers, so differences between variants are not noise of
// different streams) and prints a side-by-side table; --json writes every variant's summary.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cluster_options.hpp"
#include "cli/commands.hpp"
#include "cli/model_refs.hpp"
#include "cli/options.hpp"
#include "cli/output_writer.hpp"
#include "cli/progress.hpp"
#include "cli/what_if_options.hpp"
#include "core/error.hpp"
#include "engine/replication_runner.hpp"
#include "core/atomic_file.hpp"
#include "output/output_paths.hpp"
#include "output/json_summary.hpp"
#include "core/format.hpp"
#include "output/table_render.hpp"
#include "output/terminal_summary.hpp"
#include "run/tables.hpp"
#include "scenario/loader.hpp"
#include "scenario/overrides.hpp"
#include "scenario/what_if.hpp"
#include "stats/aggregate.hpp"
#include "stats/kpi.hpp"

namespace ccsim::cli {

namespace {

struct Variant {
  std::string label;
  std::vector<Override> overrides;
  double load = 1.0;
};

std::string campaign_header(const std::string& campaign) { return "  " + campaign + ": abandon rate / limit, right party"; }

// One campaign's cells of a sweep line, right-aligned under campaign_header ("-" for a tenant without it).
std::string campaign_cells(const Scenario& sc, const TenantSummary& t, const std::string& campaign) {
  std::string text = "-";
  for (size_t k = 0; k < t.campaigns.size() && k < t.ob.size(); ++k) {
    if (t.campaigns[k] != campaign) continue;
    const auto& o = t.ob[k].overall;
    const double limit = run::campaign_limit(sc, t.name, campaign);
    text = format_percent(o[OK_ABANDON_RATE]) + " / " + format_percent(Estimate{limit, limit, limit, 1}) + ", " +
           format_count(o[OK_RIGHT_PARTY].mean);
  }
  const size_t w = campaign_header(campaign).size();
  return std::string(text.size() < w ? w - text.size() : 1, ' ') + text;
}

int interrupted_before_variants() {
  std::cerr << "ccsim sweep: interrupted before any variant finished; nothing written (existing outputs are untouched)\n";
  return kExitInterrupted;
}

}  // namespace

int cmd_sweep(const Args& args) { return sweep_command(args, nullptr); }

int sweep_command(const Args& args, const MergeInput* merge) {
  po::options_description opts("options");
  std::string path, json_path, csv_dir;
  std::vector<std::string> vary;
  std::string loads;
  int jobs = 1, reps = 0;
  bool quiet = false;
  opts.add_options()
      ("vary", po::value<std::vector<std::string>>(&vary)->composing(),
       "PATH=V1,V2,...: values for a scenario key (repeatable; variants are all combinations)")
      ("load", po::value<std::string>(&loads), "F1,F2,...: traffic multipliers applied to every call type")
      ("replications,r", po::value<int>(&reps), "replications per variant (default: the scenario's)")
      ("jobs,j", po::value<int>(&jobs)->default_value(1), "worker processes running at once")
      ("json", po::value<std::string>(&json_path), "write every variant's summary to PATH ('-' = stdout)")
      ("csv", po::value<std::string>(&csv_dir), "write the variants table as CSV into directory DIR (sweep.csv)")
      ("quiet,q", po::bool_switch(&quiet), "no progress")
      ("scenario", po::value<std::string>(&path), "scenario file");
  WhatIfOptions base;
  base.add_to(opts, /*with_load=*/false);
  ClusterOptions cluster;
  cluster.add_to(opts);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  auto p = parse_options("sweep", "SCENARIO --vary PATH=V1,V2 [--vary ...] [--load F1,F2] [options]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  // As for `ccsim run`: from here to the last output a SIGINT/SIGTERM stops the sweep cleanly (exit 130, saying
  // what was written), also between variants and while the outputs are written.
  std::optional<InterruptScope> interrupts(std::in_place);
  if (path.empty()) {
    std::cerr << "ccsim sweep: missing SCENARIO (see: ccsim sweep --help)\n";
    return kExitBadInput;
  }
  if (vary.empty() && loads.empty()) {
    std::cerr << "ccsim sweep: nothing to vary: give --vary PATH=V1,V2 and/or --load F1,F2\n";
    return kExitBadInput;
  }
  if (jobs < 1 || (p.vm.count("replications") && reps < 1)) {
    std::cerr << "ccsim sweep: --jobs and --replications must be >= 1\n";
    return kExitBadInput;
  }

  cluster.check(p.vm);
  if (merge) {  // ccsim merge: the parts' results, written to the merge's output
    json_path = merge->json_path;
    quiet = quiet || merge->quiet;
  }

  // Cartesian product of the value lists.
  // --set values apply to every variant, before the varied ones.
  std::vector<Variant> variants{Variant{"", base.parse().sets, 1.0}};
  for (const auto& spec : vary) {
    const auto values = parse_vary(spec);
    std::vector<Variant> next;
    for (const auto& v : variants)
      for (const auto& o : values) {
        Variant w = v;
        w.overrides.push_back(o);
        w.label += (w.label.empty() ? "" : " ") + o.path + "=" + o.value;
        next.push_back(w);
      }
    variants = next;
  }
  if (!loads.empty()) {
    std::vector<Variant> next;
    std::stringstream ss(loads);
    for (std::string item; std::getline(ss, item, ',');) {
      char* end = nullptr;
      const double f = std::strtod(item.c_str(), &end);
      if (end == item.c_str() || *end != '\0' || !(f > 0) || !std::isfinite(f)) {
        std::cerr << "ccsim sweep: --load: '" << item << "' is not a positive number\n";
        return kExitBadInput;
      }
      for (const auto& v : variants) {
        Variant w = v;
        w.load = f;
        w.label += (w.label.empty() ? "" : " ") + std::string("load=") + item;
        next.push_back(w);
      }
    }
    variants = next;
  }

  // Load and validate every variant before simulating any: bad input fails fast, nothing written.
  const std::string text = read_scenario_text(path);
  std::vector<Scenario> scenarios;
  for (const auto& v : variants) {
    Scenario sc = v.overrides.empty() ? load_scenario(path) : load_scenario_text(apply_overrides(text, v.overrides, path), path);
    check_referenced_models(sc);
    scale_load(sc, v.load);
    check_scaled_rates(sc, "variant '" + v.label + "'");
    if (reps > 0) sc.replications = reps;
    scenarios.push_back(std::move(sc));
  }
  std::vector<std::string> inputs;
  for (const auto& sc : scenarios) {
    const auto files = scenario_input_files(sc);
    inputs.insert(inputs.end(), files.begin(), files.end());
  }
  if (merge || cluster.distributed()) {
    ClusterJob job{"sweep", args, path, {}, {base.parse().label()}, jobs, quiet, json_path, ""};
    for (const auto& sc : scenarios) job.variants.push_back(&sc);
    for (const auto& v : variants) job.what_ifs.push_back(v.label);
    if (merge) {
      check_merge_matches(*merge, job);
    } else {
      if (interrupt_requested()) return interrupted_before_variants();
      interrupts.reset();  // Slurm submission and shards handle signals their own way
      return run_distributed(cluster, job);
    }
  }
  check_output_paths("ccsim sweep", {{"--json", json_path}, {"--csv", csv_dir, true}}, inputs);

  ProgressReporter progress(ProgressReporter::detect(quiet));
  nlohmann::json doc = {{"format", "ccsim-sweep"}, {"version", 1}, {"scenario", path}, {"variants", nlohmann::json::array()}};
  std::ostream& out = json_path == "-" ? std::cerr : std::cout;
  char line[256];
  std::snprintf(line, sizeof line, "%-40s %9s %9s %14s %12s %12s %11s %9s\n", "variant", "offered", "answered",
                "service level", "ASA", "abandoned", "occupancy", "blocked");
  std::string table = line;
  // Outbound campaigns: abandon rate (with the limit) and right-party contacts beside the inbound figures.
  const std::vector<std::string> campaigns = run::sweep_campaigns(scenarios[0]);
  table.pop_back();
  for (const auto& c : campaigns) table += campaign_header(c);
  table += "\n";
  bool interrupted = false;
  Table csv_table = run::sweep_table(scenarios[0]);
  size_t done = 0;        // variants in the outputs
  bool last_cut = false;  // the last of them was cut short by the signal
  for (size_t i = 0; i < variants.size() && !interrupted; ++i) {
    if (interrupt_requested()) {  // between variants: the next one is not started
      interrupted = true;
      break;
    }
    Scenario& sc = scenarios[i];
    RunnerOptions ro;
    ro.replications = sc.replications;
    ro.jobs = jobs;
    ro.on_progress = [&](const RunProgress& pr) { progress.update(pr); };
    progress.step(static_cast<int>(i), static_cast<int>(variants.size()),
                  "variant " + std::to_string(i + 1) + "/" + std::to_string(variants.size()));
    RunOutcome oc = merge ? RunOutcome{merge->merged.per_variant[i], false, 0, ""} : run_replications(sc, ro);
    progress.done();
    interrupted = oc.interrupted;
    if (oc.results.empty()) break;
    Summary s = aggregate(sc, oc.results);
    nlohmann::json vj = summary_to_json(sc, s, JsonSummaryOptions{false});
    vj["label"] = variants[i].label;
    vj["load"] = variants[i].load;
    vj["interrupted"] = oc.interrupted;
    last_cut = oc.interrupted;
    doc["variants"].push_back(vj);
    ++done;
    run::add_sweep_rows(csv_table, variants[i].label, variants[i].load, sc, s);
    for (const auto& t : s.tenants) {
      const auto& o = t.all.overall;
      double occ = NAN;
      if (!t.gr.empty()) occ = t.gr[0].overall[GK_OCCUPANCY].mean;
      std::string label = variants[i].label + (s.tenants.size() > 1 ? " [" + t.name + "]" : "");
      if (label.size() > 40) label = label.substr(0, 37) + "...";
      std::snprintf(line, sizeof line, "%-40s %9s %9s %14s %12s %12s %11s %9s\n", label.c_str(),
                    format_count(o[CK_OFFERED].mean).c_str(), format_count(o[CK_ANSWERED].mean).c_str(),
                    format_percent(o[CK_SL_ANSWERED]).c_str(), format_seconds(o[CK_ASA]).c_str(),
                    format_percent(o[CK_ABANDONMENT_RATE]).c_str(), format_percent(Estimate{occ, occ, occ, 1}).c_str(),
                    format_percent(Estimate{o[CK_BLOCKING_RATE].mean, o[CK_BLOCKING_RATE].mean, o[CK_BLOCKING_RATE].mean, 1}).c_str());
      table += line;
      table.pop_back();
      for (const auto& c : campaigns) table += campaign_cells(sc, t, c);
      table += "\n";
    }
  }
  if (done == 0) return interrupted_before_variants();
  if (!quiet) out << "Sweep of " << path << " (same seed in every variant: common random numbers)\n" << table;
  doc["interrupted"] = interrupted;
  doc["variants_done"] = done;
  doc["variants_planned"] = variants.size();
  // A failed output (a full disk, the directory gone) is reported and the other is still written.
  OutputWriter writer("ccsim sweep");
  if (!csv_dir.empty()) writer.write("--csv", csv_dir, [&] { write_csv_dir(csv_dir, {csv_table}); });
  if (!json_path.empty()) {
    const std::string txt = doc.dump(2) + "\n";
    if (json_path == "-") std::cout << txt;
    else writer.write("--json", json_path, [&] { write_file_atomic(json_path, txt); });
  }
  if (!writer.finish()) return kExitInternal;
  if (interrupted) {
    std::cerr << "ccsim sweep: interrupted: the outputs hold " << done << " of " << variants.size() << " variants ("
              << (last_cut ? "the last one cut short, marked \"interrupted\"" : "each complete") << ")\n";
    return kExitInterrupted;
  }
  if (interrupt_requested()) {  // every variant had ended: the outputs were finished before stopping
    std::cerr << "ccsim sweep: interrupted after the simulation ended: the outputs were completed first (results complete)\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

}  // namespace ccsim::cli
