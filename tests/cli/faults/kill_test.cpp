// SIGKILL cannot be caught: a run killed outright (kill -9, the OOM killer) at any moment must leave each target
// path holding the previous file or a complete new one, never a partial file, and the next run cleans what it left
// (temporary files, scratch directories). A worker killed alone (what the OOM killer does to the biggest process)
// must not cost the other replications' results.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "cli/faults/fault_support.hpp"
#include "core/error.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace ccsim::test;
using namespace ccsim::test::faults;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The target holds the previous bytes or a complete new file: `ccsim report` accepts it and it says complete.
void expect_previous_or_complete(const RunDirs& d, const std::string& prev_h5, const std::string& prev_json) {
  const std::string h5 = bytes_or_empty(d.h5), json = bytes_or_empty(d.json);
  ASSERT_FALSE(h5.empty()) << "the previous results file was lost";
  ASSERT_FALSE(json.empty()) << "the previous JSON summary was lost";
  if (h5 != prev_h5) {
    std::string why;
    EXPECT_TRUE(report_accepts(d.h5, &why)) << why;
    EXPECT_EQ(h5_complete(d.h5), 1) << "SIGKILL leaves no time to mark a file incomplete: a new file is complete";
  }
  if (json != prev_json) {
    const auto doc = nlohmann::json::parse(json, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << "partial JSON at the target";
    EXPECT_EQ(doc["run"]["interrupted"], false);
  }
}

}  // namespace

TEST(Faults, SigkillAtSeededRandomMomentsLeavesPreviousOrCompleteFiles) {
  RunDirs d;
  ASSERT_TRUE(write_previous(d));
  const std::string prev_h5 = read_file(d.h5), prev_json = read_file(d.json);
  std::mt19937 rng(16);  // seeded: a failure names its try, phase and delay, and reruns the same moments
  const Phase phases[] = {Phase::kSetup, Phase::kSimulation, Phase::kWriting};
  const int max_delay_ms[] = {30, 700, 40};  // within each phase's length for a 10-day month on an idle machine
  bool left_something = false;
  for (int i = 0; i < 6; ++i) {
    const Phase phase = phases[i % 3];
    const bool whole_group = i % 2 == 0;  // kill -9 of the job, or of the parent alone (its workers orphaned)
    const int delay = std::uniform_int_distribution<int>(0, max_delay_ms[i % 3])(rng);
    SCOPED_TRACE("try " + std::to_string(i) + ": SIGKILL to the " + (whole_group ? "group" : "parent alone") +
                 " " + std::to_string(delay) + " ms into " + phase_name(phase));
    const Started run = start_run(month_run("10d", d.h5, d.json, {"--seed", std::to_string(100 + i)}), d.tmp,
                                  d.root + "/err.txt");
    ASSERT_GT(run.pid, 0);
    wait_for_phase(run, phase, d.tmp, d.out, delay);
    kill(whole_group ? -run.pid : run.pid, SIGKILL);
    const int status = wait_bounded(run.pid, 60);
    ASSERT_NE(status, -1);
    EXPECT_TRUE(group_gone(run.pid, 20)) << "a worker outlived its killed run";
    expect_previous_or_complete(d, prev_h5, prev_json);
    left_something = left_something || !leftovers(d.tmp).empty() || !leftovers(d.out).empty();
  }
  EXPECT_TRUE(left_something) << "no try was killed mid-run: the moments missed the run";
  // The next run to the same paths removes what the killed runs left, and writes complete files.
  const Started next = start_run(month_run("1h", d.h5, d.json, {"--seed", "2"}), d.tmp, d.root + "/err.txt");
  const int status = wait_bounded(next.pid, 60);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(next.err_path);
  EXPECT_EQ(leftovers(d.out), std::vector<std::string>{});
  EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
  EXPECT_EQ(h5_complete(d.h5), 1);
}

TEST(Faults, WorkerKilledMidRunKeepsTheOtherReplication) {
  // What the OOM killer does: SIGKILL to one worker. The run stops the other worker at its current date and
  // writes what it has, marked incomplete, naming the lost replication; exit 1 (docs/output-format.md).
  RunDirs d;
  const Started run = start_run(month_run("90d", d.h5, d.json, {"-r", "2", "-j", "2"}), d.tmp, d.root + "/err.txt");
  ASSERT_TRUE(wait_for_phase(run, Phase::kSimulation, d.tmp, d.out, 400));
  std::vector<pid_t> workers;
  for (int i = 0; i < 200 && workers.size() < 2; ++i) {  // both forked within a few ms of the scratch directory
    workers = children_of(run.pid);
    usleep(5000);
  }
  ASSERT_EQ(workers.size(), 2u);
  ASSERT_EQ(kill(workers.front(), SIGKILL), 0);
  const int status = wait_bounded(run.pid, 120);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInternal);
  const std::string err = read_file(run.err_path);
  EXPECT_TRUE(contains(err, "worker was killed by signal Killed")) << err;
  EXPECT_TRUE(contains(err, "results cover the simulated part only (1 of 2 replications, 0 to the end")) << err;
  EXPECT_FALSE(contains(err, "internal error")) << err;
  const auto doc = nlohmann::json::parse(read_file(d.json));
  EXPECT_EQ(doc["run"]["replications"], 1);
  // The other worker was stopped, not left to simulate its 90 days (seconds of work): the kill came early.
  EXPECT_EQ(doc["run"]["complete_replications"], 0);
  EXPECT_EQ(doc["run"]["complete"], false);
  EXPECT_TRUE(contains(doc["run"]["failure"].get<std::string>(), "killed by signal")) << doc["run"];
  EXPECT_EQ(h5_complete(d.h5), 0);
  // The report says what happened (a lost worker calls for memory, not for a rerun after a Ctrl-C), from run.failure.
  const std::string html = report_html(d.h5);
  ASSERT_FALSE(html.empty()) << "ccsim report refused the results file";
  const std::string lost = "INCOMPLETE RUN: a worker was lost: " + doc["run"]["failure"].get<std::string>();
  EXPECT_TRUE(contains(html, lost)) << lost << "\n" << html.substr(0, 2000);
  EXPECT_TRUE(contains(html, "no (a worker was lost)"));
  EXPECT_FALSE(contains(html, "interrupted by signal"));
  EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
  EXPECT_EQ(leftovers(d.out), std::vector<std::string>{});
}

TEST(Faults, OnlyWorkerKilledLeavesThePreviousFiles) {
  RunDirs d;
  ASSERT_TRUE(write_previous(d));
  const std::string prev_h5 = read_file(d.h5), prev_json = read_file(d.json);
  const Started run = start_run(month_run("90d", d.h5, d.json), d.tmp, d.root + "/err.txt");
  ASSERT_TRUE(wait_for_phase(run, Phase::kSimulation, d.tmp, d.out, 300));
  std::vector<pid_t> workers;
  for (int i = 0; i < 200 && workers.empty(); ++i) {
    workers = children_of(run.pid);
    usleep(5000);
  }
  ASSERT_EQ(workers.size(), 1u);
  ASSERT_EQ(kill(workers.front(), SIGKILL), 0);
  const int status = wait_bounded(run.pid, 120);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInternal);
  const std::string err = read_file(run.err_path);
  EXPECT_TRUE(contains(err, "replication 0 worker was killed by signal Killed")) << err;
  EXPECT_TRUE(contains(err, "nothing written (existing outputs are untouched)")) << err;
  EXPECT_EQ(read_file(d.h5), prev_h5);
  EXPECT_EQ(read_file(d.json), prev_json);
  EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
}
