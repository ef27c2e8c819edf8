#include "engine/engine_run.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <xbt/log.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <sstream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "callflow/simulation.hpp"
#include "engine/extension.hpp"
#include "engine/platform_build.hpp"
#include "engine/simgrid_scheduler.hpp"

namespace ccsim {

RepResult run_replication(const Scenario& sc, int replication, const EngineRunOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  // SimGrid gets an argv of our making: it never sees ccsim's --help/--version.
  std::vector<std::string> args = {"ccsim", "--cfg=contexts/factory:raw", "--cfg=contexts/nthreads:1",
                                   "--cfg=cpu/optim:Lazy", "--cfg=network/optim:Lazy"};
  if (const char* extra = std::getenv("CCSIM_SIMGRID_CFG")) {  // engine experiments: extra space-separated words
    std::istringstream words(extra);
    for (std::string w; words >> w;) args.push_back(w);
  }
  if (opt.log.empty()) {
    xbt_log_control_set("root.thresh:critical");
  } else {
    args.push_back("--log=" + opt.log);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  simgrid::s4u::Engine engine(&argc, argv.data());
  if (opt.signal_handler) {  // SimGrid's SIGINT handler would exit(1) on a second Ctrl-C and lose the results
    struct sigaction sa {};
    sa.sa_handler = opt.signal_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
  }
  build_platform(sc);

  auto extensions = make_extensions(sc, replication);
  PlatformHook* hook = nullptr;
  for (auto& e : extensions)
    if (auto* h = e->platform_hook()) hook = h;

  SimgridScheduler sched;
  // Call events run batched up to the first date an extension's actors may act (infinite without extensions).
  sched.set_quiet_until([&extensions](double now) {
    double q = std::numeric_limits<double>::infinity();
    for (const auto& e : extensions) q = std::min(q, e->quiet_until(now));
    return q;
  });
  sched.set_stop_flag(opt.stop_flag);
  Simulation sim(sc, replication, sched, hook);
  if (!opt.records_prefix.empty()) sim.spool_records(opt.records_prefix);
  for (auto& e : extensions) e->attach(sim);
  sim.start();

  // Run in chunks so progress can be reported and an interrupt can stop the run between chunks.
  const double end = sc.horizon.length;
  const double chunk = std::max(60.0, end / 200.0);
  bool complete = true;
  double t = 0;
  while (t < end) {
    t = std::min(end, t + chunk);
    sched.set_run_limit(t);
    engine.run_until(t);
    if (sched.stopped()) {
      complete = false;
      break;
    }
    if (opt.progress && !opt.progress(t, sim.calls())) {
      complete = t >= end;
      break;
    }
  }
  double stop = std::min(end, simgrid::s4u::Engine::get_clock() > t ? simgrid::s4u::Engine::get_clock() : t);
  if (sched.stopped()) stop = std::min(stop, sched.stopped_at());
  if (complete)
    sim.drain([&engine, &sched](double until) {
      sched.set_run_limit(until);
      engine.run_until(until);
    });
  RepResult r = sim.finish(stop);
  for (auto& e : extensions) e->finish(stop, r);
  r.complete = complete;
  r.events = sched.events_executed();
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace ccsim
