#pragma once
// Boost.Program_options glue shared by subcommands: the same parsing style everywhere (no prefix guessing:
// `--rep` never means `--replications`) and usage errors turned into exit code 2.
#include <boost/lexical_cast.hpp>
#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

namespace ccsim::cli {

namespace po = boost::program_options;

// An unsigned option value that refuses anything but digits. Boost reads an unsigned type through
// lexical_cast, which turns "--seed -1" into 18446744073709551615 without a word.
template <class T>
struct Unsigned {
  T value{};
  Unsigned() = default;
  Unsigned(T v) : value(v) {}  // NOLINT: implicit, so default values read naturally
  operator T() const { return value; }
};
template <class T>
std::ostream& operator<<(std::ostream& o, const Unsigned<T>& u) {
  return o << u.value;
}
// Found by argument-dependent lookup from Boost's parser.
template <class T>
void validate(boost::any& out, const std::vector<std::string>& values, Unsigned<T>*, int) {
  po::validators::check_first_occurrence(out);
  const std::string& s = po::validators::get_single_string(values);
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) throw po::invalid_option_value(s);
  try {
    out = Unsigned<T>(boost::lexical_cast<T>(s));
  } catch (const boost::bad_lexical_cast&) {  // too large for T
    throw po::invalid_option_value(s);
  }
}

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
