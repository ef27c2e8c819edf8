#include "stats/kpi.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ccsim {

namespace {

struct KpiInfo {
  const char* name;
  KpiUnit unit;
};

const KpiInfo kCt[CK_COUNT] = {
    {"offered", KpiUnit::Count},           {"retrials", KpiUnit::Count},
    {"blocked_trunk", KpiUnit::Count},     {"blocking_rate", KpiUnit::Ratio},
    {"failed_platform", KpiUnit::Count},   {"dropped", KpiUnit::Count},
    {"ivr_self_served", KpiUnit::Count},   {"ivr_abandoned", KpiUnit::Count},
    {"transferred", KpiUnit::Count},       {"transfer_lost", KpiUnit::Count},
    {"blocked_queue", KpiUnit::Count},     {"queued", KpiUnit::Count},
    {"abandoned", KpiUnit::Count},         {"abandoned_after_t", KpiUnit::Count},
    {"answered", KpiUnit::Count},          {"answered_within_t", KpiUnit::Count},
    {"sl_answered", KpiUnit::Ratio},       {"sl_offered", KpiUnit::Ratio},
    {"asa", KpiUnit::Seconds},             {"aht", KpiUnit::Seconds},
    {"talk_time", KpiUnit::Seconds},       {"abandon_wait", KpiUnit::Seconds},
    {"abandonment_rate", KpiUnit::Ratio},  {"answered_waited", KpiUnit::Count},
    {"p_wait", KpiUnit::Ratio},            {"agent_offered", KpiUnit::Count},
    {"sl_all_offered", KpiUnit::Ratio},    {"abandonment_offered", KpiUnit::Ratio},
    {"cut_at_close", KpiUnit::Count},
};

const KpiInfo kGr[GK_COUNT] = {
    {"queued", KpiUnit::Count},          {"answered", KpiUnit::Count},
    {"answered_within_t", KpiUnit::Count}, {"abandoned", KpiUnit::Count},
    {"sl_answered", KpiUnit::Ratio},     {"asa", KpiUnit::Seconds},
    {"talk_time", KpiUnit::Seconds},     {"abandonment_rate", KpiUnit::Ratio},
    {"occupancy", KpiUnit::Ratio},       {"staffed_agents", KpiUnit::Level},
    {"busy_agents", KpiUnit::Level},     {"unseated_agents", KpiUnit::Level},
    {"mean_queue", KpiUnit::Level},      {"max_queue", KpiUnit::Level},
    {"waited", KpiUnit::Count},          {"p_wait", KpiUnit::Ratio},
};

const KpiInfo kTr[TK_COUNT] = {
    {"attempts", KpiUnit::Count},  {"blocked", KpiUnit::Count},   {"blocking", KpiUnit::Ratio},
    {"occupancy", KpiUnit::Ratio}, {"mean_busy", KpiUnit::Level}, {"max_busy", KpiUnit::Level},
};

const KpiInfo kOb[OK_COUNT] = {
    {"dials", KpiUnit::Count},          {"blocked", KpiUnit::Count},         {"refused", KpiUnit::Count},
    {"connects", KpiUnit::Count},       {"right_party", KpiUnit::Count},     {"no_answer", KpiUnit::Count},
    {"busy", KpiUnit::Count},           {"machine", KpiUnit::Count},         {"invalid", KpiUnit::Count},
    {"abandoned", KpiUnit::Count},      {"message", KpiUnit::Count},         {"dropped", KpiUnit::Count},
    {"connect_rate", KpiUnit::Ratio},
    {"abandon_rate", KpiUnit::Ratio},   {"connect_wait", KpiUnit::Seconds},  {"talk_time", KpiUnit::Seconds},
    {"outbound_agents", KpiUnit::Level}, {"mean_lines", KpiUnit::Level},     {"held_share", KpiUnit::Ratio},
    {"stopped_share", KpiUnit::Ratio},
};

// Sum of a field over the span's rows.
double sum(const CounterTable& t, const RowSpan& s, int field) {
  double v = 0;
  for (int r = s.first; r < s.last; ++r) v += t.at(r, field);
  return v;
}
double maximum(const CounterTable& t, const RowSpan& s, int field) {
  double v = 0;
  for (int r = s.first; r < s.last; ++r) v = std::max(v, t.at(r, field));
  return v;
}

}  // namespace

const char* ct_kpi_name(int k) { return kCt[k].name; }
const char* gr_kpi_name(int k) { return kGr[k].name; }
const char* tr_kpi_name(int k) { return kTr[k].name; }
KpiUnit ct_kpi_unit(int k) { return kCt[k].unit; }
KpiUnit gr_kpi_unit(int k) { return kGr[k].unit; }
KpiUnit tr_kpi_unit(int k) { return kTr[k].unit; }
const char* ob_kpi_name(int k) { return kOb[k].name; }
KpiUnit ob_kpi_unit(int k) { return kOb[k].unit; }

double ratio_or_nan(double num, double den) {
  return den != 0 ? num / den : std::numeric_limits<double>::quiet_NaN();
}

