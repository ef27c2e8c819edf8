#include "run/sla_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "seats/billing.hpp"
#include "core/decimal.hpp"
#include "seats/seat_cost.hpp"
#include "core/service_month.hpp"
#include "sla/service_term.hpp"

namespace ccsim::sla {

namespace {

// Sum of `minutes` per-minute values (value(m) of minute m) over the ledger minutes of [from, to) (epoch
// seconds). The series are read where they are: copies of them were a month's worth of page faults per tenant.
template <class Value>
double sum_minutes(size_t minutes, Value value, int64_t start_epoch, int64_t from, int64_t to) {
  double s = 0;
  for (size_t m = 0; m < minutes; ++m) {
    const int64_t t = start_epoch + static_cast<int64_t>(m) * 60;
    if (t >= from && t < to) s += value(m);
  }
  return s;
}

// The fee of service month `mo` from the price list. Under the Available reading the service is in use for
// the whole month: seats held at the horizon start are held from the month start, and communication of the
// unobserved minutes runs at the observed rate (billed minutes x month minutes / observed minutes). Under
// Excluded only the observed days are billed, with the communication observed.
int64_t consumption_fee(const billing::PriceList& prices, billing::Usage usage, const ServiceMonth& mo,
                        int64_t observed_minutes, int64_t observed_from, int64_t observed_to, double billed,
                        OutsideObserved outside) {
  int64_t from = mo.start_epoch, to = mo.end_epoch;
  int64_t minutes = static_cast<int64_t>(std::llround(billed));
  if (outside == OutsideObserved::Available) {
    if (!usage.seats.empty()) usage.seats.front().from = std::min(usage.seats.front().from, mo.start_epoch);
    if (!usage.numbers.empty()) usage.numbers.front().from = std::min(usage.numbers.front().from, mo.start_epoch);
    if (observed_minutes > 0) minutes = mul_div_round(minutes, mo.total_minutes(), observed_minutes);
  } else {
    from = std::max(from, observed_from);
    to = std::min(to, observed_to);
    if (to <= from) return 0;
  }
  usage.billed_call_minutes = minutes;
  return billing::period_fee(prices, usage, from, to).total_cents;
}

}  // namespace

SlaInputs inputs_for_tenant(const Scenario& sc, const Tenant& tenant, const TenantRep& rep,
                            const std::vector<ScalingAction>& scaling) {
  SlaInputs in;
  std::tie(in.service_start, in.service_end) = service_term(sc, tenant);
  in.term_is_default = !tenant.sla.term_given;
  const int64_t h_from = sc.horizon.start, h_to = sc.horizon.start + static_cast<int64_t>(std::ceil(sc.horizon.length));
  in.observed = std::make_pair(h_from, h_to);
  in.outside = outside_observed_from_name(tenant.sla.outside_horizon).value_or(OutsideObserved::Available);
  in.deductions_per_month_cents = std::llround(tenant.sla.deductions * 100);
  for (const auto& w : tenant.sla.qps_notices) in.notices.push_back(NoticeWindow{w.first, w.second});
  in.retention.months = tenant.recording_retention_months;
  set_stock_before(tenant.recordings_before_horizon, in.retention);  // validated by the scenario loader
  if (tenant.sla.prior_fees_12m > 0) in.prior_fees_12m_cents = std::llround(tenant.sla.prior_fees_12m * 100);
  const auto months = service_months(in.service_start, in.service_end);

  // Recordings per service month, scaled nowhere: the model counts recorded calls directly.
  const auto rec = [&](size_t m) { return static_cast<double>(rep.ledger.recordings[m]); };
  const auto billed = [&](size_t m) { return static_cast<double>(rep.minute.at(static_cast<int>(m), MIN_BILLED_MINUTES)); };
  const size_t billed_minutes = static_cast<size_t>(rep.minute.rows);
  for (const auto& mo : months)
    in.recordings_per_month.push_back(
        static_cast<int64_t>(sum_minutes(rep.ledger.recordings.size(), rec, rep.ledger.start_epoch, mo.start_epoch, mo.end_epoch)));

  // Minutes of each service month inside the horizon: fees follow the reading of the minutes outside it.
  auto observed_in = [&](const ServiceMonth& mo) {
    const int64_t a = std::max(mo.start_epoch, h_from), b = std::min(mo.end_epoch, h_to);
    return b > a ? (b - a) / 60 : 0;
  };
  if (tenant.sla.monthly_fee) {
    // A fixed monthly fee: the whole fee when the month counts whole (Available), pro-rated by observed
    // minutes when only the observed minutes are judged (Excluded).
    const int64_t fee = std::llround(*tenant.sla.monthly_fee * 100);
    for (const auto& mo : months)
      in.fees_cents.push_back(in.outside == OutsideObserved::Available
                                  ? fee
                                  : mul_div_round(fee, std::min(observed_in(mo), mo.total_minutes()), mo.total_minutes()));
  } else if (!tenant.billing.price_list_file.empty()) {
    const billing::PriceList prices = billing::load_price_list(tenant.billing.price_list_file);
    in.currency = prices.currency;
    billing::Usage usage;
    usage.seats = seats::seat_levels_from_actions(sc, tenant, scaling);
    if (tenant.billing.phone_numbers > 0) usage.numbers.push_back(billing::NumberLevel{h_from, tenant.billing.phone_numbers});
    for (const auto& mo : months)
      in.fees_cents.push_back(consumption_fee(prices, usage, mo, observed_in(mo), h_from, h_to,
                                              sum_minutes(billed_minutes, billed, rep.ledger.start_epoch, mo.start_epoch, mo.end_epoch),
                                              in.outside));
  }
  return in;
}

}  // namespace ccsim::sla
