// Benchmark: `ccsim run SCENARIO` as a user runs it (whole process tree: parent, forked workers, HDF5 writer)
// beside the bare binary-heap M/M/c+M loop (bench/bare_loop.hpp) on the same call volume, in the same run.
// Prints calls, CPU time (user + sys of the whole tree, from wait4), calls per CPU second, peak RSS of the tree
// (sum of the resident sets of all its live processes, sampled every 5 ms) and the ratio of calls per CPU
// second, ccsim / bare. With --callgrind both run under valgrind's callgrind and the instruction counts of the
// whole tree are printed too (repeatable on a shared machine, unlike CPU time).
//
// The bare loop gets, per tenant and first-choice group, the agents of the pools serving it, the summed base
// arrival rate of the call types routed there first (times --load), their rate-weighted mean handle time and
// patience, over the horizon times the replications: the same calls, without trunks, IVR, counters or ledgers.
//
// usage: bench_ratio SCENARIO [--set PATH=VALUE]... [--load F] [-j N] [--arg ARG]... [--ccsim PATH]
//                    [--callgrind] [--row LABEL]
//   --arg passes one more argument to `ccsim run` (e.g. --arg -o --arg none); --row also prints one markdown
//   table row (bench/scaling_table.sh builds docs/performance.md's scaling table from them).
#include <dirent.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bare_loop.hpp"
#include "scenario/what_if.hpp"

using namespace ccsim;

namespace {

struct Options {
  std::string scenario;
  WhatIf what_if;
  std::vector<std::string> sets;  // as given, for ccsim's command line
  std::string load;
  int jobs = 1;
  std::vector<std::string> extra;
  std::string ccsim;
  bool callgrind = false;
  std::string row;
};

struct Measure {
  uint64_t calls = 0;
  double cpu = 0;          // user + sys seconds of the whole tree
  long peak_tree_kib = 0;  // sampled sum of the tree's resident sets
  uint64_t instructions = 0;
  int status = 0;
};

// ---- the bare loop's parameters from the scenario ----

std::vector<bench::BareParams> bare_params(const Scenario& sc) {
  std::vector<bench::BareParams> out;
  for (const Tenant& t : sc.tenants) {
    std::map<int, std::vector<const CallType*>> by_group;
    for (const CallType& ct : t.call_types)
      if (!ct.route.empty()) by_group[ct.route[0].group_index].push_back(&ct);
    for (const auto& [g, types] : by_group) {
      bench::BareParams p;
      p.agents = 0;
      for (const AgentPool& pool : t.pools)
        for (int s : pool.skill_index)
          if (s == g) p.agents += pool.max_agents;
      double rate = 0, handle = 0, patience = 0;
      for (const CallType* ct : types) {
        rate += ct->arrivals.rate_per_hour;
        handle += ct->arrivals.rate_per_hour * ct->handle.expected();
        patience += ct->arrivals.rate_per_hour * (ct->patience ? ct->patience->expected() : INFINITY);
      }
      p.rate_per_hour = rate;
      p.handle_mean = rate > 0 ? handle / rate : 1;
      p.patience_mean = rate > 0 ? patience / rate : INFINITY;
      p.seconds = sc.horizon.length;
      p.seed = sc.seed;
      out.push_back(p);
    }
  }
  return out;
}

std::string encode(const std::vector<bench::BareParams>& ps, int replications) {
  std::ostringstream o;
  o.precision(17);
  for (const auto& p : ps)
    o << p.agents << ',' << p.rate_per_hour << ',' << p.handle_mean << ',' << p.patience_mean << ',' << p.seconds
      << ',' << p.seed << ',' << replications << ';';
  return o.str();
}

// Hidden mode `bench_ratio --bare SPEC`: runs the loops and prints the call count (so the bare loop is measured
// exactly like ccsim: one exec'd process, under callgrind if asked).
int run_bare(const std::string& spec) {
  uint64_t calls = 0;
  std::istringstream in(spec);
  std::string item;
  while (std::getline(in, item, ';')) {
    if (item.empty()) continue;
    for (char& ch : item)
      if (ch == ',') ch = ' ';
    std::istringstream f(item);
    bench::BareParams p;
    int reps = 1;
    f >> p.agents >> p.rate_per_hour >> p.handle_mean >> p.patience_mean >> p.seconds >> p.seed >> reps;
    for (int r = 0; r < reps; ++r) {
      p.replication = static_cast<uint64_t>(r);
      calls += bench::bare_loop(p).calls;
    }
  }
  std::printf("%llu\n", static_cast<unsigned long long>(calls));
  return 0;
}

// ---- measuring a process tree ----

long tree_rss_kib(pid_t root) {
  std::map<pid_t, pid_t> parent;
  DIR* d = opendir("/proc");
  if (!d) return 0;
  while (dirent* e = readdir(d)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) continue;
    std::ifstream st("/proc/" + std::string(e->d_name) + "/stat");
    std::string line;
    if (!std::getline(st, line)) continue;
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    parent[pid] = ppid;
  }
  closedir(d);
  const long page_kib = sysconf(_SC_PAGESIZE) / 1024;
  long sum = 0;
  for (const auto& [pid, pp] : parent) {
    pid_t p = pid;
    while (p > 1 && p != root) {
      auto it = parent.find(p);
      p = it == parent.end() ? 0 : it->second;
    }
    if (p != root) continue;
    std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
    long size = 0, resident = 0;
    if (statm >> size >> resident) sum += resident * page_kib;
  }
  return sum;
}