bool is_quotient(KpiUnit u) { return u == KpiUnit::Ratio || u == KpiUnit::Seconds; }

double interval_seconds(const Horizon& h, int row) {
  const double start = row * h.interval;
  return std::max(0.0, std::min(h.interval, h.length - start));
}

RowSpan rows_span(const Horizon& h, int first, int last) {
  RowSpan s;
  s.first = first;
  s.last = std::max(first, last);
  for (int r = s.first; r < s.last; ++r) s.seconds += interval_seconds(h, r);
  return s;
}

RowSpan row_span(const Horizon& h, int row) { return rows_span(h, row, row + 1); }

int first_counted_row(const Horizon& h) {
  if (h.warmup <= 0 || h.interval <= 0) return 0;
  // Smallest r with r * interval >= warmup; the epsilon keeps a warm-up of exactly k intervals at row k.
  return static_cast<int>(std::ceil(h.warmup / h.interval - 1e-9));
}

RowSpan overall_span(const Horizon& h, int rows) {
  return rows_span(h, std::min(first_counted_row(h), rows), rows);
}

CtKpis call_type_kpis(const CounterTable& t, const RowSpan& s) {
  CtKpis k{};
  const auto f = [&](int field) { return sum(t, s, field); };
  k[CK_OFFERED] = f(CT_OFFERED);
  k[CK_RETRIALS] = f(CT_RETRIALS);
  k[CK_BLOCKED_TRUNK] = f(CT_BLOCKED_TRUNK);
  k[CK_BLOCKING_RATE] = ratio_or_nan(k[CK_BLOCKED_TRUNK], k[CK_OFFERED]);
  k[CK_FAILED_PLATFORM] = f(CT_FAILED_PLATFORM);
  k[CK_DROPPED] = f(CT_DROPPED);
  k[CK_IVR_SELF_SERVED] = f(CT_IVR_SELF);
  k[CK_IVR_ABANDONED] = f(CT_IVR_ABANDON);
  k[CK_TRANSFER_LOST] = f(CT_TRANSFER_LOST);
  k[CK_BLOCKED_QUEUE] = f(CT_BLOCKED_QUEUE);
  k[CK_QUEUED] = f(CT_QUEUED);
  // Counted from what happened after the hand-over rather than as offered minus the other outcomes, so a call
  // dropped by the platform inside the IVR is not mistaken for a transfer.
  k[CK_TRANSFERRED] = k[CK_TRANSFER_LOST] + k[CK_BLOCKED_QUEUE] + k[CK_QUEUED];
  k[CK_ABANDONED] = f(CT_ABANDONED);
  k[CK_ABANDONED_AFTER_T] = f(CT_ABANDONED_AFTER_T);
  k[CK_ANSWERED] = f(CT_ANSWERED);
  k[CK_ANSWERED_WITHIN_T] = f(CT_ANSWERED_WITHIN_T);
  const double answered = k[CK_ANSWERED];
  k[CK_SL_ANSWERED] = ratio_or_nan(k[CK_ANSWERED_WITHIN_T], answered);
  k[CK_SL_OFFERED] = ratio_or_nan(k[CK_ANSWERED_WITHIN_T], answered + k[CK_ABANDONED_AFTER_T]);
  k[CK_ASA] = ratio_or_nan(f(CT_WAIT_SUM), answered);
  k[CK_AHT] = ratio_or_nan(f(CT_HANDLE_SUM) + f(CT_WRAPUP_SUM), answered);
  k[CK_TALK_TIME] = ratio_or_nan(f(CT_HANDLE_SUM), answered);
  k[CK_ABANDON_WAIT] = ratio_or_nan(f(CT_ABANDON_WAIT_SUM), k[CK_ABANDONED]);
  k[CK_ABANDONMENT_RATE] = ratio_or_nan(k[CK_ABANDONED], k[CK_QUEUED]);
  k[CK_ANSWERED_WAITED] = f(CT_ANSWERED_WAITED);
  k[CK_P_WAIT] = ratio_or_nan(k[CK_ANSWERED_WAITED], answered);
  // Calls turned away by a full queue or a busy trunk wanted an agent too: Erlang-X style tools count them as
  // offered and missed. (A trunk-blocked call might have ended in the IVR; the model cannot know, so it counts.)
  k[CK_AGENT_OFFERED] = k[CK_QUEUED] + k[CK_BLOCKED_QUEUE] + k[CK_BLOCKED_TRUNK];
  k[CK_SL_ALL_OFFERED] = ratio_or_nan(k[CK_ANSWERED_WITHIN_T], k[CK_AGENT_OFFERED]);
  k[CK_ABANDONMENT_OFFERED] = ratio_or_nan(k[CK_ABANDONED], k[CK_AGENT_OFFERED]);
  k[CK_CUT_AT_CLOSE] = f(CT_CUT_AT_CLOSE);
  return k;
}

