#include "capacity/trial.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/replication_runner.hpp"

namespace ccsim::capacity {

void scale_traffic(Scenario& sc, double m) {
  for (auto& tn : sc.tenants)
    for (auto& ct : tn.call_types) {
      ct.arrivals.rate_per_hour *= m;
      for (auto& b : ct.arrivals.bursts) b.extra_per_hour *= m;
    }
}

Trial run_trial(const Scenario& sc, const TrialOptions& opt, const Checker& checker,
                const std::function<bool(const Check&)>& at_least, const std::function<double(const Check&)>& value) {
  Trial t;
  int have = 0;
  int batch = std::max(1, opt.replications);
  for (;;) {
    RunnerOptions ro;
    ro.replications = batch;
    ro.first_replication = have;
    ro.jobs = opt.jobs;
    if (opt.on_progress) ro.on_progress = opt.on_progress;
    RunOutcome o = opt.runner ? opt.runner(sc, ro) : run_replications(sc, ro);
    if (o.results.size() != static_cast<size_t>(batch) && !o.interrupted)
      throw std::runtime_error("a replication worker failed (see messages above)");
    for (auto& r : o.results) t.reps.push_back(std::move(r));
    have += batch;
    if (t.reps.empty()) {
      t.interrupted = true;
      return t;
    }
    t.summary = aggregate(sc, t.reps);
    t.checks = checker(t.summary, t.reps);
    if (o.interrupted) {
      t.interrupted = true;
      break;
    }
    const bool any_break = std::any_of(t.checks.begin(), t.checks.end(), [](const Check& c) { return c.verdict == Verdict::Breaks; });
    const bool any_undecided =
        std::any_of(t.checks.begin(), t.checks.end(), [](const Check& c) { return c.verdict == Verdict::Undecided; });
    // A broken target settles a max-load point (stop_on_break); staffing decides every check, so it goes on
    // while anything is undecided and the cap allows.
    if (!any_undecided || have >= opt.max_replications || (any_break && opt.stop_on_break)) break;
    batch = std::min(have, opt.max_replications - have);  // doubling
    if (opt.log) opt.log("  undecided at " + std::to_string(have) + " replications: adding " + std::to_string(batch));
  }
  for (auto& c : t.checks)
    if (c.verdict == Verdict::Undecided) c.verdict = decide_by_mean(c.estimate, value(c), at_least(c));
  t.holds = std::none_of(t.checks.begin(), t.checks.end(), [](const Check& c) { return c.verdict == Verdict::Breaks; });
  return t;
}

void scale_campaigns(Scenario& sc, double m) {
  for (auto& t : sc.tenants)
    for (auto& c : t.campaigns) {
      if (c.contacts.empty()) continue;
      const size_t n0 = c.contacts.size();
      const size_t n = std::max<size_t>(1, static_cast<size_t>(std::llround(static_cast<double>(n0) * m)));
      std::vector<Contact> out;
      out.reserve(n);
      for (size_t i = 0; i < n; ++i) out.push_back(c.contacts[i % n0]);
      c.contacts = std::move(out);
    }
}

}  // namespace ccsim::capacity
