#include "output/sla_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/decimal.hpp"
#include "core/format.hpp"

namespace ccsim::sla {

namespace {
std::string month_label(const ServiceMonth& m) {  // 2026-03-17..31
  return format_date(m.first_day) + ".." + format_str("%02d", m.last_day.day);
}
// Fits a figure in `width` columns: exact when it fits, else 4 significant digits (1.235e+12).
std::string fit(const std::string& exact, double value, size_t width) {
  return exact.size() <= width ? exact : format_str("%.3e", value);
}
// Money with thousands separators and two decimals, never cut: the column widens to the widest amount.
std::string money_or_dash(const std::optional<int64_t>& c) { return c ? format_cents_grouped(*c) : "-"; }
std::string count(uint64_t v, size_t width) { return fit(std::to_string(v), static_cast<double>(v), width); }
std::string header(const std::string& id, Unit unit, Eligibility el, bool overridden, int64_t standard_ppm) {
  return "SLA " + id + " | " + (unit == Unit::Minute ? "per minute" : "per API call") + " | standard " +
         format_ppm_percent(standard_ppm) + " | eligibility: " + eligibility_name(el) +
         (overridden ? " (overridden)" : " (contract default)") + "\n";
}
// An estimate of an amount in cents: "1,234.50 [1,000.00, 1,469.00]".
std::string money_estimate(const Estimate& e) {
  auto c = [](double cents) { return format_cents_grouped(static_cast<int64_t>(std::llround(cents))); };
  return c(e.mean) + " [" + c(e.lo) + ", " + c(e.hi) + "]";
}
std::string percent_bp(int64_t bp) { return std::to_string(bp / 100) + (bp % 100 ? "+" : ""); }
// Both eligibility readings, each named, the headline one marked (docs/sla.md "Eligibility").
std::string readings_lines(Eligibility headline, int64_t standard_ppm) {
  auto mark = [&](Eligibility e) { return headline == e ? " [headline]\n" : "\n"; };
  return "Owed-std: credit only below the standard " + format_ppm_percent(standard_ppm) + " (entitlement text)" +
         mark(Eligibility::Standard) + "Owed-tbl: any tier of the table (upper bound of the liability)" +
         mark(Eligibility::Table);
}
// The service term and the reading of the minutes outside the simulated horizon (docs/sla.md "Service term").
std::string term_lines(int64_t start, int64_t end, bool is_default, const std::optional<std::pair<int64_t, int64_t>>& observed,
                       OutsideObserved outside) {
  std::string s = "Service term " + format_date(date_of_epoch(start)) + " .. " + format_date(date_of_epoch(end)) +
                  (is_default ? " (calendar service months containing the horizon)\n" : " (end exclusive)\n");
  if (observed)
    s += "Simulated " + format_datetime(observed->first) + " .. " + format_datetime(observed->second) +
         (outside == OutsideObserved::Available ? "; minutes outside it count as available\n"
                                                : "; months judged on simulated minutes only\n");
  return s;
}
// The two readings of items people ask about: what the QPS rule removes, and whether a dropped call is a
// failed request; with the figures each reading produced.
std::string readings_line(const SlaEvaluation& e) {
  const bool reached = e.dropped_calls_reading == DroppedCalls::ReachedServer;
  return format_str("QPS rule removes: %s (%llu failures removed)\n", qps_exclusion_name(e.qps_exclusion),
             static_cast<unsigned long long>(e.qps_excluded_failures)) +
         format_str("Dropped calls: %llu dropped in progress, read as %s (%s)\n",
             static_cast<unsigned long long>(e.dropped_calls), dropped_calls_name(e.dropped_calls_reading),
             reached ? "not failed requests" : "each a failed request");
}
}  // namespace

std::string format_availability(uint64_t num, uint64_t den) {
  if (den == 0) num = den = 1;
  // hundred-thousandths of a percent would be 1e7; 4 decimals of a percent = ppm.
  const uint64_t ppm = static_cast<uint64_t>(static_cast<__int128>(num) * kPpm / den);
  return format_str("%llu.%04llu%%", static_cast<unsigned long long>(ppm / 10000), static_cast<unsigned long long>(ppm % 10000));
}

std::string format_evaluation(const SlaEvaluation& e) {
  std::string s = header(e.contract_id, e.unit, e.eligibility, e.eligibility_overridden, e.availability_standard_ppm);
  const bool per_minute = e.unit == Unit::Minute;
  s += term_lines(e.term_start, e.term_end, e.term_is_default, e.observed, e.outside);
  s += readings_lines(e.eligibility, e.availability_standard_ppm);
  int mw = 10;  // money columns: as wide as the widest amount
  auto widen = [&](const std::optional<int64_t>& c) { mw = std::max<int>(mw, static_cast<int>(money_or_dash(c).size())); };
  widen(e.fees_cents);
  for (int k = 0; k < 2; ++k) widen(e.credit_owed_by_reading_cents[k]);
  for (const auto& m : e.months) {
    widen(m.fee_cents);
    for (int k = 0; k < 2; ++k) widen(m.by_reading[k].credit_owed_cents);
  }
  const std::string rowf = "%-14s %10s %7s %5s %5s %9s %4s %5s %" + std::to_string(mw) + "s %" + std::to_string(mw) +
                           "s %" + std::to_string(mw) + "s\n";
  const char* row = rowf.c_str();
  s += "Amounts in " + (e.currency.empty() ? std::string("fee units (currency not stated: contract `currency` or --currency)")
                                           : e.currency) + "\n";
  s += format_str_runtime(row, "Service month", "Requests", per_minute ? "Unavail" : "Failed", "QPS-x", "Ann-x", "Avail", "Tier",
               "Cr%", "Fee", "Owed-std", "Owed-tbl");
  for (const auto& m : e.months) {
    const std::string tier = m.tier < 0 ? "-" : "T" + std::to_string(m.tier + 1) + (m.eligible ? "" : "*");
    const ReadingCredit &S = m.by_reading[0], &T = m.by_reading[1];
    s += format_str_runtime(row, month_label(m.month).c_str(), count(m.requests, 10).c_str(),
             count(per_minute ? static_cast<uint64_t>(m.unavailable_minutes) : m.counted_failed, 7).c_str(),
             count(static_cast<uint64_t>(m.excluded_minutes_qps), 5).c_str(),
             count(static_cast<uint64_t>(m.excluded_minutes_announced), 5).c_str(),
             format_availability(m.avail_num, m.avail_den).c_str(), tier.c_str(),
             (percent_bp(S.credit_bp) + "/" + percent_bp(T.credit_bp)).c_str(), money_or_dash(m.fee_cents).c_str(),
             money_or_dash(S.credit_owed_cents).c_str(), money_or_dash(T.credit_owed_cents).c_str());
  }
  if (e.credit_owed_cents)
    s += format_str_runtime(row, "Total", "", "", "", "", "", "", "", money_or_dash(e.fees_cents).c_str(),
             money_or_dash(e.credit_owed_by_reading_cents[0]).c_str(), money_or_dash(e.credit_owed_by_reading_cents[1]).c_str());
  s += "Cr% = credit % of the fee, standard/table reading\n";
  if (e.deductions_cents && *e.deductions_cents > 0)
    s += "Fee: net of vouchers/coupons paid (" + format_cents_grouped(*e.deductions_cents) +
         " over the term), the credit base and per-month cap\n";
  s += "Tiers:";
  for (size_t i = 0; i < e.tier_labels.size(); ++i) s += " T" + std::to_string(i + 1) + "=" + e.tier_labels[i];
  s += std::string(" | credit form: ") + credit_form_name(e.credit_form) + "\n";
  s += "* = in a tier, but no credit under the headline reading (see Owed-tbl)\n";
  s += "QPS-x / Ann-x: minutes the QPS rule applies to (no notice) / excluded whole as announced events\n";
  s += readings_line(e);
  s += "Claims open after business day " + std::to_string(e.claim_rule.opens_after_business_days) +
       " of the next month and close " + std::to_string(e.claim_rule.closes_days_after_month_end) +
       " days after the month ends:\n";
  for (const auto& m : e.months) {
    s += format_str("  %-14s claims %s..%s  coverage %lld/%lld min", month_label(m.month).c_str(),
             format_date(m.claim.opens).c_str(), format_date(m.claim.closes).c_str(),
             static_cast<long long>(m.covered_minutes), static_cast<long long>(m.total_minutes));
    if (m.durability)
      s += format_str("  recordings stored %.0f (%.0f est. before ledger): expected lost %.3g, P(>=1 lost) %.3g",
               m.durability->stock, m.durability->before_ledger, m.durability->expected_losses, m.durability->p_any_loss);
    s += "\n";
  }
  if (per_minute && (e.unavailable_removed_by_qps || e.unavailable_removed_by_announced || e.unavailable_removed_by_cause))
    s += format_str("Unavailable minutes removed: %lld by excluded causes, %lld by announced events, %lld by QPS%s\n",
             static_cast<long long>(e.unavailable_removed_by_cause),
             static_cast<long long>(e.unavailable_removed_by_announced),
             static_cast<long long>(e.unavailable_removed_by_qps),
             e.unavailable_removed_by_qps ? "\n  (QPS rule: a prior notice would have kept those minutes covered)" : "");
  if (e.ledger_minutes_outside_term)
    s += format_str("Ignored %lld ledger minutes outside the service term\n", static_cast<long long>(e.ledger_minutes_outside_term));
  return s;
}

std::string format_durability(const std::vector<SlaEvaluation>& evals) {
  if (evals.empty()) return "";
  std::string s;
  for (size_t i = 0; i < evals.front().months.size(); ++i) {
    double stock = 0, before = 0, lost = 0, p = 0;
    int n = 0;
    for (const auto& e : evals)
      if (i < e.months.size() && e.months[i].durability) {
        const DurabilityEstimate& d = *e.months[i].durability;
        stock += d.stock, before += d.before_ledger, lost += d.expected_losses, p += d.p_any_loss;
        ++n;
      }
    if (n == 0) continue;
    const DurabilityEstimate& d0 = *evals.front().months[i].durability;
    if (s.empty())
      s = format_str("Durability on the stored stock (%d-month retention, before the ledger: %s; means over replications):\n",
              d0.retention_months, stock_before_name(d0.before));
    s += format_str("  %-14s stored %.4g (%.4g estimated before the ledger) at %s: expected lost %.3g, P(>=1 lost) %.3g\n",
             month_label(evals.front().months[i].month).c_str(), stock / n, before / n, format_datetime(d0.at_epoch).c_str(),
             lost / n, p / n);
  }
  return s;
}

std::string format_summary(const SlaSummary& s) {
  const std::string cur = s.currency.empty() ? "fee units" : s.currency;
  std::string out = header(s.contract_id, s.unit, s.eligibility, false, s.availability_standard_ppm);
  out += term_lines(s.term_start, s.term_end, s.term_is_default, s.observed, s.outside);
  out += readings_lines(s.eligibility, s.availability_standard_ppm);
  out += format_str("%d replications; 95%% intervals in brackets; credit form: %s\n", s.replications, credit_form_name(s.credit_form));
  for (const auto& m : s.months) {
    out += format_str("%-14s avail %.4f%% [%.4f, %.4f]  P(<std) %.3f [%.3f, %.3f]\n", month_label(m.month).c_str(),
               100 * m.availability.mean, 100 * m.availability.lo, 100 * m.availability.hi, m.p_below_standard.mean,
               m.p_below_standard.lo, m.p_below_standard.hi);
    std::string tiers = "               ";
    for (size_t k = 0; k < m.p_tier.size(); ++k)
      tiers += format_str("P(T%zu) %.3f [%.3f, %.3f]  ", k + 1, m.p_tier[k].mean, m.p_tier[k].lo, m.p_tier[k].hi);
    out += tiers + "\n";
    out += format_str("               expected credit %% of fee: std %.2f%% | tbl %.2f%%\n", m.credit_bp_by_reading[0].mean / 100.0,
               m.credit_bp_by_reading[1].mean / 100.0);
    const auto& so = m.credit_owed_by_reading_cents[0];
    const auto& to = m.credit_owed_by_reading_cents[1];
    if (so && to)
      out += "               expected owed (" + cur + "): std " + money_estimate(*so) + " | tbl " + money_estimate(*to) + "\n";
  }
  for (int k = 0; k < 2; ++k)
    if (const auto& t = s.total_credit_owed_by_reading_cents[k])
      out += format_str("Total expected credit owed (%s, %s), %s reading%s: ", credit_form_name(s.credit_form), cur.c_str(),
                 eligibility_name(static_cast<Eligibility>(k)), static_cast<int>(s.eligibility) == k ? " (headline)" : "") +
             money_estimate(*t) + "\n";
  return out;
}

}  // namespace ccsim::sla
