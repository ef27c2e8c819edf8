#include "cli/faults/fault_support.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "output/h5_reader.hpp"
#include "support/test_support.hpp"

namespace ccsim::test::faults {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<std::string> month_run(const std::string& horizon, const std::string& h5, const std::string& json,
                                   const std::vector<std::string>& extra) {
  std::vector<std::string> a{"run", source_dir() + "/scenarios/month-2000.yaml", "-q", "--set",
                             "horizon.length=" + horizon, "-o", h5, "--json", json};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

RunDirs::RunDirs() : root(temp_dir()), out(root + "/out"), tmp(root + "/tmp"), h5(out + "/r.h5"), json(out + "/r.json") {
  fs::create_directories(out);
  fs::create_directories(tmp);
}

bool write_previous(const RunDirs& d) {
  return run_ccsim(month_run("1h", d.h5, d.json, {"--seed", "1"})).exit_code == 0;
}

Started start_run(const std::vector<std::string>& args, const std::string& tmpdir, const std::string& err_path) {
  Started s;
  s.err_path = err_path;
  std::vector<std::string> argv{ccsim_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  s.pid = fork();
  if (s.pid == 0) {
    setsid();  // a group of its own, like a shell job: signals to the group reach its workers only
    setenv("TMPDIR", tmpdir.c_str(), 1);
    const int out = open("/dev/null", O_WRONLY);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> a;
    for (auto& x : argv) a.push_back(const_cast<char*>(x.c_str()));
    a.push_back(nullptr);
    execv(a[0], a.data());
    _exit(127);
  }
  return s;
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::kSetup: return "setup";
    case Phase::kLoading: return "loading";
    case Phase::kSimulation: return "simulation";
    case Phase::kWriting: return "writing";
  }
  return "?";
}

namespace {

// Whether `pid` has a handler for SIGINT: the SigCgt mask of /proc/PID/status, bit SIGINT - 1.
bool catches_sigint(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) >> (SIGINT - 1)) & 1;
  return false;
}

bool has_entry_starting(const std::string& dir, const std::string& prefix, const std::string& part = "") {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (n.rfind(prefix, 0) == 0 && n.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool wait_for_phase(const Started& run, Phase phase, const std::string& tmpdir, const std::string& out_dir,
                    int delay_ms) {
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  auto reached = [&] {
    switch (phase) {
      case Phase::kSetup: return true;
      case Phase::kLoading: return catches_sigint(run.pid) || has_entry_starting(tmpdir, "ccsim-run-");
      case Phase::kSimulation: return has_entry_starting(tmpdir, "ccsim-run-");
      case Phase::kWriting: return has_entry_starting(out_dir, ".", ".tmp-");
    }
    return true;
  };
  while (!reached()) {
    // A zombie still answers kill(pid, 0): look at its state instead.
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(run.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == run.pid)
      return false;
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  return true;
}

bool group_gone(pid_t pgid, int bound_s) {
  const auto deadline = Clock::now() + std::chrono::seconds(bound_s);
  while (kill(-pgid, 0) == 0 || errno != ESRCH) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // pid (comm) state ppid ...: comm may hold spaces, so parse after the last ')'.
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    std::string state;
    long ppid = 0;
    rest >> state >> ppid;
    if (ppid == pid && state != "Z") out.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return out;
}

std::vector<std::string> leftovers(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if ((n[0] == '.' && n.find(".tmp-") != std::string::npos) || n.rfind("ccsim-run-", 0) == 0) out.push_back(n);
  }
  return out;
}

bool report_accepts(const std::string& h5_path, std::string* why) {
  const std::string html = temp_dir() + "/report.html";
  const ProcResult r = run_ccsim({"report", h5_path, "-o", html});
  if (why) *why = r.err;
  return r.exit_code == 0 && fs::file_size(html) > 0;
}

std::string private_mounts() {
  if (unshare(CLONE_NEWNS) != 0) return std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return "cannot make mounts private";
  return "";
}

std::string report_html(const std::string& h5_path) {
  const std::string html = temp_dir() + "/report.html";
  return run_ccsim({"report", h5_path, "-o", html}).exit_code == 0 ? read_file(html) : std::string();
}

int h5_complete(const std::string& h5_path) {
  return static_cast<int>(ccsim::H5Results(h5_path).attr_int("/", "complete").value_or(-1));
}

std::string bytes_or_empty(const std::string& path) { return fs::exists(path) ? read_file(path) : std::string(); }

}  // namespace ccsim::test::faults
