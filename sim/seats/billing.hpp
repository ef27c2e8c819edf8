#pragma once
// Seat billing: the price list as data (models/billing/*.yaml) and the fee a tenant consumes in a period
// (a service month): seat licences, phone-number rent and communication. The SLA engine uses that fee as the
// Monthly Service Fee (credit base and cap). Amounts are integer cents; see docs/sla.md "Fees".
#include <cstdint>
#include <string>
#include <vector>

namespace ccsim::billing {

struct PriceList {
  std::string file, id, currency;
  int64_t seat_standard_per_month_cents = 0;
  int64_t seat_advanced_per_month_cents = 0;
  int64_t phone_number_per_30_days_cents = 0;
  int64_t communication_per_minute_cents_x100 = 0;  // per started minute, in 1/100 cent (0.0123 -> 123)
};

// Loads and validates a price list; InputError with file:line:col and key for every problem.
PriceList load_price_list(const std::string& path);

// Started minutes of a call: a 61 s call bills 2 minutes, a 60 s call 1, a 0 s call 0. Durations come from
// floating-point simulation time, so a call within 1 microsecond above a whole minute is not billed an extra
// minute for rounding noise.
int64_t billed_minutes(double duration_seconds);

// Purchased seats from `from` (epoch) until the next entry. A licence is effective from the purchase day:
// the day of a change is billed at the larger of the counts held that day.
struct SeatLevel {
  int64_t from = 0;
  int standard = 0;
  int advanced = 0;
};
// Phone numbers held from `from` until the next entry (rent accrues per day held, 1/30 of the 30-day rent).
struct NumberLevel {
  int64_t from = 0;
  int count = 0;
};

struct Usage {
  std::vector<SeatLevel> seats;       // sorted by from
  std::vector<NumberLevel> numbers;   // sorted by from
  int64_t billed_call_minutes = 0;    // of the period (sum of billed_minutes over its calls)
  int64_t deductions_cents = 0;       // paid by vouchers/coupons/deductions: not part of the fee
};

struct Fee {
  int64_t seats_cents = 0, numbers_cents = 0, communication_cents = 0, deductions_cents = 0;
  int64_t total_cents = 0;  // seats + numbers + communication - deductions, never below 0
};

// Fee consumed in [period_start, period_end) (whole days; a service month). Seat licences are pro-rated by
// day: each day costs the monthly price / days of its calendar month; phone numbers cost rent / 30 per day
// held. Each part is rounded half-up to the cent once, at the end.
Fee period_fee(const PriceList& prices, const Usage& usage, int64_t period_start, int64_t period_end);

}  // namespace ccsim::billing
