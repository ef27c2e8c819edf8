#include "callflow/outbound_rules.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/time.hpp"

namespace ccsim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

int64_t local_day(double local) { return static_cast<int64_t>(std::floor(local / 86400.0)); }

// Earliest sim time >= t inside a callee-local window (t itself when no window is set).
double window_open_at(const CallingRules& rules, double tz, int64_t epoch0, double t) {
  if (rules.windows.empty()) return t;
  const double local = callee_local(t, epoch0, tz);
  const int64_t day = local_day(local);
  const double sod = local - static_cast<double>(day) * 86400.0;
  for (int64_t dd = 0; dd <= 7; ++dd) {
    const int64_t d = day + dd;
    const int wd = weekday_from_days(d);
    double best = kInf;
    for (const auto& w : rules.windows) {
      if (!w.days[wd]) continue;
      if (dd == 0 && sod >= w.from && sod < w.to) return t;
      if (dd > 0 || w.from > sod) best = std::min(best, static_cast<double>(d) * 86400.0 + w.from);
    }
    if (best < kInf) return best - static_cast<double>(epoch0) - tz;
  }
  return kInf;
}

}  // namespace

double next_callable(const CallingRules& rules, double tz, int64_t epoch0, double now, const ContactLog& log) {
  double t = now;
  // Each rule can only push t later; a few passes settle them (a window opening on a new day resets the
  // day cap; the number cap frees a slot at a fixed time).
  for (int pass = 0; pass < 16 && t < kInf; ++pass) {
    const double w = window_open_at(rules, tz, epoch0, t);
    if (w > t) {
      t = w;
      continue;
    }
    const double local = callee_local(t, epoch0, tz);
    if (rules.attempts_per_day > 0 && log.day == local_day(local) && log.today >= rules.attempts_per_day) {
      t = static_cast<double>(log.day + 1) * 86400.0 - static_cast<double>(epoch0) - tz;
      continue;
    }
    if (rules.number_cap_calls > 0) {
      const auto n = static_cast<int>(std::count_if(log.times.begin(), log.times.end(), [&](double x) {
        return x > t - rules.number_cap_period;
      }));
      if (n >= rules.number_cap_calls) {
        // The oldest of the last `cap` calls leaves the period.
        t = log.times[log.times.size() - static_cast<size_t>(rules.number_cap_calls)] + rules.number_cap_period;
        continue;
      }
    }
    return t;
  }
  return t;
}

void log_attempt(const CallingRules& rules, double tz, int64_t epoch0, double now, ContactLog& log) {
  const int64_t d = local_day(callee_local(now, epoch0, tz));
  if (d != log.day) {
    log.day = d;
    log.today = 0;
  }
  ++log.today;
  if (rules.number_cap_calls > 0) log.times.push_back(now);
}

bool destination_allowed(const CallingRules& rules, const std::string& number) {
  auto starts = [&](const std::string& p) { return number.compare(0, p.size(), p) == 0; };
  if (!rules.allowed_prefixes.empty() && std::none_of(rules.allowed_prefixes.begin(), rules.allowed_prefixes.end(), starts))
    return false;
  return std::none_of(rules.denied_prefixes.begin(), rules.denied_prefixes.end(), starts);
}

const OutcomeMix& outcome_mix_at(const Campaign& c, double sod) {
  for (const auto& w : c.outcomes_by_hour) {
    const bool in = w.from < w.to ? sod >= w.from && sod < w.to : sod >= w.from || sod < w.to;
    if (in) return w.mix;
  }
  return c.outcomes;
}

PredictivePacer::PredictivePacer(double start_ratio, double max_ratio, double limit, double person_share)
    : max_ratio_(max_ratio), limit_(limit), prior_(std::clamp(person_share, 1e-3, 1.0)) {
  // The starting aggressiveness gives the starting ratio at the expected answer rate.
  const double span = 1 / prior_ - 1;
  gain_ = span > 0 ? std::clamp((start_ratio - 1) / span, 0.0, 1.0) : 1.0;
}

void PredictivePacer::on_dial_outcome(bool person) {
  dials_ += 1;
  persons_ += person ? 1 : 0;
}

void PredictivePacer::on_served() {
  if (abandon_rate() < kTargetShare * limit_) gain_ += kGainStep * (1 - gain_);
  if (abandon_rate() <= limit_) reserve_ = std::max(0.0, reserve_ - kReserveStep);
}

void PredictivePacer::on_abandoned() {
  abandoned_ += 1;
  gain_ *= kAbandonCut;
  if (abandon_rate() > limit_) reserve_ += 1;
}

double PredictivePacer::answer_rate() const {
  return std::max(1e-3, (persons_ + prior_ * kPriorDials) / (dials_ + kPriorDials));
}

double PredictivePacer::ratio() const {
  if (abandon_rate() > limit_) return 1;
  return std::clamp(1 + gain_ * (1 / answer_rate() - 1), 1.0, max_ratio_);
}

}  // namespace ccsim