uint64_t callgrind_total(const std::string& dir) {
  uint64_t total = 0;
  DIR* d = opendir(dir.c_str());
  if (!d) return 0;
  while (dirent* e = readdir(d)) {
    if (std::string(e->d_name).rfind("cg.", 0) != 0) continue;
    std::ifstream f(dir + "/" + e->d_name);
    std::string line;
    while (std::getline(f, line))
      if (line.rfind("totals:", 0) == 0) total += std::stoull(line.substr(7));
  }
  closedir(d);
  return total;
}

// Runs argv in `dir` (stdout to `out`, stderr to dir/stderr) and measures its tree. Under callgrind every
// process dumps its counts before it forks (--dump-before=fork), so a child starts from zero and the files'
// totals add up to the tree's instructions exactly once.
Measure run_tree(std::vector<std::string> argv, const std::string& dir, const std::string& out, bool callgrind) {
  if (callgrind)
    argv.insert(argv.begin(), {"valgrind", "--tool=callgrind", "--trace-children=yes", "--dump-before=fork",
                               "--dump-before=_Fork", "--callgrind-out-file=" + dir + "/cg.%p"});
  Measure m;
  std::fflush(nullptr);  // or the child inherits unwritten output and prints it again
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(126);
    if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen((dir + "/stderr").c_str(), "w", stderr)) _exit(126);
    std::vector<char*> a;
    for (auto& s : argv) a.push_back(s.data());
    a.push_back(nullptr);
    execvp(a[0], a.data());
    _exit(127);
  }
  rusage ru{};
  for (;;) {
    const pid_t r = wait4(pid, &m.status, WNOHANG, &ru);
    if (r == pid) break;
    if (r < 0) throw std::runtime_error("wait4 failed");
    m.peak_tree_kib = std::max(m.peak_tree_kib, tree_rss_kib(pid));
    usleep(5000);
  }
  // wait4 reports the child together with the descendants it waited for (its workers, its HDF5 writer).
  m.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
          static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
  m.peak_tree_kib = std::max(m.peak_tree_kib, ru.ru_maxrss);  // never below the largest single process
  if (callgrind) m.instructions = callgrind_total(dir);
  return m;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string self_exe() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "bench_ratio";
  buf[n] = 0;
  return buf;
}

std::string make_dir(const char* tag) {
  std::string t = "/tmp/bench_ratio." + std::string(tag) + ".XXXXXX";
  if (!mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed");
  return t;
}

void remove_dir(const std::string& dir) {
  const std::string cmd = "rm -rf '" + dir + "'";
  if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", dir.c_str());
}

Options parse(int argc, char** argv) {
  Options o;
  const std::string exe = self_exe();
  o.ccsim = exe.substr(0, exe.rfind('/')) + "/../ccsim";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--set") {
      o.sets.push_back(value());
      o.what_if.sets.push_back(parse_set(o.sets.back()));
    } else if (a == "--load") {
      o.load = value();
      o.what_if.load = parse_load_factor(o.load);
    } else if (a == "-j" || a == "--jobs") {
      o.jobs = std::atoi(value().c_str());
    } else if (a == "--arg") {
      o.extra.push_back(value());
    } else if (a == "--ccsim") {
      o.ccsim = value();
    } else if (a == "--callgrind") {
      o.callgrind = true;
    } else if (a == "--row") {
      o.row = value();
    } else if (o.scenario.empty() && a[0] != '-') {
      o.scenario = a;
    } else {
      throw std::runtime_error("unknown argument " + a);
    }
  }
  if (o.scenario.empty()) throw std::runtime_error("usage: bench_ratio SCENARIO [options] (see the source's header)");
  return o;
}

