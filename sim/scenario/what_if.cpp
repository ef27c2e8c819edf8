#include "scenario/what_if.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "scenario/loader.hpp"

namespace ccsim {

std::string WhatIf::label() const {
  std::string s;
  for (const auto& o : sets) s += (s.empty() ? "" : " ") + o.path + "=" + o.value;
  if (load != 1.0) {
    std::ostringstream f;
    f << load;
    s += (s.empty() ? "" : " ") + std::string("load=") + f.str();
  }
  return s;
}

Override parse_set(const std::string& spec) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 >= spec.size())
    throw InputError(SourceLoc{"--set", 0, 0}, spec, "expected PATH=VALUE",
                     "e.g. tenants[0].groups[0].agents=14 or horizon.length=2d");
  return Override{spec.substr(0, eq), spec.substr(eq + 1)};
}

double parse_load_factor(const std::string& text) {
  char* end = nullptr;
  const double f = std::strtod(text.c_str(), &end);
  if (text.empty() || end == text.c_str() || *end != '\0' || !std::isfinite(f) || !(f > 0))
    throw InputError(SourceLoc{"--load", 0, 0}, text, "not a positive number", "a traffic multiplier such as 1.2");
  return f;
}

void scale_load(Scenario& sc, double f) {
  for (auto& t : sc.tenants)
    for (auto& ct : t.call_types) {
      ct.arrivals.rate_per_hour *= f;
      for (auto& b : ct.arrivals.bursts) b.extra_per_hour *= f;
    }
}

std::string read_scenario_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(SourceLoc{path, 0, 0}, "", "cannot read the scenario file");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

Scenario load_what_if(const std::string& path, const WhatIf& w) {
  Scenario sc = w.sets.empty() ? load_scenario(path)
                               : load_scenario_text(apply_overrides(read_scenario_text(path), w.sets, path), path);
  if (w.load != 1.0) {
    scale_load(sc, w.load);
    sc.resolved_json = scenario_to_json(sc);  // outputs carry the rates actually simulated
  }
  sc.what_if = w.label();
  return sc;
}

}  // namespace ccsim
