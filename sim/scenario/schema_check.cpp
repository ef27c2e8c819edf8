#include "scenario/schema_check.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>

#include "scenario/yaml_input.hpp"
#include "scenario_schema_text.hpp"

namespace ccsim::scenario {

using nlohmann::json;

const char* scenario_schema_text() { return kScenarioSchemaText; }

const json& scenario_schema() {
  static const json schema = json::parse(kScenarioSchemaText);
  return schema;
}

std::string path_join(const std::string& base, const std::string& key) {
  return base.empty() ? key : base + "." + key;
}
std::string path_index(const std::string& base, size_t i) { return base + "[" + std::to_string(i) + "]"; }

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  // Each comparison is an edit distance: among thousands of names (and thousands of misses) no suggestion.
  if (candidates.size() > kMaxSuggestionCandidates) return "";
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& c : candidates) {
    const size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  // A typo changes a few characters; anything further is a different word, not a suggestion.
  const size_t limit = std::max<size_t>(1, std::min<size_t>(3, word.size() / 3 + 1));
  return best_d <= limit ? best : "";
}

namespace {

// Hand-written scanners, not std::regex: libstdc++'s regex recurses once per character and backtracks, so a
// 30,000-digit "number" overflowed the stack. These are linear and use no stack.
size_t scan_digits(const std::string& s, size_t i) {
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i;
}
// [+-]?[0-9]+
bool is_integer_text(const std::string& s) {
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  const size_t end = scan_digits(s, i);
  return end > i && end == s.size();
}
// [+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?
bool is_number_text(const std::string& s) {
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  const size_t int_end = scan_digits(s, i);
  size_t j = int_end;
  if (j < s.size() && s[j] == '.') {
    const size_t frac_end = scan_digits(s, j + 1);
    if (int_end == i && frac_end == j + 1) return false;  // "." alone
    j = frac_end;
  } else if (int_end == i) {
    return false;
  }
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    size_t k = j + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    const size_t exp_end = scan_digits(s, k);
    if (exp_end == k) return false;
    j = exp_end;
  }
  return j == s.size();
}

