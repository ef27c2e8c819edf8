#include "sla/contract.hpp"

#include <algorithm>
#include <set>

#include "scenario/yaml_input.hpp"
#include "core/decimal.hpp"

namespace ccsim::sla {

const char* unit_name(Unit u) { return u == Unit::Minute ? "minute" : "api_call"; }
const char* eligibility_name(Eligibility e) { return e == Eligibility::Standard ? "standard" : "table"; }
std::optional<Eligibility> eligibility_from_name(const std::string& s) {
  if (s == "standard") return Eligibility::Standard;
  if (s == "table") return Eligibility::Table;
  return std::nullopt;
}
const char* credit_form_name(CreditForm f) { return f == CreditForm::Voucher ? "voucher" : "cash"; }
const char* dropped_calls_name(DroppedCalls d) {
  return d == DroppedCalls::ReachedServer ? "reached_server" : "failed_request";
}
const char* qps_exclusion_name(QpsExclusion q) {
  return q == QpsExclusion::LoadCausedFailures ? "load_caused_failures" : "whole_minute";
}

int Contract::tier_of(uint64_t num, uint64_t den) const {
  if (den == 0) num = den = 1;  // nothing counted: fully available
  const __int128 scaled = static_cast<__int128>(num) * kPpm;
  for (size_t i = 0; i < tiers.size(); ++i) {
    const __int128 lo = static_cast<__int128>(tiers[i].lower_ppm) * den;
    const __int128 hi = static_cast<__int128>(tiers[i].upper_ppm) * den;
    if (scaled >= lo && scaled < hi) return static_cast<int>(i);
  }
  return -1;
}

const Clause* Contract::clause(const std::string& id) const {
  for (const auto& c : clauses)
    if (c.id == id) return &c;
  return nullptr;
}

namespace {

// Walks the YAML with a key path and a Diagnostics sink, so every problem is reported with its location.
struct Reader {
  std::string file;
  Diagnostics& diags;

