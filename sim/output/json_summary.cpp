#include "output/json_summary.hpp"

#include <cmath>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace ccsim {

namespace {

using nlohmann::json;

// A finite double or null: JSON has no NaN or infinity.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Each KPI as its replication mean and interval; a quotient KPI (kpi.hpp is_quotient) also carries its
// ratio-of-totals form (aggregate.hpp), so the reader sees which is which.
template <int N>
json kpis_to_json(const std::array<Estimate, N>& e, const std::array<double, N>& totals, const char* (*name)(int),
                  KpiUnit (*unit)(int), int replications) {
  json o = json::object();
  for (int k = 0; k < N; ++k) {
    json x = estimate_to_json(e[k], replications);
    if (is_quotient(unit(k))) x["ratio_of_totals"] = number(totals[k]);
    o[name(k)] = std::move(x);
  }
  return o;
}

// Row `r` of a series' "intervals" list.
template <int N>
json interval_row(const KpiSeries<N>& s, size_t r, const char* (*name)(int), KpiUnit (*unit)(int), const Scenario& sc,
                  const Summary& sum) {
  json iv = kpis_to_json<N>(s.intervals[r], s.interval_totals[r], name, unit, sum.run.replications);
  const int64_t start = sc.horizon.start + static_cast<int64_t>(std::llround(r * sc.horizon.interval));
  iv["index"] = r;
  iv["start"] = format_datetime(start);
  iv["warmup"] = static_cast<int>(r) < sum.first_counted;
  return iv;
}

template <int N>
json series_to_json(const KpiSeries<N>& s, const char* (*name)(int), KpiUnit (*unit)(int), const Scenario& sc,
                    const Summary& sum, const JsonSummaryOptions& opt) {
  json o = json::object();
  o["overall"] = kpis_to_json<N>(s.overall, s.overall_totals, name, unit, sum.run.replications);
  if (opt.intervals) {
    json list = json::array();
    for (size_t r = 0; r < s.intervals.size(); ++r) list.push_back(interval_row<N>(s, r, name, unit, sc, sum));
    o["intervals"] = std::move(list);
  }
  return o;
}

// The "intervals" list of one series, row by row: how many rows and how to make row r.
struct RowSource {
  size_t rows = 0;
  std::function<json(size_t)> row;
};

template <int N>
RowSource rows_of(const KpiSeries<N>& s, const char* (*name)(int), KpiUnit (*unit)(int), const Scenario& sc,
                  const Summary& sum) {
  return {s.intervals.size(), [&s, name, unit, &sc, &sum](size_t r) { return interval_row<N>(s, r, name, unit, sc, sum); }};
}

// Where the series of summary_to_json sit: tenants.<t>.{call_types.<c>, all_call_types, groups.<g>, trunks.<k>}.
std::optional<RowSource> series_at(const std::vector<std::string>& path, const Scenario& sc, const Summary& s) {
  if (path.size() < 3 || path.size() > 4 || path[0] != "tenants") return std::nullopt;
  for (const TenantSummary& t : s.tenants) {
    if (t.name != path[1]) continue;
    const auto index = [&path](const std::vector<std::string>& names) -> std::optional<size_t> {
      if (path.size() != 4) return std::nullopt;
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == path[3]) return i;
      return std::nullopt;
    };
    if (path[2] == "all_call_types" && path.size() == 3) return rows_of<CK_COUNT>(t.all, ct_kpi_name, ct_kpi_unit, sc, s);
    if (path[2] == "call_types")
      if (auto i = index(t.call_types)) return rows_of<CK_COUNT>(t.ct[*i], ct_kpi_name, ct_kpi_unit, sc, s);
    if (path[2] == "groups")
      if (auto i = index(t.groups)) return rows_of<GK_COUNT>(t.gr[*i], gr_kpi_name, gr_kpi_unit, sc, s);
    if (path[2] == "trunks")
      if (auto i = index(t.trunks)) return rows_of<TK_COUNT>(t.tr[*i], tr_kpi_name, tr_kpi_unit, sc, s);
  }
  return std::nullopt;
}

// nlohmann's dump(2), written piecewise into `out`, with the "intervals" list of each series added in its
// sorted place (the document's objects are std::map-ordered) and made one row at a time.
class PrettyWriter {
 public:
  PrettyWriter(const Scenario& sc, const Summary& s, bool intervals, const std::function<void(std::string_view)>& sink)
      : sc_(sc), s_(s), intervals_(intervals), sink_(sink) {}

