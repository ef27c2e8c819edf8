#pragma once
// SLA evidence: the unavailable minutes of each service month as ranges a claim can cite. Consecutive minutes
// with the same disposition (counted, or removed by the same clause) merge into one range, with the requests
// and failures by cause of its minutes. Per-minute contracts only (a per-call contract has no unavailable
// minutes; its months list no ranges). docs/sla.md "Evidence".
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "sla/minute_range.hpp"

namespace ccsim::sla {

struct SlaEvaluation;

// "host_down 12, link_down 3": the causes with failures, in cause order.
std::string causes_text(const std::array<uint64_t, kNumCauses>& failures);

struct MonthRanges {
  std::string month;  // "YYYY-MM" of the service month's first day
  std::vector<MinuteRange> ranges;
};

// One row per range of every service month: month, from, to (exclusive), minutes, status (counted |
// excluded), clause, requests, failures, causes. Table id "sla_evidence".
Table evidence_table(const std::string& contract_id, const std::vector<MonthRanges>& months);
Table evidence_table(const SlaEvaluation& e);

// The one-line summary of the evidence: "N ranges: M minutes counted, K excluded (5.12: a, 5.7: b)".
std::string evidence_summary(const std::vector<MonthRanges>& months);
std::vector<MonthRanges> month_ranges(const SlaEvaluation& e);

}  // namespace ccsim::sla
