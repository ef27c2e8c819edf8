#include "capacity/max_load.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "capacity/report.hpp"
#include "scenario/arrival_profile.hpp"
#include "scenario/value_reader.hpp"

namespace ccsim::capacity {

namespace {
// How far a breaking check is from its target, relative to the target (for "worst first").
double shortfall(const Check& c, const Target& t) {
  const double d = t.at_least() ? t.value - c.estimate.mean : c.estimate.mean - t.value;
  return t.value != 0 ? d / t.value : d;
}
}  // namespace

SearchCap search_cap(const Scenario& base, double max_multiplier) {
  SearchCap cap;
  cap.multiplier = max_multiplier;
  for (const auto& tn : base.tenants)
    for (const auto& ct : tn.call_types) {
      const double peak = peak_rate_per_hour(ct.arrivals, base.horizon);
      if (peak <= cap.peak_per_hour) continue;
      cap.peak_per_hour = peak;
      cap.call_type = tn.name + "/" + ct.name;
    }
  // Traffic scales linearly (scale_traffic: rates and bursts), so the trial's peak is m x the base peak.
  if (cap.peak_per_hour > 0 && scenario::kMaxRatePerHour / cap.peak_per_hour < cap.multiplier) {
    cap.multiplier = scenario::kMaxRatePerHour / cap.peak_per_hour;
    cap.rate_bound = true;
  }
  return cap;
}

const char* scale_what_name(ScaleWhat w) { return w == ScaleWhat::Campaigns ? "campaign_contacts" : "traffic"; }

MaxLoadResult search_max_load(const Scenario& base, const std::vector<Target>& targets, const MaxLoadOptions& opt) {
  MaxLoadResult res;
  res.scaled = opt.scale;
  // Scaling campaigns leaves the call types' rates alone: only --max-multiplier bounds that search.
  if (opt.scale == ScaleWhat::Traffic) {
    res.cap = search_cap(base, opt.max_multiplier);
  } else {
    res.cap.multiplier = opt.max_multiplier;
  }
  TrialOptions to = opt.trial;
  to.stop_on_break = true;
  auto at_least = [&](const Check& c) { return targets[static_cast<size_t>(c.target)].at_least(); };
  auto value = [&](const Check& c) { return targets[static_cast<size_t>(c.target)].value; };

  Trial last_break;
  auto eval = [&](double m) -> bool {
    Scenario sc = base;
    if (opt.scale == ScaleWhat::Campaigns) scale_campaigns(sc, m);
    else scale_traffic(sc, m);
    Checker checker = [&](const Summary& s, const std::vector<RepResult>& reps) { return tenant_checks(sc, targets, s, reps); };
    Trial t = run_trial(sc, to, checker, at_least, value);
    if (t.reps.empty()) {  // interrupted before its first replication: no point was measured here
      res.interrupted = true;
      return false;
    }
    LoadPoint p;
    p.multiplier = m;
    p.holds = t.holds;
    p.replications = static_cast<int>(t.reps.size());
    p.interrupted = t.interrupted;
    p.measured = t.checks;
    for (const auto& c : t.checks)
      if (c.verdict == Verdict::Breaks) p.checks.push_back(c);
    std::sort(p.checks.begin(), p.checks.end(), [&](const Check& a, const Check& b) {
      return shortfall(a, targets[static_cast<size_t>(a.target)]) > shortfall(b, targets[static_cast<size_t>(b.target)]);
    });
    if (to.log) {
      char line[200];
      std::snprintf(line, sizeof line, "capacity: %s x%.4g: %s (%d replications)",
                    opt.scale == ScaleWhat::Campaigns ? "campaign contacts" : "load", m, t.holds ? "targets hold" : "a target breaks",
                    p.replications);
      to.log(line);
    }
    res.points.push_back(p);
    res.interrupted = res.interrupted || t.interrupted;
    if (!t.holds) {
      res.breaking_multiplier = m;
      res.first_breaking = p.checks;
      res.binding = binding_resource(sc, t.summary, t.reps);
    }
    return t.holds;
  };

  if (to.log && res.cap.rate_bound) to.log("capacity: search cap " + describe_search_cap(res.cap));
  res.base_holds = eval(1.0);
  if (!res.base_holds || res.interrupted) return res;
  double lo = 1.0, hi = 0;
  // Tolerance for a --max-multiplier given as a power of two; never past the rate bound.
  const double limit = res.cap.rate_bound ? res.cap.multiplier : res.cap.multiplier * (1 + 1e-9);
  for (double m = 2.0; m <= limit; m *= 2) {
    if (eval(m)) lo = m;
    else {
      hi = m;
      break;
    }
    if (res.interrupted) break;
  }
  if (hi == 0) {
    res.capped = !res.interrupted;
    res.max_multiplier = lo;
    return res;
  }
  for (int it = 0; it < 30 && (hi - lo) / lo > opt.tolerance && !res.interrupted; ++it) {
    const double mid = 0.5 * (lo + hi);
    if (eval(mid)) lo = mid;
    else hi = mid;
  }
  res.max_multiplier = lo;
  // eval() kept the details of the latest breaking point; bisection only lowers hi, so they belong to the
  // smallest breaking multiplier.
  res.breaking_multiplier = hi;
  return res;
}

}  // namespace ccsim::capacity
