#include "capacity/binding.hpp"

#include "core/format.hpp"

#include <algorithm>
#include <cstdio>

#include "stats/kpi.hpp"

namespace ccsim::capacity {

namespace {
// Thresholds of "evidence": small enough to catch a resource that starts to bind, large enough to ignore
// noise (a single blocked call in a day).
constexpr double kFailureShare = 0.001;   // platform failures / requests
constexpr double kBlocking = 0.001;       // trunk blocking rate
constexpr double kUnseatedAgents = 0.01;  // mean agents kept offline
constexpr double kOccupancy = 0.85;
constexpr double kMeanQueue = 0.05;       // calls waiting on average: callers wait for agents

std::string pct(double v) { return printf_str("%.2f%%", 100 * v); }
}  // namespace

Binding binding_resource(const Scenario& sc, const Summary& s, const std::vector<RepResult>& reps) {
  Binding b;
  const double nrep = static_cast<double>(std::max<size_t>(1, reps.size()));
  for (size_t ti = 0; ti < sc.tenants.size(); ++ti) {
    const std::string& name = sc.tenants[ti].name;
    // Platform: provider-side setup failures by cause.
    double requests = 0;
    double by_cause[kNumCauses] = {};
    for (const auto& r : reps) {
      const MinuteLedger& l = r.tenants[ti].ledger;
      for (size_t m = 0; m < l.minutes(); ++m) {
        requests += l.requests[m];
        for (int c = 0; c < kNumCauses; ++c) by_cause[c] += l.failures[m][static_cast<size_t>(c)];
      }
    }
    for (int c = 0; c <= static_cast<int>(Cause::PlatformOther); ++c) {
      const double share = requests > 0 ? by_cause[c] / requests : 0;
      if (share >= kFailureShare)
        b.evidence.push_back({"platform", name, share, std::string(cause_name(static_cast<Cause>(c))) + " failures: " + pct(share) + " of requests"});
    }
    // Trunks.
    for (size_t k = 0; k < s.tenants[ti].tr.size(); ++k) {
      const double blk = s.tenants[ti].tr[k].overall[TK_BLOCKING].mean;
      if (blk >= kBlocking)
        b.evidence.push_back({"trunks", name, blk, "trunk group " + s.tenants[ti].trunks[k] + " blocking " + pct(blk)});
    }
    // Seats.
    double unseated = 0;
    for (const auto& g : s.tenants[ti].gr) unseated += std::max(0.0, g.overall[GK_UNSEATED_AGENTS].mean);
    if (unseated >= kUnseatedAgents) {
      // Was a large change (ticket or split) pending while agents were unseated?
      int large = 0;
      for (const auto& r : reps)
        for (const auto& a : r.scaling)
          if (a.tenant == name && a.path.kind != ScalingPathKind::SelfService)
            ++large;
      char what[160];
      std::snprintf(what, sizeof what, "%.2f agents kept offline for lack of a seat on average", unseated);
      if (large > 0)
        b.evidence.push_back({"seat_step", name, large / nrep,
                              std::string(what) + "; " + std::to_string(large) +
                                  " steps through the self-service limit (ticket/split) across replications"});
      b.evidence.push_back({"seats", name, unseated, what});
    }
    // Agents.
    for (size_t g = 0; g < s.tenants[ti].gr.size(); ++g) {
      const double occ = s.tenants[ti].gr[g].overall[GK_OCCUPANCY].mean;
      const double q = s.tenants[ti].gr[g].overall[GK_MEAN_QUEUE].mean;
      if (occ >= kOccupancy || q >= kMeanQueue)
        b.evidence.push_back({"agents", name, occ, "group " + s.tenants[ti].groups[g] + " occupancy " + pct(occ) +
                                                       ", mean queue " + std::to_string(q).substr(0, 6)});
    }
  }
  static const char* order[] = {"platform", "trunks", "seat_step", "seats", "agents"};
  for (const char* o : order) {
    auto it = std::find_if(b.evidence.begin(), b.evidence.end(), [&](const Evidence& e) { return e.resource == o; });
    if (it != b.evidence.end()) {
      b.resource = o;
      break;
    }
  }
  return b;
}

}  // namespace ccsim::capacity
