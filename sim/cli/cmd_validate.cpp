// `ccsim validate SCENARIO...`: loads each scenario with every check the run would do (schema, semantics,
// referenced model files) and reports either a one-line summary or all located problems. Exit 2 if any file
// has a problem; nothing is written.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/model_refs.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"
#include "scenario/loader.hpp"

namespace ccsim::cli {

namespace {

std::string summary(const Scenario& s) {
  size_t call_types = 0, groups = 0, pools = 0, agents = 0, trunks = 0;
  for (const auto& t : s.tenants) {
    call_types += t.call_types.size();
    groups += t.groups.size();
    pools += t.pools.size();
    trunks += t.trunks.size();
    for (const auto& p : t.pools) agents += static_cast<size_t>(p.max_agents);
  }
  auto plural = [](size_t n, const char* word) {
    const std::string w = word;
    if (n == 1) return std::to_string(n) + " " + w;
    return std::to_string(n) + " " + (w == "hypothesis" ? std::string("hypotheses") : w + "s");
  };
  std::string out = plural(s.tenants.size(), "tenant") + ", " + plural(call_types, "call type") + ", " +
                    plural(groups, "group") + ", " + plural(pools, "agent pool") + " (peak " + std::to_string(agents) +
                    " agents), " + plural(trunks, "trunk group");
  if (s.platform.enabled) out += ", " + plural(s.platform.hosts.size(), "host");
  if (!s.drills.empty()) out += ", " + plural(s.drills.size(), "drill");
  if (!s.hypotheses.empty()) out += ", " + plural(s.hypotheses.size(), "hypothesis");
  return out;
}

}  // namespace

int cmd_validate(const Args& args) {
  po::options_description opts("validate options");
  opts.add_options()("scenario", po::value<std::vector<std::string>>()->multitoken(), "scenario file(s)")(
      "print-resolved", po::bool_switch(), "also print the resolved scenario as JSON (stdout)");
  po::positional_options_description pos;
  pos.add("scenario", -1);
  ParsedOptions p = parse_options("validate", "SCENARIO... [--print-resolved]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  if (!p.vm.count("scenario")) {
    std::cerr << "ccsim validate: no scenario file given\n(see: ccsim validate --help)\n";
    return kExitBadInput;
  }
  const bool print_resolved = p.vm["print-resolved"].as<bool>();
  int rc = kExitOk;
  for (const auto& file : p.vm["scenario"].as<std::vector<std::string>>()) {
    try {
      Scenario s = load_scenario(file);
      check_referenced_models(s);
      std::cout << "OK " << file << ": " << summary(s) << "\n";
      if (print_resolved) std::cout << scenario_to_json(s, 2) << "\n";
    } catch (const InputError& e) {
      std::cerr << e.what() << "\n";
      std::cerr << "ccsim validate: " << file << ": " << e.diagnostics().size() << " problem"
                << (e.diagnostics().size() == 1 ? "" : "s") << "\n";
      rc = kExitBadInput;
    }
  }
  return rc;
}

}  // namespace ccsim::cli
