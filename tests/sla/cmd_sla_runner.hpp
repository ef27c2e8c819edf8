#pragma once
// Runs `ccsim sla` in-process the way main() does (InputError -> message, exit 2), for the tests of the
// subcommand and of its evidence; with the shipped ledgers and contracts by name.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "support/test_support.hpp"

namespace ccsim::test::cmd_sla {

inline std::string data(const std::string& name) { return std::string(CCSIM_TEST_DATA) + "/ledgers/" + name; }
inline std::string contract(const std::string& name) { return source_dir() + "/models/contracts/" + name; }

struct Result {
  int code = -1;
  std::string out, err;
};
inline Result run(const std::vector<std::string>& args) {
  Result r;
  testing::internal::CaptureStdout();
  try {
    r.code = cli::cmd_sla(args);
  } catch (const InputError& e) {
    r.err = e.what();
    r.code = kExitBadInput;
  }
  r.out = testing::internal::GetCapturedStdout();
  return r;
}

}  // namespace ccsim::test::cmd_sla
