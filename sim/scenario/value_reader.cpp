#include "scenario/value_reader.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/time.hpp"
#include "scenario/schema_check.hpp"
#include "scenario/yaml_input.hpp"

namespace ccsim::scenario {

namespace {

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

// strtod over the whole string (after trimming); nullopt on trailing text or non-finite values.
std::optional<double> full_double(const std::string& in) {
  const std::string s = trim(in);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  // strtod accepts "inf", "nan" and hex; a scenario means none of them.
  for (char c : s)
    if (std::isalpha(static_cast<unsigned char>(c)) && c != 'e' && c != 'E') return std::nullopt;
  return v;
}

const char* kDurationExpected = "a duration such as 30s, 5min, 2h, 1d or a number of seconds";
const char* kRateExpected = "a rate such as 200/h, 3.5/min, 0.2/s, 5000/d, or a number per hour";
const char* kProbExpected = "a probability such as 0.8 or 80%";
const char* kDatetimeExpected = "a date-time such as 2026-03-17T08:30 (or a date 2026-03-17)";

}  // namespace

std::optional<double> parse_rate_per_hour(const std::string& in) {
  const std::string s = trim(in);
  const size_t slash = s.find('/');
  if (slash == std::string::npos) return full_double(s);
  auto v = full_double(s.substr(0, slash));
  const std::string unit = trim(s.substr(slash + 1));
  if (!v) return std::nullopt;
  if (unit == "s" || unit == "sec") return *v * 3600.0;
  if (unit == "min" || unit == "m") return *v * 60.0;
  if (unit == "h") return *v;
  if (unit == "d") return *v / 24.0;
  return std::nullopt;
}

std::optional<double> parse_percent_or_number(const std::string& in) {
  const std::string s = trim(in);
  if (!s.empty() && s.back() == '%') {
    auto v = full_double(s.substr(0, s.size() - 1));
    if (!v) return std::nullopt;
    return *v / 100.0;
  }
  return full_double(s);
}

std::optional<double> parse_bandwidth(const std::string& in) {
  const std::string s = trim(in);
  if (auto v = full_double(s)) return *v;
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  auto v = full_double(s.substr(0, i));
  if (!v) return std::nullopt;
  const std::string unit = trim(s.substr(i));
  struct U { const char* name; double bytes; };
  static const U kUnits[] = {{"bps", 1 / 8.0}, {"kbps", 1e3 / 8}, {"Kbps", 1e3 / 8}, {"Mbps", 1e6 / 8},
                             {"Gbps", 1e9 / 8}, {"B/s", 1},        {"kB/s", 1e3},     {"KB/s", 1e3},
                             {"MB/s", 1e6},     {"GB/s", 1e9}};
  for (const auto& u : kUnits)
    if (unit == u.name) return *v * u.bytes;
  return std::nullopt;
}

void Reader::index_new_diagnostics() const {
  const auto& list = out_.list();
  for (; indexed_ < list.size(); ++indexed_) {
    const Diagnostic& d = list[indexed_];
    if (d.loc.file != file_ || d.path.empty()) continue;
    reported_paths_.insert(d.path);
    // A value of the wrong shape (a scalar where a map belongs, no branch of a choice fits) makes everything
    // read from inside it meaningless; other problems (a duplicate key, a short list) do not.
    if (d.message.rfind("found ", 0) == 0 || d.message.rfind("invalid value", 0) == 0)
      whole_value_paths_.insert(d.path);
  }
}

bool Reader::covered(const std::string& path) const {
  index_new_diagnostics();
  if (reported_paths_.count(path)) return true;
  if (whole_value_paths_.empty()) return false;
  // Every proper prefix of the path that ends before a '.' or '[' names an enclosing value.
  for (size_t i = 1; i < path.size(); ++i)
    if ((path[i] == '.' || path[i] == '[') && whole_value_paths_.count(path.substr(0, i))) return true;
  return false;
}

void Reader::error(const YAML::Node& node, const std::string& path, const std::string& message,
                   const std::string& expected) {
  if (covered(path)) return;
  out_.add(loc_of(node, file_), path, message, expected);
}

std::optional<std::string> Reader::text(const YAML::Node& n, const std::string& path) {
  if (!n.IsScalar()) {
    error(n, path, "expected a single value here", "a text value");
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<double> Reader::number(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  auto v = full_double(*t);
  if (!v) error(n, path, "invalid number '" + *t + "'", "a number");
  return v;
}

std::optional<long long> Reader::integer(const YAML::Node& n, const std::string& path) {
  auto v = number(n, path);
  if (!v) return std::nullopt;
  if (std::floor(*v) != *v || std::fabs(*v) > 9.0e15) {
    error(n, path, "invalid whole number '" + n.Scalar() + "'", "a whole number");
    return std::nullopt;
  }
  return static_cast<long long>(*v);
}

std::optional<bool> Reader::boolean(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  if (*t == "true" || *t == "yes" || *t == "on" || *t == "True" || *t == "TRUE" || *t == "Yes") return true;
  if (*t == "false" || *t == "no" || *t == "off" || *t == "False" || *t == "FALSE" || *t == "No") return false;
  error(n, path, "invalid value '" + *t + "'", "true or false");
  return std::nullopt;
}

std::optional<double> Reader::duration(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  auto v = parse_duration(*t);
  if (!v) {
    auto num = full_double(*t);
    if (num && *num < 0)
      error(n, path, "negative duration " + *t, kDurationExpected);
    else
      error(n, path, "invalid duration '" + *t + "'", kDurationExpected);
  } else if (!(*v <= kMaxDurationSeconds)) {
    error(n, path, "duration " + *t + " is longer than the maximum of 3650d", "a duration of at most 3650d");
    return std::nullopt;
  }
  return v;
}

std::optional<double> Reader::rate_per_hour(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  auto v = parse_rate_per_hour(*t);
  if (!v) {
    error(n, path, "invalid rate '" + *t + "'", kRateExpected);
    return std::nullopt;
  }
  if (*v < 0) {
    error(n, path, "negative rate " + *t, "a rate >= 0");
    return std::nullopt;
  }
  if (!(*v <= kMaxRatePerHour)) {
    error(n, path, "rate " + *t + " is above the maximum of 1000000/h", "a rate of at most 1000000/h (about 278/s)");
    return std::nullopt;
  }
  return v;
}

std::optional<double> Reader::probability(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  auto v = parse_percent_or_number(*t);
  if (!v) {
    error(n, path, "invalid probability '" + *t + "'", kProbExpected);
    return std::nullopt;
  }
  if (*v < 0 || *v > 1) {
    error(n, path, "probability " + *t + " is outside 0..1", "a probability from 0 to 1, or 0% to 100%");
    return std::nullopt;
  }
  return v;
}

std::optional<double> Reader::number_or_percent(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  auto v = parse_percent_or_number(*t);
  if (!v) error(n, path, "invalid value '" + *t + "'", "a number, or a percentage such as 80%");
  return v;
}

std::optional<int64_t> Reader::datetime(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  auto v = parse_datetime(trim(*t));
  if (!v) error(n, path, "invalid date-time '" + *t + "'", kDatetimeExpected);
  return v;
}

std::optional<int64_t> Reader::instant(const YAML::Node& n, const std::string& path, int64_t origin) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  std::string s = trim(*t);
  if (auto v = parse_datetime(s)) return v;
  if (!s.empty() && s[0] == '+') s = s.substr(1);
  if (auto d = parse_duration(s); d && *d <= kMaxDurationSeconds) return origin + static_cast<int64_t>(std::llround(*d));
  error(n, path, "invalid date-time '" + *t + "'",
        "a date-time such as 2026-03-17T08:30, or an offset from the horizon start such as 2h");
  return std::nullopt;
}

std::optional<double> Reader::time_of_day(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  std::string s = trim(*t);
  if (s.size() >= 4 && s[1] == ':') s = "0" + s;  // "8:30" reads as "08:30"
  auto v = parse_time_of_day(s);
  if (!v) error(n, path, "invalid time of day '" + *t + "'", "a time of day such as 08:30 (00:00 to 24:00)");
  return v;
}

std::optional<double> Reader::bandwidth(const YAML::Node& n, const std::string& path) {
  auto t = text(n, path);
  if (!t) return std::nullopt;
  auto v = parse_bandwidth(*t);
  if (!v || *v <= 0) {
    error(n, path, "invalid bandwidth '" + *t + "'", "a bandwidth such as 10Gbps, 100Mbps, or bytes per second > 0");
    return std::nullopt;
  }
  return v;
}

std::optional<Distribution> Reader::distribution(const YAML::Node& n, const std::string& path) {
  if (n.IsScalar()) {
    auto d = duration(n, path);
    if (!d) return std::nullopt;
    return Distribution::constant(*d);
  }
  if (!n.IsMap()) {
    error(n, path, "expected a distribution", "{dist: exponential, mean: 3min} or a duration");
    return std::nullopt;
  }
  const YAML::Node kind_node = n["dist"];
  if (!kind_node.IsDefined()) {
    error(n, path_join(path, "dist"), "missing required key 'dist'");
    return std::nullopt;
  }
  auto kind = text(kind_node, path_join(path, "dist"));
  if (!kind) return std::nullopt;
  // Which parameters each kind takes; anything else is a mistake worth naming (a cv on an exponential is
  // silently meaningless otherwise).
  struct KindSpec { const char* name; std::vector<std::string> required, optional; };
  static const std::vector<KindSpec> kinds = {
      {"exponential", {"mean"}, {}},          {"lognormal", {"mean", "cv"}, {}},
      {"gamma", {"mean", "cv"}, {}},          {"weibull", {"mean", "shape"}, {}},
      {"uniform", {"min", "max"}, {}},        {"constant", {"value"}, {}},
      {"empirical", {"values"}, {"weights", "interpolate"}}};
  const KindSpec* spec = nullptr;
  for (const auto& k : kinds)
    if (*kind == k.name) spec = &k;
  if (!spec) {
    error(kind_node, path_join(path, "dist"), "unknown distribution '" + *kind + "'",
          "one of: exponential, lognormal, gamma, weibull, uniform, constant, empirical");
    return std::nullopt;
  }
  const std::string article = (*kind)[0] == 'e' ? "an" : "a";
  bool ok = true;
  for (const auto& r : spec->required)
    if (!n[r].IsDefined()) {
      error(n, path_join(path, r), "missing required key '" + r + "' for " + article + " " + *kind + " distribution");
      ok = false;
    }
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string k = it->first.Scalar();
    if (k == "dist") continue;
    bool allowed = false;
    for (const auto& r : spec->required) allowed = allowed || r == k;
    for (const auto& r : spec->optional) allowed = allowed || r == k;
    if (!allowed) {
      error(it->first, path_join(path, k), "'" + k + "' does not apply to " + article + " " + *kind + " distribution",
            "only: " + [&] {
              std::string s;
              for (const auto& r : spec->required) s += (s.empty() ? "" : ", ") + r;
              for (const auto& r : spec->optional) s += (s.empty() ? "" : ", ") + r;
              return s;
            }());
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  auto positive = [&](const char* key) -> std::optional<double> {
    auto v = std::string(key) == "mean" ? duration(n[key], path_join(path, key)) : number(n[key], path_join(path, key));
    if (v && *v <= 0) {
      error(n[key], path_join(path, key), std::string(key) + " must be > 0", "a positive value");
      return std::nullopt;
    }
    return v;
  };
  if (*kind == "exponential") {
    auto m = positive("mean");
    if (m) return Distribution::exponential(*m);
  } else if (*kind == "lognormal" || *kind == "gamma") {
    auto m = positive("mean");
    auto cv = positive("cv");
    if (m && cv) return *kind == "lognormal" ? Distribution::lognormal(*m, *cv) : Distribution::gamma(*m, *cv);
  } else if (*kind == "weibull") {
    auto m = positive("mean");
    auto k = positive("shape");
    if (m && k) return Distribution::weibull(*m, *k);
  } else if (*kind == "uniform") {
    auto lo = duration(n["min"], path_join(path, "min"));
    auto hi = duration(n["max"], path_join(path, "max"));
    if (lo && hi) {
      if (*hi < *lo) {
        error(n["max"], path_join(path, "max"), "max is below min", "max >= min");
        return std::nullopt;
      }
      return Distribution::uniform(*lo, *hi);
    }
  } else if (*kind == "constant") {
    auto v = duration(n["value"], path_join(path, "value"));
    if (v) return Distribution::constant(*v);
  } else if (*kind == "empirical") {
    const YAML::Node vals = n["values"];
    const std::string vpath = path_join(path, "values");
    if (!vals.IsSequence() || vals.size() == 0) {
      error(vals, vpath, "expected a non-empty list of durations", "a list such as [30s, 1min, 2min]");
      return std::nullopt;
    }
    std::vector<double> values, weights;
    bool good = true;
    for (size_t i = 0; i < vals.size(); ++i) {
      auto v = duration(vals[i], path_index(vpath, i));
      good = good && v.has_value();
      if (v) values.push_back(*v);
    }
    if (n["weights"].IsDefined()) {
      const YAML::Node w = n["weights"];
      const std::string wpath = path_join(path, "weights");
      if (!w.IsSequence() || w.size() != vals.size()) {
        error(w, wpath, "weights must be a list as long as values (" + std::to_string(vals.size()) + ")",
              std::to_string(vals.size()) + " weights");
        return std::nullopt;
      }
      double total = 0;
      for (size_t i = 0; i < w.size(); ++i) {
        auto x = number(w[i], path_index(wpath, i));
        if (x && *x < 0) {
          error(w[i], path_index(wpath, i), "negative weight", "a weight >= 0");
          x.reset();
        }
        good = good && x.has_value();
        if (x) {
          weights.push_back(*x);
          total += *x;
        }
      }
      if (good && total <= 0) {
        error(w, wpath, "weights sum to zero", "at least one positive weight");
        good = false;
      }
    }
    bool interp = false;
    if (n["interpolate"].IsDefined()) {
      auto b = boolean(n["interpolate"], path_join(path, "interpolate"));
      good = good && b.has_value();
      interp = b.value_or(false);
    }
    if (good) return Distribution::empirical(values, weights, interp);
  }
  return std::nullopt;
}

}  // namespace ccsim::scenario
