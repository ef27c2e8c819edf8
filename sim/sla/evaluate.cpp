#include "sla/evaluate.hpp"

#include <algorithm>

#include "core/decimal.hpp"

namespace ccsim::sla {

bool minute_unavailable(uint64_t requests, uint64_t failures, int64_t threshold_ppm) {
  if (requests == 0) return false;  // the text: a minute with no requests is available
  const uint64_t ok = failures >= requests ? 0 : requests - failures;
  return static_cast<__int128>(ok) * kPpm < static_cast<__int128>(threshold_ppm) * requests;
}

const char* outside_observed_name(OutsideObserved o) {
  return o == OutsideObserved::Available ? "available" : "excluded";
}
std::optional<OutsideObserved> outside_observed_from_name(const std::string& s) {
  if (s == "available") return OutsideObserved::Available;
  if (s == "excluded") return OutsideObserved::Excluded;
  return std::nullopt;
}

namespace {

bool notice_covers(const std::vector<NoticeWindow>& notices, int64_t minute_start) {
  for (const auto& n : notices)
    if (minute_start >= n.from && minute_start < n.to) return true;
  return false;
}

// The clauses of the excluded causes that failed in a minute, joined with '+' (which clause removed it).
std::string excluded_cause_clauses(const Contract& c, const std::array<uint64_t, kNumCauses>& f) {
  std::string s;
  for (int k = 0; k < kNumCauses; ++k)
    if (f[k] && c.causes[k].excluded && ("+" + s + "+").find("+" + c.causes[k].clause + "+") == std::string::npos)
      s += (s.empty() ? "" : "+") + c.causes[k].clause;
  return s;
}

// Walks the ledger minutes of one service month and fills the counting fields of `r`.
void count_month(const Contract& c, const MinuteLedger& L, const SlaInputs& in, MonthResult& r) {
  const int64_t first = std::max<int64_t>(0, (r.month.start_epoch - L.start_epoch + 59) / 60);
  const int64_t end = std::min<int64_t>(static_cast<int64_t>(L.minutes()), (r.month.end_epoch - L.start_epoch + 59) / 60);
  const bool has_announced = L.announced_event.size() == L.minutes();
  const bool has_notice = L.qps_notice.size() == L.minutes();
  const bool has_recordings = L.recordings.size() == L.minutes();
  int64_t recordings = 0;
  // A minute with no failure is available whatever the rules, unless the threshold asks for more than every
  // request (a contract with a threshold above 100% cannot be met by any minute that had requests).
  const bool quiet_is_available = c.unit != Unit::Minute || c.minute_success_threshold_ppm <= kPpm;
  for (int64_t m = first; m < end; ++m) {
    const int64_t t = L.start_epoch + m * 60;
    if (t < r.month.start_epoch || t >= r.month.end_epoch) continue;  // defensive: unaligned starts
    ++r.covered_minutes;
    const bool announced = c.announced.excluded && has_announced && L.announced_event[m];
    // Most minutes have no failure, no announced event and no surge: only their requests count (and, per
    // call, count as successful calls). The walk below gives the same figures for them through sums of
    // zeros; skipping it halves an evaluation, and a run evaluates each ledger three times (the SLA section
    // and the platform rehearsal's two readings).
    if (quiet_is_available && !L.failures.stored(static_cast<size_t>(m)) && !announced && !c.qps.triggered(L.requests[m])) {
      r.requests += L.requests[m];
      if (c.unit != Unit::Minute) r.counted_calls += L.requests[m];
      if (has_recordings) recordings += L.recordings[m];
      continue;
    }
    // Dropped-call reading: the ledger logs each drop as one request that failed for dropped_in_progress.
    const int kDrop = static_cast<int>(Cause::DroppedInProgress);
    const bool drops_are_requests = c.dropped_calls == DroppedCalls::FailedRequest;
    const uint64_t dropped = L.failures[m][kDrop];
    r.dropped_calls += dropped;
    const uint64_t req = drops_are_requests ? L.requests[m] : L.requests[m] - std::min<uint64_t>(dropped, L.requests[m]);
    uint64_t f_all = 0, f_incl = 0, f_excl = 0, f_load = 0;
    std::array<uint64_t, kNumCauses> f_minute{};
    if (L.any_failure(static_cast<size_t>(m)))
      for (int k = 0; k < kNumCauses; ++k) {
        const uint64_t v = (k == kDrop && !drops_are_requests) ? 0 : L.failures[m][k];
        f_minute[k] = v;
        r.failures_by_cause[k] += v;
        f_all += v;
        (c.causes[k].excluded ? f_excl : f_incl) += v;
        if (c.qps.load_cause[k] && !c.causes[k].excluded) f_load += v;
      }
    if (has_recordings) recordings += L.recordings[m];
    r.requests += req;
    r.failures += f_all;
    r.provider_failures += f_incl;

    // "Normal requests": with Remove, requests that failed for an excluded cause leave the denominator.
    const uint64_t normal = c.excluded_cause_requests == ExcludedCauseRequests::Remove
                                ? (f_excl >= req ? 0 : req - f_excl)
                                : req;
    const bool qps_hit = c.qps.triggered(req);
    const bool noticed = qps_hit && ((has_notice && L.qps_notice[m]) || notice_covers(in.notices, t));
    const bool qps_applies = qps_hit && !noticed && !announced;
    const bool qps_whole = qps_applies && c.qps.exclusion == QpsExclusion::WholeMinute;
    if (qps_hit && noticed && !announced) ++r.qps_minutes_with_notice;
    if (announced) ++r.excluded_minutes_announced;
    if (qps_applies) ++r.excluded_minutes_qps;
    // Load-caused reading: the QPS rule removes the load causes' failures like an excluded cause would.
    const uint64_t f_qps = qps_applies && !qps_whole ? f_load : 0;
    r.qps_excluded_failures += f_qps;
    const uint64_t f_counted = f_incl - f_qps;
    const uint64_t normal_counted = c.excluded_cause_requests == ExcludedCauseRequests::Remove
                                        ? normal - std::min(f_qps, normal)
                                        : normal;

    if (c.unit == Unit::Minute && (f_all > 0 || c.minute_success_threshold_ppm > kPpm)) {  // else: available
      const bool u_all = minute_unavailable(req, f_all, c.minute_success_threshold_ppm);
      const bool u_cause = minute_unavailable(normal, f_incl, c.minute_success_threshold_ppm);
      const bool u_final =
          !announced && !qps_whole && minute_unavailable(normal_counted, f_counted, c.minute_success_threshold_ppm);
      if (u_all) ++r.unavailable_all_failures;
      // Attribute each would-be-unavailable minute to the first rule that removes it (removing failures
      // never makes a minute unavailable, so u_final implies u_cause implies u_all).
      if (u_all && !u_cause) {
        ++r.unavailable_removed_by_cause;
        add_minute(r.unavailable_ranges, t, excluded_cause_clauses(c, f_minute), req, f_minute);
      } else if (u_cause && announced) {
        ++r.unavailable_removed_by_announced;
        add_minute(r.unavailable_ranges, t, c.announced.clause, req, f_minute);
      } else if (u_cause && !u_final) {
        ++r.unavailable_removed_by_qps;
        add_minute(r.unavailable_ranges, t, c.qps.clause, req, f_minute);
      } else if (u_final) {
        ++r.unavailable_minutes;
        add_minute(r.unavailable_ranges, t, "", req, f_minute);
      }
    } else if (c.unit != Unit::Minute && !announced && !qps_whole) {
      r.counted_calls += normal_counted;
      r.counted_failed += f_counted;
    }
  }
  if (has_recordings) r.recordings = recordings;
}


// Minutes of service month `m` inside the observed part of the term (all of them when it is unset).
int64_t observed_minutes(const ServiceMonth& m, const std::optional<std::pair<int64_t, int64_t>>& observed) {
  if (!observed) return m.total_minutes();
  const int64_t from = std::max(m.start_epoch, observed->first), to = std::min(m.end_epoch, observed->second);
  return to > from ? (to - from) / 60 : 0;
}

// The reading for the minutes (and calls) of the month outside the observed part of the term.
void judge_outside_observed(Unit unit, const SlaInputs& in, MonthResult& r) {
  if (!in.observed || r.observed_minutes >= r.total_minutes) return;
  if (in.outside == OutsideObserved::Excluded) {
    r.total_minutes = r.observed_minutes;  // minute contracts: only the observed minutes are judged
    return;
  }
  // Available: minute contracts need nothing (an uncovered minute is an available one); per-call contracts
  // get the observed call rate for the unobserved minutes, all successful.
  if (unit == Unit::ApiCall && r.observed_minutes > 0)
    r.extrapolated_calls = static_cast<uint64_t>(mul_div_round(static_cast<int64_t>(r.counted_calls),
                                                               r.total_minutes - r.observed_minutes, r.observed_minutes));
}

// Credits and caps under reading `el`, in service-month order: fee x credit% -> per-month cap (<= that month's
// fee) -> aggregate cap (credits <= fees paid for the service; with a window, in that window; docs/sla.md
// "Caps"). Fills months[i].by_reading[el]; returns the total owed.
int64_t apply_caps(const Contract& c, const SlaInputs& in, Eligibility el, std::vector<MonthResult>& months) {
  const int e = static_cast<int>(el);
  const int W = c.caps.window_months;  // 0: no window
  int64_t owed_total = 0;
  for (size_t i = 0; i < months.size(); ++i) {
    ReadingCredit& rc = months[i].by_reading[e];
    const int64_t fee = *months[i].fee_cents;
    rc.credit_before_caps_cents = mul_div_round(fee, rc.credit_bp, 10000);
    int64_t credit = *rc.credit_before_caps_cents;
    if (c.caps.per_month_fee) credit = std::min(credit, fee);
    rc.credit_after_month_cap_cents = credit;
    if (c.caps.aggregate_fees_paid) {
      // Within the first W service months of use (or always, without a window) the cap is the fees paid for
      // the service so far (this month included, plus fees paid before the term). Past W months of use it is
      // the fees paid in the W months before the damage: service months [lo, hi], hi = this month or the one
      // before (contract).
      const int64_t ii = static_cast<int64_t>(i);
      const bool windowed = W > 0 && ii >= W;
      int64_t lo = 0, hi = ii;
      if (windowed) {
        hi = c.caps.window_includes_damage_month ? ii : ii - 1;
        lo = hi - W + 1;
      }
      int64_t fees = 0, granted = 0;
      for (int64_t j = lo; j <= hi; ++j) fees += *months[j].fee_cents;
      for (int64_t j = lo; j < ii; ++j) granted += *months[j].by_reading[e].credit_owed_cents;
      if (!windowed) {  // the service so far, including what was paid and credited before the term
        fees += in.prior_fees_12m_cents;
        granted += in.prior_credits_12m_cents;
      }
      rc.aggregate_cap_remaining_cents = std::max<int64_t>(0, fees - granted);
      credit = std::min(credit, *rc.aggregate_cap_remaining_cents);
    }
    rc.credit_owed_cents = credit;
    owed_total += credit;
  }
  return owed_total;
}

}  // namespace

SlaEvaluation evaluate(const Contract& c, const MinuteLedger& L, const SlaInputs& in) {
  SlaEvaluation ev;
  ev.contract_id = c.id;
  ev.contract_title = c.title;
  ev.contract_file = c.file;
  ev.currency = c.currency.empty() ? in.currency : c.currency;
  ev.unit = c.unit;
  ev.eligibility = in.eligibility.value_or(c.eligibility_default);
  ev.eligibility_overridden = in.eligibility.has_value() && *in.eligibility != c.eligibility_default;
  ev.credit_form = c.credit_form;
  ev.dropped_calls_reading = c.dropped_calls;
  ev.qps_exclusion = c.qps.exclusion;
  ev.availability_standard_ppm = c.availability_standard_ppm;
  for (const auto& t : c.tiers) ev.tier_labels.push_back(t.label);
  ev.claim_rule = c.claim;
  ev.cap_window_months = c.caps.aggregate_fees_paid ? c.caps.window_months : 0;
  ev.term_start = in.service_start;
  ev.term_end = in.service_end;
  ev.term_is_default = in.term_is_default;
  ev.observed = in.observed;
  ev.outside = in.outside;
  ev.ledger_start_epoch = L.start_epoch;
  ev.ledger_minutes = static_cast<int64_t>(L.minutes());

  const std::vector<ServiceMonth> months = service_months(in.service_start, in.service_end);
  if (months.empty())
    throw InputError(SourceLoc{}, "service_end", "the service term is empty (end is not after start)");
  if (!in.fees_cents.empty() && in.fees_cents.size() != months.size())
    throw InputError(SourceLoc{}, "fees",
                     std::to_string(in.fees_cents.size()) + " fees given for " + std::to_string(months.size()) +
                         " service months",
                     "one fee per service month");
  if (!in.recordings_per_month.empty() && in.recordings_per_month.size() != months.size())
    throw InputError(SourceLoc{}, "recordings", "recordings given for a different number of service months");

  // Ledger minutes outside the term are ignored.
  for (size_t m = 0; m < L.minutes(); ++m) {
    const int64_t t = L.start_epoch + static_cast<int64_t>(m) * 60;
    if (t < months.front().start_epoch || t >= months.back().end_epoch) ++ev.ledger_minutes_outside_term;
  }

  for (size_t i = 0; i < months.size(); ++i) {
    MonthResult r;
    r.month = months[i];
    r.total_minutes = months[i].total_minutes();
    count_month(c, L, in, r);
    r.observed_minutes = observed_minutes(r.month, in.observed);
    judge_outside_observed(c.unit, in, r);
    if (c.unit == Unit::Minute && r.total_minutes > 0) {
      r.avail_num = static_cast<uint64_t>(r.total_minutes - r.unavailable_minutes);
      r.avail_den = static_cast<uint64_t>(r.total_minutes);
    } else if (c.unit == Unit::ApiCall && r.counted_calls + r.extrapolated_calls > 0) {
      const uint64_t calls = r.counted_calls + r.extrapolated_calls;
      r.avail_num = calls - std::min(r.counted_failed, calls);
      r.avail_den = calls;
    }
    r.availability = static_cast<double>(r.avail_num) / static_cast<double>(r.avail_den);
    r.below_standard = static_cast<__int128>(r.avail_num) * kPpm <
                       static_cast<__int128>(c.availability_standard_ppm) * r.avail_den;
    r.tier = c.tier_of(r.avail_num, r.avail_den);
    for (Eligibility el : {Eligibility::Standard, Eligibility::Table}) {
      ReadingCredit& rc = r.by_reading[static_cast<int>(el)];
      rc.eligible = r.tier >= 0 && (el == Eligibility::Table || r.below_standard);
      rc.credit_bp = rc.eligible ? c.tiers[r.tier].credit_bp : 0;
    }
    r.claim = claim_window(r.month, c.claim, in.calendar);
    if (!in.recordings_per_month.empty()) r.recordings = in.recordings_per_month[i];
    if (!L.recordings.empty() && L.recordings.size() == L.minutes())
      r.durability = durability_at(L.recordings, L.start_epoch, months[i].end_epoch, in.retention, c.durability_loss_fraction);
    if (!in.fees_cents.empty()) r.fee_gross_cents = in.fees_cents[i];
    else if (in.monthly_fee_cents) r.fee_gross_cents = in.monthly_fee_cents;
    if (r.fee_gross_cents) {
      r.deductions_cents = std::min(*r.fee_gross_cents, in.deductions_per_month_cents);
      r.fee_cents = *r.fee_gross_cents - *r.deductions_cents;
    }
    ev.months.push_back(r);
  }

  if (ev.months.front().fee_cents.has_value()) {
    int64_t fees_total = 0, deductions_total = 0;
    for (const auto& r : ev.months) {
      fees_total += *r.fee_cents;
      deductions_total += *r.deductions_cents;
    }
    ev.fees_cents = fees_total;
    ev.deductions_cents = deductions_total;
    for (Eligibility el : {Eligibility::Standard, Eligibility::Table})
      ev.credit_owed_by_reading_cents[static_cast<int>(el)] = apply_caps(c, in, el, ev.months);
    ev.credit_owed_cents = ev.credit_owed_by_reading_cents[static_cast<int>(ev.eligibility)];
  }
  for (MonthResult& r : ev.months) {  // the headline fields: the reading in use
    const ReadingCredit& h = r.by_reading[static_cast<int>(ev.eligibility)];
    r.eligible = h.eligible;
    r.credit_bp = h.credit_bp;
    r.credit_before_caps_cents = h.credit_before_caps_cents;
    r.credit_after_month_cap_cents = h.credit_after_month_cap_cents;
    r.aggregate_cap_remaining_cents = h.aggregate_cap_remaining_cents;
    r.credit_owed_cents = h.credit_owed_cents;
  }
  for (const auto& r : ev.months) {
    ev.requests += r.requests;
    ev.failures += r.failures;
    ev.provider_failures += r.provider_failures;
    ev.dropped_calls += r.dropped_calls;
    ev.qps_excluded_failures += r.qps_excluded_failures;
    ev.unavailable_minutes += r.unavailable_minutes;
    ev.unavailable_removed_by_qps += r.unavailable_removed_by_qps;
    ev.unavailable_removed_by_announced += r.unavailable_removed_by_announced;
    ev.unavailable_removed_by_cause += r.unavailable_removed_by_cause;
  }
  return ev;
}

}  // namespace ccsim::sla
