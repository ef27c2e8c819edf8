#include "sla/summary.hpp"

#include <stdexcept>

namespace ccsim::sla {

SlaSummary summarize(const std::vector<SlaEvaluation>& reps) {
  if (reps.empty()) throw std::invalid_argument("summarize: no replications");
  const SlaEvaluation& a = reps.front();
  for (const auto& e : reps)
    if (e.contract_id != a.contract_id || e.months.size() != a.months.size() || e.eligibility != a.eligibility)
      throw std::invalid_argument("summarize: replications evaluated under different contracts or terms");
  SlaSummary s;
  s.contract_id = a.contract_id;
  s.currency = a.currency;
  s.unit = a.unit;
  s.eligibility = a.eligibility;
  s.availability_standard_ppm = a.availability_standard_ppm;
  s.tier_labels = a.tier_labels;
  s.replications = static_cast<int>(reps.size());
  s.credit_form = a.credit_form;
  s.term_start = a.term_start;
  s.term_end = a.term_end;
  s.term_is_default = a.term_is_default;
  s.observed = a.observed;
  s.outside = a.outside;
  const int n = s.replications;
  const bool fees = a.credit_owed_cents.has_value();
  for (size_t i = 0; i < a.months.size(); ++i) {
    MonthSummary m;
    m.month = a.months[i].month;
    std::vector<double> avail, unav, qps, bp, owed;
    std::array<std::vector<double>, 2> bp_r, owed_r;
    int below = 0, eligible = 0;
    std::vector<int> in_tier(s.tier_labels.size(), 0);
    for (const auto& e : reps) {
      const MonthResult& r = e.months[i];
      avail.push_back(r.availability);
      unav.push_back(static_cast<double>(r.unavailable_minutes));
      qps.push_back(static_cast<double>(r.unavailable_removed_by_qps));
      bp.push_back(static_cast<double>(r.credit_bp));
      if (fees && r.credit_owed_cents) owed.push_back(static_cast<double>(*r.credit_owed_cents));
      for (int k = 0; k < 2; ++k) {
        bp_r[k].push_back(static_cast<double>(r.by_reading[k].credit_bp));
        if (fees && r.by_reading[k].credit_owed_cents) owed_r[k].push_back(static_cast<double>(*r.by_reading[k].credit_owed_cents));
      }
      below += r.below_standard;
      eligible += r.eligible;
      if (r.tier >= 0) ++in_tier[r.tier];
    }
    m.availability = mean_ci(avail);
    m.unavailable_minutes = mean_ci(unav);
    m.unavailable_removed_by_qps = mean_ci(qps);
    m.credit_bp = mean_ci(bp);
    m.p_below_standard = wilson(below, n);
    m.p_eligible = wilson(eligible, n);
    for (int k : in_tier) m.p_tier.push_back(wilson(k, n));
    if (fees && static_cast<int>(owed.size()) == n) m.credit_owed_cents = mean_ci(owed);
    for (int k = 0; k < 2; ++k) {
      m.credit_bp_by_reading[k] = mean_ci(bp_r[k]);
      if (fees && static_cast<int>(owed_r[k].size()) == n) m.credit_owed_by_reading_cents[k] = mean_ci(owed_r[k]);
    }
    s.months.push_back(m);
  }
  if (fees) {
    std::vector<double> tot;
    for (const auto& e : reps)
      if (e.credit_owed_cents) tot.push_back(static_cast<double>(*e.credit_owed_cents));
    if (static_cast<int>(tot.size()) == n) s.total_credit_owed_cents = mean_ci(tot);
    for (int k = 0; k < 2; ++k) {
      std::vector<double> t;
      for (const auto& e : reps)
        if (e.credit_owed_by_reading_cents[k]) t.push_back(static_cast<double>(*e.credit_owed_by_reading_cents[k]));
      if (static_cast<int>(t.size()) == n) s.total_credit_owed_by_reading_cents[k] = mean_ci(t);
    }
  }
  return s;
}

}  // namespace ccsim::sla