std::string absolute(const std::string& p) {
  if (!p.empty() && p[0] == '/') return p;
  char buf[4096];
  return std::string(getcwd(buf, sizeof buf) ? buf : ".") + "/" + p;
}

void print_line(const char* name, const Measure& m, double ref_cps, bool callgrind) {
  const double cps = m.cpu > 0 ? static_cast<double>(m.calls) / m.cpu : 0;
  std::printf("%-26s %12llu %9.2f %12.0f %10.1f", name, static_cast<unsigned long long>(m.calls), m.cpu, cps,
              m.peak_tree_kib / 1024.0);
  if (callgrind)
    std::printf(" %14.1f M %8.0f", static_cast<double>(m.instructions) / 1e6,
                m.calls ? static_cast<double>(m.instructions) / static_cast<double>(m.calls) : 0.0);
  std::printf(" %8.2f\n", ref_cps > 0 ? cps / ref_cps : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::string(argv[1]) == "--bare") return run_bare(argv[2]);
    Options o = parse(argc, argv);
    o.scenario = absolute(o.scenario);
    o.ccsim = absolute(o.ccsim);
    const Scenario sc = load_what_if(o.scenario, o.what_if);
    const std::string spec = encode(bare_params(sc), sc.replications);

    std::printf("bench_ratio: %s%s%s, %g s x %d replication(s), ccsim -j %d%s\n", sc.name.c_str(),
                sc.what_if.empty() ? "" : " with ", sc.what_if.c_str(), sc.horizon.length, sc.replications, o.jobs,
                o.callgrind ? ", under callgrind" : "");

    const std::string bare_dir = make_dir("bare");
    Measure bare = run_tree({self_exe(), "--bare", spec}, bare_dir, bare_dir + "/out", o.callgrind);
    bare.calls = std::stoull(slurp(bare_dir + "/out"));
    remove_dir(bare_dir);

    const std::string run_dir = make_dir("run");
    std::vector<std::string> cmd = {o.ccsim, "run", o.scenario, "-j", std::to_string(o.jobs), "--json",
                                    run_dir + "/summary.json", "--no-intervals"};
    for (const auto& s : o.sets) cmd.insert(cmd.end(), {"--set", s});
    if (!o.load.empty()) cmd.insert(cmd.end(), {"--load", o.load});
    cmd.insert(cmd.end(), o.extra.begin(), o.extra.end());
    Measure run = run_tree(cmd, run_dir, "/dev/null", o.callgrind);
    if (!WIFEXITED(run.status) || (WEXITSTATUS(run.status) != 0 && WEXITSTATUS(run.status) != 3)) {
      std::fprintf(stderr, "ccsim run failed (status %d):\n%s", run.status, slurp(run_dir + "/stderr").c_str());
      return 1;
    }
    run.calls = nlohmann::json::parse(slurp(run_dir + "/summary.json"))["run"]["calls"].get<uint64_t>();
    remove_dir(run_dir);

    std::printf("%-26s %12s %9s %12s %10s", "variant", "calls", "CPU s", "calls/CPU-s", "peak MiB");
    if (o.callgrind) std::printf(" %16s %8s", "instructions", "per call");
    std::printf(" %8s\n", "vs bare");
    const double ref = bare.cpu > 0 ? static_cast<double>(bare.calls) / bare.cpu : 0;
    print_line("bare binary-heap loop", bare, ref, o.callgrind);
    print_line("ccsim run (process tree)", run, ref, o.callgrind);
    if (!o.row.empty()) {
      const double ratio = ref > 0 && run.cpu > 0 ? static_cast<double>(run.calls) / run.cpu / ref : 0;
      std::printf("ROW | %s | %.2f M | %.2f s | %.0f MiB | %.2f s | %.0f MiB | %.2f |\n", o.row.c_str(),
                  static_cast<double>(run.calls) / 1e6, bare.cpu, bare.peak_tree_kib / 1024.0, run.cpu,
                  run.peak_tree_kib / 1024.0, ratio);
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_ratio: %s\n", e.what());
    return 2;
  }
}
