#pragma once
// Number and text formatting shared by every renderer (terminal tables, CSV, HTML, reports): one definition
// of how a count, a fixed-point number or a clipped column looks.
#include <string>

namespace ccsim {

std::string printf_str(const char* fmt, double v);
// printf into a string (any arguments); for text tables whose columns printf widths lay out.
std::string format_str(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
// The same with a format built at run time (widened columns); the caller passes the arguments it names.
std::string format_str_runtime(const char* fmt, ...);
// Decimals so that a value keeps about three significant digits without going past `max_dec`.
int decimals_for(double v, int max_dec);
std::string fixed(double v, int dec);  // dec clamped to 0..6
std::string fixed_or_dash(double v, int dec, const char* missing = "-");  // fixed(), or `missing` for NaN/inf
// A fraction as a percent: 0.1234 -> "12.3%" (dec 1); `missing` for NaN and infinities.
std::string percent_of(double fraction, int dec, const char* missing = "-");
std::string format_count(double v);    // 12345.6 -> "12,346"; 45.25 -> "45.3"; NaN -> "-"
// Display width in terminal columns of a UTF-8 string (one column per code point; no wide characters used).
int display_width(const std::string& s);
// Cuts to `width` columns, marking a cut with an ellipsis; pads to `width` columns.
std::string clip(const std::string& s, int width);
std::string pad_left(const std::string& s, int width);
std::string pad_right(const std::string& s, int width);
// Pads to at least `width` columns and never cuts (printf's %*s and %-*s): columns of text lines where a long
// value must stay whole.
std::string align_left(const std::string& s, int width);
std::string align_right(const std::string& s, int width);

}  // namespace ccsim