// How a YAML node reads as a JSON type. Plain scalars are typed by their text; quoted scalars are strings.
bool scalar_is_number(const YAML::Node& n, bool integer_only) {
  if (!n.IsScalar() || n.Tag() == "!") return false;
  const std::string& s = n.Scalar();
  if (s.empty()) return false;
  return integer_only ? is_integer_text(s) : is_number_text(s);
}
bool scalar_is_bool(const YAML::Node& n) {
  if (!n.IsScalar() || n.Tag() == "!") return false;
  static const char* kWords[] = {"true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "Yes", "No", "on", "off"};
  for (const char* w : kWords)
    if (n.Scalar() == w) return true;
  return false;
}

// 2 = the node is exactly of this JSON type; 1 = acceptable (any scalar reads as a string); 0 = no.
int type_score(const std::string& t, const YAML::Node& n) {
  if (t == "object") return n.IsMap() ? 2 : 0;
  if (t == "array") return n.IsSequence() ? 2 : 0;
  if (t == "null") return n.IsNull() ? 2 : 0;
  if (t == "boolean") return scalar_is_bool(n) ? 2 : 0;
  if (t == "integer") return scalar_is_number(n, true) ? 2 : 0;
  if (t == "number") return scalar_is_number(n, false) ? 2 : 0;
  if (t == "string") {
    if (!n.IsScalar()) return 0;
    return (scalar_is_number(n, false) || scalar_is_bool(n)) ? 1 : 2;
  }
  return 0;
}

std::string describe_node(const YAML::Node& n) {
  if (n.IsMap()) return "a map";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "an empty value";
  std::string s = n.Scalar();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return "'" + s + "'";
}

std::string type_phrase(const std::string& t) {
  if (t == "object") return "a map of keys";
  if (t == "array") return "a list";
  if (t == "integer") return "a whole number";
  if (t == "number") return "a number";
  if (t == "boolean") return "true or false";
  if (t == "string") return "a text value";
  if (t == "null") return "nothing";
  return t;
}

std::string join_list(const std::vector<std::string>& v, const std::string& last_sep = ", ") {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += (i + 1 == v.size() ? last_sep : ", ");
    s += v[i];
  }
  return s;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

class Walker {
 public:
  Walker(const json& root, const std::string& file) : root_(root), file_(file) {}

  const json& resolve(const json& s) const {
    const json* cur = &s;
    for (int guard = 0; guard < 32 && cur->is_object() && cur->contains("$ref"); ++guard) {
      const std::string ref = (*cur)["$ref"].get<std::string>();
      const std::string prefix = "#/$defs/";
      if (ref.compare(0, prefix.size(), prefix) != 0) break;
      cur = &root_["$defs"][ref.substr(prefix.size())];
    }
    return *cur;
  }

  // Best type score of the node against schema s (following $ref, any of its types, anyOf branches).
  int score(const json& s_in, const YAML::Node& n) const {
    const json& s = resolve(s_in);
    if (!s.is_object()) return 2;
    int best = -1;
    if (s.contains("type")) {
      best = 0;
      if (s["type"].is_array()) {
        for (const auto& t : s["type"]) best = std::max(best, type_score(t.get<std::string>(), n));
      } else {
        best = type_score(s["type"].get<std::string>(), n);
      }
    }
    for (const char* kw : {"anyOf", "oneOf"}) {
      if (!s.contains(kw)) continue;
      int b = 0;
      for (const auto& br : s[kw]) b = std::max(b, score(br, n));
      best = best < 0 ? b : std::min(best, b);
    }
    return best < 0 ? 2 : best;
  }

  void add(const YAML::Node& at, const std::string& path, std::string msg, std::string expected,
           std::vector<Diagnostic>& out) const {
    out.push_back({loc_of(at, file_), path, std::move(msg), std::move(expected)});
  }

  void walk(const json& s_in, const YAML::Node& n, const std::string& path, const std::string& title_in,
            std::vector<Diagnostic>& out) const {
    if (++visited_ > kMaxNodes) {
      if (visited_ == kMaxNodes + 1)
        add(n, path, "document too large after alias expansion", "fewer than 1,000,000 values", out);
      return;
    }
    const json& s = resolve(s_in);
    if (!s.is_object()) return;
    std::string title = s.contains("title") ? s["title"].get<std::string>() : title_in;

    // type
    if (s.contains("type")) {
      std::vector<std::string> types;
      if (s["type"].is_array())
        for (const auto& t : s["type"]) types.push_back(t.get<std::string>());
      else
        types.push_back(s["type"].get<std::string>());
      int best = 0;
      for (const auto& t : types) best = std::max(best, type_score(t, n));
      if (best == 0) {
        std::vector<std::string> phrases;
        for (const auto& t : types) phrases.push_back(type_phrase(t));
        add(n, path, "found " + describe_node(n), title.empty() ? join_list(phrases, " or ") : title, out);
        return;  // deeper checks would only repeat the same mistake
      }
    }

    // anyOf / oneOf: pass if one branch passes; else report the errors of the one branch that fits the
    // node's shape, or one summary error when the shape fits several or none.
    for (const char* kw : {"anyOf", "oneOf"}) {
      if (!s.contains(kw)) continue;
      const json& branches = s[kw];
      std::vector<std::vector<Diagnostic>> errs(branches.size());
      bool ok = false;
      for (size_t i = 0; i < branches.size() && !ok; ++i) {
        walk(branches[i], n, path, title, errs[i]);
        ok = errs[i].empty();
      }
      if (ok) continue;
      int best = 0;
      std::vector<size_t> fitting;
      for (size_t i = 0; i < branches.size(); ++i) {
        const int sc = score(branches[i], n);
        if (sc > best) {
          best = sc;
          fitting.clear();
        }
        if (sc == best && sc > 0) fitting.push_back(i);
      }
      if (fitting.size() == 1) {
        out.insert(out.end(), errs[fitting[0]].begin(), errs[fitting[0]].end());
      } else {
        add(n, path, "invalid value " + describe_node(n), title.empty() ? "a value matching the schema" : title, out);
      }
      return;
    }

    if (!n.IsScalar() && (s.contains("enum") || s.contains("const"))) {
      add(n, path, "found " + describe_node(n), title.empty() ? "a single value" : title, out);
      return;
    }
    if (n.IsScalar()) walk_scalar(s, n, path, title, out);
    if (n.IsMap()) walk_map(s, n, path, title, out);
    if (n.IsSequence()) walk_seq(s, n, path, title, out);
  }

 private:
  static constexpr size_t kMaxNodes = 1000000;

  void walk_scalar(const json& s, const YAML::Node& n, const std::string& path, const std::string& title,
                   std::vector<Diagnostic>& out) const {
    const std::string& text = n.Scalar();
    if (s.contains("enum")) {
      std::vector<std::string> options;
      bool found = false;
      for (const auto& e : s["enum"]) {
        const std::string opt = e.is_string() ? e.get<std::string>() : e.dump();
        options.push_back(opt);
        found = found || opt == text;
      }
      if (!found) {
        std::string msg = "invalid value " + describe_node(n);
        const std::string near = closest_match(text, options);
        if (!near.empty()) msg += "; did you mean '" + near + "'?";
        // Inside a titled choice ("a number or 'unlimited'") the title says more than this branch's list.
        add(n, path, msg, title.empty() ? "one of: " + join_list(options) : title, out);
        return;
      }
    }
    if (s.contains("const")) {
      const std::string want = s["const"].is_string() ? s["const"].get<std::string>() : s["const"].dump();
      if (want != text) add(n, path, "invalid value " + describe_node(n), "'" + want + "'", out);
    }
    if (scalar_is_number(n, false)) {
      errno = 0;
      const double v = std::strtod(text.c_str(), nullptr);
      if (!std::isfinite(v)) {
        add(n, path, "number out of range: " + text, title.empty() ? "a finite number" : title, out);
        return;
      }
      auto bound = [&](const char* kw, bool ok, const std::string& rel) {
        const double b = s[kw].get<double>();
        if (!ok) add(n, path, "value " + text + " is " + rel + " " + number_text(b), title.empty() ? "" : title, out);
      };
      if (s.contains("minimum")) bound("minimum", v >= s["minimum"].get<double>(), "below the minimum");
      if (s.contains("maximum")) bound("maximum", v <= s["maximum"].get<double>(), "above the maximum");
      if (s.contains("exclusiveMinimum"))
        bound("exclusiveMinimum", v > s["exclusiveMinimum"].get<double>(), "not greater than");
      if (s.contains("exclusiveMaximum"))
        bound("exclusiveMaximum", v < s["exclusiveMaximum"].get<double>(), "not less than");
    }
    if (s.contains("pattern")) {
      const std::string pat = s["pattern"].get<std::string>();
      // std::regex recurses per character and backtracks: bound the text before matching it.
      if (text.size() > kMaxPatternTextChars) {
        add(n, path,
            "value is too long (" + std::to_string(text.size()) + " characters; at most " +
                std::to_string(kMaxPatternTextChars) + ")",
            title.empty() ? "a shorter value" : title, out);
        return;
      }
      auto it = regex_cache_.find(pat);
      if (it == regex_cache_.end()) it = regex_cache_.emplace(pat, std::regex(pat, std::regex::ECMAScript)).first;
      if (!std::regex_search(text, it->second))
        add(n, path, "invalid value " + describe_node(n), title.empty() ? "text matching " + pat : title, out);
    }
  }

  void walk_map(const json& s, const YAML::Node& n, const std::string& path, const std::string& title,
                std::vector<Diagnostic>& out) const {
    (void)title;
    const json empty = json::object();
    const json& props = s.contains("properties") ? s["properties"] : empty;
    std::vector<std::string> known;
    for (auto it = props.begin(); it != props.end(); ++it) known.push_back(it.key());
    const bool closed = s.contains("additionalProperties") && s["additionalProperties"].is_boolean() &&
                        !s["additionalProperties"].get<bool>();
    const json* extra_schema =
        s.contains("additionalProperties") && s["additionalProperties"].is_object() ? &s["additionalProperties"] : nullptr;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node key = it->first;
      if (!key.IsScalar()) {
        add(key, path, "map keys must be plain names, found " + describe_node(key), "a key name", out);
        continue;
      }
      const std::string k = key.Scalar();
      const std::string kp = path_join(path, k);
      if (props.contains(k)) {
        walk(props[k], it->second, kp, "", out);
      } else if (extra_schema) {
        walk(*extra_schema, it->second, kp, "", out);
      } else if (closed) {
        std::string msg = "unknown key '" + k + "'";
        const std::string near = closest_match(k, known);
        if (!near.empty()) msg += "; did you mean '" + near + "'?";
        std::vector<std::string> sorted = known;
        add(key, kp, msg, "one of: " + join_list(sorted), out);
      }
    }
    if (s.contains("required")) {
      for (const auto& r : s["required"]) {
        const std::string k = r.get<std::string>();
        if (!n[k].IsDefined()) add(n, path_join(path, k), "missing required key '" + k + "'", "", out);
      }
    }
  }

  void walk_seq(const json& s, const YAML::Node& n, const std::string& path, const std::string& title,
                std::vector<Diagnostic>& out) const {
    (void)title;
    if (s.contains("minItems") && n.size() < s["minItems"].get<size_t>())
      add(n, path, "list has " + std::to_string(n.size()) + " entries",
          "at least " + std::to_string(s["minItems"].get<size_t>()), out);
    if (s.contains("maxItems") && n.size() > s["maxItems"].get<size_t>())
      add(n, path, "list has " + std::to_string(n.size()) + " entries",
          "at most " + std::to_string(s["maxItems"].get<size_t>()), out);
    if (s.contains("items"))
      for (size_t i = 0; i < n.size(); ++i) walk(s["items"], n[i], path_index(path, i), "", out);
  }

  const json& root_;
  std::string file_;
  mutable size_t visited_ = 0;
  mutable std::map<std::string, std::regex> regex_cache_;
};

