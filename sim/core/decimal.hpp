#pragma once
// Exact decimal text -> scaled integers. Contract percentages and money are written as decimal text
// ("99.95%", "1234.50") and must never pass through binary floating point on their way to a tier decision
// or a credit amount: 99.95 is not representable as a double, and a tier boundary must not move by a ulp.
#include <cstdint>
#include <optional>
#include <string>

namespace ccsim {

// Parses "123", "123.4", "-0.5" into value x 10^scale as an integer. Returns nullopt when the text is not a
// plain decimal number or has more than `scale` fractional digits (precision would be lost).
std::optional<int64_t> parse_scaled_decimal(const std::string& text, int scale, bool allow_negative = false);

// Percent text "99.95%" -> parts per million of one (99.95% = 999500). At most 4 decimals of a percent.
// The '%' sign is required so that 0.995 and 99.5 can never be confused.
std::optional<int64_t> parse_percent_ppm(const std::string& text);

// Money text "1234.5" -> minor units (cents, two decimals). Negative amounts are rejected.
std::optional<int64_t> parse_money_cents(const std::string& text);

// Formatting helpers for reports.
std::string format_cents(int64_t cents);       // 1234.50
std::string format_cents_grouped(int64_t cents);  // 1,234,567.50 (thousands separators, for people)
std::string format_ppm_percent(int64_t ppm);   // 999500 -> "99.95%" (trailing zeros trimmed, >= 2 decimals kept off)

// round(a * b / d) half away from zero for non-negative a, b and positive d, without overflow (128-bit).
int64_t mul_div_round(int64_t a, int64_t b, int64_t d);

}  // namespace ccsim
