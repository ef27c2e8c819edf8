// Top level of the scenario loader: read safely, check the schema and duplicate keys, then resolve every
// section (each in its own file) and run the cross-section checks. All problems end up in one InputError.
#include "scenario/loader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unordered_map>

#include "core/time.hpp"
#include "scenario/arrival_profile.hpp"
#include "scenario/loader_parts.hpp"
#include "scenario/schema_check.hpp"
#include "scenario/yaml_input.hpp"

namespace ccsim {

namespace fs = std::filesystem;
using namespace scenario;

namespace scenario {

YAML::Node child(const YAML::Node& map, const char* key) {
  if (!map.IsDefined() || !map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
  return v;
}

bool has(const YAML::Node& map, const char* key) { return child(map, key).IsDefined(); }

std::vector<YAML::Node> elements(const YAML::Node& seq) {
  std::vector<YAML::Node> out;
  if (seq.IsDefined() && seq.IsSequence())
    for (size_t i = 0; i < seq.size(); ++i) out.push_back(seq[i]);
  return out;
}

std::string resolve_model_file(LoadContext& ctx, const YAML::Node& n, const std::string& path) {
  auto rel = ctx.r.text(n, path);
  if (!rel) return "";
  fs::path p(*rel);
  if (p.is_relative()) p = fs::path(ctx.base_dir) / p;
  p = p.lexically_normal();
  std::error_code ec;
  if (!fs::exists(p, ec)) {
    ctx.r.error(n, path, "file not found: " + p.string(), "a path relative to the scenario file");
    return "";
  }
  if (!fs::is_regular_file(p, ec)) {
    ctx.r.error(n, path, "not a regular file: " + p.string(), "a YAML file");
    return "";
  }
  return p.string();
}

void check_unique_names(Reader& r, const std::vector<std::pair<std::string, YAML::Node>>& names,
                        const std::vector<std::string>& paths, const std::string& what) {
  std::unordered_map<std::string, size_t> first;  // name -> index of its first use (linear, not pairwise)
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].first.empty()) continue;
    auto [it, inserted] = first.emplace(names[i].first, i);
    if (!inserted)
      r.error(names[i].second, paths[i],
              "duplicate " + what + " name '" + names[i].first + "' (first used at line " +
                  std::to_string(loc_of(names[it->second].second, r.file()).line) + ")",
              "unique " + what + " names");
  }
}

void read_horizon(const YAML::Node& n, Reader& r, Horizon& h) {
  const std::string path = "horizon";
  // Default start: a Monday at midnight, so weekday factors and shifts line up without surprises.
  h.start = epoch_from_civil(CivilDate{2026, 1, 5});
  if (auto v = child(n, "start"); v.IsDefined())
    if (auto t = r.datetime(v, "horizon.start")) h.start = *t;
  if (auto v = child(n, "length"); v.IsDefined()) {
    if (auto d = r.duration(v, "horizon.length")) {
      if (*d <= 0)
        r.error(v, "horizon.length", "the horizon must be longer than 0", "a duration such as 1d or 30d");
      else if (*d > 400 * kDay)
        r.error(v, "horizon.length", "horizon longer than 400 days", "at most 400d");
      else
        h.length = *d;
    }
  }
  if (auto v = child(n, "interval"); v.IsDefined()) {
    if (auto d = r.duration(v, "horizon.interval")) {
      if (*d != 900 && *d != 1800 && *d != 3600)
        r.error(v, "horizon.interval", "unsupported statistics interval " + format_duration(*d), "15min, 30min or 1h");
      else
        h.interval = *d;
    }
  }
  if (auto v = child(n, "drain_limit"); v.IsDefined())
    if (auto d = r.duration(v, "horizon.drain_limit")) h.drain_limit = *d;
  if (auto v = child(n, "warmup"); v.IsDefined()) {
    if (auto d = r.duration(v, "horizon.warmup")) {
      if (*d >= h.length)
        r.error(v, "horizon.warmup", "warm-up of " + format_duration(*d) + " is not shorter than the horizon",
                "a warm-up shorter than horizon.length");
      else
        h.warmup = *d;
    }
  }
  (void)path;
}

