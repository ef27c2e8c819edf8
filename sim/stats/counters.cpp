#include "stats/counters.hpp"
#include "stats/rep_result.hpp"

#include "core/invariant.hpp"

namespace ccsim {

AttemptBalance attempt_balance(const CounterTable& t, double pending) {
  AttemptBalance b;
  b.offered = t.total(CT_OFFERED);
  for (int f : {CT_BLOCKED_TRUNK, CT_FAILED_PLATFORM, CT_IVR_SELF, CT_IVR_ABANDON, CT_TRANSFER_LOST, CT_BLOCKED_QUEUE,
                CT_ABANDONED, CT_ANSWERED})
    b.ended += t.total(f);
  b.pending = pending;
  b.cut = t.total(CT_CUT_AT_CLOSE);
  b.dropped = t.total(CT_DROPPED);
  return b;
}

void check_attempt_balance(const CounterTable& t, double pending) {
  CCSIM_ASSERT(attempt_balance(t, pending).holds(),
               "every offered attempt ends in one outcome, is pending, cut at close or dropped (stats/counters.hpp)");
  (void)t;
  (void)pending;
}

const char* ct_field_name(int f) {
  static const char* const n[CT_NFIELDS] = {
      "offered",  "retrials", "blocked_trunk", "failed_platform", "ivr_self_served", "ivr_abandoned",
      "transfer_lost", "blocked_queue", "queued", "abandoned", "abandoned_after_t", "answered",
      "answered_within_t", "wait_sum", "abandon_wait_sum", "handle_sum", "wrapup_sum", "dropped",
      "answered_waited", "cut_at_close"};
  return n[f];
}
const char* gr_field_name(int f) {
  static const char* const n[GR_NFIELDS] = {"queued",     "answered",     "answered_within_t", "abandoned",
                                            "wait_sum",   "handle_sum",   "busy_time",         "staffed_time",
                                            "queue_area", "queue_max",    "unseated_time",
                                            "waited",     "answered_waited"};
  return n[f];
}
const char* tr_field_name(int f) {
  static const char* const n[TR_NFIELDS] = {"attempts", "blocked", "busy_area", "busy_max"};
  return n[f];
}

const char* ob_field_name(int f) {
  static const char* const n[OB_NFIELDS] = {
      "dials",     "blocked",   "connects", "right_party",      "no_answer",     "busy",
      "machine",   "invalid",   "abandoned", "message",          "connect_wait_sum", "talk_sum",
      "agent_time", "held_time", "stopped_time", "refused",     "lines_area", "dropped"};
  return n[f];
}

const char* call_outcome_name(CallOutcome o) {
  static const char* const n[] = {"answered",       "abandoned",       "blocked_trunk",  "blocked_queue", "failed_platform",
                                  "ivr_self_served", "ivr_abandoned", "transfer_lost", "dropped", "cut_at_close"};
  return n[static_cast<int>(o)];
}

const char* min_field_name(int f) {
  static const char* const n[MIN_NFIELDS] = {"queue_length", "agents_idle",  "agents_busy", "agents_break",
                                             "agents_unseated", "seats", "trunk_busy", "billed_minutes"};
  return n[f];
}

}  // namespace ccsim
