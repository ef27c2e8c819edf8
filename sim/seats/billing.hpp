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
  // Validity of one seat licence from its purchase day: `seat_licence_validity` "1 month" (default), "N months"
  // or "N days". One licence costs the monthly price x N months, or x N/30 for days.
  int licence_validity_count = 1;
  bool licence_validity_in_days = false;
};

// Loads and validates a price list; InputError with file:line:col and key for every problem.
PriceList load_price_list(const std::string& path);

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

// ---- Cash view: what is paid in a period under the licence rules (docs/sla.md "Fees: cash bill").
// When the seats in force on a day exceed the valid licences, the shortfall is bought that day, valid from the
// purchase day for the validity period; a scale-in refunds nothing, and a licence still valid is reused by a
// later scale-out. Expired licences still needed are bought again (a renewal). Number rent is paid per number
// every 30 days from the payment day. Communication is paid as consumed (per started minute).
struct CashAnchors {
  // Day on which the current validity period of the licences held at the start began (the seat count before
  // the first timeline entry is the first entry's), and day on which the current 30-day rent cycle began.
  int64_t licences_paid_from = 0;  // epoch, whole day; <= the timeline start
  int64_t rent_paid_from = 0;      // epoch, whole day; <= the first number entry
};

struct LicencePurchase {
  int64_t day = 0;          // civil day number (days since 1970-01-01) of the purchase
  int64_t valid_until = 0;  // civil day number, exclusive
  int standard = 0, advanced = 0;
  int64_t cents = 0;
};

// Exclusive end (civil day number) of a licence bought on `day`.
int64_t licence_valid_until(const PriceList& prices, int64_t day);
// Price of one licence for one validity period (cents).
int64_t licence_price_cents(const PriceList& prices, bool advanced);

// Every licence purchase of a seat timeline from the anchor through the day before `until` (epoch).
std::vector<LicencePurchase> licence_purchases(const PriceList& prices, const std::vector<SeatLevel>& seats,
                                               int64_t licences_paid_from, int64_t until);

struct CashBill {
  int64_t seats_cents = 0, numbers_cents = 0, communication_cents = 0, deductions_cents = 0;
  int64_t total_cents = 0;       // seats + numbers + communication - deductions, never below 0
  int64_t licences_bought = 0;   // licences bought in the period (standard + advanced)
};

// Cash paid in [period_start, period_end) (whole days): licences bought and rents paid on its days.
CashBill period_cash(const PriceList& prices, const Usage& usage, const CashAnchors& anchors, int64_t period_start,
                     int64_t period_end);

// Fee consumed in [period_start, period_end) (whole days; a service month). Seat licences are pro-rated by
// day: each day costs the monthly price / days of its calendar month; phone numbers cost rent / 30 per day
// held. Each part is rounded half-up to the cent once, at the end.
Fee period_fee(const PriceList& prices, const Usage& usage, int64_t period_start, int64_t period_end);

}  // namespace ccsim::billing
