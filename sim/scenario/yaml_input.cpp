#include "scenario/yaml_input.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace ccsim::scenario {

namespace fs = std::filesystem;

SourceLoc loc_of(const YAML::Node& node, const std::string& file) {
  SourceLoc loc;
  loc.file = file;
  if (!node.IsDefined()) return loc;
  const YAML::Mark m = node.Mark();
  if (m.line >= 0) {
    loc.line = m.line + 1;
    loc.col = m.column + 1;
  }
  return loc;
}

std::string fnv1a64_hex(const std::string& bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string read_input_file(const std::string& path) {
  SourceLoc where{path, 0, 0};
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) throw InputError(where, "", "file not found", "an existing YAML file");
  if (fs::is_directory(st)) throw InputError(where, "", "is a directory, not a file", "a YAML file");
  if (!fs::is_regular_file(st)) throw InputError(where, "", "is not a regular file", "a YAML file");
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) throw InputError(where, "", "cannot determine the file size: " + ec.message());
  if (size > kMaxInputBytes)
    throw InputError(where, "",
                     "file is too large (" + std::to_string(size) + " bytes; the limit is " +
                         std::to_string(kMaxInputBytes) + " bytes)",
                     "a scenario file under 16 MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(where, "", "cannot open the file for reading", "a readable file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(where, "", "error while reading the file");
  return ss.str();
}

// Line/column (1-based) of byte offset `pos` in `text`.
static SourceLoc loc_at(const std::string& text, size_t pos, const std::string& file) {
  int line = 1, col = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return SourceLoc{file, line, col};
}

// Rejects bytes no YAML text contains (NUL and other C0 controls except tab/CR/LF). YAML allows them nowhere
// unescaped, and they are the surest sign someone passed a binary file.
static void check_text_bytes(const std::string& text, const std::string& file) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02x", c);
      throw InputError(loc_at(text, i, file), "",
                       std::string("binary content: control byte ") + code + " is not allowed in YAML text",
                       "a UTF-8 text file");
    }
  }
}

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF included). Outputs (JSON, HDF5, HTML) carry names and descriptions
// as UTF-8, so a stray Latin-1 byte must be refused here, with its location, not when the results are written.
static size_t utf8_sequence_length(const std::string& text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xbf;  // allowed range of the second byte
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c == 0xe0) n = 3, lo = 0xa0;
  else if (c >= 0xe1 && c <= 0xec) n = 3;
  else if (c == 0xed) n = 3, hi = 0x9f;
  else if (c >= 0xee && c <= 0xef) n = 3;
  else if (c == 0xf0) n = 4, lo = 0x90;
  else if (c >= 0xf1 && c <= 0xf3) n = 4;
  else if (c == 0xf4) n = 4, hi = 0x8f;
  else return 0;
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const unsigned char b = static_cast<unsigned char>(text[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xbf)) return 0;
  }
  return n;
}

void check_utf8(const std::string& text, const std::string& file) {
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02x", static_cast<unsigned char>(text[i]));
      throw InputError(loc_at(text, i, file), "",
                       std::string("invalid UTF-8: byte ") + code +
                           " does not start a valid UTF-8 character (was the file saved as Latin-1 or Windows-1252?)",
                       "a UTF-8 text file");
    }
    i += n;
  }
}

// Estimates nesting before yaml-cpp sees the text. Flow collections count brackets outside quotes and
// comments; block nesting shows as indentation (plus compact "- - -" sequence markers).
static void check_nesting(const std::string& text, const std::string& file) {
  int depth = 0;
  bool in_single = false, in_double = false, in_comment = false, line_start = true;
  int indent = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      in_comment = false;
      line_start = true;
      indent = 0;
      continue;
    }
    if (line_start) {
      if (c == ' ' || c == '-' || c == '?') {
        if (++indent > kMaxIndentColumns)
          throw InputError(loc_at(text, i, file), "",
                           "nested too deeply (indentation beyond " + std::to_string(kMaxIndentColumns) + " columns)",
                           "a scenario nested at most a few levels");
        if (c == ' ' || i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n') continue;
      }
      line_start = false;
    }
    if (in_comment) continue;
    if (in_double) {
      if (c == '\\') ++i;
      else if (c == '"') in_double = false;
      continue;
    }
    if (in_single) {
      if (c == '\'') in_single = false;
      continue;
    }
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      in_comment = true;
    } else if (c == '"') {
      in_double = true;
    } else if (c == '\'' && (i == 0 || std::string(" \t[{,:").find(text[i - 1]) != std::string::npos)) {
      in_single = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxFlowDepth)
        throw InputError(loc_at(text, i, file), "",
                         "nested too deeply (more than " + std::to_string(kMaxFlowDepth) + " levels of [ or {)",
                         "a scenario nested at most a few levels");
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