GrKpis group_kpis(const CounterTable& t, const RowSpan& s) {
  GrKpis k{};
  const auto f = [&](int field) { return sum(t, s, field); };
  k[GK_QUEUED] = f(GR_QUEUED);
  k[GK_ANSWERED] = f(GR_ANSWERED);
  k[GK_ANSWERED_WITHIN_T] = f(GR_ANSWERED_WITHIN_T);
  k[GK_ABANDONED] = f(GR_ABANDONED);
  k[GK_SL_ANSWERED] = ratio_or_nan(k[GK_ANSWERED_WITHIN_T], k[GK_ANSWERED]);
  k[GK_ASA] = ratio_or_nan(f(GR_WAIT_SUM), k[GK_ANSWERED]);
  k[GK_TALK_TIME] = ratio_or_nan(f(GR_HANDLE_SUM), k[GK_ANSWERED]);
  k[GK_ABANDONMENT_RATE] = ratio_or_nan(k[GK_ABANDONED], k[GK_QUEUED]);
  const double busy = f(GR_BUSY_TIME), staffed = f(GR_STAFFED_TIME);
  k[GK_OCCUPANCY] = ratio_or_nan(busy, staffed);
  k[GK_STAFFED_AGENTS] = ratio_or_nan(staffed, s.seconds);
  k[GK_BUSY_AGENTS] = ratio_or_nan(busy, s.seconds);
  k[GK_UNSEATED_AGENTS] = ratio_or_nan(f(GR_UNSEATED_TIME), s.seconds);
  k[GK_MEAN_QUEUE] = ratio_or_nan(f(GR_QUEUE_AREA), s.seconds);
  k[GK_MAX_QUEUE] = s.empty() ? std::numeric_limits<double>::quiet_NaN() : maximum(t, s, GR_QUEUE_MAX);
  k[GK_WAITED] = f(GR_WAITED);
  k[GK_P_WAIT] = ratio_or_nan(f(GR_ANSWERED_WAITED), k[GK_ANSWERED]);
  return k;
}

TrKpis trunk_kpis(const CounterTable& t, const RowSpan& s, int channels) {
  TrKpis k{};
  k[TK_ATTEMPTS] = sum(t, s, TR_ATTEMPTS);
  k[TK_BLOCKED] = sum(t, s, TR_BLOCKED);
  k[TK_BLOCKING] = ratio_or_nan(k[TK_BLOCKED], k[TK_ATTEMPTS]);
  const double area = sum(t, s, TR_BUSY_AREA);
  k[TK_OCCUPANCY] = ratio_or_nan(area, static_cast<double>(channels) * s.seconds);
  k[TK_MEAN_BUSY] = ratio_or_nan(area, s.seconds);
  k[TK_MAX_BUSY] = s.empty() ? std::numeric_limits<double>::quiet_NaN() : maximum(t, s, TR_BUSY_MAX);
  return k;
}

ObKpis campaign_kpis(const CounterTable& t, const RowSpan& s, bool machine_in_base) {
  ObKpis k{};
  auto f = [&](int field) { return sum(t, s, field); };
  k[OK_DIALS] = f(OB_DIALS);
  k[OK_BLOCKED] = f(OB_BLOCKED);
  k[OK_REFUSED] = f(OB_REFUSED);
  k[OK_CONNECTS] = f(OB_CONNECTS);
  k[OK_RIGHT_PARTY] = f(OB_RIGHT_PARTY);
  k[OK_NO_ANSWER] = f(OB_NO_ANSWER);
  k[OK_BUSY] = f(OB_BUSY);
  k[OK_MACHINE] = f(OB_MACHINE);
  k[OK_INVALID] = f(OB_INVALID);
  k[OK_ABANDONED] = f(OB_ABANDONED);
  k[OK_MESSAGE] = f(OB_MESSAGE);
  k[OK_DROPPED] = f(OB_DROPPED);
  k[OK_CONNECT_RATE] = ratio_or_nan(k[OK_CONNECTS], k[OK_DIALS] - k[OK_BLOCKED]);
  k[OK_ABANDON_RATE] = ratio_or_nan(k[OK_ABANDONED], k[OK_CONNECTS] + (machine_in_base ? k[OK_MACHINE] : 0));
  const double served = k[OK_CONNECTS] - k[OK_ABANDONED];
  k[OK_CONNECT_WAIT] = ratio_or_nan(f(OB_CONNECT_WAIT_SUM), served);
  k[OK_TALK_TIME] = ratio_or_nan(f(OB_TALK_SUM), served);
  k[OK_OUTBOUND_AGENTS] = ratio_or_nan(f(OB_AGENT_TIME), s.seconds);
  k[OK_MEAN_LINES] = ratio_or_nan(f(OB_LINES_AREA), s.seconds);
  k[OK_HELD_SHARE] = ratio_or_nan(f(OB_HELD_TIME), s.seconds);
  k[OK_STOPPED_SHARE] = ratio_or_nan(f(OB_STOPPED_TIME), s.seconds);
  return k;
}

}  // namespace ccsim
