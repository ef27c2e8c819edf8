#include "core/error.hpp"

#include <algorithm>

namespace ccsim {

std::string Diagnostic::format() const {
  std::string s = loc.file.empty() ? std::string("<input>") : loc.file;
  if (loc.line > 0) {
    s += ":" + std::to_string(loc.line);
    if (loc.col > 0) s += ":" + std::to_string(loc.col);
  }
  s += ": ";
  if (!path.empty()) s += path + ": ";
  s += message;
  if (!expected.empty()) s += " (expected " + expected + ")";
  return s;
}

static std::string join(const std::vector<Diagnostic>& d) {
  std::string s;
  const size_t shown = std::min(d.size(), kMaxReportedDiagnostics);
  for (size_t i = 0; i < shown; ++i) {
    if (i) s += "\n";
    s += d[i].format();
  }
  if (d.size() > shown) s += "\n... and " + std::to_string(d.size() - shown) + " more problems";
  return s;
}

InputError::InputError(std::vector<Diagnostic> diags) : std::runtime_error(join(diags)), diags_(std::move(diags)) {}

InputError::InputError(SourceLoc loc, std::string path, std::string message, std::string expected)
    : InputError(std::vector<Diagnostic>{{std::move(loc), std::move(path), std::move(message), std::move(expected)}}) {}

void Diagnostics::throw_if_any() const {
  if (!list_.empty()) throw InputError(list_);
}

}  // namespace ccsim