namespace {

// Walks the parsed tree once, as the loader's later walks will, and refuses the two shapes only aliases can
// make: a node that contains itself (`x: &a [*a]`, which would recurse forever) and nesting deeper than
// kMaxTreeDepth after alias expansion. Nodes are told apart by identity (Node::is), bucketed by their source
// position; a node reached again through another alias is not walked twice (its height is remembered), so
// alias bombs cost their distinct nodes only.
class TreeShapeCheck {
 public:
  explicit TreeShapeCheck(const std::string& file) : file_(file) {}

  int height(const YAML::Node& n, const std::string& path) {
    if (!n.IsMap() && !n.IsSequence()) return 0;
    if (ancestors_.size() >= static_cast<size_t>(kMaxTreeDepth))
      throw InputError(loc_of(n, file_), path,
                       "nested too deeply (more than " + std::to_string(kMaxTreeDepth) +
                           " levels, counting values reached through aliases)",
                       "a scenario nested at most a few levels");
    for (const YAML::Node& a : ancestors_)
      if (a.is(n))
        throw InputError(loc_of(n, file_), path, "this value contains itself through an alias (a cycle)",
                         "aliases (*name) that refer to an earlier, complete value");
    const int known = remembered(n);
    if (known >= 0) {
      if (ancestors_.size() + static_cast<size_t>(known) > static_cast<size_t>(kMaxTreeDepth))
        throw InputError(loc_of(n, file_), path,
                         "nested too deeply (more than " + std::to_string(kMaxTreeDepth) +
                             " levels, counting values reached through aliases)",
                         "a scenario nested at most a few levels");
      return known;
    }
    ancestors_.push_back(n);
    int h = 0;
    if (n.IsMap()) {
      for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
        h = std::max(h, height(it->first, path));
        h = std::max(h, height(it->second, path.empty() ? key : path + "." + key));
      }
    } else {
      for (size_t i = 0; i < n.size(); ++i) h = std::max(h, height(n[i], path + "[" + std::to_string(i) + "]"));
    }
    ancestors_.pop_back();
    done_.emplace(n.Mark().pos, Done{n, h + 1});
    return h + 1;
  }

 private:
  struct Done {
    YAML::Node node;
    int height;
  };
  int remembered(const YAML::Node& n) const {
    auto range = done_.equal_range(n.Mark().pos);
    for (auto it = range.first; it != range.second; ++it)
      if (it->second.node.is(n)) return it->second.height;
    return -1;
  }

  const std::string& file_;
  std::vector<YAML::Node> ancestors_;
  std::unordered_multimap<int, Done> done_;
};

}  // namespace

void check_tree_shape(const YAML::Node& root, const std::string& file) {
  TreeShapeCheck check(file);
  check.height(root, "");
}

YamlDocument parse_yaml_text(const std::string& text, const std::string& display_name) {
  YamlDocument doc;
  doc.display_name = display_name;
  doc.text = text;
  if (text.size() > kMaxInputBytes)
    throw InputError(SourceLoc{display_name, 0, 0}, "", "input is too large", "a scenario under 16 MiB");
  check_text_bytes(text, display_name);
  check_utf8(text, display_name);
  check_nesting(text, display_name);
  try {
    doc.root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourceLoc loc{display_name, 0, 0};
    if (e.mark.line >= 0) {
      loc.line = e.mark.line + 1;
      loc.col = e.mark.column + 1;
    }
    throw InputError(loc, "", "malformed YAML: " + e.msg, "valid YAML");
  }
  if (!doc.root.IsDefined() || doc.root.IsNull())
    throw InputError(SourceLoc{display_name, 0, 0}, "", "the file is empty", "a YAML map of scenario keys");
  check_tree_shape(doc.root, display_name);
  return doc;
}

YamlDocument load_yaml_file(const std::string& path) { return parse_yaml_text(read_input_file(path), path); }

}  // namespace ccsim::scenario
