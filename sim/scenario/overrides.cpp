#include "scenario/overrides.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>

#include "core/error.hpp"

namespace ccsim {

namespace {

struct Step {
  std::string key;  // map key, or empty for an index step
  long index = -1;
};

std::vector<Step> split_path(const std::string& path, const std::string& source) {
  std::vector<Step> steps;
  size_t i = 0;
  auto bad = [&](const std::string& why) {
    throw InputError(SourceLoc{source, 0, 0}, path, "bad override path: " + why,
                     "keys separated by '.', list items as [N], e.g. tenants[0].groups[1].agents");
  };
  while (i < path.size()) {
    if (path[i] == '[') {
      size_t j = path.find(']', i);
      if (j == std::string::npos || j == i + 1) bad("unclosed or empty [ ]");
      const std::string num = path.substr(i + 1, j - i - 1);
      for (char c : num)
        if (!std::isdigit(static_cast<unsigned char>(c))) bad("index '" + num + "' is not a number");
      steps.push_back({"", std::stol(num)});
      i = j + 1;
      if (i < path.size() && path[i] == '.') ++i;
    } else {
      size_t j = i;
      while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
      if (j == i) bad("empty key");
      steps.push_back({path.substr(i, j - i), -1});
      i = j;
      if (i < path.size() && path[i] == '.') ++i;
    }
  }
  if (steps.empty()) bad("empty path");
  return steps;
}

}  // namespace

std::vector<Override> parse_vary(const std::string& spec) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 >= spec.size())
    throw InputError(SourceLoc{"--vary", 0, 0}, spec, "expected PATH=V1,V2,...", "e.g. tenants[0].groups[0].agents=10,12,14");
  const std::string path = spec.substr(0, eq);
  std::vector<Override> out;
  // Commas inside [ ] or { } belong to a flow value.
  std::string cur;
  int depth = 0;
  for (char c : spec.substr(eq + 1)) {
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      out.push_back({path, cur});
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back({path, cur});
  for (const auto& o : out)
    if (o.value.empty()) throw InputError(SourceLoc{"--vary", 0, 0}, path, "empty value in the list", "V1,V2,...");
  return out;
}

std::string apply_overrides(const std::string& yaml_text, const std::vector<Override>& overrides,
                            const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw InputError(SourceLoc{source, e.mark.line + 1, e.mark.column + 1}, "", e.msg);
  }
  for (const auto& o : overrides) {
    const auto steps = split_path(o.path, source);
    YAML::Node node = root;
    std::string walked;
    for (size_t k = 0; k + 1 < steps.size(); ++k) {
      const Step& s = steps[k];
      YAML::Node next;
      if (s.index >= 0) {
        if (!node.IsSequence() || s.index >= static_cast<long>(node.size()))
          throw InputError(SourceLoc{source, 0, 0}, o.path,
                           "no item [" + std::to_string(s.index) + "] under '" + walked + "'");
        next = node[static_cast<size_t>(s.index)];
        walked += "[" + std::to_string(s.index) + "]";
      } else {
        if (!node.IsMap() || !node[s.key])
          throw InputError(SourceLoc{source, 0, 0}, o.path, "no key '" + s.key + "' under '" + walked + "'");
        next = node[s.key];
        walked += (walked.empty() ? "" : ".") + s.key;
      }
      node.reset(next);
    }
    YAML::Node value;
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      throw InputError(SourceLoc{"--vary", 0, 0}, o.path, "value '" + o.value + "' is not valid YAML: " + e.msg);
    }
    const Step& last = steps.back();
    if (last.index >= 0) {
      if (!node.IsSequence() || last.index >= static_cast<long>(node.size()))
        throw InputError(SourceLoc{source, 0, 0}, o.path, "no item [" + std::to_string(last.index) + "]");
      node[static_cast<size_t>(last.index)] = value;
    } else {
      if (!node.IsMap()) throw InputError(SourceLoc{source, 0, 0}, o.path, "'" + walked + "' is not a mapping");
      node[last.key] = value;  // new keys allowed: validation of the result rejects unknown ones
    }
  }
  YAML::Emitter out;
  out << root;
  return out.c_str();
}

}  // namespace ccsim
