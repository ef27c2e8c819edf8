#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace ccsim::cli {

ProgressReporter::Mode ProgressReporter::detect(bool quiet) {
  if (quiet) return Mode::Quiet;
  return isatty(STDERR_FILENO) ? Mode::Tty : Mode::Log;
}

static std::string eta_text(double s) {
  char buf[32];
  if (s < 0 || s > 1e7) return "--";
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%.0fs", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%.0fmin%02.0fs", s / 60 - 0.5, static_cast<double>(static_cast<long>(s) % 60));
  else
    std::snprintf(buf, sizeof buf, "%.1fh", s / 3600);
  return buf;
}

void ProgressReporter::update(const RunProgress& p) {
  if (mode_ == Mode::Quiet) return;
  const double rate = p.elapsed > 0 ? p.calls / p.elapsed : 0;
  const double eta = p.sim_fraction > 0.001 ? p.elapsed * (1 - p.sim_fraction) / p.sim_fraction : -1;
  char line[160];
  std::snprintf(line, sizeof line, "simulated %5.1f%% | %.2fM calls/s | ETA %s | replications %d/%d done",
                100 * p.sim_fraction, rate / 1e6, eta_text(eta).c_str(), p.done, p.replications);
  if (mode_ == Mode::Tty) {
    std::fprintf(stderr, "\r%-100s", line);
    std::fflush(stderr);
    dirty_ = true;
  } else if (p.elapsed - last_log_ >= 10.0) {
    std::fprintf(stderr, "ccsim: %s\n", line);
    last_log_ = p.elapsed;
  }
}

void ProgressReporter::done() {
  if (mode_ == Mode::Tty && dirty_) {
    std::fprintf(stderr, "\r%-100s\r", "");
    std::fflush(stderr);
  }
  dirty_ = false;
}

}  // namespace ccsim::cli
