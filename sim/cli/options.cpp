#include "cli/options.hpp"

#include "core/error.hpp"

namespace ccsim::cli {

ParsedOptions parse_options(const std::string& command, const std::string& usage, po::options_description opts,
                            const po::positional_options_description& positional, const std::vector<std::string>& args) {
  ParsedOptions r;
  opts.add_options()("help,h", "show this help");
  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(positional).style(style).run(), r.vm);
    if (r.vm.count("help")) {
      std::cout << "usage: ccsim " << command << " " << usage << "\n\n" << opts << "\n";
      r.help = true;
      r.exit_code = kExitOk;
      return r;
    }
    po::notify(r.vm);
  } catch (const po::error& e) {
    std::cerr << "ccsim " << command << ": " << e.what() << "\n(see: ccsim " << command << " --help)\n";
    r.exit_code = kExitBadInput;
  }
  return r;
}

}  // namespace ccsim::cli
