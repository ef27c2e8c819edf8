#include "engine/replication_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>

#include "engine/engine_run.hpp"
#include "engine/run_scratch.hpp"
#include "stats/call_record_spool.hpp"
#include "stats/rep_result_io.hpp"

namespace ccsim {

namespace {

volatile sig_atomic_t g_interrupt = 0;
void on_signal(int) { g_interrupt = 1; }

int g_scope_depth = 0;
struct sigaction g_old_int {}, g_old_term {};

struct ProgressMsg {
  int32_t replication;
  double sim_time;
  uint64_t calls;
};

struct Worker {
  pid_t pid;
  int fd;     // progress pipe; -1 once the worker closed its end (it is exiting)
  int pidfd;  // readable when the worker has exited; -1 where the kernel has no pidfd_open
  int replication;
  double sim_time = 0;
  uint64_t calls = 0;
  std::string result_path;
};

[[noreturn]] void worker_main(const Scenario& sc, int rep, const std::string& path, const std::string& records_prefix,
                              int fd, const std::string& log) {
  int code = 0;
  try {
    auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    EngineRunOptions eo;
    eo.log = log;
    eo.records_prefix = records_prefix;
    eo.stop_flag = &g_interrupt;
    eo.signal_handler = on_signal;
    eo.progress = [&](double t, uint64_t calls) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last > std::chrono::milliseconds(100) || t >= sc.horizon.length) {
        ProgressMsg m{rep, t, calls};
        ssize_t w = write(fd, &m, sizeof m);
        (void)w;
        last = now;
      }
      return g_interrupt == 0;
    };
    RepResult r = run_replication(sc, rep, eo);
    write_rep_result(path, r);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ccsim: replication %d failed: %s\n", rep, e.what());
    code = 1;
  }
  close(fd);
  std::fflush(nullptr);
  _exit(code);
}

// Through syscall(): glibc 2.36's <sys/pidfd.h> lacks C linkage for C++. -1 where the kernel has none (< 5.3).
int pidfd_of(pid_t pid) {
#ifdef SYS_pidfd_open
  const long fd = syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0) fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
  return static_cast<int>(fd);
#else
  (void)pid;
  return -1;
#endif
}

}  // namespace

