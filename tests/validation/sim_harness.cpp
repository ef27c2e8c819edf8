#include "validation/sim_harness.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "callflow/simulation.hpp"

namespace ccsim::validation {

Scenario steady_scenario(double hours, uint64_t seed) {
  Scenario sc;
  sc.name = "validation";
  sc.seed = seed;
  sc.horizon.start = 0;
  sc.horizon.length = hours * 3600.0;
  sc.horizon.interval = 3600.0;
  sc.horizon.warmup = 0;  // warm-up intervals are skipped by the harness itself
  Tenant t;
  t.name = "center";
  t.ivr.enabled = false;
  sc.tenants.push_back(t);
  return sc;
}

Tenant& only_tenant(Scenario& sc) { return sc.tenants.at(0); }

int add_group(Tenant& t, const std::string& name, int queue_capacity) {
  SkillGroup g;
  g.name = name;
  g.queue_capacity = queue_capacity;
  t.groups.push_back(g);
  return static_cast<int>(t.groups.size()) - 1;
}

int add_pool(Tenant& t, const std::string& name, const std::vector<int>& skills, int agents) {
  AgentPool p;
  p.name = name;
  for (int g : skills) {
    p.skills.push_back(t.groups.at(static_cast<size_t>(g)).name);
    p.skill_index.push_back(g);
  }
  p.constant = agents;
  p.schedule = {{0.0, agents}};
  p.max_agents = agents;
  t.pools.push_back(p);
  return static_cast<int>(t.pools.size()) - 1;
}

int add_trunk(Tenant& t, const std::string& name, int channels) {
  TrunkGroup tg;
  tg.name = name;
  tg.channels = channels;
  t.trunks.push_back(tg);
  return static_cast<int>(t.trunks.size()) - 1;
}

CallType& add_call_type(Tenant& t, const std::string& name, double rate_per_hour, const Distribution& handle,
                        const std::vector<int>& groups) {
  CallType ct;
  ct.name = name;
  ct.arrivals.rate_per_hour = rate_per_hour;
  ct.handle = handle;
  ct.wrapup = Distribution::constant(0);
  ct.use_ivr = false;
  for (int g : groups) {
    RouteStep s;
    s.group = t.groups.at(static_cast<size_t>(g)).name;
    s.group_index = g;
    s.after = 0;
    ct.route.push_back(s);
  }
  t.call_types.push_back(ct);
  return t.call_types.back();
}

namespace {

// Sums the rows [from, to) of a counter table; fields listed in `max_fields` (per-interval maxima such as
// GR_QUEUE_MAX) are combined with max instead of +.
template <size_t N>
std::array<double, N> sum_rows(const CounterTable& t, int from, int to, std::initializer_list<int> max_fields) {
  std::array<double, N> s{};
  if (t.fields != static_cast<int>(N)) throw std::logic_error("counter table has an unexpected field count");
  for (int r = from; r < to; ++r)
    for (size_t f = 0; f < N; ++f) {
      const double v = t.at(r, static_cast<int>(f));
      const bool is_max = std::find(max_fields.begin(), max_fields.end(), static_cast<int>(f)) != max_fields.end();
      s[f] = is_max ? std::max(s[f], v) : s[f] + v;
    }
  return s;
}

}  // namespace

std::vector<RepTotals> run_replications(const Scenario& sc, const RunPlan& plan) {
  const int nint = sc.horizon.num_intervals();
  const int from = plan.warmup_intervals, to = nint - plan.tail_intervals;
  if (to - from < 1) throw std::invalid_argument("run_replications: no interval left after warm-up and tail");
  std::vector<RepTotals> out;
  for (int r = 0; r < plan.replications; ++r) {
    const RepResult res = simulate_with_heap(sc, r);
    const TenantRep& tr = res.tenants.at(0);
    RepTotals t;
    t.calls = res.calls;
    t.kept_seconds = (to - from) * sc.horizon.interval;
    for (const auto& c : tr.ct) {
      t.ct.push_back(sum_rows<CT_NFIELDS>(c, from, to, {}));
      t.ct_whole.push_back(sum_rows<CT_NFIELDS>(c, 0, c.rows, {}));
    }
    for (const auto& g : tr.gr) t.gr.push_back(sum_rows<GR_NFIELDS>(g, from, to, {GR_QUEUE_MAX}));
    for (const auto& k : tr.tr) {
      t.tr.push_back(sum_rows<TR_NFIELDS>(k, from, to, {TR_BUSY_MAX}));
      t.tr_whole.push_back(sum_rows<TR_NFIELDS>(k, 0, k.rows, {TR_BUSY_MAX}));
    }
    out.push_back(std::move(t));
  }
  return out;
}

Estimate across(const std::vector<RepTotals>& reps, const std::function<double(const RepTotals&)>& figure) {
  std::vector<double> x;
  x.reserve(reps.size());
  for (const auto& r : reps) x.push_back(figure(r));
  return mean_ci(x);
}

::testing::AssertionResult agrees_with_exact(const std::string& what, const Estimate& sim, double exact,
                                             double max_half_width, double floor) {
  const double half = (sim.hi - sim.lo) / 2;
  const double tol = std::fmax(kCiFactor * half, floor);
  const double err = sim.mean - exact;
  char line[512];
  std::snprintf(line, sizeof line,
                "%-44s exact %.6g  sim %.6g  95%% CI [%.6g, %.6g]  half-width %.3g  (n=%d)  error %.3g = %.2f hw",
                what.c_str(), exact, sim.mean, sim.lo, sim.hi, half, sim.n, err, half > 0 ? err / half : 0.0);
  // Printed for every comparison so a passing run documents the figures it checked.
  std::cout << "[validation] " << line << "\n";
  if (sim.n < 2 || !std::isfinite(sim.mean) || !std::isfinite(half))
    return ::testing::AssertionFailure() << line << ": not enough replications";
  if (half > max_half_width)
    return ::testing::AssertionFailure() << line << ": confidence interval too wide (max half-width "
                                         << max_half_width << "); the test would be vacuous";
  if (std::fabs(err) > tol)
    return ::testing::AssertionFailure() << line << ": |error| exceeds " << kCiFactor
                                         << " x half-width (tolerance " << tol << ")";
  return ::testing::AssertionSuccess();
}

}  // namespace ccsim::validation
