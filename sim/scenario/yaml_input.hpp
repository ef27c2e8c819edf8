#pragma once
// Reading a user's YAML file safely: every way a file can be unusable (missing, a directory, too large, binary,
// empty, malformed, nested deeper than any real scenario) becomes a located InputError instead of a crash or a
// parser stack overflow. Also the small helpers that turn yaml-cpp marks into 1-based source locations.
#include <cstdint>
#include <string>

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"

namespace ccsim::scenario {

// Files larger than this are refused before they are read: a scenario is a few kilobytes; a 100 MB "scenario"
// is a mistake (or an attack) and would take the parser minutes and gigabytes.
constexpr uint64_t kMaxInputBytes = 16ull << 20;  // 16 MiB
// Deepest nesting accepted: flow brackets [ { counted directly, block nesting estimated from indentation.
// Real scenarios nest ~8 levels; yaml-cpp recurses per level and could overflow the stack on ~10k.
constexpr int kMaxFlowDepth = 64;
constexpr int kMaxIndentColumns = 256;
// Deepest nesting of the parsed tree, aliases expanded (the walks over the tree recurse once per level).
constexpr int kMaxTreeDepth = 128;

struct YamlDocument {
  std::string display_name;  // path as given (used in diagnostics)
  std::string text;          // raw bytes
  YAML::Node root;
};

// Reads `path` with all the checks above; throws InputError (file:line:col where known).
std::string read_input_file(const std::string& path);
// Checks the bytes (binary content, nesting depth) and parses them; throws InputError.
YamlDocument parse_yaml_text(const std::string& text, const std::string& display_name);
// Refuses invalid UTF-8 with the location of the first bad byte; throws InputError.
void check_utf8(const std::string& text, const std::string& file);
// Refuses a tree that contains itself through an alias, or nests deeper than kMaxTreeDepth; throws InputError.
void check_tree_shape(const YAML::Node& root, const std::string& file);
// read_input_file + parse_yaml_text.
YamlDocument load_yaml_file(const std::string& path);

// 1-based location of a node (yaml-cpp marks are 0-based; a null mark gives line 0 = unknown).
SourceLoc loc_of(const YAML::Node& node, const std::string& file);

// FNV-1a 64-bit digest of bytes, as 16 lowercase hex digits (identifies the exact input of a run).
std::string fnv1a64_hex(const std::string& bytes);

}  // namespace ccsim::scenario