InterruptScope::InterruptScope() {
  if (g_scope_depth++ > 0) return;
  g_interrupt = 0;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptScope::~InterruptScope() {
  if (--g_scope_depth > 0) return;
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

bool interrupt_requested() { return g_interrupt != 0; }

RunOutcome run_replications(const Scenario& sc, const RunnerOptions& opt) {
  namespace fs = std::filesystem;
  const auto t0 = std::chrono::steady_clock::now();
  // The caller's scratch directory when it keeps spooled call records for its outputs, else one of our own.
  std::optional<RunScratch> own;
  if (opt.scratch_dir.empty()) own.emplace();
  const std::string dir = own ? own->path() : opt.scratch_dir;

  InterruptScope interrupts;

  RunOutcome out;
  std::map<pid_t, Worker> running;
  int next = 0, done = 0;
  const int total = opt.replications;
  const int jobs = std::max(1, opt.jobs);
  std::string failure;
  bool forwarded = false;  // the workers were asked to stop (SIGTERM)
  auto last_report = std::chrono::steady_clock::now() - std::chrono::seconds(1);

  while ((next < total && !g_interrupt && failure.empty()) || !running.empty()) {
    while (next < total && static_cast<int>(running.size()) < jobs && !g_interrupt && failure.empty()) {
      const int rep = opt.first_replication + next;
      int p[2];
      if (pipe(p) != 0) throw std::runtime_error("pipe failed");
      std::string path = dir + "/rep-" + std::to_string(rep) + ".bin";
      std::fflush(nullptr);
      pid_t pid = fork();
      if (pid < 0) throw std::runtime_error("fork failed");
      if (pid == 0) {
        close(p[0]);
        for (auto& kv : running) {
          if (kv.second.fd >= 0) close(kv.second.fd);
          if (kv.second.pidfd >= 0) close(kv.second.pidfd);
        }
        worker_main(sc, rep, path, dir + "/rep-" + std::to_string(rep), p[1], opt.log);
      }
      close(p[1]);
      fcntl(p[0], F_SETFL, O_NONBLOCK);
      running[pid] = Worker{pid, p[0], pidfd_of(pid), rep, 0, 0, path};
      ++next;
    }
    // A signal to the parent alone (kill, docker stop) must stop the workers too: they finish their
    // replication at the current date and report it incomplete. (Ctrl-C reaches them directly as well.) A lost
    // worker stops the others the same way: the run is incomplete now, and waiting would only delay the end.
    if ((g_interrupt || !failure.empty()) && !forwarded) {
      for (auto& kv : running) kill(kv.first, SIGTERM);
      forwarded = true;
    }
    // Wait for progress messages or a worker exit. A worker that closed its pipe is exiting: polling the closed
    // pipe would return at once until the worker is reaped, and that busy loop took a core's worth of the
    // parent's time from the workers (docs/performance.md, "Output cost"). Its pidfd says when it has exited.
    std::vector<pollfd> fds;
    bool exit_unwatched = false;
    for (auto& kv : running) {
      if (kv.second.fd >= 0) fds.push_back({kv.second.fd, POLLIN, 0});
      if (kv.second.pidfd >= 0) fds.push_back({kv.second.pidfd, POLLIN, 0});
      else if (kv.second.fd < 0) exit_unwatched = true;
    }
    if (!fds.empty() || exit_unwatched) poll(fds.data(), fds.size(), exit_unwatched ? 2 : 200);
    for (auto& kv : running) {
      ProgressMsg m;
      ssize_t got = -1;
      while (kv.second.fd >= 0 && (got = read(kv.second.fd, &m, sizeof m)) == static_cast<ssize_t>(sizeof m)) {
        kv.second.sim_time = m.sim_time;
        kv.second.calls = m.calls;
      }
      if (kv.second.fd >= 0 && got == 0) {
        close(kv.second.fd);
        kv.second.fd = -1;
      }
    }
    int status = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      auto it = running.find(pid);
      if (it == running.end()) continue;
      Worker w = it->second;
      running.erase(it);
      if (w.fd >= 0) close(w.fd);
      if (w.pidfd >= 0) close(w.pidfd);
      const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      if (!ok) {
        if (failure.empty())
          failure = "replication " + std::to_string(w.replication) + " worker " +
                    (WIFSIGNALED(status) ? std::string("was killed by signal ") + strsignal(WTERMSIG(status))
                                         : "exited with code " + std::to_string(WEXITSTATUS(status)));
        continue;
      }
      out.results.push_back(read_rep_result(w.result_path));
      // Spooled call records die with our own scratch directory: results then carry them (cluster parts).
      if (own)
        for (TenantRep& t : out.results.back().tenants) load_spooled_records(t);
      fs::remove(w.result_path);
      ++done;
    }
    const auto now = std::chrono::steady_clock::now();
    if (opt.on_progress && now - last_report > std::chrono::milliseconds(250)) {
      RunProgress pr;
      pr.replications = total;
      pr.done = done;
      double frac = done;
      uint64_t calls = 0;
      for (const auto& r : out.results) calls += r.calls;
      for (auto& kv : running) {
        frac += sc.horizon.length > 0 ? kv.second.sim_time / sc.horizon.length : 0;
        calls += kv.second.calls;
      }
      pr.sim_fraction = total > 0 ? frac / total : 1;
      pr.calls = calls;
      pr.elapsed = std::chrono::duration<double>(now - t0).count();
      opt.on_progress(pr);
      last_report = now;
    }
  }
  out.interrupted = g_interrupt != 0;
  if (!failure.empty() && !opt.keep_on_failure) throw std::runtime_error(failure);
  out.failure = failure;
  std::sort(out.results.begin(), out.results.end(),
            [](const RepResult& a, const RepResult& b) { return a.replication < b.replication; });
  out.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace ccsim
