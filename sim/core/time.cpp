#include "core/time.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ccsim {

int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

int weekday_from_days(int64_t z) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  int64_t w = (z + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

int64_t epoch_from_civil(const CivilDate& d, int hh, int mm, int ss) {
  return days_from_civil(d) * 86400 + hh * 3600 + mm * 60 + ss;
}

CivilDate date_of_epoch(int64_t e) {
  int64_t days = e >= 0 ? e / 86400 : -((-e + 86399) / 86400);
  return civil_from_days(days);
}

static bool read_int(const std::string& s, size_t& i, int digits, int& out) {
  if (i + digits > s.size()) return false;
  int v = 0;
  for (int k = 0; k < digits; ++k) {
    char c = s[i + k];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  i += digits;
  out = v;
  return true;
}

std::optional<CivilDate> parse_date(const std::string& s) {
  size_t i = 0;
  int y, m, d;
  if (!read_int(s, i, 4, y) || i >= s.size() || s[i++] != '-' || !read_int(s, i, 2, m) || i >= s.size() ||
      s[i++] != '-' || !read_int(s, i, 2, d) || i != s.size())
    return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return CivilDate{y, m, d};
}

std::optional<double> parse_time_of_day(const std::string& s) {
  size_t i = 0;
  int hh, mm, ss = 0;
  if (!read_int(s, i, 2, hh) || i >= s.size() || s[i++] != ':' || !read_int(s, i, 2, mm)) return std::nullopt;
  if (i < s.size()) {
    if (s[i++] != ':' || !read_int(s, i, 2, ss) || i != s.size()) return std::nullopt;
  }
  if (mm > 59 || ss > 59 || hh > 24 || (hh == 24 && (mm || ss))) return std::nullopt;
  return hh * 3600.0 + mm * 60.0 + ss;
}

std::optional<int64_t> parse_datetime(const std::string& s) {
  if (s.size() == 10) {
    auto d = parse_date(s);
    if (!d) return std::nullopt;
    return epoch_from_civil(*d);
  }
  if (s.size() < 16 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  auto d = parse_date(s.substr(0, 10));
  auto t = parse_time_of_day(s.substr(11));
  if (!d || !t || *t >= 86400.0) return std::nullopt;
  return epoch_from_civil(*d) + static_cast<int64_t>(*t);
}

std::optional<double> parse_duration(const std::string& in) {
  std::string s;
  for (size_t i = 0; i < in.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(in[i]);
    if (!std::isspace(c)) {
      s += static_cast<char>(c);
      continue;
    }
    // "3 4" is not 34: white space may only separate a number from its unit or parts like "1h 30min".
    if (!s.empty() && std::isdigit(static_cast<unsigned char>(s.back()))) {
      size_t j = i;
      while (j < in.size() && std::isspace(static_cast<unsigned char>(in[j]))) ++j;
      if (j < in.size() && (std::isdigit(static_cast<unsigned char>(in[j])) || in[j] == '.')) return std::nullopt;
    }
  }
  if (s.empty()) return std::nullopt;
  double total = 0;
  size_t i = 0;
  bool any = false;
  while (i < s.size()) {
    const char* begin = s.c_str() + i;
    char* end = nullptr;
    double v = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(v) || v < 0 || *begin == '+' || *begin == '-') return std::nullopt;
    i += static_cast<size_t>(end - begin);
    size_t j = i;
    while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
    std::string unit = s.substr(i, j - i);
    i = j;
    double mult;
    if (unit.empty()) {
      if (any || i != s.size()) return std::nullopt;  // a bare number must stand alone
      mult = 1;
    } else if (unit == "ms") {
      mult = 0.001;
    } else if (unit == "s" || unit == "sec") {
      mult = 1;
    } else if (unit == "m" || unit == "min") {
      mult = 60;
    } else if (unit == "h") {
      mult = 3600;
    } else if (unit == "d") {
      mult = 86400;
    } else if (unit == "w") {
      mult = 7 * 86400;
    } else {
      return std::nullopt;
    }
    total += v * mult;
    any = true;
  }
  return total;
}

std::string format_date(const CivilDate& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_datetime(int64_t e) {
  CivilDate d = date_of_epoch(e);
  int64_t sod = e - days_from_civil(d) * 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, static_cast<int>(sod / 3600),
                static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60));
  return buf;
}

std::string format_duration(double sec) {
  if (sec < 60) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3gs", sec);
    return buf;
  }
  int64_t s = static_cast<int64_t>(std::llround(sec));
  std::string out;
  auto part = [&](int64_t unit, const char* name) {
    if (s >= unit) {
      out += (out.empty() ? "" : " ") + std::to_string(s / unit) + name;
      s %= unit;
    }
  };
  part(86400, "d");
  part(3600, "h");
  part(60, "min");
  part(1, "s");
  return out;
}

}  // namespace ccsim
