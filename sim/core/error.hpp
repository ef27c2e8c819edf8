#pragma once
// Located input errors. Every problem found in a user's file carries where it is and which key it concerns,
// so the CLI can print `file:line:col: key.path: message (expected ...)` and exit 2 without writing anything.
#include <stdexcept>
#include <string>
#include <vector>

namespace ccsim {

struct SourceLoc {
  std::string file;
  int line = 0;  // 1-based; 0 = unknown
  int col = 0;   // 1-based; 0 = unknown
};

struct Diagnostic {
  SourceLoc loc;
  std::string path;      // key path, e.g. tenants[0].groups[1].agents
  std::string message;   // what is wrong
  std::string expected;  // what was expected (may be empty)
  std::string format() const;
};

// The message of an InputError lists at most this many problems, then "... and N more problems": a file with
// thousands of the same mistake needs the first few, not a megabyte of output.
constexpr size_t kMaxReportedDiagnostics = 100;

// Thrown when user input is invalid; holds all problems found in one pass.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diags);
  InputError(SourceLoc loc, std::string path, std::string message, std::string expected = "");
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }

 private:
  std::vector<Diagnostic> diags_;
};

// Collects diagnostics while a loader keeps going, so users see every problem at once.
class Diagnostics {
 public:
  void add(Diagnostic d) { list_.push_back(std::move(d)); }
  void add(SourceLoc loc, std::string path, std::string message, std::string expected = "") {
    list_.push_back({std::move(loc), std::move(path), std::move(message), std::move(expected)});
  }
  bool empty() const { return list_.empty(); }
  size_t size() const { return list_.size(); }
  const std::vector<Diagnostic>& list() const { return list_; }
  // Throws InputError when anything was collected.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> list_;
};

// Exit codes shared by every subcommand.
// 130 = 128 + SIGINT, the shell convention: the run was interrupted and its outputs are marked incomplete.
enum ExitCode : int { kExitOk = 0, kExitInternal = 1, kExitBadInput = 2, kExitTargetBreached = 3, kExitInterrupted = 130 };

}  // namespace ccsim