  SourceLoc loc(const YAML::Node& n) const { return scenario::loc_of(n, file); }
  void error(const YAML::Node& n, const std::string& path, const std::string& msg, const std::string& exp = "") {
    diags.add(loc(n), path, msg, exp);
  }
  // Flags keys that are not in `known` (typos must not silently fall back to defaults).
  void check_keys(const YAML::Node& map, const std::string& path, const std::set<std::string>& known) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string k = it->first.Scalar();
      if (!known.count(k)) {
        std::string exp;
        for (const auto& s : known) exp += (exp.empty() ? "" : ", ") + s;
        error(it->first, path.empty() ? k : path + "." + k, "unknown key", "one of: " + exp);
      }
    }
  }
  bool scalar(const YAML::Node& map, const std::string& key, const std::string& path, std::string& out,
              bool required) {
    const YAML::Node n = map[key];
    const std::string p = path + "." + key;
    if (!n) {
      if (required) error(map, p, "missing required key");
      return false;
    }
    if (!n.IsScalar()) {
      error(n, p, "not a scalar value");
      return false;
    }
    out = n.Scalar();
    return true;
  }
  void percent(const YAML::Node& map, const std::string& key, const std::string& path, int64_t& out,
               bool required) {
    std::string s;
    if (!scalar(map, key, path, s, required)) return;
    auto v = parse_percent_ppm(s);
    if (!v || *v > kPpm) {
      error(map[key], path + "." + key, "'" + s + "' is not a percentage between 0% and 100%",
            "a percentage like 99.95% (at most 4 decimals)");
      return;
    }
    out = *v;
  }
  void integer(const YAML::Node& map, const std::string& key, const std::string& path, int& out, int lo, int hi) {
    std::string s;
    if (!scalar(map, key, path, s, false)) return;
    auto v = parse_scaled_decimal(s, 0);
    if (!v || *v < lo || *v > hi) {
      error(map[key], path + "." + key, "'" + s + "' is not valid",
            "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
      return;
    }
    out = static_cast<int>(*v);
  }
  void boolean(const YAML::Node& map, const std::string& key, const std::string& path, bool& out) {
    std::string s;
    if (!scalar(map, key, path, s, false)) return;
    if (s == "true") out = true;
    else if (s == "false") out = false;
    else error(map[key], path + "." + key, "'" + s + "' is not a boolean", "true or false");
  }
  template <class E>
  void choice(const YAML::Node& map, const std::string& key, const std::string& path, E& out,
              const std::vector<std::pair<std::string, E>>& options, bool required) {
    std::string s;
    if (!scalar(map, key, path, s, required)) return;
    std::string exp;
    for (const auto& [name, value] : options) {
      if (s == name) {
        out = value;
        return;
      }
      exp += (exp.empty() ? "" : " | ") + name;
    }
    error(map[key], path + "." + key, "'" + s + "' is not allowed", exp);
  }
  YAML::Node map_at(const YAML::Node& parent, const std::string& key, const std::string& path, bool required) {
    YAML::Node n = parent[key];
    if (!n) {
      if (required) error(parent, path + "." + key, "missing required section");
      return YAML::Node();
    }
    if (!n.IsMap()) {
      error(n, path + "." + key, "not a mapping");
      return YAML::Node();
    }
    return n;
  }
};

// qps_rule.load_causes: the causes a surge of demand produces. Default: the host call-setup rate and
// concurrency limits and the tenant's own trunk and queue capacity (docs/sla.md "The 5.0 QPS rule").
void read_load_causes(Reader& r, const YAML::Node& q, const std::string& qp, QpsRule& rule) {
  const YAML::Node n = q["load_causes"];
  if (!n) {
    for (Cause k : {Cause::HostOverloadCps, Cause::HostOverloadConcurrency, Cause::TrunkBusy, Cause::QueueFull})
      rule.load_cause[static_cast<int>(k)] = true;
    return;
  }
  if (!n.IsSequence()) {
    r.error(n, qp + ".load_causes", "not a list", "a list of cause names like [host_overload_cps]");
    return;
  }
  for (size_t i = 0; i < n.size(); ++i) {
    auto cause = n[i].IsScalar() ? cause_from_name(n[i].Scalar()) : std::nullopt;
    if (!cause) {
      std::string exp;
      for (int k = 0; k < kNumCauses; ++k) exp += (k ? ", " : "") + std::string(cause_name(static_cast<Cause>(k)));
      r.error(n[i], qp + ".load_causes[" + std::to_string(i) + "]", "unknown cause", "one of: " + exp);
      continue;
    }
    rule.load_cause[static_cast<int>(*cause)] = true;
  }
}

}  // namespace

