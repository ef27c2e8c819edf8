#include "run/tables.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include "core/time.hpp"
#include "stats/kpi.hpp"

namespace ccsim::run {

namespace {

using nlohmann::json;

Unit unit_of(KpiUnit u) {
  switch (u) {
    case KpiUnit::Count: return Unit::Count;
    case KpiUnit::Ratio: return Unit::Ratio;
    case KpiUnit::Seconds: return Unit::Seconds;
    case KpiUnit::Level: return Unit::None;  // queue length, agents or channels: the KPI's name says which
  }
  return Unit::None;
}

Cell num(double v) { return std::isfinite(v) ? Cell{v} : Cell{}; }

template <int N>
void kpi_columns(Table& t, const char* (*name)(int), KpiUnit (*unit)(int)) {
  for (int k = 0; k < N; ++k) {
    const std::string n = name(k);
    const Unit u = unit_of(unit(k));
    t.column(n, n, u).column(n + "_ci_lo", n + " lo", u).column(n + "_ci_hi", n + " hi", u);
  }
}

template <int N>
void kpi_cells(std::vector<Cell>& row, size_t c, const std::array<Estimate, N>& e) {
  for (int k = 0; k < N; ++k) {
    row[c++] = num(e[static_cast<size_t>(k)].mean);
    row[c++] = num(e[static_cast<size_t>(k)].lo);
    row[c++] = num(e[static_cast<size_t>(k)].hi);
  }
}

// The overall and per-interval tables of one kind of entity (call type, group, trunk).
template <int N>
void entity_tables(const Scenario& sc, const Summary& s, const std::string& kind, const std::string& what,
                   const char* (*name)(int), KpiUnit (*unit)(int),
                   const std::function<std::vector<std::pair<std::string, const KpiSeries<N>*>>(const TenantSummary&)>& list,
                   std::vector<Table>& out) {
  Table overall, per;
  overall.id = "kpis_" + kind;
  overall.title = "KPIs per " + what + " (after warm-up; replication mean and 95% interval)";
  per.id = "intervals_" + kind;
  per.title = "KPIs per " + what + " and statistics interval";
  const std::string key = what == "call type" ? "call_type" : what == "trunk group" ? "trunk_group" : what;
  overall.column("tenant", "tenant", Unit::Text).column(key, what, Unit::Text);
  per.columns = overall.columns;
  per.column("interval", "interval", Unit::None).column("start", "start", Unit::DateTime).column("warmup", "warm-up", Unit::Text);
  kpi_columns<N>(overall, name, unit);
  kpi_columns<N>(per, name, unit);
  for (const auto& t : s.tenants)
    for (const auto& [label, series] : list(t)) {
      auto& row = overall.add_row();
      row[0] = t.name;
      row[1] = label;
      kpi_cells<N>(row, 2, series->overall);
      for (size_t i = 0; i < series->intervals.size(); ++i) {
        auto& r = per.add_row();
        r[0] = t.name;
        r[1] = label;
        r[2] = static_cast<double>(i);
        r[3] = format_datetime(sc.horizon.start + static_cast<int64_t>(std::llround(i * sc.horizon.interval)));
        r[4] = std::string(static_cast<int>(i) < s.first_counted ? "yes" : "no");
        kpi_cells<N>(r, 5, series->intervals[i]);
      }
    }
  out.push_back(std::move(overall));
  out.push_back(std::move(per));
}

bool is_estimate(const json& v) {
  return v.is_object() && v.contains("mean") && (v.contains("lo") || v.contains("ci95"));
}

void flatten(const json& v, const std::string& key, std::vector<std::pair<std::string, json>>& out) {
  if (is_estimate(v)) {
    out.emplace_back(key, v["mean"]);
    const bool ci = v.contains("ci95") && v["ci95"].is_array() && v["ci95"].size() == 2;
    out.emplace_back(key + "_ci_lo", ci ? v["ci95"][0] : v.value("lo", json()));
    out.emplace_back(key + "_ci_hi", ci ? v["ci95"][1] : v.value("hi", json()));
  } else if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) flatten(it.value(), key.empty() ? it.key() : key + "." + it.key(), out);
  } else if (!v.is_array()) {
    out.emplace_back(key, v);
  }
}

bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

}  // namespace

