#pragma once
// Fault injection through the built binary: start `ccsim run` in a process group of its own, wait for a phase
// of the run that is visible from outside (its scratch directory, a temporary output file), hit it (a signal, a
// removed or read-only directory), then check what the target paths hold.
#include <sys/types.h>

#include <string>
#include <vector>

namespace ccsim::test::faults {

// `run scenarios/month-2000.yaml` cut to `horizon` (--set horizon.length=...: a real option, long enough to be
// hit mid-run), quiet, writing `h5` and `json`, with `extra` options (-r, -j, --seed).
std::vector<std::string> month_run(const std::string& horizon, const std::string& h5, const std::string& json,
                                   const std::vector<std::string>& extra = {});

// The layout of a fault test: outputs in out/, the run's scratch (TMPDIR) in tmp/, targets out/r.h5, out/r.json.
struct RunDirs {
  RunDirs();
  std::string root, out, tmp, h5, json;
};
// A complete earlier result at the targets (one simulated hour: different bytes from any later run).
bool write_previous(const RunDirs& d);

// A ccsim process started by start_run: its pid is also its process group id.
struct Started {
  pid_t pid = -1;
  std::string err_path;  // its standard error, written to this file
};

// Starts `ccsim ARGS` in a new session with TMPDIR=tmpdir (so its scratch directory is observable), standard
// output discarded and standard error into err_path.
Started start_run(const std::vector<std::string>& args, const std::string& tmpdir, const std::string& err_path);

// The moments of a run that can be told from outside.
enum class Phase {
  kSetup,       // started (the program may not even have reached main)
  kLoading,     // catches SIGINT (ccsim's handler is installed: /proc/PID/status SigCgt), no scratch directory yet
  kSimulation,  // its scratch directory ccsim-run-PID-* exists in tmpdir (workers are being forked)
  kWriting,     // a temporary output file .NAME.tmp-* exists in out_dir
};
const char* phase_name(Phase p);

// Waits until `run` reaches `phase` (or has ended), then `delay_ms` more. Returns false when it ended first.
bool wait_for_phase(const Started& run, Phase phase, const std::string& tmpdir, const std::string& out_dir,
                    int delay_ms);

// True when no process of group `pgid` is left within bound_s seconds (orphaned workers stop by themselves).
bool group_gone(pid_t pgid, int bound_s);

// The pids of the child processes of `pid` (its replication workers).
std::vector<pid_t> children_of(pid_t pid);

// Names in `dir` that a run leaves behind only when it is killed: temporary files `.X.tmp-*` and scratch
// directories `ccsim-run-*`.
std::vector<std::string> leftovers(const std::string& dir);

// Whether `ccsim report` accepts the results file (run into a scratch HTML page).
bool report_accepts(const std::string& h5_path, std::string* why);

// Gives this test process a mount namespace of its own with private mounts: a mount made afterwards (a read-only
// bind mount, a small tmpfs) is seen by the runs it starts and by nothing outside. Returns "" or why it cannot
// (it needs root or CAP_SYS_ADMIN).
std::string private_mounts();

// The HTML page `ccsim report` makes of a results file (run or capacity), "" when it refuses the file.
std::string report_html(const std::string& h5_path);

// The root attribute `complete` of a results file (-1 when missing).
int h5_complete(const std::string& h5_path);

// The bytes of a file, "" when it does not exist.
std::string bytes_or_empty(const std::string& path);

}  // namespace ccsim::test::faults
