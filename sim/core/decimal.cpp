#include "core/decimal.hpp"

#include <cctype>
#include <limits>

namespace ccsim {

std::optional<int64_t> parse_scaled_decimal(const std::string& text, int scale, bool allow_negative) {
  size_t i = 0;
  bool neg = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    neg = text[i] == '-';
    ++i;
  }
  if (neg && !allow_negative) return std::nullopt;
  __int128 v = 0;
  int int_digits = 0, frac_digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    v = v * 10 + (text[i++] - '0');
    if (++int_digits > 15) return std::nullopt;  // far beyond any fee or percentage
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (++frac_digits > scale) return std::nullopt;
      v = v * 10 + (text[i++] - '0');
    }
    if (frac_digits == 0) return std::nullopt;
  }
  if (i != text.size() || int_digits == 0) return std::nullopt;
  for (int k = frac_digits; k < scale; ++k) v *= 10;
  if (v > std::numeric_limits<int64_t>::max()) return std::nullopt;
  return static_cast<int64_t>(neg ? -v : v);
}

std::optional<int64_t> parse_percent_ppm(const std::string& text) {
  std::string t = text;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  if (t.empty() || t.back() != '%') return std::nullopt;
  t.pop_back();
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  // percent with 4 decimals = ppm
  return parse_scaled_decimal(t, 4);
}

std::optional<int64_t> parse_money_cents(const std::string& text) { return parse_scaled_decimal(text, 2); }

std::string format_cents(int64_t cents) {
  const bool neg = cents < 0;
  uint64_t c = neg ? static_cast<uint64_t>(-(cents + 1)) + 1 : static_cast<uint64_t>(cents);
  std::string frac = std::to_string(c % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return (neg ? "-" : "") + std::to_string(c / 100) + "." + frac;
}

std::string format_cents_grouped(int64_t cents) {
  std::string plain = format_cents(cents);
  const size_t dot = plain.find('.');
  const size_t first = plain[0] == '-' ? 1 : 0;
  for (size_t i = dot; i > first + 3; i -= 3) plain.insert(i - 3, ",");
  return plain;
}

std::string format_ppm_percent(int64_t ppm) {
  std::string s = std::to_string(ppm / 10000);
  int64_t frac = ppm % 10000;
  if (frac) {
    std::string f = std::to_string(frac);
    while (f.size() < 4) f = "0" + f;
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s + "%";
}

int64_t mul_div_round(int64_t a, int64_t b, int64_t d) {
  const __int128 p = static_cast<__int128>(a) * b;
  return static_cast<int64_t>((p + d / 2) / d);
}

}  // namespace ccsim
