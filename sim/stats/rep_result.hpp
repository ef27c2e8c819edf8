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

struct Incident {  // a fault and what it did (platform issue)
  std::string kind;        // crash | partition | degrade | trunk_outage | overload | maintenance | random_failure
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

struct ScalingAction {
  std::string tenant;
  double requested = 0;    // sim seconds
  double effective = 0;
  int from_seats = 0, to_seats = 0;
  std::string path;        // self_service | ticket | split-step k/n | autoscale
  std::string reason;
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
  CounterTable minute;            // [minute][MinField]
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
