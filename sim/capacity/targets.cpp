#include "capacity/targets.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "stats/kpi.hpp"

namespace ccsim::capacity {

const char* metric_name(Metric m) {
  switch (m) {
    case Metric::ServiceLevel: return "service_level";
    case Metric::Abandonment: return "abandonment";
    case Metric::Blocking: return "blocking";
    case Metric::Availability: return "availability";
  }
  return "?";
}

Target parse_target(const std::string& text, const Scenario& sc) {
  auto bad = [&](const std::string& what, const std::string& expected) {
    return InputError(SourceLoc{"command line", 0, 0}, "--target " + text, what, expected);
  };
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw bad("not KEY=VALUE", "[TENANT:]METRIC[@SCOPE]=VALUE, e.g. service_level@interval=80%");
  std::string key = text.substr(0, eq), val = text.substr(eq + 1);
  Target t;
  t.text = text;
  if (auto c = key.find(':'); c != std::string::npos) {
    t.tenant = key.substr(0, c);
    key = key.substr(c + 1);
    bool known = false;
    for (const auto& tn : sc.tenants) known = known || tn.name == t.tenant;
    if (!known) throw bad("unknown tenant '" + t.tenant + "'", "a tenant of the scenario");
  }
  if (auto a = key.find('@'); a != std::string::npos) {
    const std::string scope = key.substr(a + 1);
    key = key.substr(0, a);
    if (scope == "overall") t.scope = Scope::Overall;
    else if (scope == "interval") t.scope = Scope::Interval;
    else throw bad("unknown scope '" + scope + "'", "overall or interval");
  }
  if (key == "service_level") t.metric = Metric::ServiceLevel;
  else if (key == "abandonment") t.metric = Metric::Abandonment;
  else if (key == "blocking") t.metric = Metric::Blocking;
  else if (key == "availability") t.metric = Metric::Availability;
  else throw bad("unknown metric '" + key + "'", "service_level, abandonment, blocking or availability");
  bool percent = !val.empty() && val.back() == '%';
  if (percent) val.pop_back();
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(val, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != val.size() || !std::isfinite(v)) throw bad("'" + text.substr(eq + 1) + "' is not a number", "0.8 or 80%");
  if (percent) v /= 100.0;
  if (v < 0 || v > 1) throw bad("value outside [0, 1]", "a proportion such as 0.8 or 80%");
  t.value = v;
  return t;
}

std::vector<Target> default_targets(const Scenario& sc) {
  std::vector<Target> out;
  for (const auto& tn : sc.tenants) {
    if (tn.call_types.empty()) continue;
    double v = 0;
    for (const auto& ct : tn.call_types) v = std::max(v, ct.sl_target);
    Target t;
    t.metric = Metric::ServiceLevel;
    t.value = v;
    t.tenant = tn.name;
    t.text = tn.name + ":service_level=" + std::to_string(v) + " (scenario target)";
    out.push_back(t);
  }
  return out;
}

Verdict decide(const Estimate& e, double value, bool at_least) {
  if (e.n == 0 || std::isnan(e.mean)) return Verdict::Holds;
  if (at_least) return e.lo >= value ? Verdict::Holds : e.hi < value ? Verdict::Breaks : Verdict::Undecided;
  return e.hi <= value ? Verdict::Holds : e.lo > value ? Verdict::Breaks : Verdict::Undecided;
}

Verdict decide_by_mean(const Estimate& e, double value, bool at_least) {
  if (e.n == 0 || std::isnan(e.mean)) return Verdict::Holds;
  return (at_least ? e.mean >= value : e.mean <= value) ? Verdict::Holds : Verdict::Breaks;
}

double availability(const MinuteLedger& ledger, int m0, int m1) {
  m1 = std::min<int>(m1, static_cast<int>(ledger.minutes()));
  if (m1 <= m0) return NAN;
  int unavailable = 0;
  for (int m = m0; m < m1; ++m) {
    const uint64_t req = ledger.requests[static_cast<size_t>(m)];
    uint64_t fail = 0;
    // Provider-side causes: host, link, degradation, drops, other platform failures.
    for (int c = 0; c <= static_cast<int>(Cause::PlatformOther); ++c) fail += ledger.failures[static_cast<size_t>(m)][static_cast<size_t>(c)];
    if (req > 0 && fail * 100 > req) ++unavailable;  // success < 99%  <=>  failures / requests > 1%
  }
  return 1.0 - static_cast<double>(unavailable) / (m1 - m0);
}

namespace {
int kpi_of(Metric m) {
  switch (m) {
    case Metric::ServiceLevel: return CK_SL_ANSWERED;
    case Metric::Abandonment: return CK_ABANDONMENT_RATE;
    case Metric::Blocking: return CK_BLOCKING_RATE;
    default: return -1;
  }
}
}  // namespace

std::vector<Check> tenant_checks(const Scenario& sc, const std::vector<Target>& targets, const Summary& s,
                                 const std::vector<RepResult>& reps) {
  std::vector<Check> out;
  for (size_t k = 0; k < targets.size(); ++k) {
    const Target& tg = targets[k];
    for (size_t ti = 0; ti < sc.tenants.size(); ++ti) {
      if (!tg.tenant.empty() && tg.tenant != sc.tenants[ti].name) continue;
      auto add = [&](int interval, const Estimate& e) {
        Check c;
        c.target = static_cast<int>(k);
        c.tenant = static_cast<int>(ti);
        c.interval = interval;
        c.estimate = e;
        c.verdict = decide(e, tg.value, tg.at_least());
        out.push_back(c);
      };
      if (tg.metric == Metric::Availability) {
        const int per = static_cast<int>(std::lround(sc.horizon.interval / 60.0));
        auto est = [&](int m0, int m1) {
          std::vector<double> v;
          for (const auto& r : reps) v.push_back(availability(r.tenants[ti].ledger, m0, m1));
          return estimate_defined(v);
        };
        if (tg.scope == Scope::Overall) add(-1, est(0, sc.horizon.num_minutes()));
        else
          for (int i = s.first_counted; i < s.intervals; ++i) add(i, est(i * per, (i + 1) * per));
        continue;
      }
      const CtSeries& all = s.tenants[ti].all;
      const int kpi = kpi_of(tg.metric);
      if (tg.scope == Scope::Overall) add(-1, all.overall[static_cast<size_t>(kpi)]);
      else
        for (int i = s.first_counted; i < s.intervals; ++i) add(i, all.intervals[static_cast<size_t>(i)][static_cast<size_t>(kpi)]);
    }
  }
  return out;
}

}  // namespace ccsim::capacity
