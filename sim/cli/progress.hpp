#pragma once
// Progress of a run on stderr: a live line on a TTY (simulated %, calls/s, ETA, replications done), plain
// periodic log lines otherwise, nothing with --quiet.
#include <chrono>
#include <string>

#include "engine/replication_runner.hpp"

namespace ccsim::cli {

class ProgressReporter {
 public:
  enum class Mode { Quiet, Tty, Log };
  static Mode detect(bool quiet);
  explicit ProgressReporter(Mode m) : mode_(m) {}
  void update(const RunProgress& p);
  // Clears the live line.
  void done();

 private:
  Mode mode_;
  double last_log_ = 0;  // first plain log line after 10 s: short runs stay quiet
  bool dirty_ = false;
};

}  // namespace ccsim::cli
