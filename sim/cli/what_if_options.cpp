#include "cli/what_if_options.hpp"

#include "core/error.hpp"
#include "scenario/value_reader.hpp"
#include "traffic/arrivals.hpp"

namespace ccsim::cli {

void WhatIfOptions::add_to(po::options_description& opts, bool with_load) {
  opts.add_options()("set", po::value<std::vector<std::string>>(&sets)->composing(),
                     "PATH=VALUE: set a scenario key before loading, e.g. tenants[0].groups[0].agents=14 "
                     "(repeatable; validated like the file)");
  if (with_load)
    opts.add_options()("load", po::value<std::string>(&load),
                       "FACTOR: multiply every call type's arrival rate (and bursts), e.g. 1.2 for +20%");
}

WhatIf WhatIfOptions::parse() const {
  WhatIf w;
  for (const auto& s : sets) w.sets.push_back(parse_set(s));
  if (!load.empty()) w.load = parse_load_factor(load);
  return w;
}

Scenario WhatIfOptions::load_file(const std::string& path) const {
  const WhatIf w = parse();
  Scenario sc = load_what_if(path, w);
  if (w.load != 1.0) check_scaled_rates(sc, "--load " + load);
  return sc;
}

void check_scaled_rates(const Scenario& sc, const std::string& what) {
  for (const auto& t : sc.tenants)
    for (const auto& ct : t.call_types)
      if (!(peak_rate_per_hour(ct.arrivals, sc.horizon) <= scenario::kMaxRatePerHour))
        throw InputError(SourceLoc{"ccsim", 0, 0}, "--load",
                         what + " puts call type '" + ct.name + "' above the maximum rate of 1000000/h",
                         "a load multiplier that keeps every call type's peak rate at most 1000000/h");
}

}  // namespace ccsim::cli
