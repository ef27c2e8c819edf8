#include "output/sla_json.hpp"

#include "core/decimal.hpp"
#include "stats/estimate_format.hpp"

namespace ccsim::sla {

using nlohmann::json;

namespace {
json money(const std::optional<int64_t>& cents) {
  if (!cents) return nullptr;
  return static_cast<double>(*cents) / 100.0;
}
json estimate(const Estimate& e) { return section_estimate_json(e); }
// An estimate scaled by 1/100: cents -> currency units, basis points -> percent.
json hundredths(const Estimate& e) { return section_estimate_json(Estimate{e.mean / 100.0, e.lo / 100.0, e.hi / 100.0, e.n}); }
json money_estimate(const Estimate& e) { return hundredths(e); }
// A threshold in parts per million as a fraction (docs/output-format.md: shares are fractions).
double ppm_fraction(int64_t ppm) { return static_cast<double>(ppm) / 1e6; }
json month_id(const ServiceMonth& m) {
  return json{{"first_day", format_date(m.first_day)}, {"last_day", format_date(m.last_day)}, {"days", m.days},
              {"partial", m.partial()}};
}
// Both eligibility readings, named, with the one the headline uses (docs/sla.md "Eligibility").
json by_reading(const std::array<ReadingCredit, 2>& rc) {
  json j = json::object();
  for (int k = 0; k < 2; ++k)
    j[eligibility_name(static_cast<Eligibility>(k))] = {{"eligible", rc[k].eligible},
                                                        {"credit_pct", rc[k].credit_bp / 100.0},
                                                        {"credit_before_caps", money(rc[k].credit_before_caps_cents)},
                                                        {"credit_owed", money(rc[k].credit_owed_cents)}};
  return j;
}
json reading_names(Eligibility headline) {
  return {{"headline", eligibility_name(headline)}, {"upper_bound", "table"}};
}
// Every reading an evaluation used: eligibility (headline and upper bound), dropped calls, the QPS rule.
json evaluation_readings(const SlaEvaluation& e) {
  json r = reading_names(e.eligibility);
  r["dropped_calls"] = dropped_calls_name(e.dropped_calls_reading);
  r["qps_exclusion"] = qps_exclusion_name(e.qps_exclusion);
  return r;
}
// The service term and the reading of the minutes outside the simulated horizon.
json term_json(int64_t start, int64_t end, bool is_default, const std::optional<std::pair<int64_t, int64_t>>& observed,
               OutsideObserved outside) {
  json j = {{"start", format_datetime(start)}, {"end", format_datetime(end)},
            {"source", is_default ? "calendar service months containing the horizon" : "input (scenario keys or ccsim sla options)"}};
  if (observed)
    j["observed"] = {{"from", format_datetime(observed->first)}, {"to", format_datetime(observed->second)},
                     {"outside_minutes", outside_observed_name(outside)}};
  else
    j["observed"] = nullptr;
  return j;
}
// Durability on the stored stock (docs/sla.md "Durability").
json durability_json(const DurabilityEstimate& d) {
  return json{{"reading", "stock"},
              {"stock_at", format_datetime(d.at_epoch)},
              {"retention_months", d.retention_months},
              {"before_ledger_estimate", stock_before_name(d.before)},
              {"recordings_stored", d.stock},
              {"stored_from_ledger", d.from_ledger},
              {"stored_before_ledger", d.before_ledger},
              {"loss_fraction_per_month", d.loss_fraction},
              {"expected_losses", d.expected_losses},
              {"p_at_least_one_loss", d.p_any_loss}};
}
}  // namespace

void to_json(json& j, const Contract& c) {
  json tiers = json::array();
  for (const auto& t : c.tiers)
    tiers.push_back({{"label", t.label}, {"lower", ppm_fraction(t.lower_ppm)},
                     {"upper", ppm_fraction(t.upper_ppm)}, {"credit_pct", t.credit_bp / 100.0}});
  json causes = json::object();
  for (int k = 0; k < kNumCauses; ++k) {
    const auto& r = c.causes[k];
    causes[cause_name(static_cast<Cause>(k))] = r.excluded ? json{{"excluded", r.clause}} : json("included");
  }
  json load_causes = json::array();
  for (int k = 0; k < kNumCauses; ++k)
    if (c.qps.load_cause[k]) load_causes.push_back(cause_name(static_cast<Cause>(k)));
  j = json{{"id", c.id},
           {"title", c.title},
           {"currency", c.currency},
           {"file", c.file},
           {"unit", unit_name(c.unit)},
           {"availability_standard", ppm_fraction(c.availability_standard_ppm)},
           {"eligibility_default", eligibility_name(c.eligibility_default)},
           {"tiers", tiers},
           {"credit_form", credit_form_name(c.credit_form)},
           {"excluded_cause_requests", c.excluded_cause_requests == ExcludedCauseRequests::Remove ? "remove" : "keep"},
           {"dropped_calls", dropped_calls_name(c.dropped_calls)},
           {"qps_rule", {{"enabled", c.qps.enabled}, {"clause", c.qps.clause},
                         {"threshold_qps", c.qps.threshold_milli_qps / 1000.0}, {"window", "minute_average"},
                         {"exclude", qps_exclusion_name(c.qps.exclusion)}, {"load_causes", load_causes}}},
           {"announced_events", {{"excluded", c.announced.excluded}, {"clause", c.announced.clause}}},
           {"durability", c.durability_text},
           {"caps", {{"per_month_fee", c.caps.per_month_fee}, {"aggregate_fees_paid", c.caps.aggregate_fees_paid},
                     {"window_months", c.caps.window_months > 0 ? json(c.caps.window_months) : json("none")},
                     {"window_includes_damage_month", c.caps.window_includes_damage_month}}},
           {"causes", causes}};
  if (c.unit == Unit::Minute) j["minute_success_threshold"] = ppm_fraction(c.minute_success_threshold_ppm);
}

// A range of unavailable minutes (sla/evidence.hpp): times as "YYYY-MM-DDTHH:MM:SS", `to` exclusive.
void to_json(json& j, const MinuteRange& r) {
  json by_cause = json::object();
  for (int k = 0; k < kNumCauses; ++k)
    if (r.failures[k]) by_cause[cause_name(static_cast<Cause>(k))] = r.failures[k];
  j = json{{"from", format_datetime(r.from)}, {"to", format_datetime(r.to)}, {"minutes", r.minutes()},
           {"excluded_by", r.excluded_by}, {"requests", r.requests}, {"failures_by_cause", by_cause}};
}

void from_json(const json& j, MinuteRange& r) {
  // Read leniently (a report reads files it did not write): a missing or non-numeric count reads as 0.
  auto count = [](const json& o, const std::string& k) {
    return o.is_object() && o.contains(k) && o[k].is_number() ? static_cast<uint64_t>(o[k].get<double>()) : uint64_t{0};
  };
  auto text = [&](const std::string& k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
  r.from = parse_datetime(text("from")).value_or(0);
  r.to = parse_datetime(text("to")).value_or(r.from);
  r.excluded_by = text("excluded_by");
  r.requests = count(j, "requests");
  r.failures = {};
  if (j.contains("failures_by_cause") && j["failures_by_cause"].is_object())
    for (const auto& [k, v] : j["failures_by_cause"].items())
      if (auto c = cause_from_name(k)) r.failures[static_cast<int>(*c)] = count(j["failures_by_cause"], k);
}

void to_json(json& j, const MonthResult& m) {
  json by_cause = json::object();
  for (int k = 0; k < kNumCauses; ++k)
    if (m.failures_by_cause[k]) by_cause[cause_name(static_cast<Cause>(k))] = m.failures_by_cause[k];
  j = json{{"month", month_id(m.month)},
           {"total_minutes", m.total_minutes},
           {"covered_minutes", m.covered_minutes},
           {"requests", m.requests},
           {"failures", m.failures},
           {"failures_by_cause", by_cause},
           {"provider_failures", m.provider_failures},
           {"dropped_calls", m.dropped_calls},
           {"qps_excluded_failures", m.qps_excluded_failures},
           {"unavailable_minutes", m.unavailable_minutes},
           {"excluded_minutes", {{"announced", m.excluded_minutes_announced}, {"qps", m.excluded_minutes_qps}}},
           {"qps_minutes_with_notice", m.qps_minutes_with_notice},
           {"unavailable_all_failures", m.unavailable_all_failures},
           {"unavailable_removed",
            {{"cause", m.unavailable_removed_by_cause},
             {"announced", m.unavailable_removed_by_announced},
             {"qps", m.unavailable_removed_by_qps}}},
           {"counted_calls", m.counted_calls},
           {"counted_failed", m.counted_failed},
           {"observed_minutes", m.observed_minutes},
           {"extrapolated_calls", m.extrapolated_calls},
           {"availability", m.availability},
           {"availability_num", m.avail_num},
           {"availability_den", m.avail_den},
           {"below_standard", m.below_standard},
           {"tier", m.tier},
           {"eligible", m.eligible},
           {"credit_pct", m.credit_bp / 100.0},
           {"fee_gross", money(m.fee_gross_cents)},
           {"deductions", money(m.deductions_cents)},
           {"fee", money(m.fee_cents)},
           {"credit_by_reading", by_reading(m.by_reading)},
           {"credit_before_caps", money(m.credit_before_caps_cents)},
           {"credit_after_month_cap", money(m.credit_after_month_cap_cents)},
           {"aggregate_cap_remaining", money(m.aggregate_cap_remaining_cents)},
           {"credit_owed", money(m.credit_owed_cents)},
           {"claim_window",
            {{"nth_business_day", format_date(m.claim.nth_business_day)},
             {"opens", format_date(m.claim.opens)},
             {"closes", format_date(m.claim.closes)}}},
           {"unavailable_ranges", m.unavailable_ranges},
           {"recordings", m.recordings ? json(*m.recordings) : json(nullptr)},
           {"durability", m.durability ? durability_json(*m.durability) : json(nullptr)}};
}

void to_json(json& j, const SlaEvaluation& e) {
  j = json{{"contract", {{"id", e.contract_id}, {"title", e.contract_title}, {"file", e.contract_file}}},
           {"currency", e.currency},
           {"unit", unit_name(e.unit)},
           {"eligibility", eligibility_name(e.eligibility)},
           {"eligibility_overridden", e.eligibility_overridden},
           {"readings", evaluation_readings(e)},
           {"term", term_json(e.term_start, e.term_end, e.term_is_default, e.observed, e.outside)},
           {"aggregate_cap_window_months", e.cap_window_months > 0 ? json(e.cap_window_months) : json("none")},
           {"credit_form", credit_form_name(e.credit_form)},
           {"availability_standard", ppm_fraction(e.availability_standard_ppm)},
           {"tiers", e.tier_labels},
           {"ledger", {{"start", format_datetime(e.ledger_start_epoch)}, {"minutes", e.ledger_minutes},
                       {"minutes_outside_term", e.ledger_minutes_outside_term}}},
           {"months", e.months},
           {"totals",
            {{"requests", e.requests},
             {"failures", e.failures},
             {"provider_failures", e.provider_failures},
             {"dropped_calls", e.dropped_calls},
             {"qps_excluded_failures", e.qps_excluded_failures},
             {"unavailable_minutes", e.unavailable_minutes},
             {"unavailable_removed",
              {{"cause", e.unavailable_removed_by_cause},
               {"announced", e.unavailable_removed_by_announced},
               {"qps", e.unavailable_removed_by_qps}}},
             {"fees", money(e.fees_cents)},
             {"deductions", money(e.deductions_cents)},
             {"credit_owed", money(e.credit_owed_cents)},
             {"credit_owed_by_reading",
              {{"standard", money(e.credit_owed_by_reading_cents[0])}, {"table", money(e.credit_owed_by_reading_cents[1])}}}}}};
}

void to_json(json& j, const MonthSummary& m) {
  json tiers = json::array();
  for (const auto& t : m.p_tier) tiers.push_back(estimate(t));
  j = json{{"month", month_id(m.month)},
           {"availability", estimate(m.availability)},
           {"unavailable_minutes", estimate(m.unavailable_minutes)},
           {"unavailable_removed_by_qps", estimate(m.unavailable_removed_by_qps)},
           {"p_below_standard", estimate(m.p_below_standard)},
           {"p_eligible", estimate(m.p_eligible)},
           {"p_tier", tiers},
           {"credit_pct", hundredths(m.credit_bp)},
           {"credit_owed", m.credit_owed_cents ? money_estimate(*m.credit_owed_cents) : json(nullptr)}};
  json br = json::object();
  for (int k = 0; k < 2; ++k) {
    const Estimate& bp = m.credit_bp_by_reading[k];
    br[eligibility_name(static_cast<Eligibility>(k))] = {
        {"credit_pct", hundredths(bp)},
        {"credit_owed", m.credit_owed_by_reading_cents[k] ? money_estimate(*m.credit_owed_by_reading_cents[k]) : json(nullptr)}};
  }
  j["credit_by_reading"] = br;
}

void to_json(json& j, const SlaSummary& s) {
  j = json{{"contract", s.contract_id},
           {"currency", s.currency},
           {"unit", unit_name(s.unit)},
           {"eligibility", eligibility_name(s.eligibility)},
           {"readings", reading_names(s.eligibility)},
           {"credit_form", credit_form_name(s.credit_form)},
           {"term", term_json(s.term_start, s.term_end, s.term_is_default, s.observed, s.outside)},
           {"availability_standard", ppm_fraction(s.availability_standard_ppm)},
           {"tiers", s.tier_labels},
           {"replications", s.replications},
           {"months", s.months},
           {"total_credit_owed", s.total_credit_owed_cents ? money_estimate(*s.total_credit_owed_cents) : json(nullptr)}};
  json tr = json::object();
  for (int k = 0; k < 2; ++k)
    tr[eligibility_name(static_cast<Eligibility>(k))] =
        s.total_credit_owed_by_reading_cents[k] ? money_estimate(*s.total_credit_owed_by_reading_cents[k]) : json(nullptr);
  j["total_credit_owed_by_reading"] = tr;
}

}  // namespace ccsim::sla