namespace {

// Credit tiers: disjoint [lower, upper) ranges, credits with at most 2 decimals, sorted from the top.
void read_tiers(Reader& r, const YAML::Node& k, const std::string& P, Contract& c) {
  const YAML::Node tiers = k["tiers"];
  if (!tiers || !tiers.IsSequence() || tiers.size() == 0) {
    r.error(tiers ? tiers : k, P + ".tiers", "missing or empty tier list", "a list of {lower, upper, credit}");
  } else {
    for (size_t i = 0; i < tiers.size(); ++i) {
      const std::string tp = P + ".tiers[" + std::to_string(i) + "]";
      const YAML::Node t = tiers[i];
      if (!t.IsMap()) {
        r.error(t, tp, "not a mapping", "{lower: 99%, upper: 99.95%, credit: 10%}");
        continue;
      }
      r.check_keys(t, tp, {"lower", "upper", "credit", "label"});
      Tier tier{-1, -1, -1, ""};
      int64_t credit_ppm = -1;
      r.percent(t, "lower", tp, tier.lower_ppm, true);
      r.percent(t, "upper", tp, tier.upper_ppm, true);
      r.percent(t, "credit", tp, credit_ppm, true);
      r.scalar(t, "label", tp, tier.label, false);
      if (tier.lower_ppm < 0 || tier.upper_ppm < 0 || credit_ppm < 0) continue;
      if (credit_ppm % 100 != 0) {
        r.error(t["credit"], tp + ".credit", "credit percentage has more than 2 decimals");
        continue;
      }
      tier.credit_bp = credit_ppm / 100;
      if (tier.lower_ppm >= tier.upper_ppm) {
        r.error(t, tp, "lower bound must be below upper bound", "[lower, upper) with lower < upper");
        continue;
      }
      if (tier.label.empty()) tier.label = "[" + format_ppm_percent(tier.lower_ppm) + ", " + format_ppm_percent(tier.upper_ppm) + ")";
      c.tiers.push_back(tier);
    }
    std::sort(c.tiers.begin(), c.tiers.end(), [](const Tier& a, const Tier& b) { return a.lower_ppm > b.lower_ppm; });
    for (size_t i = 1; i < c.tiers.size(); ++i)
      if (c.tiers[i].upper_ppm > c.tiers[i - 1].lower_ppm)
        r.error(tiers, P + ".tiers", "tiers " + c.tiers[i].label + " and " + c.tiers[i - 1].label + " overlap",
                "disjoint [lower, upper) ranges");
  }

}

// Caps (per month, aggregate with or without a window) and the claim window.
void read_caps_and_claims(Reader& r, const YAML::Node& k, const std::string& P, Contract& c) {
  if (YAML::Node cap = r.map_at(k, "caps", P, true)) {
    const std::string cp = P + ".caps";
    r.check_keys(cap, cp, {"per_month_fee", "aggregate_fees_paid", "window_months", "window_includes_damage_month"});
    r.boolean(cap, "per_month_fee", cp, c.caps.per_month_fee);
    r.boolean(cap, "aggregate_fees_paid", cp, c.caps.aggregate_fees_paid);
    // `none`: the aggregate cap is the fees paid for the affected service, with no 12-month window (B).
    if (cap["window_months"] && cap["window_months"].IsScalar() && cap["window_months"].Scalar() == "none")
      c.caps.window_months = 0;
    else
      r.integer(cap, "window_months", cp, c.caps.window_months, 1, 120);
    r.boolean(cap, "window_includes_damage_month", cp, c.caps.window_includes_damage_month);
  }
  if (YAML::Node cw = r.map_at(k, "claim_window", P, true)) {
    const std::string cp = P + ".claim_window";
    r.check_keys(cw, cp, {"opens_after_business_days", "closes_days_after_month_end"});
    r.integer(cw, "opens_after_business_days", cp, c.claim.opens_after_business_days, 0, 23);
    r.integer(cw, "closes_days_after_month_end", cp, c.claim.closes_days_after_month_end, 1, 3660);
  }

}

// Exclusion clauses; returns their ids (causes and rules must refer to one of them).
std::set<std::string> read_clauses(Reader& r, const YAML::Node& k, const std::string& P, Contract& c) {
  std::set<std::string> clause_ids;
  const YAML::Node cl = k["clauses"];
  if (!cl || !cl.IsSequence() || cl.size() == 0) {
    r.error(cl ? cl : k, P + ".clauses", "missing or empty exclusion clause list", "a list of {id, title}");
  } else {
    for (size_t i = 0; i < cl.size(); ++i) {
      const std::string cp = P + ".clauses[" + std::to_string(i) + "]";
      if (!cl[i].IsMap()) {
        r.error(cl[i], cp, "not a mapping", "{id: \"5.1\", title: ...}");
        continue;
      }
      r.check_keys(cl[i], cp, {"id", "title"});
      Clause clause;
      if (!r.scalar(cl[i], "id", cp, clause.id, true)) continue;
      r.scalar(cl[i], "title", cp, clause.title, true);
      if (!clause_ids.insert(clause.id).second) r.error(cl[i]["id"], cp + ".id", "duplicate clause id '" + clause.id + "'");
      c.clauses.push_back(clause);
    }
  }

  return clause_ids;
}

void check_clause(Reader& r, const std::set<std::string>& clause_ids, const YAML::Node& n, const std::string& p,
                  const std::string& id) {
  if (!clause_ids.count(id)) r.error(n, p, "clause '" + id + "' is not in contract.clauses");
}

// The 5.0 QPS rule, announced events and the durability figure.
void read_rules(Reader& r, const YAML::Node& k, const std::string& P, const std::set<std::string>& clause_ids, Contract& c) {
  if (YAML::Node q = r.map_at(k, "qps_rule", P, true)) {
    const std::string qp = P + ".qps_rule";
    r.check_keys(q, qp, {"enabled", "clause", "threshold_qps", "window", "exclude", "load_causes", "note"});
    r.boolean(q, "enabled", qp, c.qps.enabled);
    if (r.scalar(q, "clause", qp, c.qps.clause, true)) check_clause(r, clause_ids, q["clause"], qp + ".clause", c.qps.clause);
    std::string s;
    if (r.scalar(q, "threshold_qps", qp, s, true)) {
      auto v = parse_scaled_decimal(s, 3);
      if (!v || *v <= 0) r.error(q["threshold_qps"], qp + ".threshold_qps", "'" + s + "' is not valid", "a positive rate like 5.0");
      else c.qps.threshold_milli_qps = *v;
    }
    std::string window = "minute_average";
    r.choice(q, "window", qp, window, {{"minute_average", std::string("minute_average")}}, false);
    r.choice(q, "exclude", qp, c.qps.exclusion,
             {{"load_caused_failures", QpsExclusion::LoadCausedFailures}, {"whole_minute", QpsExclusion::WholeMinute}},
             false);
    read_load_causes(r, q, qp, c.qps);
  }
  if (YAML::Node a = r.map_at(k, "announced_events", P, true)) {
    const std::string ap = P + ".announced_events";
    r.check_keys(a, ap, {"excluded", "clause", "note"});
    r.boolean(a, "excluded", ap, c.announced.excluded);
    if (r.scalar(a, "clause", ap, c.announced.clause, true)) check_clause(r, clause_ids, a["clause"], ap + ".clause", c.announced.clause);
  }
  if (r.scalar(k, "durability", P, c.durability_text, false)) {
    // ppm is too coarse for 99.99999%: read the percentage with 8 decimals (units of 1e-10).
    std::string t = c.durability_text;
    const bool has_percent = !t.empty() && t.back() == '%';
    if (has_percent) t.pop_back();
    auto fine = has_percent ? parse_scaled_decimal(t, 8) : std::nullopt;
    if (!fine || *fine > 10000000000LL)
      r.error(k["durability"], P + ".durability", "'" + c.durability_text + "' is not a percentage", "e.g. 99.99999%");
    else
      c.durability_loss_fraction = static_cast<double>(10000000000LL - *fine) / 1e10;
  }

}

// Every ledger cause must be mapped, so a new cause cannot silently count for or against the provider.
void read_causes(Reader& r, const YAML::Node& k, const std::string& P, const std::set<std::string>& clause_ids, Contract& c) {
  std::array<bool, kNumCauses> seen{};
  const YAML::Node cs = k["causes"];
  if (!cs || !cs.IsMap()) {
    r.error(cs ? cs : k, P + ".causes", "missing causes mapping", "cause_name: included | {excluded: clause}");
  } else {
    for (auto it = cs.begin(); it != cs.end(); ++it) {
      const std::string name = it->first.Scalar();
      const std::string cp = P + ".causes." + name;
      auto cause = cause_from_name(name);
      if (!cause) {
        std::string exp;
        for (int i = 0; i < kNumCauses; ++i) exp += (i ? ", " : "") + std::string(cause_name(static_cast<Cause>(i)));
        r.error(it->first, cp, "unknown cause", "one of: " + exp);
        continue;
      }
      const int ci = static_cast<int>(*cause);
      seen[ci] = true;
      const YAML::Node v = it->second;
      if (v.IsScalar() && v.Scalar() == "included") {
        c.causes[ci] = CauseRule{false, ""};
      } else if (v.IsMap() && v["excluded"] && v["excluded"].IsScalar()) {
        r.check_keys(v, cp, {"excluded", "note"});
        c.causes[ci] = CauseRule{true, v["excluded"].Scalar()};
        check_clause(r, clause_ids, v["excluded"], cp + ".excluded", c.causes[ci].clause);
      } else {
        r.error(v, cp, "not a cause rule", "included | {excluded: \"5.13\"}");
      }
    }
    for (int i = 0; i < kNumCauses; ++i)
      if (!seen[i])
        r.error(cs, P + ".causes." + cause_name(static_cast<Cause>(i)), "cause not mapped",
                "every ledger cause mapped to included or {excluded: clause}");
  }
}

}  // namespace

