// SIGINT at any moment of a run -- Ctrl-C (the whole process group) or `kill -INT` of the parent alone -- ends
// with exit 130, a message saying what was kept, and no temporary file: before the first replication nothing is
// written, during the simulation the outputs hold what was simulated (marked incomplete), while writing the
// outputs are finished first (complete).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "cli/faults/fault_support.hpp"
#include "core/error.hpp"
#include "support/test_support.hpp"

using namespace ccsim::test;
using namespace ccsim::test::faults;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// What the run said it kept must be what the targets hold.
void expect_kept_as_said(const RunDirs& d, const std::string& err, const std::string& prev_h5,
                         const std::string& prev_json) {
  const bool nothing = contains(err, "interrupted before any replication started; nothing written");
  const bool partial = contains(err, "interrupted: results cover the simulated part only");
  const bool finished = contains(err, "interrupted after the simulation ended: the outputs were completed first");
  ASSERT_EQ(nothing + partial + finished, 1) << "the run must say what it kept: " << err;
  if (nothing) {
    EXPECT_EQ(read_file(d.h5), prev_h5);
    EXPECT_EQ(read_file(d.json), prev_json);
    return;
  }
  const std::string html = report_html(d.h5);
  ASSERT_FALSE(html.empty()) << "ccsim report refused the results file";
  EXPECT_EQ(h5_complete(d.h5), partial ? 0 : 1);
  // The report names the cause from run.interrupted: a signal, not a lost worker.
  EXPECT_EQ(contains(html, "INCOMPLETE RUN: interrupted by signal"), partial);
  EXPECT_FALSE(contains(html, "a worker was lost"));
  const auto doc = nlohmann::json::parse(read_file(d.json));
  EXPECT_EQ(doc["run"]["interrupted"], partial);
}

}  // namespace

TEST(Faults, SigintAtSeededRandomMomentsToGroupOrParent) {
  RunDirs d;
  ASSERT_TRUE(write_previous(d));
  std::mt19937 rng(130);
  // Setup from the moment ccsim catches SIGINT: before that the default action ends it, as for any program.
  const Phase phases[] = {Phase::kLoading, Phase::kSimulation, Phase::kWriting};
  const int max_delay_ms[] = {10, 700, 40};
  for (int i = 0; i < 6; ++i) {
    const Phase phase = phases[i % 3];
    const bool whole_group = i % 2 == 0;  // Ctrl-C, or kill -INT of the parent alone
    const int delay = std::uniform_int_distribution<int>(0, max_delay_ms[i % 3])(rng);
    SCOPED_TRACE("try " + std::to_string(i) + ": SIGINT to the " + (whole_group ? "group" : "parent alone") + " " +
                 std::to_string(delay) + " ms into " + phase_name(phase));
    const std::string prev_h5 = read_file(d.h5), prev_json = read_file(d.json);
    const Started run = start_run(month_run("10d", d.h5, d.json, {"--seed", std::to_string(200 + i)}), d.tmp,
                                  d.root + "/err.txt");
    ASSERT_GT(run.pid, 0);
    wait_for_phase(run, phase, d.tmp, d.out, delay);
    kill(whole_group ? -run.pid : run.pid, SIGINT);
    const int status = wait_bounded(run.pid, 60);
    ASSERT_NE(status, -1) << "the run did not stop after SIGINT";
    EXPECT_TRUE(group_gone(run.pid, 20));
    const std::string err = read_file(run.err_path);
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
    if (contains(err, "interrupted")) {
      EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInterrupted) << err;
      expect_kept_as_said(d, err, prev_h5, prev_json);
    } else {  // the signal came after the run had ended
      EXPECT_EQ(WEXITSTATUS(status), 0) << err;
    }
    // An interrupted run cleans up after itself: nothing for the next run to remove.
    EXPECT_EQ(leftovers(d.out), std::vector<std::string>{});
    EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
  }
}
