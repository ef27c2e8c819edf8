#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace ccsim::cli {

ProgressReporter::Mode ProgressReporter::detect(bool quiet) {
  if (quiet) return Mode::Quiet;
  return isatty(STDERR_FILENO) ? Mode::Tty : Mode::Log;
}

double eta_seconds(double elapsed, double fraction) {
  if (!(fraction > 0.001) || !(elapsed >= 0)) return -1;
  return elapsed * (1 - std::min(1.0, fraction)) / std::min(1.0, fraction);
}

double steps_fraction(int done, int steps, double step_fraction) {
  if (steps <= 0) return 0;
  const double f = (done + std::clamp(step_fraction, 0.0, 1.0)) / steps;
  return std::clamp(f, 0.0, 1.0);
}

std::string eta_text(double s) {
  char buf[32];
  if (s < 0 || s > 1e7) return "--";
  const long whole = static_cast<long>(s + 0.5);
  if (whole < 60)
    std::snprintf(buf, sizeof buf, "%lds", whole);
  else if (whole < 3600)
    std::snprintf(buf, sizeof buf, "%ldmin%02lds", whole / 60, whole % 60);
  else
    std::snprintf(buf, sizeof buf, "%.1fh", s / 3600);
  return buf;
}

void ProgressReporter::step(int done, int steps, std::string label) {
  steps_done_ = done;
  steps_ = steps;
  label_ = std::move(label);
}

void ProgressReporter::update(const RunProgress& p) {
  if (mode_ == Mode::Quiet) return;
  const double rate = p.elapsed > 0 ? p.calls / p.elapsed : 0;
  char line[200];
  if (steps_ > 0) {
    // A job of known steps: the ETA covers the remaining steps, assumed as long as the ones so far.
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double f = steps_fraction(steps_done_, steps_, p.sim_fraction);
    std::snprintf(line, sizeof line, "%s | simulated %5.1f%% of all | %.2fM calls/s | ETA %s | replications %d/%d done",
                  label_.c_str(), 100 * f, rate / 1e6, eta_text(eta_seconds(total, f)).c_str(), p.done, p.replications);
  } else {
    std::snprintf(line, sizeof line, "%s%ssimulated %5.1f%% | %.2fM calls/s | ETA %s | replications %d/%d done",
                  label_.c_str(), label_.empty() ? "" : " | ", 100 * p.sim_fraction, rate / 1e6,
                  eta_text(eta_seconds(p.elapsed, p.sim_fraction)).c_str(), p.done, p.replications);
  }
  if (mode_ == Mode::Tty) {
    std::fprintf(stderr, "\r%-110s", line);
    std::fflush(stderr);
    dirty_ = true;
  } else {
    const double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (since - last_log_ >= 10.0) {
      std::fprintf(stderr, "ccsim: %s\n", line);
      last_log_ = since;
    }
  }
}

void ProgressReporter::done() {
  if (mode_ == Mode::Tty && dirty_) {
    std::fprintf(stderr, "\r%-110s\r", "");
    std::fflush(stderr);
  }
  dirty_ = false;
}

}  // namespace ccsim::cli
