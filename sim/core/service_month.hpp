#pragma once
// Service months and business days: calendar math shared by the SLA, billing and availability. A service
// month is each natural month inside the service term, starting at the opening date: opened March 17 for three months -> Mar 17-31, Apr 1-30, May 1-31, Jun 1-16. Its
// total minutes are its days x 1,440 (a partial month counts only its own days).
#include <cstdint>
#include <set>
#include <vector>

#include "core/time.hpp"

namespace ccsim {

struct ServiceMonth {
  CivilDate first_day;  // inclusive
  CivilDate last_day;   // inclusive
  int64_t start_epoch = 0;  // first_day 00:00
  int64_t end_epoch = 0;    // day after last_day 00:00 (exclusive)
  int days = 0;
  int64_t total_minutes() const { return static_cast<int64_t>(days) * 1440; }
  bool partial() const;     // fewer days than its calendar month
};

// Service months of the term [service_start, service_end). Both are whole days: a start with a time of day
// counts from the start of that day, an end with a time of day counts the whole day it falls in (the text
// counts whole days). Returns an empty list when end <= start.
std::vector<ServiceMonth> service_months(int64_t service_start, int64_t service_end);

// Business days are Monday-Friday minus holidays, plus make-up working days (weekend days declared working).
struct BusinessCalendar {
  std::set<int64_t> holidays;        // days since epoch
  std::set<int64_t> extra_workdays;  // days since epoch
  bool is_business_day(const CivilDate& d) const;
};

}  // namespace ccsim
