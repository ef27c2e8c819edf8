#include "platform/availability.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/error.hpp"
#include "core/time.hpp"
#include "sla/evaluate.hpp"
#include "sla/service_term.hpp"
#include "core/service_month.hpp"

namespace ccsim::platform {

bool provider_cause(Cause c) {
  switch (c) {
    case Cause::HostDown:
    case Cause::HostOverloadCps:
    case Cause::HostOverloadConcurrency:
    case Cause::LinkDown:
    case Cause::Degraded:
    case Cause::PlatformOther:
      return true;
    default:
      return false;
  }
}

namespace {

constexpr int64_t kMinuteThresholdPpm = 990000;  // contract A: a minute below 99% call success is unavailable

AvailabilityView from_evaluation(const sla::SlaEvaluation& ev) {
  AvailabilityView v;
  for (const auto& m : ev.months) {
    MonthView mv;
    mv.label = format_date(m.month.first_day);
    mv.total_minutes = m.total_minutes;
    mv.unavailable_minutes = m.unavailable_minutes;
    mv.availability = m.availability;
    mv.tier = m.tier;
    mv.eligible = m.eligible;
    mv.credit_bp = m.credit_bp;
    mv.credit_cents = m.credit_owed_cents;
    v.months.push_back(mv);
  }
  return v;
}

// Without a contract: per service month of the horizon, a minute is unavailable when its success rate on
// provider causes is below 99%; announced minutes are excluded in the contract view. No tiers, no credits.
AvailabilityView per_minute_rule(const Scenario& sc, const MinuteLedger& L, bool exclude_announced) {
  AvailabilityView v;
  const int64_t start = sc.horizon.start, end = sc.horizon.start + static_cast<int64_t>(sc.horizon.length);
  for (const auto& sm : service_months(start, end)) {
    MonthView mv;
    mv.label = format_date(sm.first_day);
    mv.total_minutes = sm.total_minutes();
    for (size_t m = 0; m < L.minutes(); ++m) {
      const int64_t t = L.start_epoch + static_cast<int64_t>(m) * 60;
      if (t < sm.start_epoch || t >= sm.end_epoch) continue;
      if (exclude_announced && m < L.announced_event.size() && L.announced_event[m]) continue;
      uint64_t f = 0;
      for (int k = 0; k < kNumCauses; ++k)
        if (provider_cause(static_cast<Cause>(k))) f += L.failures[m][static_cast<size_t>(k)];
      // The default dropped-call reading (docs/sla.md): a drop reached the server, it is no request.
      const uint32_t dropped = L.failures[m][static_cast<int>(Cause::DroppedInProgress)];
      const uint64_t requests = L.requests[m] - std::min(dropped, L.requests[m]);
      if (sla::minute_unavailable(requests, f, kMinuteThresholdPpm)) ++mv.unavailable_minutes;
    }
    mv.availability = 1.0 - static_cast<double>(mv.unavailable_minutes) / static_cast<double>(mv.total_minutes);
    v.months.push_back(mv);
  }
  return v;
}

void totals(AvailabilityView& v) {
  v.worst_month = 1;
  for (const auto& m : v.months) {
    v.unavailable_minutes += m.unavailable_minutes;
    v.total_minutes += m.total_minutes;
    v.worst_month = std::min(v.worst_month, m.availability);
    v.credit_bp += m.credit_bp;
    if (m.credit_cents) v.credit_cents = v.credit_cents.value_or(0) + *m.credit_cents;
    v.eligible = v.eligible || m.eligible;
    if (m.eligible) v.worst_tier = std::max(v.worst_tier, m.tier);
  }
  v.overall = v.total_minutes > 0 ? 1.0 - static_cast<double>(v.unavailable_minutes) / static_cast<double>(v.total_minutes) : 1.0;
}

}  // namespace

AvailabilityEvaluator::AvailabilityEvaluator(const Scenario& sc) : sc_(sc) {
  std::vector<std::pair<std::string, std::optional<sla::Contract>>> cache;
  for (const auto& t : sc.tenants) {
    std::optional<sla::Contract> c;
    if (!t.sla.contract_file.empty()) {
      bool found = false;
      for (const auto& e : cache)
        if (e.first == t.sla.contract_file) {
          c = e.second;
          found = true;
        }
      if (!found) {
        try {
          c = sla::load_contract(t.sla.contract_file);
        } catch (const InputError& e) {
          warnings_.push_back("contract " + t.sla.contract_file + " not usable (" + e.what() +
                              "): per-minute 99% rule used");
        }
        cache.emplace_back(t.sla.contract_file, c);
      }
    }
    contracts_.push_back(c);
  }
}

TenantAvailability AvailabilityEvaluator::evaluate(int tenant, const MinuteLedger& L) const {
  TenantAvailability out;
  const Tenant& tn = sc_.tenants[static_cast<size_t>(tenant)];
  const auto& contract = contracts_[static_cast<size_t>(tenant)];
  if (contract) {
    sla::SlaInputs in;
    // Same term and reading of the minutes outside the horizon as the SLA section (sla/run_inputs.hpp).
    std::tie(in.service_start, in.service_end) = sla::service_term(sc_, tn);
    in.term_is_default = !tn.sla.term_given;
    in.observed = std::make_pair(sc_.horizon.start, sc_.horizon.start + static_cast<int64_t>(std::ceil(sc_.horizon.length)));
    in.outside = sla::outside_observed_from_name(tn.sla.outside_horizon).value_or(sla::OutsideObserved::Available);
    if (tn.sla.monthly_fee) in.monthly_fee_cents = static_cast<int64_t>(std::llround(*tn.sla.monthly_fee * 100.0));
    for (const auto& [from, to] : tn.sla.qps_notices) in.notices.push_back({from, to});
    out.contract = contract->id;
    try {
      out.as_contract = from_evaluation(sla::evaluate(*contract, L, in));
      sla::Contract counted = *contract;
      counted.announced.excluded = false;
      out.announced_counted = from_evaluation(sla::evaluate(counted, L, in));
    } catch (const InputError&) {
      out.contract = "per-minute 99% rule (contract not evaluable)";
      out.as_contract = per_minute_rule(sc_, L, true);
      out.announced_counted = per_minute_rule(sc_, L, false);
    }
  } else {
    out.contract = "per-minute 99% rule (no contract)";
    out.as_contract = per_minute_rule(sc_, L, true);
    out.announced_counted = per_minute_rule(sc_, L, false);
  }
  totals(out.as_contract);
  totals(out.announced_counted);
  for (size_t m = 0; m < L.minutes(); ++m) {
    const bool announced = m < L.announced_event.size() && L.announced_event[m];
    if (announced) ++out.announced_minutes;
    if (!L.any_failure(m)) continue;  // nothing to attribute
    uint64_t all = 0;
    int top = -1;
    for (int k = 0; k < kNumCauses; ++k) {
      const uint32_t v = L.failures[m][static_cast<size_t>(k)];
      all += v;
      if (v > 0 && (top < 0 || v > L.failures[m][static_cast<size_t>(top)])) top = k;
    }
    if (top >= 0 && sla::minute_unavailable(L.requests[m], all, kMinuteThresholdPpm)) {
      ++out.low_minutes_by_cause[static_cast<size_t>(top)];
      if (announced) ++out.low_minutes_announced;
    }
  }
  return out;
}

}  // namespace ccsim::platform
