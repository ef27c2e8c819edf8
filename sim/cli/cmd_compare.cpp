// `ccsim compare A.h5 B.h5 [--json PATH] [-o report.html] [--csv DIR] [--all]`: two results files side by
// side with the difference B - A and its 95% interval (output/compare.hpp). Exit 2 when the files cannot be
// compared (not results files, different scenario structure).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "output/compare.hpp"
#include "output/output_paths.hpp"
#include "output/table_render.hpp"

namespace ccsim::cli {

namespace {
void write_file(const std::string& path, const std::string& text) {
  AtomicFile f(path);
  f.write(text);
  f.commit();
}
}  // namespace

int cmd_compare(const Args& args) {
  po::options_description opts("compare options");
  std::string a, b, json_path, html, csv;
  opts.add_options()
      ("json", po::value<std::string>(&json_path), "write the comparison as JSON (- for standard output)")
      ("output,o", po::value<std::string>(&html), "write an HTML page")
      ("csv", po::value<std::string>(&csv), "write every table as DIR/<table>.csv")
      ("all", po::bool_switch(), "terminal: every KPI, not only the headline ones")
      ("a", po::value<std::string>(&a), "first results file (A)")
      ("b", po::value<std::string>(&b), "second results file (B); differences are B - A");
  po::positional_options_description pos;
  pos.add("a", 1).add("b", 1);
  auto p = parse_options("compare", "A.h5 B.h5 [--json PATH] [-o report.html] [--csv DIR]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  if (a.empty() || b.empty()) {
    std::cerr << "ccsim compare: needs two results files A.h5 B.h5 (see: ccsim compare --help)\n";
    return kExitBadInput;
  }
  std::vector<OutputPath> outputs;
  if (!json_path.empty() && json_path != "-") outputs.push_back({"--json", json_path});
  if (!html.empty()) outputs.push_back({"-o", html});
  check_output_paths("ccsim compare", outputs, {a, b});
  const RunComparison c = compare_runs(a, b);
  try {
    if (json_path == "-") std::cout << comparison_to_json(c).dump(2) << "\n";
    else std::cout << comparison_to_terminal(c, p.vm["all"].as<bool>());
    if (!json_path.empty() && json_path != "-") write_file(json_path, comparison_to_json(c).dump(2) + "\n");
    if (!html.empty()) write_file(html, comparison_to_html(c));
    if (!csv.empty()) write_csv_dir(csv, c.tables());
  } catch (const OutputError& e) {
    std::cerr << "ccsim compare: " << e.what() << "\n";
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace ccsim::cli
