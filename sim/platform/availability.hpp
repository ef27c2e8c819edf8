#pragma once
// A tenant's availability in one replication, in the two views a drill rehearsal needs: as the contract reads
// it (announced drills and maintenance excluded by clause 5.12 when the contract says so) and with announced
// minutes counted (as if the drill had not been announced). Uses the SLA engine (sla/evaluate.hpp) when the
// tenant is bound to a contract; otherwise the per-minute rule of contract A on provider causes only.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "sla/contract.hpp"
#include "stats/ledger.hpp"

namespace ccsim::platform {

struct MonthView {
  std::string label;            // first day of the service month, 2026-03-01
  int64_t total_minutes = 0;
  int64_t unavailable_minutes = 0;
  double availability = 1;
  int tier = -1;                // contract tier index, -1 = none
  bool eligible = false;        // a credit is owed
  int64_t credit_bp = 0;
  std::optional<int64_t> credit_cents;
};

struct AvailabilityView {
  std::vector<MonthView> months;
  int64_t unavailable_minutes = 0;
  int64_t total_minutes = 0;
  double overall = 1;           // 1 - unavailable / total over the term
  double worst_month = 1;
  int64_t credit_bp = 0;        // summed over months
  std::optional<int64_t> credit_cents;
  bool eligible = false;        // some month owes a credit
  int worst_tier = -1;          // highest tier index reached (-1 none)
};

struct TenantAvailability {
  std::string contract;         // contract id, or "per-minute 99% rule (no contract)"
  AvailabilityView as_contract;       // announced minutes excluded as the contract says
  AvailabilityView announced_counted; // announced minutes counted
  int64_t announced_minutes = 0;      // ledger minutes inside announced events
  // Minutes whose call success rate (every failure, whatever its cause) fell below 99%, by the cause with the
  // most failures in that minute: why minutes became unavailable, before any exclusion.
  std::array<int64_t, kNumCauses> low_minutes_by_cause{};
  int64_t low_minutes_announced = 0;
};

// Loads each distinct contract once; a contract that cannot be loaded falls back to the per-minute rule.
class AvailabilityEvaluator {
 public:
  explicit AvailabilityEvaluator(const Scenario& sc);
  TenantAvailability evaluate(int tenant, const MinuteLedger& ledger) const;
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  const Scenario& sc_;
  std::vector<std::optional<sla::Contract>> contracts_;  // per tenant
  std::vector<std::string> warnings_;
};

// Causes the provider answers for when no contract says otherwise: platform failures. Not dropped calls: they
// reached the server, so under the default reading they are no failed requests (docs/sla.md "Dropped calls").
bool provider_cause(Cause c);

}  // namespace ccsim::platform
