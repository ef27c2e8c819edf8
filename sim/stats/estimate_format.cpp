#include "stats/estimate_format.hpp"

#include <cmath>

#include "core/format.hpp"

namespace ccsim {

namespace {
const char* const kPlusMinus = "\xC2\xB1";  // ±
double half_width(const Estimate& e) { return (e.hi - e.lo) / 2; }
bool has_interval(const Estimate& e) { return e.n >= 2 && std::isfinite(e.lo) && std::isfinite(e.hi); }

}  // namespace

std::string format_percent(const Estimate& e) {
  if (std::isnan(e.mean)) return "-";
  const double pct = 100 * e.mean;
  // Small rates (blocking, abandonment) need a second decimal to be told apart.
  const int dec = std::fabs(pct) < 1 ? 2 : 1;
  std::string s = fixed(pct, dec) + "%";
  if (has_interval(e)) s += std::string(" ") + kPlusMinus + fixed(100 * half_width(e), dec);
  return s;
}

std::string format_seconds(const Estimate& e) {
  if (std::isnan(e.mean)) return "-";
  const int dec = decimals_for(e.mean, 1);
  std::string s = fixed(e.mean, dec) + "s";
  if (has_interval(e)) s += std::string(" ") + kPlusMinus + fixed(half_width(e), dec);
  return s;
}

std::string format_level(const Estimate& e) {
  if (std::isnan(e.mean)) return "-";
  const int dec = decimals_for(e.mean, 2);
  std::string s = fixed(e.mean, dec);
  if (has_interval(e)) s += std::string(" ") + kPlusMinus + fixed(half_width(e), dec);
  return s;
}

std::string format_percent_range(const Estimate& e) {
  if (!std::isfinite(e.mean)) return "-";
  return fixed_or_dash(100 * e.mean, 0) + "% [" + fixed_or_dash(100 * e.lo, 0) + "-" + fixed_or_dash(100 * e.hi, 0) + "]";
}

std::string format_range(const Estimate& e, int dec) {
  if (!std::isfinite(e.mean)) return "-";
  return fixed(e.mean, dec) + " [" + fixed_or_dash(e.lo, dec) + ", " + fixed_or_dash(e.hi, dec) + "]";
}

nlohmann::json estimate_to_json(const Estimate& e, int replications) {
  // A finite double or null: JSON has no NaN or infinity.
  auto number = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  nlohmann::json o = nlohmann::json::object();
  o["mean"] = number(e.mean);
  o["ci95"] = nlohmann::json::array({number(e.lo), number(e.hi)});
  if (e.n < replications) o["n"] = e.n;
  return o;
}

nlohmann::json section_estimate_json(const Estimate& e) {
  nlohmann::json o = estimate_to_json(e, e.n + 1);
  return o;
}

}  // namespace ccsim
