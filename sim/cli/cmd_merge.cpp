// ccsim merge PARTS... [-o out.h5] [--json out.json]: joins the partial results of `ccsim run|sweep --shard I/N`
// and writes exactly what the local run would have written (same aggregation code: run's finish_run, sweep's
// table), after checking that the parts make one complete run (cluster/merge; exit 2 naming the wrong part).
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/cluster_options.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"
#include "output/results_h5.hpp"

namespace ccsim::cli {

namespace fs = std::filesystem;

namespace {

// Output paths are the user's, relative to where merge was started; made absolute before moving to the
// directory the shards ran in.
std::string absolute_output(const std::string& path) {
  return path.empty() || path == "-" ? path : fs::absolute(path).string();
}

}  // namespace

int cmd_merge(const Args& args) {
  po::options_description opts("options");
  std::vector<std::string> parts;
  MergeInput in;
  opts.add_options()
      ("output,o", po::value<std::string>(&in.h5_path), "HDF5 results file (run parts; default as ccsim run)")
      ("json", po::value<std::string>(&in.json_path), "write the JSON summary to PATH ('-' = stdout)")
      ("quiet,q", po::bool_switch(&in.quiet), "no terminal summary")
      ("part", po::value<std::vector<std::string>>(&parts), "partial result files");
  po::positional_options_description pos;
  pos.add("part", -1);
  auto p = parse_options("merge", "PART... [-o results.h5] [--json summary.json]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  if (parts.empty()) {
    std::cerr << "ccsim merge: no PART given (see: ccsim merge --help)\n";
    return kExitBadInput;
  }
  try {
    in.merged = cluster::merge_parts(parts);
  } catch (const cluster::MergeError& e) {
    std::cerr << "ccsim merge: " << e.what() << "\n";
    return kExitBadInput;
  }
  const cluster::PartHeader& h = in.merged.header;
  if (h.ccsim_version != CCSIM_VERSION) {
    std::cerr << "ccsim merge: the parts come from ccsim " << h.ccsim_version << ", this is ccsim " CCSIM_VERSION "\n";
    return kExitBadInput;
  }
  if (h.command == "sweep" && !in.h5_path.empty()) {
    std::cerr << "ccsim merge: -o: a sweep writes no HDF5 file (use --json)\n";
    return kExitBadInput;
  }
  // The command's arguments hold paths relative to the directory the shards ran in; the JSON names the
  // scenario as it was given there, so the merge reads it from there too (when that directory exists here).
  if (results_file_wanted(in.h5_path)) in.h5_path = absolute_output(in.h5_path);
  in.json_path = absolute_output(in.json_path);
  std::error_code ec;
  if (fs::is_directory(h.cwd, ec)) fs::current_path(h.cwd);
  if (h.command == "run") return run_command(h.args, &in);
  if (h.command == "sweep") return sweep_command(h.args, &in);
  std::cerr << "ccsim merge: " << parts.front() << ": unknown command '" << h.command << "'\n";
  return kExitBadInput;
}

}  // namespace ccsim::cli
