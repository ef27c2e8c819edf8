#pragma once
// The chaos-drill rehearsal: what the faults of a run did, across replications, as typed figures. Built once
// from the replications' results (build_rehearsal, in named steps); output/platform_render.hpp turns it into
// the JSON summary's "platform" section (which the HDF5 writer stores and the HTML report reads) and the
// terminal lines. docs/platform.md describes every key.
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/hypotheses.hpp"
#include "scenario/scenario.hpp"
#include "stats/confidence.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::platform {

// Minutes shown around each fault in the per-minute call success timeline.
constexpr int kMinutesBefore = 10;
constexpr int kMinutesAfter = 30;

struct ReplicationIncident {
  int replication = 0;
  Incident incident;
};

// The incidents of one drill (the same fault in every replication) or of one kind of random failure.
struct IncidentGroup {
  std::string drill;  // empty: the random failures of `kind`
  IncidentKind kind = IncidentKind::Crash;
  int incidents = 0;
  double per_replication = 0;
  Estimate detection_seconds, migration_seconds, recovery_seconds;  // over the incidents that had one
  int unrecovered = 0;
  Estimate calls_dropped, requests_failed;
};

// Call success per minute around one fault, minutes [start_minute + first_offset, ...).
struct FaultTimeline {
  std::string drill;            // the drill's name, or empty for a random fault of the first replication:
  IncidentKind kind = IncidentKind::RandomFailure;  // ... its kind
  std::string target;           // ... and target
  double fault_start = 0;       // sim seconds
  int start_minute = 0;
  int first_offset = 0;         // minute offset of success_rate[0] from start_minute (<= 0)
  int replications = 0;         // how many replications the rates pool
  std::vector<double> success_rate;  // fraction; NaN for a minute without requests
};

// Both views of clause 5.12: as the contract reads it (announced events excluded) and with them counted.
struct ByView {
  Estimate as_contract, announced_counted;
};

struct TenantUnavailability {
  std::string tenant, contract;
  Estimate announced_minutes;
  ByView unavailable_minutes, worst_month_availability, p_credit;
  ByView credit_pct;                     // expected credit, percent of the fee (mean over replications)
  std::optional<ByView> credit_cents;    // when the contract has a fee
  std::vector<std::pair<Cause, Estimate>> low_success_minutes_by_cause;  // causes with a positive mean only
  Estimate low_success_minutes_announced;
};

struct HypothesisReplication {
  int replication = 0;
  HypothesisResult result;
};

struct HypothesisReport {
  Hypothesis hypothesis;
  int passes = 0, replications = 0;
  Estimate pass_rate;                  // Wilson 95% interval
  HypothesisResult worst;              // the worst value over every replication (measured NaN: none)
  int worst_replication = -1;
  bool pass() const { return passes == replications; }
  std::vector<HypothesisReplication> per_replication;
};

struct Rehearsal {
  int replications = 0;
  int first_replication = 0;           // the replication whose faults the terminal lists
  std::vector<ReplicationIncident> incidents;
  std::vector<IncidentGroup> incident_summary;
  std::vector<FaultTimeline> timelines;
  std::vector<std::string> warnings;
  std::vector<TenantUnavailability> tenants;
  std::vector<HypothesisReport> hypotheses;
  bool hypothesis_failed = false;      // some hypothesis failed in at least one replication
};

Rehearsal build_rehearsal(const Scenario& sc, const std::vector<RepResult>& reps);

// The named steps of build_rehearsal.
std::vector<IncidentGroup> summarize_incidents(const std::vector<RepResult>& reps);
std::vector<FaultTimeline> fault_timelines(const Scenario& sc, const std::vector<RepResult>& reps);
TenantUnavailability tenant_unavailability(const Scenario& sc, size_t tenant,
                                           const std::vector<std::vector<TenantAvailability>>& avail);
HypothesisReport check_across_replications(const Hypothesis& h, const Scenario& sc, const std::vector<RepResult>& reps,
                                           const std::vector<std::vector<TenantAvailability>>& avail);

// Per-minute call success rate 1 - failures / requests over all tenants of the given replications, for the
// minutes [first, first + count) (clipped to the horizon); NaN for a minute without requests.
std::vector<double> success_timeline(const std::vector<const RepResult*>& reps, int first, int count);

}  // namespace ccsim::platform
