#include "sla/run_inputs.hpp"

#include <cmath>

#include "seats/billing.hpp"
#include "seats/seat_cost.hpp"
#include "sla/service_month.hpp"

namespace ccsim::sla {

namespace {

// Sum of a per-minute series over the ledger minutes of [from, to) (epoch seconds).
double sum_minutes(const std::vector<double>& per_minute, int64_t start_epoch, int64_t from, int64_t to) {
  double s = 0;
  for (size_t m = 0; m < per_minute.size(); ++m) {
    const int64_t t = start_epoch + static_cast<int64_t>(m) * 60;
    if (t >= from && t < to) s += per_minute[m];
  }
  return s;
}

}  // namespace

SlaInputs inputs_for_tenant(const Scenario& sc, const Tenant& tenant, const TenantRep& rep,
                            const std::vector<ScalingAction>& scaling) {
  SlaInputs in;
  in.service_start = tenant.sla.service_start;
  in.service_end = tenant.sla.service_end;
  for (const auto& w : tenant.sla.qps_notices) in.notices.push_back(NoticeWindow{w.first, w.second});
  in.retention.months = tenant.recording_retention_months;
  set_stock_before(tenant.recordings_before_horizon, in.retention);  // validated by the scenario loader
  if (tenant.sla.prior_fees_12m > 0) in.prior_fees_12m_cents = std::llround(tenant.sla.prior_fees_12m * 100);
  const auto months = service_months(in.service_start, in.service_end);

  // Recordings per service month, scaled nowhere: the model counts recorded calls directly.
  std::vector<double> rec(rep.ledger.recordings.begin(), rep.ledger.recordings.end());
  std::vector<double> billed(static_cast<size_t>(rep.minute.rows));
  for (int m = 0; m < rep.minute.rows; ++m) billed[static_cast<size_t>(m)] = rep.minute.at(m, MIN_BILLED_MINUTES);
  for (const auto& mo : months)
    in.recordings_per_month.push_back(static_cast<int64_t>(sum_minutes(rec, rep.ledger.start_epoch, mo.start_epoch, mo.end_epoch)));

  if (tenant.sla.monthly_fee) {
    in.monthly_fee_cents = std::llround(*tenant.sla.monthly_fee * 100);
  } else if (!tenant.billing.price_list_file.empty()) {
    const billing::PriceList prices = billing::load_price_list(tenant.billing.price_list_file);
    billing::Usage usage;
    usage.seats = seats::seat_levels_from_actions(sc, tenant, scaling);
    if (tenant.billing.phone_numbers > 0) usage.numbers.push_back(billing::NumberLevel{in.service_start, tenant.billing.phone_numbers});
    for (const auto& mo : months) {
      usage.billed_call_minutes =
          static_cast<int64_t>(std::llround(sum_minutes(billed, rep.ledger.start_epoch, mo.start_epoch, mo.end_epoch)));
      in.fees_cents.push_back(billing::period_fee(prices, usage, mo.start_epoch, mo.end_epoch).total_cents);
    }
  }
  return in;
}

}  // namespace ccsim::sla
