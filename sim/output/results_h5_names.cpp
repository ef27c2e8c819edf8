// Names and units of the HDF5 results columns (shared by the writer, the report and the tests).
#include "output/results_h5.hpp"

#include <filesystem>

#include "stats/kpi.hpp"
#include "stats/rep_result.hpp"

namespace ccsim {

std::string h5_safe_name(const std::string& name) {
  if (name.empty() || name == "." ) return "_";
  std::string s = name;
  for (char& c : s)
    if (c == '/') c = '_';
  return s;
}

std::string default_results_path(const std::string& scenario_path) {
  const std::string stem = std::filesystem::path(scenario_path).stem().string();
  return (stem.empty() ? std::string("results") : stem) + ".h5";
}

std::string min_field_units(int f) {
  switch (f) {
    case MIN_QUEUE_LEN: return "calls";
    case MIN_SEATS: return "seats";
    case MIN_TRUNK_BUSY: return "channels";
    case MIN_BILLED_MINUTES: return "minutes";
    default: return "agents";
  }
}

namespace {
std::string unit_of(KpiUnit u, const char* level) {
  switch (u) {
    case KpiUnit::Count: return "calls";
    case KpiUnit::Ratio: return "1";
    case KpiUnit::Seconds: return "s";
    case KpiUnit::Level: return level;
  }
  return "";
}
}  // namespace

std::string ct_kpi_units(int k) { return unit_of(ct_kpi_unit(k), "calls"); }
std::string gr_kpi_units(int k) {
  if (k == GK_MEAN_QUEUE || k == GK_MAX_QUEUE) return "calls";
  return unit_of(gr_kpi_unit(k), "agents");
}
std::string tr_kpi_units(int k) {
  if (k == TK_ATTEMPTS || k == TK_BLOCKED) return "attempts";
  return unit_of(tr_kpi_unit(k), "channels");
}

std::string ob_kpi_units(int k) {
  if (k == OK_OUTBOUND_AGENTS) return "agents";
  if (k == OK_MEAN_LINES) return "lines";
  return unit_of(ob_kpi_unit(k), "");
}

}  // namespace ccsim