Unit unit_for_key(const std::string& key) {
  // The last path element names the figure; its reading follows the project's naming (docs/output-format.md).
  std::string k = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
  for (const char* suffix : {"_ci_lo", "_ci_hi"})
    if (k.size() > 6 && k.compare(k.size() - 6, 6, suffix) == 0) k.resize(k.size() - 6);
  auto ends = [&](const char* e) { const std::string x(e); return k.size() >= x.size() && k.compare(k.size() - x.size(), x.size(), x) == 0; };
  if (has(k, "cents") || has(k, "_bp") || has(k, "percent")) return Unit::None;  // cents, basis points, 0..100
  if (ends("_num") || ends("_den")) return Unit::Count;  // the counts behind a ratio
  if (has(k, "credit") || has(k, "fees") || has(k, "deductions") || has(k, "amount") || has(k, "cap_remaining"))
    return Unit::Money;
  if (has(k, "availability") || k.rfind("p_", 0) == 0 || has(k, "_rate") || has(k, "share")) return Unit::Ratio;
  if (has(k, "minutes") || has(k, "requests") || has(k, "failures") || has(k, "failed") || has(k, "calls") ||
      k == "passes" || k == "replications" || k == "days" || k == "incidents")
    return Unit::Count;
  if (has(k, "seconds") || (k.size() > 2 && k.compare(k.size() - 2, 2, "_s") == 0)) return Unit::Seconds;
  if (k == "start" || k == "end" || has(k, "_at") || k == "detected" || k == "migrated" || k == "recovered" ||
      k == "repaired")
    return Unit::DateTime;
  return Unit::None;
}

Table table_from_objects(const std::string& id, const std::string& title, const json& rows,
                         const std::vector<std::pair<std::string, std::string>>& leading) {
  Table t;
  t.id = id;
  t.title = title;
  std::vector<std::vector<std::pair<std::string, json>>> flat;
  std::map<std::string, size_t> index;
  for (const auto& [k, v] : leading) {
    (void)v;
    index.emplace(k, t.columns.size());
    t.column(k, k, Unit::Text);
  }
  if (!rows.is_array()) return t;
  for (const auto& r : rows) {
    flat.emplace_back();
    flatten(r, "", flat.back());
    for (const auto& kv : flat.back())
      if (index.emplace(kv.first, t.columns.size()).second) {
        const bool text = kv.second.is_string() || kv.second.is_boolean();
        Unit u = unit_for_key(kv.first);
        // A time given as a number is simulated seconds since the horizon start, not a date-time.
        if (u == Unit::DateTime && !kv.second.is_string()) u = Unit::Seconds;
        if (text && u != Unit::DateTime) u = Unit::Text;
        t.column(kv.first, kv.first, u);
      }
  }
  for (const auto& f : flat) {
    auto& row = t.add_row();
    for (size_t k = 0; k < leading.size(); ++k) row[k] = leading[k].second;
    for (const auto& [k, v] : f) {
      Cell& c = row[index[k]];
      if (v.is_number()) c = num(v.get<double>());
      else if (v.is_boolean()) c = std::string(v.get<bool>() ? "true" : "false");
      else if (v.is_string()) c = v.get<std::string>();
    }
  }
  return t;
}

std::vector<Table> kpi_tables(const Scenario& sc, const Summary& s) {
  std::vector<Table> out;
  entity_tables<CK_COUNT>(sc, s, "call_types", "call type", ct_kpi_name, ct_kpi_unit,
                          [](const TenantSummary& t) {
                            std::vector<std::pair<std::string, const CtSeries*>> v;
                            for (size_t c = 0; c < t.ct.size(); ++c) v.emplace_back(t.call_types[c], &t.ct[c]);
                            v.emplace_back("(all)", &t.all);  // the tenant's call types together
                            return v;
                          },
                          out);
  entity_tables<GK_COUNT>(sc, s, "groups", "group", gr_kpi_name, gr_kpi_unit,
                          [](const TenantSummary& t) {
                            std::vector<std::pair<std::string, const GrSeries*>> v;
                            for (size_t g = 0; g < t.gr.size(); ++g) v.emplace_back(t.groups[g], &t.gr[g]);
                            return v;
                          },
                          out);
  entity_tables<TK_COUNT>(sc, s, "trunks", "trunk group", tr_kpi_name, tr_kpi_unit,
                          [](const TenantSummary& t) {
                            std::vector<std::pair<std::string, const TrSeries*>> v;
                            for (size_t k = 0; k < t.tr.size(); ++k) v.emplace_back(t.trunks[k], &t.tr[k]);
                            return v;
                          },
                          out);
  // Outbound campaigns: only when some tenant has one (inbound-only runs write the same files as before).
  if (std::any_of(s.tenants.begin(), s.tenants.end(), [](const TenantSummary& t) { return !t.ob.empty(); }))
    entity_tables<OK_COUNT>(sc, s, "campaigns", "campaign", ob_kpi_name, ob_kpi_unit,
                            [](const TenantSummary& t) {
                              std::vector<std::pair<std::string, const ObSeries*>> v;
                              for (size_t k = 0; k < t.ob.size(); ++k) v.emplace_back(t.campaigns[k], &t.ob[k]);
                              return v;
                            },
                            out);
  return out;
}

