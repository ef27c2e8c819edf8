#include "cluster/slurm.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cluster/merge.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace ccsim::cluster {

namespace fs = std::filesystem;

std::string jobs_file(const std::string& dir) { return dir + "/slurm-jobs"; }

namespace {

std::string sbatch_directives(const SlurmPlan& p, const std::string& name, const std::string& log) {
  std::string s = "#!/bin/bash\n#SBATCH --job-name=" + name + "\n#SBATCH --output=" + log + "\n";
  const std::pair<const char*, const std::string*> passthrough[] = {
      {"partition", &p.opt.partition}, {"time", &p.opt.time}, {"mem", &p.opt.mem}, {"account", &p.opt.account}};
  for (const auto& [key, value] : passthrough)
    if (!value->empty()) s += std::string("#SBATCH --") + key + "=" + *value + "\n";
  return s;
}

std::string command_line(const SlurmPlan& p, const std::vector<std::string>& args) {
  std::string s = "exec " + shell_quote(p.ccsim);
  for (const auto& a : args) s += " " + shell_quote(a);
  return s;
}

std::string previous_array_job(const std::string& dir) {
  std::ifstream in(jobs_file(dir));
  std::string key, id, last;
  while (in >> key >> id)
    if (key == "array") last = id;
  return last;
}

}  // namespace

int run_shell(const std::string& cmd, std::string& out) {
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) throw std::runtime_error("cannot run: " + cmd);
  char buf[512];
  while (size_t n = fread(buf, 1, sizeof buf, f)) out.append(buf, n);
  return pclose(f);
}

std::string run_capture(const std::string& cmd) {
  std::string out;
  const int status = run_shell(cmd, out);
  if (status != 0) throw std::runtime_error("'" + cmd + "' failed (status " + std::to_string(status) + ")");
  return out;
}

std::string job_id(const std::string& parsable) {
  const auto end = parsable.find_first_of(";\n");
  return parsable.substr(0, end);
}

std::string part_path(const std::string& dir, const ShardSpec& s) {
  return dir + "/parts/shard-" + std::to_string(s.index) + "-of-" + std::to_string(s.count) + ".part";
}

std::string shard_log_path(const std::string& dir, int index) {
  return dir + "/logs/shard-" + std::to_string(index) + ".out";
}

std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+=/.,:@%") ==
                        std::string::npos)
    return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string array_spec(const std::vector<int>& shards) {
  std::string s;
  for (size_t i = 0; i < shards.size();) {
    size_t j = i;
    while (j + 1 < shards.size() && shards[j + 1] == shards[j] + 1) ++j;
    s += (s.empty() ? "" : ",") + std::to_string(shards[i]) + (j > i ? "-" + std::to_string(shards[j]) : "");
    i = j + 1;
  }
  return s;
}

std::string array_script(const SlurmPlan& p) {
  const std::string n = std::to_string(p.opt.shards);
  std::string s = sbatch_directives(p, "ccsim-" + p.command, p.opt.dir + "/logs/shard-%a.out");
  s += "#SBATCH --array=" + array_spec(p.shards) + "\n";
  s += "# One shard of `ccsim " + p.command + "` per array task (docs/cluster.md).\n";
  s += "set -eu\ncd " + shell_quote(p.cwd) + "\n";
  std::vector<std::string> args{p.command};
  args.insert(args.end(), p.args.begin(), p.args.end());
  s += command_line(p, args) + " --shard \"$SLURM_ARRAY_TASK_ID/" + n + "\" --part " +
       shell_quote(p.opt.dir + "/parts/shard-") + "\"$SLURM_ARRAY_TASK_ID\"" + shell_quote("-of-" + n + ".part") + "\n";
  return s;
}

std::string merge_script(const SlurmPlan& p) {
  const std::string n = std::to_string(p.opt.shards);
  std::string s = sbatch_directives(p, "ccsim-merge", p.opt.dir + "/logs/merge.out");
  s += "#SBATCH --kill-on-invalid-dep=yes\n";
  s += "# Runs after every shard succeeded (sbatch --dependency=afterok:<array job>).\n";
  s += "set -eu\ncd " + shell_quote(p.cwd) + "\n";
  s += command_line(p, {"merge"}) + " " + shell_quote(p.opt.dir + "/parts/shard-") + "{1.." + n + "}" +
       shell_quote("-of-" + n + ".part");
  for (const auto& a : p.merge_outputs) s += " " + shell_quote(a);
  return s + "\n";
}

std::vector<int> missing_shards(const SlurmOptions& opt, const PartHeader& expected, std::ostream& report) {
  const std::string previous = previous_array_job(opt.dir);
  std::vector<int> missing;
  for (int i = 1; i <= opt.shards; ++i) {
    const ShardSpec s{i, opt.shards};
    const std::string path = part_path(opt.dir, s);
    if (!fs::exists(path)) {
      missing.push_back(i);
      if (!previous.empty())
        report << "shard " << s.text() << ": array task " << previous << "_" << i << " left no part; log: "
               << shard_log_path(opt.dir, i) << "\n";
      continue;
    }
    PartHeader h;
    try {
      h = read_part_header(path);
    } catch (const PartFormatError& e) {
      throw MergeError(std::string(e.what()) + " (remove it to run the shard again)");
    }
    PartHeader want = expected;
    want.shard = s;
    const std::string d = header_difference(want, h, "this run");
    if (!d.empty()) throw MergeError(path + ": does not belong with this run: " + d);
    if (h.shard.index != i || h.items != shard_items(want.replications, s))
      throw MergeError(path + ": does not hold exactly the replications of shard " + s.text());
  }
  return missing;
}

int submit(const SlurmPlan& p, std::ostream& out, std::ostream& err) {
  const std::string shards_file = p.opt.dir + "/shards.sbatch", merge_file = p.opt.dir + "/merge.sbatch";
  if (p.opt.dry_run) {
    if (!p.shards.empty()) out << "# " << shards_file << "\n" << array_script(p) << "\n";
    out << "# " << merge_file << "\n" << merge_script(p) << "\n";
    if (!p.shards.empty()) out << "sbatch --parsable " << shell_quote(shards_file) << "\n";
    out << "sbatch --parsable " << (p.shards.empty() ? "" : "--dependency=afterok:<array job> ")
        << shell_quote(merge_file) << "\n";
    return kExitOk;
  }
  fs::create_directories(p.opt.dir + "/parts");
  fs::create_directories(p.opt.dir + "/logs");
  auto write = [](const std::string& path, const std::string& text) {
    AtomicFile f(path);
    f.write(text);
    f.commit();
  };
  write(merge_file, merge_script(p));
  std::string dependency, record;
  if (!p.shards.empty()) {
    write(shards_file, array_script(p));
    const std::string array = job_id(run_capture("sbatch --parsable " + shell_quote(shards_file)));
    dependency = "--dependency=afterok:" + array + " ";
    record += "array " + array + "\n";
    out << "submitted shards " << array_spec(p.shards) << " of " << p.opt.shards << " as array job " << array
        << " (logs: " << p.opt.dir << "/logs/shard-<task>.out)\n";
  } else {
    err << "every shard's part is in " << p.opt.dir << "/parts: submitting the merge only\n";
  }
  const std::string merge = job_id(run_capture("sbatch --parsable " + dependency + shell_quote(merge_file)));
  record += "merge " + merge + "\n";
  std::ofstream(jobs_file(p.opt.dir), std::ios::app) << record;
  out << "submitted merge job " << merge << " (log: " << p.opt.dir << "/logs/merge.out)\n";
  return kExitOk;
}

}  // namespace ccsim::cluster
