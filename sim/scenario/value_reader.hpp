#pragma once
// Typed reading of YAML values with units ("30s", "200/h", "80%", "2026-03-17T08:30", distributions), each
// failure recorded as a located diagnostic. The reader never throws: the loader keeps going so users see
// every problem in one pass. A problem already reported for a key path (typically by the schema check) is not
// reported again for the same path or anything inside it.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>

#include <yaml-cpp/yaml.h>

#include "core/distribution.hpp"
#include "core/error.hpp"

namespace ccsim::scenario {

// Largest values the reader accepts. A rate or a duration beyond these is a typo or hostile input: a rate of
// 1e308/s makes the next arrival fall on the same double-precision date forever, and a duration of 1e300 s
// does not fit the 64-bit clock. Documented in docs/scenario-reference.md (Limits).
constexpr double kMaxRatePerHour = 1e6;                 // any one rate: 1,000,000 calls per hour
constexpr double kMaxDurationSeconds = 3650.0 * 86400;  // any one duration: 3650 days

class Reader {
 public:
  Reader(std::string file, Diagnostics& out) : file_(std::move(file)), out_(out) {}
  const std::string& file() const { return file_; }
  Diagnostics& diagnostics() { return out_; }

  // Records a problem at `node` (its line:col) unless `path` is already covered by an earlier diagnostic.
  void error(const YAML::Node& node, const std::string& path, const std::string& message,
             const std::string& expected = "");
  bool covered(const std::string& path) const;

  // Each returns nullopt (after recording a diagnostic) when the value cannot be read.
  std::optional<std::string> text(const YAML::Node& n, const std::string& path);
  std::optional<double> number(const YAML::Node& n, const std::string& path);
  std::optional<long long> integer(const YAML::Node& n, const std::string& path);
  std::optional<bool> boolean(const YAML::Node& n, const std::string& path);
  std::optional<double> duration(const YAML::Node& n, const std::string& path);       // seconds
  std::optional<double> rate_per_hour(const YAML::Node& n, const std::string& path);  // number = per hour
  std::optional<double> probability(const YAML::Node& n, const std::string& path);    // 0..1; "80%" or 0.8
  std::optional<double> number_or_percent(const YAML::Node& n, const std::string& path);
  std::optional<int64_t> datetime(const YAML::Node& n, const std::string& path);      // epoch seconds
  // A date-time, or a duration offset from `origin` (the horizon start).
  std::optional<int64_t> instant(const YAML::Node& n, const std::string& path, int64_t origin);
  std::optional<double> time_of_day(const YAML::Node& n, const std::string& path);    // seconds of day
  std::optional<double> bandwidth(const YAML::Node& n, const std::string& path);      // bytes per second
  std::optional<Distribution> distribution(const YAML::Node& n, const std::string& path);

 private:
  // Index of the diagnostics of this file seen so far (covered() is asked once per error: a linear scan
  // made files with thousands of problems take minutes).
  void index_new_diagnostics() const;

  std::string file_;
  Diagnostics& out_;
  mutable size_t indexed_ = 0;
  mutable std::unordered_set<std::string> reported_paths_;
  mutable std::unordered_set<std::string> whole_value_paths_;
};

// Pure parsers (no diagnostics), exposed for tests and other loaders.
std::optional<double> parse_rate_per_hour(const std::string& s);
std::optional<double> parse_percent_or_number(const std::string& s);
std::optional<double> parse_bandwidth(const std::string& s);

}  // namespace ccsim::scenario
