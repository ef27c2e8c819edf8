#pragma once
// Boost.Program_options glue shared by subcommands: the same parsing style everywhere (no prefix guessing:
// `--rep` never means `--replications`) and usage errors turned into exit code 2.
#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

namespace ccsim::cli {

namespace po = boost::program_options;

struct ParsedOptions {
  po::variables_map vm;
  bool help = false;
  int exit_code = -1;  // >= 0: the caller should return this at once (help printed or usage error)
};

// Parses args against `opts` (plus --help) and positional names. Prints help to stdout on --help, usage
// errors to stderr with the subcommand's name.
ParsedOptions parse_options(const std::string& command, const std::string& usage, po::options_description opts,
                            const po::positional_options_description& positional, const std::vector<std::string>& args);

}  // namespace ccsim::cli
