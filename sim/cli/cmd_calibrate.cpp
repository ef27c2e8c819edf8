// `ccsim calibrate LOG --mapping M -o scenario.yaml`: estimate a scenario from a call-by-call log and write it
// with a calibration report. `ccsim backtest SCENARIO --log LOG --mapping M`: simulate the log's period with a
// scenario and compare with what the log observed. The estimators live in sim/calibration/.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "calibration/backtest.hpp"
#include "calibration/calibrate.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "engine/replication_runner.hpp"
#include "core/atomic_file.hpp"
#include "scenario/loader.hpp"
#include "scenario/overrides.hpp"
#include "scenario/yaml_input.hpp"

namespace ccsim::cli {

namespace {

using namespace calibration;

// --from / --to dates (inclusive days) -> the [from, to) epoch window of ReadOptions.
bool read_period(const po::variables_map& vm, const char* cmd, ReadOptions& ro) {
  for (const char* key : {"from", "to"}) {
    if (!vm.count(key)) continue;
    auto d = parse_date(vm[key].as<std::string>());
    if (!d) {
      std::cerr << "ccsim " << cmd << ": --" << key << ": not a date '" << vm[key].as<std::string>()
                << "' (expected YYYY-MM-DD)\n";
      return false;
    }
    (std::string(key) == "from" ? ro.from : ro.to) = epoch_from_civil(*d) + (std::string(key) == "to" ? 86400 : 0);
  }
  return true;
}

void add_log_options(po::options_description& opts) {
  opts.add_options()("mapping", po::value<std::string>(), "column-mapping file (models/call-logs/*.yaml)")(
      "from", po::value<std::string>(), "first day of the log to use (YYYY-MM-DD)")(
      "to", po::value<std::string>(), "last day of the log to use, inclusive (YYYY-MM-DD)")(
      "skip-bad-rows", po::bool_switch(), "skip rows that cannot be read (counted in the report) instead of failing");
}

double parse_seconds(const std::string& s, const char* what) {
  auto v = parse_duration(s);
  if (!v || *v <= 0) throw InputError(SourceLoc{}, what, "not a duration '" + s + "'", "e.g. 30min, 60s");
  return *v;
}

std::string print_summary(const Calibration& c, double seconds) {
  std::string o;
  char b[256];
  std::snprintf(b, sizeof b, "Calibrated %d calls (%d rows, %d ignored outcome, %d bad rows skipped), %s + %d days, in %.2f s\n",
                c.calls, c.rows, c.ignored, c.skipped, format_date(date_of_epoch(c.first_day)).c_str(), c.days, seconds);
  o += b;
  std::snprintf(b, sizeof b, "  hang-ups before queueing %.1f%%, busyness cv %.3f, IVR time %s\n", c.ivr_abandon * 100,
                c.busyness_cv, c.ivr_fits.empty() ? "none" : c.ivr_fits[c.ivr_chosen].dist.describe().c_str());
  o += b;
  for (const auto& t : c.types) {
    const Fit& s = t.service.fits[t.service.chosen];
    std::snprintf(b, sizeof b, "  %-6s %6d calls  service %s (KS %.3f, sample mean %.1f s)%s  patience %s%s\n",
                  t.name.c_str(), t.calls, s.dist.describe().c_str(), s.ks, t.service.sample_mean,
                  t.service.pooled ? " [pooled]" : "", t.patience.chosen == "none" ? "infinite" : t.patience.chosen_fit().dist.describe().c_str(),
                  t.patience.pooled ? " [pooled]" : "");
    o += b;
  }
  for (size_t dt = 0; dt < c.staffing.size(); ++dt) {
    const int peak = *std::max_element(c.staffing[dt].begin(), c.staffing[dt].end());
    std::snprintf(b, sizeof b, "  staffing %-8s peak %d effective agents (%d days)\n", c.day_type_names[dt].c_str(),
                  peak, c.days_per_type[dt]);
    o += b;
  }
  return o;
}

}  // namespace

int cmd_calibrate(const Args& args) {
  po::options_description opts("calibrate options");
  add_log_options(opts);
  opts.add_options()("log", po::value<std::string>(), "call log (CSV/TSV)")(
      "output,o", po::value<std::string>(), "write the calibrated scenario YAML to PATH")(
      "report", po::value<std::string>(), "report path prefix: PREFIX.json, PREFIX.csv, PREFIX.html (default: from -o)")(
      "interval", po::value<std::string>()->default_value("30min"), "rate and staffing slot (15min, 30min, 1h)")(
      "criterion", po::value<std::string>()->default_value("aic"), "service-time family choice: aic or bic")(
      "threshold", po::value<std::string>()->default_value("60s"), "service-level threshold T written to the scenario")(
      "quiet,q", po::bool_switch(), "no terminal summary");
  po::positional_options_description pos;
  pos.add("log", 1);
  auto p = parse_options("calibrate", "LOG --mapping M -o SCENARIO.yaml [options]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  if (!p.vm.count("log") || !p.vm.count("mapping") || !p.vm.count("output")) {
    std::cerr << "ccsim calibrate: LOG, --mapping and -o are required (see: ccsim calibrate --help)\n";
    return kExitBadInput;
  }
  const auto t0 = std::chrono::steady_clock::now();
  ReadOptions ro;
  ro.skip_bad_rows = p.vm["skip-bad-rows"].as<bool>();
  if (!read_period(p.vm, "calibrate", ro)) return kExitBadInput;
  CalibrateOptions co;
  co.interval = parse_seconds(p.vm["interval"].as<std::string>(), "--interval");
  if (co.interval != 900 && co.interval != 1800 && co.interval != 3600) {
    std::cerr << "ccsim calibrate: --interval must be 15min, 30min or 1h\n";
    return kExitBadInput;
  }
  co.criterion = p.vm["criterion"].as<std::string>();
  if (co.criterion != "aic" && co.criterion != "bic") {
    std::cerr << "ccsim calibrate: --criterion must be aic or bic\n";
    return kExitBadInput;
  }
  co.sl_threshold = parse_seconds(p.vm["threshold"].as<std::string>(), "--threshold");
  const LogMapping m = load_log_mapping(p.vm["mapping"].as<std::string>());
  const CallLog log = read_call_log(p.vm["log"].as<std::string>(), m, ro);
  const Calibration c = calibrate(log, m, co);
  const std::string out = p.vm["output"].as<std::string>();
  const std::string yaml = scenario_yaml(c);
  // The scenario must load before anything is written: a calibration that cannot run is a bug, not an output.
  load_scenario_text(yaml, out);
  std::string prefix = p.vm.count("report") ? p.vm["report"].as<std::string>() : out;
  if (!p.vm.count("report")) {
    const auto dot = prefix.rfind('.');
    if (dot != std::string::npos && prefix.find('/', dot) == std::string::npos) prefix.resize(dot);
    prefix += "-report";
  }
  try {
    write_file_atomic(out, yaml);
    write_file_atomic(prefix + ".json", report_json(c));
    write_file_atomic(prefix + ".csv", report_csv(c));
    write_file_atomic(prefix + ".html", report_html(c));
  } catch (const OutputError& e) {
    std::cerr << "ccsim calibrate: " << e.what() << "\n";
    return kExitBadInput;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!p.vm["quiet"].as<bool>()) {
    std::cout << print_summary(c, secs);
    std::cout << "Wrote " << out << ", " << prefix << ".json, " << prefix << ".csv, " << prefix << ".html\n";
  }
  for (const auto& d : log.skipped) std::cerr << "skipped: " << d.format() << "\n";
  return kExitOk;
}

int cmd_backtest(const Args& args) {
  po::options_description opts("backtest options");
  add_log_options(opts);
  int reps = 10, jobs = 1;
  opts.add_options()("scenario", po::value<std::string>(), "calibrated scenario")(
      "log", po::value<std::string>(), "call log of the period to back-test")(
      "replications,r", po::value<int>(&reps)->default_value(10), "replications (for the 95% intervals)")(
      "jobs,j", po::value<int>(&jobs)->default_value(1), "worker processes running at once")(
      "json", po::value<std::string>(), "write the comparison as JSON to PATH ('-' = stdout)")(
      "staffing", po::value<std::string>()->default_value("scenario"),
      "scenario: the scenario's shifts; log: the log's own effective agents, day by day (the real roster)")(
      "quiet,q", po::bool_switch(), "no terminal table");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  auto p = parse_options("backtest", "SCENARIO --log LOG --mapping M [options]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  if (!p.vm.count("scenario") || !p.vm.count("log") || !p.vm.count("mapping")) {
    std::cerr << "ccsim backtest: SCENARIO, --log and --mapping are required (see: ccsim backtest --help)\n";
    return kExitBadInput;
  }
  if (reps < 1 || jobs < 1) {
    std::cerr << "ccsim backtest: --replications and --jobs must be >= 1\n";
    return kExitBadInput;
  }
  ReadOptions ro;
  ro.skip_bad_rows = p.vm["skip-bad-rows"].as<bool>();
  if (!read_period(p.vm, "backtest", ro)) return kExitBadInput;
  const LogMapping m = load_log_mapping(p.vm["mapping"].as<std::string>());
  const CallLog log = read_call_log(p.vm["log"].as<std::string>(), m, ro);
  const int days = static_cast<int>((log.last_day - log.first_day) / 86400) + 1;
  // The scenario is simulated over the log's days: same arrival model, day types and shifts, new horizon.
  const std::string path = p.vm["scenario"].as<std::string>();
  const std::string text = apply_overrides(
      scenario::read_input_file(path),
      {{"horizon.start", format_date(date_of_epoch(log.first_day)) + "T00:00"},
       {"horizon.length", std::to_string(days) + "d"},
       {"replications", std::to_string(reps)}},
      path);
  Scenario sc = load_scenario_text(text, path);
  if (sc.tenants.empty() || sc.tenants[0].call_types.empty()) {
    std::cerr << "ccsim backtest: the scenario has no call types\n";
    return kExitBadInput;
  }
  const std::string staffing = p.vm["staffing"].as<std::string>();
  if (staffing != "scenario" && staffing != "log") {
    std::cerr << "ccsim backtest: --staffing must be scenario or log\n";
    return kExitBadInput;
  }
  if (staffing == "log") {
    if (sc.tenants.size() != 1 || sc.tenants[0].pools.size() != 1) {
      std::cerr << "ccsim backtest: --staffing log needs a scenario with one tenant and one agent pool\n";
      return kExitBadInput;
    }
    AgentPool& pool = sc.tenants[0].pools[0];
    pool.schedule = log_schedule(log, log.first_day, days, sc.horizon.interval, CalibrateOptions{}.min_queue_time);
    if (pool.schedule.empty() || pool.schedule.front().first > 0) pool.schedule.insert(pool.schedule.begin(), {0.0, 0});
    pool.max_agents = 0;
    for (const auto& [t, n] : pool.schedule) pool.max_agents = std::max(pool.max_agents, n);
  }
  const double threshold = sc.tenants[0].call_types[0].sl_threshold;
  const double interval = sc.horizon.interval;
  RunnerOptions ropt;
  ropt.replications = reps;
  ropt.jobs = jobs;
  const RunOutcome run = run_replications(sc, ropt);
  if (run.interrupted) return kExitInterrupted;
  const int slots = static_cast<int>(std::lround(kDay / interval));
  std::vector<SumsGrid> sim;
  for (const auto& r : run.results) sim.push_back(simulated_sums(r, days, slots));
  const Backtest b = compare(observed_sums(log, log.first_day, days, interval, threshold), sim, log.first_day,
                             interval, threshold);
  if (!p.vm["quiet"].as<bool>())
    std::cout << "Staffing: " << (staffing == "log" ? "the log's effective agents, day by day" : "the scenario's")
              << "\n" << backtest_text(b);
  if (p.vm.count("json")) {
    try {
      write_file_atomic(p.vm["json"].as<std::string>(), backtest_json(b));
    } catch (const OutputError& e) {
      std::cerr << "ccsim backtest: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  return kExitOk;
}

}  // namespace ccsim::cli