std::vector<Table> section_tables(const json& doc) {
  std::vector<Table> out;
  if (doc.contains("sla") && doc["sla"].contains("tenants") && doc["sla"]["tenants"].is_array()) {
    Table months;
    for (const json& tj : doc["sla"]["tenants"]) {
      const json& sum = tj.value("summary", json::object());
      if (!sum.contains("months")) continue;
      Table t = table_from_objects("sla_months", "SLA per service month (replication mean and 95% interval)",
                                   sum["months"], {{"tenant", tj.value("tenant", "")}, {"contract", sum.value("contract", "")}});
      if (months.columns.empty()) {
        months = std::move(t);
      } else {
        // Same layout for every tenant of a contract; a different contract adds its own columns at the end.
        for (const auto& c : t.columns) {
          bool known = false;
          for (const auto& m : months.columns) known = known || m.key == c.key;
          if (!known) months.columns.push_back(c);
        }
        for (const auto& r : t.rows) {
          auto& row = months.add_row();
          for (size_t k = 0; k < t.columns.size(); ++k)
            for (size_t m = 0; m < months.columns.size(); ++m)
              if (months.columns[m].key == t.columns[k].key) row[m] = r[k];
        }
      }
    }
    for (auto& r : months.rows) r.resize(months.columns.size());
    if (!months.columns.empty()) {
      months.note = "money in each contract's fee units; ratios as fractions";
      out.push_back(std::move(months));
    }
  }
  if (doc.contains("platform") && doc["platform"].is_object()) {
    const json& p = doc["platform"];
    if (p.contains("incidents")) out.push_back(table_from_objects("incidents", "Incidents", p["incidents"]));
    if (p.contains("incident_summary"))
      out.push_back(table_from_objects("incident_summary", "Incidents per fault", p["incident_summary"]));
    if (p.contains("hypotheses")) out.push_back(table_from_objects("hypotheses", "Hypotheses", p["hypotheses"]));
  }
  return out;
}

std::vector<std::string> sweep_campaigns(const Scenario& sc) {
  std::vector<std::string> names;
  for (const auto& tn : sc.tenants)
    for (const auto& c : tn.campaigns)
      if (std::find(names.begin(), names.end(), c.name) == names.end()) names.push_back(c.name);
  return names;
}

Table sweep_table(const Scenario& sc) {
  Table t;
  t.id = "sweep";
  t.title = "Sweep variants (same seed in every variant: common random numbers)";
  t.column("variant", "variant", Unit::Text).column("load", "load", Unit::None).column("tenant", "tenant", Unit::Text);
  kpi_columns<CK_COUNT>(t, ct_kpi_name, ct_kpi_unit);
  for (const std::string& c : sweep_campaigns(sc)) {
    const std::string a = c + ".abandon_rate", r = c + ".right_party";
    t.column(a, a, Unit::Ratio).column(a + "_ci_lo", a + " lo", Unit::Ratio).column(a + "_ci_hi", a + " hi", Unit::Ratio);
    t.column(a + "_limit", a + " limit", Unit::Ratio);
    t.column(r, r, Unit::Count).column(r + "_ci_lo", r + " lo", Unit::Count).column(r + "_ci_hi", r + " hi", Unit::Count);
  }
  return t;
}

double campaign_limit(const Scenario& sc, const std::string& tenant, const std::string& campaign) {
  for (const auto& tn : sc.tenants)
    if (tn.name == tenant)
      for (const auto& c : tn.campaigns)
        if (c.name == campaign) return c.dialer.abandon_limit;
  return std::numeric_limits<double>::quiet_NaN();
}

void add_sweep_rows(Table& t, const std::string& label, double load, const Scenario& sc, const Summary& s) {
  for (const auto& tn : s.tenants) {
    auto& row = t.add_row();
    row[0] = label;
    row[1] = load;
    row[2] = tn.name;
    kpi_cells<CK_COUNT>(row, 3, tn.all.overall);
    for (size_t k = 0; k < tn.campaigns.size() && k < tn.ob.size(); ++k) {
      const auto col = std::find_if(t.columns.begin(), t.columns.end(),
                                    [&](const Column& c) { return c.key == tn.campaigns[k] + ".abandon_rate"; });
      if (col == t.columns.end()) continue;  // a campaign the variant added: not in the table's columns
      size_t c = static_cast<size_t>(col - t.columns.begin());
      const auto& o = tn.ob[k].overall;
      for (double v : {o[OK_ABANDON_RATE].mean, o[OK_ABANDON_RATE].lo, o[OK_ABANDON_RATE].hi}) row[c++] = num(v);
      row[c++] = num(campaign_limit(sc, tn.name, tn.campaigns[k]));
      for (double v : {o[OK_RIGHT_PARTY].mean, o[OK_RIGHT_PARTY].lo, o[OK_RIGHT_PARTY].hi}) row[c++] = num(v);
    }
  }
}

}  // namespace ccsim::run
