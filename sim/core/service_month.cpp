#include "core/service_month.hpp"

#include <algorithm>

namespace ccsim {

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

}  // namespace ccsim
