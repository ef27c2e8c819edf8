#pragma once
// Everything one replication produces. Workers serialize it (rep_result_io) and the parent aggregates.
#include <cstdint>
#include <string>
#include <vector>

#include "stats/ledger.hpp"
#include "stats/counters.hpp"

namespace ccsim {

// Per-minute samples of the tenant's state (taken at the end of each minute) for timelines.
enum MinField : int {
  MIN_QUEUE_LEN,
  MIN_AGENTS_IDLE,
  MIN_AGENTS_BUSY,     // talking or in wrap-up
  MIN_AGENTS_BREAK,
  MIN_AGENTS_OFFLINE_UNSEATED,
  MIN_SEATS,
  MIN_TRUNK_BUSY,
  MIN_BILLED_MINUTES,  // started minutes billed for calls that ended in this minute (communication charges)
  MIN_NFIELDS
};
const char* min_field_name(int f);

// What kind of fault an incident was (its JSON "kind"): a drill's kind, or the random failure of a host, a
// site or a link. A customer-side drill names its cause in Incident::cause.
enum class IncidentKind : uint8_t { Crash, Partition, Degrade, TrunkOutage, Overload, Maintenance, CustomerSide,
                                    RandomFailure, SiteFailure, LinkFailure };
constexpr int kNumIncidentKinds = 10;
const char* incident_kind_name(IncidentKind k);  // "crash", ..., "customer_side", "random_failure", ...

struct Incident {  // a fault and what it did (platform issue)
  IncidentKind kind = IncidentKind::Crash;
  Cause cause = Cause::CustomerNetwork;  // the injected cause of a CustomerSide incident (unused otherwise)
  std::string target;
  std::string drill;       // drill name, empty for random failures
  bool announced = false;
  double start = 0;        // sim seconds
  double detected = -1;    // when the controller noticed (failover), -1 = n/a
  double migrated = -1;    // when service was restored elsewhere, -1 = never
  double repaired = -1;    // when the target came back
  double recovered = -1;   // when service was back (min of migrated, repaired)
  int64_t calls_dropped = 0;
  int64_t requests_failed = 0;
  std::vector<std::string> tenants;
  std::string note;        // e.g. "no standby capacity: outage until repair"
};

// How a seat change went through: one self-service change, a ticket, or one of n split steps.
enum class ScalingPathKind : uint8_t { SelfService, Ticket, SplitStep };
const char* scaling_path_kind_name(ScalingPathKind k);  // "self_service" | "ticket" | "split-step"
struct ScalingPath {
  ScalingPathKind kind = ScalingPathKind::SelfService;
  bool autoscale = false;  // requested by the autoscaler (else a scheduled change)
  int step = 0, steps = 0; // SplitStep: step k of n (1-based)
  bool operator==(const ScalingPath& o) const {
    return kind == o.kind && autoscale == o.autoscale && step == o.step && steps == o.steps;
  }
};
// Why a seat change was requested: a scheduled change of the scenario, or an autoscaler decision.
enum class ScalingReason : uint8_t { Scheduled, ScaleOut, ScaleIn };
const char* scaling_reason_name(ScalingReason r);  // "scheduled" | "scale_out" | "scale_in"

struct ScalingAction {
  std::string tenant;
  double requested = 0;    // sim seconds
  double effective = 0;
  int from_seats = 0, to_seats = 0;
  int target_seats = 0;    // the seat count the whole change asks for (a split step's to_seats is on the way)
  ScalingPath path;
  ScalingReason reason = ScalingReason::Scheduled;
  // The autoscaler's observation behind a ScaleOut/ScaleIn: the metric's value over its window and the bound
  // it crossed (a scheduled change leaves metric empty and the numbers 0).
  std::string metric;
  double value = 0, bound = 0, window = 0;  // window in seconds
};

// One call attempt, recorded only with `ccsim run --call-records` (trace analysis).
enum class CallOutcome : uint8_t { Answered, Abandoned, BlockedTrunk, BlockedQueue, FailedPlatform, IvrSelfServed,
                                   IvrAbandoned, TransferLost, Dropped, CutAtClose };
const char* call_outcome_name(CallOutcome o);
struct CallRecord {
  double arrival = 0;   // sim seconds of the attempt
  double wait = 0;      // queue wait until answer/abandon (s)
  double handle = 0;    // talk time (answered calls)
  int32_t call_type = 0;
  int16_t group = -1;   // answering group
  uint8_t attempt = 1;  // 1 = first attempt
  CallOutcome outcome = CallOutcome::Answered;
};

struct TenantRep {
  std::string name;
  std::vector<std::string> call_types, groups, trunks;
  std::vector<CounterTable> ct;   // per call type: [interval][CtField]
  std::vector<CounterTable> gr;   // per group: [interval][GrField]
  std::vector<CounterTable> tr;   // per trunk group: [interval][TrField]
  std::vector<std::string> campaigns;  // outbound campaigns (empty for inbound-only tenants)
  std::vector<CounterTable> ob;   // per campaign: [interval][ObField]
  SampleTable minute;             // [minute][MinField]
  MinuteLedger ledger;
  int64_t answered_calls = 0;
  int64_t billed_call_minutes = 0; // sum over calls of started minutes
  int max_seats_online = 0;
  std::vector<CallRecord> records;  // empty unless call records were requested (and not spooled)
  // `ccsim run` spools the records to this file in the run's scratch directory instead of holding them
  // (stats/call_record_spool.hpp); empty = they are in `records`.
  std::string records_file;
};

struct RepResult {
  int replication = 0;
  uint64_t seed = 0;
  double sim_seconds = 0;
  double wall_seconds = 0;
  uint64_t events = 0;
  uint64_t calls = 0;
  bool complete = true;
  std::vector<TenantRep> tenants;
  std::vector<Incident> incidents;
  std::vector<ScalingAction> scaling;
};

}  // namespace ccsim
