#include "core/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace ccsim {

std::string printf_str(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

namespace {
std::string vformat(const char* fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  const int n = std::vsnprintf(nullptr, 0, fmt, copy);
  va_end(copy);
  if (n <= 0) return "";
  std::string out(static_cast<size_t>(n) + 1, '\0');
  std::vsnprintf(&out[0], out.size(), fmt, ap);
  out.resize(static_cast<size_t>(n));
  return out;
}
}  // namespace

std::string format_str(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::string s = vformat(fmt, ap);
  va_end(ap);
  return s;
}

std::string format_str_runtime(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::string s = vformat(fmt, ap);
  va_end(ap);
  return s;
}

// Decimals so that a value keeps about three significant digits without going past `max_dec`.
int decimals_for(double v, int max_dec) {
  const double a = std::fabs(v);
  if (a >= 100) return 0;
  if (a >= 10) return std::min(1, max_dec);
  return max_dec;
}

std::string fixed(double v, int dec) {
  const char* fmt[] = {"%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f"};
  return printf_str(fmt[std::max(0, std::min(6, dec))], v);
}

std::string fixed_or_dash(double v, int dec, const char* missing) { return std::isfinite(v) ? fixed(v, dec) : missing; }
std::string percent_of(double fraction, int dec, const char* missing) {
  return std::isfinite(fraction) ? fixed(100 * fraction, dec) + "%" : missing;
}

static const char* const kEllipsis = "\xE2\x80\xA6";  // …

// Cuts `s` to `width` columns, marking the cut with an ellipsis.
std::string clip(const std::string& s, int width) {
  if (display_width(s) <= width) return s;
  std::string out;
  int cols = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (cols + 1 > width - 1) break;
    out.append(s, i, len);
    ++cols;
    i += len;
  }
  return out + kEllipsis;
}

std::string pad_left(const std::string& s, int width) {
  const std::string c = clip(s, width);
  return std::string(static_cast<size_t>(std::max(0, width - display_width(c))), ' ') + c;
}
std::string pad_right(const std::string& s, int width) {
  const std::string c = clip(s, width);
  return c + std::string(static_cast<size_t>(std::max(0, width - display_width(c))), ' ');
}

std::string align_left(const std::string& s, int width) {
  return s + std::string(static_cast<size_t>(std::max(0, width - display_width(s))), ' ');
}
std::string align_right(const std::string& s, int width) {
  return std::string(static_cast<size_t>(std::max(0, width - display_width(s))), ' ') + s;
}

int display_width(const std::string& s) {
  int w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;  // count lead bytes, not UTF-8 continuation bytes
  return w;
}

std::string format_count(double v) {
  if (std::isnan(v)) return "-";
  if (std::fabs(v) < 100 && v != std::floor(v)) return fixed(v, 1);
  const long long n = std::llround(v);
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

}  // namespace ccsim
