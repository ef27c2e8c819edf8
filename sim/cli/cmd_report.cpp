// `ccsim report RESULTS.h5 [-o report.html]`: one self-contained HTML page from a results file (no network
// access when opened). Default output: the results path with its extension replaced by .html.
#include <filesystem>
#include <iostream>

#include "output/capacity_h5.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "output/output_paths.hpp"
#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "output/h5_probe.hpp"
#include "output/h5_reader.hpp"
#include "output/html_report.hpp"

namespace ccsim::cli {

int cmd_report(const Args& args) {
  po::options_description opts("report options");
  std::string results, out;
  Unsigned<size_t> max_points = ReportOptions{}.max_points;
  opts.add_options()
      ("output,o", po::value<std::string>(&out), "HTML file to write (default: RESULTS with extension .html)")
      ("max-points", po::value<Unsigned<size_t>>(&max_points)->default_value(max_points),
       "points per chart line; longer series are downsampled")
      ("results", po::value<std::string>(&results), "results file written by `ccsim run` or `ccsim capacity --output`");
  po::positional_options_description pos;
  pos.add("results", 1);
  auto p = parse_options("report", "RESULTS.h5 [-o report.html]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  if (results.empty()) {
    std::cerr << "ccsim report: missing RESULTS (see: ccsim report --help)\n";
    return kExitBadInput;
  }
  if (max_points.value < 10) {
    std::cerr << "ccsim report: --max-points must be >= 10\n";
    return kExitBadInput;
  }
  if (out.empty()) out = std::filesystem::path(results).replace_extension(".html").string();
  check_output_paths("ccsim report", {{"-o", out}}, {results});
  // libhdf5 can crash or hang on a damaged file: a child process checks it first (refused: InputError, exit 2).
  probe_h5_input(results, [&] {
    if (capacity::is_capacity_h5(results)) (void)capacity::render_capacity_html(results);
    else (void)render_html_report(H5Results(results), ReportOptions{max_points.value});
  });
  try {
    if (capacity::is_capacity_h5(results)) capacity::write_capacity_report(results, out);
    else write_html_report(results, out, ReportOptions{max_points.value});
  } catch (const OutputError& e) {
    std::cerr << "ccsim report: " << e.what() << "\n";
    return kExitInternal;
  }
  std::cout << "ccsim report: wrote " << out << "\n";
  return kExitOk;
}

}  // namespace ccsim::cli
