#pragma once
// A service level agreement as data (models/contracts/*.yaml): how availability is counted (per minute or per
// API call), the availability standard, the credit tier table, which ledger failure causes and which minutes
// the exclusion clauses remove, the caps and the claim window. Every threshold is an exact integer (parts per
// million of one) so that tier decisions are made with integer arithmetic; see docs/sla.md.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "stats/ledger.hpp"

namespace ccsim::sla {

constexpr int64_t kPpm = 1000000;  // 100% in parts per million

enum class Unit { Minute, ApiCall };
// Contract A's text entitles compensation "if availability is lower than the Standard" (99.5%) while its table
// starts below 99.95%. Standard: a credit only when availability < standard. Table: any tier of the table.
enum class Eligibility { Standard, Table };
enum class CreditForm { Voucher, Cash };
// Requests that failed for an excluded cause: Remove = they are not "normal requests" and leave the
// denominator too; Keep = they stay in the denominator as non-failures (per-call "total calls").
enum class ExcludedCauseRequests { Remove, Keep };
// A call dropped in progress had reached the server. ReachedServer (default): it is not a failed request and
// adds no request (the caller's redial is a new request that may fail); the ledger's dropped_in_progress
// request+failure pairs are taken out and reported as dropped calls. FailedRequest: each drop counts as one
// more request that failed for the dropped_in_progress cause (its rule in `causes` applies).
enum class DroppedCalls { ReachedServer, FailedRequest };
// What the 5.0 QPS rule removes in a minute at or above the threshold without notice. LoadCausedFailures
// (default): only the failures of the load causes (QpsRule::load_cause), since the clause excludes
// unavailability *due to* the demand; host, link and software failures still count. WholeMinute: the literal
// reading, the whole minute whatever failed.
enum class QpsExclusion { LoadCausedFailures, WholeMinute };

const char* unit_name(Unit u);
const char* eligibility_name(Eligibility e);
std::optional<Eligibility> eligibility_from_name(const std::string& s);
const char* credit_form_name(CreditForm f);
const char* dropped_calls_name(DroppedCalls d);
const char* qps_exclusion_name(QpsExclusion q);

struct Tier {
  int64_t lower_ppm = 0;   // inclusive
  int64_t upper_ppm = 0;   // exclusive
  int64_t credit_bp = 0;   // credit in basis points of the monthly fee (10% = 1000)
  std::string label;
};

struct Clause {
  std::string id;      // "5.12"
  std::string title;
};

struct CauseRule {
  bool excluded = false;
  std::string clause;  // clause id when excluded
};

struct QpsRule {
  bool enabled = false;
  std::string clause;            // clause id, e.g. "5.7"
  QpsExclusion exclusion = QpsExclusion::LoadCausedFailures;
  std::array<bool, kNumCauses> load_cause{};  // causes a surge of demand produces (LoadCausedFailures)
  int64_t threshold_milli_qps = 5000;  // 5.0 QPS
  // Measured on the minute's average: requests / 60 s >= threshold. The only rate a per-minute ledger can
  // show; the peak second is at least this high, so this reading excludes no more minutes than any other.
  int64_t window_seconds = 60;
  // True when the minute's requests reach the threshold (exact integer comparison).
  bool triggered(uint64_t requests) const {
    return enabled && static_cast<__int128>(requests) * 1000 >= static_cast<__int128>(threshold_milli_qps) * window_seconds;
  }
};

struct AnnouncedEvents {
  bool excluded = true;
  std::string clause;  // "5.12"
};

struct Caps {
  bool per_month_fee = true;             // credit of a month <= that month's fee
  bool aggregate_fees_paid = true;       // total credits <= fees paid for the service
  // Past this much use: <= fees paid in the window before the damage. 0 (`window_months: none`): no window,
  // the cap is the fees paid for the service over the whole term (plus prior fees).
  int window_months = 12;
  bool window_includes_damage_month = true;
};

struct ClaimWindowRule {
  int opens_after_business_days = 5;     // of the month following the service month
  int closes_days_after_month_end = 60;  // calendar days after the service month's last day
};

struct Contract {
  std::string file;
  std::string id, title;
  std::string currency;  // ISO code of the fees and credits (optional key `currency`; "" = unstated)
  Unit unit = Unit::Minute;
  int64_t minute_success_threshold_ppm = 990000;  // per-minute contracts: minute unavailable when rate < this
  int64_t availability_standard_ppm = 995000;
  Eligibility eligibility_default = Eligibility::Standard;
  std::vector<Tier> tiers;                // sorted by lower bound, descending (best tier first)
  CreditForm credit_form = CreditForm::Voucher;
  Caps caps;
  ClaimWindowRule claim;
  ExcludedCauseRequests excluded_cause_requests = ExcludedCauseRequests::Remove;
  DroppedCalls dropped_calls = DroppedCalls::ReachedServer;
  QpsRule qps;
  AnnouncedEvents announced;
  std::string durability_text = "99.99999%";
  double durability_loss_fraction = 1e-7;  // 1 - durability
  std::vector<Clause> clauses;
  std::array<CauseRule, kNumCauses> causes{};

  // Index into tiers of the tier containing availability num/den, or -1 (exact integer comparison).
  int tier_of(uint64_t num, uint64_t den) const;
  const Clause* clause(const std::string& id) const;
};

// Loads and validates a contract file. Throws InputError listing every problem with file:line:col and key.
Contract load_contract(const std::string& path);

}  // namespace ccsim::sla
