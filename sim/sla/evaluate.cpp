#include "sla/evaluate.hpp"

#include <algorithm>

#include "sla/decimal.hpp"

namespace ccsim::sla {

bool minute_unavailable(uint64_t requests, uint64_t failures, int64_t threshold_ppm) {
  if (requests == 0) return false;  // the text: a minute with no requests is available
  const uint64_t ok = failures >= requests ? 0 : requests - failures;
  return static_cast<__int128>(ok) * kPpm < static_cast<__int128>(threshold_ppm) * requests;
}

namespace {

bool notice_covers(const std::vector<NoticeWindow>& notices, int64_t minute_start) {
  for (const auto& n : notices)
    if (minute_start >= n.from && minute_start < n.to) return true;
  return false;
}

// Walks the ledger minutes of one service month and fills the counting fields of `r`.
void count_month(const Contract& c, const MinuteLedger& L, const SlaInputs& in, MonthResult& r) {
  const int64_t first = std::max<int64_t>(0, (r.month.start_epoch - L.start_epoch + 59) / 60);
  const int64_t end = std::min<int64_t>(static_cast<int64_t>(L.minutes()), (r.month.end_epoch - L.start_epoch + 59) / 60);
  const bool has_announced = L.announced_event.size() == L.minutes();
  const bool has_notice = L.qps_notice.size() == L.minutes();
  const bool has_recordings = L.recordings.size() == L.minutes();
  int64_t recordings = 0;
  for (int64_t m = first; m < end; ++m) {
    const int64_t t = L.start_epoch + m * 60;
    if (t < r.month.start_epoch || t >= r.month.end_epoch) continue;  // defensive: unaligned starts
    ++r.covered_minutes;
    const uint64_t req = L.requests[m];
    uint64_t f_all = 0, f_incl = 0, f_excl = 0;
    for (int k = 0; k < kNumCauses; ++k) {
      const uint64_t v = L.failures[m][k];
      r.failures_by_cause[k] += v;
      f_all += v;
      (c.causes[k].excluded ? f_excl : f_incl) += v;
    }
    if (has_recordings) recordings += L.recordings[m];
    r.requests += req;
    r.failures += f_all;
    r.provider_failures += f_incl;

    // "Normal requests": with Remove, requests that failed for an excluded cause leave the denominator.
    const uint64_t normal = c.excluded_cause_requests == ExcludedCauseRequests::Remove
                                ? (f_excl >= req ? 0 : req - f_excl)
                                : req;
    const bool announced = c.announced.excluded && has_announced && L.announced_event[m];
    const bool qps_hit = c.qps.triggered(req);
    const bool noticed = qps_hit && ((has_notice && L.qps_notice[m]) || notice_covers(in.notices, t));
    const bool qps_excluded = qps_hit && !noticed && !announced;
    if (qps_hit && noticed && !announced) ++r.qps_minutes_with_notice;
    if (announced) ++r.excluded_minutes_announced;
    if (qps_excluded) ++r.excluded_minutes_qps;

    if (c.unit == Unit::Minute) {
      const bool u_all = minute_unavailable(req, f_all, c.minute_success_threshold_ppm);
      const bool u_cause = minute_unavailable(normal, f_incl, c.minute_success_threshold_ppm);
      if (u_all) ++r.unavailable_all_failures;
      // Attribute each would-be-unavailable minute to the first rule that removes it.
      if (u_all && !u_cause) ++r.unavailable_removed_by_cause;
      else if (u_cause && announced) ++r.unavailable_removed_by_announced;
      else if (u_cause && qps_excluded) ++r.unavailable_removed_by_qps;
      else if (u_cause) ++r.unavailable_minutes;
      // A minute that is unavailable only when every failure counts but excluded whole as well is still
      // attributed to the cause rule (the first one); the identity in evaluate.hpp holds either way.
    } else if (!announced && !qps_excluded) {
      r.counted_calls += normal;
      r.counted_failed += f_incl;
    }
  }
  if (has_recordings) r.recordings = recordings;
}

}  // namespace

SlaEvaluation evaluate(const Contract& c, const MinuteLedger& L, const SlaInputs& in) {
  SlaEvaluation ev;
  ev.contract_id = c.id;
  ev.contract_title = c.title;
  ev.contract_file = c.file;
  ev.unit = c.unit;
  ev.eligibility = in.eligibility.value_or(c.eligibility_default);
  ev.eligibility_overridden = in.eligibility.has_value() && *in.eligibility != c.eligibility_default;
  ev.credit_form = c.credit_form;
  ev.availability_standard_ppm = c.availability_standard_ppm;
  for (const auto& t : c.tiers) ev.tier_labels.push_back(t.label);
  ev.claim_rule = c.claim;
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
    if (c.unit == Unit::Minute) {
      r.avail_num = static_cast<uint64_t>(r.total_minutes - r.unavailable_minutes);
      r.avail_den = static_cast<uint64_t>(r.total_minutes);
    } else if (r.counted_calls > 0) {
      r.avail_num = r.counted_calls - std::min(r.counted_failed, r.counted_calls);
      r.avail_den = r.counted_calls;
    }
    r.availability = static_cast<double>(r.avail_num) / static_cast<double>(r.avail_den);
    r.below_standard = static_cast<__int128>(r.avail_num) * kPpm <
                       static_cast<__int128>(c.availability_standard_ppm) * r.avail_den;
    r.tier = c.tier_of(r.avail_num, r.avail_den);
    r.eligible = r.tier >= 0 && (ev.eligibility == Eligibility::Table || r.below_standard);
    r.credit_bp = r.eligible ? c.tiers[r.tier].credit_bp : 0;
    r.claim = claim_window(r.month, c.claim, in.calendar);
    if (!in.recordings_per_month.empty()) r.recordings = in.recordings_per_month[i];
    if (!L.recordings.empty() && L.recordings.size() == L.minutes())
      r.durability = durability_at(L.recordings, L.start_epoch, months[i].end_epoch, in.retention, c.durability_loss_fraction);
    if (!in.fees_cents.empty()) r.fee_cents = in.fees_cents[i];
    else if (in.monthly_fee_cents) r.fee_cents = in.monthly_fee_cents;
    ev.months.push_back(r);
  }

