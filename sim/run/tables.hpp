#pragma once
// The tables of one run as typed tables (core/table.hpp), for `--csv DIR` (output/table_render.hpp
// write_csv_dir): the KPIs overall and per interval of every call type, group and trunk, and the figures the
// SLA and platform sections put in the JSON summary (service months, incidents, hypotheses). The KPI tables
// come from the typed Summary; the section tables read the section JSON, so a figure is still computed once,
// in its section. File names, columns and units: docs/output-format.md, "CSV".
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"

namespace ccsim::run {

// kpis_call_types, kpis_groups, kpis_trunks (overall, after warm-up) and intervals_call_types,
// intervals_groups, intervals_trunks (every statistics interval, warm-up ones marked).
std::vector<Table> kpi_tables(const Scenario& sc, const Summary& s);
// sla_months (per tenant and service month, from doc["sla"]), incidents, incident_summary and hypotheses
// (from doc["platform"]); tables whose section is absent are left out.
std::vector<Table> section_tables(const nlohmann::json& doc);
// One row per sweep variant and tenant: overall KPIs of the tenant's call types together and, for runs with
// outbound campaigns, per campaign (columns from sc's campaigns) its abandon rate, limit and right-party contacts.
std::vector<std::string> sweep_campaigns(const Scenario& sc);
double campaign_limit(const Scenario& sc, const std::string& tenant, const std::string& campaign);
Table sweep_table(const Scenario& sc);
void add_sweep_rows(Table& t, const std::string& label, double load, const Scenario& sc, const Summary& s);

// Rows of objects as a table: nested objects flatten to "a.b" keys, an estimate {mean, lo, hi, n} (or
// {mean, ci95: [lo, hi]}) to three columns key, key_ci_lo, key_ci_hi; arrays other than ci95 are left out.
// Units come from the key (unit_for_key).
Table table_from_objects(const std::string& id, const std::string& title, const nlohmann::json& rows,
                         const std::vector<std::pair<std::string, std::string>>& leading = {});
Unit unit_for_key(const std::string& key);

}  // namespace ccsim::run
