#pragma once
// Helpers shared by tests: run the built ccsim binary, temporary directories, reading files.
#include <string>
#include <vector>

namespace ccsim::test {

struct ProcResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built ccsim binary with the given arguments (no shell), capturing stdout and stderr.
ProcResult run_ccsim(const std::vector<std::string>& args, const std::string& stdin_text = "");
// Runs any program (argv[0] looked up in PATH).
ProcResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text = "");
// A fresh empty directory under the system temp dir, removed at process exit.
std::string temp_dir();
std::string write_file(const std::string& dir, const std::string& name, const std::string& content);
std::string read_file(const std::string& path);
std::string source_dir();  // project root
// Waits at most `bound_s` seconds for child `pid` to end (then kills it and its process group): its wait status,
// or -1 when it had to be killed.
int wait_bounded(int pid, int bound_s);
std::string ccsim_binary();
// Headless Chromium's command line for a page test: Debian's /usr/bin/chromium, a fresh profile in
// `profile_dir`, no network of its own (this machine has none), console messages on stderr.
std::vector<std::string> chromium_command(const std::string& profile_dir);

}  // namespace ccsim::test