void dup_walk(const YAML::Node& n, const std::string& file, const std::string& path, Diagnostics& out,
              size_t& budget) {
  if (budget == 0) return;
  --budget;
  if (n.IsMap()) {
    std::map<std::string, YAML::Node> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (!it->first.IsScalar()) continue;
      const std::string k = it->first.Scalar();
      auto found = seen.find(k);
      if (found != seen.end()) {
        const SourceLoc first = loc_of(found->second, file);
        out.add(loc_of(it->first, file), path_join(path, k),
                "duplicate key '" + k + "' (first defined at line " + std::to_string(first.line) + ")",
                "each key once per map");
      } else {
        seen.emplace(k, it->first);
      }
      dup_walk(it->second, file, path_join(path, k), out, budget);
    }
  } else if (n.IsSequence()) {
    for (size_t i = 0; i < n.size(); ++i) dup_walk(n[i], file, path_index(path, i), out, budget);
  }
}

}  // namespace

void SchemaChecker::check(const YAML::Node& node, const std::string& file, Diagnostics& out, const std::string& def,
                          const std::string& base_path) const {
  Walker w(root_, file);
  std::vector<Diagnostic> diags;
  const json& s = def.empty() ? root_ : root_["$defs"][def];
  w.walk(s, node, base_path, "", diags);
  for (auto& d : diags) out.add(std::move(d));
}

void check_duplicate_keys(const YAML::Node& node, const std::string& file, const std::string& base_path,
                          Diagnostics& out) {
  size_t budget = 1000000;
  dup_walk(node, file, base_path, out, budget);
}

}  // namespace ccsim::scenario