  // Credits and caps, in service-month order: fee x credit% -> per-month cap (<= that month's fee) ->
  // aggregate cap (credits in the cap window <= fees paid in that window; docs/sla.md "Caps").
  const bool have_fees = ev.months.front().fee_cents.has_value();
  if (have_fees) {
    const int W = c.caps.window_months;
    int64_t fees_total = 0, owed_total = 0;
    for (size_t i = 0; i < ev.months.size(); ++i) {
      MonthResult& r = ev.months[i];
      const int64_t fee = *r.fee_cents;
      fees_total += fee;
      r.credit_before_caps_cents = mul_div_round(fee, r.credit_bp, 10000);
      int64_t credit = *r.credit_before_caps_cents;
      if (c.caps.per_month_fee) credit = std::min(credit, fee);
      r.credit_after_month_cap_cents = credit;
      if (c.caps.aggregate_fees_paid) {
        // Within the first W service months of use the cap is the fees paid for the service so far (this
        // month included, plus fees paid before the term). Past W months of use it is the fees paid in the W
        // months before the damage: service months [lo, hi], hi = this month or the one before (contract).
        const int64_t ii = static_cast<int64_t>(i);
        int64_t lo = 0, hi = ii;
        if (ii >= W) {
          hi = c.caps.window_includes_damage_month ? ii : ii - 1;
          lo = hi - W + 1;
        }
        int64_t fees = 0, granted = 0;
        for (int64_t j = lo; j <= hi; ++j) fees += *ev.months[j].fee_cents;
        for (int64_t j = lo; j < ii; ++j) granted += *ev.months[j].credit_owed_cents;
        if (ii < W) {  // the service so far, including what was paid and credited before the term
          fees += in.prior_fees_12m_cents;
          granted += in.prior_credits_12m_cents;
        }
        r.aggregate_cap_remaining_cents = std::max<int64_t>(0, fees - granted);
        credit = std::min(credit, *r.aggregate_cap_remaining_cents);
      }
      r.credit_owed_cents = credit;
      owed_total += credit;
    }
    ev.fees_cents = fees_total;
    ev.credit_owed_cents = owed_total;
  }
  for (const auto& r : ev.months) {
    ev.requests += r.requests;
    ev.failures += r.failures;
    ev.provider_failures += r.provider_failures;
    ev.unavailable_minutes += r.unavailable_minutes;
    ev.unavailable_removed_by_qps += r.unavailable_removed_by_qps;
    ev.unavailable_removed_by_announced += r.unavailable_removed_by_announced;
    ev.unavailable_removed_by_cause += r.unavailable_removed_by_cause;
  }
  return ev;
}

}  // namespace ccsim::sla
