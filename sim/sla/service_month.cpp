#include "sla/service_month.hpp"

namespace ccsim::sla {

bool ServiceMonth::partial() const { return days < days_in_month(first_day.year, first_day.month); }

static int64_t day_floor(int64_t epoch) { return epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400); }

std::vector<ServiceMonth> service_months(int64_t service_start, int64_t service_end) {
  std::vector<ServiceMonth> out;
  const int64_t first = day_floor(service_start);
  const int64_t end_day = day_floor(service_end) + (service_end % 86400 != 0 ? 1 : 0);  // exclusive
  int64_t d = first;
  while (d < end_day) {
    const CivilDate c = civil_from_days(d);
    const int64_t month_end = days_from_civil(c.year, c.month, 1) + days_in_month(c.year, c.month);  // exclusive
    const int64_t e = std::min(month_end, end_day);
    ServiceMonth m;
    m.first_day = c;
    m.last_day = civil_from_days(e - 1);
    m.start_epoch = d * 86400;
    m.end_epoch = e * 86400;
    m.days = static_cast<int>(e - d);
    out.push_back(m);
    d = e;
  }
  return out;
}

bool BusinessCalendar::is_business_day(const CivilDate& c) const {
  const int64_t d = days_from_civil(c);
  if (extra_workdays.count(d)) return true;
  if (holidays.count(d)) return false;
  return weekday_from_days(d) < 5;
}

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
