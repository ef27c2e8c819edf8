#pragma once
// Internal to the loader: the pieces of a scenario are read by separate files (tenant, platform, drills and
// hypotheses) sharing this context. Not a public API.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenario/scenario.hpp"
#include "scenario/value_reader.hpp"

namespace ccsim::scenario {

struct LoadContext {
  Reader& r;
  std::string base_dir;  // directory that relative model-file paths start from
  Horizon horizon;
};

// The value under `key` of a map, or an undefined node (also when `map` is not a map or the value is null:
// an empty value means "use the default", and the schema check already reported it if that is not allowed).
YAML::Node child(const YAML::Node& map, const char* key);
bool has(const YAML::Node& map, const char* key);
// The elements of a sequence (empty when the node is not a sequence).
std::vector<YAML::Node> elements(const YAML::Node& seq);
// Resolves a path relative to ctx.base_dir and checks that it names a readable regular file.
std::string resolve_model_file(LoadContext& ctx, const YAML::Node& n, const std::string& path);
// Reports a name used twice in a list (names[i] with its node).
void check_unique_names(Reader& r, const std::vector<std::pair<std::string, YAML::Node>>& names,
                        const std::vector<std::string>& paths, const std::string& what);

// Resolves `name` among `names`; reports an unknown one with a suggestion. Returns -1 when unknown.
int find_name(Reader& r, const YAML::Node& at, const std::string& path, const std::string& name,
              const std::vector<std::string>& names, const std::string& what);
// Outbound (campaign_reader.cpp): a tenant's campaigns (groups, trunks and pools already read) and blending.
void read_campaigns(const YAML::Node& n, const std::string& path, LoadContext& ctx, Tenant& t);
Blending read_blending(const YAML::Node& n, const std::string& path, Reader& r);

void read_horizon(const YAML::Node& n, Reader& r, Horizon& h);
Tenant read_tenant(const YAML::Node& n, const std::string& path, LoadContext& ctx);
// Reads `platform:` (a path or an inline map). Diagnostics of an included file carry that file's name.
PlatformSpec read_platform(const YAML::Node& n, const std::string& path, LoadContext& ctx);
// Refuses a call type whose peak rate over the horizon (factors and bursts included) exceeds kMaxRatePerHour.
void check_arrival_rates(const Scenario& s, const YAML::Node& tenants, Reader& r);
void check_tenant_hosts(Scenario& s, const YAML::Node& tenants_node, LoadContext& ctx);
std::vector<DrillSpec> read_drills(const YAML::Node& n, const std::string& path, LoadContext& ctx, const Scenario& s);
std::vector<Hypothesis> read_hypotheses(const YAML::Node& n, const std::string& path, LoadContext& ctx,
                                        const Scenario& s);

}  // namespace ccsim::scenario