Contract load_contract(const std::string& path) {
  scenario::YamlDocument doc = scenario::load_yaml_file(path);
  Diagnostics diags;
  Reader r{doc.display_name, diags};
  Contract c;
  c.file = path;
  const YAML::Node root = doc.root;
  if (!root.IsMap() || !root["contract"] || !root["contract"].IsMap())
    throw InputError(r.loc(root), "contract", "the file must have a top-level 'contract:' mapping");
  const YAML::Node k = root["contract"];
  const std::string P = "contract";
  r.check_keys(root, "", {"contract"});
  r.check_keys(k, P,
               {"id", "title", "unit", "minute_success_threshold", "availability_standard", "eligibility", "tiers",
                "credit_form", "caps", "claim_window", "excluded_cause_requests", "dropped_calls", "qps_rule",
                "announced_events", "durability", "clauses", "causes", "notes", "currency"});

  r.scalar(k, "id", P, c.id, true);
  r.scalar(k, "title", P, c.title, false);
  r.scalar(k, "currency", P, c.currency, false);
  r.choice(k, "unit", P, c.unit, {{"minute", Unit::Minute}, {"api_call", Unit::ApiCall}}, true);
  if (c.unit == Unit::Minute) r.percent(k, "minute_success_threshold", P, c.minute_success_threshold_ppm, true);
  else if (k["minute_success_threshold"])
    r.error(k["minute_success_threshold"], P + ".minute_success_threshold", "only meaningful when unit is minute");
  r.percent(k, "availability_standard", P, c.availability_standard_ppm, true);

  if (YAML::Node e = r.map_at(k, "eligibility", P, true)) {
    r.check_keys(e, P + ".eligibility", {"default", "note"});
    r.choice(e, "default", P + ".eligibility", c.eligibility_default,
             {{"standard", Eligibility::Standard}, {"table", Eligibility::Table}}, true);
  }

  read_tiers(r, k, P, c);
  r.choice(k, "credit_form", P, c.credit_form, {{"voucher", CreditForm::Voucher}, {"cash", CreditForm::Cash}}, true);
  r.choice(k, "excluded_cause_requests", P, c.excluded_cause_requests,
           {{"remove", ExcludedCauseRequests::Remove}, {"keep", ExcludedCauseRequests::Keep}}, true);
  r.choice(k, "dropped_calls", P, c.dropped_calls,
           {{"reached_server", DroppedCalls::ReachedServer}, {"failed_request", DroppedCalls::FailedRequest}}, false);

  read_caps_and_claims(r, k, P, c);
  const std::set<std::string> clause_ids = read_clauses(r, k, P, c);
  read_rules(r, k, P, clause_ids, c);
  read_causes(r, k, P, clause_ids, c);
  diags.throw_if_any();
  return c;
}

}  // namespace ccsim::sla
