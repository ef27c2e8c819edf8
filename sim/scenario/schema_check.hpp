#pragma once
// A validator for the JSON-Schema subset the scenario schema uses, walking the yaml-cpp tree (not a JSON copy)
// so every violation keeps the YAML line:col. Supported keywords: $ref (to #/$defs/...), type, properties,
// required, additionalProperties (false or a schema), enum, const, minimum, maximum, exclusiveMinimum,
// exclusiveMaximum, pattern, items, minItems, maxItems, anyOf, oneOf (treated like anyOf: the branches of our
// schema are disjoint by construction), title (used as the "expected ..." text). Others are annotations.
// Also reports duplicate map keys anywhere in the tree (yaml-cpp keeps both entries silently).
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "core/error.hpp"

namespace ccsim::scenario {

// Longest text checked against a schema pattern (names, durations, rates, dates, paths). Longer values are
// refused before the pattern is tried: no real value comes close, and regex matching is not linear.
constexpr size_t kMaxPatternTextChars = 1024;

// The embedded scenario schema (sim/scenario/scenario.schema.json), parsed once.
const nlohmann::json& scenario_schema();
// Its text, exactly as shipped (ccsim schema prints this).
const char* scenario_schema_text();

class SchemaChecker {
 public:
  explicit SchemaChecker(const nlohmann::json& root_schema) : root_(root_schema) {}
  // Validates `node` against the root schema, or against #/$defs/<def> when def is non-empty. Paths in
  // diagnostics start with `base_path` (e.g. "platform" for an included platform file: empty).
  void check(const YAML::Node& node, const std::string& file, Diagnostics& out, const std::string& def = "",
             const std::string& base_path = "") const;

 private:
  const nlohmann::json& root_;
};

// Reports every duplicate key of every map in the tree.
void check_duplicate_keys(const YAML::Node& node, const std::string& file, const std::string& base_path,
                          Diagnostics& out);

// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(const std::string& a, const std::string& b);
// The closest candidate when it is close enough to be a plausible typo, else "" (also when there are more than
// kMaxSuggestionCandidates candidates).
constexpr size_t kMaxSuggestionCandidates = 1000;
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// Key path helpers: join("a", "b") = "a.b"; index("a", 2) = "a[2]".
std::string path_join(const std::string& base, const std::string& key);
std::string path_index(const std::string& base, size_t i);

}  // namespace ccsim::scenario
