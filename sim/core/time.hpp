#pragma once
// Simulated time and the civil calendar. Simulation time is seconds (double) since the horizon start;
// calendar dates are proleptic Gregorian, no time zone (the scenario's local clock), seconds since 1970.
#include <cstdint>
#include <optional>
#include <string>

namespace ccsim {

constexpr double kMinute = 60.0;
constexpr double kHour = 3600.0;
constexpr double kDay = 86400.0;

struct CivilDate {
  int year = 1970, month = 1, day = 1;
  bool operator==(const CivilDate& o) const { return year == o.year && month == o.month && day == o.day; }
  bool operator<(const CivilDate& o) const {
    return year != o.year ? year < o.year : month != o.month ? month < o.month : day < o.day;
  }
  bool operator<=(const CivilDate& o) const { return !(o < *this); }
};

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int y, int m, int d);
inline int64_t days_from_civil(const CivilDate& c) { return days_from_civil(c.year, c.month, c.day); }
CivilDate civil_from_days(int64_t days);
int days_in_month(int year, int month);
bool is_leap_year(int year);
// 0 = Monday ... 6 = Sunday.
int weekday_from_days(int64_t days);
inline CivilDate add_days(const CivilDate& c, int64_t n) { return civil_from_days(days_from_civil(c) + n); }

// Epoch seconds (int64, whole seconds since 1970-01-01T00:00:00, no zone).
int64_t epoch_from_civil(const CivilDate& d, int hh = 0, int mm = 0, int ss = 0);
CivilDate date_of_epoch(int64_t epoch);

// Parses "2026-03-17", "2026-03-17T08:30", "2026-03-17T08:30:15" or with a space instead of T.
std::optional<int64_t> parse_datetime(const std::string& s);
std::optional<CivilDate> parse_date(const std::string& s);
// Parses "08:30" or "08:30:15" into seconds of day (24:00 allowed, = 86400).
std::optional<double> parse_time_of_day(const std::string& s);
// Parses durations: "90" (seconds), "30s", "5min", "2h", "1d", "1w", "1.5h", "250ms", "1h30min".
std::optional<double> parse_duration(const std::string& s);

std::string format_datetime(int64_t epoch);  // 2026-03-17T08:30:00
std::string format_date(const CivilDate& d);  // 2026-03-17
std::string format_duration(double seconds);  // 1d 2h 3min 4s style, compact

}  // namespace ccsim
