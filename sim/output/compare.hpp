#pragma once
// `ccsim compare A.h5 B.h5`: the figures of two results files side by side with the difference B - A and its
// 95% interval (stats/difference.hpp). Paired when both runs share base seed, replication count and every
// replication's seed (common random numbers); Welch otherwise. Files of different scenario structure (tenants,
// call types, skill groups, outbound campaigns) are refused with InputError; what-ifs of one scenario (--load, --set) compare.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "stats/difference.hpp"

namespace ccsim {

struct RunComparison {
  std::string path_a, path_b;
  std::string scenario_a, scenario_b;
  DiffMethod method = DiffMethod::Welch;  // how the per-replication KPIs are compared
  std::string method_reason;              // why paired or not (seeds, replication counts)
  // Overall KPIs per tenant, call type and skill group, one table per unit (a Table column has one unit):
  // compare_rates, compare_times, compare_counts, compare_levels.
  std::vector<Table> kpis_by_unit;
  Table sla;         // id "compare_sla_months": availability and credit percent per service month (empty: no SLA)
  Table credits;     // id "compare_sla_credits": credit owed per service month, in the contract's currency
  Table incidents;   // id "compare_incidents": incidents per replication
  std::vector<Table> tables() const;
};

// Throws InputError (exit 2) when a file is not a results file or the structures differ.
RunComparison compare_runs(const std::string& path_a, const std::string& path_b);
nlohmann::json comparison_to_json(const RunComparison& c);
std::string comparison_to_terminal(const RunComparison& c, bool all_kpis);
std::string comparison_to_html(const RunComparison& c);

}  // namespace ccsim