  void value(const json& j, int indent) {
    if (j.is_object()) {
      object(j, indent);
    } else if (j.is_array()) {
      if (j.empty()) return put("[]");
      put("[\n");
      for (size_t i = 0; i < j.size(); ++i) {
        pad(indent + 2);
        value(j[i], indent + 2);
        put(i + 1 < j.size() ? ",\n" : "\n");
      }
      pad(indent);
      put("]");
    } else {
      put(j.dump());
    }
  }

  void flush() {
    if (!buf_.empty()) sink_(buf_);
    buf_.clear();
  }

 private:
  void object(const json& j, int indent) {
    const std::optional<RowSource> rows =
        !intervals_ || j.contains("intervals") ? std::nullopt : series_at(path_, sc_, s_);
    if (j.empty() && !rows) return put("{}");
    put("{\n");
    bool first = true, rows_done = !rows;
    const auto key = [&](const std::string& k) {
      if (!first) put(",\n");
      first = false;
      pad(indent + 2);
      put(json(k).dump());
      put(": ");
    };
    const auto intervals = [&] {
      key("intervals");
      rows_done = true;
      if (rows->rows == 0) return put("[]");
      put("[\n");
      path_.push_back("intervals");  // the rows are not series themselves
      for (size_t r = 0; r < rows->rows; ++r) {
        pad(indent + 4);
        value(rows->row(r), indent + 4);
        put(r + 1 < rows->rows ? ",\n" : "\n");
      }
      path_.pop_back();
      pad(indent + 2);
      put("]");
    };
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!rows_done && it.key() > std::string("intervals")) intervals();
      key(it.key());
      path_.push_back(it.key());
      value(it.value(), indent + 2);
      path_.pop_back();
    }
    if (!rows_done) intervals();
    put("\n");
    pad(indent);
    put("}");
  }
  void put(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= (1u << 20)) flush();
  }
  void pad(int n) { buf_.append(static_cast<size_t>(n), ' '); }

  const Scenario& sc_;
  const Summary& s_;
  const bool intervals_;
  const std::function<void(std::string_view)>& sink_;
  std::vector<std::string> path_;
  std::string buf_;
};

const CallType* find_call_type(const Scenario& sc, size_t tenant, const std::string& name) {
  if (tenant >= sc.tenants.size()) return nullptr;
  for (const auto& ct : sc.tenants[tenant].call_types)
    if (ct.name == name) return &ct;
  return nullptr;
}

json scenario_to_json(const Scenario& sc, const Summary& s) {
  const Horizon& h = sc.horizon;
  json hz = {
      {"start", format_datetime(h.start)},
      {"end", format_datetime(h.start + static_cast<int64_t>(std::llround(h.length)))},
      {"length_s", h.length},
      {"interval_s", h.interval},
      {"warmup_s", h.warmup},
      {"intervals", s.intervals},
      {"first_counted_interval", s.first_counted},
  };
  return {{"name", sc.name}, {"file", sc.file},           {"hash", sc.file_hash},
          {"what_if", sc.what_if}, {"seed", sc.seed}, {"replications", sc.replications}, {"horizon", std::move(hz)}};
}

json run_to_json(const RunTotals& r) {
  json o = {
      {"replications", r.replications},
      {"complete_replications", r.complete_replications},
      {"complete", r.replications > 0 && r.complete_replications == r.replications},
      {"calls", r.calls},
      {"events", r.events},
      {"sim_seconds", number(r.sim_seconds)},
      {"wall_seconds", number(r.wall_seconds)},
      {"calls_per_second", number(r.calls_per_second)},
      {"events_per_second", number(r.events_per_second)},
  };
  o["elapsed_seconds"] = r.elapsed_seconds > 0 ? number(r.elapsed_seconds) : json(nullptr);
  return o;
}

