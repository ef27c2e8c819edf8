#pragma once
// Key performance indicators derived from the raw counters of one replication (stats/counters.hpp), over any
// range of statistics intervals: one interval, or the whole horizon after warm-up. This file is the one place
// where the formulas live; docs/output-format.md documents each of them.
//
// A KPI set is a fixed array indexed by an enum (like the counters), so aggregation, JSON and tables can loop
// over them by name. Ratios whose denominator is zero (no answered call in a night interval, a trunk with no
// attempt) are NaN: "undefined", never 0 or 1, so they cannot bias an average (aggregate.hpp skips them).
#include <array>
#include <cstddef>

#include "scenario/scenario.hpp"
#include "stats/counters.hpp"

namespace ccsim {

// How a KPI reads: decides formatting and is documented per KPI.
enum class KpiUnit {
  Count,    // number of calls (or attempts) in the range
  Ratio,    // 0..1 (occupancy may exceed 1 for multi-skill groups, see docs)
  Seconds,  // a mean duration
  Level,    // a time-average or maximum of a quantity (queue length, agents, channels)
};

// ---------------------------------------------------------------- per call type (and tenant total)
enum CtKpi : int {
  CK_OFFERED,             // CT_OFFERED
  CK_RETRIALS,            // CT_RETRIALS
  CK_BLOCKED_TRUNK,       // CT_BLOCKED_TRUNK
  CK_BLOCKING_RATE,       // blocked_trunk / offered
  CK_FAILED_PLATFORM,     // CT_FAILED_PLATFORM
  CK_DROPPED,             // CT_DROPPED
  CK_IVR_SELF_SERVED,     // CT_IVR_SELF
  CK_IVR_ABANDONED,       // CT_IVR_ABANDON
  CK_TRANSFERRED,         // transfer_lost + blocked_queue + queued: handed to manual service
  CK_TRANSFER_LOST,       // CT_TRANSFER_LOST
  CK_BLOCKED_QUEUE,       // CT_BLOCKED_QUEUE
  CK_QUEUED,              // CT_QUEUED
  CK_ABANDONED,           // CT_ABANDONED
  CK_ABANDONED_AFTER_T,   // CT_ABANDONED_AFTER_T
  CK_ANSWERED,            // CT_ANSWERED
  CK_ANSWERED_WITHIN_T,   // CT_ANSWERED_WITHIN_T
  CK_SL_ANSWERED,         // answered_within_t / answered
  CK_SL_OFFERED,          // answered_within_t / (answered + abandoned_after_t)
  CK_ASA,                 // wait_sum / answered
  CK_AHT,                 // (handle_sum + wrapup_sum) / answered
  CK_TALK_TIME,           // handle_sum / answered
  CK_ABANDON_WAIT,        // abandon_wait_sum / abandoned
  CK_ABANDONMENT_RATE,    // abandoned / queued
  // Figures planners compare with other tools (Erlang calculators, ACD reports); docs/output-format.md.
  CK_ANSWERED_WAITED,     // CT_ANSWERED_WAITED
  CK_P_WAIT,              // answered_waited / answered: share of answered calls that waited at all
  CK_AGENT_OFFERED,       // queued + blocked_queue + blocked_trunk: calls offered to the agents, refused ones included
  CK_SL_ALL_OFFERED,      // answered_within_t / agent_offered: abandoned and blocked calls count as missed
  CK_ABANDONMENT_OFFERED, // abandoned / agent_offered
  CK_CUT_AT_CLOSE,        // CT_CUT_AT_CLOSE
  CK_COUNT
};

// ---------------------------------------------------------------- per skill group
enum GrKpi : int {
  GK_QUEUED,              // GR_QUEUED: every offer (overflow offers and immediate answers included)
  GK_ANSWERED,            // GR_ANSWERED
  GK_ANSWERED_WITHIN_T,   // GR_ANSWERED_WITHIN_T
  GK_ABANDONED,           // GR_ABANDONED
  GK_SL_ANSWERED,         // answered_within_t / answered
  GK_ASA,                 // wait_sum / answered
  GK_TALK_TIME,           // handle_sum / answered
  GK_ABANDONMENT_RATE,    // abandoned / queued
  GK_OCCUPANCY,           // busy_time / staffed_time
  GK_STAFFED_AGENTS,      // staffed_time / seconds: mean agents logged in
  GK_BUSY_AGENTS,         // busy_time / seconds: mean agents busy (talk + wrap-up)
  GK_UNSEATED_AGENTS,     // unseated_time / seconds: mean agents kept offline for lack of a seat
  GK_MEAN_QUEUE,          // queue_area / seconds
  GK_MAX_QUEUE,           // max over the range of GR_QUEUE_MAX
  GK_WAITED,              // GR_WAITED: offers that had to wait in this group's queue
  GK_P_WAIT,              // answered_waited / answered
  GK_COUNT
};

// ---------------------------------------------------------------- per trunk group
enum TrKpi : int {
  TK_ATTEMPTS,            // TR_ATTEMPTS
  TK_BLOCKED,             // TR_BLOCKED
  TK_BLOCKING,            // blocked / attempts
  TK_OCCUPANCY,           // busy_area / (channels * seconds)
  TK_MEAN_BUSY,           // busy_area / seconds: mean busy channels
  TK_MAX_BUSY,            // max over the range of TR_BUSY_MAX
  TK_COUNT
};

// ---------------------------------------------------------------- per outbound campaign
enum ObKpi : int {
  OK_DIALS,               // OB_DIALS
  OK_BLOCKED,             // OB_BLOCKED
  OK_REFUSED,             // OB_REFUSED: refused during an abnormal-calling stop (not among the dials)
  OK_CONNECTS,            // OB_CONNECTS: answered by a person
  OK_RIGHT_PARTY,         // OB_RIGHT_PARTY
  OK_NO_ANSWER,           // OB_NO_ANSWER
  OK_BUSY,                // OB_BUSY
  OK_MACHINE,             // OB_MACHINE
  OK_INVALID,             // OB_INVALID
  OK_ABANDONED,           // OB_ABANDONED
  OK_MESSAGE,             // OB_MESSAGE
  OK_DROPPED,             // OB_DROPPED: cut by a platform host crash
  OK_CONNECT_RATE,        // connects / (dials - blocked): per dial that reached the network
  OK_ABANDON_RATE,        // abandoned / connects, or / (connects + machine): the campaign's abandon_base reading
  OK_CONNECT_WAIT,        // connect_wait_sum / (connects - abandoned): connect to agent
  OK_TALK_TIME,           // talk_sum / (connects - abandoned)
  OK_OUTBOUND_AGENTS,     // agent_time / seconds: mean agents on outbound work
  OK_MEAN_LINES,          // lines_area / seconds: mean lines dialing or ringing
  OK_HELD_SHARE,          // held_time / seconds: share of the time blending held the dialer
  OK_STOPPED_SHARE,       // stopped_time / seconds: share of the time the tenant was stopped (5.18)
  OK_COUNT
};

using CtKpis = std::array<double, CK_COUNT>;
using GrKpis = std::array<double, GK_COUNT>;
using TrKpis = std::array<double, TK_COUNT>;
using ObKpis = std::array<double, OK_COUNT>;

// Names are the JSON keys (snake_case) and the vocabulary of docs/output-format.md.
const char* ct_kpi_name(int k);
const char* gr_kpi_name(int k);
const char* tr_kpi_name(int k);
const char* ob_kpi_name(int k);
KpiUnit ct_kpi_unit(int k);
KpiUnit gr_kpi_unit(int k);
KpiUnit tr_kpi_unit(int k);
KpiUnit ob_kpi_unit(int k);

// A half-open range of statistics intervals (table rows) [first, last) and the simulated seconds it covers.
struct RowSpan {
  int first = 0;
  int last = 0;
  double seconds = 0;
  bool empty() const { return last <= first; }
};

// Seconds covered by row `row`: the last interval is shorter when the horizon is not a whole number of them.
double interval_seconds(const Horizon& h, int row);
// One row.
RowSpan row_span(const Horizon& h, int row);
// Rows [first, last).
RowSpan rows_span(const Horizon& h, int first, int last);
// The rows that count in overall figures: every interval whose start is >= horizon.warmup (an interval that
// starts inside the warm-up is dropped whole), up to `rows`.
RowSpan overall_span(const Horizon& h, int rows);
// Index of the first interval counted in overall figures.
int first_counted_row(const Horizon& h);

// KPIs of one replication over a span of rows. `channels` is the trunk group's channel count (scenario).
CtKpis call_type_kpis(const CounterTable& t, const RowSpan& s);
GrKpis group_kpis(const CounterTable& t, const RowSpan& s);
TrKpis trunk_kpis(const CounterTable& t, const RowSpan& s, int channels);
// `machine_in_base`: the campaign's abandon_base is "answered" (person + machine), else connects only.
ObKpis campaign_kpis(const CounterTable& t, const RowSpan& s, bool machine_in_base);

// num / den, NaN when den == 0 (an undefined ratio).
double ratio_or_nan(double num, double den);

// True for the KPIs that are a quotient of two counter sums (Ratio and Seconds units): those have a
// ratio-of-totals form across replications (aggregate.hpp). Counts and levels do not.
bool is_quotient(KpiUnit u);

}  // namespace ccsim
