#include "cli/what_if_options.hpp"

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

}  // namespace ccsim::cli
