#pragma once
// Writes a command's outputs one by one after a long computation (run, capacity, sweep). A failure (the
// directory removed or made read-only meanwhile, a full disk) is reported with its option and does not stop the
// other outputs: every file that can still be written is worth having. finish() then lists what was written.
#include <functional>
#include <string>
#include <vector>

namespace ccsim::cli {

class OutputWriter {
 public:
  explicit OutputWriter(std::string command = "ccsim run") : command_(std::move(command)) {}
  // Runs `write_it`; an OutputError is reported ("COMMAND: OPTION: why (an existing PATH is untouched)").
  bool write(const char* option, const std::string& path, const std::function<void()>& write_it);
  // False when an output failed, after saying which were written.
  bool finish() const;

 private:
  std::string command_;
  std::vector<std::string> written_;
  bool failed_ = false;
};

}  // namespace ccsim::cli
