#include "sla/durability.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/time.hpp"

namespace ccsim::sla {

int64_t months_before(int64_t epoch, int months) {
  const CivilDate d = date_of_epoch(epoch);
  const int64_t sod = epoch - epoch_from_civil(d);
  int y = d.year, m = d.month - months;
  while (m < 1) {
    m += 12;
    --y;
  }
  const CivilDate t{y, m, std::min(d.day, days_in_month(y, m))};
  return epoch_from_civil(t) + sod;
}

double p_at_least_one_loss(double n, double p) {
  if (!(n > 0) || !(p > 0)) return 0;
  if (p >= 1) return 1;
  return -std::expm1(n * std::log1p(-p));
}

DurabilityEstimate durability_at(const HugeVector<uint32_t>& rec, int64_t ledger_start, int64_t month_end,
                                 const RetentionRule& rule, double loss_fraction) {
  DurabilityEstimate e;
  e.retention_months = rule.months;
  e.before = rule.before;
  const int64_t ledger_end = ledger_start + static_cast<int64_t>(rec.size()) * 60;
  e.at_epoch = std::min(month_end, ledger_end);
  const int64_t keep_from = months_before(e.at_epoch, rule.months);  // recordings made before this are deleted
  double total = 0;
  for (size_t m = 0; m < rec.size(); ++m) {
    const int64_t t = ledger_start + static_cast<int64_t>(m) * 60;
    total += rec[m];
    if (t >= keep_from && t < e.at_epoch) e.from_ledger += rec[m];
  }
  // The retained window [keep_from, at) reaches before the ledger by this many seconds.
  const double before_s = static_cast<double>(std::max<int64_t>(0, ledger_start - keep_from));
  if (before_s > 0 && !rec.empty()) {
    if (rule.before == StockBefore::Extrapolate) {
      e.before_ledger = total / (static_cast<double>(rec.size()) * 60.0) * before_s;
    } else if (rule.before == StockBefore::Given) {
      const double window_s = static_cast<double>(ledger_start - months_before(ledger_start, rule.months));
      e.before_ledger = rule.given_before * std::min(1.0, before_s / window_s);
    }
  }
  e.stock = e.from_ledger + e.before_ledger;
  e.loss_fraction = loss_fraction;
  e.expected_losses = e.stock * loss_fraction;
  e.p_any_loss = p_at_least_one_loss(e.stock, loss_fraction);
  return e;
}

const char* stock_before_name(StockBefore b) {
  switch (b) {
    case StockBefore::Extrapolate: return "extrapolate";
    case StockBefore::None: return "none";
    case StockBefore::Given: return "given";
  }
  return "?";
}

bool set_stock_before(const std::string& text, RetentionRule& rule) {
  if (text == "extrapolate" || text == "none") {
    rule.before = text == "none" ? StockBefore::None : StockBefore::Extrapolate;
    return true;
  }
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(v >= 0) || !std::isfinite(v)) return false;
  rule.before = StockBefore::Given;
  rule.given_before = v;
  return true;
}

}  // namespace ccsim::sla
