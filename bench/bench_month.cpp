// Benchmark: one month of a 2,000-agent tenant (~10 million calls, trunks on, per-minute ledger on) through
// the full model on SimGrid, the same model on the in-memory heap scheduler, and a bare std::priority_queue
// M/M/c+M loop on the same arrival/handle/patience parameters as the reference. Prints wall time, calls/s,
// events/s and peak RSS of each. Usage: bench_month [days] [agents] [simgrid-only]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bare_loop.hpp"
#include "callflow/simulation.hpp"
#include "core/rng.hpp"
#include "core/time.hpp"
#include "engine/engine_run.hpp"

using namespace ccsim;

namespace {

struct Params {
  double days = 30;
  int agents = 2000;
  double rate_per_hour = 13900;
  double handle_mean = 500;
  double patience_mean = 300;
  int channels = 2300;
};

Scenario month_scenario(const Params& p) {
  Scenario sc;
  sc.name = "bench-month";
  sc.horizon.start = *parse_datetime("2026-03-01T00:00");
  sc.horizon.length = p.days * kDay;
  sc.horizon.interval = 1800;
  sc.seed = 7;
  Tenant t;
  t.name = "big";
  SkillGroup g;
  g.name = "main";
  t.groups.push_back(g);
  AgentPool pool;
  pool.name = "main";
  pool.skills = {"main"};
  pool.skill_index = {0};
  pool.schedule = {{0.0, p.agents}};
  pool.max_agents = p.agents;
  t.pools.push_back(pool);
  TrunkGroup tg;
  tg.name = "pstn";
  tg.channels = p.channels;
  t.trunks.push_back(tg);
  CallType ct;
  ct.name = "inbound";
  ct.arrivals.rate_per_hour = p.rate_per_hour;
  ct.route = {RouteStep{"main", 0, 0}};
  ct.handle = Distribution::exponential(p.handle_mean);
  ct.patience = Distribution::exponential(p.patience_mean);
  ct.use_ivr = false;
  ct.trunk_group = 0;
  t.call_types.push_back(ct);
  sc.tenants.push_back(t);
  return sc;
}

struct Figures {
  double wall = 0;
  double calls = 0;
  double events = 0;
  long rss_kib = 0;
};

// Bare reference: the shared M/M/c+M loop (bench/bare_loop.hpp) on the same parameters.
Figures bare_loop(const Params& p) {
  auto t0 = std::chrono::steady_clock::now();
  bench::BareParams bp;
  bp.agents = p.agents;
  bp.rate_per_hour = p.rate_per_hour;
  bp.handle_mean = p.handle_mean;
  bp.patience_mean = p.patience_mean;
  bp.seconds = p.days * kDay;
  const bench::BareCounts n = bench::bare_loop(bp);
  Figures f;
  f.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  f.calls = static_cast<double>(n.calls);
  f.events = static_cast<double>(n.events);
  return f;
}

// Runs `fn` in a child process so each variant's peak RSS is its own.
template <class F>
Figures in_child(F fn) {
  int pfd[2];
  if (pipe(pfd) != 0) std::abort();
  pid_t pid = fork();
  if (pid == 0) {
    close(pfd[0]);
    Figures f = fn();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    f.rss_kib = ru.ru_maxrss;
    ssize_t w = write(pfd[1], &f, sizeof f);
    (void)w;
    _exit(0);
  }
  close(pfd[1]);
  Figures f;
  ssize_t r = read(pfd[0], &f, sizeof f);
  (void)r;
  close(pfd[0]);
  int st = 0;
  waitpid(pid, &st, 0);
  return f;
}

void print(const char* name, const Figures& f, double ref_calls_per_s) {
  const double cps = f.calls / f.wall;
  std::printf("%-28s %8.2f s %12.0f calls %10.2f M calls/s %10.2f M events/s %8.1f MiB   %5.2fx bare\n", name, f.wall,
              f.calls, cps / 1e6, f.events / f.wall / 1e6, f.rss_kib / 1024.0, ref_calls_per_s / cps);
}

}  // namespace

int main(int argc, char** argv) {
  Params p;
  if (argc > 1) p.days = std::atof(argv[1]);
  if (argc > 2) p.agents = std::atoi(argv[2]);
  if (argc > 2) {
    const double scale = p.agents / 2000.0;
    p.rate_per_hour *= scale;
    p.channels = static_cast<int>(p.channels * scale);
  }
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  std::printf("bench_month: %.0f days, %d agents, %.0f calls/h, handle %.0f s, patience %.0f s, %d trunk channels\n",
              p.days, p.agents, p.rate_per_hour, p.handle_mean, p.patience_mean, p.channels);
  Scenario sc = month_scenario(p);
  if (argc > 3 && std::string(argv[3]) == "simgrid-only") {  // for profilers: the SimGrid variant in-process
    RepResult r = run_replication(sc, 0, EngineRunOptions{});
    std::printf("%.0f calls in %.2f s\n", static_cast<double>(r.calls), r.wall_seconds);
    return 0;
  }
  Figures bare = in_child([&] { return bare_loop(p); });
  Figures heap = in_child([&] {
    RepResult r = simulate_with_heap(sc, 0);
    return Figures{r.wall_seconds, static_cast<double>(r.calls), static_cast<double>(r.events), 0};
  });
  Figures sg = in_child([&] {
    RepResult r = run_replication(sc, 0, EngineRunOptions{});
    return Figures{r.wall_seconds, static_cast<double>(r.calls), static_cast<double>(r.events), 0};
  });
  const double ref = bare.calls / bare.wall;
  print("bare priority_queue M/M/c+M", bare, ref);
  print("ccsim model, heap scheduler", heap, ref);
  print("ccsim model, SimGrid timers", sg, ref);
  return 0;
}
