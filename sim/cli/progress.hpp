#pragma once
// Progress of a run on stderr: a live line on a TTY (simulated %, calls/s, ETA, replications done), plain
// periodic log lines otherwise, nothing with --quiet. Searches and sweeps made of several runs name the step
// ("variant 2/5", "trial 3") and, when the number of steps is known, give the ETA of the whole job.
#include <chrono>
#include <string>

#include "engine/replication_runner.hpp"

namespace ccsim::cli {

// Seconds left for a job `fraction` (0..1) done after `elapsed` seconds at the same pace; -1 when too early to
// tell (under 0.1% done).
double eta_seconds(double elapsed, double fraction);
// Fraction of a job of `steps` equal steps when `done` steps are finished and the current one is
// `step_fraction` done (clamped to 0..1).
double steps_fraction(int done, int steps, double step_fraction);
// "42s", "3min07s", "2.5h"; "--" when unknown (negative) or absurd.
std::string eta_text(double seconds);

class ProgressReporter {
 public:
  enum class Mode { Quiet, Tty, Log };
  static Mode detect(bool quiet);
  explicit ProgressReporter(Mode m) : mode_(m), start_(std::chrono::steady_clock::now()) {}
  // Starts step `done`+1 (0-based `done` steps finished) of `steps` (0 = unknown), named `label` on the line.
  void step(int done, int steps, std::string label);
  void update(const RunProgress& p);
  // Clears the live line.
  void done();
  bool quiet() const { return mode_ == Mode::Quiet; }

 private:
  Mode mode_;
  std::chrono::steady_clock::time_point start_;  // of the whole job (all steps)
  int steps_done_ = 0, steps_ = 0;
  std::string label_;
  double last_log_ = 0;  // first plain log line after 10 s: short runs stay quiet
  bool dirty_ = false;
};

}  // namespace ccsim::cli
