#include "sla/claim_window.hpp"

namespace ccsim::sla {

ClaimWindow claim_window(const ServiceMonth& m, const ClaimWindowRule& rule, const BusinessCalendar& cal) {
  ClaimWindow w;
  // The month following the service month is the calendar month after the one the service month lies in.
  int y = m.first_day.year, mo = m.first_day.month + 1;
  if (mo == 13) {
    mo = 1;
    ++y;
  }
  int64_t d = days_from_civil(y, mo, 1);
  if (rule.opens_after_business_days <= 0) {
    w.nth_business_day = civil_from_days(d - 1);
  } else {
    int count = 0;
    // A month always has business days unless every day is a holiday; bound the search to stay total.
    for (int guard = 0; guard < 3660; ++guard, ++d) {
      if (cal.is_business_day(civil_from_days(d)) && ++count == rule.opens_after_business_days) break;
    }
    w.nth_business_day = civil_from_days(d);
  }
  w.opens = add_days(w.nth_business_day, 1);
  w.closes = add_days(m.last_day, rule.closes_days_after_month_end);
  return w;
}

}  // namespace ccsim::sla