// Outbound campaigns (only for tenants that have some): per campaign its series, the abandon limit and the
// reading of its abandon rate; and the tenant's agent time split (mean agents busy inbound / outbound).
json outbound_to_json(const Scenario& sc, size_t tenant, const TenantSummary& t, const Summary& s,
                      const JsonSummaryOptions& opt) {
  json campaigns = json::object();
  double outbound_agents = 0, busy_agents = 0;
  for (size_t k = 0; k < t.ob.size(); ++k) {
    json jc = series_to_json<OK_COUNT>(t.ob[k], ob_kpi_name, ob_kpi_unit, sc, s, opt);
    const Campaign& c = sc.tenants[tenant].campaigns.at(k);
    jc["abandon_limit"] = c.dialer.abandon_limit;
    jc["abandon_rate_reading"] = c.dialer.abandon_base == AbandonBase::Connects
                                     ? "abandoned / connects (answered by a person)"
                                     : "abandoned / answered (person + answering machine)";
    const double rate = t.ob[k].overall[OK_ABANDON_RATE].mean;
    jc["abandon_rate_within_limit"] = std::isfinite(rate) ? json(rate <= c.dialer.abandon_limit) : json(nullptr);
    const double a = t.ob[k].overall[OK_OUTBOUND_AGENTS].mean;
    if (std::isfinite(a)) outbound_agents += a;
    campaigns[t.campaigns[k]] = std::move(jc);
  }
  for (const auto& g : t.gr)
    if (std::isfinite(g.overall[GK_BUSY_AGENTS].mean)) busy_agents += g.overall[GK_BUSY_AGENTS].mean;
  json o = json::object();
  o["campaigns"] = std::move(campaigns);
  o["agent_time"] = {{"reading", "mean agents busy (talk + wrap-up; outbound also preview), replication means"},
                     {"outbound_agents", number(outbound_agents)},
                     {"inbound_agents", number(busy_agents - outbound_agents)}};
  return o;
}

}  // namespace

json summary_to_json(const Scenario& sc, const Summary& s, const JsonSummaryOptions& opt) {
  json root = json::object();
  root["format"] = kSummaryFormat;
  root["version"] = kSummaryVersion;
#ifdef CCSIM_VERSION
  root["ccsim_version"] = CCSIM_VERSION;
#endif
  root["scenario"] = scenario_to_json(sc, s);
  // Which reading each ratio form is (docs/output-format.md, "Two forms of every ratio").
  root["ratio_forms"] = {
      {"mean", "mean over replications of each replication's ratio, with its 95% Student-t interval"},
      {"ratio_of_totals", "counters summed over the replications, then divided once (quotient KPIs only)"}};

  json tenants = json::object();
  for (size_t i = 0; i < s.tenants.size(); ++i) {
    const TenantSummary& t = s.tenants[i];
    json jt = json::object();

    json cts = json::object();
    for (size_t c = 0; c < t.ct.size(); ++c) {
      json jc = series_to_json<CK_COUNT>(t.ct[c], ct_kpi_name, ct_kpi_unit, sc, s, opt);
      if (const CallType* ct = find_call_type(sc, i, t.call_types[c])) {
        jc["sl_threshold_s"] = ct->sl_threshold;
        jc["sl_target"] = ct->sl_target;
      }
      cts[t.call_types[c]] = std::move(jc);
    }
    jt["call_types"] = std::move(cts);
    jt["all_call_types"] = series_to_json<CK_COUNT>(t.all, ct_kpi_name, ct_kpi_unit, sc, s, opt);

    json groups = json::object();
    for (size_t g = 0; g < t.gr.size(); ++g)
      groups[t.groups[g]] = series_to_json<GK_COUNT>(t.gr[g], gr_kpi_name, gr_kpi_unit, sc, s, opt);
    jt["groups"] = std::move(groups);

    json trunks = json::object();
    for (size_t k = 0; k < t.tr.size(); ++k) {
      json jk = series_to_json<TK_COUNT>(t.tr[k], tr_kpi_name, tr_kpi_unit, sc, s, opt);
      jk["channels"] = k < t.channels.size() ? t.channels[k] : 0;
      trunks[t.trunks[k]] = std::move(jk);
    }
    jt["trunks"] = std::move(trunks);
    if (!t.campaigns.empty()) jt["outbound"] = outbound_to_json(sc, i, t, s, opt);
    tenants[t.name] = std::move(jt);
  }
  root["tenants"] = std::move(tenants);
  root["run"] = run_to_json(s.run);
  return root;
}

void write_summary_json(const nlohmann::json& doc, const Scenario& sc, const Summary& s, bool intervals,
                        const std::function<void(std::string_view)>& sink) {
  PrettyWriter w(sc, s, intervals, sink);
  w.value(doc, 0);
  w.flush();
  sink("\n");
}

}  // namespace ccsim
