#pragma once
// Slurm submission of a sharded run: one job array over the shards (`ccsim run|sweep ... --shard I/N`) and a
// merge job that waits for all of them (afterok). Everything lands in one directory the user names:
//   DIR/shards.sbatch, DIR/merge.sbatch   the batch scripts as submitted
//   DIR/parts/shard-I-of-N.part           the partial results (cluster/part_file)
//   DIR/logs/shard-I.out, DIR/logs/merge.out
//   DIR/slurm-jobs                        the ids of the last submission (array job, merge job)
// Rerunning the same command submits only the shards whose part is missing, and names the array tasks of the
// previous submission that failed with their log.
#include <iosfwd>
#include <string>
#include <vector>

#include "cluster/part_file.hpp"

namespace ccsim::cluster {

struct SlurmOptions {
  std::string dir;  // --slurm-dir (absolute after resolve)
  std::string partition, time, mem, account;  // passed through to #SBATCH when given
  int shards = 0;
  bool dry_run = false;
};

struct SlurmPlan {
  std::string ccsim;                      // absolute path of the ccsim binary
  std::string cwd;                        // the jobs run here (relative scenario paths)
  std::string command;                    // run | sweep
  std::vector<std::string> args;          // the command's arguments without cluster and output options
  std::vector<std::string> merge_outputs;  // e.g. {"-o", DIR/x.h5, "--json", DIR/summary.json}
  SlurmOptions opt;
  std::vector<int> shards;                // the shards to submit (1-based), all of them on a first run
};

std::string part_path(const std::string& dir, const ShardSpec& s);
std::string shard_log_path(const std::string& dir, int index);
std::string shell_quote(const std::string& s);
// "1-3,5,7-8" for {1,2,3,5,7,8}
std::string array_spec(const std::vector<int>& shards);

std::string array_script(const SlurmPlan& p);
// Runs `cmd` through the shell, appending its stdout to `out`; returns pclose's status.
int run_shell(const std::string& cmd, std::string& out);
// The same, returning stdout; throws when the command fails.
std::string run_capture(const std::string& cmd);
// The job id in `sbatch --parsable`'s answer ("jobid" or "jobid;cluster").
std::string job_id(const std::string& parsable);
// DIR/slurm-jobs: one "array <id>" / "merge <id>" line per submission (the resume report names the last array).
std::string jobs_file(const std::string& dir);
std::string merge_script(const SlurmPlan& p);

// The shards whose part is missing in DIR/parts. A part that is there but from another run (scenario hash,
// seed, version, replications, shard count differ from `expected`) throws MergeError naming it. Writes to
// `report` one line per shard of the previous submission that left no part: its array task id and log path.
std::vector<int> missing_shards(const SlurmOptions& opt, const PartHeader& expected, std::ostream& report);

// Dry run: prints the scripts and the sbatch commands. Otherwise writes the scripts, submits the array (if any
// shard is missing) and the merge job, records their ids and prints them. Returns the exit code.
int submit(const SlurmPlan& p, std::ostream& out, std::ostream& err);

}  // namespace ccsim::cluster