void check_arrival_rates(const Scenario& s, const YAML::Node& tenants, Reader& r) {
  const auto tlist = elements(tenants);
  for (size_t i = 0; i < s.tenants.size() && i < tlist.size(); ++i) {
    const auto clist = elements(child(tlist[i], "call_types"));
    for (size_t k = 0; k < s.tenants[i].call_types.size() && k < clist.size(); ++k) {
      const double peak = peak_rate_per_hour(s.tenants[i].call_types[k].arrivals, s.horizon);
      if (peak <= kMaxRatePerHour) continue;
      const std::string path = path_join(path_index(path_join(path_index("tenants", i), "call_types"), k), "arrivals");
      const YAML::Node at = child(clist[k], "arrivals").IsDefined() ? child(clist[k], "arrivals") : clist[k];
      char peak_text[32];
      std::snprintf(peak_text, sizeof peak_text, "%.6g", peak);
      r.error(at, path,
              std::string("peak arrival rate ") + peak_text +
                  "/h (rate times profile, weekday and override factors, plus bursts) is above the maximum of 1000000/h",
              "a peak rate of at most 1000000/h per call type");
    }
  }
}

}  // namespace scenario

namespace {

Scenario resolve(const YamlDocument& doc, const std::string& base_dir) {
  Diagnostics diags;
  const std::string& file = doc.display_name;
  const YAML::Node& root = doc.root;
  if (!root.IsMap())
    throw InputError(loc_of(root, file), "", "the top level is not a map of keys",
                     "a scenario map with at least 'tenants'");
  check_duplicate_keys(root, file, "", diags);
  SchemaChecker(scenario_schema()).check(root, file, diags);

  Reader r(file, diags);
  LoadContext ctx{r, base_dir, Horizon{}};
  Scenario s;
  s.file = file;
  s.file_hash = fnv1a64_hex(doc.text);
  s.name = fs::path(file).stem().string();
  if (auto v = child(root, "name"); v.IsDefined())
    if (auto t = r.text(v, "name")) s.name = *t;
  if (auto v = child(root, "description"); v.IsDefined())
    if (auto t = r.text(v, "description")) s.description = *t;
  read_horizon(child(root, "horizon"), r, s.horizon);
  ctx.horizon = s.horizon;
  if (auto v = child(root, "seed"); v.IsDefined())
    if (auto x = r.integer(v, "seed")) {
      if (*x < 0) r.error(v, "seed", "negative seed", "a whole number >= 0");
      else s.seed = static_cast<uint64_t>(*x);
    }
  if (auto v = child(root, "replications"); v.IsDefined())
    if (auto x = r.integer(v, "replications")) {
      if (*x < 1 || *x > 100000) r.error(v, "replications", "replications must be 1..100000", "1 to 100000");
      else s.replications = static_cast<int>(*x);
    }

  if (auto v = child(root, "platform"); v.IsDefined()) s.platform = read_platform(v, "platform", ctx);

  const YAML::Node tenants = child(root, "tenants");
  std::vector<std::pair<std::string, YAML::Node>> names;
  std::vector<std::string> paths;
  const auto tlist = elements(tenants);
  for (size_t i = 0; i < tlist.size(); ++i) {
    const std::string p = path_index("tenants", i);
    s.tenants.push_back(read_tenant(tlist[i], p, ctx));
    names.emplace_back(s.tenants.back().name, child(tlist[i], "name").IsDefined() ? child(tlist[i], "name") : tlist[i]);
    paths.push_back(path_join(p, "name"));
  }
  check_unique_names(r, names, paths, "tenant");
  check_tenant_hosts(s, tenants, ctx);
  check_arrival_rates(s, tenants, r);
  s.drills = read_drills(child(root, "drills"), "drills", ctx, s);
  s.hypotheses = read_hypotheses(child(root, "hypotheses"), "hypotheses", ctx, s);

  if (!diags.empty()) {
    // Report in reading order: by file (in order of first mention), then line and column.
    std::vector<Diagnostic> list = diags.list();
    std::vector<std::string> files;
    for (const auto& d : list)
      if (std::find(files.begin(), files.end(), d.loc.file) == files.end()) files.push_back(d.loc.file);
    auto rank = [&](const Diagnostic& d) { return std::find(files.begin(), files.end(), d.loc.file) - files.begin(); };
    std::stable_sort(list.begin(), list.end(), [&](const Diagnostic& a, const Diagnostic& b) {
      if (rank(a) != rank(b)) return rank(a) < rank(b);
      if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
      return a.loc.col < b.loc.col;
    });
    throw InputError(list);
  }
  s.resolved_json = scenario_to_json(s);
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  YamlDocument doc = load_yaml_file(path);
  std::string base = fs::path(path).parent_path().string();
  return resolve(doc, base.empty() ? "." : base);
}

Scenario load_scenario_text(const std::string& yaml, const std::string& display_name) {
  YamlDocument doc = parse_yaml_text(yaml, display_name);
  std::string base = fs::path(display_name).parent_path().string();
  return resolve(doc, base.empty() ? "." : base);
}

}  // namespace ccsim
