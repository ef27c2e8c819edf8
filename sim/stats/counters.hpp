#pragma once
// Raw per-interval counters of one replication. Everything is a sum or a time integral so replications can be
// aggregated and KPIs (service level, ASA, occupancy ...) derived in one place (stats/kpi.hpp).
// Calls are counted in the interval of their arrival; time integrals (busy time, queue area) in the interval
// in which the time passes.
#include "core/huge_pages.hpp"
#include <cstdint>
#include <string>
#include <vector>

namespace ccsim {

enum CtField : int {
  CT_OFFERED,            // call attempts (first attempts + retrials + redials)
  CT_RETRIALS,           // of which retrials/redials
  CT_BLOCKED_TRUNK,      // no free trunk channel
  CT_FAILED_PLATFORM,    // call setup failed on the platform (any provider cause)
  CT_IVR_SELF,           // ended in IVR self-service
  CT_IVR_ABANDON,        // hung up in the IVR
  CT_TRANSFER_LOST,      // transferred to manual service but never reached a queue
  CT_BLOCKED_QUEUE,      // first queue full
  CT_QUEUED,             // entered a skill-group queue
  CT_ABANDONED,          // abandoned while waiting
  CT_ABANDONED_AFTER_T,  // abandoned after waiting longer than the SL threshold
  CT_ANSWERED,           // reached an agent
  CT_ANSWERED_WITHIN_T,  // reached an agent within the SL threshold
  CT_WAIT_SUM,           // sum of waits of answered calls (s)
  CT_ABANDON_WAIT_SUM,   // sum of waits of abandoned calls (s)
  CT_HANDLE_SUM,         // sum of talk times of answered calls (s)
  CT_WRAPUP_SUM,         // sum of wrap-up times (s)
  CT_DROPPED,            // established calls dropped by a platform failure
  CT_ANSWERED_WAITED,    // answered calls that waited at all (wait > 0): the numerator of P(wait)
  CT_CUT_AT_CLOSE,       // callers disconnected while waiting when the center closed (at_close: cut, drain limit)
  CT_NFIELDS
};

enum GrField : int {
  GR_QUEUED,             // offers to this group (incl. overflow offers), immediate answers included
  GR_ANSWERED,
  GR_ANSWERED_WITHIN_T,
  GR_ABANDONED,          // abandoned while this group was the call's current first choice
  GR_WAIT_SUM,
  GR_HANDLE_SUM,
  GR_BUSY_TIME,          // agent-seconds busy (talk + wrap-up) on calls answered from this group
  GR_STAFFED_TIME,       // agent-seconds logged in, of agents whose first skill is this group
  GR_QUEUE_AREA,         // integral of queue length (call-seconds)
  GR_QUEUE_MAX,          // max queue length
  GR_UNSEATED_TIME,      // agent-seconds scheduled but offline for lack of a seat
  GR_WAITED,             // of GR_QUEUED: offers that found no idle agent and had to wait in this group's queue
  GR_ANSWERED_WAITED,    // of GR_ANSWERED: answered calls that waited at all (wait > 0)
  GR_NFIELDS
};

enum TrField : int {
  TR_ATTEMPTS,
  TR_BLOCKED,
  TR_BUSY_AREA,          // integral of busy channels (channel-seconds)
  TR_BUSY_MAX,
  TR_NFIELDS
};

// Per outbound campaign (docs/output-format.md "Outbound"). Attempts are counted in the interval of their dial;
// time integrals in the interval in which the time passes.
enum ObField : int {
  OB_DIALS,              // dial attempts placed (blocked ones included; refused ones are OB_REFUSED only)
  OB_BLOCKED,            // no trunk channel or platform setup failed
  OB_CONNECTS,           // answered by a person
  OB_RIGHT_PARTY,        // of connects: the right person reached
  OB_NO_ANSWER,
  OB_BUSY,
  OB_MACHINE,            // answering machine (detected; never sent to an agent)
  OB_INVALID,            // invalid or illegal number (ledger cause illegal_number)
  OB_ABANDONED,          // connects with no agent within the compliance window
  OB_MESSAGE,            // of abandoned: heard the recorded message
  OB_CONNECT_WAIT_SUM,   // seconds from connect to agent, over connects that reached an agent
  OB_TALK_SUM,           // talk seconds of outbound calls
  OB_AGENT_TIME,         // agent-seconds on outbound work (preview, talk, wrap-up)
  OB_HELD_TIME,          // seconds the dialer was held by the blending rules
  OB_STOPPED_TIME,       // seconds the tenant's dialing was stopped for abnormal calling (SLA 5.18)
  OB_REFUSED,            // dials refused during such a stop (ledger cause outbound_stopped; not in OB_DIALS)
  OB_LINES_AREA,         // integral of lines dialing (line-seconds)
  OB_DROPPED,            // calls in progress cut by a platform host crash (ringing, connected, talking)
  OB_NFIELDS
};

// A [rows][fields] table with named fields: doubles for counters and time integrals (CounterTable), whole
// numbers for the end-of-minute samples (SampleTable: counts of calls, agents, seats and channels, in 4 bytes
// instead of 8; a month of them for one tenant fits under 2 MiB).
template <class T>
struct BasicTable {
  int rows = 0, fields = 0;
  HugeVector<T> v;
  void init(int r, int f) {
    rows = r;
    fields = f;
    v.assign(static_cast<size_t>(r) * f, T{});
  }
  T& at(int row, int field) { return v[static_cast<size_t>(row) * fields + field]; }
  T at(int row, int field) const { return v[static_cast<size_t>(row) * fields + field]; }
  double total(int field) const {
    double s = 0;
    for (int r = 0; r < rows; ++r) s += at(r, field);
    return s;
  }
  double max(int field) const {
    double s = 0;
    for (int r = 0; r < rows; ++r) s = s > at(r, field) ? s : at(r, field);
    return s;
  }
};
using CounterTable = BasicTable<double>;
using SampleTable = BasicTable<uint32_t>;

// Conservation of a call type's attempts at the end of a replication: each offered attempt ends in exactly one
// of the outcomes counted in `ended` (blocked by trunks, failed on the platform, IVR self-service or hang-up,
// lost in transfer, blocked by a full queue, abandoned, answered), or is still pending (before or in a queue),
// or was cut at closing time, or was dropped by a platform failure before an agent answered it. Dropped calls
// are not told apart by state in the counters (CT_DROPPED also counts calls dropped in conversation, which
// were answered), hence the band: ended + pending + cut <= offered <= ended + pending + cut + dropped; without
// drops it is an equality.
struct AttemptBalance {
  double offered = 0, ended = 0, pending = 0, cut = 0, dropped = 0;
  bool holds() const {
    const double low = ended + pending + cut;
    return low <= offered && offered <= low + dropped;
  }
};
AttemptBalance attempt_balance(const CounterTable& call_type, double pending);
// CCSIM_ASSERT of attempt_balance(...).holds() (core/invariant.hpp); the call flow runs it at the end of each
// replication in builds with invariants.
void check_attempt_balance(const CounterTable& call_type, double pending);

const char* ct_field_name(int f);
const char* gr_field_name(int f);
const char* tr_field_name(int f);
const char* ob_field_name(int f);

}  // namespace ccsim
