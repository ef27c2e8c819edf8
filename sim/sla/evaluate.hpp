#pragma once
// Evaluating a contract on a per-minute ledger: service months -> per-minute (or per-call) availability ->
// exclusions -> tier -> credit -> caps -> claim window. Pure functions: no I/O, no globals, same inputs same
// result. Tier decisions compare exact integers (see Contract::tier_of).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sla/contract.hpp"
#include "sla/durability.hpp"
#include "sla/minute_range.hpp"
#include "stats/ledger.hpp"
#include "sla/claim_window.hpp"

namespace ccsim::sla {

struct NoticeWindow {  // a prior notice of a surge (5.0 QPS rule): minutes starting in [from, to) are covered
  int64_t from = 0, to = 0;
};

// Minutes of the service term outside the part the ledger observed (a simulation's horizon): Available =
// they count as available minutes (per-call contracts: the observed call rate continues there, all calls
// successful); Excluded = the month is judged on its observed minutes (and calls) alone. docs/sla.md.
enum class OutsideObserved { Available, Excluded };
const char* outside_observed_name(OutsideObserved o);
std::optional<OutsideObserved> outside_observed_from_name(const std::string& s);

struct SlaInputs {
  int64_t service_start = 0;  // opening date (epoch seconds; whole days, see service_months)
  int64_t service_end = 0;    // end of the term (epoch seconds, exclusive)
  // Monthly Service Fee in cents: the fees actually consumed in each service month, net of vouchers, coupons
  // and deductions. Either one fee per service month (fees_cents, same order as the months) or one fee used
  // for every month (monthly_fee_cents). Neither: credits are reported as percentages only.
  std::vector<int64_t> fees_cents;
  std::optional<int64_t> monthly_fee_cents;
  // Fees paid for the service, and credits already granted, in the 12 months before service_start (a renewed
  // service); they count in the aggregate cap during the first window_months service months of the term.
  int64_t prior_fees_12m_cents = 0;
  int64_t prior_credits_12m_cents = 0;
  // Vouchers/coupons paid towards each service month's fees. The Monthly Service Fee (credit base and per-month
  // cap) is the fee net of them, never below zero (docs/sla.md "Monthly Service Fee").
  int64_t deductions_per_month_cents = 0;
  // The observed part of the term, epoch seconds [from, to) (a simulation's horizon); unset = the ledger is
  // the record of the whole term and uncovered minutes are minutes with no requests.
  std::optional<std::pair<int64_t, int64_t>> observed;
  OutsideObserved outside = OutsideObserved::Available;
  bool term_is_default = false;  // the term was derived (calendar months containing the horizon), not given
  std::vector<NoticeWindow> notices;  // in addition to the ledger's own qps_notice minutes
  BusinessCalendar calendar;          // holidays for the claim window
  std::optional<Eligibility> eligibility;  // overrides the contract's default reading
  // Call recordings stored per service month (durability estimate); empty = sum ledger.recordings if any.
  std::vector<int64_t> recordings_per_month;
  // Retention of the recordings and the estimate of the stock before the ledger (durability on the stock).
  RetentionRule retention;
  // Currency of the fees when the contract names none (the scenario's price list, `ccsim sla --currency`).
  std::string currency;
};

// The credit of a month under one eligibility reading (standard: only below the availability standard;
// table: any tier of the table). Both are computed for every month; the headline uses one of them.
struct ReadingCredit {
  bool eligible = false;
  int64_t credit_bp = 0;
  std::optional<int64_t> credit_before_caps_cents, credit_after_month_cap_cents, aggregate_cap_remaining_cents,
      credit_owed_cents;
};

struct MonthResult {
  ServiceMonth month;
  int64_t total_minutes = 0;    // days x 1,440 (Excluded reading: the observed minutes of the month)
  int64_t observed_minutes = 0; // minutes of the month inside the observed part (= days x 1,440 when unset)
  int64_t covered_minutes = 0;  // minutes of the month present in the ledger (the rest: available, 0 requests)
  // Counts over every ledger minute of the month (before any minute exclusion).
  uint64_t requests = 0;
  std::array<uint64_t, kNumCauses> failures_by_cause{};
  uint64_t failures = 0;            // all causes
  uint64_t provider_failures = 0;   // included causes only
  // Calls dropped in progress (ledger dropped_in_progress). Under the reached_server reading they are in
  // neither requests nor failures above; under failed_request they are in both as well.
  uint64_t dropped_calls = 0;
  // Provider failures the QPS rule removed under the load_caused_failures reading (0 under whole_minute).
  uint64_t qps_excluded_failures = 0;
  // Exclusions. Minute contracts: each would-be-unavailable minute (all failures counted) is attributed to
  // the first rule that removes it, in the order cause -> announced -> qps, so
  // unavailable_all_failures = removed_by_cause + removed_by_announced + removed_by_qps + unavailable_minutes.
  int64_t excluded_minutes_announced = 0;  // minutes removed whole by clause 5.12 (announced events)
  // Minutes at or above the QPS threshold without prior notice: the rule applies (removes the minute whole
  // under whole_minute, only its load-caused failures under load_caused_failures).
  int64_t excluded_minutes_qps = 0;
  int64_t qps_minutes_with_notice = 0;     // minutes at or above the QPS threshold kept by a notice
  int64_t unavailable_all_failures = 0;    // unavailable minutes if every failure counted and nothing excluded
  int64_t unavailable_removed_by_cause = 0;
  int64_t unavailable_removed_by_announced = 0;
  int64_t unavailable_removed_by_qps = 0;
  int64_t unavailable_minutes = 0;
  // Minute contracts: the would-be-unavailable minutes as ranges, counted or with the clause that removed
  // them (the evidence of a claim, sla/evidence.hpp).
  std::vector<MinuteRange> unavailable_ranges;
  // Per-call contracts: calls and provider failures of minutes not removed whole.
  uint64_t counted_calls = 0;
  uint64_t counted_failed = 0;
  uint64_t extrapolated_calls = 0;  // per-call, Available reading: successful calls assumed outside the horizon
  // Availability = avail_num / avail_den exactly (minutes: (total - unavailable) / total; calls: (counted -
  // failed) / counted, 1/1 when nothing was counted).
  uint64_t avail_num = 1, avail_den = 1;
  double availability = 1;
  bool below_standard = false;
  int tier = -1;                // index into Contract::tiers by availability, -1 = none
  bool eligible = false;        // a credit is owed under the reading used
  int64_t credit_bp = 0;        // credit in basis points of the fee (0 when not eligible)
  std::optional<int64_t> fee_gross_cents;   // fee before vouchers/coupons
  std::optional<int64_t> deductions_cents;  // vouchers/coupons paid (applied up to the gross fee)
  std::optional<int64_t> fee_cents;         // Monthly Service Fee: gross - deductions, the credit base and cap
  std::array<ReadingCredit, 2> by_reading;  // indexed by Eligibility; the fields below copy the headline's
  std::optional<int64_t> credit_before_caps_cents;
  std::optional<int64_t> credit_after_month_cap_cents;
  std::optional<int64_t> aggregate_cap_remaining_cents;  // room left under the aggregate cap before this month
  std::optional<int64_t> credit_owed_cents;              // after both caps
  ClaimWindow claim;
  std::optional<int64_t> recordings;
  // Durability on the stored stock (ledger recordings under the retention rule); none without recordings.
  std::optional<DurabilityEstimate> durability;
};

struct SlaEvaluation {
  std::string contract_id, contract_title, contract_file;
  std::string currency;  // of every amount: the contract's `currency`, else SlaInputs::currency ("" = unstated)
  Unit unit = Unit::Minute;
  Eligibility eligibility = Eligibility::Standard;
  bool eligibility_overridden = false;
  CreditForm credit_form = CreditForm::Voucher;
  DroppedCalls dropped_calls_reading = DroppedCalls::ReachedServer;
  QpsExclusion qps_exclusion = QpsExclusion::LoadCausedFailures;
  int64_t availability_standard_ppm = 0;
  std::vector<std::string> tier_labels;
  ClaimWindowRule claim_rule;
  int cap_window_months = 0;  // 0: the aggregate cap is all fees paid for the service (no window)
  int64_t term_start = 0, term_end = 0;
  bool term_is_default = false;
  std::optional<std::pair<int64_t, int64_t>> observed;
  OutsideObserved outside = OutsideObserved::Available;
  std::vector<MonthResult> months;
  // Ledger coverage of the term.
  int64_t ledger_start_epoch = 0, ledger_minutes = 0;
  int64_t ledger_minutes_outside_term = 0;  // ignored
  // Totals over months.
  uint64_t requests = 0, failures = 0, provider_failures = 0, dropped_calls = 0, qps_excluded_failures = 0;
  int64_t unavailable_minutes = 0, unavailable_removed_by_qps = 0, unavailable_removed_by_announced = 0,
          unavailable_removed_by_cause = 0;
  std::optional<int64_t> fees_cents, credit_owed_cents, deductions_cents;
  std::array<std::optional<int64_t>, 2> credit_owed_by_reading_cents;  // indexed by Eligibility
};

// Throws InputError when the inputs cannot be evaluated (empty term, fee list of the wrong length).
SlaEvaluation evaluate(const Contract& contract, const MinuteLedger& ledger, const SlaInputs& inputs);

// Whether one minute is a Service Unavailability Minute: requests > 0 and (requests - failures) / requests
// below the threshold, compared exactly: (requests - failures) * 1e6 < threshold_ppm * requests.
bool minute_unavailable(uint64_t requests, uint64_t failures, int64_t threshold_ppm);

}  // namespace ccsim::sla
