#pragma once
// Durability of call recordings. The contract's figure (99.99999%: at most 1 file lost per 10,000,000 stored
// per month) applies to the files *stored*, i.e. the stock kept under the retention period (6 months by
// default), not to the recordings made in the month. A ledger covers only the simulated horizon, so the part
// of the retention window before the ledger is estimated by a stated rule (docs/sla.md "Durability").
#include <cstdint>
#include <string>
#include <vector>

#include "core/huge_pages.hpp"

namespace ccsim::sla {

// How the recordings made before the ledger start (still retained) are estimated.
enum class StockBefore {
  Extrapolate,  // the ledger's mean recording rate extended backwards (default)
  None,         // nothing before the ledger: the stock is what the ledger recorded
  Given,        // a stated count stored at the ledger start, made evenly over the retention window before it
};

struct RetentionRule {
  int months = 6;  // a recording made at t is kept until t + months (calendar months)
  StockBefore before = StockBefore::Extrapolate;
  double given_before = 0;  // StockBefore::Given: recordings stored at the ledger start
};

struct DurabilityEstimate {
  int retention_months = 0;
  StockBefore before = StockBefore::Extrapolate;
  int64_t at_epoch = 0;        // when the stock is taken: the month's end, or the ledger's end when earlier
  double from_ledger = 0;      // recordings of the ledger still retained at at_epoch
  double before_ledger = 0;    // estimated recordings made before the ledger start, still retained
  double stock = 0;            // from_ledger + before_ledger
  double loss_fraction = 0;    // per stored file per month (1 - durability)
  double expected_losses = 0;  // stock x loss_fraction
  double p_any_loss = 0;       // 1 - (1 - loss_fraction)^stock
};

// `epoch` minus `months` calendar months (the day clamped to the target month's length).
int64_t months_before(int64_t epoch, int months);

// P(at least one of n files lost) with independent losses of probability p each, computed without
// cancellation for tiny p: -expm1(n log1p(-p)).
double p_at_least_one_loss(double n, double p);

// The stock at min(month_end, ledger end) for a per-minute recording series starting at ledger_start.
DurabilityEstimate durability_at(const HugeVector<uint32_t>& recordings_per_minute, int64_t ledger_start,
                                 int64_t month_end, const RetentionRule& rule, double loss_fraction);

const char* stock_before_name(StockBefore b);
// Reads "extrapolate", "none" or a count >= 0 (StockBefore::Given) into `rule`; false when it is none of them.
bool set_stock_before(const std::string& text, RetentionRule& rule);

}  // namespace ccsim::sla
